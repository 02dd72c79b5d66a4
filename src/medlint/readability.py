"""Readability formulas computed on medlint's own sentences.

Why not call textstat directly: textstat 0.7.9 and later download NLTK's
cmudict on first use (no network at run time here), and 0.7.8 loads cmudict
from disk at a cost of ~0.7 s and ~60 MB per process, too slow for a
pre-commit hook. textstat also splits sentences on raw text, gluing headings
and bullets onto the next sentence. So medlint counts words and sentences on
the document's own blocks, counts syllables with pyphen's hyphenation
dictionary, corrected by counting vowel groups (pyphen will not break a word
near its ends, so it finds one syllable in "body" and two in "available"),
and applies the published formulas. The test suite checks the results
against textstat 0.7.8 on real articles.
"""

from __future__ import annotations

import importlib.util
import marshal
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from medlint.tokens import words
from medlint.vocabulary import user_cache_file, write_user_cache

_VOWEL_GROUPS = re.compile(r"[aeiouy]+")
_LETTER = re.compile(r"[^\W\d_]")


#: pyphen's shortest first and last parts (``Pyphen(left=2, right=2)``, its
#: defaults; a test holds them to pyphen's).
_LEFT = _RIGHT = 2
_DICTIONARY = ("dictionaries", "hyph_en_US.dic")


#: The name of the kept patterns (their table, see _table): a new name for each new
#: shape, since every medlint installed shares the user's cache (an older one
#: kept the patterns alone as "hyphenation").
HYPHENATION_KEPT = "hyphenation.v2"


@lru_cache(maxsize=1)
def _hyphenator():
    """pyphen's English hyphenator, its patterns parsed by pyphen itself."""
    import pyphen

    return pyphen.Pyphen(lang="en_US")


def _table(patterns: dict[str, tuple[int, tuple[int, ...]]]) -> dict[str, Any]:
    """Every prefix of every pattern, to its pattern or (a prefix only) None:
    one lookup a step in ``points`` (a pass over 11,000 patterns: kept)."""
    table: dict[str, Any] = dict.fromkeys(
        key[:size] for key in patterns for size in range(1, len(key))
    )
    table.update(patterns)
    return table


def _dictionary_file() -> Path | None:
    """pyphen's English dictionary file, found without importing pyphen."""
    spec = importlib.util.find_spec("pyphen")
    if spec is None or spec.origin is None:
        return None
    path = Path(spec.origin).parent.joinpath(*_DICTIONARY)
    return path if path.is_file() else None


def syllables(word: str) -> int:
    """Syllables in one word (hyphenated words: the sum of their parts)."""
    if "-" in word:
        return sum(syllables(part) for part in word.split("-") if part)
    return _syllables(word.lower().replace("’", "'"))


@lru_cache(maxsize=65536)
def _syllables(word: str) -> int:
    """Syllables in one lower-case word ("The" and "the" are counted once)."""
    if not _LETTER.search(word):
        return 1  # a number is read as one word; its syllables are not in the text
    by_dictionary = _hyphenation().points(word) + 1
    return max(by_dictionary, _vowel_groups(word))


class _Hyphenation:
    """pyphen's hyphenation points of a word, found as pyphen finds them
    (Liang's algorithm over its English patterns) but without looking up the
    substrings that begin no pattern: pyphen tries every substring up to its
    longest pattern (28 letters), and was half of the readability rule's time.
    ``table`` holds every prefix of a pattern, with its pattern or None, so
    that each step is one lookup. A test holds the count to
    ``len(Pyphen.positions(word))``."""

    #: How many letters from a start ``_heads`` is kept by, and for how many.
    _HEAD = 3
    _HEADS_MAX = 20_000  # (the 5,486 NIH articles meet ~15,000)

    def __init__(self, table: dict[str, Any], left: int, right: int):
        self.table = table
        self.maxlen = max(map(len, table))
        self.left, self.right = left, right
        #: What the walk finds from a start within its first _HEAD letters,
        #: by those letters (see ``_head``): made as the letters are met.
        self._heads: dict[str, tuple[tuple[tuple[int, int], ...], bool]] = {}
        self._shapes: dict[tuple, tuple[tuple[tuple[int, int], ...], bool]] = {}

    @property
    def patterns(self) -> dict[str, tuple[int, tuple[int, ...]]]:
        return {key: value for key, value in self.table.items() if value is not None}

    def points(self, word: str) -> int:
        """How many points ``Pyphen.positions(word)`` gives."""
        pointed = f".{word.lower()}."
        size = len(pointed)
        references = [0] * (size + 1)
        get, longest, heads, head = self.table.get, self.maxlen, self._heads, self._HEAD
        for i in range(size - 1):
            letters = pointed[i : i + head]
            found = heads.get(letters)
            if found is None:
                found = self._head(letters)
                if len(heads) < self._HEADS_MAX:  # (letters of any script: bounded)
                    # (one object for the heads that find alike: a few hundred
                    # of them for ~15,000 heads, each ~200 bytes)
                    heads[letters] = found = self._shapes.setdefault(found, found)
            values, further = found
            for at, value in values:
                if value > references[i + at]:
                    references[i + at] = value
            if not further:
                continue
            for j in range(i + head + 1, min(i + longest, size) + 1):
                pattern = get(pointed[i:j], 0)
                if pattern is None:
                    continue  # the start of a pattern, not one
                if pattern == 0:
                    break  # no longer piece from i is a pattern either
                offset, values = pattern
                for at, value in enumerate(values, i + offset):
                    if value > references[at]:
                        references[at] = value
        # Points between letters left+1 ... len(word)-right+1 of the pointed word.
        last = len(word) - self.right + 1
        return sum(1 for at in range(self.left + 1, last + 1) if references[at] % 2)

    def _head(self, letters: str) -> tuple[tuple[tuple[int, int], ...], bool]:
        """The walk from a start over its first letters (``_HEAD``, fewer at
        the word's end), done once for all the starts that begin with them:
        the highest value each place gets from the patterns among them, by
        its offset from the start (most starts' walks end there: three of
        every five lookups of a word were these); and whether the walk goes
        on past them (they begin a longer pattern). The same values as the
        walk's own, as a maximum does not depend on its order."""
        highest: dict[int, int] = {}
        for j in range(1, len(letters) + 1):
            pattern = self.table.get(letters[:j], 0)
            if pattern is None:
                continue
            if pattern == 0:
                return tuple(sorted(highest.items())), False
            offset, values = pattern
            for at, value in enumerate(values, offset):
                if value > highest.get(at, 0):
                    highest[at] = value
        return tuple(sorted(highest.items())), len(letters) == self._HEAD


@lru_cache(maxsize=1)
def _hyphenation() -> _Hyphenation:
    """pyphen's English patterns, loaded on first use (runs that do not score
    readability do not pay for them): from the user's cache when pyphen
    parsed them in an earlier run (``vocabulary.user_cache_file``), without
    importing pyphen (its import and its parse of the 11,000 patterns were
    ~55 ms of a one-file run); else parsed by pyphen, and kept."""
    path = _dictionary_file()
    if path is not None:
        try:
            kept = marshal.loads(user_cache_file(path, HYPHENATION_KEPT).read_bytes())
        except (OSError, EOFError, ValueError, TypeError):
            kept = None
        if isinstance(kept, dict) and kept:
            try:
                hyphenation = _Hyphenation(kept, _LEFT, _RIGHT)
                hyphenation.points("hyphenation")  # a kept file of another shape fails here
                return hyphenation
            except (TypeError, ValueError, IndexError, AttributeError):
                pass  # pyphen parses them again
    hyphenator = _hyphenator()
    hyphenation = _Hyphenation(_table(hyphenator.hd.patterns), hyphenator.left, hyphenator.right)
    if path is not None:  # kept for the next run
        kept_file = user_cache_file(path, HYPHENATION_KEPT)
        write_user_cache(kept_file, marshal.dumps(hyphenation.table))
    return hyphenation


def _vowel_groups(word: str) -> int:
    groups = len(_VOWEL_GROUPS.findall(word))
    if word.endswith("e") and not word.endswith(("le", "ee", "ye")) and groups > 1:
        groups -= 1  # a silent final e: "make", "dose"
    return max(groups, 1)


def _word_counts(word: str) -> tuple[int, int]:
    """(syllables, letters) of one word."""
    return syllables(word), len(_LETTER.findall(word))


#: A word's counts as one number, so that a sentence's are summed by ``sum``
#: without a step of Python per word: its syllables, 1 when they are three or
#: more, and its letters, each in its own 64 bits (no text has 2**64 of any).
_FIELD = 64
_MASK = (1 << _FIELD) - 1


#: The packed counts of the words met so far: a plain dict, read once per
#: word of every sentence (bounded, for a long run; _syllables() keeps its own
#: cache, of lower-case words, past the bound).
_COUNTS: dict[str, int] = {}
_COUNTS_MAX = 200_000


def _packed(word: str) -> int:
    """The packed counts of a word, kept in _COUNTS while there is room."""
    known = _COUNTS.get(word)
    if known is None:
        count, letters = _word_counts(word)
        known = count | (count >= 3) << _FIELD | letters << 2 * _FIELD
        if len(_COUNTS) < _COUNTS_MAX:
            _COUNTS[word] = known
    return known


@dataclass(frozen=True, slots=True)
class TextStats:
    sentences: int
    words: int
    syllables: int
    polysyllables: int  # words of three or more syllables
    letters: int

    @classmethod
    def of(cls, sentences: Iterable[str]) -> TextStats:
        return cls.of_words(words(sentence) for sentence in sentences)

    @classmethod
    def of_words(cls, sentences: Iterable[Sequence[str]]) -> TextStats:
        """The counts of sentences given as their words (``Sentence.words``)."""
        n_sentences = n_words = total = 0
        known = _COUNTS.__getitem__
        for tokens in sentences:
            if not tokens:
                continue
            n_sentences += 1
            n_words += len(tokens)
            try:
                total += sum(map(known, tokens))
            except KeyError:  # a word not met before
                total += sum(map(_packed, tokens))
        return cls(
            n_sentences,
            n_words,
            total & _MASK,
            total >> _FIELD & _MASK,
            total >> 2 * _FIELD,
        )

    def __add__(self, other: TextStats) -> TextStats:
        return TextStats(
            self.sentences + other.sentences,
            self.words + other.words,
            self.syllables + other.syllables,
            self.polysyllables + other.polysyllables,
            self.letters + other.letters,
        )

    def grade(self, formula: str) -> float:
        """The US school grade of the text by the named formula."""
        if not self.words:
            return 0.0
        return _FORMULAS[formula](self)


def _flesch_kincaid(s: TextStats) -> float:
    return 0.39 * s.words / s.sentences + 11.8 * s.syllables / s.words - 15.59


def _smog(s: TextStats) -> float:
    return 1.043 * math.sqrt(s.polysyllables * 30 / s.sentences) + 3.1291


def _coleman_liau(s: TextStats) -> float:
    letters_per_100 = 100 * s.letters / s.words
    sentences_per_100 = 100 * s.sentences / s.words
    return 0.0588 * letters_per_100 - 0.296 * sentences_per_100 - 15.8


_FORMULAS = {
    "flesch-kincaid": _flesch_kincaid,
    "smog": _smog,
    "coleman-liau": _coleman_liau,
}
FORMULA_NAMES = tuple(_FORMULAS)
FORMULA_TITLES = {
    "flesch-kincaid": "Flesch-Kincaid",
    "smog": "SMOG",
    "coleman-liau": "Coleman-Liau",
}
