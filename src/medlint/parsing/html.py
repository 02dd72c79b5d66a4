"""Build a Document from an HTML page, as CMS exports and static sites write them.

The parser is the standard library's ``html.parser``, chosen on purpose:

- **source positions**: it reports where each tag and each run of text starts
  (line and column), so every block's text maps back to its exact offsets in
  the file, as findings and fixes need. lxml reports only an element's line,
  html5lib and selectolax none;
- **robust on broken markup**: it never refuses a page (unclosed tags, stray
  ``</p>``, attributes without quotes), and this module closes what a
  browser would close (a ``<p>`` at the next block, an ``<li>`` at the next
  item);
- **no dependency and no start-up cost**, and fast enough: a pure-Python
  tokenizer over regular expressions reads a few MB a second, the size of
  a whole site's worth of articles in a run.

What is read: headings (``h1``-``h6``), paragraphs, list items, description
lists, table cells (as the table's text, as in Markdown), ``<pre>`` as code,
blockquotes, ``<details>``/``<div>``/``<aside>``/``<section>`` as the parts of
the page they are (an FAQ answer, a callout), and loose text in a container
as a paragraph. Scripts, styles, navigation (``<nav>``), forms, templates,
the page's own banner and footer (a ``<header>`` or ``<footer>`` outside
``<article>`` and ``<main>``) and comments are not prose; comments are kept
for the suppression directives (``<!-- medlint-disable ... -->``, as in
Markdown).

Review dates and reviewers come from ``<meta name="..." content="...">``
(``last-reviewed``, ``dcterms.modified``, ...) and from schema.org JSON-LD
(``lastReviewed``, ``dateModified``, ``reviewedBy``), and become the
document's front matter: the review-date and review rules read them as they
read a Markdown article's keys, and point at the tag or the JSON key.

Fixes that delete whole blocks are not offered for HTML (a block's lines may
hold its element's tags and its neighbours'); a fix that deletes text written
plainly in the file still is.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser

from medlint.document import Block, BlockKind, Document
from medlint.findings import Span

#: Elements whose content is not the article's prose.
SKIPPED = frozenset(
    """script style noscript template nav svg math iframe object canvas select
    button form textarea head""".split()
)
#: Elements that start and end a text block of their own.
_TEXT_BLOCKS = {
    **{f"h{level}": BlockKind.HEADING for level in range(1, 7)},
    "p": BlockKind.PARAGRAPH,
    "li": BlockKind.LIST_ITEM,
    "dt": BlockKind.LIST_ITEM,
    "dd": BlockKind.LIST_ITEM,
    "summary": BlockKind.PARAGRAPH,
    "figcaption": BlockKind.PARAGRAPH,
    "caption": BlockKind.PARAGRAPH,
}
_LISTS = frozenset({"ul", "ol", "dl", "menu"})
#: Parts of the page that stand alone (the Markdown parser's HTML containers).
_PARTS = frozenset({"details", "div", "aside", "section", "article", "main"})
#: Other elements that end the text block open before them.
_BLOCK_LEVEL = (
    _LISTS
    | _PARTS
    | frozenset(
        """blockquote pre table tr td th thead tbody tfoot hr header footer figure
        address fieldset body html""".split()
    )
)
#: What a <head> holds: any other tag means the body has begun.
_HEAD = frozenset("title meta link script style base noscript template".split())
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_SPACE = re.compile(r"\s+")
_NOT_SPACE = re.compile(r"\S+")
#: JSON-LD keys that give a review date or a reviewer.
_JSON_LD_KEYS = ("lastReviewed", "dateModified", "reviewedBy", "nextReview")


def parse_html(path: str, source: str) -> Document:
    doc = Document(path=path, source=source, format="html")
    builder = _Builder(doc)
    builder.feed(source)
    builder.close()
    builder.finish()
    for block in doc.blocks:
        if block.end == 0:
            block.end = block.index + 1
    return doc


@dataclass
class _Text:
    """A text block being read: its plain text and where each piece came from."""

    block: Block
    pieces: list[str] = field(default_factory=list)
    length: int = 0
    tag: str = ""  # the element that opened it ("" for loose text)
    links: list[int] = field(default_factory=list)  # open links' start offsets
    code: list[int] = field(default_factory=list)  # open <code>s' start offsets
    abbr: int | None = None  # the open <abbr title>'s start offset

    @property
    def ends_in_space(self) -> bool:
        return not self.pieces or self.pieces[-1].endswith(" ")


class _Builder(HTMLParser):
    def __init__(self, doc: Document) -> None:
        super().__init__(convert_charrefs=False)
        self.doc = doc
        source = doc.source
        # html.parser counts lines by LF alone: its (line, column) is turned
        # into an offset by LF line starts, whatever the file's line ends.
        self._lf_starts = [0, *(m.end() for m in re.finditer("\n", source))]
        self.stack: list[tuple[str, int | None]] = []  # open elements, with their block
        self.skipping: list[str] = []  # open elements whose content is not prose
        self.text: _Text | None = None
        self.meta: dict[str, object] = {}
        self.meta_spans: dict[str, Span] = {}
        self.meta_labels: dict[str, str] = {}
        self.title: list[str] = []
        self.in_title = False
        self.json_ld: list[tuple[int, list[str]]] = []
        self.reading_json_ld = False

    # -- positions ---------------------------------------------------------

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._lf_starts[line - 1] + column

    def _line_of(self, offset: int) -> int:
        return self.doc.line_index.position(offset)[0]

    # -- tags ---------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        offset = self._offset()
        if tag == "meta":
            self._meta(dict(attrs), offset)
            return
        if tag == "title":
            self.in_title = True
        if tag == "script" and (dict(attrs).get("type") or "").lower() == "application/ld+json":
            self.json_ld.append((offset, []))
            self.reading_json_ld = True
        if "head" in self.skipping and tag not in _HEAD:  # a body tag: the head was left open
            del self.skipping[self.skipping.index("head") :]
        if self.skipping or tag in SKIPPED or self._site_chrome(tag):
            if tag not in _VOID:
                self.skipping.append(tag)
            return
        if tag == "br":
            self._break()
            return
        if tag in _VOID:
            if tag == "img" and self.text is not None:
                self.text.block.inline_extras = True
            return
        if tag == "p" and self._empty_item():
            self.stack.append((tag, None))  # an item's first paragraph is the item's text
            return
        if tag in _TEXT_BLOCKS or tag in _BLOCK_LEVEL:
            self._end_text()
            self._close_implied(tag)
        block = None
        if tag in _TEXT_BLOCKS:
            block = self._open(_TEXT_BLOCKS[tag], offset)
            if tag[0] == "h" and tag[1:].isdigit():
                block.level = int(tag[1:])
            self.text = _Text(block, tag=tag)
        elif tag in _LISTS:
            block = self._open(BlockKind.LIST, offset)
        elif tag == "blockquote":
            block = self._open(BlockKind.BLOCKQUOTE, offset)
        elif tag == "table":
            block = self._open(BlockKind.TABLE, offset)
        elif tag == "pre":
            block = self._open(BlockKind.CODE, offset)
        elif tag in _PARTS:
            block = self._open(BlockKind.HTML, offset)
            block.text = self.get_starttag_text() or f"<{tag}>"
            block.text_map.add(0, offset, len(block.text))
        elif self.text is not None:
            self._inline_start(tag, attrs)
        self.stack.append((tag, block.index if block is not None else None))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        offset = self._offset()
        if tag == "title":
            self.in_title = False
        if tag == "script" and self.reading_json_ld:
            self.reading_json_ld = False
            self._read_json_ld()
        if self.skipping:
            if tag in self.skipping:
                while self.skipping and self.skipping.pop() != tag:
                    pass
            return
        if not any(open_tag == tag for open_tag, _ in self.stack):
            return  # a stray end tag: nothing to close
        if tag in _TEXT_BLOCKS or tag in _BLOCK_LEVEL:
            self._end_text()
        elif self.text is not None:
            self._inline_end(tag)
        while self.stack:
            open_tag, index = self.stack.pop()
            if index is not None:
                self._close_block(index, offset, open_tag, written=open_tag == tag)
            if open_tag == tag:
                break

    def _site_chrome(self, tag: str) -> bool:
        """A page's own <header> and <footer> (a banner, a copyright line)
        are the site's, not the article's; inside <article> or <main> they
        hold the article's title or its review date, and are read."""
        return tag in ("header", "footer") and not any(
            open_tag in ("article", "main") for open_tag, _ in self.stack
        )

    def _empty_item(self) -> bool:
        text = self.text
        return text is not None and text.block.kind == BlockKind.LIST_ITEM and not text.pieces

    def _close_implied(self, tag: str) -> None:
        """A browser closes an open <p> at the next block, an <li> at the
        next item, a cell at the next cell: so does this."""
        closes = {"li": {"li"}, "dt": {"dt", "dd"}, "dd": {"dt", "dd"}, "td": {"td", "th"}}
        closes["th"] = closes["td"]
        implied = {"p"} | closes.get(tag, set())
        while True:  # the nearest open block-level element, past inline ones
            depth = next(
                (
                    i
                    for i in range(len(self.stack) - 1, -1, -1)
                    if self.stack[i][0] in _TEXT_BLOCKS or self.stack[i][0] in _BLOCK_LEVEL
                ),
                None,
            )
            if depth is None or self.stack[depth][0] not in implied:
                return
            while len(self.stack) > depth:
                open_tag, index = self.stack.pop()
                if index is not None:
                    self._close_block(index, self._offset(), open_tag)

    def _open(self, kind: BlockKind, offset: int) -> Block:
        parent = next((index for _, index in reversed(self.stack) if index is not None), None)
        line = self._line_of(offset)
        block = Block(len(self.doc.blocks), kind, line, line, parent=parent)
        # (filled as the inline tags are met; the model's defaults are shared)
        block.break_offsets, block.code_spans, block.abbreviations = [], [], []
        block.link_spans = []
        self.doc.blocks.append(block)
        return block

    def _close_block(self, index: int, offset: int, tag: str, written: bool = False) -> None:
        """End a block at ``offset``; a part of the page (an HTML block)
        ends with an HTML block of its closing tag, as in Markdown, so that
        sections and containers are worked out the same way: the tag as
        written, or, for a part the page never closes, ``</tag>`` standing
        at the point where it ends (mapped to no text of the file)."""
        block = self.doc.blocks[index]
        block.end = len(self.doc.blocks)
        block.end_line = max(block.line, self._line_of(offset))
        if block.kind == BlockKind.HTML:
            end = Block(len(self.doc.blocks), BlockKind.HTML, block.end_line, block.end_line)
            end.parent, end.end = block.parent, end.index + 1
            closing = self.doc.source.find(">", offset) if written else -1
            if closing >= 0:
                end.text = self.doc.source[offset : closing + 1]
                end.text_map.add(0, offset, len(end.text))
            else:
                end.text = f"</{tag}>"
                end.text_map.add(0, offset, 0)
            self.doc.blocks.append(end)
        if block.kind == BlockKind.CODE:
            start = self.doc.line_index.offset(block.line)
            block.text = self.doc.source[start:offset]

    # -- text ---------------------------------------------------------------

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        if self.skipping:
            if self.reading_json_ld:
                self.json_ld[-1][1].append(data)
            return
        if self._in_code_block():
            return
        self._add_text(data, self._offset(), literal=False)

    def handle_entityref(self, name: str) -> None:
        self._entity(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self._entity(f"&#{name};")

    def _entity(self, written: str) -> None:
        char = unescape(written)
        if self.in_title:
            self.title.append(char)
        if self.skipping or self._in_code_block():
            return
        if char.isspace():
            self._add_text(" ", self._offset(), literal=False)
        else:
            self._add_text(char, self._offset(), literal=True)

    def handle_comment(self, data: str) -> None:
        self._end_text_if_loose()
        self.doc.comments.append((self._offset(), f"<!--{data}-->"))

    def _in_code_block(self) -> bool:
        return any(open_tag == "pre" for open_tag, _ in self.stack)

    def _add_text(self, data: str, offset: int, literal: bool) -> None:
        """Add text as read (whitespace runs become one space), mapping each
        run of it to where it stands in the file; an entity maps to its ``&``."""
        if self.text is None:
            if not data.strip():
                return
            self._loose_paragraph(offset)
        text = self.text
        assert text is not None
        if literal:
            text.block.text_map.add(text.length, offset, len(data))
            text.pieces.append(data)
            text.length += len(data)
            return
        position = 0
        for match in _NOT_SPACE.finditer(data):
            if match.start() > position and not text.ends_in_space:
                text.pieces.append(" ")
                text.length += 1
            word = match.group()
            text.block.text_map.add(text.length, offset + match.start(), len(word))
            text.pieces.append(word)
            text.length += len(word)
            position = match.end()
        if position < len(data) and not text.ends_in_space:
            text.pieces.append(" ")
            text.length += 1

    def _loose_paragraph(self, offset: int) -> None:
        """Text straight inside a container (a <div>): a paragraph; in a
        table's cell: the table's text, one cell a line, as in Markdown."""
        nearest = next((i for _, i in reversed(self.stack) if i is not None), None)
        if nearest is not None and self.doc.blocks[nearest].kind == BlockKind.TABLE:
            table = self.doc.blocks[nearest]
            self.text = _Text(table, length=len(table.text), tag="cell")
            self.text.pieces.append(table.text)
            return
        self.text = _Text(self._open(BlockKind.PARAGRAPH, offset))

    def _end_text_if_loose(self) -> None:
        if self.text is not None and self.text.tag in ("", "cell"):
            self._end_text()

    def _break(self) -> None:
        if self.text is None:
            return
        text = self.text
        text.block.break_offsets.append(text.length)
        text.block.line_breaks += 1
        if not text.ends_in_space:
            text.pieces.append(" ")
            text.length += 1

    def _inline_start(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        text = self.text
        assert text is not None
        if tag == "a":
            text.links.append(text.length)
        elif tag in ("code", "kbd", "samp"):
            text.code.append(text.length)
        elif tag == "abbr" and dict(attrs).get("title"):
            text.abbr = text.length

    def _inline_end(self, tag: str) -> None:
        text = self.text
        assert text is not None
        plain = "".join(text.pieces)
        if tag == "a" and text.links:
            start = text.links.pop()
            text.block.link_spans.append((start, len(plain.rstrip())))
        elif tag in ("code", "kbd", "samp") and text.code:
            text.block.code_spans.append((text.code.pop(), len(plain.rstrip())))
        elif tag == "abbr" and text.abbr is not None:
            text.block.abbreviations.append(plain[text.abbr :].strip())
            text.abbr = None

    def _end_text(self) -> None:
        """Finish the text block being read: its text, trimmed; a block with
        no text at all is kept (an empty paragraph is still a block)."""
        text = self.text
        if text is None:
            return
        self.text = None
        block = text.block
        joined = "".join(text.pieces)
        if block.kind == BlockKind.TABLE:
            block.text = joined.rstrip() + "\n"
            return
        block.text = joined.rstrip()
        block.break_offsets = [b for b in block.break_offsets if 0 < b < len(block.text)]
        block.inline_extras = True  # its lines hold tags: no fix deletes them (see above)
        spans = block.link_spans
        outside = _without(block.text, spans)
        block.link_only = bool(spans) and not outside.strip(" .,;:!?")
        if block.text_map.lengths:
            last = block.text_map.source_starts[-1] + block.text_map.lengths[-1] - 1
            block.end_line = max(block.line, self._line_of(last))
            block.line = self._line_of(block.text_map.source_starts[0])
        if not text.tag:
            block.end = block.index + 1

    # -- metadata -------------------------------------------------------------

    def _meta(self, attrs: dict[str, str | None], offset: int) -> None:
        name = attrs.get("name") or attrs.get("property") or attrs.get("itemprop")
        content = attrs.get("content")
        if name and content is not None and name not in self.meta:
            self.meta[name] = content.strip()
            self.meta_spans[name] = self._tag_span(offset)
            self.meta_labels[name] = f'<meta name="{name}">'

    def _tag_span(self, offset: int) -> Span:
        line, column = self.doc.line_index.position(offset)
        return Span(line, column, line, column)

    def _read_json_ld(self) -> None:
        offset, parts = self.json_ld[-1]
        try:
            data = json.loads("".join(parts))
        except ValueError:
            return  # broken JSON-LD: the page's problem, and no dates from it
        source = self.doc.source
        for key, value in _json_ld_values(data):
            if key in self.meta:
                continue
            self.meta[key] = value
            self.meta_labels[key] = f"JSON-LD key '{key}'"
            at = source.find(f'"{key}"', offset)
            self.meta_spans[key] = self._tag_span(at if at >= 0 else offset)

    def finish(self) -> None:
        self._end_text()
        while self.stack:
            open_tag, index = self.stack.pop()
            if index is not None:
                self._close_block(index, len(self.doc.source), open_tag)
        if self.title and "title" not in self.meta:
            self.meta["title"] = _SPACE.sub(" ", "".join(self.title)).strip()
        if self.meta:
            self.doc.front_matter = self.meta
            self.doc.key_spans = self.meta_spans
            self.doc.key_labels = self.meta_labels


def _without(text: str, spans: list[tuple[int, int]]) -> str:
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def _json_ld_values(data: object) -> list[tuple[str, object]]:
    """The review keys of a JSON-LD document (an object, a list, an
    ``@graph``), first occurrence first; a reviewer given as an object gives
    its name."""
    found: list[tuple[str, object]] = []
    stack = [data]
    while stack:
        item = stack.pop(0)
        if isinstance(item, list):
            stack[:0] = item
        elif isinstance(item, dict):
            for key in _JSON_LD_KEYS:
                value = item.get(key)
                if isinstance(value, dict):
                    value = value.get("name") or value.get("@id")
                if isinstance(value, list):
                    value = ", ".join(
                        str(v.get("name") if isinstance(v, dict) else v) for v in value
                    )
                if value and isinstance(value, str):
                    found.append((key, value))
            stack[:0] = [v for v in item.values() if isinstance(v, (dict, list))]
    return found
