"""The parser's shortcut for inline text without markup makes exactly the
tokens markdown-it's own inline parser makes."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from medlint.parsing.markdown import _PARSER, _plain_children

from conftest import CORPUS, needs_corpus

ROOT = Path(__file__).resolve().parents[1]
_VANILLA = MarkdownIt("commonmark", {"html": True}).enable("table")

_PIECES = list("ab Z.,:;-~#+=%$@^{}()'\"\t\n\r\x00\u00a0\u2028") + [
    "  \n",
    " \n",
    "\n ",
    "\n\t",
    "*x*",
    "_y_",
    "[l](u)",
    "&amp;",
    "\\*",
    "`c`",
    "<b>",
    "![i](p)",
    "word",
]


def _dicts(tokens):
    return [token.as_dict() for token in tokens]


@settings(max_examples=3000, derandomize=True, database=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30).map("".join))
def test_the_shortcut_makes_the_inline_parsers_tokens(text):
    content = _VANILLA.parseInline(text)[0].content
    plain = _plain_children(content)
    if plain is not None:
        assert _dicts(plain) == _dicts(_VANILLA.parseInline(content)[0].children)


def test_plain_lines_take_the_shortcut_and_markup_does_not():
    assert [t.type for t in _plain_children("One line\nand another")] == [
        "text",
        "softbreak",
        "text",
    ]
    for content in ["a *b*", "a  \nb", "a\n  b", "a &amp; b", "a\\", "[a]", "a <b>"]:
        assert _plain_children(content) is None, content


def test_whole_articles_parse_to_the_same_tokens():
    paths = sorted((ROOT / "examples").glob("*.md")) + sorted(ROOT.glob("tests/**/*.md"))
    assert len(paths) > 20
    for path in paths:
        text = path.read_text(encoding="utf-8")
        assert _dicts(_PARSER.parse(text)) == _dicts(_VANILLA.parse(text)), path


@needs_corpus
def test_corpus_pages_parse_to_the_same_tokens():
    paths = sorted((CORPUS / "vagov").rglob("*.md")) + sorted(CORPUS.glob("medquad/**/*.md"))[::20]
    assert len(paths) > 300
    for path in paths:
        text = path.read_text(encoding="utf-8")
        assert _dicts(_PARSER.parse(text)) == _dicts(_VANILLA.parse(text)), path
