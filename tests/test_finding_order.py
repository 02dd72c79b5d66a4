"""The report's order: findings sorted by REPORT_ORDER (the key the engine
sorts by) come out as their dataclass order sorts them."""

from __future__ import annotations

import dataclasses
import random

from medlint.findings import REPORT_ORDER, Finding, Severity


def test_the_sort_key_is_the_fields_a_finding_compares():
    compared = [f.name for f in dataclasses.fields(Finding) if f.compare]
    probe = Finding("a.md", 1, 2, 3, 4, "spelling", Severity.WARNING, "m")
    assert REPORT_ORDER(probe) == tuple(getattr(probe, name) for name in compared)


def test_sorting_by_the_key_gives_the_dataclass_order():
    rng = random.Random(9)
    findings = [
        Finding(
            rng.choice(["a.md", "b.md", "a/b.md"]),
            rng.randint(1, 4),
            rng.randint(1, 3),
            rng.randint(1, 4),
            rng.randint(1, 3),
            rng.choice(["spelling", "long-sentence", "duplicate-paragraph"]),
            rng.choice(list(Severity)),
            rng.choice(["one", "two"]),
        )
        for _ in range(400)
    ]
    # The same objects in the same places (both sorts are stable: findings
    # that compare equal keep the order they came in).
    assert list(map(id, sorted(findings, key=REPORT_ORDER))) == list(map(id, sorted(findings)))
