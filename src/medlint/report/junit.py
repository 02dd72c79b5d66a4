"""``--format junit``: JUnit XML for GitLab, Jenkins and other CI dashboards.

One test suite, one test case per file checked: a file with findings fails,
with every finding listed in the failure; a clean file passes.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from itertools import groupby

from medlint.runner import RunResult


def render(result: RunResult) -> str:
    by_file = {path: list(group) for path, group in groupby(result.findings, key=lambda f: f.path)}
    checked = sorted(set(result.checked_paths) | set(by_file))
    suite = ET.Element(
        "testsuite",
        name="medlint",
        tests=str(len(checked)),
        failures=str(len(by_file)),
        errors="0",
    )
    for path in checked:
        case = ET.SubElement(suite, "testcase", classname="medlint", name=path)
        findings = by_file.get(path)
        if findings:
            failure = ET.SubElement(
                case,
                "failure",
                message=f"{len(findings)} finding(s)",
                type=str(max(f.severity for f in findings)),
            )
            failure.text = "\n".join(
                f"{f.line}:{f.column}: {f.severity} {f.rule} {f.message}" for f in findings
            )
    suites = ET.Element(
        "testsuites", name="medlint", tests=str(len(checked)), failures=str(len(by_file))
    )
    suites.append(suite)
    ET.indent(suites)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
    )
