"""Word lists for the spelling rule: the English dictionary, the bundled
medical vocabulary, a project's own words and any hunspell dictionaries; and
the language an article is written in.

Everything is loaded on first use and kept for the run. pyspellchecker's
English dictionary takes ~150 ms to load from its gzipped JSON, too much for a
pre-commit hook that checks one file; so the first run keeps a copy in
medlint's cache directory (``$XDG_CACHE_HOME/medlint``, else
``~/.cache/medlint``) as a Lexicon of hashes, which loads in ~2 ms. The copy is keyed on the size
and date of pyspellchecker's own file, so an upgrade refreshes it; when the
cache cannot be written, medlint simply reads pyspellchecker's file each time.

Word lists (``words-file``, ``word-lists``, hunspell ``dictionaries``) are
read only when they are regular files (a FIFO would hang the run,
``/dev/zero`` never ends) of at most 5 MB and 500,000 words
(``medlint.reading``); anything else is a WordListError, a ConfigError
naming the file.
"""

from __future__ import annotations

import importlib.util
import marshal
import os
import stat
import sys
from array import array
from bisect import bisect_left
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any
from zlib import crc32

from medlint.errors import ConfigError
from medlint.files import write_atomically
from medlint.reading import (
    MAX_WORD_LIST_BYTES,
    MAX_WORDS,
    FileTooLarge,
    NotRegularFile,
    format_size,
    read_bytes,
)
from medlint.reading import kind as file_kind


class WordListError(ConfigError):
    """A word list medlint will not read: not a regular file, or too large."""


#: The languages medlint knows: American English (its dictionary's) and
#: British English (which accepts British spellings, and reads 04/07/2026 as
#: 4 July).
LANGUAGES = ("en-US", "en-GB")
DEFAULT_LANGUAGE = "en-US"
_LANGUAGE_NAMES = {"en": "en-US", "en-us": "en-US", "en-gb": "en-GB"}
#: Front matter keys that name an article's language.
LANGUAGE_KEYS = ("lang", "language")


def parse_language(value: object) -> str | None:
    """ "en-GB", "en_GB", "en-gb" -> "en-GB"; "en" -> "en-US"; None for
    anything else."""
    if not isinstance(value, str):
        return None
    return _LANGUAGE_NAMES.get(value.strip().lower().replace("_", "-"))


def article_language(front_matter: Mapping[str, Any] | None, default: str) -> str:
    """The language an article's front matter names (``lang`` or ``language``,
    in any case), else ``default``, the run's language. A value medlint does
    not know ("fr", "British") is not an error: the article is read in the
    run's language."""
    if front_matter:
        for key, value in front_matter.items():
            if isinstance(key, str) and key.lower() in LANGUAGE_KEYS:
                language = parse_language(value)
                if language is not None:
                    return language
    return default


def english() -> Lexicon | WordCounts:
    """pyspellchecker's English dictionary (``in``, and ``get`` for a word's
    frequency)."""
    return _english()[0]


class Lexicon:
    """pyspellchecker's English words and their frequencies, held as arrays:
    the words' 64-bit hashes in order, each one's frequency, and where the
    hashes of each value of their top 16 bits start. Loading a dictionary of
    160,000 strings took ~40 ms and ~20 MB of memory in every process, most of
    a one-file run's checking time; the arrays load in ~2 ms and take 2.8 MB.
    A lookup is a hash and a binary search among the two or three hashes that
    share its top bits (~0.5 µs against a set's 0.05): a run over 5,000
    articles makes ~2 million, most of them for spelling suggestions. So
    ``among`` (the suggestions' search) first reads a table of 2**23 bits
    (1 MB), one for each value of the top 23 bits of the word's CRC-32, set
    for those of the dictionary's words: 98% of the strings one edit from a
    word are no word, and most of them are told so by one bit.

    The hash is the CRC-32 of the word's UTF-8 beside the CRC-32 of it
    reversed. A CRC-32 tells apart any two texts of one length that differ
    within 4 bytes in a row, so a typo of one letter, or two letters swapped,
    never shares a hash with the word; other words share one with one of the
    dictionary's 160,000 about once in 10**14 lookups (they would be taken
    as known). Two of the dictionary's words that shared one would stop the
    dictionary being kept (``of``)."""

    __slots__ = ("_hashes", "_counts", "_starts", "_marks")

    #: The top bits of a hash that say where to search for it.
    _TOP = 48
    #: The bits of a hash's CRC-32 (its top 32) below those that mark it in ``_marks``.
    _MARK_SHIFT = 9
    _MARKS_SIZE = 1 << (32 - _MARK_SHIFT - 3)  # bytes

    def __init__(self, hashes: array, counts: array, starts: array, marks: bytes) -> None:
        self._hashes = hashes
        self._counts = counts
        self._starts = starts
        self._marks = marks

    @classmethod
    def of(cls, words: Mapping[str, int]) -> Lexicon:
        by_hash = {word_hash(word): count for word, count in words.items()}
        if len(by_hash) != len(words):
            raise ValueError("two words of the dictionary share a hash")
        hashes = array("Q", sorted(by_hash))
        counts = array("Q", [by_hash[key] for key in hashes])
        starts = array("I", [bisect_left(hashes, top << cls._TOP) for top in range(1 << 16)])
        starts.append(len(hashes))
        marks = bytearray(cls._MARKS_SIZE)
        for key in hashes:
            mark = key >> 32 >> cls._MARK_SHIFT
            marks[mark >> 3] |= 1 << (mark & 7)
        return cls(hashes, counts, starts, bytes(marks))

    def _index(self, word: str) -> int:
        key = word_hash(word)
        top = key >> self._TOP
        end = self._starts[top + 1]
        i = bisect_left(self._hashes, key, self._starts[top], end)
        return i if i < end and self._hashes[i] == key else -1

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self._index(word) >= 0

    def get(self, word: str, default: int = 0) -> int:
        """The word's frequency, ``default`` for a word not in the dictionary."""
        i = self._index(word)
        return self._counts[i] if i >= 0 else default

    def __len__(self) -> int:
        return len(self._hashes)

    def among(self, words: Iterable[str]) -> set[str]:
        """The dictionary's words among ``words`` (as ``_index`` finds them,
        after the marks have turned away most of the others)."""
        hashes, starts, marks, shift = self._hashes, self._starts, self._marks, self._MARK_SHIFT
        found = set()
        for word in words:
            data = word.encode("utf-8", "surrogatepass")
            high = crc32(data)
            if not marks[high >> (shift + 3)] >> (high >> shift & 7) & 1:
                continue
            key = high << 32 | crc32(data[::-1])
            top = high >> 16
            end = starts[top + 1]
            i = bisect_left(hashes, key, starts[top], end)
            if i < end and hashes[i] == key:
                found.add(word)
        return found

    def dump(self) -> tuple[str, bytes, bytes, bytes, bytes]:
        return (
            sys.byteorder,
            self._hashes.tobytes(),
            self._counts.tobytes(),
            self._starts.tobytes(),
            self._marks,
        )

    @classmethod
    def load(cls, kept: object) -> Lexicon | None:
        """A lexicon from what ``dump`` gave; None for anything else."""
        if not (isinstance(kept, tuple) and len(kept) == 5 and kept[0] == sys.byteorder):
            return None
        _, hashes, counts, starts, marks = kept
        if not all(isinstance(data, bytes) for data in (hashes, counts, starts, marks)):
            return None
        lexicon = cls(array("Q"), array("Q"), array("I"), marks)
        if len(hashes) != len(counts) or not hashes or len(hashes) % 8:
            return None
        if len(starts) != ((1 << 16) + 1) * lexicon._starts.itemsize:
            return None
        if len(marks) != cls._MARKS_SIZE:
            return None
        lexicon._hashes.frombytes(hashes)
        lexicon._counts.frombytes(counts)
        lexicon._starts.frombytes(starts)
        if lexicon._starts[-1] != len(lexicon._hashes):
            return None
        return lexicon


def word_hash(word: str) -> int:
    data = word.encode("utf-8", "surrogatepass")
    return crc32(data) << 32 | crc32(data[::-1])


#: The name of the kept dictionary: a new name for each new shape of the file,
#: since the user's cache is shared by every medlint installed (an older one
#: kept the dictionary alone as "english", then as "english.v2" with its
#: letters, "english.v3" and "english.v4" with other hashes, "english.v5"
#: without the marks, and reads only that).
ENGLISH_KEPT = "english.v6"


class WordCounts(dict):
    """The dictionary as a plain mapping, for when it cannot be a Lexicon."""

    def among(self, words: Iterable[str]) -> set[str]:
        return {word for word in words if word in self}


@lru_cache(maxsize=1)
def _english() -> tuple[Lexicon | WordCounts, str]:
    """The dictionary and the letters its words use (what ``edits1`` tries),
    kept together in the user's cache: the letters took a pass over every word."""
    source = _dictionary_file()
    cache = user_cache_file(source, ENGLISH_KEPT) if source else None
    if cache is not None:
        try:
            kept = marshal.loads(cache.read_bytes())
        except (OSError, EOFError, ValueError, TypeError):
            kept = None
        if isinstance(kept, tuple) and len(kept) == 2 and isinstance(kept[1], str):
            lexicon = Lexicon.load(kept[0])
            if lexicon is not None:
                return lexicon, kept[1]
    words, letters = _spellchecker_words()
    try:
        lexicon = Lexicon.of(words)
    except ValueError:  # two words share a hash: the words themselves, each run
        return WordCounts(words), letters
    if cache is not None:
        write_user_cache(cache, marshal.dumps((lexicon.dump(), letters)))
    return lexicon, letters


def _spellchecker_words() -> tuple[dict[str, int], str]:
    """pyspellchecker's dictionary, read from its own (gzipped JSON) file, and
    the letters of its words."""
    from spellchecker import SpellChecker

    words = dict(SpellChecker().word_frequency.dictionary)
    return words, "".join(sorted(set("".join(words))))


def _dictionary_file() -> Path | None:
    spec = importlib.util.find_spec("spellchecker")
    if spec is None or spec.origin is None:
        return None
    path = Path(spec.origin).parent / "resources" / "en.json.gz"
    return path if path.is_file() else None


def user_cache_file(source: Path, name: str) -> Path:
    """Where data parsed from a library's file ``source`` is kept between
    runs (``$XDG_CACHE_HOME/medlint``, else ``~/.cache/medlint``), named by
    the file's size and time: a new version of the library is a new file."""
    stat = source.stat()
    root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return root / "medlint" / f"{name}-{stat.st_size}-{stat.st_mtime_ns}.marshal"


def write_user_cache(path: Path, data: bytes) -> None:
    """Keep ``data`` at ``path``; the files kept for other versions of the
    same source (``name-*``) go, so the directory does not grow."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, data)
        name = path.name.split("-", 1)[0]
        for older in path.parent.glob(f"{name}-*.marshal"):
            if older != path:
                older.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only home: no cache, only slower


def edits1(word: str) -> set[str]:
    """Every string one edit (delete, transpose, replace, insert) from ``word``,
    as pyspellchecker's ``edit_distance_1`` makes them, over its letters."""
    letters = _letters()
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = [left + right[1:] for left, right in splits if right]
    transposes = [
        left + right[1] + right[0] + right[2:] for left, right in splits if len(right) > 1
    ]
    replaces = [left + c + right[1:] for left, right in splits if right for c in letters]
    inserts = [left + c + right for left, right in splits for c in letters]
    return set(deletes + transposes + replaces + inserts)


def _letters() -> str:
    return _english()[1]


def word_list(path: str) -> frozenset[str]:
    """A word list: one word per line, ``#`` starts a comment. Missing (or
    unreadable, or not UTF-8): empty. Not a regular file, or over the limits:
    WordListError. Cached while the file is unchanged."""
    try:
        info = os.stat(path)
    except OSError:
        return frozenset()
    except ValueError:  # a NUL byte in the name
        raise WordListError(path, "not a valid file name") from None
    _check(path, info)
    return _word_list(path, info.st_mtime_ns, info.st_size)


@lru_cache(maxsize=64)
def _word_list(path: str, mtime_ns: int, size: int) -> frozenset[str]:
    data = _read(path)
    try:
        text = data.decode("utf-8") if data is not None else ""
    except UnicodeDecodeError:
        return frozenset()
    words = [word for line in text.splitlines() if (word := line.split("#", 1)[0].strip())]
    _check_count(path, words)
    return frozenset(word.lower() for word in words)


@lru_cache(maxsize=16)
def hunspell_words(path: str) -> frozenset[str]:
    """The stems of a hunspell ``.dic`` file (affix rules are not applied)."""
    data = _read(path)
    if data is None:
        return frozenset()
    lines = data.decode("utf-8", errors="replace").splitlines()[1:]
    stems = [stem for line in lines if (stem := line.split("/", 1)[0].strip())]
    _check_count(path, stems)
    return frozenset(stem.lower() for stem in stems)


def _read(path: str) -> bytes | None:
    """A word file's bytes; None when it cannot be read (missing, no permission)."""
    try:
        return read_bytes(path, MAX_WORD_LIST_BYTES)
    except NotRegularFile as error:
        raise WordListError(path, str(error.strerror)) from None
    except FileTooLarge as error:
        raise WordListError(path, f"{error.describe()}, the limit for a word list") from None
    except OSError:
        return None


def _check(path: str, info: os.stat_result) -> None:
    if not stat.S_ISREG(info.st_mode):
        raise WordListError(path, f"not a regular file ({file_kind(info.st_mode)})")
    if info.st_size > MAX_WORD_LIST_BYTES:
        raise WordListError(
            path,
            f"it is {format_size(info.st_size)}, larger than "
            f"{format_size(MAX_WORD_LIST_BYTES)}, the limit for a word list",
        )


def _check_count(path: str, words: list[str]) -> None:
    if len(words) > MAX_WORDS:
        raise WordListError(
            path, f"it has {len(words):,} words; a word list may have at most {MAX_WORDS:,} words"
        )


#: Short words a lost dash leaves glued to the word before ("diabetesthe").
GLUE = frozenset(
    """a an the that and or one such for to of in is as which with when are at do does
    be by from it its this these those also can may not no so than then there they was
    were will who""".split()
)
#: Endings of Latin terms, which can look like two words run together:
#: "retinalis" is not "retinal is", nor "occulta" "occult a".
_LATIN_ENDINGS = ("alis", "aris", "ae", "ii", "us", "um", "ica")


def run_together(word: str, english) -> str | None:
    """ "symptomsthat" -> "symptoms that": two English words joined where a dash
    was lost: a word and a short function word, or a plural and another word.
    Real compounds ("midfacial", "brainstem") and Latin terms do not split so."""
    if word.endswith(_LATIN_ENDINGS):
        return None
    for i in range(3, len(word) - 1):
        head, tail = word[:i], word[i:]
        if head not in english or tail not in english:
            continue
        if tail == "a" and len(head) < 7:  # "spina", "optica", "minora"
            continue
        plural = head.endswith("s") and not head.endswith("ss")  # "cross" is no plural
        if tail in GLUE or (plural and len(tail) >= 4):
            return f"{head} {tail}"
    return None
