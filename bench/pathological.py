"""Time every rule on pathological articles: huge, repetitive, or both.

    python bench/pathological.py                    # every article, median of 3 runs
    python bench/pathological.py --runs 1 --only distinct-800,distinct-8000
    python bench/pathological.py --timeout 60       # give up on a run after 60 s
    python bench/pathological.py --profile copies-6mb   # where the time goes (cProfile)
    python bench/pathological.py --stages --only distinct-800,distinct-8000  # step by step
    python bench/pathological.py --keep /tmp/articles   # also keep the articles there
    PYTHONPATH=/tmp/old/src python bench/pathological.py   # time another copy of medlint

Writes the articles into a temporary directory (deterministic: a fixed seed,
words drawn from rules/data/medical-words.txt and a list of common English
words below), then runs `medlint check --today ... --select <every built-in
rule> FILE` on each in a new process, and prints the median seconds per
article, each article's peak resident memory, and the ratio of the
8,000-paragraph article to the 800-paragraph one.

Targets: each 6 MB article in under 10 s; the ratio at most 10 (time grows
linearly with the article); at most 150 MB peak resident memory in every run.
The duplicate rules once compared every pair of paragraphs: 8,000 paragraphs
took 29 s and the 6 MB articles did not finish in 30 minutes.

The articles:

- empty: one short paragraph (start-up: the ratio is also shown without it);
- distinct-6mb: 80,000 short distinct paragraphs (about 6 MB);
- copies-6mb: 60,000 copies of one paragraph (about 6 MB);
- distinct-800, distinct-8000 (and distinct-80000, not run unless named):
  distinct paragraphs of 8 to 60 words;
- mixed-1mb: about 1 MB shaped like a long article (headings, list
  introductions and lists, paragraphs of several sentences) with planted
  exact repeats, near-repeats and contained paragraphs;
- template-20k: 20,000 copies of one 25-word paragraph, each with one
  different content word (every pair is two edits apart, and no pair is a
  near-repeat: the worst case for the near-repeat search).
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import gc
import io
import os
import pstats
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

from _env import environment

REPO = Path(__file__).resolve().parents[1]
MEDICAL_WORDS = REPO / "rules" / "data" / "medical-words.txt"
TODAY = "2026-11-24"
SEED = 20261124

#: Common English words (a generic list written for this benchmark).
COMMON = """the of and to a in is it you that he was for on are with as his they be at
one have this from or had by hot word but what some we can out other were all there
when up use your how said an each she which do their time if will way about many then
them write would like so these her long make thing see him two has look more day could
go come did number sound no most people my over know water than call first who may down
side been now find any new work part take get place made live where after back little
only round man year came show every good me give our under name very through just form
sentence great think say help low line differ turn cause much mean before move right
boy old too same tell does set three want air well also play small end put home read
hand port large spell add even land here must big high such follow act why ask men
change went light kind off need house picture try us again animal point mother world
near build self earth father head stand own page should country found answer school
grow study still learn plant cover food sun four between state keep eye never last let
thought city tree cross farm hard start might story saw far sea draw left late run
while press close night real life few north open seem together next white children
begin got walk example ease paper group always music those both mark often letter until
mile river car feet care second book carry took science eat room friend began idea
fish mountain stop once base hear horse cut sure watch color face wood main enough
plain girl usual young ready above ever red list though feel talk bird soon body dog
family direct pose leave song measure door product black short numeral class wind
question happen complete ship area half rock order fire south problem piece told knew
pass since top whole king space heard best hour better true during hundred five
remember step early hold west ground interest reach fast verb sing listen six table
travel less morning ten simple several vowel toward war lay against pattern slow
center love person money serve appear road map rain rule govern pull cold notice voice
unit power town fine certain fly fall lead cry dark machine note wait plan figure star
box noun field rest correct able pound done beauty drive stood contain front teach
week final gave green oh quick develop ocean warm free minute strong special mind
behind clear tail produce fact street inch multiply nothing course stay wheel full
force blue object decide surface deep moon island foot system busy test record boat
common gold possible plane stead dry wonder laugh thousand ago ran check game shape
equate miss brought heat snow tire bring yes distant fill east paint language among
doctor treatment symptoms blood pain risk health medicine hospital nurse patient
""".split()


def vocabulary() -> list[str]:
    medical = [
        line.strip()
        for line in MEDICAL_WORDS.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    return sorted(set(medical) | set(COMMON))


class Writer:
    """Random sentences and paragraphs from a shuffled word list (deterministic)."""

    def __init__(self, seed: int = SEED) -> None:
        self.random = random.Random(seed)
        self.medical = [w for w in vocabulary() if w not in COMMON]
        self.common = list(COMMON)

    def word(self) -> str:
        # Mostly common words, as in prose; one in three from the medical list.
        return self.random.choice(self.medical if self.random.random() < 0.33 else self.common)

    def sentence(self, low: int = 6, high: int = 16) -> str:
        words = [self.word() for _ in range(self.random.randint(low, high))]
        return " ".join(words).capitalize() + "."

    def paragraph(self, low: int = 8, high: int = 60) -> str:
        target = self.random.randint(low, high)
        sentences, count = [], 0
        while count < target:
            length = min(self.random.randint(6, 16), max(target - count, 6))
            sentences.append(self.sentence(length, length))
            count += length
        return " ".join(sentences)


def distinct_paragraphs(count: int, low: int = 8, high: int = 60) -> str:
    writer = Writer()
    return "\n\n".join(writer.paragraph(low, high) for _ in range(count)) + "\n"


def distinct_6mb() -> str:
    """80,000 distinct paragraphs of about 75 characters: about 6 MB."""
    writer = Writer()
    paragraphs = []
    for _ in range(80_000):
        words = []
        while sum(len(w) + 1 for w in words) < 74 or len(words) < 7:
            words.append(writer.word())
        paragraphs.append(" ".join(words).capitalize() + ".")
    return "\n\n".join(paragraphs) + "\n"


def copies_6mb() -> str:
    """60,000 copies of one paragraph of about 100 characters: about 6 MB."""
    paragraph = (
        "Iron deficiency anemia makes people tired, and a blood test shows low ferritin levels."
    )
    return "\n\n".join([paragraph] * 60_000) + "\n"


def template_20k() -> str:
    writer = Writer()
    template = writer.sentence(12, 12)[:-1].split() + writer.sentence(12, 12).split()
    paragraphs = []
    for i in range(20_000):
        words = list(template)
        words[12] = f"{writer.random.choice(writer.medical)}{i}"
        paragraphs.append(" ".join(words))
    return "\n\n".join(paragraphs) + "\n"


def mixed_1mb() -> str:
    """About 1 MB shaped like a long article, with planted repeats."""
    writer = Writer()
    rand = writer.random
    parts = ["# A very long article", ""]
    earlier: list[str] = []
    size = 0
    while size < 1_000_000:
        section = [f"## {writer.sentence(2, 5)[:-1]}", ""]
        for _ in range(rand.randint(3, 8)):
            roll = rand.random()
            if roll < 0.03 and earlier:  # an exact repeat
                text = rand.choice(earlier)
            elif roll < 0.06 and earlier:  # a near-repeat: a function word dropped
                text = rand.choice(earlier).replace(" the ", " ", 1)
            elif roll < 0.09 and earlier:  # an earlier paragraph inside a longer one
                text = f"{writer.sentence()} {rand.choice(earlier)}"
            elif roll < 0.15:  # a list introduction and its list
                section += [f"{writer.sentence(4, 8)[:-1]}:", ""]
                section += [f"- {writer.sentence(2, 8)[:-1]}" for _ in range(rand.randint(2, 6))]
                section.append("")
                continue
            else:
                text = writer.paragraph(10, 90)
                earlier.append(text)
            section += [text, ""]
        block = "\n".join(section)
        parts.append(block)
        size += len(block) + 1
    return "\n".join(parts) + "\n"


ARTICLES: dict[str, Callable[[], str]] = {
    "empty": lambda: "One short paragraph.\n",
    "distinct-800": lambda: distinct_paragraphs(800),
    "distinct-8000": lambda: distinct_paragraphs(8000),
    "distinct-80000": lambda: distinct_paragraphs(80_000),
    "mixed-1mb": mixed_1mb,
    "template-20k": template_20k,
    "distinct-6mb": distinct_6mb,
    "copies-6mb": copies_6mb,
}


def all_rules() -> str:
    from medlint.rules import builtin_rules_dir, load_pack

    return ",".join(sorted(load_pack(builtin_rules_dir())))


def timed(path: Path, rules: str, timeout: float) -> tuple[float, float] | None:
    """Seconds and peak resident memory (MB) of one `medlint check` of ``path``
    in a new process (None: timed out).

    The process is reaped with ``os.wait4``, which returns that one child's
    resource usage: its own peak, not the largest of every child so far.
    """
    command = [sys.executable, "-m", "medlint", "check", "--no-cache", "--today", TODAY]
    command += ["--select", rules]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen([*command, str(path)], stdout=out, stderr=err, env=environment())
        timer = threading.Timer(timeout, process.kill)
        timer.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            timer.cancel()
        elapsed = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode == -signal.SIGKILL and elapsed >= timeout:
            return None
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
    if process.returncode not in (0, 1) or "checked" not in stdout:  # 1 is also a crash
        raise SystemExit(f"medlint failed on {path.name}:\n{stderr}")
    return elapsed, usage.ru_maxrss / 1024  # ru_maxrss is in KiB on Linux


def profile(path: Path, rules: str, top: int) -> None:
    """Run every rule on ``path`` in this process under cProfile; print the top functions."""
    from medlint.config import active_rules, default_config
    from medlint.rules import builtin_rules_dir, load_pack
    from medlint.runner import Linter, run

    pack = load_pack(builtin_rules_dir())
    config = default_config(pack)
    active = active_rules(pack, config, rules.split(","), [])
    linter = Linter(rules=active, context=config.context(active, dt.date.fromisoformat(TODAY)))
    profiler = cProfile.Profile()
    profiler.enable()
    result = run([str(path)], linter)
    profiler.disable()
    print(f"{path.name}: {len(result.findings)} findings, {len(result.errors)} errors")
    for order in ("cumulative", "tottime"):
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats(order).print_stats(top)
        print(out.getvalue())


def stages(paths: dict[str, Path], rules: str) -> None:
    """Seconds of each step (parsing, then each rule, in the order the runner
    runs them) on each article, in this process: a step that grows faster
    than the article shows in the ratio of the last article to the first."""
    from medlint.config import active_rules, default_config
    from medlint.parsing import load_document
    from medlint.rules import builtin_rules_dir, load_pack

    pack = load_pack(builtin_rules_dir())
    config = default_config(pack)
    active = active_rules(pack, config, rules.split(","), [])
    context = config.context(active, dt.date.fromisoformat(TODAY))
    times: dict[str, dict[str, float]] = {}
    gc.disable()  # as the runner does while it checks one article
    for name, path in paths.items():
        gc.collect()
        row = times[name] = {}
        start = time.perf_counter()
        doc = load_document(str(path), path.read_bytes())
        row["parse"] = time.perf_counter() - start
        late = [a for a in active if getattr(a.rule.kind, "AFTER_SUPPRESSIONS", False)]
        for rule in [a for a in active if a not in late] + late:
            start = time.perf_counter()
            for _ in rule.rule.kind.check(doc, rule.options, context):
                pass
            row[rule.rule.id] = time.perf_counter() - start
    names = list(paths)
    print(f"{'step':22}" + "".join(f"{n:>15}" for n in names) + "   last/first")
    for step in times[names[0]]:
        cells = "".join(f"{times[n][step]:15.3f}" for n in names)
        first, last = times[names[0]][step], times[names[-1]][step]
        print(f"{step:22}{cells}   {last / first if first > 1e-4 else float('nan'):8.1f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per article (median)")
    parser.add_argument("--only", help="comma-separated article names: " + ", ".join(ARTICLES))
    parser.add_argument("--timeout", type=float, default=600, help="seconds before giving up")
    parser.add_argument("--profile", metavar="ARTICLE", help="profile one article instead")
    parser.add_argument("--top", type=int, default=25, help="functions the profile shows")
    parser.add_argument(
        "--stages", action="store_true", help="time parsing and each rule, in this process"
    )
    parser.add_argument("--keep", type=Path, help="write the articles into this directory")
    args = parser.parse_args()
    names = args.only.split(",") if args.only else [a for a in ARTICLES if a != "distinct-80000"]
    if args.profile:
        names = [args.profile]
    unknown = [n for n in names if n not in ARTICLES]
    if unknown:
        parser.error(f"unknown article(s): {', '.join(unknown)}")
    rules = all_rules()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        paths = {}
        for name in names:
            paths[name] = folder / f"{name}.md"
            paths[name].write_text(ARTICLES[name](), encoding="utf-8")
        if args.profile:
            profile(paths[args.profile], rules, args.top)
            return 0
        if args.stages:
            stages(paths, rules)
            return 0
        print(f"rules: {rules}")
        medians: dict[str, float | None] = {}
        peaks: dict[str, float] = {}
        for name in names:
            size = paths[name].stat().st_size / 1e6
            runs, memory = [], []
            for _ in range(args.runs):
                measured = timed(paths[name], rules, args.timeout)
                if measured is None:
                    break  # one time-out is enough
                runs.append(measured[0])
                memory.append(measured[1])
            if len(runs) < args.runs:
                medians[name] = None
                print(f"{name:14} {size:5.2f} MB  > {args.timeout:.0f} s (timed out)", flush=True)
                continue
            medians[name] = statistics.median(runs)
            peaks[name] = max(memory)
            shown = ", ".join(f"{s:.2f}" for s in runs)
            print(
                f"{name:14} {size:5.2f} MB  median {medians[name]:6.2f} s  ({shown})"
                f"  peak {peaks[name]:4.0f} MB",
                flush=True,
            )
        if peaks:
            worst = max(peaks, key=peaks.__getitem__)
            print(f"largest peak: {peaks[worst]:.0f} MB ({worst}; target <= 150 MB per process)")
        small, large = medians.get("distinct-800"), medians.get("distinct-8000")
        if small and large:
            print(f"ratio distinct-8000 / distinct-800: {large / small:.1f} (target <= 10)")
            start = medians.get("empty")
            if start and small > start:
                net = (large - start) / (small - start)
                print(f"  without the {start:.2f} s a one-paragraph article takes: {net:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
