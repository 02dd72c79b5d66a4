"""Regular expressions that users write in rule packs, run with a time limit.

A rule's patterns come from a YAML file anyone in a content repository can
edit, so they are untrusted: a pattern such as ``(a+)+$`` can take minutes on
a long line. Patterns are compiled with the ``regex`` package, whose searches
take a timeout; one that runs out raises :class:`PatternTimeout`, reported as
an error naming the rule, never a hang.

The checks' patterns are compiled when a text first gets past the prefilter
(``user_pattern``): an article in which none of a rule's literal texts
appears never compiles that rule's pattern (the built-in pack's took ~10 ms
of a one-file run), nor, when none of them is needed, imports ``regex``.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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


#: The regex package's flags are the standard library's (a test holds this).
IGNORECASE = re.IGNORECASE
VERBOSE = re.VERBOSE


def compile_pattern(
    pattern: str, ignore_case: bool = True, whole_words: bool = False
) -> regex.Pattern:
    """Compile a user pattern now (a PatternError if it does not compile);
    ``whole_words`` keeps it from matching inside a word. (Kept compiled by
    ``user_pattern``'s cache.)"""
    return user_pattern(pattern, ignore_case, whole_words).compiled()


@lru_cache(maxsize=4096)
def user_pattern(pattern: str, ignore_case: bool = True, whole_words: bool = False) -> UserPattern:
    """A user pattern, compiled when first searched (see UserPattern)."""
    source = rf"(?<![\w-])(?:{pattern})(?![\w-])" if whole_words else pattern
    return UserPattern(pattern, source, IGNORECASE if ignore_case else 0)


class UserPattern:
    """A pattern that :func:`finditer` and :func:`search` compile when a text
    first passes the prefilter; anything else asked of it (``fullmatch``)
    compiles it. A pattern that does not compile is a PatternError then."""

    __slots__ = ("written", "pattern", "flags", "_compiled")

    def __init__(self, written: str, source: str, flags: int) -> None:
        self.written = written  # as the rule gave it, for the error message
        self.pattern = source
        self.flags = flags
        self._compiled: regex.Pattern | None = None

    def compiled(self) -> regex.Pattern:
        if self._compiled is None:
            import regex

            try:
                self._compiled = regex.compile(self.pattern, self.flags)
            except regex.error as error:
                raise PatternError(f"pattern {self.written!r} does not compile: {error}") from None
        return self._compiled

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):  # copy and pickle asking before the slots are set
            raise AttributeError(name)
        return getattr(self.compiled(), name)


def finditer(pattern: regex.Pattern | UserPattern, text: str) -> Iterator[regex.Match]:
    if not _may_hold(pattern, text):
        return
    if isinstance(pattern, UserPattern):
        pattern = pattern.compiled()
    try:
        yield from pattern.finditer(text, timeout=TIMEOUT)
    except TimeoutError:
        raise PatternTimeout(pattern.pattern) from None


def search(pattern: regex.Pattern | UserPattern, text: str) -> regex.Match | None:
    if not _may_hold(pattern, text):
        return None
    if isinstance(pattern, UserPattern):
        pattern = pattern.compiled()
    try:
        return pattern.search(text, timeout=TIMEOUT)
    except TimeoutError:
        raise PatternTimeout(pattern.pattern) from None


# A prefilter for any pattern: the literal texts one of which every match
# holds ("click here"; "read more" in "(?m:^)read more\s*[.]*"), looked for
# in the lower-cased block by plain substring search, which costs a fraction
# of a regex search with a large alternation. A block holding none of them is
# not searched. Read from the pattern's syntax tree (the standard library's
# parser); a pattern it cannot read, or one whose literals could match
# letters outside ASCII without regard to case, is always searched.

try:  # the standard library's regular expression parser (private, so guarded)
    from re import _parser as _sre  # type: ignore[attr-defined]
except ImportError:  # Python 3.10
    import sre_parse as _sre  # type: ignore[no-redef]

#: A letter outside ASCII: it may equal an ASCII letter without regard to
#: case (the Kelvin sign is "k"), so a text holding one is always searched.
_NON_ASCII_LETTER = re.compile(r"[^\W\x00-\x7f]")
#: Up to this many literals are looked for one by one; more, by one trie.
_FEW = 8

_HOLDS: dict[tuple[str, int], object] = {}


def _may_hold(pattern: regex.Pattern | UserPattern, text: str) -> bool:
    key = (pattern.pattern, pattern.flags)
    holds = _HOLDS.get(key)
    if holds is None:
        if len(_HOLDS) > 4096:  # as many as compile_pattern keeps
            _HOLDS.clear()
        holds = _HOLDS[key] = _literal_test(pattern.pattern, pattern.flags) or _always
    return holds(text)  # type: ignore[operator]


def _always(text: str) -> bool:
    return True


def _literal_test(source: str, flags: int):
    """A test that is true of every text the pattern can match in (and of
    some more), or None when the pattern's literals cannot be read."""
    literals = required_literals(source, bool(flags & VERBOSE))
    if literals is None or not all(literal.isascii() for literal in literals):
        return None
    lowered = sorted({literal.lower() for literal in literals})
    # A literal that holds another is found wherever that one is: the rest are
    # none inside another (so none the start of another, as _trie needs).
    kept = [x for x in lowered if not any(y != x and y in x for y in lowered)]
    if len(kept) <= _FEW:

        def found(lower: str) -> bool:
            return any(literal in lower for literal in kept)

    else:
        trie = re.compile(_trie(kept))

        def found(lower: str) -> bool:
            return trie.search(lower) is not None

    def holds(text: str) -> bool:
        if not text.isascii() and _NON_ASCII_LETTER.search(text):
            return True
        return found(_lowered(text) if len(text) <= _LOWERED_MAX else text.lower())

    return holds


#: Texts longer than this are lowered each time they are asked about: a
#: whole article's text (missing-disclaimer searches all of it) kept with
#: its lower case was 13 MB of a 6 MB article's run, and up to 1,024 of them.
_LOWERED_MAX = 4096


@lru_cache(maxsize=1024)
def _lowered(text: str) -> str:
    """A block's text in lower case, once for all the rules' patterns that
    ask about it (each rule asks about every block of an article in turn:
    the article's blocks, up to this many, are kept)."""
    return text.lower()


def required_literals(source: str, verbose: bool = False) -> tuple[str, ...] | None:
    """Texts one of which every match of ``source`` holds, or None when
    there are none that can be read (the pattern could match without a
    literal: "\\d+ mg" has " mg", "\\w+" has none)."""
    if not _read_alike(source):
        return None
    try:
        with warnings.catch_warnings():  # the standard parser's warnings are not the user's
            warnings.simplefilter("ignore")
            tree = _sre.parse(source, _sre.SRE_FLAG_VERBOSE if verbose else 0)
        found = _required(list(tree))
    except Exception:  # noqa: BLE001 - syntax only the regex package knows: no prefilter
        return None
    return tuple(found) if found else None


_QUANTIFIER = re.compile(r"\{\d*(?:,\d*)?\}")


def _read_alike(source: str) -> bool:
    """Whether the standard parser reads the pattern as the regex package
    does, as far as literals go: not where the regex package has syntax of
    its own that the standard one reads as literal text — a brace that is no
    count ("{e<=1}", a fuzzy match) or a bracket inside a class
    ("[[:alpha:]]", a POSIX class)."""
    if "#" in source or any("\x1c" <= char <= "\x1f" for char in source):
        return False  # comments ("(?#...)", "#" when verbose) and what (?x) drops: not read
    at, in_class, class_start = 0, False, False
    while at < len(source):
        char = source[at]
        if char == "\\":
            at, class_start = at + 2, False
            continue
        if in_class:
            if char == "[":
                return False
            if char == "]" and not class_start:
                in_class = False
            class_start = False
        elif char == "[":
            in_class, class_start = True, True
            if source[at + 1 : at + 2] == "^":
                at += 1
        elif char == "{" and not _QUANTIFIER.match(source, at):
            return False
        at += 1
    return True


def _required(items: list) -> set[str] | None:
    """One set of alternatives, each a text every match of the sequence holds."""
    best: set[str] | None = None
    run: set[str] = {""}  # what the items since the last unknown one spell, exactly

    def consider(found: set[str] | None) -> None:
        nonlocal best
        if found and "" not in found and (best is None or _worth(found) > _worth(best)):
            best = found

    for op, value in items:
        exact = _exact(op, value)
        if exact is not None and len(run) * len(exact) <= _FEW * 4:
            run = {a + b for a in run for b in exact}
            continue
        consider(run)
        run = exact if exact is not None else {""}
        consider(_required_of(op, value))
    consider(run)
    return best


def _worth(found: set[str]) -> tuple[int, int]:
    """How rarely a set of literals is likely met: by its shortest one, then
    by how few they are ("advice" before "health" or "medical")."""
    return min(map(len, found)), -len(found)


def _exact(op, value) -> set[str] | None:
    """The texts an item matches, when it is plain literals: "a", "(?:b|cd)"."""
    if op is _sre.LITERAL:
        return {chr(value)}
    if op is _sre.SUBPATTERN:
        return _exact_sequence(list(value[-1]))
    if op is _sre.BRANCH:
        texts: set[str] = set()
        for branch in value[1]:
            found = _exact_sequence(list(branch))
            if found is None:
                return None
            texts |= found
        return texts
    return None


def _exact_sequence(items: list) -> set[str] | None:
    texts = {""}
    for op, value in items:
        exact = _exact(op, value)
        if exact is None or len(texts) * len(exact) > _FEW * 4:
            return None
        texts = {a + b for a in texts for b in exact}
    return texts


def _required_of(op, value) -> set[str] | None:
    if op is _sre.SUBPATTERN:
        return _required(list(value[-1]))
    if op is getattr(_sre, "ATOMIC_GROUP", None):
        return _required(list(value))
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, getattr(_sre, "POSSESSIVE_REPEAT", None)):
        low, _high, inner = value
        return _required(list(inner)) if low >= 1 else None
    if op is _sre.BRANCH:
        alternatives: set[str] = set()
        for branch in value[1]:
            found = _required(list(branch))
            if not found:
                return None  # a branch that may match without a literal
            alternatives |= found
        return alternatives
    return None  # classes, anchors, look-arounds, references: no literal to rely on


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
