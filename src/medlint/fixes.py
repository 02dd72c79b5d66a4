"""Building fixes (for checks) and applying them to a file's text (for the runner).

Fixes are edits on the decoded text of the file, the same text every offset
in a Document refers to. Deleting a block deletes whole lines, with their own
line endings, so CRLF files stay CRLF and nothing else moves.
"""

from __future__ import annotations

from collections.abc import Iterable

from medlint.document import Block, Document
from medlint.findings import Edit, Fix


def delete_block(doc: Document, block: Block, title: str) -> Fix:
    """Delete the lines of a block, and one blank line beside it, so that no
    double blank line is left behind; keep the file's final newline as it was."""
    lines = doc.line_index
    first, last = block.line, block.end_line
    if _blank(doc, first - 1) and _blank(doc, last + 1):
        last += 1  # the blank line after it
    elif _blank(doc, first - 1) and not doc.source[_line_start(doc, last + 1) :].strip():
        first -= 1  # the last block of the file: the blank line before it
    start, end = lines.offset(first), _line_start(doc, last + 1)
    if end == len(doc.source) and not doc.source.endswith("\n") and start > 0:
        start -= 2 if doc.source[start - 2 : start] == "\r\n" else 1  # no final newline: keep none
    return Fix((Edit(start, end),), safe=True, title=title)


def _line_start(doc: Document, line: int) -> int:
    """Offset of a 1-based line's start; the end of the text past the last line."""
    if line > _lines(doc):
        return len(doc.source)
    return doc.line_index.offset(line)


def _lines(doc: Document) -> int:
    """How many lines the file has (a final newline ends a line, it starts none)."""
    count = doc.line_index.line_count
    return count - 1 if doc.source.endswith("\n") else count


def _blank(doc: Document, line: int) -> bool:
    if line < 1 or line > _lines(doc):
        return False
    start = doc.line_index.offset(line)
    end = doc.source.find("\n", start)
    return not doc.source[start : end if end >= 0 else len(doc.source)].strip()


def apply_fixes(text: str, fixes: Iterable[Fix]) -> tuple[str, int]:
    """Apply every fix none of whose edits overlaps an edit already taken (the
    rest wait for the next round, on the new text); return the new text and
    how many fixes were applied."""
    taken: list[Edit] = []
    applied = 0
    for fix in sorted(fixes, key=lambda f: min(e.start for e in f.edits)):
        if any(_overlap(edit, other) for edit in fix.edits for other in taken):
            continue
        taken.extend(fix.edits)
        applied += 1
    pieces = []
    position = 0
    for edit in sorted(taken, key=lambda e: e.start):
        pieces += [text[position : edit.start], edit.text]
        position = edit.end
    pieces.append(text[position:])
    return "".join(pieces), applied


def _overlap(a: Edit, b: Edit) -> bool:
    return a.start < b.end and b.start < a.end or a.start == b.start
