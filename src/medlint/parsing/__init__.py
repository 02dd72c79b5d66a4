"""Turn a file's bytes into a Document: decode, pick the parser, split sentences."""

from __future__ import annotations

from pathlib import PurePath

from medlint.document import TEXT_KINDS, Document, Problem, Sentence
from medlint.findings import Span
from medlint.parsing.sentences import split_sentences
from medlint.parsing.text import parse_text

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd"})
TEXT_SUFFIXES = frozenset({".txt", ".text"})


def load_document(path: str, data: bytes) -> Document:
    """Parse an article. Undecodable bytes give a Document with one problem."""
    try:
        source = data.decode("utf-8")
    except UnicodeDecodeError as error:
        return _undecodable(path, data, error)
    return parse_document(path, source.removeprefix("\ufeff"))


def parse_document(path: str, source: str) -> Document:
    """Parse decoded text (no byte-order mark): Markdown by its suffix, else plain text."""
    if PurePath(path).suffix.lower() in MARKDOWN_SUFFIXES:
        from medlint.parsing.markdown import parse_markdown  # plain-text runs skip markdown-it

        doc = parse_markdown(path, source)
    else:
        doc = parse_text(path, source)
    _attach_sentences(doc)
    return doc


def _attach_sentences(doc: Document) -> None:
    for block in doc.blocks:
        if block.kind not in TEXT_KINDS or not block.text:
            continue
        block.sentences = [
            Sentence(block.text[start:end], doc.span_of(block, start, end), block, start, end)
            for start, end in split_sentences(block.text)
        ]


def _undecodable(path: str, data: bytes, error: UnicodeDecodeError) -> Document:
    line = data.count(b"\n", 0, error.start) + 1
    line_start = data.rfind(b"\n", 0, error.start) + 1
    column = len(data[line_start : error.start].decode("utf-8", errors="replace")) + 1
    message = (
        f"the file is not valid UTF-8 (byte 0x{data[error.start]:02x} at line {line}, "
        f"column {column}); save it as UTF-8"
    )
    doc = Document(path=path, source="", format="unknown")
    doc.problems.append(Problem("encoding", message, Span.at(line, column)))
    return doc
