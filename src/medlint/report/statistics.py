"""``--statistics``: how many findings of each rule, and nothing else; as JSON
when the format is json.

Nothing here needs ``escape``: no path or message is shown, rule IDs are
lower-case ASCII (rule files are validated against ``rules.RULE_ID`` when
loaded), and the JSON is ASCII-escaped.
"""

from __future__ import annotations

from collections import Counter

from medlint.runner import RunResult


def render(result: RunResult, as_json: bool = False) -> str:
    counts = Counter(f.rule for f in result.findings)
    fixable = Counter(f.rule for f in result.findings if f.fixable and f.fix.safe)
    severity = {f.rule: str(f.severity) for f in result.findings}
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    if as_json:
        import json  # here: the text summary of every run needs no JSON

        return (
            json.dumps(
                [
                    {"rule": rule, "count": n, "severity": severity[rule], "fixable": fixable[rule]}
                    for rule, n in rows
                ],
                indent=2,
            )
            + "\n"
        )
    width = len(str(max(counts.values(), default=0)))
    return "".join(f"{n:>{width}}  {rule}{'  [*]' if fixable[rule] else ''}\n" for rule, n in rows)
