"""copied-paragraph: a paragraph that also stands, exactly or nearly, in other
articles of the run; and a copy whose numbers differ ("take 200 mg" in one
article, "take 400 mg" in the other), since one of the two gives the wrong
dose.

This kind looks across articles, so it works in two steps. For each article,
``collect`` picks the paragraphs worth comparing (at least ``min-words``
words; not contact lines, not lists that lost their bullets, not a paragraph
that is only a link, not stock text that ``allow`` matches: a disclaimer by
default) and returns their fingerprints: plain data that a worker process
sends back and the results cache keeps. After every article has been read,
the engine hands all fingerprints to ``check_project``, which finds, through
one ``PassageIndex`` over the whole run, the paragraphs that share content,
and judges each candidate pair as duplicate-paragraph judges a pair within
an article:

- the same words (case, punctuation and wrapping aside): a copy;
- one wholly inside the other: a copy;
- a word or two apart, and only in the way of an edited copy (spelling
  variants, function words): a near copy. Two paragraphs that differ by a
  content word ("type 1" / "type 2", "recessive" / "dominant") are a template
  filled in twice, and say different things: not reported;
- a word or two apart, where what differs is a number before a unit or a
  measure ("200 mg", "every 4 hours", "5%"): the numbers-differ case, reported
  with ``numbers-severity`` (error by default). A number that names a type,
  stage or gene ("type 2", "BRCA1") is not a quantity, and differs on purpose.

Each article that holds a copied paragraph gets one finding for it, at its
first occurrence, naming the other articles (the first three, and how many
more). Within one article, repeats are duplicate-paragraph's.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import accumulate

from medlint.checks.base import Context, Option, Options, Spread, in_one_process
from medlint.document import Block, BlockKind, Document
from medlint.findings import Hit, Severity, Span
from medlint.memo import TextMemo
from medlint.patterns import search, user_pattern
from medlint.similarity import (
    FUNCTION_WORDS,
    FocusedSiteIndex,
    SiteIndex,
    fingerprint,
    has_spelling_variant,
    holds,
    only_slight_edits,
    word_edits,
)
from medlint.structure import is_contact_block, unmarked_items

NAME = "copied-paragraph"
#: Runs in the engine's project phase, over every article of the run.
PROJECT = True
OPTIONS = {
    "min-words": Option(
        "integer", 20, "Paragraphs with fewer words are not compared across articles.", minimum=1
    ),
    "max-changed-words": Option(
        "integer",
        2,
        "Paragraphs that differ by at most this many words (changed, added or removed) "
        "are near copies, or copies whose numbers differ. 0: exact copies only.",
        minimum=0,
    ),
    "allow": Option(
        "pattern-list",
        [
            r"\bnot\s+(?:\w+\s+){0,4}(?:medical|health)\s+advice\b",
            r"\bnot\s+(?:\w+\s+){0,4}(?:a\s+)?(?:substitute|replacement)\s+for\b",
            r"\b(?:educational|informational|information)\s+purposes\s+only\b",
            r"\bmedical\s+disclaimer\b",
        ],
        "Stock text shared on purpose: a paragraph in which one of these patterns "
        "matches (case ignored) is never compared. Add your site's shared paragraphs "
        "(a distinctive phrase of each is enough).",
    ),
    "max-articles": Option(
        "integer",
        10,
        "A paragraph that stands in more articles than this is the site's shared text "
        "(a standard paragraph, a footer) and is not reported as a copy: a slip of copy "
        "and paste lands in a few. Copies whose numbers differ are reported however "
        "many there are. 0: no limit.",
        minimum=0,
    ),
    "numbers-severity": Option(
        "string",
        "error",
        "The severity of a copy whose numbers differ (one of the two is wrong).",
        choices=("error", "warning", "info"),
    ),
}
MESSAGE_ARGS = frozenset({"summary", "places", "count", "advice"})

#: Words after a number that make it a quantity: a dose, a frequency, a duration.
UNITS = frozenset(
    """mg mcg µg ug g gram grams milligram milligrams microgram micrograms kg ml mls millilitre
    millilitres milliliter milliliters l litre litres liter liters cc iu unit units mmol mmhg
    meq oz ounce ounces lb lbs pound pounds tablet tablets capsule capsules pill pills drop
    drops puff puffs dose doses spray sprays patch patches teaspoon teaspoons tsp tablespoon
    tablespoons tbsp cup cups glass glasses serving servings injection injections shot shots
    time times hour hours hr hrs day days week weeks month months year years minute minutes
    min mins second seconds percent calories kcal""".split()
)
_WORD = re.compile(r"\d+(?:[.,]\d+)*%?|[^\W_]+")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*%?")
_DIGIT = re.compile(r"\d")
_SHOWN = 3


@dataclass(frozen=True, slots=True)
class Print:
    """One paragraph of an article, as the project phase compares it."""

    span: Span
    #: Its words (``words_of``) joined by single spaces: one string, compact
    #: to send from a worker, to cache and to hold for thousands of articles.
    text: str
    #: Silenced in its article (a directive, per-file-ignores): compared, never reported.
    silenced: bool = False

    def __reduce__(self):  # (see Finding.__reduce__)
        return _print, (self.span, self.text, self.silenced)


def _print(span: Span, text: str, silenced: bool) -> Print:
    """A Print as a worker sent it or the cache kept it, its text shared with
    the copies of it in other articles (``sys.intern``): of the 69,000
    paragraphs of 5,486 NIH articles, 38,000 are copies, and the project
    phase holds them all at once."""
    return Print(span, sys.intern(text), silenced)


def words_of(text: str) -> tuple[str, ...]:
    """The words of a paragraph, case-folded, with a decimal or a percentage
    kept as one word ("2.5", "10,000", "5%"). Without a digit, these are the
    words of ``similarity.fingerprint`` (found faster)."""
    if _DIGIT.search(text) is None:
        return fingerprint(text)
    return tuple(_WORD.findall(text.casefold()))


def check(doc: Document, options: Options, context: Context) -> Iterator[Hit]:
    """Nothing within one article: see ``check_project``."""
    return iter(())


def collect(doc: Document, options: Options) -> tuple[Print, ...]:
    """The paragraphs of ``doc`` to compare with other articles."""
    # Each pattern on its own: each with its own literals for the prefilter
    # (one alternation of them all was searched at every place of the text).
    allow = [user_pattern(pattern) for pattern in options["allow"]]
    min_words = options["min-words"]
    kept = _kept(tuple(options["allow"]), min_words)
    items = unmarked_items(doc)
    prints = []
    for block in doc.blocks_of(BlockKind.PARAGRAPH):
        if block.link_only or block.index in items:
            continue
        key = (block.text, tuple(block.break_offsets))
        text = kept.get(key)
        if text is None:
            text = _compared_text(block, min_words, allow)
            kept.put(key, len(block.text), text)
        if text:
            prints.append(Print(doc.block_span(block), text))
    return tuple(prints)


def _compared_text(block: Block, min_words: int, allow: list) -> str:
    """A paragraph's words (``words_of``) joined by single spaces, as the
    project phase compares it; "" for one it does not compare: too short,
    contact lines, or text ``allow`` matches."""
    words = words_of(block.text)
    if len(words) < min_words or is_contact_block(block):
        return ""
    if any(search(pattern, block.text) is not None for pattern in allow):
        return ""
    return sys.intern(" ".join(words))


#: What ``_compared_text`` gave each paragraph met again (by its text and
#: line breaks, which are all it reads), for each rule's options: a site
#: repeats paragraphs across its articles.
_KEPT: dict[tuple[tuple[str, ...], int], TextMemo[str]] = {}


def _kept(allow: tuple[str, ...], min_words: int) -> TextMemo[str]:
    memo = _KEPT.get((allow, min_words))
    if memo is None:
        if len(_KEPT) >= 16:  # (rules of this kind with other options: a few)
            _KEPT.clear()
        memo = _KEPT[(allow, min_words)] = TextMemo(max_chars=500_000)
    return memo


def check_project(
    articles: Sequence[tuple[str, Sequence[Print]]],
    options: Options,
    reported: int | None = None,
    spread: Spread = in_one_process,
) -> Iterator[tuple[int, Hit]]:
    """The copied paragraphs of the run, as (article number, Hit) in the
    articles' order and, within one, in the order of its paragraphs.
    ``articles`` are (path, prints), the path as the report names it; only
    the first ``reported`` are reported (all by default): the others are
    what they are compared with. The pairs are compared in the parts that
    ``spread`` gives (the same findings however many)."""
    reported = len(articles) if reported is None else reported
    # Exact copies first: one group per text (the words joined), each with
    # its places (article number, paragraph number), in order.
    places_of: dict[str, list[tuple[int, int]]] = {}
    for number, (_, prints) in enumerate(articles):
        for p, item in enumerate(prints):
            places_of.setdefault(item.text, []).append((number, p))
    texts = list(places_of)
    group_of = {text: g for g, text in enumerate(texts)}
    focus = None
    if reported < len(articles):
        focus = {group_of[item.text] for _, prints in articles[:reported] for item in prints}
    copies, differing = _related_groups(texts, options, focus, spread)
    numbers_severity = Severity.parse(options["numbers-severity"])
    most = options["max-articles"]  # this article and the others: at most this many
    groups = [places_of[text] for text in texts]
    #: The articles that hold a group or one related to it (made once a
    #: group: stock text in hundreds of articles is skipped in each at once).
    holders: dict[int, set[int]] = {}
    for number, (_, prints) in enumerate(articles[:reported]):
        seen: set[int] = set()
        for item in prints:
            group = group_of[item.text]
            if group in seen:  # said twice in this article: duplicate-paragraph's
                continue
            seen.add(group)
            if item.silenced:
                continue
            for other, changes in differing.get(group, []):
                places = _other_places(groups, [other], number, articles)
                if places:
                    yield number, _numbers_hit(item, places, changes, numbers_severity)
            related = copies.get(group)
            if related is None and len(groups[group]) == 1:
                continue  # this paragraph stands here only (most do)
            if most:
                held = holders.get(group)
                if held is None:
                    held = holders[group] = {
                        n for g in (group, *(related or ())) for n, _ in groups[g]
                    }
                if len(held) - (number in held) >= most:
                    continue  # stock text of the site, not a copy to report
            places = _other_places(groups, [group, *(related or ())], number, articles)
            if places and (not most or len(places) < most):
                yield number, _copy_hit(item, places)


def _related_groups(
    texts: list[str],
    options: Options,
    focus: set[int] | None = None,
    spread: Spread = in_one_process,
) -> tuple[dict[int, set[int]], dict[int, list[tuple[int, tuple[str, str]]]]]:
    """For each distinct paragraph, the others that hold the same text (one
    inside the other, or a near copy); and those that are copies of it with
    different numbers, with the first pair of numbers that differs (its,
    theirs). ``texts`` are words joined by single spaces, split again only
    for the pairs compared (see ``SiteIndex``). With a ``focus``, the
    relations of those paragraphs at least (only theirs, when they are few
    of the site's: ``FocusedSiteIndex``).

    The index is built here; the pairs are compared in the parts ``spread``
    gives, when the site is large enough (SPREAD_FROM) that another process
    is worth its start: each part, the containers of a run of the paragraphs
    and a run of the near candidates, merged in the parts' order."""
    copies: dict[int, set[int]] = defaultdict(set)
    differing: dict[int, list[tuple[int, tuple[str, str]]]] = defaultdict(list)
    limit = options["max-changed-words"]
    shingle_words = _shingle_words(options)
    if focus is not None and len(focus) * FOCUSED_SHARE <= len(texts):
        focused = FocusedSiteIndex(texts, focus, shingle_words=shingle_words, edits=limit)
        near = focused.near_candidates() if limit else []
        parts = [_compared(texts, focused.containment_candidates(), near, limit)]
    else:
        index = SiteIndex(texts, shingle_words=shingle_words, edits=limit)
        near = index.near_candidates() if limit else []

        def part(number: int, count: int) -> tuple[list, list]:
            outers = _share(index.lengths, number, count)
            pairs = near[len(near) * number // count : len(near) * (number + 1) // count]
            return _compared(texts, index.containment_candidates(outers), pairs, limit)

        parts = spread(part) if len(texts) >= SPREAD_FROM else [part(0, 1)]
    for contained, _ in parts:
        for inner, outer in contained:
            copies[inner].add(outer)
            copies[outer].add(inner)
    for _, alike in parts:
        for a, b, changes in alike:
            if changes is not None:
                differing[a].append((b, changes))
                differing[b].append((a, (changes[1], changes[0])))
            else:
                copies[a].add(b)
                copies[b].add(a)
    return copies, differing


def _share(lengths: Sequence[int], number: int, count: int) -> range:
    """Part ``number`` of ``count`` of the paragraphs, by their lengths: runs
    of about as many words each (a paragraph's search for those it holds
    takes time with its words), which together are every paragraph, once."""
    starts = list(accumulate(lengths, initial=0))  # the words before each
    ends = [
        len(lengths) if n == count else bisect_left(starts, starts[-1] * n / count)
        for n in (number, number + 1)
    ]
    return range(*ends)


#: From this many distinct paragraphs on, the pairs are compared in the
#: parts the engine spreads over its processes: for fewer, starting one
#: costs more than it saves (600 NIH articles have 4,400; their comparison
#: took 0.2 s of 0.3).
SPREAD_FROM = 2000


def _compared(
    texts: list[str],
    containment: Iterable[tuple[int, int]],
    near: list[tuple[int, int]],
    limit: int,
) -> tuple[list[tuple[int, int]], list[tuple[int, int, tuple[str, str] | None]]]:
    """The candidate pairs verified: (inner, outer) where the outer holds the
    inner one; and (a, b, changes) for the near copies, ``changes`` the
    first pair of numbers that differs, None for a copy with slight edits."""
    contained = [pair for pair in containment if holds(texts[pair[1]], texts[pair[0]])]
    alike: list[tuple[int, int, tuple[str, str] | None]] = []
    for a, b in near:
        first, second = tuple(texts[a].split()), tuple(texts[b].split())
        if not _may_be_a_copy(first, second, limit) or word_edits(first, second, limit) is None:
            continue
        changes = _changed_numbers(first, second)
        if changes is not None or only_slight_edits(first, second):
            alike.append((a, b, changes))
    return contained, alike


#: A run that names at most one paragraph in this many of the site's is
#: compared through FocusedSiteIndex (the same findings): searching the
#: site's text for each of its paragraphs costs ~5 ms a paragraph on 5,486
#: articles, where indexing them all takes seconds.
FOCUSED_SHARE = 64


def _shingle_words(options: Options) -> int:
    """Shingles of at most 4 words, short enough that a near copy as short as
    ``min-words`` keeps one intact after ``max-changed-words`` changes."""
    return min(4, max(1, options["min-words"] // (options["max-changed-words"] + 1)))


def _may_be_a_copy(a: tuple[str, ...], b: tuple[str, ...], limit: int) -> bool:
    """What a near copy or a copy with other numbers requires, checked
    quickly before the edit distance: one edit brings at most one word into
    either passage that the other lacks, and each such word is a function
    word, a number, or a spelling variant of a word of the other (a content
    word changed is a template filled in: ``could_be_slight_edits``)."""
    words_a, words_b = set(a), set(b)
    new_a, new_b = words_a - words_b, words_b - words_a
    if len(new_a) > limit or len(new_b) > limit:
        return False
    return all(
        word in FUNCTION_WORDS or _NUMBER.match(word) or has_spelling_variant(word, theirs)
        for mine, theirs in ((new_a, words_b), (new_b, words_a))
        for word in mine
    )


def _changed_numbers(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[str, str] | None:
    """The first pair of quantities that differs, when what differs between
    two nearly equal paragraphs is quantities (a number before a unit: "200"
    / "400" before "mg"; or a percentage), apart from slight edits; else None."""
    import difflib  # here: only a near copy needs it, and a one-file run has none

    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    first: tuple[str, str] | None = None
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        if op == "replace" and i2 - i1 == j2 - j1:
            for offset, (x, y) in enumerate(zip(a[i1:i2], b[j1:j2], strict=True)):
                if _is_quantity(a, i1 + offset) and _is_quantity(b, j1 + offset):
                    first = first or (_shown(a, i1 + offset), _shown(b, j1 + offset))
                elif not only_slight_edits((x,), (y,)):
                    return None
        elif not all(word in FUNCTION_WORDS for word in a[i1:i2] + b[j1:j2]):
            return None
    return first


def _is_quantity(words: tuple[str, ...], at: int) -> bool:
    word = words[at]
    if _NUMBER.fullmatch(word) is None:
        return False
    return word.endswith("%") or (at + 1 < len(words) and words[at + 1] in UNITS)


def _shown(words: tuple[str, ...], at: int) -> str:
    word = words[at]
    return word if word.endswith("%") else f"{word} {words[at + 1]}"


def _other_places(
    groups: list[list[tuple[int, int]]],
    related: list[int],
    article: int,
    articles: Sequence[tuple[str, Sequence[Print]]],
) -> list[tuple[str, int]]:
    """The first place of each other article that holds one of the related
    paragraphs: (path, line), by path."""
    first: dict[int, int] = {}
    for group in related:
        for number, p in groups[group]:
            if number != article:
                line = articles[number][1][p].span.line
                first[number] = min(first.get(number, line), line)
    return sorted((articles[number][0], line) for number, line in first.items())


def _listed(places: list[tuple[str, int]]) -> str:
    shown = ", ".join(f"{path}:{line}" for path, line in places[:_SHOWN])
    more = len(places) - _SHOWN
    return f"{shown} and {more} more" if more > 0 else shown


def _copy_hit(item: Print, places: list[tuple[str, int]]) -> Hit:
    count = len(places)
    articles = "another article" if count == 1 else f"{count} other articles"
    return Hit(
        item.span,
        {
            "summary": f"Paragraph also stands in {articles} ({_listed(places)})",
            "places": _listed(places),
            "count": count,
            "advice": "keep it in one article and link to it, or, if the site shares it on "
            "purpose, add a phrase of it to copied-paragraph's allow option",
        },
    )


def _numbers_hit(
    item: Print, places: list[tuple[str, int]], changes: tuple[str, str], severity: Severity
) -> Hit:
    ours, theirs = changes
    return Hit(
        item.span,
        {
            "summary": f"Paragraph is a copy of {_listed(places)} with different numbers "
            f'("{ours}" here, "{theirs}" there)',
            "places": _listed(places),
            "count": len(places),
            "advice": "one of them is wrong: check the source and make them agree",
        },
        severity=severity,
    )
