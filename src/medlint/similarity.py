"""Comparing passages of text the way a reader would: ignoring case, punctuation
and line wrapping, and allowing a word or two to differ."""

from __future__ import annotations

import difflib
import re
from typing import NamedTuple

_TOKEN = re.compile(r"[^\W_]+")


def fingerprint(text: str) -> tuple[str, ...]:
    """The words of a text, case-folded, without punctuation or spacing."""
    return tuple(_TOKEN.findall(text.casefold()))


class Passage(NamedTuple):
    """A passage's fingerprint, with its words joined once for fast searching."""

    words: tuple[str, ...]
    joined: str  # " word word ... word "

    @classmethod
    def of(cls, text: str) -> Passage:
        words = fingerprint(text)
        return cls(words, f" {' '.join(words)} ")


def contains(outer: Passage, inner: Passage) -> bool:
    """Whether ``inner`` occurs in ``outer`` as a whole run of words."""
    return len(inner.words) < len(outer.words) and inner.joined in outer.joined


def word_edits(a: tuple[str, ...], b: tuple[str, ...], limit: int) -> int | None:
    """Word-level edit distance between a and b, or None when it exceeds ``limit``.

    Only a band of width 2 * limit + 1 around the diagonal is computed, so
    the cost is linear in the length of the passages.
    """
    if abs(len(a) - len(b)) > limit:
        return None
    too_many = limit + 1
    previous = {j: j for j in range(min(len(b), limit) + 1)}
    for i in range(1, len(a) + 1):
        current = {0: i} if i <= limit else {}
        for j in range(max(1, i - limit), min(len(b), i + limit) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(
                previous.get(j - 1, too_many) + cost,
                previous.get(j, too_many) + 1,
                current.get(j - 1, too_many) + 1,
            )
        if min(current.values(), default=too_many) > limit:
            return None
        previous = current
    distance = previous.get(len(b), too_many)
    return distance if distance <= limit else None


#: Words whose addition or removal does not change what a sentence says.
#: (Negations such as "not" are deliberately absent: they reverse it.)
FUNCTION_WORDS = frozenset(
    """a an the that this these those of to in on at for with by from and or as is are
    was were be been it its their your his her which who whom also very just""".split()
)


def only_slight_edits(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether ``b`` differs from ``a`` only in the way of an edited copy:
    spelling variants ("symptom"/"symptoms", "tumor"/"tumour") and function
    words added or dropped ("that", "the").

    Two paragraphs that differ by a content word ("stage II"/"stage III",
    "related"/"not related", "low-grade"/"high-grade") are a template filled in
    twice on purpose, and say different things: they are not repeats.
    """
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        if op == "replace" and i2 - i1 == j2 - j1:
            if not all(_spelling_variants(x, y) for x, y in zip(a[i1:i2], b[j1:j2], strict=True)):
                return False
        elif not all(word in FUNCTION_WORDS for word in a[i1:i2] + b[j1:j2]):
            return False
    return True


def _spelling_variants(x: str, y: str) -> bool:
    if min(len(x), len(y)) < 4 or abs(len(x) - len(y)) > 2 or not (x + y).isalpha():
        return False
    if x[:2] != y[:2]:  # "intraocular" and "extraocular" are different words
        return False
    return difflib.SequenceMatcher(a=x, b=y).ratio() >= 0.8
