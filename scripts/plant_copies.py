"""Plant copied paragraphs in a copy of the NIH corpus and check that
copied-paragraph finds every one.

    python scripts/plant_copies.py                  # 30 copies, 10 with a changed dose
    python scripts/plant_copies.py --sample 40      # and 40 findings of the unmodified corpus

Copies ../shared/corpus/medquad into a temporary directory (the corpus stays
outside the repository), then, with a fixed seed:

- 30 times, takes a paragraph of 20+ words that stands in one article only
  and pastes it into another article (after one of its paragraphs);
- 10 times, takes a paragraph that gives a quantity (a number before a unit:
  "50 mg", "6 months", "20 percent"), pastes it into another article and
  changes that number in the copy.

Then runs ``medlint check --select copied-paragraph`` over the whole tree and
over the unmodified corpus, and reports: each planted copy found (a finding
in the article it was pasted into, at its line, naming the article it came
from; an error for the changed numbers), and every finding of the planted run
that neither the plants nor the unmodified corpus explain. With ``--sample``,
prints that many findings of the unmodified corpus at random, for reading.
Exit code 1 when a plant is missed or an unexplained finding appears.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from medlint.checks.copied_paragraph import words_of
from medlint.document import BlockKind
from medlint.parsing import load_document

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "medquad"
SEED = 20261202
QUANTITY = re.compile(
    r"\b(\d+)(\s(?:mg|mcg|milligrams|ml|percent|hours|days|weeks|months|years|times)\b)"
)


def paragraphs(path: Path) -> list[tuple[int, int, str]]:
    """(first line, last line, text) of each paragraph of 20+ words."""
    doc = load_document(str(path), path.read_bytes())
    found = []
    for block in doc.blocks_of(BlockKind.PARAGRAPH):
        if len(words_of(block.text)) >= 20:
            span = doc.block_span(block)
            found.append((span.line, span.end_line, block.text))
    return found


def plant(tree: Path, copies: int, doses: int) -> list[dict]:
    rng = random.Random(SEED)
    articles = sorted(tree.rglob("*.md"))
    where: dict[str, list[tuple[Path, int, int, str]]] = {}
    for path in articles:
        for first, last, text in paragraphs(path):
            where.setdefault(" ".join(words_of(text)), []).append((path, first, last, text))
    unique = [places[0] for places in where.values() if len(places) == 1]
    rng.shuffle(unique)
    with_quantity = [p for p in unique if QUANTITY.search(p[3])]
    plants: list[dict] = []
    used: set[Path] = set()
    for kind, pool, count in (("dose", with_quantity, doses), ("copy", unique, copies)):
        for source, _, _, text in pool:
            if sum(p["kind"] == kind for p in plants) == count:
                break
            if source in used:
                continue
            target = rng.choice(articles)
            target_paragraphs = paragraphs(target)
            if target == source or target in used or not target_paragraphs:
                continue
            pasted = text
            if kind == "dose":
                match = QUANTITY.search(text)
                changed = str(int(match.group(1)) * 2)
                pasted = text[: match.start(1)] + changed + text[match.end(1) :]
            _, after_line, _ = rng.choice(target_paragraphs)
            lines = target.read_text(encoding="utf-8").split("\n")
            lines[after_line:after_line] = ["", *pasted.split("\n")]
            target.write_text("\n".join(lines), encoding="utf-8")
            used.update((source, target))
            plants.append(
                {"kind": kind, "source": source, "target": target, "line": after_line + 2}
            )
    return plants


def findings(tree: Path) -> tuple[list[dict], float]:
    started = time.perf_counter()
    run = subprocess.run(
        [sys.executable, "-m", "medlint", "check", "--no-cache", "--select", "copied-paragraph"]
        + ["--format", "json", "."],
        cwd=tree,
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - started
    if run.returncode not in (0, 1):
        sys.exit(f"medlint failed: {run.stderr}")
    return json.loads(run.stdout)["findings"], seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=30)
    parser.add_argument("--doses", type=int, default=10)
    parser.add_argument("--sample", type=int, default=0)
    args = parser.parse_args()
    if not CORPUS.is_dir():
        sys.exit(f"no corpus at {CORPUS}")
    with tempfile.TemporaryDirectory() as directory:
        original, planted = Path(directory) / "original", Path(directory) / "planted"
        shutil.copytree(CORPUS, original)
        shutil.copytree(CORPUS, planted)
        plants = plant(planted, args.copies, args.doses)
        before, before_seconds = findings(original)
        after, after_seconds = findings(planted)
    print(f"unmodified corpus: {len(before)} findings in {before_seconds:.1f} s")
    print(f"planted corpus:    {len(after)} findings in {after_seconds:.1f} s")
    missed = 0
    explained = set()
    for item in plants:
        target = str(item["target"].relative_to(planted))
        source = str(item["source"].relative_to(planted))
        severity = "error" if item["kind"] == "dose" else "warning"
        hits = [
            f
            for f in after
            if f["path"] == target
            and f["line"] == item["line"]
            and f["severity"] == severity
            and source in f["message"]
        ]
        back = [f for f in after if f["path"] == source and target in f["message"]]
        explained.update((f["path"], f["line"], f["message"]) for f in hits + back)
        status = "found" if hits and back else "MISSED"
        missed += status == "MISSED"
        print(f"  {item['kind']:5} {status:6} {source} -> {target}:{item['line']}")
    known = {(f["path"], f["line"]) for f in before}
    touched = {str(p["target"].relative_to(planted)) for p in plants}
    touched |= {str(p["source"].relative_to(planted)) for p in plants}
    unexplained = [
        f
        for f in after
        if (f["path"], f["line"], f["message"]) not in explained
        and (f["path"], f["line"]) not in known
        and f["path"] not in touched  # (lines move in the articles pasted into)
    ]
    found = len(plants) - missed
    print(f"plants found: {found} of {len(plants)}; unexplained new findings: {len(unexplained)}")
    for f in unexplained[:20]:
        print(f"  new: {f['path']}:{f['line']} {f['message'][:160]}")
    if args.sample:
        print(f"\n{args.sample} findings of the unmodified corpus, at random:")
        for f in random.Random(SEED).sample(before, min(args.sample, len(before))):
            print(f"- {f['path']}:{f['line']} [{f['severity']}] {f['message'][:300]}")
    return 1 if missed or unexplained else 0


if __name__ == "__main__":
    sys.exit(main())
