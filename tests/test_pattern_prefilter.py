"""The prefilter before whole-word searches: it may let a block through that
has no match, never hold back one that has."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from medlint.patterns import compile_pattern, may_match, word_prefixes

_TERMS = st.lists(
    st.sampled_from(
        ["hyp", "hypertension", "in the event that", "in the", "a b", "abcd?", "Kel", "sat"]
        + ["myocardial infarctions?", "pruritus", "prior to", "oedema", "ab c"]
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
    prefixes = word_prefixes(tuple(terms), ignore_case)
    pattern = compile_pattern("|".join(f"(?:{t})" for t in terms), ignore_case, whole_words=True)
    if pattern.search(text) is not None:
        assert prefixes is None or may_match(prefixes, text, ignore_case)


def test_terms_whose_start_cannot_be_read_turn_the_prefilter_off():
    for term in ["ab?c", "abc?", "(?-i:TK)", "abc|de", r"\d+ mg", "x+"]:
        assert word_prefixes((term,), True) is None, term
    assert word_prefixes(("hypertension", "in the event that"), True) == {
        "hyp": ("hypertension",),
        "in": ("in",),
    }


def test_blocks_without_a_term_start_are_skipped():
    prefixes = word_prefixes(("hypertension", "pruritus"), True)
    assert not may_match(prefixes, "Drink plenty of water and rest.", True)
    assert not may_match(prefixes, "Hyperthermia and prurigo are other words.", True)
    assert may_match(prefixes, "High blood pressure (Hypertension) is common.", True)


def test_a_word_outside_ascii_is_searched():
    """The Kelvin sign is "k", a long s is "s", a dotted capital I is "i" to
    a search that ignores case: the prefilter cannot tell, so it searches."""
    for term, text in [("kel", "\u212ael"), ("sat", "\u017fat"), ("in the", "\u0130n the")]:
        assert compile_pattern(term, True, whole_words=True).search(text)
        assert may_match(word_prefixes((term,), True), text, True)


def test_a_short_word_whose_space_is_optional_turns_the_prefilter_off():
    """Found in review: "re ?infection" also matches "reinfection", which a
    three-letter lookup ("rei") would not find under "re"."""
    assert word_prefixes(("x ?ray", "re ?infection"), True) is None
    pattern = compile_pattern("re ?infection", True, whole_words=True)
    assert pattern.search("A reinfection is common.")
