"""existence: flag any of a list of phrases or patterns (Vale's ``existence``).

The building block for house rules written as data: boilerplate that leaked
from a CMS ("Click here", "Loading…"), banned words, unrendered placeholders.
``tokens`` are regular expressions (a plain phrase is one); by default they
match whole words only and without regard to case. Each match is reported.
A block that ``removable`` matches whole (a widget line) can be deleted by
``--fix``.
"""

from __future__ import annotations

from collections.abc import Iterator

from medlint.checks.base import Context, Option, Options, scope_option
from medlint.document import TEXT_KINDS, Document
from medlint.findings import Hit
from medlint.fixes import delete_block
from medlint.patterns import compile_pattern, finditer

NAME = "existence"
OPTIONS = {
    "tokens": Option("pattern-list", [], "Phrases or regular expressions to flag."),
    "ignore-case": Option("boolean", True, "Match without regard to case."),
    "whole-words": Option("boolean", True, "Match whole words only (not 'TK' inside 'MT-TK')."),
    "scope": scope_option("text"),
    "removable": Option(
        "pattern-list",
        [],
        "Patterns for a whole block (paragraph, list item or heading) that --fix may "
        "delete (a safe fix): widget lines, not drafts' notes.",
    ),
}
MESSAGE_ARGS = frozenset({"match"})


def fix_safety(options: Options) -> str | None:
    """Fixable (safely) only when the rule names removable tokens."""
    return "safe" if options["removable"] else None


def check(doc: Document, options: Options, context: Context) -> Iterator[Hit]:
    pattern = combined_pattern(options["tokens"], options["ignore-case"], options["whole-words"])
    if pattern is None:
        return
    removable = combined_pattern(options["removable"], options["ignore-case"], False)
    for block in doc.blocks_in(options["scope"]):
        for match in finditer(pattern, block.prose_text()):
            fix = None
            if removable is not None and _whole_block(removable, block):
                fix = delete_block(doc, block, f'delete the line "{_short(block.text)}"')
            yield Hit(doc.span_of(block, match.start(), match.end()), {"match": match.group()}, fix)


def _whole_block(removable, block) -> bool:
    """A paragraph, list item or heading that is nothing but removable text
    (a widget line), not one that mentions it among its own words."""
    text = block.prose_text().strip().rstrip(".!…»›→> ")
    return block.kind in TEXT_KINDS and removable.fullmatch(text) is not None


def _short(text: str, limit: int = 50) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def combined_pattern(tokens: list[str], ignore_case: bool, whole_words: bool):
    """One alternation of all tokens: one pass over each block, not one per token."""
    if not tokens:
        return None
    return compile_pattern("|".join(f"(?:{t})" for t in tokens), ignore_case, whole_words)
