"""unused-suppression: an inline directive that silences nothing (ruff's RUF100).

A ``<!-- medlint-disable ... -->`` left behind after the text it excused was
fixed hides the next real problem at that place. This kind runs after the
other rules, once their findings have met the directives: the engine works
out which directives silenced nothing (``medlint.suppressions.Silencing``)
and gives them to ``check_directives``. A directive, or a rule it names,
that silenced no finding of a rule that ran is reported (a directive for
every rule, only when every rule ran), and so is a rule ID that does not
exist.
Its fix (safe) deletes a directive that stands on lines of its own.
"""

from __future__ import annotations

from collections.abc import Iterator

from medlint.checks.base import Context, Option, Options
from medlint.document import Document
from medlint.findings import Fix, Hit, Severity
from medlint.fixes import delete_lines, line_text
from medlint.suppressions import ALL, KINDS, Directive

NAME = "unused-suppression"
OPTIONS = {
    "unknown-severity": Option(
        "string",
        "error",
        "The severity of a directive that names a rule, or is a directive, that does not "
        "exist: it never silenced what its author meant.",
        choices=("error", "warning", "info"),
    ),
}
MESSAGE_ARGS = frozenset({"directive", "rules", "reason"})
FIX = "safe"
#: Runs after the other rules' findings were matched against the directives.
AFTER_SUPPRESSIONS = True


def check(doc: Document, options: Options, context: Context) -> Iterator[Hit]:
    """Nothing on its own: the engine calls ``check_directives``."""
    return iter(())


def check_directives(
    doc: Document,
    directives: list[tuple[Directive, list[str]]],
    options: Options,
    context: Context,
) -> Iterator[Hit]:
    """The directives of ``doc``, each with the rules it names that silenced
    nothing in this check (the engine's record)."""
    unknown_severity = Severity.parse(options["unknown-severity"])
    for directive, not_used in directives:
        if directive.kind == "enable":  # ends a silence; silences nothing itself
            continue
        if directive.kind == "unknown":
            known = ", ".join(f"medlint-{kind}" for kind in KINDS)
            yield Hit(
                directive.span,
                {
                    "directive": _name(directive),
                    "rules": "every rule" if ALL in directive.rules else ", ".join(directive.rules),
                    "reason": f"no such directive, so it silences nothing (known: {known})",
                },
                severity=unknown_severity,
            )
            continue
        unknown = [r for r in directive.rules if r != ALL and r not in context.known_rules]
        # "Every rule" can only be judged when every rule ran.
        unused = [
            r
            for r in not_used
            if (r == ALL and context.every_rule_runs) or r in context.enabled_rules
        ]
        severity = None  # the rule's own
        if unknown:
            reason = "no such rule"
            rules = unknown
            severity = unknown_severity  # it never silenced what its author meant
        elif unused:
            reason = "silences nothing here"
            rules = unused
        else:
            continue
        names = "every rule" if rules == [ALL] else ", ".join(rules)
        yield Hit(
            directive.span,
            {"directive": _name(directive), "rules": names, "reason": reason},
            _fix(doc, directive, rules),
            severity=severity,
        )


def _name(directive: Directive) -> str:
    if directive.kind == "front-matter":
        return "medlint: disable (front matter)"
    return f"medlint-{directive.name or directive.kind}"


def _fix(doc: Document, directive: Directive, rules: list[str]) -> Fix | None:
    """Delete a wholly unused comment directive that stands on lines of its own."""
    if directive.kind == "front-matter" or (
        ALL not in directive.rules and set(rules) != set(directive.rules)
    ):
        return None
    own_lines = "\n".join(
        line_text(doc, n) for n in range(directive.span.line, directive.span.end_line + 1)
    )
    if own_lines.strip() != directive.text:
        return None
    return delete_lines(
        doc, directive.span.line, directive.span.end_line, "delete the unused directive"
    )
