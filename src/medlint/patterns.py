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
#: Where a whole-word term can start (compile_pattern's look-behind), and the
#: first three characters of the word there (fewer in a shorter word).
_WORD_HEAD = regex.compile(r"(?<![\w-])\w{1,3}")


@lru_cache(maxsize=256)
def word_prefixes(terms: tuple[str, ...], ignore_case: bool) -> frozenset[str] | None:
    """The first three letters each term's matches start with, or its first
    word when it is shorter and a space follows ("in the event that"),
    lower-cased when matching ignores case; None when some term does not show
    them plainly: it starts with anything but ASCII letters, holds an
    alternation, or makes one of those letters optional ("abc?")."""
    prefixes = set()
    for term in terms:
        run = _LETTERS.match(term)
        if run is None or "|" in term:
            return None
        letters, after = run.group(), term[run.end() : run.end() + 1]
        if after in ("?", "*", "{") or (len(letters) < 3 and after != " "):
            if len(letters) <= 3:
                return None
            letters = letters[:-1]
        head = letters[:3]
        prefixes.add(head.lower() if ignore_case else head)
    return frozenset(prefixes)


def may_match(prefixes: frozenset[str], text: str, ignore_case: bool) -> bool:
    """Whether a whole-word term with one of ``prefixes`` can match in
    ``text``. A word that starts with a character outside ASCII may match
    without regard to case ("K", the Kelvin sign, is "k"): it is searched."""
    for head in _WORD_HEAD.findall(text):
        if not head.isascii() or (head.lower() if ignore_case else head) in prefixes:
            return True
    return False
