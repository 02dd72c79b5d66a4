"""The one word tokenizer: what every rule that counts words counts.

A word, as a reader counts it: "$50,000", "2.5", "8:30", "90%" and "1st" are
one word each, and so are "U.S.", "a.m.", "e.g." (a dotted abbreviation, its
last dot included), an e-mail address, a domain such as "IRS.gov" or
"www.nhs.uk" (with its path), "COVID-19", "don't" and "long-term". Splitting
them at their punctuation would make a sentence with a sum of money look
longer than it is, and a domain look like two words.

Sentence splitting is ``medlint.parsing.sentences``; rules that look for
particular shapes of word (spelling, acronyms) keep their own patterns, but
count with this one.
"""

from __future__ import annotations

import re

#: Top-level domains that make "name.tld" a domain rather than two words run
#: together at a missing space ("cells.the").
_TLDS = "gov|org|com|net|edu|mil|int|info|io|uk|us|ca|au|nz|ie|eu|de|fr|nhs"
#: A plain word, with ' and - inside it.
_WORD = r"[^\W_]+(?:['’][^\W_]+)*(?:-[^\W_]+(?:['’][^\W_]+)*)*"
_TOKEN = re.compile(
    rf"""
    [$£€]?\d+(?:[.,:]\d+)*(?:%|st|nd|rd|th)?(?:-[^\W_]+)*(?![^\W_])  # $50,000 2.5 8:30 90% 1st
    | [\w.+-]+@[^\W_]+(?:[.-][^\W_]+)*\.[^\W\d_]{{2,}}     # an e-mail address
    | (?:https?://)?(?:[^\W_]+(?:-[^\W_]+)*\.)+(?:{_TLDS})\b(?:/[^\s,;)\]]*[\w/])?  # a domain
    | (?:[^\W\d_]\.){{2,}}                                 # U.S.  a.m.  e.g.  i.e.
    | {_WORD}                                              # words, with ' and -
    """,
    re.VERBOSE | re.IGNORECASE,
)


#: The last alternative of _TOKEN alone: plain words (no letter in it, so
#: no IGNORECASE, which would only slow the search).
_PLAIN_WORD = re.compile(_WORD)
#: What each other alternative of _TOKEN needs: a digit (numbers), an "@"
#: (e-mail addresses), or a dot before a letter (domains, "U.S."). Most
#: sentences have none, and are read with _PLAIN_WORD, three times faster.
_NOT_PLAIN = re.compile(r"[@\d]|\.\w")


def _tokenizer(text: str) -> re.Pattern[str]:
    return _TOKEN if _NOT_PLAIN.search(text) else _PLAIN_WORD


def words(text: str) -> list[str]:
    """The words of a text, as a reader counts them."""
    return _tokenizer(text).findall(text)


def word_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the words of a text."""
    return [match.span() for match in _tokenizer(text).finditer(text)]
