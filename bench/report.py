"""medlint report against medlint check on the same site: what the report costs.

    python bench/report.py                 # all 5,486 NIH articles, 3 rounds
    python bench/report.py --limit 600 --rounds 5

Copies the first N articles of ../shared/corpus/medquad into a temporary
directory, then, each round, times one after the other in new processes
(default rules, --today fixed, no cache: both read and check every article):

- check: `medlint check --no-cache` over the copy (report to /dev/null);
- report: `medlint report --no-cache` over it, writing index.html,
  report.json, reviews.csv and reviews.ics.

and prints the medians, their ratio and the size of each file the report
wrote. Targets (issue 11): the report in at most 2x the check's time, and
index.html under 5 MB.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

from cache import TODAY, arguments, copy_site, timed  # (timed: without PYTHONDONTWRITEBYTECODE)


def main() -> int:
    args = arguments(__doc__.splitlines()[0])
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        articles = copy_site(root, args.limit)
        base = [sys.executable, "-m", "medlint"]
        check = [*base, "check", "-q", "--no-cache", "--today", TODAY, "site"]
        report = [*base, "report", "-q", "--no-cache", "--today", TODAY, "--output", "out", "site"]
        timed(check, root)  # the file system's cache and the .pyc files, warmed
        checks, reports = [], []
        for _ in range(args.rounds):
            checks.append(timed(check, root))
            reports.append(timed(report, root))
        sizes = {p.name: p.stat().st_size for p in sorted((root / "out").iterdir())}
    check_time, report_time = statistics.median(checks), statistics.median(reports)
    print(f"{len(articles)} articles, {args.rounds} rounds (median seconds)")
    print(f"  check   {check_time:6.2f} s  ({', '.join(f'{t:.2f}' for t in checks)})")
    print(f"  report  {report_time:6.2f} s  ({', '.join(f'{t:.2f}' for t in reports)})")
    print(f"  report / check: {report_time / check_time:.2f} (target: at most 2)")
    for name, size in sizes.items():
        print(f"  {name:12} {size / 1e6:6.2f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
