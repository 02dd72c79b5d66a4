"""empty-list-intro: "Common medications include:" with no list after it.

A sentence that ends with a colon promises a list. When the list was lost (a
CMS widget that failed to render, a copy-and-paste that dropped it), readers
are left with a promise and no answer, often on the very question they came
with (which medicines, which symptoms).

Only a colon that ends a paragraph counts: "at 8:30", "a 1:2 ratio" and
"Signs include: fever and rash." are fine. The rule asks the document's
structure what follows, whatever the heading levels:

* a list, a table, a code block, a callout that holds a list, or HTML (a list,
  an FAQ's ``<details>``, a widget that renders one) fulfils the promise;
* so does a heading whose section starts with a list ("To ease discomfort:",
  then ``### Do`` and its list), or that is one of several sibling
  sub-headings, the items as subsections ("There are 2 types of keyhole
  surgery:", then a ``###`` subsection for each). Under the page title, where
  every section is a sub-heading, that takes the number the introduction
  names ("2 types") or a section that starts with a list;
* prose, a heading that starts a new section, a horizontal rule or the end of
  the article leave it empty. A paragraph of full sentences is prose whatever
  its length. Only where the document shows that it lost its list markup
  (plain text, Markdown without a list) are item-shaped paragraphs taken for
  items that lost their bullets (see ``medlint.structure``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from medlint.checks.base import Context, Option, Options
from medlint.document import Block, BlockKind, Document
from medlint.findings import Hit
from medlint.parsing.sentences import words
from medlint.structure import (
    TERM_MAX_WORDS,
    is_list_intro,
    item_shaped,
    lost_structure,
    unmarked_run,
)

NAME = "empty-list-intro"
OPTIONS = {
    "max-item-words": Option(
        "integer",
        TERM_MAX_WORDS,
        "In a document that lost its list markup (plain text, or Markdown without a "
        "list), a paragraph after the introduction whose first sentence has at most this "
        "many words (a term: 'Chest x-ray. This test...') is an item that lost its bullet.",
        minimum=1,
    ),
}
MESSAGE_ARGS = frozenset({"intro", "followed_by"})

_LISTS = frozenset({BlockKind.LIST, BlockKind.TABLE, BlockKind.CODE})
_NUMBERS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "2": 2, "3": 3, "4": 4, "5": 5, "6": 6, "7": 7, "8": 8, "9": 9, "10": 10,
}  # fmt: skip
#: Words by which a sentence before a colon promises several things. Before
#: prose, a colon without them explains ("Here's why:", "Or fax it to:").
_PROMISES_A_LIST = re.compile(
    r"\b(?:includ\w*|following|such as|these|those|are|types?|kinds?|ways|examples|signs"
    r"|symptoms|causes|steps|tips|options|treatments|medicines|medications|things|factors"
    r"|tests|foods|several|some|many|other|list)\b",
    re.IGNORECASE,
)
_NUMBER = re.compile(r"\b(" + "|".join(_NUMBERS) + r")\b", re.IGNORECASE)


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


def _next(doc: Document, block: Block) -> Block | None:
    following = doc.next_block(block)
    while following is not None and following.is_comment:
        following = doc.next_block(following)
    return following


def _what_follows(
    doc: Document, intro: Block, text: str, options: Options, depth: int = 0
) -> str | None:
    """Describe what follows the introduction, or None when its list does."""
    following = _next(doc, intro)
    if following is None:
        return "the end of the article"
    if following.kind == BlockKind.PARAGRAPH:
        if is_list_intro(following) and following.sentences and depth < 5:
            # A label for a part of the list ("In adults:", then its list).
            inner = following.sentences[-1].text
            return _what_follows(doc, following, inner, options, depth + 1)
        if (
            following.link_only  # a list of links ("Watch our videos:" and the links)
            or following.line_breaks  # lines set one under another (phone numbers)
            or not _PROMISES_A_LIST.search(text)  # a colon that explains: "Here's why:"
            or lost_structure(doc)
            and (
                item_shaped(following, text, options["max-item-words"])
                or unmarked_run(doc, intro, text)
            )
        ):
            return None
        return "a paragraph"
    if following.kind in _LISTS or following.kind == BlockKind.HTML:
        return None
    if following.kind == BlockKind.BLOCKQUOTE:
        inside = doc.blocks[following.index + 1 : following.end]
        return None if any(b.kind in _LISTS for b in inside) else "a callout"
    if following.kind == BlockKind.RULE:
        return "a horizontal rule"
    if following.kind == BlockKind.HEADING:
        return None if _heading_holds_items(doc, intro, following, text) else "a heading"
    return "a paragraph"  # a list item's text cannot follow a paragraph: not reached


def _heading_holds_items(doc: Document, intro: Block, heading: Block, text: str) -> bool:
    """Whether the heading after the introduction starts what it announced: a
    section that starts with a list, or the first of several sub-headings."""
    if heading.title_like:  # a plain-text "heading": a short line, an item as likely
        return True
    body = [b for b in doc.section_body(heading) if not b.is_comment]
    if body and (body[0].kind in _LISTS or body[0].kind == BlockKind.HTML):
        return True
    if heading.section != intro.section:
        return False  # it closes the introduction's section: a new section
    parent = doc.section_of(intro)
    siblings = []
    for other in doc.subheadings(parent):
        if other.index < heading.index:
            continue
        if other.level != heading.level:
            break
        siblings.append(other)
    if len(siblings) < 2:
        return False
    if (parent is not None and parent.level >= 2) or heading.level > 2:
        return True
    # Under the page title every section is a sub-heading: only the number of
    # items the introduction names ("There are 2 types of ...") tells.
    number = _NUMBER.search(text)
    return number is not None and _NUMBERS[number.group(1).lower()] == len(siblings)


def _quote(text: str, limit: int = 70) -> str:
    return text if len(text) <= limit else "…" + text[-(limit - 1) :].lstrip()
