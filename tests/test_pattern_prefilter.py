"""The prefilter before every search with a user's pattern: it may let a
block through that has no match, never hold back one that has."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from medlint.patterns import (
    PatternError,
    _may_hold,
    compile_pattern,
    finditer,
    required_literals,
    search,
)

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
def test_a_text_with_a_match_of_a_term_is_always_searched(terms, text, ignore_case):
    pattern = compile_pattern("|".join(f"(?:{t})" for t in terms), ignore_case, whole_words=True)
    if pattern.search(text) is not None:
        assert _may_hold(pattern, text)


def test_a_word_outside_ascii_is_searched():
    """The Kelvin sign is "k", a long s is "s", a dotted capital I is "i" to
    a search that ignores case: the prefilter cannot tell, so it searches."""
    for term, text in [("kel", "\u212ael"), ("sat", "\u017fat"), ("in the", "\u0130n the")]:
        pattern = compile_pattern(term, True, whole_words=True)
        assert pattern.search(text)
        assert _may_hold(pattern, text)


def test_a_short_word_whose_space_is_optional_is_found():
    """Found in review: "re ?infection" also matches "reinfection"."""
    pattern = compile_pattern("re ?infection", True, whole_words=True)
    assert search(pattern, "A reinfection is common.")


def test_a_look_ahead_with_alternatives_keeps_the_prefilter():
    """Found on a 6 MB article: one plain-language term with a look-ahead
    ("ambulatory(?! (?:surgery|care))") turned the prefilter of an earlier
    design off for all 109 terms."""
    assert required_literals(r"ambulatory(?! (?:surgery|care))") == ("ambulatory",)


# The literal prefilter of every user pattern (patterns.finditer / search).

_ATOMS = st.sampled_from(
    [
        "a",
        "b",
        "ab",
        "k",
        "ss",
        " ",
        "-",
        ".",
        r"\.",
        r"\s",
        r"\d",
        r"\w",
        "[ab]",
        "[^a]",
        "(?-i:B)",
    ]
    + ["(?:a|bk)", "(?:b|)", "(?m:^)", "(?<=a)", "(?!b)", "$", "…", "é", r"\{", "%", "[]a]"]
    + ["(?:ab){e<=1}", "[[:alpha:]]", "(?i:K)", "\u212a", "\u0130", "ſ"]
)
_QUANT = st.sampled_from(["", "", "", "?", "*", "+", "{2}", "{0,2}", "{1,}", "+?"])
_PATTERN = st.lists(st.tuples(_ATOMS, _QUANT).map("".join), min_size=1, max_size=6).map("".join)
_HAYSTACK = st.lists(
    st.sampled_from(list("abkKsS .-%{}é\n\u212a\u0130ſ1") + ["ab", "bk", "ss", "…"]), max_size=25
).map("".join)


@settings(max_examples=1500, derandomize=True, database=None)
@given(st.lists(_PATTERN, min_size=1, max_size=3), _HAYSTACK, st.booleans(), st.booleans())
def test_the_literal_prefilter_never_hides_a_match(tokens, text, ignore_case, whole_words):
    try:
        pattern = compile_pattern("|".join(f"(?:{t})" for t in tokens), ignore_case, whole_words)
    except PatternError:
        return
    if pattern.search(text) is not None:
        assert _may_hold(pattern, text)
        assert search(pattern, text) is not None
        assert [m.span() for m in finditer(pattern, text)] == [
            m.span() for m in pattern.finditer(text)
        ]


def test_the_literals_every_match_holds():
    assert required_literals("click here") == ("click here",)
    assert set(required_literals(r"(?m:^|(?<=[.!?]\s))read more\s*[.…]*")) == {"read more"}
    assert set(required_literals("(?-i:TODO|TBD|TKTK|TK)")) == {"TODO", "TBD", "TKTK", "TK"}
    assert required_literals(r"\d+ mg") == (" mg",)
    # Of literals as long, one word before either of two common ones: every
    # health paragraph holds "health" or "medical", few hold "advice".
    advice = r"\bnot\s+(?:\w+\s+){0,4}(?:medical|health)\s+advice\b"
    assert required_literals(advice) == ("advice",)
    for unreadable in [r"\w+", "a|b?", "(?:)", r"\p{L}+", "(?:ab){e<=1}", "[[:alpha:]]x"]:
        assert required_literals(unreadable) is None, unreadable


def test_blocks_without_the_literals_are_not_searched():
    pattern = compile_pattern("(?:click here)|(?:lorem ipsum)", True, True)
    assert not _may_hold(pattern, "Drink plenty of water.")
    assert _may_hold(pattern, "CLICK HERE to apply")
    assert _may_hold(pattern, "Curly \u2018quotes\u2019 and click here")
    assert _may_hold(pattern, "A letter outside ASCII: caf\u00e9")  # always searched


def test_the_built_in_packs_patterns_are_read():
    """Each built-in rule of the pattern kinds gets a prefilter: found when
    the boilerplate pattern ("[^\\[\\]\\n]") was read as a class left open."""
    from medlint.checks.existence import combined_pattern
    from medlint.rules import builtin_rules_dir, load_pack

    pack = load_pack(builtin_rules_dir())
    for rule_id in ["leaked-boilerplate", "unattributed-review", "plain-language"]:
        options = pack[rule_id].options
        tokens = options.get("tokens") or options.get("first") or list(options["swap"])
        assert required_literals(combined_pattern(tokens, True, True).pattern), rule_id


def test_comments_and_what_verbose_mode_drops_turn_the_prefilter_off():
    """Found in review: "(?#one typo [sic)(?:foo){e<=1}" read the comment's
    "[" as a class left open, then took the fuzzy count for literal text."""
    for source in [r"(?#[)(?:foo){e<=1}", "(?x) # x [y\n (?:bar){e<=1}", "(?x)foo\x1cbar"]:
        assert required_literals(source) is None, source
    pattern = compile_pattern(r"(?#[)(?:foo){e<=1}", True)
    assert search(pattern, "a fox") is not None


def test_the_standard_parser_warns_nobody(recwarn):
    """Found in review: "[ --]" made the standard parser print a FutureWarning."""
    required_literals("click[ --]here")
    assert not [w for w in recwarn if issubclass(w.category, FutureWarning)]


# Spelling blanks URLs, e-mail addresses, domains and file sizes with only the
# alternatives of its pattern that a text could match: the same text as the
# whole pattern gives, always.
_ADDRESS_PIECES = list("ab.@/:-_ 1 2,kKmMbB\u0130\u212a\n") + ["www.", "http://", "mailto:"]
_ADDRESS_TEXT = st.lists(
    st.sampled_from(_ADDRESS_PIECES + ["byte", "MiB", " gov", ".org", "e.g."]), max_size=40
).map("".join)


@settings(max_examples=3000, derandomize=True, database=None)
@given(_ADDRESS_TEXT)
def test_spelling_masks_what_its_whole_pattern_masks(text):
    from medlint.checks.spelling import _MASKED, _blank_address, _mask

    assert _mask(text) == _MASKED.sub(_blank_address, text)


def test_the_flags_are_the_regex_packages_and_a_pattern_compiles_when_first_needed():
    import regex

    from medlint import patterns

    assert (patterns.IGNORECASE, patterns.VERBOSE) == (regex.IGNORECASE, regex.VERBOSE)
    patterns.user_pattern.cache_clear()  # (another test may have searched with it)
    lazy = patterns.user_pattern("click here|lorem ipsum", True, True)
    assert lazy._compiled is None
    assert list(patterns.finditer(lazy, "Nothing to see.")) == [] and lazy._compiled is None
    found = [m.group() for m in patterns.finditer(lazy, "Please CLICK HERE now.")]
    assert found == ["CLICK HERE"] and lazy._compiled is not None
    assert lazy.fullmatch("lorem ipsum") is not None  # what else is asked of it: the compiled one's
    broken = patterns.user_pattern("(unclosed words", True)
    with pytest.raises(patterns.PatternError, match="'\\(unclosed words' does not compile"):
        patterns.search(broken, "some unclosed words here")
    with pytest.raises(patterns.PatternError):
        patterns.compile_pattern("(unclosed words")  # at once, for a pack's validation
