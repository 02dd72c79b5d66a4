"""Real articles as web pages: NIH and VA.gov articles (../shared/corpus;
skipped when absent), rendered to HTML by markdown-it as a static site would
render them, give the findings they give as Markdown."""

from __future__ import annotations

import html
import json
import random
import re
from collections import Counter

import pytest
from markdown_it import MarkdownIt

from medlint.document import LineIndex
from medlint.parsing.front_matter import split_front_matter

from conftest import CORPUS, TODAY, needs_corpus

pytestmark = [needs_corpus, pytest.mark.corpus]


def _page(source: str) -> str:
    """The article as a page: its front matter as <meta> tags, its body rendered."""
    front = split_front_matter(source, LineIndex(source))
    body = source[front.body_start :] if front else source
    metas = "".join(
        f'<meta name="{html.escape(str(key))}" content="{html.escape(str(value))}">\n'
        for key, value in ((front.data or {}).items() if front else ())
        if not isinstance(value, (dict, list))
    )
    rendered = MarkdownIt("commonmark").enable("table").render(body)
    return (
        f"<!DOCTYPE html>\n<html>\n<head>\n{metas}</head>\n<body>\n"
        f'<nav><a href="/">Home</a> &gt; <a href="/a-z">Health A to Z</a></nav>\n'
        f"<main>\n{rendered}</main>\n<footer><p>&copy; An example site</p></footer>\n"
        "</body>\n</html>\n"
    )


def _findings(medlint, directory) -> Counter:
    run = medlint(
        "check",
        "--today",
        TODAY,
        "--ignore",
        "copied-paragraph",
        "--format",
        "json",
        "-j",
        "1",
        directory,
    )
    assert run.code in (0, 1), run.err
    return Counter(
        (
            re.sub(r"\.(md|html)$", "", f["path"].rsplit("/", 1)[-1]),
            f["rule"],
            re.sub(r"lines? [\d, ]+", "line N", f["message"]),
        )
        for f in json.loads(run.out)["findings"]
    )


def test_articles_as_pages_give_the_findings_they_give_as_markdown(medlint, tmp_path):
    articles = sorted(CORPUS.glob("medquad/*/*.md")) + sorted(CORPUS.glob("vagov/pages/*.md"))
    chosen = random.Random(20261202).sample(articles, 150)
    (tmp_path / "md").mkdir()
    (tmp_path / "html").mkdir()
    for number, article in enumerate(chosen):
        source = article.read_text(encoding="utf-8")
        (tmp_path / "md" / f"{number:03}.md").write_text(source, encoding="utf-8")
        (tmp_path / "html" / f"{number:03}.html").write_text(_page(source), encoding="utf-8")
    as_markdown = _findings(medlint, tmp_path / "md")
    as_html = _findings(medlint, tmp_path / "html")
    assert sum(as_markdown.values()) > 300  # the comparison compares something
    assert as_html == as_markdown
