"""conditional: when one thing appears, another must too (Vale's ``conditional``).

If any ``first`` pattern matches and no ``second`` pattern does (and no
``front-matter-keys`` key is set), the first match is reported. Examples: a
"Medically reviewed" badge needs a named reviewer; "see the table below"
needs a table.
"""

from __future__ import annotations

from collections.abc import Iterator

from medlint.checks.base import Context, Option, Options, scope_option
from medlint.document import Document
from medlint.findings import Hit
from medlint.patterns import finditer, search, user_pattern

NAME = "conditional"
OPTIONS = {
    "first": Option("pattern-list", [], "Patterns that, when found, require a second one."),
    "second": Option("pattern-list", [], "Patterns of which one must then be present."),
    "front-matter-keys": Option(
        "string-list", [], "Front matter keys that, set to a non-empty value, satisfy second."
    ),
    "ignore-case": Option(
        "boolean", True, "Match without regard to case ((?-i:...) turns it off in a pattern)."
    ),
    "scope": scope_option("text"),
}
MESSAGE_ARGS = frozenset({"match"})


def check(doc: Document, options: Options, context: Context) -> Iterator[Hit]:
    if not options["first"]:
        return
    blocks = list(doc.blocks_in(options["scope"]))
    first = _alternation(options["first"], options["ignore-case"])
    found = next(((b, m) for b in blocks for m in finditer(first, b.prose_text())), None)
    if found is None or _satisfied(doc, blocks, options):
        return
    block, match = found
    yield Hit(doc.span_of(block, match.start(), match.end()), {"match": match.group()})


def _satisfied(doc: Document, blocks, options: Options) -> bool:
    if any(doc.front_matter_says(key) for key in options["front-matter-keys"]):
        return True
    if not options["second"]:
        return False
    second = _alternation(options["second"], options["ignore-case"])
    return any(search(second, block.prose_text()) for block in blocks)


def _alternation(patterns: list[str], ignore_case: bool):
    return user_pattern("|".join(f"(?:{p})" for p in patterns), ignore_case)
