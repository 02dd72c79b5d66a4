"""Lint the real NIH articles of ../shared/corpus/medquad and report speed and memory.

    python bench/corpus.py            # all 5,486 articles, one process
    python bench/corpus.py --limit 500 --rounds 3
    python bench/corpus.py --ignore spelling     # what spelling costs

Prints articles per second (median of the rounds) and the process's peak
resident memory. The rules that run by default run (or --select / --ignore
them), with --today fixed;
each article is a distinct text, so no cache inside a library flatters the
number. Target (issue 2): >= 150 articles/s, <= 150 MB peak.
"""

from __future__ import annotations

import argparse
import datetime as dt
import resource
import statistics
import sys
import time
from pathlib import Path

from medlint.config import active_rules, default_config
from medlint.rules import builtin_rules_dir, load_pack
from medlint.runner import Linter, run

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "medquad"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, help="only the first N articles")
    parser.add_argument("--rounds", type=int, default=1, help="repeat and take the median")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--select", help="comma-separated rule IDs to run")
    parser.add_argument("--ignore", default="", help="comma-separated rule IDs not to run")
    args = parser.parse_args()
    files = sorted(str(p) for p in args.corpus.glob("*/*.md"))[: args.limit]
    if not files:
        print(f"no articles under {args.corpus}", file=sys.stderr)
        return 2
    rules = load_pack(builtin_rules_dir())
    select = args.select.split(",") if args.select else None
    config = default_config(rules)
    active = active_rules(rules, config, select, [i for i in args.ignore.split(",") if i])
    context = config.context(active, dt.date(2026, 11, 24))
    linter = Linter(rules=active, context=context)
    rates = []
    for _ in range(args.rounds):
        start = time.perf_counter()
        result = run(files, linter)
        rates.append(len(files) / (time.perf_counter() - start))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"rules: {', '.join(sorted(a.rule.id for a in active))}")
    print(f"articles: {len(files)}  findings: {len(result.findings)}  errors: {len(result.errors)}")
    print(
        f"articles/s: median {statistics.median(rates):.0f} over {args.rounds} round(s) "
        f"({', '.join(f'{r:.0f}' for r in rates)})"
    )
    print(f"peak memory: {peak_mb:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
