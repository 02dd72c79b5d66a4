"""sentence-length: a sentence of prose longer than a word limit.

Long sentences are the first thing that makes health text hard: readers lose
the subject before the verb arrives. Paragraphs and list items are read; a
list item is its own sentence. Headings, tables and code are not prose, nor
is a table flattened into a paragraph by an export.
"""

from __future__ import annotations

from collections.abc import Iterator

from medlint.checks.base import Context, Option, Options
from medlint.document import PROSE_KINDS, Document
from medlint.findings import Hit
from medlint.structure import is_flattened_table

NAME = "sentence-length"
OPTIONS = {
    "max-words": Option("integer", 30, "Sentences with more words are reported.", minimum=1),
}
MESSAGE_ARGS = frozenset({"words", "max_words"})


def check(doc: Document, options: Options, context: Context) -> Iterator[Hit]:
    limit = options["max-words"]
    for sentence in doc.sentences:
        if sentence.block.kind not in PROSE_KINDS or is_flattened_table(sentence.text):
            continue
        count = len(sentence.words)
        if count > limit:
            yield Hit(sentence.span, {"words": count, "max_words": limit})
