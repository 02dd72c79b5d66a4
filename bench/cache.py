"""A warm re-run against a cold run: what the results cache saves on a whole site.

    python bench/cache.py                  # all 5,486 NIH articles, 3 rounds
    python bench/cache.py --limit 600 --rounds 5

Copies the first N articles of ../shared/corpus/medquad into a temporary
directory (the corpus stays as it is), then, each round, times one after
another in new processes (default rules, --today fixed, report to /dev/null):

- cold: `medlint check --no-cache` over the copy;
- warm: `medlint check` over it with a cache filled by an earlier run;
- one changed: the same, after one article was edited (that article, and
  the project phase, are checked again).

and prints the medians and the ratios to the cold run. Target (issue 9): a
warm re-run of the unchanged corpus in at most 5 % of the cold run's time.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _env import environment

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "medquad"
TODAY = "2026-11-24"


def timed(command: list[str], directory: Path) -> float:
    start = time.perf_counter()
    subprocess.run(
        command, cwd=directory, stdout=subprocess.DEVNULL, check=False, env=environment()
    )
    return time.perf_counter() - start


def arguments(description: str) -> argparse.Namespace:
    """--limit and --rounds, as the site benchmarks take them."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--limit", type=int, default=0, help="articles (0: all)")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if not CORPUS.is_dir():
        sys.exit(f"no corpus at {CORPUS}")
    return args


def copy_site(root: Path, limit: int) -> list[Path]:
    """The first ``limit`` articles of the corpus (0: all), copied under
    ``root``/site as they lie in the corpus (which stays as it is)."""
    articles = sorted(CORPUS.rglob("*.md"))
    if limit:
        articles = articles[:limit]
    for article in articles:
        target = root / "site" / article.relative_to(CORPUS)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(article, target)
    return articles


def main() -> int:
    args = arguments(__doc__.splitlines()[0])
    base = [sys.executable, "-m", "medlint", "check", "-q", "--today", TODAY, "site"]
    with tempfile.TemporaryDirectory() as directory:
        root = Path(directory)
        articles = copy_site(root, args.limit)
        edited = root / "site" / articles[len(articles) // 2].relative_to(CORPUS)
        times: dict[str, list[float]] = {"cold": [], "warm": [], "one changed": []}
        timed(base, root)  # fills the cache
        for number in range(args.rounds):
            times["cold"].append(timed([*base, "--no-cache"], root))
            times["warm"].append(timed(base, root))
            edited.write_text(edited.read_text() + f"\nEdited in round {number}.\n")
            times["one changed"].append(timed(base, root))
        cold = statistics.median(times["cold"])
        print(f"{len(articles)} articles, {args.rounds} rounds (median seconds)")
        for name, runs in times.items():
            median = statistics.median(runs)
            shown = ", ".join(f"{t:.2f}" for t in runs)
            print(f"  {name:12} {median:6.2f} s  ({shown})  {100 * median / cold:5.1f} % of cold")
    return 0


if __name__ == "__main__":
    sys.exit(main())
