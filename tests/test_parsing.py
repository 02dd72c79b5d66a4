"""The Document model: blocks, plain text, and true positions in the file."""

from medlint.document import BlockKind
from medlint.parsing import load_document


def md(text: str):
    return load_document("article.md", text.encode())


def txt(text: str):
    return load_document("article.txt", text.encode())


def kinds(doc):
    return [b.kind for b in doc.blocks]


def test_markdown_block_kinds():
    doc = md(
        "# Title\n\nA paragraph.\n\n- one\n- two\n\n> quoted\n\n"
        "| a | b |\n|---|---|\n| 1 | 2 |\n\n```\ncode\n```\n\n<!-- note -->\n\n---\n"
    )
    assert kinds(doc) == [
        BlockKind.HEADING,
        BlockKind.PARAGRAPH,
        BlockKind.LIST,
        BlockKind.LIST_ITEM,
        BlockKind.LIST_ITEM,
        BlockKind.BLOCKQUOTE,
        BlockKind.PARAGRAPH,
        BlockKind.TABLE,
        BlockKind.CODE,
        BlockKind.HTML,
        BlockKind.RULE,
    ]
    assert doc.blocks[0].level == 1
    assert doc.blocks[6].parent == 5  # the quoted paragraph sits in the blockquote


def test_markup_is_stripped_and_positions_point_into_the_file():
    doc = md(
        "Intro line.\n\nSee **the *bold* words** and `code` and [a link](http://x.org) here.\n"
    )
    para = doc.blocks[1]
    assert para.text == "See the bold words and code and a link here."
    link = para.text.index("a link")
    span = doc.span_of(para, link, link + len("a link"))
    assert (span.line, span.column, span.end_column) == (3, 42, 47)
    assert doc.source.splitlines()[2][41:47] == "a link"


def test_front_matter_lines_count_and_are_not_prose():
    doc = md(
        "---\ntitle: Iron\nlast_reviewed: 2026-01-02\n---\n# Iron\n\nFirst sentence. Second one.\n"
    )
    assert doc.front_matter == {"title": "Iron", "last_reviewed": "2026-01-02"}
    assert doc.front_matter_lines == (1, 4)
    assert [b.kind for b in doc.blocks] == [BlockKind.HEADING, BlockKind.PARAGRAPH]
    second = doc.blocks[1].sentences[1]
    assert (second.text, second.span.line, second.span.column) == ("Second one.", 7, 17)


def test_code_comments_and_html_are_not_sentences():
    doc = md("```\nNot prose. At all.\n```\n\n<!-- Hidden. Note. -->\n\n    indented code. Too.\n")
    assert list(doc.sentences) == []


def test_list_item_text_and_nested_lists():
    doc = md("- Symptoms include:\n  - fever\n  - cough\n- Rest.\n")
    items = [b for b in doc.blocks if b.kind == BlockKind.LIST_ITEM]
    assert [i.text for i in items] == ["Symptoms include:", "fever", "cough", "Rest."]
    first = items[0]
    assert doc.next_block(first) is None or doc.next_block(first).kind == BlockKind.LIST_ITEM
    assert doc.blocks[first.index + 1].kind == BlockKind.LIST  # the nested list is inside it


def test_crlf_and_bom():
    doc = load_document("a.md", "\ufeff# Title\r\n\r\nOne. Two.\r\n".encode())
    second = doc.blocks[1].sentences[1]
    assert (second.text, second.span.line, second.span.column) == ("Two.", 3, 6)


def test_plain_text_one_paragraph_per_line():
    doc = txt(
        "Header line · Last updated: 2026-04-07\n"
        + "A long first paragraph that goes on and on. " * 4
        + "\n"
        + "A second long paragraph, also longer than a wrapped line would ever be. " * 2
        + "\n"
    )
    assert kinds(doc) == [BlockKind.HEADING, BlockKind.PARAGRAPH, BlockKind.PARAGRAPH]
    assert doc.blocks[0].title_like
    assert [b.line for b in doc.blocks] == [1, 2, 3]


def test_plain_text_hard_wrapped_paragraphs():
    doc = txt(
        "Iron helps red blood cells carry oxygen. Most people get\n"
        "enough iron from food.\n"
        "\n"
        "Tea and coffee make it harder\n"
        "to absorb.\n"
    )
    paragraphs = [b for b in doc.blocks if b.kind == BlockKind.PARAGRAPH]
    assert [p.text for p in paragraphs] == [
        "Iron helps red blood cells carry oxygen. Most people get enough iron from food.",
        "Tea and coffee make it harder to absorb.",
    ]
    second = paragraphs[0].sentences[1]
    assert (second.span.line, second.span.column, second.span.end_line) == (1, 42, 2)


def test_plain_text_list_markers():
    doc = txt(
        "Signs include:\n- fever\n* cough\n• rash\n· chills\n– aches\n1. first\n2) second\n"
        "   continued line\nNot an item.\n"
    )
    items = [b.text for b in doc.blocks if b.kind == BlockKind.LIST_ITEM]
    assert items == ["fever", "cough", "rash", "chills", "aches", "first", "second continued line"]
    assert doc.blocks[-1].text == "Not an item."


def test_empty_file():
    assert md("").blocks == [] and txt("").blocks == []


def test_undecodable_file_is_a_problem_not_an_exception():
    doc = load_document("old.txt", b"Caf\xe9 au lait\n")
    assert not doc.readable
    assert doc.problems[0].span.line == 1 and doc.problems[0].span.column == 4
    assert "0xe9" in doc.problems[0].message
