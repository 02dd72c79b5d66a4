"""Turn a file's bytes into a Document: decode, pick the parser, split sentences."""

from __future__ import annotations

import re
from pathlib import PurePath

from medlint.document import (
    TEXT_KINDS,
    Block,
    BlockKind,
    Document,
    LineIndex,
    Problem,
    Sentence,
)
from medlint.findings import Span
from medlint.memo import TextMemo
from medlint.parsing.sentences import split_sentences
from medlint.parsing.text import parse_text
from medlint.tokens import finder

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd"})
#: MDX: Markdown with JSX; its import/export lines and JSX tags are not prose.
MDX_SUFFIXES = frozenset({".mdx"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
TEXT_SUFFIXES = frozenset({".txt", ".text"})
#: Every suffix a parser is registered for (a directory walk's default).
ARTICLE_SUFFIXES = MARKDOWN_SUFFIXES | MDX_SUFFIXES | HTML_SUFFIXES | TEXT_SUFFIXES


def load_document(path: str, data: bytes) -> Document:
    """Parse an article. Undecodable bytes give a Document with one problem."""
    try:
        source = data.decode("utf-8")
    except UnicodeDecodeError as error:
        return _undecodable(path, data, error)
    return parse_document(path, source.removeprefix("\ufeff"))


def parse_document(path: str, source: str) -> Document:
    """Parse decoded text (no byte-order mark) by the file's suffix: Markdown,
    MDX, HTML, else plain text. Each parser is imported when first needed
    (a plain-text run never loads markdown-it)."""
    suffix = PurePath(path).suffix.lower()
    if suffix in MARKDOWN_SUFFIXES or suffix in MDX_SUFFIXES:
        from medlint.parsing.markdown import parse_markdown, parse_mdx

        doc = (parse_mdx if suffix in MDX_SUFFIXES else parse_markdown)(path, source)
    elif suffix in HTML_SUFFIXES:
        from medlint.parsing.html import parse_html

        doc = parse_html(path, source)
    else:
        doc = parse_text(path, source)
    _attach_sentences(doc)
    attach_sections(doc)
    return doc


#: HTML elements that hold a part of the page that stands alone (an FAQ answer
#: in <details>, a callout in <div> or <aside>), opened in one HTML block and
#: closed in a later one with Markdown between.
_HTML_CONTAINER = re.compile(r"<(/?)(details|div|aside|section|blockquote)\b[^>]*>", re.IGNORECASE)
_STANDALONE = frozenset({BlockKind.BLOCKQUOTE, BlockKind.LIST_ITEM})


def attach_sections(doc: Document) -> None:
    """Give every block its section (the heading it stands under, by heading
    level; plain-text headings have no level and are siblings) and its
    container (the nearest blockquote, list item or open HTML container)."""
    headings: list[Block] = []  # the open sections, outermost first
    html_open: list[int] = []  # HTML blocks whose container is open
    labels: dict[int | None, int] = {}  # the section's bold-label paragraph, by container
    for block in doc.blocks:
        if block.kind == BlockKind.HEADING:
            while headings and headings[-1].level >= block.level:
                headings.pop()
            labels.clear()
        block.section = headings[-1].index if headings else None
        block.container = _container(doc, block, html_open)
        if block.bold_label:  # it opens a part of its container, not of the page around it
            labels[block.container] = block.index
        block.label = labels.get(block.container)
        if block.kind == BlockKind.HEADING:
            headings.append(block)
        elif block.kind == BlockKind.HTML and not block.is_comment:
            _track_html(block, html_open)


def _container(doc: Document, block: Block, html_open: list[int]) -> int | None:
    parent = block.parent
    while parent is not None:
        if doc.blocks[parent].kind in _STANDALONE:
            return parent
        parent = doc.blocks[parent].parent
    return html_open[-1] if html_open else None


def _track_html(block: Block, html_open: list[int]) -> None:
    """Open and close HTML containers in order: a block that closes one
    accordion panel and opens the next ("</div></li><li><div ...>") starts a
    new container, not the one before."""
    for match in _HTML_CONTAINER.finditer(block.text):
        if not match.group(1):
            html_open.append(block.index)
        elif html_open:
            html_open.pop()


def _attach_sentences(doc: Document) -> None:
    lines = doc.line_index
    canonical = doc.canonical_words()
    for block in doc.blocks:
        if block.kind not in TEXT_KINDS or not block.text:
            continue
        text = block.text
        block.sentences = tuple(
            [
                Sentence(text[start:end], block, start, end, tokens, lines)
                for start, end, tokens in _sentences_of(text, tuple(block.break_offsets), canonical)
            ]
        )


def _sentences_of(
    text: str, breaks: tuple[int, ...], canonical: dict[str, str]
) -> tuple[tuple[int, int, tuple], ...]:
    """The sentences of a block's text: (start, end, words) each, kept for
    the texts met again (``memo.TextMemo``); each word the one ``canonical``
    holds (``Document.canonical_words``)."""
    key = (text, breaks)
    found = _KEPT.get(key)
    if found is None:
        one, find = canonical.setdefault, finder(text)
        kept = []
        for start, end in _cut_at(split_sentences(text), list(breaks), text):
            found_words = find(text[start:end])
            kept.append((start, end, tuple(map(one, found_words, found_words))))
        found = tuple(kept)
        _KEPT.put(key, len(text), found)
    return found


#: The memo of _sentences_of.
_KEPT: TextMemo[tuple] = TextMemo()


def _cut_at(spans: list[tuple[int, int]], breaks: list[int], text: str) -> list[tuple[int, int]]:
    """Sentences cut at the block's hard line breaks (each one space in ``text``)."""
    if not breaks:
        return spans
    cut = []
    for start, end in spans:
        for at in (b for b in breaks if start < b < end):
            stop = at
            while stop > start and text[stop - 1].isspace():
                stop -= 1
            if stop > start:
                cut.append((start, stop))
            start = at + 1
            while start < end and text[start].isspace():
                start += 1
        if start < end:
            cut.append((start, end))
    return cut


def _undecodable(path: str, data: bytes, error: UnicodeDecodeError) -> Document:
    before = data[: error.start].decode("utf-8", errors="replace").removeprefix("\ufeff")
    line, column = LineIndex(before).position(len(before))  # lines end at LF, CRLF or CR
    message = (
        f"the file is not valid UTF-8 (byte 0x{data[error.start]:02x} at line {line}, "
        f"column {column}); save it as UTF-8"
    )
    doc = Document(path=path, source="", format="unknown")
    doc.problems.append(Problem("encoding", message, Span.at(line, column)))
    return doc
