"""The duplicate rules find their pairs through a PassageIndex, not by comparing
every pair of paragraphs. Not a timed test (machines are shared and noisy):
the index must find what the pairwise comparison found, on random articles
with planted repeats, and the number of comparisons it makes must stay
proportional to the article."""

from __future__ import annotations

import difflib
import random

import pytest

from medlint import similarity
from medlint.checks import duplicate_paragraph as dp
from medlint.document import BlockKind
from medlint.parsing import parse_document
from medlint.similarity import FUNCTION_WORDS, Passage, PassageIndex, group_copies
from medlint.structure import unmarked_items

from conftest import REPO

DEFAULTS = {name: option.default for name, option in dp.OPTIONS.items()}
MEDICAL = [
    line.strip()
    for line in (REPO / "rules" / "data" / "medical-words.txt").read_text("utf-8").splitlines()
    if line.strip() and not line.startswith("#")
]


def pairwise(doc, options):
    """The rule before the index, kept as the reference: every pair compared."""
    items = unmarked_items(doc)
    paragraphs = [
        (block, Passage.of(dp._compared_text(doc, block)))
        for block in doc.blocks_of(BlockKind.PARAGRAPH)
        if block.index not in items and not block.link_only
    ]
    paragraphs = [(b, p) for b, p in paragraphs if len(p.words) >= options["min-words"]]
    reported: set[int] = set()
    found = []
    for i, (later, later_passage) in enumerate(paragraphs):
        for earlier, earlier_passage in paragraphs[:i]:
            relation = dp._relation(later_passage, earlier_passage, options)
            if relation and later.index not in reported:
                reported.add(later.index)
                found.append(dp.Duplicate(later, dp._holder(doc, earlier, later_passage), relation))
            elif earlier.index not in reported and dp._contained(
                earlier_passage, later_passage, options
            ):
                reported.add(earlier.index)
                holder = dp._holder(doc, later, earlier_passage)
                found.append(dp.Duplicate(earlier, holder, "is contained in"))
    return _summary(sorted(found, key=lambda d: d.block.index))


def indexed(doc, options):
    return _summary(dp.duplicate_paragraphs(doc, options))


def _summary(duplicates):
    return [(d.block.index, d.other.index, d.relation) for d in duplicates]


# Random articles with planted repeats ---------------------------------------

CONTENT = "iron blood anemia fever rash cough doctor dose tablet stage heart lung".split()
VARIANTS = [
    ("tumor", "tumour"),
    ("anemia", "anaemia"),
    ("symptom", "symptoms"),
    ("color", "colour"),
]
SMALL_FUNCTION = sorted(FUNCTION_WORDS)[:12]


def _words(rand: random.Random, count: int) -> list[str]:
    pool = CONTENT + SMALL_FUNCTION + [v for pair in VARIANTS for v in pair]
    return [rand.choice(pool) for _ in range(count)]


def _edit(rand: random.Random, words: list[str]) -> list[str]:
    words = list(words)
    kind = rand.choice(["drop", "insert", "variant", "content", "swap-content"])
    at = rand.randrange(len(words) + 1)
    if kind == "drop" and words:
        del words[min(at, len(words) - 1)]
    elif kind == "insert":
        words.insert(at, rand.choice(SMALL_FUNCTION))
    elif kind == "variant":
        spots = [i for i, w in enumerate(words) for pair in VARIANTS if w in pair]
        if spots:
            i = rand.choice(spots)
            pair = next(p for p in VARIANTS if words[i] in p)
            words[i] = pair[1] if words[i] == pair[0] else pair[0]
    elif kind == "content":
        words.insert(at, rand.choice(CONTENT))
    elif words:
        words[min(at, len(words) - 1)] = rand.choice(CONTENT)
    return words


def random_article(rand: random.Random) -> str:
    earlier: list[list[str]] = []
    parts = []
    for _ in range(rand.randint(3, 30)):
        roll = rand.random()
        if roll < 0.1:
            parts.append("## " + " ".join(_words(rand, 3)))
            continue
        if roll < 0.2:  # a list introduction with its list, some items copied
            items = [
                rand.choice(earlier) if earlier and rand.random() < 0.4 else _words(rand, 5)
                for _ in range(rand.randint(1, 4))
            ]
            intro = " ".join(_words(rand, rand.choice([0, 1, 4]))) + ":"
            parts.append(intro + "\n\n" + "\n".join(f"- {' '.join(i)}" for i in items))
            continue
        base = rand.choice(earlier) if earlier else _words(rand, 20)
        if roll < 0.3 or not earlier:
            words = _words(rand, rand.randint(3, 40))
        elif roll < 0.45:  # an exact repeat, differently written
            words = [w.upper() if rand.random() < 0.2 else w for w in base]
        elif roll < 0.6:  # inside a longer paragraph
            words = _words(rand, rand.randint(1, 6)) + base + _words(rand, rand.randint(0, 6))
        elif roll < 0.7:  # a run from an earlier paragraph
            start = rand.randrange(len(base))
            words = base[start : start + rand.randint(3, 30)]
        else:  # a copy with a few changes
            words = base
            for _ in range(rand.randint(1, 4)):
                words = _edit(rand, words)
        if not words:
            continue
        earlier.append(words)
        text = " ".join(words)
        if rand.random() < 0.3:  # hard-wrapped
            text = text.replace(" ", "\n", 2)
        parts.append(text.capitalize() + rand.choice([".", "!", ""]))
    return "\n\n".join(parts) + "\n"


def random_options(rand: random.Random) -> dict:
    return {
        "min-words": rand.choice([1, 3, 6]),
        "min-contained-words": rand.choice([1, 3, 6, 12]),
        "max-changed-words": rand.choice([0, 1, 2, 3, 5]),
        "min-near-words": rand.choice([1, 4, 8, 20]),
    }


@pytest.mark.parametrize("seed", range(200))
def test_index_finds_what_every_pair_found(seed, monkeypatch):
    if seed % 5 == 4:  # look for contained paragraphs by their words' places
        monkeypatch.setattr(similarity, "LONG_PASSAGE", 2)
    if seed % 7 == 3:  # shared shingles found through the tables of bits
        monkeypatch.setattr(similarity, "COUNTED_WORDS", 0)
    rand = random.Random(seed)
    text = random_article(rand)
    options = DEFAULTS if seed % 3 == 0 else random_options(rand)
    options = {**options, "scope": "article"}  # the reference compares the whole article
    suffix = ".md" if seed % 2 else ".txt"
    expected = pairwise(parse_document(f"a{suffix}", text), options)
    assert indexed(parse_document(f"a{suffix}", text), options) == expected


@pytest.mark.parametrize("seed", range(40))
def test_the_tables_of_bits_find_the_shingles_counter_finds(seed, monkeypatch):
    """A long article's shared shingles, found through two tables of bits
    (``PassageIndex._shared_shingles``), are exactly those Counter finds."""
    rand = random.Random(seed)
    doc = parse_document("a.md", random_article(rand))
    passages = [(b.index, similarity.fingerprint(b.text)) for b in doc.blocks if b.text]
    k = rand.choice([1, 2, 4])

    def state(index):
        return dict(index.postings), index._indexed, index._shared, index._unshared

    counted = PassageIndex(passages, shingle_words=k, min_words=3)
    assert counted.postings or seed % 10  # (most random articles share shingles)
    monkeypatch.setattr(similarity, "COUNTED_WORDS", 0)
    marked = PassageIndex(passages, shingle_words=k, min_words=3)
    assert state(marked) == state(counted)


def test_random_articles_do_have_findings():
    """The random articles exercise every relation (else the test above proves little)."""
    relations = set()
    for seed in range(0, 200, 4):
        rand = random.Random(seed)
        text = random_article(rand)
        options = DEFAULTS if seed % 3 == 0 else random_options(rand)
        relations.update(r for _, _, r in pairwise(parse_document("a.md", text), options))
    assert relations == {"repeats", "is contained in", "nearly repeats"}


def test_planted_pairs_at_the_option_limits():
    """A near-repeat at exactly max-changed-words changes of a paragraph of
    min-near-words words, and a contained paragraph of exactly min-contained-words words."""
    rand = random.Random(7)
    long = [rand.choice(MEDICAL) for _ in range(20)]
    near = [*long[:4], "the", *long[4:16], "a", *long[16:]]  # two words added
    too_far = [*long[:5], "the", *long[5:10], "a", *long[10:15], "of", *long[15:]]  # three
    contained = [rand.choice(MEDICAL) for _ in range(12)]
    text = "\n\n".join(
        [
            " ".join(long),
            " ".join(too_far),
            " ".join(["then", *contained, "and", *long[:3]]),
            " ".join(contained),
            " ".join(near),
        ]
    )
    doc = parse_document("a.txt", text + "\n")
    expected = pairwise(doc, DEFAULTS)
    assert expected == [(3, 2, "is contained in"), (4, 0, "nearly repeats")]
    assert indexed(parse_document("a.txt", text + "\n"), DEFAULTS) == expected


def test_the_quick_refusal_of_near_repeats_refuses_no_slight_edit():
    """could_be_slight_edits is what only_slight_edits requires: never False
    where the comparison of the two word sequences says True."""

    def slight(a, b):  # only_slight_edits without its quick refusal
        matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op == "replace" and i2 - i1 == j2 - j1:
                pairs = zip(a[i1:i2], b[j1:j2], strict=True)
                if not all(similarity._spelling_variants(x, y) for x, y in pairs):
                    return False
            elif op != "equal" and not all(w in FUNCTION_WORDS for w in a[i1:i2] + b[j1:j2]):
                return False
        return True

    rand = random.Random(11)
    agreed = {True: 0, False: 0}
    for _ in range(3000):
        a = _words(rand, rand.randint(1, 12))
        b = a
        for _ in range(rand.randint(0, 3)):
            b = _edit(rand, b)
        a, b = tuple(a), tuple(b)
        expected = slight(a, b)
        assert similarity.only_slight_edits(a, b) == expected, (a, b)
        if expected:
            assert similarity.could_be_slight_edits(a, b), (a, b)
        agreed[expected] += 1
    assert min(agreed.values()) > 300


def test_a_copy_names_the_item_that_holds_it():
    """A bare ":" introduction is compared as its one item's words: its copy
    names the item, as the pairwise comparison did."""
    item = "iron helps red blood cells carry oxygen"
    text = f":\n\n- {item}\n\nSomething else entirely here now.\n\n:\n\n- {item}\n"
    expected = pairwise(parse_document("a.md", text), DEFAULTS)
    assert expected == [(4, 2, "repeats")]
    assert indexed(parse_document("a.md", text), DEFAULTS) == expected


def test_contains_by_word_places_is_contains_by_text(monkeypatch):
    monkeypatch.setattr(similarity, "LONG_PASSAGE", 1)
    rand = random.Random(13)
    pool = ["a", "b", "c", "iron", "ab"]
    for _ in range(3000):
        outer = Passage(tuple(rand.choice(pool) for _ in range(rand.randint(0, 12))))
        start = rand.randint(0, len(outer.words))
        words = list(outer.words[start : start + rand.randint(0, 6)])
        if rand.random() < 0.5:
            words = _edit(rand, words) if words else words
        inner = Passage(tuple(words))
        expected = len(inner.words) < len(outer.words) and inner.joined in outer.joined
        assert similarity.contains(outer, inner) == expected, (outer.words, inner.words)


def test_paragraphs_inside_one_huge_paragraph(comparisons):
    """The whole article again as one paragraph (an export glitch): each
    paragraph sits in it, and each is found by its words' places, not by
    searching the huge paragraph's text."""
    rand = random.Random(17)
    paragraphs = [" ".join(rand.choice(MEDICAL) for _ in range(15)) for _ in range(2000)]
    text = "\n\n".join([*paragraphs, " ".join(paragraphs)]) + "\n"
    doc = parse_document("a.txt", text)
    found = dp.duplicate_paragraphs(doc, DEFAULTS)
    assert len(found) == 2000
    assert all(d.relation == "is contained in" and d.other.index == 2000 for d in found)
    assert comparisons["count"] <= 2 * 2000


# Bounds ---------------------------------------------------------------------


@pytest.fixture
def comparisons(monkeypatch):
    """Counts the paragraph comparisons of duplicate-paragraph."""
    calls = {"count": 0}
    relation, contains = dp._relation, dp.contains

    def counted_relation(*args):
        calls["count"] += 1
        return relation(*args)

    def counted_contains(*args):
        calls["count"] += 1
        return contains(*args)

    monkeypatch.setattr(dp, "_relation", counted_relation)
    monkeypatch.setattr(dp, "contains", counted_contains)
    return calls


def _distinct_paragraphs(count: int, vocabulary: list[str], seed: int = 1) -> str:
    rand = random.Random(seed)
    return "\n\n".join(
        " ".join(rand.choice(vocabulary) for _ in range(rand.randint(8, 60))) + "."
        for _ in range(count)
    )


def test_distinct_paragraphs_take_a_linear_number_of_comparisons(comparisons):
    doc = parse_document("a.txt", _distinct_paragraphs(2000, MEDICAL))
    assert dp.duplicate_paragraphs(doc, DEFAULTS) == []
    assert comparisons["count"] <= 2000  # every pair would be 2,000,000


def test_a_small_vocabulary_is_bounded_by_the_postings_cap(comparisons):
    """Forty words: every shingle is common, and the cap on the postings a
    query examines bounds the comparisons (probes * cap per paragraph)."""
    doc = parse_document("a.txt", _distinct_paragraphs(1000, MEDICAL[:40]))
    dp.duplicate_paragraphs(doc, DEFAULTS)
    limit = DEFAULTS["max-changed-words"]
    per_paragraph = (limit * 4 + 1 + 2) * 32  # neighbours, and containers both ways
    assert comparisons["count"] <= 1000 * per_paragraph
    assert comparisons["count"] < 1000 * 999 / 2 / 4


def test_copies_of_one_paragraph_all_repeat_the_first(comparisons):
    paragraph = " ".join(MEDICAL[:25]).capitalize() + "."
    doc = parse_document("a.txt", "\n\n".join([paragraph] * 5000) + "\n")
    found = dp.duplicate_paragraphs(doc, DEFAULTS)
    first = doc.blocks[0]
    assert len(found) == 4999
    assert all(d.other is first and d.relation == "repeats" for d in found)
    assert [d.block.index for d in found] == [b.index for b in doc.blocks[1:]]
    assert comparisons["count"] <= 10


def test_copies_among_distinct_paragraphs(comparisons):
    """Copies of a few paragraphs, interleaved with distinct ones: each copy
    names the first, and the comparisons stay linear."""
    rand = random.Random(3)
    repeated = [" ".join(rand.choice(MEDICAL) for _ in range(30)) for _ in range(5)]
    distinct = _distinct_paragraphs(1000, MEDICAL).split("\n\n")
    paragraphs = [rand.choice(repeated) if i % 2 else p for i, p in enumerate(distinct)]
    text = "\n\n".join(paragraphs) + "\n"
    found = indexed(parse_document("a.txt", text), DEFAULTS)
    assert len(found) == 500 - 5
    assert comparisons["count"] <= 1000
    small = "\n\n".join(paragraphs[:200]) + "\n"
    assert indexed(parse_document("a.txt", small), DEFAULTS) == pairwise(
        parse_document("a.txt", small), DEFAULTS
    )


# The index itself -----------------------------------------------------------


def test_group_copies_keeps_first_appearance_order():
    groups = group_copies([(1, ("a", "b")), (2, ("c",)), (3, ("a", "b")), (4, ("a", "b"))])
    assert [(g.words, list(g.keys)) for g in groups] == [(("a", "b"), [1, 3, 4]), (("c",), [2])]


def test_index_queries():
    rand = random.Random(5)
    base = tuple(rand.choice(MEDICAL) for _ in range(30))
    passages = [
        ("noise", tuple(rand.choice(MEDICAL) for _ in range(30))),
        ("outer", ("see", *base, "today")),
        ("base", base),
        ("copy", base),
        ("near", base[:5] + ("the",) + base[6:]),
        ("inner", base[3:20]),
    ]
    index = PassageIndex(passages, shingle_words=4)
    keys = [list(g.keys) for g in index.groups]
    assert keys == [["noise"], ["outer"], ["base", "copy"], ["near"], ["inner"]]
    assert index.containers(4, before=True) == [1, 2]  # "near" lost word 5: not a container
    assert index.containers(2, before=False) == []
    assert index.containers(2, before=True) == [1]
    assert index.neighbours(3, 2, before=True) == [1, 2]
    assert index.neighbours(2, 2, before=False) == [3]
    assert index.neighbours(2, 0, before=False) == []


def test_index_caps_the_postings_examined():
    passages = [(i, ("one", "two", "three", "four", "five", str(i))) for i in range(1000)]
    index = PassageIndex(passages, shingle_words=4, max_postings=20)
    assert len(index.neighbours(999, 1, before=True)) <= 20 * 5
    assert index.neighbours(999, 1, before=True)[:3] == [0, 1, 2]  # the first ones
    assert index.neighbours(500, 1, before=False)[:3] == [501, 502, 503]  # the next ones


def test_a_group_alone_has_no_candidates():
    """``alone`` spares the queries only where they would find nothing."""
    found_alone = 0
    for seed in range(40):
        rand = random.Random(seed)
        vocabulary = MEDICAL[: rand.choice([8, 40, 400])]
        passages = [
            (i, tuple(rand.choice(vocabulary) for _ in range(rand.randint(1, 14))))
            for i in range(60)
        ]
        k = rand.choice([1, 2, 4])
        index = PassageIndex(passages, shingle_words=k, min_words=rand.choice([1, 4]))
        for g in range(len(index.groups)):
            for edits in (0, 1, 3):
                if index.alone(g, edits):
                    found_alone += 1
                    for before in (True, False):
                        assert index.containers(g, before=before) == []
                        assert index.neighbours(g, edits, before=before) == []
    assert found_alone > 100  # the test asks about many groups alone


def test_a_group_sharing_nothing_is_alone():
    rand = random.Random(5)
    base = tuple(rand.choice(MEDICAL) for _ in range(30))
    noise = tuple(rand.choice(MEDICAL) for _ in range(30))
    index = PassageIndex([("noise", noise), ("base", base), ("inner", base[3:20])])
    assert index.alone(0, 2)
    assert not index.alone(1, 2) and not index.alone(2, 2)
    short = PassageIndex([("a", ("one", "two")), ("b", ("three", "four"))], shingle_words=4)
    assert not short.alone(0, 0)  # no shingle: its queries look at every group


_ASCII = "".join(chr(c) for c in range(128))


@pytest.mark.parametrize("seed", range(20))
def test_the_fingerprint_of_ascii_text_is_the_searched_one(seed):
    """An ASCII text's fingerprint is made by translating and splitting: the
    same words as the search for runs of letters and digits makes."""
    import re

    rng = random.Random(seed)
    alphabet = _ASCII + "aeiouAEIOU0123456789     " * 3
    for _ in range(200):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 80)))
        assert similarity.fingerprint(text) == tuple(re.findall(r"[^\W_]+", text.casefold()))
    assert similarity.fingerprint("Take 2.5 mg_daily, don't—ÉTÉ") == (
        "take",
        "2",
        "5",
        "mg",
        "daily",
        "don",
        "t",
        "été",
    )


def _levenshtein(a, b):
    row = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        previous, row[0] = row[0], i
        for j, y in enumerate(b, 1):
            previous, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, previous + (x != y))
    return row[-1]


@pytest.mark.parametrize("seed", range(10))
def test_word_edits_is_the_edit_distance_within_its_limit(seed):
    rng = random.Random(seed)
    for _ in range(400):
        a = tuple(rng.choice("abc") for _ in range(rng.randint(0, 9)))
        b = list(a)
        for _ in range(rng.randint(0, 4)):
            at = rng.randint(0, len(b))
            choice = rng.random()
            if choice < 0.3 and b[at:]:
                del b[at]
            elif choice < 0.6:
                b.insert(at, rng.choice("abcd"))
            elif b[at:]:
                b[at] = rng.choice("abcd")
        b = tuple(b) if rng.random() < 0.8 else tuple(rng.choice("abc") for _ in range(5))
        for limit in range(4):
            distance = _levenshtein(a, b)
            expected = distance if distance <= limit else None
            assert similarity.word_edits(a, b, limit) == expected, (a, b, limit)


@pytest.mark.parametrize("seed", range(5))
def test_squashed_is_the_fingerprint_run_together(seed):
    """So texts with the same fingerprint have the same squashed key, and
    duplicate-sentence, which fingerprints only sentences that share their
    key, finds every repeat."""
    rng = random.Random(seed)
    alphabet = _ASCII + "aeiouAEIOU0123456789     éÉß\u0130٣" * 2
    for _ in range(500):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60)))
        assert similarity.squashed(text) == "".join(similarity.fingerprint(text))
