"""Build a Document from plain text, as CMS exports produce it.

Two shapes are common and both are read:

* one paragraph per line, no blank lines (the shape of a page copied out of a
  CMS: every line is long);
* paragraphs separated by blank lines, hard-wrapped at a fixed width.

A run of consecutive prose lines is one hard-wrapped paragraph when every line
in it is at most ``WRAP_WIDTH`` characters; otherwise each line is a paragraph
of its own. Lines that start with a bullet (``-``, ``*``, ``•``, ``·``, ``–``)
or a number (``1.``, ``1)``) are list items; an indented line after an item
continues it. A short standalone line without closing punctuation is taken for
a heading (``title_like``): plain text has no other way to mark one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from medlint.document import Block, BlockKind, Document, LineIndex, TextMap

WRAP_WIDTH = 100
TITLE_MAX_WORDS = 12
_ITEM = re.compile(r"[ \t]*(?:[-*•·–]|\d{1,3}[.)])[ \t]+(?=\S)")
_CLOSING_PUNCTUATION = tuple(".!?:;,…")


@dataclass
class _Line:
    number: int  # 1-based
    start: int  # offset of the first character after indentation (and marker)
    text: str  # stripped content
    item: bool = False
    indented: bool = False


def parse_text(path: str, source: str) -> Document:
    doc = Document(path=path, source=source, format="text")
    for group in _groups(doc.line_index):
        _add_group(doc, group)
    for block in doc.blocks:
        if block.end == 0:
            block.end = block.index + 1
    return doc


def _groups(lines: LineIndex) -> list[list[_Line]]:
    """Lines split into groups at blank lines."""
    groups: list[list[_Line]] = [[]]
    for number in range(1, lines.lines + 1):
        offset = lines.offset(number)
        content = lines.text(number)
        stripped = content.strip()
        if not stripped:
            if groups[-1]:
                groups.append([])
        else:
            marker = _ITEM.match(content)
            start = marker.end() if marker else len(content) - len(content.lstrip())
            groups[-1].append(
                _Line(
                    number,
                    offset + start,
                    content[start:].rstrip(),
                    item=marker is not None,
                    indented=content[:1] in (" ", "\t"),
                )
            )
    return [g for g in groups if g]


def _add_group(doc: Document, group: list[_Line]) -> None:
    prose: list[_Line] = []
    items: list[list[_Line]] = []
    for line in group:
        if line.item:
            _flush_prose(doc, prose)
            items.append([line])
        elif items and line.indented:
            items[-1].append(line)  # continuation of a list item
        else:
            _flush_items(doc, items)
            prose.append(line)
    _flush_prose(doc, prose)
    _flush_items(doc, items)


def _flush_prose(doc: Document, prose: list[_Line]) -> None:
    if not prose:
        return
    if len(prose) > 1 and all(len(line.text) <= WRAP_WIDTH for line in prose):
        _add_block(doc, BlockKind.PARAGRAPH, prose)
    else:
        for line in prose:
            kind = BlockKind.HEADING if _title_like(line.text) else BlockKind.PARAGRAPH
            _add_block(doc, kind, [line]).title_like = kind == BlockKind.HEADING
    prose.clear()


def _flush_items(doc: Document, items: list[list[_Line]]) -> None:
    if not items:
        return
    container = Block(len(doc.blocks), BlockKind.LIST, items[0][0].number, items[-1][-1].number)
    doc.blocks.append(container)
    for item in items:
        _add_block(doc, BlockKind.LIST_ITEM, item, parent=container.index)
    container.end = len(doc.blocks)
    items.clear()


def _add_block(
    doc: Document, kind: BlockKind, lines: list[_Line], parent: int | None = None
) -> Block:
    block = Block(len(doc.blocks), kind, lines[0].number, lines[-1].number, parent=parent)
    text_map = TextMap()
    pieces: list[str] = []
    length = 0
    for line in lines:
        if pieces:
            pieces.append(" ")
            length += 1
        text_map.add(length, line.start, len(line.text))
        pieces.append(line.text)
        length += len(line.text)
    block.text = "".join(pieces)
    block.text_map = text_map
    doc.blocks.append(block)
    return block


def _title_like(text: str) -> bool:
    return (
        not text.endswith(_CLOSING_PUNCTUATION)
        and len(text.split()) <= TITLE_MAX_WORDS
        and (text[:1].isupper() or text[:1].isdigit())
    )
