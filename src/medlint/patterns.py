"""Regular expressions that users write in rule packs, run with a time limit.

A rule's patterns come from a YAML file anyone in a content repository can
edit, so they are untrusted: a pattern such as ``(a+)+$`` can take minutes on
a long line. Patterns are compiled with the ``regex`` package, whose searches
take a timeout; one that runs out raises :class:`PatternTimeout`, reported as
an error naming the rule, never a hang.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

import regex

#: Seconds one pattern may spend on one block of text.
TIMEOUT = 0.5


class PatternError(ValueError):
    """A pattern that does not compile."""


class PatternTimeout(RuntimeError):
    """A pattern that took longer than TIMEOUT on some text."""

    def __init__(self, pattern: str) -> None:
        super().__init__(f"pattern {pattern!r} took longer than {TIMEOUT:g} s; simplify it")
        self.pattern = pattern


@lru_cache(maxsize=4096)
def compile_pattern(
    pattern: str, ignore_case: bool = True, whole_words: bool = False
) -> regex.Pattern:
    """Compile a user pattern; ``whole_words`` keeps it from matching inside a word."""
    source = rf"(?<![\w-])(?:{pattern})(?![\w-])" if whole_words else pattern
    flags = regex.IGNORECASE if ignore_case else 0
    try:
        return regex.compile(source, flags)
    except regex.error as error:
        raise PatternError(f"pattern {pattern!r} does not compile: {error}") from None


def finditer(pattern: regex.Pattern, text: str) -> Iterator[regex.Match]:
    try:
        yield from pattern.finditer(text, timeout=TIMEOUT)
    except TimeoutError:
        raise PatternTimeout(pattern.pattern) from None


def search(pattern: regex.Pattern, text: str) -> regex.Match | None:
    try:
        return pattern.search(text, timeout=TIMEOUT)
    except TimeoutError:
        raise PatternTimeout(pattern.pattern) from None


# A prefilter for whole-word patterns: the blocks no term can match in are not
# searched. A large alternation of terms (plain-language has over 100) costs
# the regex engine the same at every position of every block; most blocks
# hold none of the terms' first letters.

_LETTERS = regex.compile(r"[A-Za-z]+")
#: The words where a whole-word term can start (compile_pattern's look-behind).
_WORD_AT_START = regex.compile(r"(?<![\w-])\w+")


@lru_cache(maxsize=256)
def word_prefixes(terms: tuple[str, ...], ignore_case: bool) -> dict[str, tuple[str, ...]] | None:
    """The letters each term's matches start with: the term's first run of
    letters, or all of its first word when a space follows ("in the event
    that" starts with the word "in"); lower-cased when matching ignores case,
    and filed under their first three letters. None when some term does not
    show them plainly: it starts with anything but ASCII letters, holds an
    alternation, or makes one of those letters optional ("abc?")."""
    table: dict[str, set[str]] = {}
    for term in terms:
        run = _LETTERS.match(term)
        if run is None or "|" in term:
            return None
        letters, after = run.group(), term[run.end() : run.end() + 1]
        if len(letters) < 3 and term[run.end() + 1 : run.end() + 2] in ("?", "*", "{"):
            return None  # "x ?ray": the space may be absent, and the word longer
        if after in ("?", "*", "{") or (len(letters) < 3 and after != " "):
            if len(letters) <= 3:
                return None
            letters = letters[:-1]
        if ignore_case:
            letters = letters.lower()
        table.setdefault(letters[:3], set()).add(letters)
    return {head: tuple(starts) for head, starts in table.items()}


def may_match(prefixes: dict[str, tuple[str, ...]], text: str, ignore_case: bool) -> bool:
    """Whether a whole-word term with one of ``prefixes`` (``word_prefixes``)
    can match in ``text``: some word there starts with one. A word with a
    character outside ASCII may match without regard to case ("K", the
    Kelvin sign, is "k"): it is searched."""
    for word in _WORD_AT_START.findall(text):
        if not word.isascii():
            return True
        if ignore_case:
            word = word.lower()
        starts = prefixes.get(word[:3])
        if starts and any(word.startswith(start) for start in starts):
            return True
    return False
