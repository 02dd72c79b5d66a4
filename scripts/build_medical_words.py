"""Build rules/data/medical-words.txt, the spelling rule's medical vocabulary.

    python scripts/build_medical_words.py [--corpus ../shared/corpus/medquad]

A word enters the vocabulary when it is unknown to pyspellchecker's English
dictionary, written in lower case, at least 4 letters long, and found in at
least --min-docs different articles of the NIH MedQuAD corpus (a typo is
rarely made twice). Two kinds of damage in the corpus are not vocabulary and
are left out: an English word with its apostrophe lost ("dont", "theyre"),
and two common words run together where a dash was lost ("symptomsthat",
"surgeonsdoctors").

Only the TRAINING half of the corpus is read: articles whose numeric ID is
even. The other half is kept for measuring false positives
(scripts/spelling_report.py), so the measurement does not just show the
corpus agreeing with itself.

Output: one word per line, sorted. The corpus is CC BY 4.0 (see the README's
credits); the word list is derived data, not the corpus's text.
"""

from __future__ import annotations

import argparse
import re
from collections import defaultdict
from pathlib import Path

from spellchecker import SpellChecker

from medlint.vocabulary import run_together

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus" / "medquad"
OUTPUT = REPO / "rules" / "data" / "medical-words.txt"
_WORD = re.compile(r"(?<![\w'’@/.-])[a-z]+(?![\w'’@/-])")
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)


def is_training(path: Path) -> bool:
    """The split: even numeric document IDs train, odd ones test."""
    digits = re.match(r"\d+", path.name)
    return digits is not None and int(digits.group()) % 2 == 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--min-docs", type=int, default=2)
    parser.add_argument("--min-sources", type=int, default=1)
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    english = SpellChecker().word_frequency.dictionary
    documents: dict[str, set[str]] = defaultdict(set)
    sources: dict[str, set[str]] = defaultdict(set)
    paths = [p for p in sorted(args.corpus.glob("*/*.md")) if is_training(p)]
    for path in paths:
        text = _FRONT_MATTER.sub("", path.read_text(encoding="utf-8"))
        for word in set(_WORD.findall(text)):
            if len(word) >= 4 and word not in english:
                documents[word].add(path.name)
                sources[word].add(path.parent.name)
    words = sorted(
        word
        for word in documents
        if len(documents[word]) >= args.min_docs
        and len(sources[word]) >= args.min_sources
        and not _lost_apostrophe(word, english)
        and not run_together(word, english)
    )
    args.output.write_text(
        "# Medical vocabulary for medlint's spelling rule, built by\n"
        "# scripts/build_medical_words.py from the even-numbered half of NIH MedQuAD\n"
        "# (CC BY 4.0, see README). One word per line.\n" + "\n".join(words) + "\n",
        encoding="utf-8",
    )
    print(f"{len(words)} words from {len(paths)} training articles -> {args.output}")
    return 0


def _lost_apostrophe(word: str, english) -> bool:
    return any(f"{word[:i]}'{word[i:]}" in english for i in range(1, len(word)))


if __name__ == "__main__":
    raise SystemExit(main())
