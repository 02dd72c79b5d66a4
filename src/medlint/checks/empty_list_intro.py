"""empty-list-intro: "Common medications include:" with no list after it.

A sentence that ends with a colon promises a list. When the list was lost (a
CMS widget that failed to render, a copy-and-paste that dropped it), readers
are left with a promise and no answer, often on the very question they came
with (which medicines, which symptoms).

Only a colon that ends a paragraph counts: "at 8:30", "a 1:2 ratio" and
"Signs include: fever and rash." are fine. A list, table, code block, quote or
HTML list after the introduction is fine. Many exported pages lost their
bullets but kept the items as short paragraphs ("Chest x ray. This test...");
so a paragraph after the introduction counts as an unmarked list item when it
is short, starts with a short or unpunctuated fragment, or names what the
introduction announced. Only a real paragraph of running prose, a heading or
the end of the article leaves the introduction empty.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from medlint.checks.base import Context, Option, Options
from medlint.document import Block, BlockKind, Document
from medlint.findings import Hit
from medlint.parsing.sentences import words
from medlint.structure import is_list_intro

NAME = "empty-list-intro"
OPTIONS = {
    "max-item-words": Option(
        "integer",
        12,
        "A paragraph after the introduction whose first sentence has at most this many "
        "words is taken for an unmarked list item.",
        minimum=1,
    ),
    "min-prose-words": Option(
        "integer",
        60,
        "A paragraph after the introduction with fewer words is taken for an unmarked list item.",
        minimum=1,
    ),
}
MESSAGE_ARGS = frozenset({"intro", "followed_by"})

_LIST_LIKE = frozenset({BlockKind.LIST, BlockKind.TABLE, BlockKind.CODE, BlockKind.BLOCKQUOTE})
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*$")
_STOP_WORDS = frozenset(
    """
    a an and are as at be been by can could do does for from has have he her his how if in
    include includes including into is it its may might more most not of on or our she
    should some such than that the their them there these they this those to was we were
    what when which who will with would you your also other many following follows
    """.split()
)


def check(doc: Document, options: Options, context: Context) -> Iterator[Hit]:
    for block in doc.blocks_of(BlockKind.PARAGRAPH):
        if not block.sentences or not is_list_intro(block):
            continue
        intro = block.sentences[-1]
        if len(words(intro.text)) < 2:  # a label such as "Note:"
            continue
        followed_by = _what_follows(doc, block, intro.text, options)
        if followed_by:
            yield Hit(intro.span, {"intro": _quote(intro.text), "followed_by": followed_by})


def _what_follows(doc: Document, block: Block, intro: str, options: Options) -> str | None:
    """Describe what follows the introduction, or None when a list (or one's items) does."""
    following = doc.next_block(block)
    while following is not None and following.is_comment:
        following = doc.next_block(following)
    if following is None:
        return "the end of the article"
    if following.kind in _LIST_LIKE or following.kind == BlockKind.HTML:
        return None  # HTML: an HTML list, or a widget that renders one
    if following.kind == BlockKind.RULE:
        return "a horizontal rule"
    if following.kind == BlockKind.HEADING:
        return None if _introduces_subsections(doc, block, following) else "a heading"
    if _looks_like_list_item(following, intro, options):
        return None
    return "a paragraph"


def _introduces_subsections(doc: Document, intro: Block, heading: Block) -> bool:
    """Whether the heading after the introduction starts the items it announced:
    "Treatments include:" under "## Treatment", followed by "### Surgery".

    A plain-text "heading" (a short line) may be an unmarked list item or a
    sub-heading. A Markdown heading is a sub-heading when it is deeper than
    the section the introduction is in; a level-1 heading is the page title,
    so a level-2 heading after an introduction under it starts a new section.
    """
    if heading.title_like:
        return True
    section = next(
        (b.level for b in reversed(doc.blocks[: intro.index]) if b.kind == BlockKind.HEADING),
        1,
    )
    return heading.level > max(section, 2)


def _looks_like_list_item(paragraph: Block, intro: str, options: Options) -> bool:
    if not paragraph.sentences:
        return True
    first = paragraph.sentences[0].text
    return (
        len(words(first)) <= options["max-item-words"]
        or not _SENTENCE_END.search(first)
        or len(words(paragraph.text)) < options["min-prose-words"]
        or bool(_topic_words(intro) & _topic_words(first))
    )


def _topic_words(text: str) -> set[str]:
    """Content words, crudely singularised: "steroids" and "steroid" match."""
    return {
        w.removesuffix("s")
        for w in (w.lower() for w in words(text))
        if len(w) > 2 and w not in _STOP_WORDS
    }


def _quote(text: str, limit: int = 70) -> str:
    return text if len(text) <= limit else "…" + text[-(limit - 1) :].lstrip()
