"""Find the articles, check each one with every active rule, collect findings.

One pass per file: the file is read and parsed once into a Document, and
every rule reads that Document. A file that cannot be read or decoded gives
an ``unreadable-file`` finding and the run goes on with the next file.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from medlint.checks.base import Context
from medlint.config import ActiveRule
from medlint.document import Document, Problem
from medlint.findings import Finding, Span
from medlint.parsing import ARTICLE_SUFFIXES, load_document
from medlint.patterns import PatternTimeout

#: Directories never walked into: tool state, not content.
SKIPPED_DIRECTORIES = frozenset({"node_modules", "__pycache__", "venv"})
#: The one check that still runs on a file that could not be read.
ENCODING_CHECK = "unreadable-file"


@dataclass
class RunResult:
    findings: list[Finding] = field(default_factory=list)
    files_checked: int = 0
    #: A check crashed or a pattern ran out of time: reported on stderr, exit code 2.
    errors: list[str] = field(default_factory=list)


def discover(paths: Sequence[str]) -> list[str]:
    """The article files named by ``paths``, as the user named them, sorted.

    A file named explicitly is always checked; directories are walked for
    Markdown and plain-text files, skipping hidden directories.
    """
    found: list[str] = []
    for path in paths:
        if os.path.isdir(path):
            found.extend(_walk(path))
        else:
            found.append(path)
    return sorted(dict.fromkeys(found))


def _walk(directory: str) -> Iterator[str]:
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIPPED_DIRECTORIES)
        for name in sorted(files):
            if not name.startswith(".") and os.path.splitext(name)[1].lower() in ARTICLE_SUFFIXES:
                yield os.path.join(root, name)


def run(files: Iterable[str], rules: Sequence[ActiveRule], context: Context) -> RunResult:
    result = RunResult()
    for path in files:
        doc = read_document(path)
        result.files_checked += 1
        result.findings.extend(check_document(doc, rules, context, result.errors))
    result.findings.sort()
    return result


def read_document(path: str) -> Document:
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        doc = Document(path=path, source="", format="unknown")
        reason = error.strerror or str(error)
        doc.problems.append(Problem("encoding", f"cannot read the file ({reason})", Span.at(1)))
        return doc
    return load_document(path, data)


def check_document(
    doc: Document, rules: Sequence[ActiveRule], context: Context, errors: list[str]
) -> list[Finding]:
    findings = []
    for active in rules:
        rule = active.rule
        if not doc.readable and rule.check != ENCODING_CHECK:
            continue
        try:
            for hit in rule.kind.check(doc, active.options, context):
                span = hit.span
                findings.append(
                    Finding(
                        doc.path,
                        span.line,
                        span.column,
                        span.end_line,
                        span.end_column,
                        rule.id,
                        active.severity,
                        rule.render(hit),
                    )
                )
        except PatternTimeout as error:  # a user's pattern: their problem to fix, not a crash
            errors.append(f"{doc.path}: rule {rule.id} ({rule.source}): {error}")
        except Exception as error:  # a bug in a check must not stop the run
            errors.append(
                f"{doc.path}: rule {rule.id} failed: {type(error).__name__}: {error} "
                "(internal error; please report it)"
            )
    return findings
