"""Comparing passages of text the way a reader would: ignoring case, punctuation
and line wrapping, and allowing a word or two to differ; and finding, among
many passages, the few pairs worth comparing (PassageIndex)."""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import accumulate, chain, repeat
from typing import Generic, TypeVar

_TOKEN = re.compile(r"[^\W_]+")
#: Every ASCII character that is not a letter or a digit, to a space.
_ASCII_SPACES = str.maketrans({chr(c): " " for c in range(128) if not chr(c).isalnum()})


def fingerprint(text: str) -> tuple[str, ...]:
    """The words of a text, case-folded, without punctuation or spacing
    (runs of letters and digits: in ASCII text, found by turning the rest
    into spaces and splitting, three times faster than the search)."""
    if text.isascii():
        return tuple(text.lower().translate(_ASCII_SPACES).split())
    return tuple(_TOKEN.findall(text.casefold()))


#: Every ASCII character that is not a letter or a digit, to nothing.
_ASCII_GONE = str.maketrans({chr(c): None for c in range(128) if not chr(c).isalnum()})


def squashed(text: str) -> str:
    """The words of ``fingerprint`` run together: the same for texts with the
    same fingerprint (and for a few more), and quicker to make: a key to find,
    among many texts, the few worth fingerprinting."""
    if text.isascii():
        return text.lower().translate(_ASCII_GONE)
    return "".join(_TOKEN.findall(text.casefold()))


class Passage:
    """A passage's fingerprint, with its words joined once for fast searching."""

    __slots__ = ("words", "_joined", "_places")

    def __init__(self, words: tuple[str, ...]) -> None:
        self.words = words
        self._joined: str | None = None
        self._places: dict[str, list[int]] | None = None

    @property
    def joined(self) -> str:
        """The words as one string, " word word ... word " (made when first
        asked: most passages are never searched)."""
        if self._joined is None:
            self._joined = f" {' '.join(self.words)} "
        return self._joined

    @classmethod
    def of(cls, text: str) -> Passage:
        return cls(fingerprint(text))

    def holds(self, run: tuple[str, ...]) -> bool:
        """Whether ``run`` occurs in the passage as consecutive words, looked up
        where the rarest of its words stands (a map of the places of each word,
        made at the first question): for a long passage that many others are
        searched in, a search through all of it each time would be quadratic."""
        if self._places is None:
            self._places = defaultdict(list)
            for place, word in enumerate(self.words):
                self._places[word].append(place)
        places = self._places
        offset = min(range(len(run)), key=lambda i: len(places.get(run[i], ())))
        end = len(run) - offset
        return any(
            self.words[place - offset : place + end] == run
            for place in places.get(run[offset], ())
            if place >= offset
        )


#: From this many words on, ``contains`` looks in a passage through its map
#: of word places (Passage.holds) rather than by searching its text.
LONG_PASSAGE = 1000


def contains(outer: Passage, inner: Passage) -> bool:
    """Whether ``inner`` occurs in ``outer`` as a whole run of words."""
    if len(inner.words) >= len(outer.words):
        return False
    if len(outer.words) < LONG_PASSAGE or not inner.words:
        return inner.joined in outer.joined
    return outer.holds(inner.words)


def word_edits(a: tuple[str, ...], b: tuple[str, ...], limit: int) -> int | None:
    """Word-level edit distance between a and b, or None when it exceeds ``limit``.

    The words both begin and end with are left out first (they change no
    distance: most pairs asked about differ in a word or two of the middle);
    of the rest, only a band of width 2 * limit + 1 around the diagonal is
    computed, so the cost is linear in the length of the passages.
    """
    if abs(len(a) - len(b)) > limit:
        return None
    start, shorter = 0, min(len(a), len(b))
    while start < shorter and a[start] == b[start]:
        start += 1
    end_a, end_b = len(a), len(b)
    while end_a > start and end_b > start and a[end_a - 1] == b[end_b - 1]:
        end_a -= 1
        end_b -= 1
    a, b = a[start:end_a], b[start:end_b]
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
    if not could_be_slight_edits(a, b):
        return False
    import difflib  # here: most runs compare no pair this closely

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


def could_be_slight_edits(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """What ``only_slight_edits`` requires, checked quickly (False: it is
    False too): a content word of one passage that the other lacks is in no
    "equal" block, so it must be one of a pair of spelling variants, with a
    word of the other."""
    words_a, words_b = set(a), set(b)
    for x in words_a - words_b - FUNCTION_WORDS:
        if not any(_spelling_variants(x, y) for y in _alike(x, words_b)):
            return False
    for y in words_b - words_a - FUNCTION_WORDS:
        if not any(_spelling_variants(x, y) for x in _alike(y, words_a)):
            return False
    return True


def has_spelling_variant(word: str, words: set[str]) -> bool:
    """Whether one of ``words`` is a spelling variant of ``word``
    ("tumour"/"tumor", "symptom"/"symptoms")."""
    return any(_spelling_variants(word, other) for other in _alike(word, words))


def _alike(word: str, words: set[str]) -> list[str]:
    """The words that might be spelling variants of ``word`` (a quick sieve)."""
    if len(word) < 4 or not word.isalpha():
        return []
    return [w for w in words if w[:2] == word[:2]]


def _spelling_variants(x: str, y: str) -> bool:
    if min(len(x), len(y)) < 4 or abs(len(x) - len(y)) > 2 or not (x + y).isalpha():
        return False
    if x[:2] != y[:2]:  # "intraocular" and "extraocular" are different words
        return False
    import difflib

    return difflib.SequenceMatcher(a=x, b=y).ratio() >= 0.8


Key = TypeVar("Key")


@dataclass(slots=True)
class Group(Generic[Key]):
    """Passages with the same words: their keys, in the order given (a tuple
    of one for a passage said once, as most are: a list each was 7 MB of an
    article of 80,000 paragraphs; a list from the second copy on)."""

    words: tuple[str, ...]
    keys: tuple[Key] | list[Key]


def group_copies(passages: Iterable[tuple[Key, tuple[str, ...]]]) -> list[Group[Key]]:
    """The passages grouped by their words (a dict keyed by the word tuple, so by
    its hash: linear), groups in the order of their first passage."""
    groups: dict[tuple[str, ...], Group[Key]] = {}
    for key, words in passages:
        group = groups.get(words)
        if group is None:
            groups[words] = Group(words, (key,))
        elif isinstance(group.keys, list):
            group.keys.append(key)
        else:
            group.keys = [*group.keys, key]
    return list(groups.values())


#: See ``PassageIndex._shared_shingles``.
COUNTED_WORDS = 200_000


class MetAgain:
    """The keys (hashes) that may come more than once among ``keys``, told by
    two tables of ``bits`` bits (a power of two): a key's bit is set in the
    first when it is met, in the second when it is met again. Two keys may
    share a bit, so a key found here may have come once (its user checks);
    a key that came twice is always found. A set or a Counter of every key
    took ~10 MB a million keys; the tables take ``bits / 4`` bytes."""

    __slots__ = ("_again", "_mask")

    def __init__(self, keys: Iterable[int], bits: int) -> None:
        mask = bits - 1
        once, again = bytearray(bits >> 3), bytearray(bits >> 3)
        for key in keys:
            byte, bit = (key & mask) >> 3, 1 << (key & 7)
            if once[byte] & bit:
                again[byte] |= bit
            else:
                once[byte] |= bit
        self._again, self._mask = again, mask

    def __contains__(self, key: int) -> bool:
        return bool(self._again[(key & self._mask) >> 3] & (1 << (key & 7)))

    @staticmethod
    def bits_for(count: int) -> int:
        """Bits enough for ``count`` keys (at most one bit in 8 set)."""
        return 1 << max(10, (8 * count).bit_length())


class PassageIndex(Generic[Key]):
    """Finds, among many passages, the pairs that share content, without
    comparing every pair: the candidates for "A sits inside B" and "A and B
    differ by a word or two". Built from ``(key, words)`` passages, in order
    (words as ``fingerprint`` gives them; a key is whatever the caller needs
    back: a block, or an article and a block).

    Exact copies first: passages with the same words are one group (see
    ``group_copies``), numbered by first appearance, and queries are about
    groups, so sixty thousand copies of one paragraph are compared as one
    paragraph, not pair by pair.

    Then shingles: each run of ``shingle_words`` (k) consecutive words of a
    group is hashed, and ``postings`` maps each hash to the groups that hold
    it, in ascending order. Groups shorter than ``min_words`` are not indexed
    (no query finds them): the caller knows the shortest passage a match can be.
    The queries name a group and a direction (the groups before it, or after
    it) and give the candidate groups in ascending order: a superset of the
    true matches, to be verified by the caller (a hash collision only adds a
    candidate).

    - ``containers(g)``: the longer groups that may hold g's words as one run.
      Such a group holds every shingle of g, so the postings of g's rarest
      shingle are enough.
    - ``neighbours(g, edits)``: the groups that may be at most ``edits`` word
      changes (substitutions, insertions, deletions) away from g. One change
      spoils at most k of g's shingles (those that overlap it), so of any
      ``edits * k + 1`` shingle positions of g, one at least is intact in the
      other group: the postings of g's ``edits * k + 1`` rarest positions are
      enough. (g needs ``(edits + 1) * k`` words for that; a shorter g, or one
      with no shingle at all for ``containers``, is treated as if it had one
      shingle that every group holds.)

    The bound: a shingle found in more than ``max_postings`` groups is a stock
    phrase, and a query looks at only the first ``max_postings`` groups of its
    postings in the direction asked (earlier: from the first group; later:
    from the one after g). A query so examines at most ``max_postings`` groups
    per shingle it probes (one for ``containers``, ``edits * k + 1`` for
    ``neighbours``), and a search over every group is linear in the article.
    The price: a pair whose probed shingles are all that common, and that is
    not among the first ``max_postings`` groups holding one, is missed. (No
    real article comes near: it takes a paragraph made only of phrases that
    each stand in more than ``max_postings`` other paragraphs.)
    """

    def __init__(
        self,
        passages: Iterable[tuple[Key, tuple[str, ...]]],
        *,
        shingle_words: int = 4,
        min_words: int = 1,
        max_postings: int = 32,
    ) -> None:
        self.shingle_words = shingle_words
        self.max_postings = max_postings
        self._min_words = min_words
        self.groups: list[Group[Key]] = group_copies(passages)
        # Most shingles stand in one group only: they are counted first, and
        # only those of two groups or more get postings. A shingle with no
        # postings is held by its own group alone, which no query returns: to
        # the queries it is as if its postings were [g]. In a long article each
        # group's shingles are hashed again for the postings rather than kept
        # between the passes: the sets of 80,000 paragraphs were ~35 MB.
        shared, kept = self._shared_shingles()
        self.postings: dict[int, list[int]] = defaultdict(list)
        #: Whether each group was indexed (it has shingles), and if so whether
        #: another holds one of them (not which: a set each, most of them empty,
        #: was 17 MB of an article of 80,000 paragraphs).
        self._indexed: list[bool] = []
        self._unshared: list[int] = []  # how many of each group's shingles no other holds
        self._shared: list[bool] = []
        for number, group in enumerate(self.groups):
            shingles = kept[number] if kept is not None else self._distinct(group)
            mine = shingles & shared
            for shingle in mine:
                self.postings[shingle].append(number)
            self._indexed.append(bool(shingles))
            self._shared.append(bool(mine))
            self._unshared.append(len(shingles) - len(mine))
        del shared, kept
        self._ranked_group: tuple[int, list[int]] = (-1, [])
        self._rarest: dict[int, int | None] = {}

    def _shared_shingles(self) -> tuple[set[int], list[set[int]] | None]:
        """The shingles that two groups or more hold, and each group's
        distinct shingles when they are few enough to keep (else None).
        Counted by Counter (in C); but in an article of more than
        ``COUNTED_WORDS`` words, whose shingles' counts would take ~10 MB a
        million words, only those that two tables of bits say may be met
        again (a shingle met once, met again; two shingles may share a bit,
        which only counts one more)."""
        groups = self.groups
        words = sum(len(group.words) for group in groups)
        if words <= COUNTED_WORDS:
            kept = list(map(self._distinct, groups))
            counts = Counter(chain.from_iterable(kept))
            return {shingle for shingle, count in counts.items() if count > 1}, kept
        again = MetAgain(chain.from_iterable(map(self._distinct, groups)), MetAgain.bits_for(words))
        counts = Counter(
            shingle for group in groups for shingle in self._distinct(group) if shingle in again
        )
        return {shingle for shingle, count in counts.items() if count > 1}, None

    def _distinct(self, group: Group[Key]) -> set[int]:
        """The distinct shingles of an indexed group (none for a short one)."""
        if len(group.words) < self._min_words:
            return set()
        return set(self._shingles(group.words))

    def _shingles(self, words: tuple[str, ...]) -> list[int]:
        """The hash of each run of k words, by position (the same hashes as
        ``hash(words[i : i + k])``: a tuple's hash is its items')."""
        return shingle_hashes(words, self.shingle_words)

    def _ranked(self, group: int) -> list[int]:
        """The group's shingles, one per position, rarest first (kept for the
        last group asked: callers ask several questions about one group; and
        the rarest of every group asked, for ``containers``)."""
        if self._ranked_group[0] != group:
            shingles = self._shingles(self.groups[group].words)
            sizes = map(len, map(self.postings.get, shingles, repeat(())))
            ranked = [shingle for _, shingle in sorted(zip(sizes, shingles, strict=True))]
            self._ranked_group = (group, ranked)
            self._rarest[group] = ranked[0] if ranked else None
        return self._ranked_group[1]

    def alone(self, group: int, edits: int) -> bool:
        """Whether no query about ``group`` can find a candidate: it has
        shingles enough to be probed (``neighbours`` with ``edits``, and
        ``containers``), and no other group holds any of them. Most groups
        of an article are alone; this answers for them at a fraction of the
        cost of the queries."""
        if len(self.groups[group].words) - self.shingle_words + 1 < edits * self.shingle_words + 1:
            return False  # too few shingle positions: the queries look at every group
        return self._indexed[group] and not self._shared[group]

    def containers(self, group: int, *, before: bool) -> list[int]:
        """Groups before (or after) ``group``, longer than it, that may contain it."""
        if self._indexed[group] and self._unshared[group]:
            return []  # a container holds every shingle of the group: at once, no ranking
        if group not in self._rarest:
            self._ranked(group)
        rarest = self._rarest[group]
        length = len(self.groups[group].words)
        return [
            g
            for g in self._probe(group, None if rarest is None else [rarest], before)
            if len(self.groups[g].words) > length
        ]

    def neighbours(self, group: int, edits: int, *, before: bool) -> list[int]:
        """Groups before (or after) ``group`` that may be at most ``edits`` word
        changes away from it."""
        needed = edits * self.shingle_words + 1
        positions = len(self.groups[group].words) - self.shingle_words + 1
        if self._indexed[group] and positions >= needed and self._unshared[group] >= needed:
            # Its ``needed`` rarest positions would all be shingles no other
            # group holds: the answer is none, without ranking them.
            return []
        ranked = self._ranked(group)
        length = len(self.groups[group].words)
        return [
            g
            for g in self._probe(group, ranked[:needed] if len(ranked) >= needed else None, before)
            if abs(len(self.groups[g].words) - length) <= edits
        ]

    def _probe(self, group: int, shingles: list[int] | None, before: bool) -> list[int]:
        """The groups (other than ``group``, in the direction asked, at most
        ``max_postings`` per shingle) that hold one of ``shingles``; every group
        for None."""
        cap = self.max_postings
        if shingles is None:
            if before:
                return list(range(min(group, cap)))
            return list(range(group + 1, min(len(self.groups), group + 1 + cap)))
        found: set[int] = set()
        for shingle in set(shingles):
            posting = self.postings.get(shingle, [])
            if before:
                found.update(posting[: min(cap, bisect_left(posting, group))])
            else:
                start = bisect_right(posting, group)
                found.update(posting[start : start + cap])
        return sorted(found)


def shingle_hashes(words: tuple[str, ...], k: int) -> list[int]:
    """The hash of each run of ``k`` consecutive words, by position (the same
    as ``hash(words[i : i + k])``)."""
    if k == 1:
        return [hash((word,)) for word in words]
    return list(map(hash, zip(*(words[i:] for i in range(k)), strict=False)))


class SiteIndex:
    """Candidate pairs among the paragraphs of a whole site (thousands of
    articles), in memory that grows with the number of paragraphs, not with
    their words: the index behind copied-paragraph. Passages are distinct
    (exact copies already grouped, see ``group_copies``).

    - Near copies: two passages at most ``edits`` word changes apart, each
      of at least ``(edits + 1) * k`` words, share one of the first
      ``edits * k + 1`` shingles of either (each change spoils at most k of
      them, as in PassageIndex.neighbours), and it stands in the other within
      ``edits`` positions of where it stands in the first. So only the first
      ``edits * k + 1 + edits`` shingles of each passage are indexed, and two
      passages that share one are a candidate.
    - Containment: a passage inside another holds every shingle of it, so
      its first, its last and three between; the first shingles of all
      passages are indexed, and each passage's shingles are looked up there
      once (a set intersection), then the others it must hold.

    Most shingles stand in one passage only. The head shingles are gathered
    in an array of their hashes; two tables of bits mark the hashes met once
    and met again, and only the latter get a posting (a dict of every
    shingle held 31 MB for the 31,000 paragraphs of 5,486 NIH articles; two
    hashes may share a bit, which only costs a posting of one). Up to
    ``COUNTED_WORDS`` of them (a few hundred articles) are counted instead,
    which is faster and gives the same postings. The bound: a
    shingle shared by more than ``max_postings`` passages is a stock phrase,
    and only its first ``max_postings`` passages are paired through it; a
    pair is missed only when every shingle that could pair it is that common.
    """

    def __init__(
        self,
        passages: Sequence[str],
        *,
        shingle_words: int = 4,
        edits: int = 2,
        max_postings: int = 64,
    ) -> None:
        #: Each passage is its words joined by single spaces, and is split
        #: again where its words are needed: their tuples, held for every
        #: paragraph of 5,486 articles, were 40 MB of a run's peak.
        self.passages = passages
        self.shingle_words = k = shingle_words
        self.edits = edits
        self.max_postings = max_postings
        head = edits * k + 1 + edits if edits else 0
        self._firsts: dict[int, int | list[int]] = {}
        #: The words of each passage.
        self.lengths = array("l")
        #: Of each passage, four by four: the shingles at a quarter, half and
        #: three quarters of it, and its last (what an outer one must hold too).
        self._probes = array("q")
        heads = array("q")  # the head shingles of each passage, once each
        owners = array("l")  # the passage of each
        for number, text in enumerate(passages):
            words = tuple(text.split())
            self.lengths.append(len(words))
            shingles = shingle_hashes(words[: max(head, 1) + k - 1], k)
            span = len(words) - k
            if not shingles:
                self._probes.extend((0, 0, 0, 0))
                continue
            self._probes.extend(
                hash(words[at : at + k]) for at in (span // 4, span // 2, 3 * span // 4, span)
            )
            _post(self._firsts, shingles[0], number)
            mine = set(shingles[:head])
            heads.extend(mine)
            owners.extend(repeat(number, len(mine)))
        if len(heads) <= COUNTED_WORDS:  # (a few hundred articles: counted, in C)
            counts = Counter(heads)
            shared: Callable[[int], bool] = {h for h, n in counts.items() if n > 1}.__contains__
            del counts
        else:
            shared = MetAgain(heads, _MARK_BITS).__contains__
        postings: dict[int, list[int]] = {}
        for shingle, number in zip(heads, owners, strict=True):
            if shared(shingle):
                postings.setdefault(shingle, []).append(number)
        #: The passages (in order, at most max_postings) of each head shingle
        #: that more than one passage has.
        self._shared = [posting[:max_postings] for posting in postings.values() if len(posting) > 1]

    def near_candidates(self) -> list[tuple[int, int]]:
        """Pairs (a, b), a < b, that may be at most ``edits`` changes apart, in order."""
        pairs = set()
        lengths = self.lengths
        for posting in self._shared:
            for at, a in enumerate(posting):
                for b in posting[at + 1 :]:
                    if abs(lengths[a] - lengths[b]) <= self.edits:
                        pairs.add((a, b))
        return sorted(pairs)

    def containment_candidates(self, outers: range | None = None) -> Iterator[tuple[int, int]]:
        """Pairs (inner, outer): the outer passage is longer and holds the
        inner one's first and last shingles and those at a quarter, half and
        three quarters of it (by outer, each pair once: passages of a template,
        "Tests that examine the ... are used to ... The following tests ...",
        begin and end alike). ``outers``: only those outer passages (all by
        default), so that the search can be done in parts."""
        firsts, probes, lengths, passages = self._firsts, self._probes, self.lengths, self.passages
        for outer in range(len(passages)) if outers is None else outers:
            text, length = passages[outer], lengths[outer]
            held = set(shingle_hashes(tuple(text.split()), self.shingle_words))
            inners = set()
            for shingle in firsts.keys() & held:
                posting = firsts[shingle]
                capped = [posting] if isinstance(posting, int) else posting[: self.max_postings]
                for inner in capped:
                    at = 4 * inner
                    if lengths[inner] < length and held.issuperset(probes[at : at + 4]):
                        inners.add(inner)
            for inner in sorted(inners):
                yield inner, outer


class FocusedSiteIndex:
    """SiteIndex's pairs that involve one of the ``focus`` passages, without
    indexing every passage's shingles: a run that names a few files of a
    large site (pre-commit) reports on their paragraphs only, and the index
    of all 60,000 paragraphs of 5,486 articles took seconds.

    - Near copies: only the head shingles of the focus passages get a
      posting, filled from the heads of all passages (their first words
      only), in order and capped as in SiteIndex, so a focus passage meets
      the passages SiteIndex would pair it with.
    - Containment, a focus passage outside: as in SiteIndex (its shingles
      looked up among the first shingles of all passages).
    - Containment, a focus passage inside: the passages that hold its text
      at word boundaries, found by searching their text joined, for the
      focus passages that SiteIndex would pair through their first shingle
      (not past ``max_postings`` passages that begin alike).

    ``near_candidates`` gives SiteIndex's pairs that hold a focus passage;
    ``containment_candidates`` those in which the outer passage does hold
    the inner one (``holds``; what SiteIndex's candidates are kept for), in
    the same order. Passages are words joined by single spaces.
    """

    def __init__(
        self,
        passages: Sequence[str],
        focus: Iterable[int],
        *,
        shingle_words: int = 4,
        edits: int = 2,
        max_postings: int = 64,
    ) -> None:
        self.passages = passages
        self.focus = sorted(set(focus))
        self.shingle_words = k = shingle_words
        self.edits = edits
        self.max_postings = max_postings
        head = edits * k + 1 + edits if edits else 0
        some = max(head, 1) + k - 1  # the words that give a passage's head shingles
        #: All the shingles of each focus passage.
        self._held: dict[int, set[int]] = {}
        wanted_heads: set[int] = set()
        for number in self.focus:
            shingles = shingle_hashes(tuple(passages[number].split()), k)
            self._held[number] = set(shingles)
            wanted_heads.update(shingles[:head])
        wanted_firsts = set().union(*self._held.values())
        self.lengths = array("l")
        self._firsts: dict[int, list[int]] = {}
        self._heads: dict[int, list[int]] = {}
        for number, text in enumerate(passages):
            self.lengths.append(text.count(" ") + 1)
            shingles = shingle_hashes(tuple(text.split(None, some)[:some]), k)
            if not shingles:
                continue
            if shingles[0] in wanted_firsts:
                self._firsts.setdefault(shingles[0], []).append(number)
            for shingle in set(shingles[:head]) & wanted_heads:
                self._heads.setdefault(shingle, []).append(number)
        self._probes: dict[int, set[int]] = {}

    def near_candidates(self) -> list[tuple[int, int]]:
        """SiteIndex's near candidates (a, b), a < b, that hold a focus passage."""
        pairs = set()
        lengths, focus = self.lengths, set(self.focus)
        for posting in self._heads.values():
            posting = posting[: self.max_postings]
            for at, a in enumerate(posting):
                for b in posting[at + 1 :]:
                    if (a in focus or b in focus) and abs(lengths[a] - lengths[b]) <= self.edits:
                        pairs.add((a, b))
        return sorted(pairs)

    def containment_candidates(self) -> Iterator[tuple[int, int]]:
        """Pairs (inner, outer) with a focus passage, by outer, then inner."""
        found: set[tuple[int, int]] = set()
        lengths, firsts = self.lengths, self._firsts
        for outer in self.focus:
            held = self._held[outer]
            for shingle in firsts.keys() & held:
                for inner in firsts[shingle][: self.max_postings]:
                    if (
                        lengths[inner] < lengths[outer]
                        and held.issuperset(self._probe(inner))
                        and holds(self.passages[outer], self.passages[inner])
                    ):
                        found.add((outer, inner))
        inside = [number for number in self.focus if self._pairable_inside(number)]
        if inside:
            joined = "\n".join(self.passages)
            starts = list(accumulate((len(text) + 1 for text in self.passages), initial=0))
            for inner in inside:
                for outer in _holders(joined, starts, self.passages[inner]):
                    if outer != inner and lengths[inner] < lengths[outer]:
                        found.add((outer, inner))
        for outer, inner in sorted(found):
            yield inner, outer

    def _pairable_inside(self, number: int) -> bool:
        """Whether SiteIndex pairs the passage with those that hold it: it
        has a shingle, and is among the first ``max_postings`` passages
        with its first shingle."""
        words = tuple(self.passages[number].split(None, self.shingle_words)[: self.shingle_words])
        if len(words) < self.shingle_words:
            return False
        posting = self._firsts.get(hash(words), [])
        return number in posting[: self.max_postings]

    def _probe(self, number: int) -> set[int]:
        """SiteIndex's probes of a passage: the shingles an outer one must hold."""
        probe = self._probes.get(number)
        if probe is None:
            words = tuple(self.passages[number].split())
            k, span = self.shingle_words, len(words) - self.shingle_words
            probe = self._probes[number] = {
                hash(words[at : at + k]) for at in (span // 4, span // 2, 3 * span // 4, span)
            }
        return probe


def _holders(joined: str, starts: list[int], text: str) -> Iterator[int]:
    """The passages (by number) in which ``text`` stands at word boundaries;
    ``joined``: the passages joined by newlines, ``starts``: where each begins."""
    at = joined.find(text)
    while at >= 0:
        end = at + len(text)
        if (at == 0 or joined[at - 1] in " \n") and (end == len(joined) or joined[end] in " \n"):
            yield bisect_right(starts, at) - 1
        at = joined.find(text, at + 1)


#: The bits of SiteIndex's tables of head shingles met (1 MB each).
_MARK_BITS = 1 << 23


def _post(postings: dict[int, int | list[int]], shingle: int, number: int) -> None:
    """Add a passage to a shingle's posting (a number alone, until a second)."""
    posting = postings.get(shingle)
    if posting is None:
        postings[shingle] = number
    elif isinstance(posting, int):
        postings[shingle] = [posting, number]
    else:
        posting.append(number)


def holds(outer: str, inner: str) -> bool:
    """Whether the words ``inner`` (joined by single spaces) stand in
    ``outer`` (the same) as a whole run of words; no copies are made."""
    size = len(inner)
    at = outer.find(inner)
    while at >= 0:
        end = at + size
        if (at == 0 or outer[at - 1] == " ") and (end == len(outer) or outer[end] == " "):
            return True
        at = outer.find(inner, at + 1)
    return False
