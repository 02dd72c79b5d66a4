"""Wall time of `medlint check FILE` in a new process: the pre-commit case.

    python bench/startup.py [--runs 20] [FILE]

Runs, in one loop (this machine is shared and noisy), `medlint check
--no-cache FILE`; the pre-commit hook's own case, `medlint check FILE` with
the results cache on, in a project whose copy of FILE changed just before
(so it is checked, and its entry written); and a bare `python -c pass`
baseline; and prints the medians. FILE's config (the nearest medlint.yaml) is
copied with it. Target (issue 9): <= 250 ms, interpreter start included.
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

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "poems-syndrome.txt"


def timed(command: list[str], cwd: str | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
        env=environment(),
        cwd=cwd,
    )
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", type=Path, default=EXAMPLE)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    check = [sys.executable, "-m", "medlint", "check", "--today", "2026-11-24"]
    medlint = [*check, "--no-cache", str(args.file)]
    baseline = [sys.executable, "-c", "pass"]
    with tempfile.TemporaryDirectory() as project:
        copy = Path(project) / args.file.name
        shutil.copyfile(args.file, copy)
        config = args.file.parent / "medlint.yaml"
        if config.is_file():
            shutil.copyfile(config, Path(project) / config.name)
        cached = [*check, copy.name]
        original = copy.read_bytes()
        timed(medlint)  # warm the file system cache and .pyc files
        timed(cached, project)
        ours, changed, bare = [], [], []
        for run in range(args.runs):
            ours.append(timed(medlint))
            copy.write_bytes(original + b" " * (run + 1))  # bytes no run has checked
            changed.append(timed(cached, project))
            bare.append(timed(baseline))
    m_ours, m_bare = statistics.median(ours) * 1000, statistics.median(bare) * 1000
    m_changed = statistics.median(changed) * 1000
    print(
        f"medlint check --no-cache (1 file): median {m_ours:.0f} ms over {args.runs} runs "
        f"(min {min(ours) * 1000:.0f}, max {max(ours) * 1000:.0f})"
    )
    print(
        f"medlint check, file changed:       median {m_changed:.0f} ms "
        f"(min {min(changed) * 1000:.0f}, max {max(changed) * 1000:.0f})"
    )
    print(f"python -c pass:                    median {m_bare:.0f} ms")
    ratio = m_ours / m_bare
    own = f"{m_ours - m_bare:.0f} ms ({ratio:.1f}x the bare interpreter)"
    print(f"medlint's own cost (--no-cache):   {own}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
