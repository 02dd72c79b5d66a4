"""Silencing findings where the article says so.

Markdown articles carry directives in HTML comments, which readers never see:

    <!-- medlint-disable RULE[, RULE] -->      from here on (no rule: all rules)
    <!-- medlint-enable RULE[, RULE] -->       until here (no rule: all rules)
    <!-- medlint-disable-line RULE -->         the comment's own line(s)
    <!-- medlint-disable-next-line RULE -->    the line after the comment
    <!-- medlint-disable-file RULE -->         the whole file

A comment ``<!-- medlint-... -->`` of any other name (``medlint-disable-lines``)
is kept as a directive of that name which silences nothing, so that the
``unused-suppression`` rule reports it, as it reports a rule ID that does
not exist: a misspelt directive is never read as another one.

and front matter can say ``medlint: {disable: [RULE, ...]}`` for the whole
file. Plain text has no comments: its files are silenced by the config's
``per-file-ignores``. Rules never see any of this: the engine drops the
findings afterwards, keeping its own record of which directive silenced what
(``Silencing``, one per check of a document), and from that record works out
the unused directives that the ``unused-suppression`` rule reports. The
directives themselves are plain data read from the document, never changed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from medlint.document import Document
from medlint.findings import Finding, Span

_DIRECTIVE = re.compile(r"<!--\s*medlint-([\w-]*)([^>]*?)\s*-->")
ALL = "*"
#: The directive names medlint obeys (a comment may name another: see above).
KINDS = ("disable", "enable", "disable-line", "disable-next-line", "disable-file")


@dataclass
class Directive:
    #: One of KINDS, "front-matter" (front matter's ``medlint: disable``), or
    #: "unknown": a comment ``medlint-NAME`` of another name, which silences nothing.
    kind: str
    rules: tuple[str, ...]  # ("*",) for every rule
    span: Span
    text: str = ""  # the comment as written
    #: The directive's name as written in its comment ("disable-lines").
    name: str = ""

    def covers(self, rule: str) -> bool:
        return ALL in self.rules or rule in self.rules

    def unused_rules(self, used: set[str]) -> list[str]:
        """The rules it names that it silenced no finding of (``used``: those
        it did); for a directive of every rule, [ALL] when it silenced none."""
        if ALL in self.rules:
            return [] if used else [ALL]
        return [rule for rule in self.rules if rule not in used]


@dataclass(frozen=True)
class Suppressions:
    """The directives of one document, in order."""

    directives: list[Directive] = field(default_factory=list)

    def silencer(self, finding: Finding, by_name_only: bool = False) -> int | None:
        """The number of the directive that silences the finding, if one does.
        ``by_name_only``: only a directive that names the finding's rule
        counts (a bare "disable" must not hide the report that it is unused)."""
        rule, line = finding.rule, finding.line
        active: int | None = None
        for number, directive in enumerate(self.directives):
            if not directive.covers(rule) or (by_name_only and rule not in directive.rules):
                continue
            if directive.kind in ("disable-file", "front-matter"):
                return number
            if directive.kind == "disable-next-line" and directive.span.end_line + 1 == line:
                return number
            if directive.kind == "disable-line" and directive.span.line <= line <= (
                directive.span.end_line
            ):
                return number
            if directive.span.line <= line:
                if directive.kind == "disable":
                    active = number
                elif directive.kind == "enable":
                    active = None
        return active


@dataclass
class Silencing:
    """The engine's record, while it checks one document, of which directive
    silenced which rules' findings; from it, the directives that silenced
    nothing (``unused``)."""

    suppressions: Suppressions
    used: dict[int, set[str]] = field(default_factory=dict)

    def silences(self, finding: Finding, by_name_only: bool = False) -> bool:
        """Whether the finding is silenced (and if so, by which directive is recorded)."""
        number = self.suppressions.silencer(finding, by_name_only)
        if number is None:
            return False
        self.used.setdefault(number, set()).add(finding.rule)
        return True

    def unused(self) -> list[tuple[Directive, list[str]]]:
        """Each directive with the rules it names that it silenced nothing of."""
        return [
            (directive, directive.unused_rules(self.used.get(number, set())))
            for number, directive in enumerate(self.suppressions.directives)
        ]


def find_suppressions(doc: Document) -> Suppressions:
    """The directives of a document, in order."""
    return Suppressions(_front_matter_directives(doc) + _comment_directives(doc))


def _comment_directives(doc: Document) -> list[Directive]:
    """Directives in the article's HTML comments: comments only, so a directive
    shown in code or quoted in a paragraph's text is not obeyed."""
    directives = []
    for offset, comment in doc.comments:
        match = _DIRECTIVE.fullmatch(comment.strip())
        if match is None:
            continue
        line, column = doc.line_index.position(offset)
        end_line, end_column = doc.line_index.position(offset + len(comment) - 1)
        rules = tuple(r for r in re.split(r"[\s,]+", match.group(2)) if r) or (ALL,)
        span = Span(line, column, end_line, end_column)
        name = match.group(1)
        kind = name if name in KINDS else "unknown"  # never "front-matter" from a comment
        directives.append(Directive(kind, rules, span, comment.strip(), name))
    return sorted(directives, key=lambda d: (d.span.line, d.span.column))


def _front_matter_directives(doc: Document) -> list[Directive]:
    settings = (doc.front_matter or {}).get("medlint")
    if not isinstance(settings, dict):
        return []
    disabled = settings.get("disable")
    if isinstance(disabled, str):
        disabled = [disabled]
    if not isinstance(disabled, list) or not disabled:
        return []
    line = _front_matter_key_line(doc, "medlint")
    return [Directive("front-matter", tuple(str(r) for r in disabled), Span.at(line))]


def _front_matter_key_line(doc: Document, key: str) -> int:
    first, last = doc.front_matter_lines or (1, 1)
    for number in range(first + 1, last):
        start = doc.line_index.offset(number)
        if doc.source.startswith(f"{key}:", start):
            return number
    return first
