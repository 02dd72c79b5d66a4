"""The readability rule's own count of pyphen's hyphenation points (a faster
walk over the same patterns) gives pyphen's count, word for word."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from medlint.readability import _hyphenation, _hyphenator
from medlint.tokens import words

from conftest import CORPUS, needs_corpus

_LETTERS = st.sampled_from(list("abcdefghijklmnopqrstuvwxyzéüß'-") + ["tion", "ph", "ous", "ing"])


@settings(max_examples=3000, derandomize=True, database=None)
@given(st.lists(_LETTERS, min_size=1, max_size=12).map("".join))
def test_hyphenation_points_are_pyphens(word):
    assert _hyphenation().points(word) == len(_hyphenator().positions(word))


def test_hyphenation_points_are_pyphens_on_medical_words():
    words = "hypercholesterolemia pneumonoultramicroscopicsilicovolcanoconiosis".split()
    words += "lymphoblastic leukemia immunotherapy acetaminophen a an I syllable".split()
    for word in words:
        assert _hyphenation().points(word) == len(_hyphenator().positions(word)), word


@needs_corpus
def test_hyphenation_points_are_pyphens_on_the_corpus_words():
    seen: set[str] = set()
    for path in sorted((CORPUS / "medquad").glob("*/*.md"))[::20]:
        seen.update(w.lower() for w in words(Path(path).read_text(encoding="utf-8")))
    assert len(seen) > 5000
    different = [w for w in seen if _hyphenation().points(w) != len(_hyphenator().positions(w))]
    assert different == []


def test_the_patterns_read_without_pyphen_are_pyphens():
    """The one-file run reads pyphen's patterns from the user's cache without
    importing pyphen: the same file, the same patterns, pyphen's defaults."""
    import pyphen

    from medlint.readability import _LEFT, _RIGHT, _dictionary_file

    assert _dictionary_file() == Path(pyphen.LANGUAGES[pyphen.language_fallback("en_US")])
    hyphenator = pyphen.Pyphen(lang="en_US")
    assert (hyphenator.left, hyphenator.right) == (_LEFT, _RIGHT)
    assert _hyphenation().patterns == hyphenator.hd.patterns
    assert _hyphenation().maxlen == hyphenator.hd.maxlen


def test_the_kept_table_holds_the_patterns_and_their_prefixes_and_another_shape_is_replaced(
    tmp_path, monkeypatch
):
    import marshal

    from medlint import readability
    from medlint.readability import HYPHENATION_KEPT, _dictionary_file, _table
    from medlint.vocabulary import user_cache_file

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    older = user_cache_file(_dictionary_file(), "hyphenation")
    older.parent.mkdir(parents=True)
    patterns = _hyphenator().hd.patterns
    older.write_bytes(marshal.dumps(patterns))  # an older medlint's: the patterns alone
    kept = user_cache_file(_dictionary_file(), HYPHENATION_KEPT)
    kept.write_bytes(marshal.dumps((patterns, frozenset())))  # not the shape this one keeps
    readability._hyphenation.cache_clear()
    try:
        word = "hyphenation"
        assert readability._hyphenation().points(word) == len(_hyphenator().positions(word))
        table = _table(patterns)
        assert marshal.loads(kept.read_bytes()) == table
        assert set(table) == {key[:size] for key in patterns for size in range(1, len(key) + 1)}
        readability._hyphenation.cache_clear()
        assert readability._hyphenation().table == table  # from the kept file
        assert readability._hyphenation().patterns == patterns
        assert marshal.loads(older.read_bytes()) == patterns  # still the older one's
    finally:
        readability._hyphenation.cache_clear()
