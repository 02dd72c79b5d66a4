"""The English dictionary and its letters are kept in the user's cache, under
a name of their own: an older medlint's kept file (the dictionary alone, as
"english") is left to it, and a kept file of another shape is read again from
pyspellchecker, never trusted."""

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
    kept.write_bytes(marshal.dumps({"zzqqxx": 1}))  # not the shape this one keeps
    vocabulary._english.cache_clear()
    try:
        words, letters = vocabulary._english()
        assert len(words) > 10_000 and "zzqqxx" not in words
        assert letters == "".join(sorted(set("".join(words))))
        assert marshal.loads(kept.read_bytes()) == (words, letters)
        vocabulary._english.cache_clear()
        assert vocabulary._english() == (words, letters)  # read back from the kept file
        assert "cat" in vocabulary.edits1("cst")
        assert marshal.loads(older.read_bytes()) == {"zzqqxx": 1}  # still the older one's
    finally:
        vocabulary._english.cache_clear()
