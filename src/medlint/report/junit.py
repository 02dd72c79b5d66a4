"""``--format junit``: JUnit XML for GitLab, Jenkins and other CI dashboards.

One test suite, one test case per file checked. A file fails when it has a
finding that fails the run (``--fail-on``, default error), with those findings
listed in its ``<failure>``; findings below that (a file with warnings only,
by default) are listed in the test case's ``<system-out>``, and the test
passes, as the job does: a dashboard never shows red where the job is green.

The output is always well-formed XML 1.0: test case names (paths) and finding
messages go through ``escape.xml_text``, which shows each character XML 1.0
forbids, and every other control character too, as a visible escape: a byte of
a name that is not UTF-8 as ``\\xNN``, a terminal escape quoted from an article
as ``\\x1b``, a line feed in a name as ``\\n``. The findings of a failure stay
one to a line.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from itertools import groupby

from medlint.findings import Severity
from medlint.report.escape import xml_text
from medlint.runner import RunResult


def render(result: RunResult, fail_on: Severity = Severity.ERROR) -> str:
    by_file = {path: list(group) for path, group in groupby(result.findings, key=lambda f: f.path)}
    checked = sorted(set(result.checked_paths) | set(by_file))
    failing = {
        path for path, findings in by_file.items() if any(f.severity >= fail_on for f in findings)
    }
    suite = ET.Element(
        "testsuite",
        name="medlint",
        tests=str(len(checked)),
        failures=str(len(failing)),
        errors="0",
    )
    for path in checked:
        case = ET.SubElement(suite, "testcase", classname="medlint", name=xml_text(path))
        findings = by_file.get(path, [])
        failed = [f for f in findings if f.severity >= fail_on]
        others = [f for f in findings if f.severity < fail_on]
        if failed:
            failure = ET.SubElement(
                case,
                "failure",
                message=f"{len(failed)} finding(s)",
                type=str(max(f.severity for f in failed)),
            )
            failure.text = _lines(failed)
        if others:
            ET.SubElement(case, "system-out").text = _lines(others)
    suites = ET.Element(
        "testsuites", name="medlint", tests=str(len(checked)), failures=str(len(failing))
    )
    suites.append(suite)
    ET.indent(suites)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
    )


def _lines(findings) -> str:
    return "\n".join(
        f"{f.line}:{f.column}: {f.severity} {f.rule} {xml_text(f.message)}" for f in findings
    )
