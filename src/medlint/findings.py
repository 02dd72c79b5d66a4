"""What a check reports (a Hit) and what the user sees (a Finding).

A check knows nothing about files or rules: it yields Hits, positions plus the
values its rule's message template needs. The runner turns each Hit into a
Finding by attaching the path, the rule ID, the configured severity and the
rendered message.
"""

from __future__ import annotations

import enum
import operator
from dataclasses import dataclass, field
from typing import Any


class Severity(enum.IntEnum):
    """How serious a finding is; ordered so that ``>=`` means "at least as serious"."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, name: str) -> Severity:
        try:
            return cls[name.upper()]
        except KeyError:
            raise ValueError(f"unknown severity {name!r} (use error, warning or info)") from None

    def __str__(self) -> str:
        return self.name.lower()


@dataclass(frozen=True, slots=True)
class Span:
    """A 1-based region of the original file; end_column is inclusive."""

    line: int
    column: int
    end_line: int
    end_column: int

    @classmethod
    def at(cls, line: int, column: int = 1) -> Span:
        return cls(line, column, line, column)

    def __reduce__(self):  # (see Finding.__reduce__)
        return Span, (self.line, self.column, self.end_line, self.end_column)


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``source[start:end]`` (offsets in the decoded file) with ``text``."""

    start: int
    end: int
    text: str = ""

    def __reduce__(self):  # (see Finding.__reduce__)
        return Edit, (self.start, self.end, self.text)


@dataclass(frozen=True, slots=True)
class Fix:
    """How to mend a finding. A safe fix keeps the article's meaning (deleting a
    paragraph that is said again elsewhere); an unsafe one may change it
    (swapping a word), so it is applied only with --unsafe-fixes."""

    edits: tuple[Edit, ...]
    safe: bool
    title: str  # what it does, for people: "delete the repeated paragraph"

    def __reduce__(self):  # (see Finding.__reduce__)
        return Fix, (self.edits, self.safe, self.title)


@dataclass(frozen=True, slots=True)
class Hit:
    """One problem found by a check: where, the values for the rule's message,
    and how to fix it, when it can be fixed."""

    span: Span
    args: dict[str, Any] = field(default_factory=dict)
    fix: Fix | None = None
    #: The finding's severity when the check sets it (a kind whose option
    #: gives one case its own severity); None: the rule's.
    severity: Severity | None = None
    #: The blocks (Document.blocks indexes) the hit is about, the one it is
    #: reported at first: what the engine compares when one rule defers to
    #: another (Rule.defers_to).
    subjects: tuple[int, ...] = ()


@dataclass(frozen=True, order=True, slots=True)
class Finding:
    """A reported problem. The field order is the sort order of the report."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    rule: str
    severity: Severity = field(compare=False)
    message: str = field(compare=False)
    fix: Fix | None = field(default=None, compare=False, repr=False)

    @property
    def fixable(self) -> bool:
        return self.fix is not None

    def __reduce__(self):
        """Pickled as its constructor's arguments: a warm run unpickles every
        finding of every article from the cache (and workers send theirs),
        and the state dataclasses give slotted classes takes twice as long."""
        return Finding, (
            self.path,
            self.line,
            self.column,
            self.end_line,
            self.end_column,
            self.rule,
            self.severity,
            self.message,
            self.fix,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "rule": self.rule,
            "severity": str(self.severity),
            "message": self.message,
            "fixable": self.fixable,
        }


#: The report's order of findings (the fields a Finding compares), as a sort
#: key: ``findings.sort(key=REPORT_ORDER)`` compares tuples in C, where the
#: dataclass's ``__lt__`` made ~130,000 Python calls for 28,000 findings.
REPORT_ORDER = operator.attrgetter("path", "line", "column", "end_line", "end_column", "rule")
