"""Building fixes (for checks) and applying them to a file's text (for the runner).

Fixes are edits on the decoded text of the file, the same text every offset
in a Document refers to. Deleting a block deletes whole lines, with their own
line endings, so CRLF files stay CRLF and nothing else moves.
"""

from __future__ import annotations

from collections.abc import Iterable

from medlint.document import Block, Document
from medlint.findings import Edit, Fix


def delete_block(doc: Document, block: Block, title: str) -> Fix | None:
    """Delete a block's lines; None when they hold more than the block (a list
    item with a nested list or a second paragraph)."""
    if block.end > block.index + 1:
        return None
    return delete_lines(doc, block.line, block.end_line, title)


def delete_lines(doc: Document, first: int, last: int, title: str) -> Fix:
    """Delete whole lines, and one blank line beside them, so that no double
    blank line is left behind; keep the file's final newline as it was."""
    lines = doc.line_index
    before, after = _blank(doc, first - 1), _blank(doc, last + 1)
    at_end = not doc.source[_line_start(doc, last + 1) :].strip()
    if after and (before or first == 1):
        if before and ">" in line_text(doc, first - 1):
            first -= 1  # an empty quote line (">") before them: it goes with them
        else:
            last += 1  # the blank line after them
    elif before and at_end:
        first -= 1  # the end of the file: the blank line before them
    start, end = lines.offset(first), _line_start(doc, last + 1)
    if end == len(doc.source) and not doc.source.endswith("\n") and start > 0:
        start -= 2 if doc.source[start - 2 : start] == "\r\n" else 1  # no final newline: keep none
    return Fix((Edit(start, end),), safe=True, title=title)


def line_text(doc: Document, line: int) -> str:
    """The text of a 1-based line, without its line ending."""
    start = _line_start(doc, line)
    end = doc.source.find("\n", start)
    return doc.source[start : end if end >= 0 else len(doc.source)].rstrip("\r")


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
    """Empty, or empty but for blockquote markers (">")."""
    if line < 1 or line > _lines(doc):
        return False
    return not line_text(doc, line).replace(">", "").strip()


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
