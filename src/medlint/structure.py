"""What blocks are beyond their markup: list introductions and the items that
follow them, lists that lost their bullets, tables flattened into text.

Exported and converted pages often lose structure: bullets vanish and leave
one short paragraph per item; a table becomes one long run of cells. Rules
that compare or score prose ask here, so that they do not mistake such
remains for prose.
"""

from __future__ import annotations

import re
from functools import lru_cache

from medlint.document import Block, BlockKind, Document
from medlint.tokens import words

#: An unmarked list item is a paragraph of at most this many words.
ITEM_MAX_WORDS = 20
_TABLE_CELL = re.compile(r"\d+(?:\.\d+)?\s?%|\s[-–]\s")


def is_list_intro(block: Block) -> bool:
    if block.kind != BlockKind.PARAGRAPH:
        return False
    last = block.text[-1:]
    return last == ":" or (last.isspace() and block.text.rstrip().endswith(":"))


def following_items(doc: Document, intro: Block) -> list[Block]:
    """The items after a list introduction: those of the list that follows it,
    or the run of short paragraphs that are a list without its bullets."""
    following = doc.next_block(intro)
    if following is not None and following.kind == BlockKind.LIST:
        return [
            b
            for b in doc.blocks[following.index + 1 : following.end]
            if b.kind == BlockKind.LIST_ITEM and b.parent == following.index
        ]
    items = []
    while following is not None and _short_paragraph(following, intro):
        items.append(following)
        following = doc.next_block(following)
    return items


def unmarked_items(doc: Document) -> set[int]:
    """Indexes of the short paragraphs that are really list items (cached)."""
    if "unmarked-items" not in doc.cache:
        doc.cache["unmarked-items"] = {
            item.index
            for intro in doc.blocks
            if is_list_intro(intro)
            for item in following_items(doc, intro)
            if item.kind == BlockKind.PARAGRAPH
        }
    return doc.cache["unmarked-items"]


def _short_paragraph(block: Block, intro: Block) -> bool:
    return (
        block.kind == BlockKind.PARAGRAPH
        and block.parent == intro.parent
        and not is_list_intro(block)
        and len(block.sentences) <= 2
        and len(words(block.text)) <= ITEM_MAX_WORDS
    )


def is_flattened_table(sentence: str) -> bool:
    """A "sentence" that is a table or list run together ("Hearing loss 90%
    Seizures 50% ...", "fever - rash - cough - ..."): not prose."""
    if "%" not in sentence and "-" not in sentence and "–" not in sentence:
        return False  # no cell at all (most sentences): not searched
    return len(_TABLE_CELL.findall(sentence)) >= 3


# Lost structure: one definition, for every rule that needs it.
#
# Converted and exported pages lose bullets and keep each item as a short
# paragraph ("Chest x-ray. This test..."). Authored pages mark their lists.
# So an item without its bullet is recognised only where the document shows
# that it lost structure (plain text, or Markdown without a single list), and
# then only by its shape: a fragment with no closing full stop, a short term
# ("Fatigue", "Chest x-ray. This test takes pictures"), or a paragraph that
# starts by naming what the introduction announced. A paragraph of full
# sentences in an authored page is prose, however short.

#: A term that starts an unmarked item ("Chest x-ray. ...") has at most this many words.
TERM_MAX_WORDS = 4
_CLOSED = re.compile(r"[.!?:;][\"'”’)\]]*$")
_STOP_WORDS = frozenset(
    """
    a an and are as at be been by can could do does for from has have he her his how if in
    include includes including into is it its may might more most not of on or our she
    should some such than that the their them there these they this those to was we were
    what when which who will with would you your also other many following follows
    """.split()
)


def lost_structure(doc: Document) -> bool:
    """Whether the document shows that it lost its list markup: plain text
    (which has none but "- " lines), Markdown without a single list, or
    Markdown where more list introductions are followed by paragraphs than by
    lists. (An authored page marks its lists: one empty introduction in it is
    a defect, not a sign of lost markup.) Cached on the document."""
    if doc.format != "markdown":
        return True
    if "lost-structure" in doc.cache:
        return doc.cache["lost-structure"]
    has_list = False
    listed = unlisted = 0
    shaped = False
    for block in doc.blocks:
        has_list = has_list or block.kind == BlockKind.LIST
        if is_list_intro(block):
            following = doc.next_block(block)
            kind = following.kind if following is not None else None
            if kind in (BlockKind.LIST, BlockKind.TABLE):
                listed += 1
            elif kind == BlockKind.PARAGRAPH:
                unlisted += 1
                shaped = shaped or _fragment_or_term(following)
    lost = not has_list or shaped or (unlisted >= 2 and unlisted > listed)
    doc.cache["lost-structure"] = lost
    return lost


def unmarked_run(doc: Document, intro: Block, intro_text: str) -> bool:
    """Whether the paragraphs after the introduction (in its container, up to
    the next heading or other block) are items of a list whose bullets were
    lost: at least two of the first three are short (one or two sentences) or
    shaped like an item (ask only where ``lost_structure``)."""
    following = doc.next_block(intro)
    looked = items = 0
    while following is not None and looked < 3:
        if (
            following.kind != BlockKind.PARAGRAPH
            or following.container != intro.container
            or is_list_intro(following)
        ):
            break
        looked += 1
        if 0 < len(following.sentences) <= 2 or item_shaped(following, intro_text):
            items += 1
        following = doc.next_block(following)
    return items >= 2


def item_shaped(paragraph: Block, intro: str, term_max_words: int = TERM_MAX_WORDS) -> bool:
    """Whether a paragraph after a list introduction (``intro``: its sentence)
    has the shape of an item that lost its bullet (ask only where
    ``lost_structure``)."""
    if paragraph.kind != BlockKind.PARAGRAPH or is_list_intro(paragraph) or not paragraph.sentences:
        return False
    first = paragraph.sentences[0].text
    return (
        not _CLOSED.search(paragraph.text.rstrip())
        or len(words(first)) <= term_max_words
        or bool(_topic_words(intro) & _topic_words(first))
    )


def _fragment_or_term(paragraph: Block) -> bool:
    """A paragraph with no closing full stop, or one that starts with a short
    term ("Chest x-ray. This test..."): the shapes only a lost item has."""
    if not paragraph.sentences or is_list_intro(paragraph):
        return False
    return not _CLOSED.search(paragraph.text.rstrip()) or (
        len(paragraph.sentences) > 1 and len(paragraph.sentences[0].words) <= TERM_MAX_WORDS
    )


def _topic_words(text: str) -> set[str]:
    """Content words, crudely singularised: "steroids" and "steroid" match."""
    return {
        w.removesuffix("s")
        for w in (w.lower() for w in words(text))
        if len(w) > 2 and w not in _STOP_WORDS
    }


# Stock text: contact lines a site prints beside every phone number.

_PHONE = r"(?:\+?\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)\s?|\d{2,4}[\s.-])\d{3,4}[\s.-]?\d{3,4}\b"
_CONTACT = re.compile(
    rf"{_PHONE}"
    r"|\b1-8\d\d-[A-Z0-9-]{4,}"  # 1-800-MEDICARE
    r"|\b(?:TTY|TDD|textphone|text relay|relay service)\b"
    r"|\b(?:mon(?:day)?|tue(?:sday)?|wed(?:nesday)?|thu(?:rsday)?|fri(?:day)?|sat(?:urday)?"
    r"|sun(?:day)?)\w*\s*(?:to|through|-|–)\s*(?:mon|tue|wed|thu|fri|sat|sun)\w*"
    r"|\b\d{1,2}(?::\d\d)?\s?(?:a\.?m\.?|p\.?m\.?)\s*(?:to|-|–|until)\s*\d{1,2}(?::\d\d)?\s?(?:a\.?m\.?|p\.?m\.?)"
    r"|\b(?:opening|office|business) hours\b|\b24 hours a day\b|\b24/7\b",
    re.IGNORECASE,
)


#: What every contact line has: a digit, or a word of its own. Most sentences
#: have neither and are refused by this one quick search.
_CONTACT_HINT = re.compile(
    r"\d|\b(?:tty|tdd|textphone|relay|hours"
    r"|(?:mon|tue|wed|thu|fri|sat|sun)\w*\s*(?:to|through|-|–))",
    re.IGNORECASE,
)


_DIGIT = re.compile(r"\d")
#: The words of _CONTACT_HINT, looked for first as plain substrings (fast).
_CONTACT_WORDS = ("tty", "tdd", "textphone", "relay", "hours", "mon", "tue", "wed", "thu", "fri")
_CONTACT_WORDS += ("sat", "sun")


@lru_cache(maxsize=4096)
def is_contact_text(text: str) -> bool:
    """Whether a sentence is a contact line: a phone number, TTY or relay
    service, opening hours. Sites print these beside every number on purpose;
    a repeat of one is stock text, not a defect."""
    if not _may_be_contact(text):
        return False
    return _CONTACT_HINT.search(text) is not None and _CONTACT.search(text) is not None


def _may_be_contact(text: str) -> bool:
    """Whether a text holds a digit or a word of a contact line (plain
    substrings: fast); most texts hold neither."""
    if _DIGIT.search(text):
        return True
    lowered = text.casefold()
    return any(word in lowered for word in _CONTACT_WORDS)


def is_contact_block(block: Block) -> bool:
    """A block whose every sentence is a contact line (a block with no hint
    of one anywhere is refused at once)."""
    if not block.sentences or not _may_be_contact(block.text):
        return False
    return all(is_contact_text(s.text) for s in block.sentences)


def page_part(block: Block) -> tuple[int | None, int | None, int | None]:
    """The part of the page a block belongs to, which must read on its own:
    its container (a callout, an FAQ answer in <details>, an accordion panel
    in a <div>, a list item), its section (the heading it stands under) and
    the label in bold that opens its part of the section ("**Example 1**").

    Sites repeat text across parts on purpose: the same advice for adults and
    for children, the same eligibility line for active-duty service members
    and for reservists, the same lead-in under "By mail" and "In person",
    each part read by a reader who reads only that part. A repeat inside
    one part, or anywhere in a page without headings, is a defect."""
    return block.container, block.section, block.label


def stands_apart(block: Block, other: Block) -> bool:
    """Whether two blocks are in different parts of the page (``page_part``):
    a repeat between them is there on purpose."""
    return page_part(block) != page_part(other)
