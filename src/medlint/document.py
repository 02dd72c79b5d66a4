"""The Document model: one parsed article that every check reads.

A Document is built once per file by a parser in ``medlint.parsing``. Checks
never see raw Markdown or raw lines: they see blocks (heading, paragraph, list,
list item, table, code, blockquote, html) with their plain text, and sentences
with their line and column in the original file. Front matter, code and HTML
are kept apart so that no prose rule mistakes them for prose.
"""

from __future__ import annotations

import bisect
import enum
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from medlint.findings import Span


class BlockKind(enum.Enum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST = "list"
    LIST_ITEM = "list_item"
    TABLE = "table"
    CODE = "code"
    BLOCKQUOTE = "blockquote"
    HTML = "html"
    RULE = "thematic_break"


#: Blocks whose text is prose a reader reads as running text.
PROSE_KINDS = frozenset({BlockKind.PARAGRAPH, BlockKind.LIST_ITEM})
#: Blocks that carry sentences (headings are read, but are not running prose).
TEXT_KINDS = PROSE_KINDS | {BlockKind.HEADING}
#: What a data-driven rule's ``scope`` option may name: the blocks it reads.
#: No scope includes code, HTML comments or front matter.
SCOPES = {
    "prose": PROSE_KINDS,
    "text": TEXT_KINDS | {BlockKind.TABLE},
    "all": TEXT_KINDS | {BlockKind.TABLE, BlockKind.HTML},
}


class LineIndex:
    """Turns offsets into the file's text into 1-based (line, column)."""

    def __init__(self, source: str) -> None:
        self._starts = [0]
        pos = source.find("\n")
        while pos != -1:
            self._starts.append(pos + 1)
            pos = source.find("\n", pos + 1)

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1

    def offset(self, line: int) -> int:
        """Offset of the start of a 1-based line."""
        return self._starts[min(max(line, 1), len(self._starts)) - 1]

    @property
    def line_count(self) -> int:
        return len(self._starts)


@dataclass
class TextMap:
    """Maps offsets in a block's plain text back to offsets in the file.

    The plain text is built from pieces of the source (markup stripped, lines
    joined); each piece is recorded as a segment (plain start, source start,
    length). An offset that falls between segments (an inserted space) maps to
    the end of the segment before it.
    """

    plain_starts: list[int] = field(default_factory=list)
    source_starts: list[int] = field(default_factory=list)
    lengths: list[int] = field(default_factory=list)

    def add(self, plain_start: int, source_start: int, length: int) -> None:
        self.plain_starts.append(plain_start)
        self.source_starts.append(source_start)
        self.lengths.append(length)

    def source_offset(self, plain_offset: int) -> int:
        i = bisect.bisect_right(self.plain_starts, plain_offset) - 1
        if i < 0:
            return self.source_starts[0] if self.source_starts else 0
        inside = plain_offset - self.plain_starts[i]
        return self.source_starts[i] + min(inside, self.lengths[i])


@dataclass
class Sentence:
    text: str
    span: Span
    block: Block = field(repr=False)
    #: Offsets of the sentence in its block's text.
    start: int = 0
    end: int = 0

    @property
    def is_link_text(self) -> bool:
        """The sentence is the text of a link ("Find out how to apply.")."""
        inside = sum(
            max(0, min(self.end, end) - max(self.start, start))
            for start, end in self.block.link_spans
        )
        return inside >= 0.9 * len(self.text.rstrip(".!?"))

    @property
    def line(self) -> int:
        return self.span.line


@dataclass
class Block:
    """One block of the article, in document order.

    ``text`` is the plain text (markup stripped, wrapped lines joined with a
    space) for paragraphs, headings and list items; the code for code blocks;
    the raw HTML for html blocks; empty for containers (list, blockquote,
    table). ``parent`` is the index of the enclosing container block.
    ``end`` is the index after the last block inside this one.
    """

    index: int
    kind: BlockKind
    line: int
    end_line: int
    text: str = ""
    parent: int | None = None
    end: int = 0
    #: Heading level, 1 to 6 (0 for a plain-text heading, which has none).
    level: int = 0
    #: Set by the plain-text parser for a short standalone line with no
    #: closing punctuation: probably a heading, but not marked up as one.
    title_like: bool = False
    text_map: TextMap = field(default_factory=TextMap, repr=False)
    #: A Markdown paragraph that is nothing but a link (a call to action such as
    #: "[Find out how to apply](...)."): repeated by design, not prose.
    link_only: bool = False
    #: (start, end) offsets in ``text`` of inline code (`like this`): not prose.
    code_spans: list[tuple[int, int]] = field(default_factory=list, repr=False)
    #: Terms an HTML <abbr title="..."> explains in this block.
    abbreviations: list[str] = field(default_factory=list, repr=False)
    #: (start, end) offsets in ``text`` of link text.
    link_spans: list[tuple[int, int]] = field(default_factory=list, repr=False)
    sentences: list[Sentence] = field(default_factory=list, repr=False)

    def prose_text(self) -> str:
        """The text with inline code blanked out, offsets unchanged."""
        if not self.code_spans:
            return self.text
        chars = list(self.text)
        for start, end in self.code_spans:
            chars[start:end] = " " * (end - start)
        return "".join(chars)

    @property
    def is_comment(self) -> bool:
        """An HTML block that is a comment (<!-- ... -->): never read as text."""
        return self.kind == BlockKind.HTML and self.text.lstrip().startswith("<!--")


@dataclass
class Problem:
    """Something wrong with the file itself, found while parsing it."""

    kind: str  # "front-matter" or "encoding"
    message: str
    span: Span


@dataclass
class Document:
    path: str
    source: str
    format: str  # "markdown", "text", or "unknown" for a file that could not be read
    blocks: list[Block] = field(default_factory=list)
    front_matter: dict[str, Any] | None = None
    #: 1-based first and last line of the front matter, fences included.
    front_matter_lines: tuple[int, int] | None = None
    problems: list[Problem] = field(default_factory=list)
    #: HTML comments of a Markdown article: (offset in the source, text). Only
    #: real comments, never one shown in code, are here.
    comments: list[tuple[int, str]] = field(default_factory=list)
    #: Analyses that several checks share, computed once per document.
    cache: dict[Any, Any] = field(default_factory=dict, repr=False)

    def front_matter_says(self, key: str) -> bool:
        """Whether a front matter key is set to something: true, or a value
        that is not empty and not a written "no" ("false", "no", "off")."""
        value = (self.front_matter or {}).get(key)
        if isinstance(value, str):
            return value.strip().lower() not in ("", "no", "false", "off", "n", "0")
        return value not in (None, False, [], {}, 0)

    @cached_property
    def line_index(self) -> LineIndex:
        return LineIndex(self.source)

    @property
    def readable(self) -> bool:
        """False when the file could not be decoded: only its problem is reported."""
        return not any(p.kind == "encoding" for p in self.problems)

    def blocks_of(self, *kinds: BlockKind) -> Iterator[Block]:
        return (b for b in self.blocks if b.kind in kinds)

    def blocks_in(self, scope: str) -> Iterator[Block]:
        """The blocks a rule with this ``scope`` reads (see SCOPES)."""
        kinds = SCOPES[scope]
        return (b for b in self.blocks if b.kind in kinds and b.text and not b.is_comment)

    @property
    def sentences(self) -> Iterator[Sentence]:
        for block in self.blocks:
            yield from block.sentences

    def next_block(self, block: Block) -> Block | None:
        """The first block after ``block`` and everything inside it."""
        return self.blocks[block.end] if block.end < len(self.blocks) else None

    def span_of(self, block: Block, start: int, end: int) -> Span:
        """The file span of ``block.text[start:end]``."""
        begin = self.line_index.position(block.text_map.source_offset(start))
        last = self.line_index.position(block.text_map.source_offset(max(end - 1, start)))
        return Span(begin[0], begin[1], last[0], last[1])

    def block_span(self, block: Block) -> Span:
        """The file span of a block's whole text."""
        if not block.text_map.lengths:
            return Span(block.line, 1, block.end_line, 1)
        return self.span_of(block, 0, len(block.text))
