"""The undefined-acronym rule's matchers: whether the words before an acronym
spell it out, and whether what follows it in brackets is its meaning."""

from __future__ import annotations

import pytest

from medlint.checks.acronyms import _capitals_spell, _shouted_words, explains, spelled_out_before


@pytest.mark.parametrize(
    ("acronym", "before"),
    [
        ("CHIP", "Apply for the Children's Health Insurance Program "),  # a possessive
        ("CHIP", "the Children’s Health Insurance Program "),  # a curly apostrophe
        ("POW", "benefits for former Prisoners of War "),  # a small word gives its initial
        ("PW", "Prisoners of War "),  # ... or nothing
        ("DOD", "the Department of Defense "),
        ("VR&E", "Vocational Rehabilitation and Employment "),  # "and" gives the "&"
        ("VR&E", "Vocational Rehabilitation & Employment "),
        ("LIS", "the Low-Income Subsidy "),  # each part of a hyphenated word
        ("GI", "Gulf-War illness "),  # ... or its first part
        ("XLH", "X-linked hypophosphatemia "),
        ("TJC", "The Joint Commission "),  # a small word may start the name
        ("ALS", "amyotrophic lateral sclerosis "),  # any case
        ("HBP", "a high blood pressure "),
        ("CHIP", "Children's Health Insurance Program\n"),  # a line break is a space
    ],
)
def test_words_before_spell_it_out(acronym, before):
    assert spelled_out_before(acronym, before)


@pytest.mark.parametrize(
    ("acronym", "before"),
    [
        ("VBA", "the Veterans Health Administration "),  # one letter wrong
        ("IMRT", "Your team may suggest "),
        ("CHIP", "Children's Health Insurance "),  # a letter short
        ("CHP", "Children's Health Insurance Program "),  # a word too many
        ("CHIP", "Children's Health Insurance Program, "),  # punctuation between
        ("CHIP", "Children's Health Insurance Program"),  # no space: not right before it
        ("POW", "Prisoners War of "),  # the letters in another order
        ("PW", "Prisoners of War of "),  # the last word must give a letter
        ("FDC", "Fully Developed 2 Claims "),  # a number breaks the words
        ("CKD", ""),
    ],
)
def test_words_before_do_not_spell_it_out(acronym, before):
    assert not spelled_out_before(acronym, before)


@pytest.mark.parametrize(
    ("acronym", "inside"),
    [
        ("ASCT", "autologous stem cell transplantation"),  # initials fit
        ("PET", "positron emission tomography"),
        ("DEET", "diethyltoluamide"),  # one long word with its first letter
        ("WAK", "Cargo Vessel"),  # a name in capitalised words
        ("WHEC", "High Endurance Cutter"),
        ("YFU", "Harbor Utility Craft"),
        ("WLB", "Buoy Tender"),
        ("DS", "Department of Defense Self-Service"),
    ],
)
def test_brackets_after_explain_it(acronym, inside):
    assert explains(acronym, inside)


@pytest.mark.parametrize(
    ("acronym", "inside"),
    [
        ("VA", "see below"),  # a remark
        ("VA", "See Below"),
        ("MRI", "if needed"),
        ("EOB", "if you have one"),
        ("FDC", "Optional"),
        ("RTAF", "Thailand"),  # one capitalised word: a place, not a name for it
        ("ICD", "2019 edition"),  # a date
        ("FDC", "Form 21-526EZ"),
        ("NIH", "NCI, NIDDK"),  # a list
        ("DEET", "diets"),  # too short to be its words
        ("DEET", "mosquitoes"),  # another first letter
    ],
)
def test_brackets_after_are_a_remark(acronym, inside):
    assert not explains(acronym, inside)


def test_capitalised_words_after_a_dash_spell_it_out():
    words = (
        "Pediatric Autoimmune Neuropsychiatric Disorders Associated with Streptococcal infections"
    )
    assert _capitals_spell("PANDAS", words + " - is rare.")
    assert not _capitals_spell("PANDAS", "Call us today.")
    assert not _capitals_spell("PACT", "see the list. Patient Aligned Care Team")


@pytest.mark.parametrize(
    ("text", "shouted"),
    [
        ("NEVER SHARE your needles.", ["NEVER SHARE"]),
        ("PLEASE NOTE: the clinic is closed.", ["PLEASE NOTE"]),
        ("DON'T STOP now.", ["DON'T STOP"]),
        ("CHIP pays for it.", []),  # one word alone may be an acronym
        ("Ask the VBA PACT team.", []),  # "vba" is no English word
        ("NIDDK, NINDS and CDC", []),
    ],
)
def test_ordinary_words_in_capitals_are_emphasis(text, shouted):
    assert [text[start:end] for start, end in _shouted_words(text)] == shouted


def test_after_a_word_reads_backwards_what_the_search_found():
    """``_after_a_word`` is ``re.search(r"[^\\W_]\\W*$", text[:end])`` without the search."""
    import random
    import re

    from medlint.checks.acronyms import _after_a_word

    rng = random.Random(7)
    alphabet = "aZ9_ (),.-\t²é٣\u0301\u00a0—'"
    for _ in range(5000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        for end in range(len(text) + 1):
            expected = re.search(r"[^\W_]\W*$", text[:end]) is not None
            assert _after_a_word(text, end) == expected, (text, end)
