"""Regular expressions that users write in rule packs, run with a time limit.

A rule's patterns come from a YAML file anyone in a content repository can
edit, so they are untrusted: a pattern such as ``(a+)+$`` can take minutes on
a long line. Patterns are compiled with the ``regex`` package, whose searches
take a timeout; one that runs out raises :class:`PatternTimeout`, reported as
an error naming the rule, never a hang.
"""

from __future__ import annotations

import re
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


@lru_cache(maxsize=256)
def word_prefixes(terms: tuple[str, ...], ignore_case: bool) -> dict[str, tuple[str, ...]] | None:
    """The letters each term's matches start with: the term's first run of
    letters, or all of its first word when a space follows ("in the event
    that" starts with the word "in"); lower-cased when matching ignores case,
    and filed under their first three letters. None when some term does not
    show them plainly: it starts with anything but ASCII letters, is an
    alternation at its top level ("abc|de"; one inside a group after the
    letters, as in a look-ahead, leaves the start alone), or makes one of
    those letters optional ("abc?")."""
    table: dict[str, set[str]] = {}
    for term in terms:
        run = _LETTERS.match(term)
        if run is None or _alternates(term):
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
    return {head: tuple(sorted(starts)) for head, starts in table.items()}


def _alternates(term: str) -> bool:
    """Whether ``term`` holds a ``|`` outside every group and character class."""
    depth, escaped, in_class = 0, False, False
    for char in term:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth <= 0:
            return True
    return in_class or depth != 0  # unbalanced: not read, so not trusted


@lru_cache(maxsize=256)
def start_filter(terms: tuple[str, ...], ignore_case: bool) -> re.Pattern[str] | None:
    """A search that finds something in every text where a whole-word term
    can match (``may_match``): a word that starts as a term does, or any
    letter outside ASCII, which may match without regard to case ("K", the
    Kelvin sign, is "k"). None when ``word_prefixes`` cannot read the terms.
    The starts form one trie of literals, which the standard ``re`` engine
    runs over a block far faster than the terms themselves."""
    prefixes = word_prefixes(terms, ignore_case)
    if prefixes is None:
        return None
    starts = sorted({start for group in prefixes.values() for start in group})
    # A start that begins with a shorter one adds nothing: the shorter one is found first.
    kept = [s for s in starts if not any(s != t and s.startswith(t) for t in starts)]
    flags = re.IGNORECASE if ignore_case else 0
    return re.compile(rf"[^\W\x00-\x7f]|(?<![\w-])(?:{_trie(kept)})", flags)


def _trie(words: list[str]) -> str:
    """One regular expression for a set of literal words, none a prefix of
    another, sharing their common beginnings: ab, ac -> a(?:b|c)."""
    heads: dict[str, list[str]] = {}
    for word in words:
        heads.setdefault(word[:1], []).append(word[1:])
    branches = []
    for head, tails in sorted(heads.items()):
        if tails == [""]:
            branches.append(re.escape(head))
        else:
            branches.append(re.escape(head) + "(?:" + _trie(tails) + ")")
    return "|".join(branches)


def may_match(search: re.Pattern[str], text: str) -> bool:
    """Whether a whole-word term can match in ``text``, by its ``start_filter``."""
    return search.search(text) is not None
