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
from collections.abc import Callable

#: Top-level domains that make "name.tld" a domain rather than two words run
#: together at a missing space ("cells.the").
_TLDS = "gov|org|com|net|edu|mil|int|info|io|uk|us|ca|au|nz|ie|eu|de|fr|nhs"
#: A plain word, with ' and - inside it.
_WORD = r"[^\W_]+(?:['’][^\W_]+)*(?:-[^\W_]+(?:['’][^\W_]+)*)*"
_NUMBER = (
    r"[$£€]?\d+(?:[.,:]\d+)*(?:%|st|nd|rd|th)?(?:-[^\W_]+)*(?![^\W_])"  # $50,000 2.5 8:30 90% 1st
)
_EMAIL = r"[\w.+-]+@[^\W_]+(?:[.-][^\W_]+)*\.[^\W\d_]{2,}"  # an e-mail address
_DOMAIN = rf"(?:https?://)?(?:[^\W_]+(?:-[^\W_]+)*\.)+(?:{_TLDS})\b(?:/[^\s,;)\]]*[\w/])?"
_DOTTED = r"(?:[^\W\d_]\.){2,}"  # U.S.  a.m.  e.g.  i.e.
#: The tokenizer: the first alternative that matches at a place wins.
_TOKEN = re.compile("|".join((_NUMBER, _EMAIL, _DOMAIN, _DOTTED, _WORD)), re.IGNORECASE)

#: What the alternatives before the last need: a digit (numbers), an "@"
#: (e-mail addresses), a dot before a letter (domains, "U.S."). An
#: alternative that cannot match anywhere in a text is left out of the
#: search of it, which then gives the same words faster: most sentences need
#: none (plain words alone, without IGNORECASE, three times faster), and most
#: of the others only numbers.
_NOT_PLAIN = re.compile(r"[@\d]|\.\w")
_PLAIN_WORD = re.compile(_WORD)
_DIGIT = re.compile(r"\d")
_DOT_LETTER = re.compile(r"\.\w")
_TOKENIZERS: dict[tuple[bool, bool, bool], re.Pattern[str]] = {}


def _tokenizer(text: str) -> re.Pattern[str]:
    if _NOT_PLAIN.search(text) is None:
        return _PLAIN_WORD  # (most sentences: one search says so)
    needs = (_DIGIT.search(text) is not None, "@" in text, _DOT_LETTER.search(text) is not None)
    found = _TOKENIZERS.get(needs)
    if found is None:
        number, email, dotted = needs
        alternatives = [_NUMBER] * number + [_EMAIL] * email + [_DOMAIN, _DOTTED] * dotted
        flags = re.IGNORECASE if alternatives else 0  # (no letter in _WORD to ignore the case of)
        found = _TOKENIZERS[needs] = re.compile("|".join([*alternatives, _WORD]), flags)
    return found


def words(text: str) -> list[str]:
    """The words of a text, as a reader counts them."""
    return _tokenizer(text).findall(text)


def finder(text: str) -> Callable[[str], list[str]]:
    """What gives the words (as ``words`` does) of any part of ``text``,
    chosen once for all its parts: the tokenizer of a text holds every
    alternative that can match anywhere in it, so in each part too, and an
    alternative that cannot match in a part changes none of its words."""
    return _tokenizer(text).findall


def word_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the words of a text."""
    return [match.span() for match in _tokenizer(text).finditer(text)]
