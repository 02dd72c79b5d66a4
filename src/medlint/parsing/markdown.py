"""Build a Document from Markdown (CommonMark plus tables) with markdown-it-py.

Front matter lines are blanked before parsing, so markdown-it's line numbers
are the file's line numbers. Each block's plain text is assembled from the
inline tokens (markup stripped) and mapped back to the source, so sentences
get true lines and columns.
"""

from __future__ import annotations

import html
import re
import string
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore
from markdown_it.rules_core import block as _core_block
from markdown_it.token import Token

from medlint.document import Block, BlockKind, Document, TextMap
from medlint.parsing.front_matter import split_front_matter

_PARSER = MarkdownIt("commonmark", {"html": True}).enable("table")

#: Where one of the parser's inline rules (escape, code, emphasis, link,
#: image, autolink, HTML, entity, line break) can start. An inline without
#: these characters is text as it stands.
_INLINE_MARKUP = re.compile(r"[\n\\`*_\[!<&]")


def _plain_children(content: str) -> list[Token] | None:
    """The tokens markdown-it's inline parser makes of ``content`` when it
    holds no markup: one text token per line, a soft break between lines.
    None when it may hold some (it is then parsed): markup characters, or
    lines whose spaces the parser would strip or read as a hard break."""
    if not _INLINE_MARKUP.search(content):
        return [Token("text", "", 0, content=content)] if content else []
    if _INLINE_MARKUP.search(content.replace("\n", " ")):
        return None
    children = []
    lines = content.split("\n")
    for number, line in enumerate(lines):
        if number:
            if line[:1] in (" ", "\t"):
                return None  # the parser skips the spaces that open a line
            children.append(Token("softbreak", "br", 0))
        if number < len(lines) - 1 and line.endswith(" "):
            return None  # the parser strips it, and two spaces are a hard break
        if line:
            children.append(Token("text", "", 0, content=line))
    return children


def _inline(state: StateCore) -> None:
    """markdown-it's own inline step (``rules_core.inline``), but an inline
    without markup is not run through the inline parser: on a long article,
    most paragraphs are plain text, and the parser's rules cost more than the
    rest of the parse. A test holds the tokens to the parser's own."""
    for token in state.tokens:
        if token.type == "inline":
            if token.children is None:
                token.children = []
            plain = _plain_children(token.content)
            if plain is None:
                state.md.inline.parse(token.content, state.md, state.env, token.children)
            else:
                token.children.extend(plain)


_PARSER.core.ruler.at("inline", _inline)

#: The ``env`` key of the function that takes the tokens of the blocks parsed
#: so far (``_hand_over``).
_TAKER = "medlint.take"
#: Tokens parsed before they are handed over to be built into blocks.
HANDED_TOKENS = 4096


def _hand_over(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """A block rule that matches nothing: at the start of a block of the
    article's top level, once ``HANDED_TOKENS`` tokens have gathered, it
    hands those (every block before this one, whole) to ``env[_TAKER]`` and
    drops them. markdown-it gathers the tokens of the whole article before
    its inline step; those of a 6 MB article of 80,000 paragraphs were ~85 MB
    at once, next to the document built from them. The block rules never
    read a token of an earlier block; the inline step needs the link
    references of the whole article, so no taker is given when the article
    may define one (``parse_markdown``)."""
    if state.level == 0 and len(state.tokens) >= HANDED_TOKENS:
        take = state.env.get(_TAKER)
        if take is not None:
            tokens = state.tokens[:]
            del state.tokens[:]
            take(tokens)
    return False


_PARSER.block.ruler.before("table", "medlint_hand_over", _hand_over)
_CORE_RULES = _PARSER.core.ruler.getRules("")
#: The core rules markdown-it runs on the tokens once the blocks are parsed.
_AFTER_BLOCKS = _CORE_RULES[_CORE_RULES.index(_core_block) + 1 :]


def _parse(body: str, take: Callable[[list[Token]], None]) -> None:
    """Give ``take`` every token of ``body``, in order, as markdown-it's
    ``parse`` makes them, a few thousand at a time when the article is long."""
    if "]:" in body:  # (a link reference, maybe, used before it is defined)
        take(_PARSER.parse(body))
        return
    env: dict[str, Any] = {}

    def taken(tokens: list[Token]) -> None:
        state = StateCore(body, _PARSER, env)
        state.tokens = tokens
        for rule in _AFTER_BLOCKS:
            rule(state)
        take(tokens)

    env[_TAKER] = taken
    take(_PARSER.parse(body, env))


_BREAK_TAG = re.compile(r"<br\s*/?>", re.IGNORECASE)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)

_CONTAINERS = {
    "bullet_list_open": BlockKind.LIST,
    "ordered_list_open": BlockKind.LIST,
    "list_item_open": BlockKind.LIST_ITEM,
    "blockquote_open": BlockKind.BLOCKQUOTE,
    "table_open": BlockKind.TABLE,
}
_CLOSERS = frozenset(kind.replace("_open", "_close") for kind in _CONTAINERS)
_LEAVES = {
    "fence": BlockKind.CODE,
    "code_block": BlockKind.CODE,
    "html_block": BlockKind.HTML,
    "hr": BlockKind.RULE,
}


def parse_markdown(path: str, source: str, parsed: str | None = None) -> Document:
    """A Markdown article. ``parsed``: the text markdown-it reads, when it is
    not the source itself but the source with some lines blanked out (MDX);
    offsets, lines and fixes are the source's."""
    doc = Document(path=path, source=source, format="markdown")
    body = source if parsed is None else parsed
    front = split_front_matter(source, doc.line_index)
    if front is not None:
        doc.front_matter = front.data
        doc.front_matter_lines = front.lines
        if front.problem:
            doc.problems.append(front.problem)
        # Blank the front matter but keep its lines: line numbers stay true.
        body = "\n" * front.lines[1] + body[front.body_start :]
    builder = _BlockBuilder(doc)
    _parse(body, builder.take)
    builder.finish()
    return doc


def parse_mdx(path: str, source: str) -> Document:
    """An MDX article: Markdown in which ES module lines (``import``,
    ``export``), JSX tags on lines of their own (``<Callout type="warning">``,
    ``</Callout>``) and JSX expressions (``{/* a note */}``) are not prose.
    They are blanked out (spaces, line ends kept) before markdown-it reads
    the text, so that every offset is the file's; the prose between JSX tags
    is read as Markdown."""
    return parse_markdown(path, source, _blank_jsx(source))


_FENCE = re.compile(r"\s{0,3}(`{3,}|~{3,})")
_JSX_TAG = re.compile(r"\s*</?(?:[A-Z][\w.]*|>)")


def _blank_jsx(source: str) -> str:
    lines = source.splitlines(keepends=True)
    fence: str | None = None
    mode = ""  # "esm": until a blank line; "tag": until ">"; "expression": until braces close
    depth = 0
    for number, line in enumerate(lines):
        content = line.rstrip("\r\n")
        if mode == "" and fence is None and (match := _FENCE.match(content)):
            fence = match.group(1)
            continue
        if fence is not None:
            if content.strip().startswith(fence):
                fence = None
            continue
        if mode == "esm" and not content.strip():
            mode = ""
        if mode == "":
            if content.startswith(("import ", "export ")):
                mode = "esm"
            elif _JSX_TAG.match(content):
                mode = "tag"
            elif content.lstrip().startswith("{"):
                mode, depth = "expression", 0
            else:
                continue
        if mode == "expression":
            depth += content.count("{") - content.count("}")
        lines[number] = " " * len(content) + line[len(content) :]
        if (mode == "tag" and ">" in content) or (mode == "expression" and depth <= 0):
            mode = ""
    return "".join(lines)


class _BlockBuilder:
    """Walks markdown-it's token stream and appends Blocks to the Document."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.lines = doc.line_index
        self.stack: list[Block] = []
        self.pending: Block | None = None  # the block the next inline token fills

    def take(self, tokens: list[Token]) -> None:
        """Build the blocks of the next tokens of the article."""
        for token in tokens:
            self._visit(token)

    def finish(self) -> None:
        """Once every token is taken."""
        for block in self.doc.blocks:
            if block.end == 0:
                block.end = block.index + 1

    def _visit(self, token: Token) -> None:
        kind = token.type
        if kind in _CONTAINERS:
            self.stack.append(self._open(_CONTAINERS[kind], token))
        elif kind in _CLOSERS:
            container = self.stack.pop()
            container.end = len(self.doc.blocks)
        elif kind == "heading_open":
            self.pending = self._open(BlockKind.HEADING, token)
            self.pending.level = int(token.tag[1:])
        elif kind == "paragraph_open":
            self.pending = self._paragraph_target(token)
        elif kind == "inline":
            self._fill(token)
        elif kind in _LEAVES:
            block = self._open(_LEAVES[kind], token)
            block.text = token.content
            if kind == "html_block":
                self._html_block(block)

    def _open(self, kind: BlockKind, token: Token) -> Block:
        start, end = token.map or (0, 0)
        parent = self.stack[-1].index if self.stack else None
        block = Block(len(self.doc.blocks), kind, start + 1, max(end, start + 1), parent=parent)
        self.doc.blocks.append(block)
        return block

    def _html_block(self, block: Block) -> None:
        """Raw HTML is taken from the file itself (markdown-it's copy has its
        line endings normalised), so that offsets stay true; its comments are
        recorded for the suppression directives."""
        start = self.lines.offset(block.line)
        end = (
            self.lines.offset(block.end_line + 1)
            if block.end_line < self.lines.line_count
            else len(self.doc.source)
        )
        block.text = self.doc.source[start:end]
        block.text_map.add(0, start, len(block.text))
        for comment in _COMMENT.finditer(block.text):
            self.doc.comments.append((start + comment.start(), comment.group()))

    def _paragraph_target(self, token: Token) -> Block:
        """A list item's first paragraph is the item's own text."""
        parent = self.stack[-1] if self.stack else None
        if parent and parent.kind == BlockKind.LIST_ITEM and not parent.text:
            return parent
        return self._open(BlockKind.PARAGRAPH, token)

    def _fill(self, token: Token) -> None:
        target = self.pending
        if target is None:  # table cells: collected as the table's text, not prose
            table = next((b for b in reversed(self.stack) if b.kind == BlockKind.TABLE), None)
            if table is not None:
                self._append_cell(table, token)
            return
        children = token.children or []
        if len(children) == 1 and children[0].type == "text":  # most paragraphs: no markup
            target.text = children[0].content
            for plain, at, size in _locate(target.text, self.doc.source, *self._bounds(token)):
                target.text_map.add(plain, at, size)
            self.pending = None
            return
        inline = _plain_text(token, self.doc.source, self._bounds(token))
        target.text, target.text_map = inline.text, inline.text_map
        target.code_spans, target.link_spans = inline.code_spans, inline.link_spans
        target.break_offsets = inline.breaks
        target.abbreviations = _abbreviations(token)
        target.link_only = _link_only(token)
        target.inline_extras = _has_extras(token)
        target.bold_label = target.kind == BlockKind.PARAGRAPH and _opens_with_label(token)
        target.line_breaks = sum(
            1
            for child in token.children or []
            if child.type == "hardbreak"
            or (child.type == "html_inline" and _BREAK_TAG.fullmatch(child.content))
        )
        self.doc.comments.extend(inline.comments)
        self.pending = None

    def _bounds(self, token: Token) -> tuple[int, int]:
        """Where an inline's lines start and end in the source."""
        start_line, end_line = token.map or (0, 0)
        limit = self.lines.offset(end_line + 1) if end_line < self.lines.line_count else None
        return self.lines.offset(start_line + 1), len(self.doc.source) if limit is None else limit

    def _append_cell(self, table: Block, token: Token) -> None:
        cell = _plain_text(token, self.doc.source, self._bounds(token))
        text, cell_map = cell.text, cell.text_map
        shift = len(table.text)
        for plain, source, length in zip(
            cell_map.plain_starts, cell_map.source_starts, cell_map.lengths, strict=True
        ):
            table.text_map.add(plain + shift, source, length)
        table.text += text + "\n"


_ABBR = re.compile(r"<abbr\b[^>]*\btitle\s*=", re.IGNORECASE)


def _abbreviations(token: Token) -> list[str]:
    """The texts that <abbr title="..."> tags explain: "<abbr title="eastern time">ET</abbr>"."""
    children = token.children or []
    return [
        after.content.strip()
        for tag, after in zip(children, children[1:], strict=False)
        if tag.type == "html_inline" and _ABBR.match(tag.content) and after.type == "text"
    ]


def _link_only(token: Token) -> bool:
    """Whether the inline is one or more links with nothing but punctuation around them."""
    depth = links = 0
    for child in token.children or []:
        if child.type == "link_open":
            depth += 1
            links += 1
        elif child.type == "link_close":
            depth -= 1
        elif (
            depth == 0 and child.type in ("text", "code_inline") and child.content.strip(" .,;:!?")
        ):
            return False
    return links > 0


#: A label names a part ("Example 1", "Children aged 12 to 15"); longer bold
#: text is a warning or a sentence, full stop or not.
_LABEL_MAX_WORDS = 6


def _opens_with_label(token: Token) -> bool:
    """Whether the inline opens with bold text on a line of its own: all of
    it, or bold text then a hard line break ("**Example 1**<br>")."""
    children = [c for c in token.children or [] if c.type != "text" or c.content]
    if len(children) < 3 or children[0].type != "strong_open":
        return False
    close = next((i for i, c in enumerate(children) if c.type == "strong_close"), None)
    if close is None:
        return False
    bold = "".join(c.content for c in children[1:close]).strip()
    if not bold or bold.endswith((".", "!", "?")) or len(bold.split()) > _LABEL_MAX_WORDS:
        return False  # a sentence in bold ("**Call 999 now.**") is a warning, not a label
    if close == len(children) - 1:
        return True
    after = children[close + 1]
    return after.type == "hardbreak" or (
        after.type == "html_inline" and bool(_BREAK_TAG.fullmatch(after.content))
    )


def _has_extras(token: Token) -> bool:
    """Whether the inline holds what its plain text leaves out: an image
    (its alternative text is for readers too), inline HTML other than a line
    break, or a comment."""
    return any(
        child.type == "image"
        or (child.type == "html_inline" and not _BREAK_TAG.fullmatch(child.content))
        for child in token.children or []
    )


@dataclass
class _Inline:
    text: str
    text_map: TextMap
    code_spans: list[tuple[int, int]]
    link_spans: list[tuple[int, int]]
    comments: list[tuple[int, str]]
    breaks: list[int]


def _plain_text(token: Token, source: str, bounds: tuple[int, int]) -> _Inline:
    """The inline's text without markup, where each piece sits in the source,
    and where its inline code and link texts are."""
    cursor, limit = bounds
    parts: list[str] = []
    text_map = TextMap()
    code_spans = []
    link_spans = []
    comments = []
    breaks: list[int] = []
    length = 0
    for child in token.children or []:
        if child.type == "html_inline" and child.content.startswith("<!--"):
            found = source.find(child.content, cursor, limit)
            if found >= 0:
                comments.append((found, child.content))
                cursor = found + len(child.content)
        if child.type == "link_open":
            link_spans.append((length, length))
        elif child.type == "link_close" and link_spans:
            link_spans[-1] = (link_spans[-1][0], length)
        if child.type in ("text", "code_inline"):
            piece = child.content
            for plain, at, size in _locate(piece, source, cursor, limit):
                text_map.add(length + plain, at, size)
                cursor = at + size
            if child.type == "code_inline":
                code_spans.append((length, length + len(piece)))
        elif child.type in ("softbreak", "hardbreak", "image") or (
            child.type == "html_inline" and _BREAK_TAG.fullmatch(child.content)
        ):
            piece = " "  # an image stands between words: "t![x](a.png)itl" is not "titl"
            if child.type in ("hardbreak", "html_inline"):
                breaks.append(length)
        else:
            continue
        parts.append(piece)
        length += len(piece)
    return _Inline("".join(parts), text_map, code_spans, link_spans, comments, breaks)


#: What markdown-it turns into one character of text: a backslash escape, an
#: entity (named or numeric), or NUL (read as U+FFFD).
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def _locate(piece: str, source: str, cursor: int, limit: int) -> list[tuple[int, int, int]]:
    """Where a piece of inline text stands in the source, as (offset in the
    piece, offset in the source, length) runs. The piece is usually there as
    it is; where markdown-it decoded an entity ("&amp;") or a backslash escape
    ("\\*"), each character is matched to what it was written as, so that
    columns after it stay true."""
    found = source.find(piece, cursor, limit)
    if found >= 0 and not _decoded_before(source, cursor, found):
        return [(0, found, len(piece))]
    located = _align(piece, source, cursor, limit)
    if located is not None:
        return located
    return [(0, found if found >= 0 else cursor, len(piece))]


def _decoded_before(source: str, cursor: int, found: int) -> bool:
    """Whether the text between the cursor and a match could hold the piece
    written with escapes or entities (then the match may be a later copy)."""
    between = source[cursor:found]
    return "&" in between or "\\" in between or "\0" in between


def _align(piece: str, source: str, cursor: int, limit: int) -> list[tuple[int, int, int]] | None:
    """Match ``piece`` character by character from the first place in
    ``source[cursor:limit]`` where it can start; None when it is not there."""
    first = piece[:1]
    tries = 0
    for start in range(cursor, limit):
        if _width(source, start, first, limit) == 0:
            continue
        runs = _match_from(piece, source, start, limit)
        if runs is not None:
            return runs
        tries += 1
        if tries == _MAX_STARTS:  # markup before a piece is short: stop looking
            return None
    return None


_MAX_STARTS = 64


def _width(source: str, at: int, char: str, limit: int) -> int:
    """How many source characters at ``at`` spell ``char`` (0: they do not)."""
    if at >= limit:
        return 0
    here = source[at]
    if here == "\\" and at + 1 < limit and source[at + 1] in string.punctuation:
        return 2 if source[at + 1] == char else 0  # an escape: "\\*" is "*"
    if here == "&":
        entity = _ENTITY.match(source, at, limit)
        if entity is not None and html.unescape(entity.group()) != entity.group():
            return len(entity.group()) if html.unescape(entity.group()) == char else 0
    return 1 if here == char or (here == "\0" and char == "\ufffd") else 0


def _match_from(piece: str, source: str, at: int, limit: int) -> list[tuple[int, int, int]] | None:
    runs: list[tuple[int, int, int]] = []
    for offset, char in enumerate(piece):
        width = _width(source, at, char, limit)
        if width == 0:
            return None
        spot = at + width - 1 if width == 2 else at  # an escape: the character itself
        last = runs[-1] if runs else None
        if last and width == 1 and last[0] + last[2] == offset and last[1] + last[2] == spot:
            runs[-1] = (last[0], last[1], last[2] + 1)
        else:
            runs.append((offset, spot, 1))
        at += width
    return runs
