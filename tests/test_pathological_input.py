"""Built-in rules must stay linear on hostile text: a regular expression that
backtracks without end would hang a pre-commit hook. (A catastrophic pattern
once took 135 s on one NIH article.) Not a speed test: the alarm only turns a
hang into a failure."""

from __future__ import annotations

import signal

import pytest

from medlint.rules import builtin_rules_dir, load_pack

from conftest import TODAY

RULES = ",".join(sorted(load_pack(builtin_rules_dir())))
SHAPES = {
    "capitals": " ".join(["ABC", "DEF,", "and", "GHI"] * 3000) + " x",
    "capitals-no-space": "ABCD," * 5000 + "!",
    "brackets": "(" * 3000 + "VEGF" + ")" * 3000,
    "colons": "Symptoms include:" * 2000,
    "dates": "Last updated: " * 2000 + "2026-13-45",
    "hyphens": "-".join(["pre"] * 5000),
    "percent": "Seizures 90% " * 3000,
    "spaces": "word" + " " * 20000 + "end.",
    "apostrophes": "don't " * 5000 + "'" * 5000,
    "dots": "e.g. " * 5000 + "." * 5000,
    "domains": "a." * 20000 + "b",
    "emails": "a@" * 10000 + "b",
    "dashes": "fever - " * 5000,
    "pronunciation": "-".join(["KAR", "de", "o"] * 3000),
    "nested-lists": "".join("  " * i + "- item:\n" for i in range(200)),
    "quotes": '"' * 10000 + "Stop." + "”" * 10000,
}


@pytest.mark.parametrize("shape", SHAPES, ids=list(SHAPES))
@pytest.mark.parametrize("suffix", [".md", ".txt"])
def test_every_rule_finishes(tmp_path, medlint, shape, suffix):
    article = tmp_path / f"article{suffix}"
    article.write_text(SHAPES[shape] + "\n", encoding="utf-8")

    def hang(signum, frame):
        raise TimeoutError(f"a rule hangs on the {shape!r} text")

    previous = signal.signal(signal.SIGALRM, hang)
    signal.alarm(60)
    try:
        run = medlint("check", "--today", TODAY, "--select", RULES, article)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert run.code in (0, 1), run.err
