"""Wall time of `medlint check FILE` in a new process: the pre-commit case.

    python bench/startup.py [--runs 20] [FILE]

Runs the command FILE times over, alternating with a bare `python -c pass`
baseline in the same loop (this machine is shared and noisy), and prints the
medians and their difference. Target (issue 2): <= 400 ms, interpreter start
included.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

from _env import environment

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "poems-syndrome.txt"


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
        env=environment(),
    )
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", type=Path, default=EXAMPLE)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    medlint = [sys.executable, "-m", "medlint", "check", "--no-cache", "--today", "2026-11-24"]
    medlint.append(str(args.file))
    baseline = [sys.executable, "-c", "pass"]
    timed(medlint)  # warm the file system cache and .pyc files
    ours, bare = [], []
    for _ in range(args.runs):
        ours.append(timed(medlint))
        bare.append(timed(baseline))
    m_ours, m_bare = statistics.median(ours) * 1000, statistics.median(bare) * 1000
    print(
        f"medlint check (1 file): median {m_ours:.0f} ms over {args.runs} runs "
        f"(min {min(ours) * 1000:.0f}, max {max(ours) * 1000:.0f})"
    )
    print(f"python -c pass:         median {m_bare:.0f} ms")
    ratio = m_ours / m_bare
    print(f"medlint's own cost:     {m_ours - m_bare:.0f} ms ({ratio:.1f}x the bare interpreter)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
