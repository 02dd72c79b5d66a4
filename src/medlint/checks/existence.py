"""existence: flag any of a list of phrases or patterns (Vale's ``existence``).

The building block for house rules written as data: boilerplate that leaked
from a CMS ("Click here", "Loading…"), banned words, unrendered placeholders.
``tokens`` are regular expressions (a plain phrase is one); by default they
match whole words only and without regard to case. Each match is reported.
A sentence that ``removable`` matches whole (widget text) can be deleted by
``--fix``, with its line only when nothing else stands on it.
"""

from __future__ import annotations

from collections.abc import Iterator

from medlint.checks.base import Context, Option, Options, scope_option
from medlint.document import TEXT_KINDS, Block, Document
from medlint.findings import Fix, Hit
from medlint.fixes import delete_sentence
from medlint.patterns import finditer, user_pattern

NAME = "existence"
OPTIONS = {
    "tokens": Option("pattern-list", [], "Phrases or regular expressions to flag."),
    "ignore-case": Option("boolean", True, "Match without regard to case."),
    "whole-words": Option("boolean", True, "Match whole words only (not 'TK' inside 'MT-TK')."),
    "scope": scope_option("text"),
    "removable": Option(
        "pattern-list",
        [],
        "Patterns for a whole sentence that --fix may delete (a safe fix), with its "
        "line when nothing else is on it: widget text, not drafts' notes.",
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
            if removable is not None and block.kind in TEXT_KINDS:
                fix = _removal(doc, removable, block, match.start(), match.end())
            yield Hit(doc.span_of(block, match.start(), match.end()), {"match": match.group()}, fix)


def _removal(doc: Document, removable, block: Block, at: int, end: int) -> Fix | None:
    """Delete the sentence around a match when the sentence is nothing but
    removable text (a widget line), with its line only when nothing else
    stands on it; a sentence that mentions such words among its own is left
    to an editor. Inline code counts as text: "Read more `5 ml`" stays."""
    sentence = next((s for s in block.sentences if s.start <= at < s.end), None)
    if sentence is None or removable.fullmatch(sentence.text.rstrip(".!…»›→> ")) is None:
        return None
    if sentence.span.line != doc.span_of(block, at, at + 1).line or (
        sentence.span.end_line != doc.span_of(block, end - 1, end).end_line
    ):
        return None  # it runs onto a line before or after the widget: maybe the article's
    return delete_sentence(doc, sentence, f'delete "{_short(sentence.text)}"')


def _short(text: str, limit: int = 50) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def combined_pattern(tokens: list[str], ignore_case: bool, whole_words: bool):
    """One alternation of all tokens: one pass over each block, not one per token."""
    if not tokens:
        return None
    return user_pattern("|".join(f"(?:{t})" for t in tokens), ignore_case, whole_words)
