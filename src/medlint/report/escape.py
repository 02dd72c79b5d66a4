"""Make file names and article text safe to print, whatever they contain.

A report quotes two things medlint does not control: file names, which on
POSIX are bytes (Python hands over the undecodable ones as lone surrogates,
U+DC80..U+DCFF, by ``surrogateescape``), and article text, which may hold
terminal escape sequences or other control characters. Written raw, they
crash the write to a UTF-8 stream, break JSON and XML, split a line of text
output in two, or drive the terminal or the CI log that shows the report.

The escapes are written as in Python strings, so they read as what they stand
for:

- ``\\xNN``: one byte: an ASCII control character (``\\x1b``, ``\\x7f``), or a
  byte of a file name that is not UTF-8 (``caf\\xe9.md``);
- ``\\n``, ``\\r``, ``\\t``: line feed, carriage return, tab;
- ``\\uXXXX``: a character: a C1 control (``\\u0085``), the line and paragraph
  separators U+2028 and U+2029, a bidi override or isolate (U+202A..U+202E,
  U+2066..U+2069, which reorder what a reader sees), or a lone surrogate that
  did not come from ``surrogateescape``.

A backslash stays as it is: the escapes are for people reading the report, not
a reversible encoding. When there is nothing to escape (the common case), each
function costs one regex search, and the text functions return their argument
itself.
"""

from __future__ import annotations

import os
import re
from typing import Any

_SURROGATES = "\ud800-\udfff"
_CONTROLS = "\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}

#: What ``printable`` escapes: C0 and C1 controls, DEL, the line and paragraph
#: separators, bidi overrides and isolates, and every surrogate.
_UNPRINTABLE = re.compile(f"[{_CONTROLS}{_SURROGATES}]")
#: Lone surrogates: the only characters a strict UTF-8 encoder refuses.
_UNENCODABLE = re.compile(f"[{_SURROGATES}]")
#: What ``xml_text`` escapes: the above, and the two noncharacters XML 1.0 also
#: forbids. (Tab, line feed and carriage return are allowed in XML; they are
#: escaped anyway, so that a name stays on one line.)
_NOT_XML = re.compile(f"[{_CONTROLS}{_SURROGATES}\ufffe\uffff]")
#: In JSON text: lone surrogates, and the line breaks that JSON allows raw in
#: strings but that line-based readers split on.
_NOT_JSON = re.compile(f"[\x85\u2028\u2029{_SURROGATES}]")


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    named = _NAMED.get(char)
    if named:
        return named
    code = ord(char)
    if code < 0x80:
        return f"\\x{code:02x}"
    if 0xDC80 <= code <= 0xDCFF:  # surrogateescape: the original byte
        return f"\\x{code - 0xDC00:02x}"
    return f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` with nothing a terminal or log acts on: control characters,
    line breaks, bidi controls and lone surrogates shown as visible escapes
    (``\\x1b``, ``\\n``, ``\\u202e``, ``\\xe9``). Always encodes as UTF-8 and
    always stays on one line."""
    if not _UNPRINTABLE.search(text):
        return text
    return _UNPRINTABLE.sub(_escape, text)


def path_text(path: str | bytes | os.PathLike) -> str:
    """A file name for a report: the bytes that are not UTF-8 as ``\\xNN``,
    then ``printable``. A name that is valid UTF-8 and has no control
    characters comes back as it is."""
    return printable(os.fsdecode(path))


def encodable(text: str) -> str:
    """``text`` with its lone surrogates shown as ``\\xNN`` (the byte
    ``surrogateescape`` stood for) or ``\\udXXX``; nothing else changes. For
    JSON, whose encoder escapes control characters itself: valid UTF-8 text
    comes back exactly as given."""
    if not _UNENCODABLE.search(text):
        return text
    return _UNENCODABLE.sub(_escape, text)


def xml_text(text: str) -> str:
    """``printable``, and also U+FFFE and U+FFFF: text that XML 1.0 allows in
    element content, attribute values and names alike."""
    if not _NOT_XML.search(text):
        return text
    return _NOT_XML.sub(_escape, text)


def to_json(value: Any, indent: int | None = None) -> str:
    """``json.dumps`` without ASCII escapes, always valid UTF-8: a lone
    surrogate in any string becomes the text ``encodable`` makes of it
    (``\\xNN``), and raw U+0085, U+2028 and U+2029 the JSON escapes
    ``\\u0085``, ``\\u2028``, ``\\u2029`` (the same value, but readers that
    split lines on them, such as Python's ``str.splitlines``, do not break it).
    Other control characters ``json.dumps`` escapes itself."""
    import json  # here: the text format, the pre-commit hook's, writes none

    text = json.dumps(value, indent=indent, ensure_ascii=False)
    if not _NOT_JSON.search(text):
        return text
    return _NOT_JSON.sub(_json_escape, text)


def _json_escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xD800 <= code <= 0xDFFF:  # inside a JSON string: a backslash is written twice
        return "\\" + _escape(match)
    return f"\\u{code:04x}"
