"""Measure the spelling rule on the half of the NIH corpus the medical
vocabulary was NOT built from (odd document IDs; see build_medical_words.py).

    python scripts/spelling_report.py [--sample 30] [--seed 1]

Prints spelling findings per 100 articles, the most frequent flagged words,
and a random sample of findings with their context, to read by hand.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
from collections import Counter
from pathlib import Path

from build_medical_words import CORPUS, is_training


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--sample", type=int, default=30)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    paths = [str(p) for p in sorted(args.corpus.glob("*/*.md")) if not is_training(p)]
    command = [sys.executable, "-m", "medlint", "check", "--select", "spelling", "--format", "json"]
    result = subprocess.run(command + paths, capture_output=True, text=True, check=False)
    findings = json.loads(result.stdout)["findings"]
    print(
        f"test half: {len(paths)} articles, {len(findings)} spelling findings, "
        f"{100 * len(findings) / len(paths):.1f} per 100 articles"
    )
    words = Counter(f["message"].split('"')[1] for f in findings)
    print("most flagged:", ", ".join(f"{w} ({n})" for w, n in words.most_common(30)))
    for finding in random.Random(args.seed).sample(findings, min(args.sample, len(findings))):
        line = Path(finding["path"]).read_text(encoding="utf-8").splitlines()[finding["line"] - 1]
        start = max(0, finding["column"] - 40)
        print(
            f"- {finding['path'].split('medquad/')[-1]}:{finding['line']}: "
            f"{finding['message'].split(':')[0]}\n    …{line[start : start + 90]}…"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
