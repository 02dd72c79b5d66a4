"""Sentence splitting for the plain text of one block.

Health text is full of full stops that do not end a sentence: titles ("Dr."),
Latin abbreviations ("e.g.", "i.e.", "vs."), decimals ("2.5 mg") and times
("8:30 a.m."). A boundary is a run of ``.``, ``!`` or ``?`` (closing quotes and
brackets included) followed by white space and a character that can start a
sentence, unless the word before a full stop is a known abbreviation or an
initial. Decimals and times never match, because no space follows their dot.

This is deliberately small and fast (it runs on every sentence of every
article); general-purpose splitters cost milliseconds per article.
"""

from __future__ import annotations

import re

from medlint import tokens

#: Words that end with a full stop but rarely end a sentence (lowercase, no dot).
ABBREVIATIONS = frozenset(
    """
    dr drs mr mrs ms prof st sr jr mt vs v e.g i.e eg ie cf al approx appt fig figs dept
    univ inc ltd corp jan feb mar apr jun jul aug sep sept oct nov dec
    """.split()
)

#: A stop, closing quotes or brackets, and a footnote number straight after a
#: word's stop ("... ADHD.2 The"; "50.4 For" is a decimal, not a footnote).
_BOUNDARY = re.compile(r"[.!?]+[\"'”’)\]]*(?:(?<=[^\W\d]\.)\d{1,2}(?=\s+[A-Z]))?(?=\s|$)")
_DOTTED = re.compile(r"(?:[a-z]{1,2}\.)+[a-z]{1,2}")  # "u.s", "a.m", "ph.d"


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return (start, end) offsets of the sentences in ``text``, trimmed of spaces."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.end()
        if not _ends_sentence(text, match.start(), end):
            continue
        _append_trimmed(spans, text, start, end)
        start = end
    _append_trimmed(spans, text, start, len(text))
    return spans


#: The first character after a boundary's white space ("" at the end).
_NEXT = re.compile(r"\s*(\S?)")


def _ends_sentence(text: str, stop: int, end: int) -> bool:
    following = _NEXT.match(text, end).group(1)  # never a copy of the rest: linear
    if not following:
        return True
    if following.islower():
        return False
    if text[stop] != ".":
        return True
    start = _word_start(text, stop)
    token = text[start:stop].lstrip("(\"'“‘[").lower()
    if token in ABBREVIATIONS or _DOTTED.fullmatch(token):
        return False
    return not (len(token) == 1 and token.isalpha() and _after_name(text, start))


def _word_start(text: str, stop: int) -> int:
    start = stop
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return start


def _after_name(text: str, start: int) -> bool:
    """An initial follows a name or another initial ("John F. Kennedy", "J. R.
    Smith"); a single letter after a lowercase word ends a sentence ("stage I.")."""
    end = start
    while end > 0 and text[end - 1].isspace():
        end -= 1
    if end == 0 or text[end - 1] in ".!?":  # a sentence starts with it: "J. Smith said"
        return True
    previous = text[_word_start(text, end) : end].lstrip("(\"'“‘[")
    return previous[:1].isupper()


def _append_trimmed(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        spans.append((start, end))


def words(text: str) -> list[str]:
    """The words of a text (the one tokenizer, ``medlint.tokens``)."""
    return tokens.words(text)
