"""copied-paragraph's parts: the site index finds every pair the rule must
judge (against a comparison of every pair), and the verdicts on numbers."""

from __future__ import annotations

import random

import pytest

from medlint.checks.copied_paragraph import Print, _changed_numbers, check_project, words_of
from medlint.findings import Span
from medlint.similarity import SiteIndex, holds, word_edits

VOCABULARY = [f"w{n}" for n in range(60)]


def _site(seed: int, count: int = 120) -> list[tuple[str, ...]]:
    """Distinct passages of 20-40 words from a small vocabulary (many
    shingles shared by chance), with planted near copies and containments."""
    rng = random.Random(seed)
    passages: list[tuple[str, ...]] = []
    for _ in range(count):
        roll = rng.random()
        if passages and roll < 0.25:  # a near copy: one or two changes
            words = list(rng.choice(passages))
            for _ in range(rng.randint(1, 2)):
                at = rng.randrange(len(words))
                change = rng.choice(("replace", "insert", "delete"))
                if change == "replace":
                    words[at] = rng.choice(VOCABULARY)
                elif change == "insert":
                    words.insert(at, rng.choice(VOCABULARY))
                elif len(words) > 20:
                    del words[at]
            candidate = tuple(words)
        elif passages and roll < 0.4:  # a passage inside a longer one
            inner = rng.choice(passages)
            before = tuple(rng.choices(VOCABULARY, k=rng.randint(0, 6)))
            candidate = before + inner + tuple(rng.choices(VOCABULARY, k=rng.randint(1, 6)))
        else:
            candidate = tuple(rng.choices(VOCABULARY, k=rng.randint(20, 40)))
        if candidate not in passages and len(candidate) >= 20:
            passages.append(candidate)
    return passages


@pytest.mark.parametrize("seed", range(12))
def test_the_site_index_finds_every_near_copy_and_containment(seed):
    passages = _site(seed)
    texts = [" ".join(p) for p in passages]
    index = SiteIndex(texts, shingle_words=4, edits=2, max_postings=10_000)
    near = set(index.near_candidates())
    contained = set(index.containment_candidates())
    planted = 0
    for a in range(len(passages)):
        for b in range(len(passages)):
            if a < b and word_edits(passages[a], passages[b], 2) is not None:
                assert (a, b) in near, (a, b)
                planted += 1
            if len(passages[a]) < len(passages[b]) and holds(texts[b], texts[a]):
                assert (a, b) in contained, (a, b)
                planted += 1
    assert planted >= 10  # the test compares real pairs


@pytest.mark.parametrize("seed", range(6))
def test_the_site_index_counts_or_marks_its_shared_shingles_alike(seed, monkeypatch):
    """A site of a few hundred articles has its shared head shingles counted
    (Counter), a larger one found through two tables of bits (MetAgain):
    the same postings, so the same candidate pairs."""
    from medlint import similarity

    texts = [" ".join(p) for p in _site(seed)]

    def pairs():
        index = SiteIndex(texts, shingle_words=4, edits=2, max_postings=3)
        return index._shared, index.near_candidates(), list(index.containment_candidates())

    counted = pairs()
    assert counted[0] and counted[1] and counted[2]  # (the site has shared shingles)
    monkeypatch.setattr(similarity, "COUNTED_WORDS", 0)
    assert pairs() == counted


def test_holds_needs_whole_words():
    assert holds("take one a day", "one a day")
    assert not holds("take none a day", "one a day")
    assert not holds("take one a daytime", "one a day")
    assert holds("one a day", "one a day")


@pytest.mark.parametrize(
    "ours, theirs, expected",
    [
        ("take 200 mg twice a day", "take 400 mg twice a day", ("200 mg", "400 mg")),
        (
            "no more than 1,200 mg in a day",
            "no more than 2,400 mg in a day",
            ("1,200 mg", "2,400 mg"),
        ),
        ("about 5% of people", "about 10% of people", ("5%", "10%")),
        ("take 2 tablets every 4 hours", "take 2 tablets every 6 hours", ("4 hours", "6 hours")),
        ("take 2.5 ml at night", "take 5 ml at night", ("2.5 ml", "5 ml")),
        # A number that names something is not a quantity: a template filled in.
        ("people with type 1 diabetes", "people with type 2 diabetes", None),
        ("changes in the brca1 gene", "changes in the brca2 gene", None),
        ("affects 1 in 10,000 people", "affects 1 in 20,000 people", None),
        # A content word changed as well: not the same paragraph.
        ("take 200 mg of ibuprofen", "take 400 mg of naproxen", None),
    ],
)
def test_which_numbers_are_quantities(ours, theirs, expected):
    assert _changed_numbers(words_of(ours), words_of(theirs)) == expected


def _print(line: int, text: str, silenced: bool = False) -> Print:
    return Print(Span(line, 1, line, len(text)), " ".join(words_of(text)), silenced)


OPTIONS = {"min-words": 20, "max-changed-words": 2, "allow": [], "max-articles": 10}
SHARED = (
    "Drink plenty of fluids and rest at home until you feel better, and ask a "
    "pharmacist which painkillers are right for you and your children"
)


def test_each_article_is_told_once_and_names_the_others():
    articles = [
        ("a.md", [_print(3, SHARED), _print(9, SHARED)]),
        ("b.md", [_print(5, SHARED)]),
        ("c.md", [_print(7, SHARED, silenced=True)]),
    ]
    hits = list(check_project(articles, {**OPTIONS, "numbers-severity": "error"}))
    assert [(number, hit.span.line) for number, hit in hits] == [(0, 3), (1, 5)]
    assert hits[0][1].args["places"] == "b.md:5, c.md:7"
    assert hits[1][1].args["places"] == "a.md:3, c.md:7"


def test_a_paragraph_in_more_articles_than_max_articles_is_the_sites_own():
    articles = [(f"{n}.md", [_print(1, SHARED)]) for n in range(11)]
    options = {**OPTIONS, "numbers-severity": "error"}
    assert list(check_project(articles, options)) == []
    assert len(list(check_project(articles, {**options, "max-articles": 0}))) == 11
    assert len(list(check_project(articles[:10], options))) == 10


def test_a_spelling_variant_beside_the_word_it_varies_is_a_near_copy():
    """Found comparing with the corpus: "high" became "higher" in one copy,
    which still says "high" elsewhere; the quick test before the edit
    distance must look for the variant among all the other's words."""
    text = (
        "People with high blood pressure and a high cholesterol level are at risk "
        "of heart disease, so ask your doctor how often to have them checked"
    )
    varied = text.replace("a high cholesterol", "a higher cholesterol")
    articles = [("a.md", [_print(3, text)]), ("b.md", [_print(4, varied)])]
    hits = list(check_project(articles, {**OPTIONS, "numbers-severity": "error"}))
    assert [(number, hit.args["places"]) for number, hit in hits] == [(0, "b.md:4"), (1, "a.md:3")]


def test_the_words_of_a_paragraph_without_digits_are_its_fingerprint():
    """words_of takes similarity.fingerprint's faster way for text without a
    digit: the words must be those its own search finds."""
    import random
    import re

    from medlint.checks.copied_paragraph import words_of

    rng = random.Random(3)
    alphabet = "abcXYZ é_-'.,%\t\n" + "\u0130\u00df"
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        expected = tuple(re.findall(r"\d+(?:[.,]\d+)*%?|[^\W_]+", text.casefold()))
        assert words_of(text) == expected, text
    assert words_of("Take 2.5 mg, 10,000 units or 5% of it") == (
        "take",
        "2.5",
        "mg",
        "10,000",
        "units",
        "or",
        "5%",
        "of",
        "it",
    )


def _site_with_stock(seed: int) -> list[str]:
    """_site's passages, with passages that begin alike (a template's) mixed
    in, more of them than a small max_postings pairs, each also inside a
    longer one."""
    rng = random.Random(seed)
    texts = [" ".join(p) for p in _site(seed)]
    opening = "w1 w2 w3 w4 w5"
    stock = {
        f"{opening} {' '.join(rng.choices(VOCABULARY, k=rng.randint(18, 30)))}" for _ in range(9)
    }
    for text in sorted(stock):
        texts.insert(rng.randrange(len(texts) + 1), text)
    texts.insert(rng.randrange(len(texts)), opening + " w6 w7 w8 w9 w10 w11 w12 w13 w14 w15 w16")
    texts.extend(f"w0 {text} w0" for text in sorted(stock))  # each inside another
    return list(dict.fromkeys(texts))


@pytest.mark.parametrize("seed", range(10))
@pytest.mark.parametrize("max_postings", [3, 64])
def test_the_focused_index_gives_the_site_indexs_pairs_with_its_focus(seed, max_postings):
    """What a run that names a few files compares: the same pairs as the
    whole site's index gives for those files' paragraphs (the containments
    that hold), in the same order, its posting caps included."""
    from medlint.similarity import FocusedSiteIndex

    texts = _site_with_stock(seed)
    rng = random.Random(seed)
    whole = SiteIndex(texts, shingle_words=4, edits=2, max_postings=max_postings)
    near = whole.near_candidates()
    contained = [(i, o) for i, o in whole.containment_candidates() if holds(texts[o], texts[i])]
    met = 0
    for size in (1, 3, 12):
        focus = set(rng.sample(range(len(texts)), size))
        focused = FocusedSiteIndex(
            texts, focus, shingle_words=4, edits=2, max_postings=max_postings
        )
        mine = [(a, b) for a, b in near if a in focus or b in focus]
        assert focused.near_candidates() == mine
        theirs = [(i, o) for i, o in contained if i in focus or o in focus]
        assert list(focused.containment_candidates()) == theirs
        met += len(mine) + len(theirs)
    assert met >= 5  # the test compares real pairs


@pytest.mark.parametrize("seed", range(6))
def test_a_run_of_a_few_articles_reports_what_the_whole_sites_would(seed, monkeypatch):
    """check_project with only the first articles reported (compared through
    FocusedSiteIndex) gives those articles' findings of a whole comparison."""
    from medlint.checks import copied_paragraph

    rng = random.Random(seed)
    texts = _site_with_stock(seed)
    doses = [
        f"take {n} mg of w7 twice a day with w8 w9 w10 w11 w12 w13 w14 w15 w16 w17 w18 w19 w20 w21"
        for n in (200, 400, 200)
    ]
    articles = []
    for number in range(40):
        chosen = rng.sample(texts, rng.randint(1, 4)) + (
            [doses[number % 3]] if number % 7 == 0 else []
        )
        articles.append(
            (f"{number}.md", [_print(3 + 4 * at, text) for at, text in enumerate(chosen)])
        )
    options = {**OPTIONS, "numbers-severity": "error"}
    whole = list(check_project(articles, options))
    monkeypatch.setattr(copied_paragraph, "FOCUSED_SHARE", 1)  # (a focus this large too)
    for reported in (1, 5, 17):
        few = list(check_project(articles, options, reported))
        assert few == [(n, hit) for n, hit in whole if n < reported]
    assert any(hit.severity is not None for _, hit in whole) and len(whole) >= 10


def test_the_parts_of_the_paragraphs_are_all_of_them_once_by_their_words():
    from medlint.checks.copied_paragraph import _share

    rng = random.Random(5)
    for _ in range(500):
        lengths = [rng.randint(0, 60) for _ in range(rng.randint(0, 40))]
        for count in range(1, 5):
            parts = [_share(lengths, n, count) for n in range(count)]
            assert [x for part in parts for x in part] == list(range(len(lengths)))
    halves = [_share([10] * 9 + [90], n, 2) for n in range(2)]
    assert halves == [range(0, 9), range(9, 10)]  # as many words each, not as many paragraphs


@pytest.mark.parametrize("seed", range(3))
def test_the_comparison_in_parts_is_the_comparison_in_one(seed, monkeypatch):
    """The pairs compared in two or three forked processes (the engine's
    Spread) give what one process gives, finding for finding."""
    from medlint import runner
    from medlint.checks import copied_paragraph

    if not runner._can_fork():
        pytest.skip("no fork on this platform")
    rng = random.Random(seed)
    texts = _site_with_stock(seed)
    doses = [f"take {n} mg of w7 twice a day with {' '.join(VOCABULARY[8:24])}" for n in (200, 400)]
    articles = []
    for number in range(60):
        chosen = rng.sample(texts, rng.randint(1, 5)) + ([doses[number % 2]] if number % 9 else [])
        articles.append(
            (f"{number}.md", [_print(3 + 4 * n, text) for n, text in enumerate(chosen)])
        )
    options = {**OPTIONS, "numbers-severity": "error"}
    monkeypatch.setattr(copied_paragraph, "SPREAD_FROM", 1)  # (this small site too)
    one = list(check_project(articles, options))
    for parts in (2, 3):
        spread = lambda work, parts=parts: runner._in_parts(work, parts)  # noqa: E731
        assert list(check_project(articles, options, None, spread)) == one
    assert len(one) >= 20 and any("different numbers" in hit.args["summary"] for _, hit in one)
