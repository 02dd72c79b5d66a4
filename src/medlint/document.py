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
import re
from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import accumulate
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


#: The one definition of a line end, for parsing, positions and fixes (as
#: CommonMark says): LF, CRLF or a lone CR. A form feed, U+2028 or NUL is
#: inside a line. (``str.splitlines`` knows other ends: never use it on an article.)
LINE_END = re.compile(r"\r\n?|\n")


_TAG = re.compile(r"<[^<>]*>")
#: Navigation (breadcrumbs, menus) is the site's, not the article's text.
_NAVIGATION = re.compile(r"<nav\b.*?</nav\s*>", re.IGNORECASE | re.DOTALL)
#: A word (of two letters or more) among an HTML block's visible text.
_WORD_IN_HTML = re.compile(r"[^\W\d_]{2,}")


class LineIndex:
    """The lines of a text: where each starts, where its content ends and
    where its line ending ends; offsets to 1-based (line, column) and back.

    A final line ending ends the last line and starts none: "a\\n" has one
    line, "a\\nb" two, "" none.
    """

    def __init__(self, source: str) -> None:
        self._length = len(source)
        self._source = source
        # (Arrays of 8-byte offsets: lists of ints took ~36 bytes an offset,
        # 11 MB of a 6 MB article's 160,000 lines.)
        if "\r" not in source:  # LF only (most files): lines by one split, in C
            ends = accumulate(map(len, source.split("\n")))
            self._ends = array("q", [end + number for number, end in enumerate(ends)])
            self._starts = array("q", [0])
            self._starts.extend([end + 1 for end in self._ends[:-1]])
            return
        self._starts = array("q", [0])
        self._ends = array("q")  # where each line's content ends
        for match in LINE_END.finditer(source):
            self._ends.append(match.start())
            self._starts.append(match.end())
        self._ends.append(len(source))

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1

    def offset(self, line: int) -> int:
        """Offset of the start of a 1-based line (clamped to the text)."""
        starts = self._starts
        if 0 < line <= len(starts):
            return starts[line - 1]
        return starts[0] if line < 1 else starts[-1]

    def content_end(self, line: int) -> int:
        """Offset where a 1-based line's content ends (its line ending starts)."""
        ends = self._ends
        if 0 < line <= len(ends):
            return ends[line - 1]
        return ends[0] if line < 1 else ends[-1]

    def next_start(self, line: int) -> int:
        """Offset after a 1-based line's ending: the next line's start, or the
        end of the text."""
        return self._starts[line] if line < len(self._starts) else self._length

    def text(self, line: int) -> str:
        """A 1-based line's content, without its line ending."""
        return self._source[self.offset(line) : self.content_end(line)]

    def ending(self, line: int) -> str:
        """A 1-based line's line ending ("" for a last line without one)."""
        return self._source[self.content_end(line) : self.next_start(line)]

    @cached_property
    def content_length(self) -> int:
        """Where the text ends but for white space at its end."""
        return len(self._source.rstrip())

    @property
    def line_count(self) -> int:
        """Line starts, counting the empty one after a final line ending."""
        return len(self._starts)

    @property
    def lines(self) -> int:
        """How many lines the text has (a final line ending starts none)."""
        if self._starts[-1] == self._length:
            return len(self._starts) - 1
        return len(self._starts)


@dataclass(slots=True)
class TextMap:
    """Maps offsets in a block's plain text back to offsets in the file.

    The plain text is built from pieces of the source (markup stripped, lines
    joined); each piece is recorded as a segment (plain start, source start,
    length). An offset that falls between segments (an inserted space) maps to
    the end of the segment before it.
    """

    #: Three numbers a segment, in order: its plain start, its source start
    #: and its length. (One array: three lists took ~300 bytes a block, 17 MB
    #: of an article of 80,000 paragraphs.)
    segments: array = field(default_factory=lambda: array("q"))

    @property
    def plain_starts(self) -> array:
        return self.segments[0::3]

    @property
    def source_starts(self) -> array:
        return self.segments[1::3]

    @property
    def lengths(self) -> array:
        return self.segments[2::3]

    def add(self, plain_start: int, source_start: int, length: int) -> None:
        self.segments.extend((plain_start, source_start, length))

    def _before(self, plain_offset: int) -> int:
        """Where the last segment that starts at or before ``plain_offset``
        starts in ``segments`` (-3 for none)."""
        starts = range(0, len(self.segments), 3)
        return 3 * (bisect.bisect_right(starts, plain_offset, key=self.segments.__getitem__) - 1)

    def source_offset(self, plain_offset: int) -> int:
        segments = self.segments
        at = self._before(plain_offset)
        if at < 0:
            return segments[1] if segments else 0
        inside = plain_offset - segments[at]
        return segments[at + 1] + min(inside, segments[at + 2])

    def source_last(self, plain_end: int) -> int:
        """Offset in the file of the last character of ``text[:plain_end]``;
        an inserted character (a space for a line break) maps to the last
        character before it, never to the line ending."""
        segments = self.segments
        at = self._before(plain_end - 1)
        if at < 0:
            return segments[1] if segments else 0
        inside = min(plain_end - 1 - segments[at], segments[at + 2] - 1)
        return segments[at + 1] + max(inside, 0)


@dataclass(slots=True)
class Sentence:
    text: str
    block: Block = field(repr=False)
    #: Offsets of the sentence in its block's text.
    start: int = 0
    end: int = 0
    #: Its words, as the one tokenizer (``medlint.tokens``) counts them,
    #: filled by the parser: every rule that counts words reads these.
    #: (A tuple, the one the memo of sentences holds: a list copied for each
    #: sentence took 12 MB of an article of 80,000 paragraphs.)
    words: tuple[str, ...] = field(default=(), repr=False)
    #: The lines of the file, to place the sentence in it when asked (``span``).
    lines: LineIndex | None = field(default=None, repr=False, compare=False)
    _span: Span | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def span(self) -> Span:
        """Where the sentence stands in the file: worked out when a rule first
        asks (most sentences are never reported)."""
        if self._span is None:
            assert self.lines is not None, "a sentence placed by its parser has its lines"
            self._span = text_span(self.lines, self.block.text_map, self.start, self.end)
        return self._span

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


@dataclass(slots=True)
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
    #: The block's lines hold more than its text and its markup: an image, inline
    #: HTML or a comment. Deleting the lines would delete that too.
    inline_extras: bool = False
    #: Hard line breaks (<br>, a backslash or two spaces at a line's end) in the
    #: block: lines set one under another, as a list is.
    line_breaks: int = 0
    #: A paragraph that opens with a label in bold on a line of its own
    #: ("**Example 1**", then a line break): a heading in all but markup.
    bold_label: bool = False
    #: The bold-label paragraph a block stands under within its section, if any.
    label: int | None = None
    #: Where in ``text`` those breaks stand (each is one space there): a
    #: sentence ends at one, as it does at the end of a list item.
    break_offsets: Sequence[int] = field(default=(), repr=False)
    #: (start, end) offsets in ``text`` of inline code (`like this`): not prose.
    code_spans: Sequence[tuple[int, int]] = field(default=(), repr=False)
    #: Terms an HTML <abbr title="..."> explains in this block.
    abbreviations: Sequence[str] = field(default=(), repr=False)
    #: (start, end) offsets in ``text`` of link text.
    link_spans: Sequence[tuple[int, int]] = field(default=(), repr=False)
    sentences: Sequence[Sentence] = field(default=(), repr=False)
    #: The heading this block stands under (for a heading: the heading of the
    #: section it opens a subsection of); None before the first heading.
    section: int | None = None
    #: The nearest container that stands alone on the page: a blockquote
    #: (callout), a list item, an HTML block such as <details> or <div>.
    container: int | None = None

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
    #: Where a front matter key stands, when the parser knows it better than
    #: "key:" lines tell (an HTML page's <meta> tag or JSON-LD key).
    key_spans: dict[str, Span] = field(default_factory=dict)
    #: How a report names such a key ("JSON-LD key 'lastReviewed'").
    key_labels: dict[str, str] = field(default_factory=dict)
    #: Analyses that several checks share, computed once per document.
    cache: dict[Any, Any] = field(default_factory=dict, repr=False)

    def canonical_words(self) -> dict[str, str]:
        """One string per distinct word, for what keeps words (the sentences'
        words, the duplicate rules' fingerprints): ``setdefault(word, word)``
        gives it. An article's words repeat: 80,000 paragraphs held 800,000
        copies of theirs."""
        return self.cache.setdefault("words", {})

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

    def release(self) -> None:
        """Be done with the document: its sentences let go of their blocks
        and its shared analyses are dropped, so that reference counting frees
        it at once. Left linked (a block holds its sentences, each sentence
        its block), it would wait for the cycle collector, which walks all of
        it: 0.8 s for a 6 MB article."""
        for block in self.blocks:
            block.sentences = ()
        self.cache.clear()

    @property
    def readable(self) -> bool:
        """False when the file could not be decoded: only its problem is reported."""
        return not any(p.kind == "encoding" for p in self.problems)

    @property
    def is_stub(self) -> bool:
        """A page made of front matter and no text: a redirect, a navigation
        entry, an app's empty shell. It has nothing to review or disclaim.
        (An empty file is no stub: it is an article with nothing in it; nor is
        a page with only a heading: it is an article still to be written.)"""
        return bool(self.front_matter) and not self.has_text

    @property
    def has_text(self) -> bool:
        """Whether the article has any text a reader reads: a heading, a
        paragraph, a list item, a table, or words shown by HTML (but for
        its navigation: breadcrumbs and menus are the site's)."""
        if any(self.blocks_in("text")):
            return True
        return any(
            _WORD_IN_HTML.search(_TAG.sub(" ", _NAVIGATION.sub(" ", b.text)))
            for b in self.blocks_of(BlockKind.HTML)
            if not b.is_comment
        )

    def blocks_of(self, *kinds: BlockKind) -> Iterator[Block]:
        return (b for b in self.blocks if b.kind in kinds)

    def blocks_in(self, scope: str) -> Iterator[Block]:
        """The blocks a rule with this ``scope`` reads (see SCOPES)."""
        key = ("blocks-in", scope)
        found = self.cache.get(key)
        if found is None:  # the same few scopes are read by many rules: listed once
            kinds = SCOPES[scope]
            found = self.cache[key] = tuple(
                b for b in self.blocks if b.kind in kinds and b.text and not b.is_comment
            )
        return iter(found)

    @property
    def sentences(self) -> Iterator[Sentence]:
        for block in self.blocks:
            yield from block.sentences

    def heading_path(self, block: Block) -> list[Block]:
        """The headings a block stands under, outermost first."""
        path = []
        section = block.section
        while section is not None:
            heading = self.blocks[section]
            path.append(heading)
            section = heading.section
        return path[::-1]

    def section_of(self, block: Block) -> Block | None:
        """The heading a block stands under."""
        return None if block.section is None else self.blocks[block.section]

    def section_body(self, heading: Block) -> Iterator[Block]:
        """The blocks of a heading's section, before its first subsection:
        what a reader reads right under the heading."""
        for block in self.blocks[heading.index + 1 :]:
            if block.kind == BlockKind.HEADING:
                return
            yield block

    def subheadings(self, heading: Block | None) -> list[Block]:
        """The headings of the subsections right under a heading (None: the
        top level of the article)."""
        parent = None if heading is None else heading.index
        return [b for b in self.blocks if b.kind == BlockKind.HEADING and b.section == parent]

    def next_block(self, block: Block) -> Block | None:
        """The first block after ``block`` and everything inside it."""
        return self.blocks[block.end] if block.end < len(self.blocks) else None

    def span_of(self, block: Block, start: int, end: int) -> Span:
        """The file span of ``block.text[start:end]``."""
        return text_span(self.line_index, block.text_map, start, end)

    def block_span(self, block: Block) -> Span:
        """The file span of a block's whole text."""
        if not block.text_map.lengths:
            return Span(block.line, 1, block.end_line, 1)
        return self.span_of(block, 0, len(block.text))


def text_span(lines: LineIndex, text_map: TextMap, start: int, end: int) -> Span:
    """The file span of ``text[start:end]``, for a block's text and its map."""
    begin = lines.position(text_map.source_offset(start))
    last_line, last_column = lines.position(text_map.source_last(max(end, start + 1)))
    # Never past the end of its line (an HTML block's text ends with its newline).
    length = lines.content_end(last_line) - lines.offset(last_line)
    last_column = max(1, min(last_column, length))
    return Span(begin[0], begin[1], last_line, last_column)
