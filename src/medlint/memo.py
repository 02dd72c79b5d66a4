"""What a pure function of a block's text gave, kept for the texts met again.

A site repeats paragraphs across its articles (a third of the blocks of 600
NIH articles stand in an earlier one), and a block's sentences, words and
readability counts are the same wherever its text stands. But most texts
stand once: keeping every result held about 25 MB over 5,486 articles, for
texts never met again. So a result is kept from the *second* time its text
is met: the first time, only a bit for the key's hash is set, in a table of
``NOTE_BITS`` bits (128 KiB; a set of the hashes held 5 MB per memo). Two
keys may share a bit, so a result is now and then kept the first time: a
result is always that of its own key, only how often it is worked out
changes. The memo is bounded: at most ``max_chars`` characters of kept texts
and ``max_seen`` keys noted, then all forgotten (a long run starts over).
"""

from __future__ import annotations

import weakref
from collections.abc import Hashable
from typing import Generic, TypeVar

Value = TypeVar("Value")


#: The bits of the table of keys met once (a power of two).
NOTE_BITS = 1 << 20


class TextMemo(Generic[Value]):
    def __init__(self, max_chars: int = 2_000_000, max_seen: int = 100_000) -> None:
        _MADE.add(self)
        self.max_chars = max_chars
        self.max_seen = max_seen
        self._kept: dict[Hashable, Value] = {}
        self._chars = 0
        self._notes = bytearray(NOTE_BITS // 8)
        self._noted = 0

    def get(self, key: Hashable) -> Value | None:
        return self._kept.get(key)

    def put(self, key: Hashable, chars: int, value: Value) -> None:
        """Note that ``key`` (a text of ``chars`` characters) gave ``value``:
        kept if the key was met before."""
        mark = hash(key) & (NOTE_BITS - 1)
        byte, bit = mark >> 3, 1 << (mark & 7)
        if not self._notes[byte] & bit:
            if self._noted >= self.max_seen:
                self._notes[:] = bytes(len(self._notes))
                self._noted = 0
            self._notes[byte] |= bit
            self._noted += 1
            return
        self._chars += chars
        if self._chars > self.max_chars:
            self._kept.clear()
            self._chars = chars
        self._kept[key] = value

    def clear(self) -> None:
        self._kept.clear()
        self._notes[:] = bytes(len(self._notes))
        self._chars = self._noted = 0


#: Every memo there is (``forget_all``).
_MADE: weakref.WeakSet[TextMemo] = weakref.WeakSet()


def forget_all() -> None:
    """Forget what every memo keeps: once the articles are checked, before
    the project phase, which reads none of it (the memos of a run over 5,486
    articles held ~10 MB of its peak, reached in that phase)."""
    for memo in list(_MADE):
        memo.clear()
