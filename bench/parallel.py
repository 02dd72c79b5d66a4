"""Articles per second of `medlint check` in one and in two processes, and of
proselint run two at a time by xargs, alternated in one loop.

    python bench/parallel.py                        # 600 NIH articles, 3 rounds
    python bench/parallel.py --limit 0 --rounds 1   # all 5,486
    python bench/parallel.py --proselint /path/to/proselint

The articles are the first N of ../shared/corpus/medquad (sorted by path).
Each round times, one after another, `medlint check --jobs 1`, `medlint
check --jobs 2` (the default rules, --today fixed, the report to /dev/null)
and `xargs -P2 -n 100 proselint check` over the same files; the machine is
shared and noisy, so the three are interleaved and the medians compared.
proselint (0.16, from the package index) is the peer baseline: install it
where it does not disturb medlint, e.g. `python -m venv /tmp/prose &&
/tmp/prose/bin/pip install proselint`, and name it with --proselint.

Target (issue 9): medlint on 2 cores at 2.5 times proselint's articles/s or
more.
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


def timed(command: list[str], stdin: str | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(
        command,
        input=stdin,
        text=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
        env=environment(),
    )
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=600, help="first N articles (0: all)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--proselint", help="the proselint command (default: on PATH)")
    args = parser.parse_args()
    files = sorted(str(p) for p in args.corpus.glob("*/*.md"))
    files = files[: args.limit] if args.limit else files
    if not files:
        print(f"no articles under {args.corpus}", file=sys.stderr)
        return 2
    proselint = args.proselint or shutil.which("proselint")
    with tempfile.TemporaryDirectory() as empty:
        # An empty config, so that no medlint.yaml above the corpus changes the rules.
        config = Path(empty) / "medlint.yaml"
        config.write_text("{}\n", encoding="utf-8")
        base = [sys.executable, "-m", "medlint", "check", "--no-cache", "--today", TODAY]
        base += ["--config", str(config)]
        commands = {
            "medlint -j1": ([*base, "-j", "1", *files], None),
            "medlint -j2": ([*base, "-j", "2", *files], None),
        }
        if proselint:
            xargs = ["xargs", "-P2", "-n", "100", proselint, "check"]
            commands["proselint -P2"] = (xargs, "\n".join(files) + "\n")
        else:
            print("proselint not found: give --proselint to compare with it", file=sys.stderr)
        seconds: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.rounds):
            for name, (command, stdin) in commands.items():
                seconds[name].append(timed(command, stdin))
    print(f"{len(files)} articles, {args.rounds} rounds (median articles/s)")
    rates = {name: len(files) / statistics.median(times) for name, times in seconds.items()}
    for name, rate in rates.items():
        runs = ", ".join(f"{t:.1f}" for t in seconds[name])
        print(f"  {name:15} {rate:7.1f}/s   ({runs} s)")
    if "proselint -P2" in rates:
        baseline = seconds["proselint -P2"]
        for name in ("medlint -j1", "medlint -j2"):
            # Each round's runs follow one another: their ratio is less
            # disturbed by the machine's load changing than the medians' are.
            paired = statistics.median(b / t for b, t in zip(baseline, seconds[name], strict=True))
            print(
                f"  {name} / proselint -P2: {rates[name] / rates['proselint -P2']:.2f}"
                f" (median of the rounds' ratios: {paired:.2f})"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
