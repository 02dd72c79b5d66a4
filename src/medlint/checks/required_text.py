"""required-text: the article must contain at least one of a set of phrases.

Some text must be on every page whatever the topic: a medical disclaimer is
the usual example (the ``missing-disclaimer`` rule is this check with a list
of disclaimer patterns). Patterns are regular expressions, matched without
regard to case across all the article's text (prose, headings, tables and
HTML; not code, comments or front matter). A front matter key can stand in for
the text when the publisher's template adds it (``disclaimer: true``).
"""

from __future__ import annotations

from collections.abc import Iterator

from medlint.checks.base import Context, Option, Options
from medlint.document import Document
from medlint.findings import Hit, Span
from medlint.patterns import search, user_pattern

NAME = "required-text"
OPTIONS = {
    "patterns": Option(
        "pattern-list",
        [],
        "Regular expressions (case-insensitive); the article passes when any one matches.",
    ),
    "front-matter-keys": Option(
        "string-list",
        [],
        "Front matter keys that, when present with a true or non-empty value, count as "
        "the required text.",
    ),
}
MESSAGE_ARGS = frozenset()
#: Its findings are about the article as a whole (a baseline keys them by the
#: file and rule alone; --changed-since judges them for every changed file).
WHOLE_ARTICLE = True


def check(doc: Document, options: Options, context: Context) -> Iterator[Hit]:
    if doc.is_stub or _in_front_matter(doc, options["front-matter-keys"]):
        return  # a stub without running text requires nothing
    text = "\n".join(block.prose_text() for block in doc.blocks_in("all"))
    # Each pattern searched on its own: each has its own literals for the
    # prefilter and its own start for the search (one alternation of all
    # them was searched at every position of the text, a third slower).
    if not any(search(user_pattern(pattern), text) for pattern in options["patterns"]):
        yield Hit(Span.at(1))


def _in_front_matter(doc: Document, keys: list[str]) -> bool:
    return any(doc.front_matter_says(key) for key in keys)
