"""The one tokenizer: a word is what a reader counts as one."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from medlint import tokens
from medlint.parsing.sentences import words as sentence_words
from medlint.readability import words as readability_words
from medlint.tokens import words


@pytest.mark.parametrize(
    "text",
    [
        "$50,000",
        "£1,200.50",
        "2.5",
        "8:30",
        "90%",
        "1st-time",
        "U.S.",
        "a.m.",
        "e.g.",
        "i.e.",
        "IRS.gov",
        "www.nhs.uk",
        "https://www.va.gov/health-care/",
        "help@va.gov",
        "COVID-19",
        "don't",
        "long-term",
        "Parkinson’s",
    ],
)
def test_one_word(text):
    assert words(text) == [text]


def test_a_missing_space_is_not_a_domain():
    assert words("the cells.the end") == ["the", "cells", "the", "end"]
    assert words("Stage II. Fine.") == ["Stage", "II", "Fine"]


def test_every_rule_counts_with_the_same_tokenizer():
    text = "In the U.S., call 8 a.m. to 8 p.m. or pay $50,000 on IRS.gov."
    assert sentence_words(text) == readability_words(text) == words(text)
    assert len(words(text)) == 14


_ALPHABET = "aZé'’-@.:,$£%5 \t/_é\u00a0"


@settings(max_examples=3000, derandomize=True, database=None)
@given(st.text(alphabet=_ALPHABET, max_size=40))
def test_plain_word_shortcut_reads_as_the_full_tokenizer(text):
    """Text without a digit, an "@" or a dot before a letter is read with the
    plain-word pattern alone: it must give exactly the full pattern's words."""
    full = tokens._TOKEN.findall(text)
    assert tokens.words(text) == full
    assert tokens.word_spans(text) == [m.span() for m in tokens._TOKEN.finditer(text)]


_FRAGMENTS = st.sampled_from(
    ["a", "Zé", "gov", "org", "nhs", "uk", "st", "th", "https", "://", "www", "IRS", "U", "S"]
    + list(".@-'’:,/$£%_ ()")
    + ["5", "50", "2.5", "1st", "8:30", "\u00a0", "\t", "٣"]
)


@settings(max_examples=4000, derandomize=True, database=None)
@given(st.lists(_FRAGMENTS, max_size=14).map("".join))
def test_each_narrowed_tokenizer_reads_as_the_full_one(text):
    """A text is searched without the alternatives that cannot match in it
    (numbers without a digit, e-mail addresses without an "@", domains and
    "U.S." without a dot before a letter): the same words as the full pattern."""
    assert tokens.words(text) == tokens._TOKEN.findall(text)
    assert tokens.word_spans(text) == [m.span() for m in tokens._TOKEN.finditer(text)]
