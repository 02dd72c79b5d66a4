"""What blocks are beyond their markup: list introductions and the items that
follow them, lists that lost their bullets, tables flattened into text.

Exported and converted pages often lose structure: bullets vanish and leave
one short paragraph per item; a table becomes one long run of cells. Rules
that compare or score prose ask here, so that they do not mistake such
remains for prose.
"""

from __future__ import annotations

import re

from medlint.document import Block, BlockKind, Document
from medlint.parsing.sentences import words

#: An unmarked list item is a paragraph of at most this many words.
ITEM_MAX_WORDS = 20
_TABLE_CELL = re.compile(r"\d+(?:\.\d+)?\s?%|\s[-–]\s")


def is_list_intro(block: Block) -> bool:
    return block.kind == BlockKind.PARAGRAPH and block.text.rstrip().endswith(":")


def following_items(doc: Document, intro: Block) -> list[Block]:
    """The items after a list introduction: those of the list that follows it,
    or the run of short paragraphs that are a list without its bullets."""
    following = doc.next_block(intro)
    if following is not None and following.kind == BlockKind.LIST:
        return [
            b
            for b in doc.blocks[following.index + 1 : following.end]
            if b.kind == BlockKind.LIST_ITEM and b.parent == following.index
        ]
    items = []
    while following is not None and _short_paragraph(following, intro):
        items.append(following)
        following = doc.next_block(following)
    return items


def unmarked_items(doc: Document) -> set[int]:
    """Indexes of the short paragraphs that are really list items (cached)."""
    if "unmarked-items" not in doc.cache:
        doc.cache["unmarked-items"] = {
            item.index
            for intro in doc.blocks
            if is_list_intro(intro)
            for item in following_items(doc, intro)
            if item.kind == BlockKind.PARAGRAPH
        }
    return doc.cache["unmarked-items"]


def _short_paragraph(block: Block, intro: Block) -> bool:
    return (
        block.kind == BlockKind.PARAGRAPH
        and block.parent == intro.parent
        and not is_list_intro(block)
        and len(block.sentences) <= 2
        and len(words(block.text)) <= ITEM_MAX_WORDS
    )


def is_flattened_table(sentence: str) -> bool:
    """A "sentence" that is a table or list run together ("Hearing loss 90%
    Seizures 50% ...", "fever - rash - cough - ..."): not prose."""
    return len(_TABLE_CELL.findall(sentence)) >= 3
