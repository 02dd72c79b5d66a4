"""The prefilter before whole-word searches: it may let a block through that
has no match, never hold back one that has."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from medlint.patterns import compile_pattern, may_match, start_filter, word_prefixes

_TERMS = st.lists(
    st.sampled_from(
        ["hyp", "hypertension", "in the event that", "in the", "a b", "abcd?", "Kel", "sat"]
        + ["myocardial infarctions?", "pruritus", "prior to", "oedema", "ab c"]
        + ["sat(?! (?:a|b))", "kel(?:a|)", "hy|in"]
    ),
    min_size=1,
    max_size=4,
    unique=True,
)
_PIECES = list("hypertnsioabcdmkelKELSAT -'@.\u212a\u017f\u0130½_\n") + ["in the ", "ab c"]
_TEXT = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join)


@settings(max_examples=3000, derandomize=True, database=None)
@given(_TERMS, _TEXT, st.booleans())
def test_a_text_with_a_match_is_always_searched(terms, text, ignore_case):
    starts = start_filter(tuple(terms), ignore_case)
    pattern = compile_pattern("|".join(f"(?:{t})" for t in terms), ignore_case, whole_words=True)
    if pattern.search(text) is not None:
        assert starts is None or may_match(starts, text)


def test_terms_whose_start_cannot_be_read_turn_the_prefilter_off():
    for term in ["ab?c", "abc?", "(?-i:TK)", "abc|de", r"\d+ mg", "x+", "abc[|]|de", "abc(|"]:
        assert word_prefixes((term,), True) is None, term
    assert word_prefixes(("hypertension", "in the event that"), True) == {
        "hyp": ("hypertension",),
        "in": ("in",),
    }


def test_an_alternation_inside_a_group_after_the_letters_keeps_the_prefilter():
    """Found on a 6 MB article: one term with a look-ahead ("ambulatory(?!
    surgery|care)") turned the prefilter off for all 109 plain-language terms."""
    terms = ("hypertension", r"ambulatory(?! (?:surgery|care))", r"abc[|]d", r"abcd\|e")
    assert word_prefixes(terms, True) == {
        "hyp": ("hypertension",),
        "amb": ("ambulatory",),
        "abc": ("abc", "abcd"),
    }


def test_blocks_without_a_term_start_are_skipped():
    starts = start_filter(("hypertension", "pruritus"), True)
    assert not may_match(starts, "Drink plenty of water and rest.")
    assert not may_match(starts, "Hyperthermia and prurigo are other words.")
    assert not may_match(
        starts, "Curly \u2018quotes\u2019 \u2013 and dashes \u2014 are not letters."
    )
    assert may_match(starts, "High blood pressure (Hypertension) is common.")
    assert not may_match(start_filter(("Hypertension",), False), "hypertension")


def test_a_word_outside_ascii_is_searched():
    """The Kelvin sign is "k", a long s is "s", a dotted capital I is "i" to
    a search that ignores case: the prefilter cannot tell, so it searches."""
    for term, text in [("kel", "\u212ael"), ("sat", "\u017fat"), ("in the", "\u0130n the")]:
        assert compile_pattern(term, True, whole_words=True).search(text)
        assert may_match(start_filter((term,), True), text)


def test_a_short_word_whose_space_is_optional_turns_the_prefilter_off():
    """Found in review: "re ?infection" also matches "reinfection", which a
    three-letter lookup ("rei") would not find under "re"."""
    assert word_prefixes(("x ?ray", "re ?infection"), True) is None
    pattern = compile_pattern("re ?infection", True, whole_words=True)
    assert pattern.search("A reinfection is common.")
