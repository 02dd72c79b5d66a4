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
