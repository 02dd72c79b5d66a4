"""HTML and MDX articles: read into the same Document as Markdown, with
positions in the original file."""

from __future__ import annotations

import json
import random
import re

import pytest

from medlint.discovery import DEFAULT_INCLUDE
from medlint.parsing import load_document

from conftest import EXAMPLES, REPO, TODAY

HTML = REPO / "tests" / "html"


def _findings(medlint, path) -> list[dict]:
    run = medlint(
        "check", "--today", TODAY, "--ignore", "copied-paragraph", "--format", "json", path
    )
    assert run.code in (0, 1), run.err
    return json.loads(run.out)["findings"]


def _line_text(path, line: int) -> str:
    text = path.read_text(encoding="utf-8").split("\n")[line - 1]
    return re.sub(r"<[^>]+>", "", text).strip()[:40]


def test_the_seed_as_html_gives_the_plain_text_seeds_findings(medlint):
    """The same article as a web page: every finding the plain-text seed
    gives, with the same message, at the line that holds the same text."""
    plain = EXAMPLES / "poems-syndrome.txt"
    page = HTML / "poems-syndrome.html"
    from_text, from_html = _findings(medlint, plain), _findings(medlint, page)
    assert len(from_text) >= 10

    def key(finding, path):
        message = re.sub(r"line \d+", "line N", finding["message"])
        return finding["rule"], message, _line_text(path, finding["line"])

    assert sorted(key(f, plain) for f in from_text) == sorted(key(f, page) for f in from_html)
    # Where a finding names another line, that line holds the same text too.
    for finding in from_html:
        for other in re.findall(r"line (\d+)", finding["message"]):
            assert _line_text(page, int(other))


def test_html_findings_offer_no_block_deleting_fix(medlint, tmp_path):
    page = tmp_path / "page.html"
    page.write_bytes((HTML / "poems-syndrome.html").read_bytes())
    findings = _findings(medlint, page)
    repeat = [f for f in findings if f["rule"] == "duplicate-paragraph"]
    assert repeat and not any(f["fixable"] for f in repeat)
    before = page.read_bytes()
    medlint("check", "--today", TODAY, "--fix", page)
    assert page.read_bytes() == before  # nothing it could delete safely


@pytest.mark.parametrize("seed", range(30))
def test_broken_html_is_read_and_every_word_maps_to_the_file(seed):
    """Cut, shuffled and unclosed markup: no exception, and every piece of
    a block's text comes from the file at the offset its map gives."""
    rng = random.Random(seed)
    source = (HTML / "poems-syndrome.html").read_text(encoding="utf-8")
    source += (REPO / "tests" / "fixtures" / "stale-review-date" / "flag-meta-tag.html").read_text()
    pieces = re.split(r"(<[^>]*>)", source)
    for _ in range(rng.randint(1, 25)):
        at = rng.randrange(len(pieces))
        choice = rng.random()
        if choice < 0.3:
            del pieces[at]
        elif choice < 0.6:
            pieces.insert(
                at, rng.choice(["<p>", "</div>", "<li>", "<table><td>", "<!--", "&amp", "<"])
            )
        else:
            pieces[at] = pieces[at][: rng.randrange(len(pieces[at]) + 1)]
    broken = "".join(pieces).replace("\n", rng.choice(["\n", "\r\n", "\r"]))
    doc = load_document("broken.html", broken.encode("utf-8"))
    for block in doc.blocks:
        text_map = block.text_map
        for plain, start, length in zip(
            text_map.plain_starts, text_map.source_starts, text_map.lengths, strict=True
        ):
            if not length:  # a part the page never closes: ends at a point
                continue
            written = doc.source[start : start + length]
            shown = block.text[plain : plain + length]
            if block.kind.name in ("HTML",):
                assert written == shown
            elif not written.startswith("&"):  # an entity maps to its "&"
                assert written == shown, (written, shown)


def test_a_page_left_unclosed_keeps_its_text():
    page = "<html><head><title>Gout</title>\n<body><h1>Gout\n<p>Gout is a type of arthritis.\n<p>It causes pain in the joints."
    doc = load_document("gout.html", page.encode())
    texts = [(b.kind.name, b.text) for b in doc.blocks if b.text and b.kind.name != "HTML"]
    assert texts == [
        ("HEADING", "Gout"),
        ("PARAGRAPH", "Gout is a type of arthritis."),
        ("PARAGRAPH", "It causes pain in the joints."),
    ]
    assert doc.front_matter == {"title": "Gout"}


def test_mdx_jsx_and_module_lines_are_not_prose(medlint):
    doc = load_document("callouts.mdx", (HTML / "callouts.mdx").read_bytes())
    prose = [b.text for b in doc.blocks if b.kind.name in ("PARAGRAPH", "HEADING")]
    assert prose == [
        "Sunburn",
        "Sunburn makes the skin red, sore and warm, and it can peel a few days later.",
        "If a child has sunburn with a high temperature, call your doctor today.",
        "Sunscreen helps, but shade and clothing protect the skin best.",
    ]
    assert doc.front_matter["title"] == "Sunburn"
    findings = _findings(medlint, HTML / "callouts.mdx")
    assert {f["rule"] for f in findings} <= {"missing-disclaimer"}  # no TODO, no JSX read
    span = doc.block_span(next(b for b in doc.blocks if b.text.startswith("If a child")))
    assert (span.line, span.column) == (17, 1)


def test_directory_walks_find_html_and_mdx(medlint, tmp_path):
    assert {"*.html", "*.htm", "*.mdx"} <= set(DEFAULT_INCLUDE)
    for name in ("a.html", "b.htm", "c.mdx", "d.md"):
        (tmp_path / name).write_text("<p>Hello.</p>\n" if "htm" in name else "Hello.\n")
    run = medlint("check", "--today", TODAY, "--format", "json", tmp_path)
    assert json.loads(run.out)["files_checked"] == 4
