"""existence: flag any of a list of phrases or patterns (Vale's ``existence``).

The building block for house rules written as data: boilerplate that leaked
from a CMS ("Click here", "Loading…"), banned words, unrendered placeholders.
``tokens`` are regular expressions (a plain phrase is one); by default they
match whole words only and without regard to case. Each match is reported.
"""

from __future__ import annotations

from collections.abc import Iterator

from medlint.checks.base import Context, Option, Options, scope_option
from medlint.document import Document
from medlint.findings import Hit
from medlint.patterns import compile_pattern, finditer

NAME = "existence"
OPTIONS = {
    "tokens": Option("pattern-list", [], "Phrases or regular expressions to flag."),
    "ignore-case": Option("boolean", True, "Match without regard to case."),
    "whole-words": Option("boolean", True, "Match whole words only (not 'TK' inside 'MT-TK')."),
    "scope": scope_option("text"),
}
MESSAGE_ARGS = frozenset({"match"})


def check(doc: Document, options: Options, context: Context) -> Iterator[Hit]:
    pattern = combined_pattern(options["tokens"], options["ignore-case"], options["whole-words"])
    if pattern is None:
        return
    for block in doc.blocks_in(options["scope"]):
        for match in finditer(pattern, block.prose_text()):
            yield Hit(doc.span_of(block, match.start(), match.end()), {"match": match.group()})


def combined_pattern(tokens: list[str], ignore_case: bool, whole_words: bool):
    """One alternation of all tokens: one pass over each block, not one per token."""
    if not tokens:
        return None
    return compile_pattern("|".join(f"(?:{t})" for t in tokens), ignore_case, whole_words)
