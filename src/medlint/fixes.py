"""Building fixes (for checks) and applying them to a file's text (for the runner).

A fix is a list of edits at offsets in the decoded text of the file, the same
text every offset in a Document refers to, and the same lines
(``Document.line_index``: LF, CRLF or a lone CR). It never re-splits the text:
deleting a block deletes its own lines with their own line endings, so the
file's line endings, final newline and byte-order mark come through as they
were, and nothing else moves. A fix that would take anything but what it says
(another block's text on the same line, an image, a comment) is not offered.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from medlint.document import Block, Document, Sentence
from medlint.findings import Edit, Fix


def delete_block(doc: Document, block: Block, title: str) -> Fix | None:
    """Delete a block's lines; None when they hold more than the block (a list
    item with a nested list or a second paragraph, inline HTML or an image,
    front matter, another block on the same line)."""
    if block.end > block.index + 1 or block.inline_extras or not _owns_lines(doc, block):
        return None
    last = block.end_line
    while last > block.line and _blank(doc, last):
        last -= 1  # markdown-it counts the blank lines after a list item as its own
    return delete_lines(doc, block.line, last, title)


def delete_sentence(doc: Document, sentence: Sentence, title: str) -> Fix | None:
    """Delete one sentence of a block that says more (widget text glued to the
    article's own sentence), with the space that joined it to its neighbour;
    the whole block when the sentence is all of it. None when the sentence is
    not written plainly in the source (markup inside or around it)."""
    block = sentence.block
    if not block.text[: sentence.start].strip() and not block.text[sentence.end :].strip():
        return delete_block(doc, block, title)
    start = block.text_map.source_offset(sentence.start)
    end = block.text_map.source_last(sentence.end) + 1
    source = doc.source
    if source[start:end] != sentence.text:
        return None
    lines = doc.line_index
    first, last = lines.position(start)[0], lines.position(end - 1)[0]
    if not (source[lines.offset(first) : start] + source[end : lines.content_end(last)]).strip():
        # Alone on its lines inside a longer block: the lines go, not just the
        # text (an empty line would split the paragraph); the file keeps its
        # final newline, or its lack of one.
        if first > block.line and _HARD_BREAK_AT_END.search(lines.text(first - 1)):
            return None  # the line before would end its paragraph with a bare "\\" or "<br>"
        start, end = lines.offset(first), lines.next_start(last)
        if end == len(source) and not lines.ending(last) and first > 1:
            start -= len(lines.ending(first - 1))
        if joins_line_ends(source, start, end):
            return None
        return Fix((Edit(start, end),), safe=True, title=title)
    before = start > 0 and source[start - 1] in " \t"
    after = end < len(source) and source[end] in " \t"
    if not (before or start == doc.line_index.offset(doc.line_index.position(start)[0])):
        return None  # markup such as "[" or "**" right before it
    if not (after or end == len(source) or source[end] in "\r\n"):
        return None
    if before:  # "Article text. Widget." -> "Article text."
        while start > 0 and source[start - 1] in " \t":
            start -= 1
    else:  # "Widget. Article text." -> "Article text."
        while end < len(source) and source[end] in " \t":
            end += 1
    return Fix((Edit(start, end),), safe=True, title=title)


#: A line that ends with a hard line break: a backslash, two spaces, <br>.
_HARD_BREAK_AT_END = re.compile(r"(?:\\|  |<br\s*/?>)\s*$", re.IGNORECASE)


def _owns_lines(doc: Document, block: Block) -> bool:
    """No other block but its containers stands on the block's lines, and they
    are not front matter. Blocks are in document order, so only the blocks
    just before and just after it need looking at."""
    if doc.front_matter_lines and block.line <= doc.front_matter_lines[1]:
        return False
    containers = set(_ancestors(doc, block))
    previous = block.index - 1
    while previous in containers:
        previous -= 1
    if previous >= 0:
        earlier = doc.blocks[previous]
        for other in (earlier, *(doc.blocks[i] for i in _ancestors(doc, earlier))):
            if other.index in containers:
                break
            if other.end_line >= block.line:
                return False
    following = doc.next_block(block)
    return following is None or following.line > block.end_line


def _ancestors(doc: Document, block: Block) -> list[int]:
    found = []
    parent = block.parent
    while parent is not None:
        found.append(parent)
        parent = doc.blocks[parent].parent
    return found


def delete_lines(doc: Document, first: int, last: int, title: str) -> Fix | None:
    """Delete whole lines, and one blank line beside them, so that no double
    blank line is left behind; keep the file's final newline as it was."""
    lines = doc.line_index
    before, after = _blank(doc, first - 1), _blank(doc, last + 1)
    at_end = lines.next_start(last) >= lines.content_length  # only blank lines after them
    wanted = (first, last)
    if after and (before or first == 1):
        # An empty quote line (">") before them goes with them; else the blank line after.
        quoted = before and ">" in lines.text(first - 1)
        wanted = (first - 1, last) if quoted else (first, last + 1)
    elif before and at_end:
        wanted = (first - 1, last)  # the end of the file: the blank line before them
    # A deletion must not bring a lone CR next to a LF: they would read as one
    # CRLF, and the blank line between them (a paragraph break) would be gone.
    # Then take the blank line on the other side, or none, or give up.
    tries = [wanted]
    tries += [(first - 1, last)] if before else []
    tries += [(first, last + 1)] if after else []
    tries.append((first, last))
    for low, high in tries:
        start, end = lines.offset(low), lines.next_start(high)
        if end == len(doc.source) and not lines.ending(high) and low > 1:
            start -= len(lines.ending(low - 1))  # no final newline: keep none
        if not joins_line_ends(doc.source, start, end) and _keeps_no_final_newline(
            doc.source, start, end
        ):
            return Fix((Edit(start, end),), safe=True, title=title)
    return None


def _keeps_no_final_newline(source: str, start: int, end: int) -> bool:
    """A file without a final newline keeps none: deleting its last lines
    must not leave it ending with a blank line's line ending."""
    if end < len(source) or source.endswith(("\n", "\r")) or start == 0:
        return True
    return not source[:start].endswith(("\n", "\r"))


def joins_line_ends(source: str, start: int, end: int) -> bool:
    """Whether deleting ``source[start:end]`` puts a lone CR before a LF."""
    return start > 0 and source[start - 1] == "\r" and source[end : end + 1] == "\n"


def line_text(doc: Document, line: int) -> str:
    """The text of a 1-based line, without its line ending."""
    return doc.line_index.text(line)


def _blank(doc: Document, line: int) -> bool:
    """Empty, or empty but for blockquote markers (">")."""
    if line < 1 or line > doc.line_index.lines:
        return False
    return not doc.line_index.text(line).replace(">", "").strip()


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
    """Edits that overlap or touch wait for different rounds: two deletions
    side by side could bring a lone CR before a LF (one CRLF: a line lost),
    which each checked alone (``joins_line_ends``) could not see."""
    return a.start <= b.end and b.start <= a.end
