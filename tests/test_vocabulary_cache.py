"""The English dictionary and its letters are kept in the user's cache, under
a name of their own: an older medlint's kept file (the dictionary alone, as
"english", or as a dict with its letters, "english.v2") is left to it, and a
kept file of another shape is read again from pyspellchecker, never trusted.
The kept Lexicon answers, for every word, as pyspellchecker's dictionary."""

from __future__ import annotations

import marshal

from medlint import vocabulary


def test_the_kept_dictionary_holds_its_letters_and_another_shape_is_replaced(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    source = vocabulary._dictionary_file()
    assert source is not None
    older = vocabulary.user_cache_file(source, "english")
    older.parent.mkdir(parents=True)
    older.write_bytes(marshal.dumps({"zzqqxx": 1}))  # an older medlint's
    kept = vocabulary.user_cache_file(source, vocabulary.ENGLISH_KEPT)
    kept.write_bytes(marshal.dumps(({"zzqqxx": 1}, "xz")))  # not the shape this one keeps
    vocabulary._english.cache_clear()
    try:
        lexicon, letters = vocabulary._english()
        words, _ = vocabulary._spellchecker_words()
        assert len(lexicon) == len(words) > 10_000 and "zzqqxx" not in lexicon
        assert letters == "".join(sorted(set("".join(words))))
        assert marshal.loads(kept.read_bytes()) == (lexicon.dump(), letters)
        vocabulary._english.cache_clear()
        again, again_letters = vocabulary._english()  # read back from the kept file
        assert again is not lexicon and again.dump() == lexicon.dump()
        assert again_letters == letters
        assert all(word in again and again.get(word) == count for word, count in words.items())
        assert "cat" in vocabulary.edits1("cst") and "cat" in again.among(vocabulary.edits1("cst"))
        assert marshal.loads(older.read_bytes()) == {"zzqqxx": 1}  # still the older one's
    finally:
        vocabulary._english.cache_clear()


def test_a_word_not_in_the_dictionary_is_not_taken_for_one():
    lexicon = vocabulary.Lexicon.of({"fever": 30, "cough": 20})
    assert "fever" in lexicon and lexicon.get("cough") == 20
    assert "fevers" not in lexicon and "cogh" not in lexicon and lexicon.get("cogh", 0) == 0
    assert 5 not in lexicon
    assert lexicon.among(["fever", "fevre", "cough"]) == {"fever", "cough"}


def test_a_kept_lexicon_of_another_shape_is_refused():
    dump = vocabulary.Lexicon.of({"fever": 30}).dump()
    assert vocabulary.Lexicon.load(dump).dump() == dump
    order, hashes, counts, starts, marks = dump
    other = "big" if order == "little" else "little"
    assert (
        vocabulary.Lexicon.load((other, hashes, counts, starts, marks)) is None
    )  # another machine's
    assert vocabulary.Lexicon.load((order, hashes, counts[:-1], starts, marks)) is None
    assert vocabulary.Lexicon.load((order, b"", b"", starts, marks)) is None
    assert vocabulary.Lexicon.load((order, hashes, counts, starts[:-4], marks)) is None
    assert vocabulary.Lexicon.load((order, hashes * 2, counts * 2, starts, marks)) is None
    assert vocabulary.Lexicon.load((order, hashes, counts, starts, marks[:-1])) is None
    assert vocabulary.Lexicon.load((order, hashes, counts, starts, None)) is None
    assert vocabulary.Lexicon.load((order, hashes, counts, starts)) is None  # an older shape
    assert vocabulary.Lexicon.load((order, hashes, counts)) is None
    assert vocabulary.Lexicon.load({"fever": 30}) is None


def test_no_word_one_edit_from_a_dictionary_word_is_taken_for_one(tmp_path, monkeypatch):
    """What the spelling suggestions look up: every string one edit from
    1,000 of the dictionary's words is in the lexicon exactly when it is in
    pyspellchecker's dictionary."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    words, _ = vocabulary._spellchecker_words()
    lexicon = vocabulary.Lexicon.of(words)
    sample = sorted(words)[::160]
    assert len(sample) > 1000
    for word in sample:
        edits = vocabulary.edits1(word)
        assert lexicon.among(edits) == {edit for edit in edits if edit in words}, word


def test_a_dictionary_whose_words_share_a_hash_is_held_as_it_is(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(vocabulary, "word_hash", lambda word: len(word))
    monkeypatch.setattr(vocabulary, "_spellchecker_words", lambda: ({"fever": 3, "cough": 2}, "x"))
    vocabulary._english.cache_clear()
    try:
        words, _ = vocabulary._english()
        assert isinstance(words, vocabulary.WordCounts) and words.get("cough") == 2
        assert words.among(["fever", "fevre"]) == {"fever"}
        assert not list(tmp_path.rglob("english.*"))  # nothing kept
    finally:
        vocabulary._english.cache_clear()
