"""Documents for the fuzzer: the repository's own articles, mutated.

Seeds are the example articles (``examples/*.md``, ``examples/*.txt``) and
the rule fixtures (``tests/fixtures/<rule>/*.md|*.txt``): real articles with
real defects, so that mutations land in documents that give findings and
fixes. Nothing is read from ``../shared`` (absent in CI).

A document is a seed, or a slice of its lines (which is what a failing
example shrinks to), then a few mutations: byte flips, inserts and deletes;
Markdown syntax at random places; front matter edits; line-ending changes;
a byte-order mark, NUL, form feed and other control characters; odd Unicode;
bytes that are not UTF-8; lines copied, moved or spliced in from another
seed (repeats are what the duplicate rules and their fixes are about).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from hypothesis import strategies as st

from conftest import EXAMPLES, FIXTURES


def _seeds() -> list[tuple[str, bytes]]:
    paths = [
        *EXAMPLES.glob("*.md"),
        *EXAMPLES.glob("*.txt"),
        *FIXTURES.glob("*/**/*.md"),
        *FIXTURES.glob("*/**/*.txt"),
        *FIXTURES.glob("*/**/*.html"),
        *(EXAMPLES.parent / "tests" / "html").glob("*.*"),
    ]
    root = EXAMPLES.parent
    return [(str(p.relative_to(root)), p.read_bytes()) for p in sorted(set(paths))]


#: (path relative to the repository, bytes), sorted by path.
SEEDS = _seeds()
SUFFIXES = (".md", ".txt", ".html", ".mdx")

BOM = b"\xef\xbb\xbf"

#: Markdown (and medlint) syntax, inserted at a random place or a line start.
MARKUP = [
    b"#",
    b"# ",
    b"## ",
    b"###### ",
    b"- ",
    b"* ",
    b"1. ",
    b"> ",
    b">",
    b"```",
    b"```\n",
    b"~~~\n",
    b"    ",
    b"\t",
    b"<!-- medlint-disable spelling -->\n",
    b"<!-- medlint-disable x -->",
    b"<!-- medlint-disable -->\n",
    b"<!-- medlint-enable -->\n",
    b"<!-- medlint-disable-next-line duplicate-paragraph -->\n",
    b"<!-- medlint-disable-file leaked-boilerplate -->\n",
    b"<!--",
    b"-->",
    b"<!-- a comment -->",
    b"<details>\n",
    b"<p>",
    b"</p>",
    b"<div>",
    b"</div>",
    b"<li>",
    b"<ul>",
    b"<h2>",
    b"<script>",
    b"</script>",
    b"<nav>",
    b"<pre>",
    b'<meta name="last-reviewed" content="2020-01-01">',
    b'<script type="application/ld+json">{"lastReviewed": "2019-02-03"}</script>',
    b"<Callout>\n",
    b"import x from 'y'\n",
    b"{/* note */}\n",
    b"<details><summary>More</summary>\n\n",
    b"</details>\n",
    b"<br>",
    b"<abbr title='World Health Organization'>WHO</abbr>",
    b"| a | b |\n| - | - |\n| c | d |\n",
    b"|",
    b" | ",
    b"&amp;",
    b"&nbsp;",
    b"&#x2028;",
    b"&#0;",
    b"&",
    b"\\",
    b"\\*",
    b"\\\n",
    b"---\n",
    b"***\n",
    b"===\n",
    b"---",
    b"**",
    b"_",
    b"`",
    b"`code`",
    b"[link](https://example.org/a)",
    b"![image](a.png)",
    b"[",
    b"]",
    b"(",
    b":",
    b"\n",
    b"\n\n",
]

#: Text that rules flag, so that mutated documents give findings and fixes.
PHRASES = [
    b"Click here.",
    b"Click here to read more.",
    b"Read more",
    b"Advertisement",
    b"Loading...",
    b"TODO",
    b"{{ name }}",
    b"Lorem ipsum dolor sit amet.",
    b"2 people have shared their first-person experience on this question.",
    b"Medically reviewed",
    b"Reviewed by Dr. Maya Okafor, MD",
    b"High hypertension can cause a myocardial infarction.",
    b"Pyrexia and emesis are common.",
    b"The WHO and the CDC say so.",
    b"Common medicines include:",
    b"Symptoms include:\n",
    b"symotoms",
    b"symptomsthat",
    b"dont",
    b"Last reviewed: 2026-01-05",
    b"Last reviewed: 2031-13-45",
    b"Last reviewed: 2020-02-30",
    b"Last updated: 04/07/2026",
    b"This article is for information only and is not a substitute for professional medical advice.",
]

#: Front matter lines: bad dates, colons, U+2028, YAML that does not parse.
FRONT_MATTER_LINES = [
    b"last_reviewed: 2026-02-30",
    b"last_reviewed: not a date",
    b"last_reviewed: 3000-01-01",
    b"last_reviewed: 2019-01-01",
    b"last_reviewed: ''",
    b"last_reviewed:",
    b"last_reviewed: [2026-01-01]",
    b"last_reviewed: 2026-01-01: 2",
    b"reviewed_by: Dr. Maya Okafor",
    "title: a\u2028b".encode(),
    "title: \u202ecba".encode(),
    b"title: a: b: c",
    b"title: 'unclosed",
    b'title: "\\x00\\u2028"',
    b": ",
    b"key",
    b"- item",
    b"a: &anchor 1",
    b"b: *anchor",
    b"title: x\ntitle: y",
    b"medlint: {disable: [spelling]}",
    b"medlint: {disable: [no-such-rule]}",
    b"medlint: disable",
    b"\t",
    b"---",
    b"...",
]

#: Odd Unicode: line separators, bidi controls, combining marks, emoji,
#: astral characters, characters whose case mapping changes their length.
UNICODE = [
    "\u2028",
    "\u2029",
    "\u0085",
    "\u202e",
    "\u202d",
    "\u2066",
    "\u200b",
    "\u200d",
    "\u00a0",
    "\ufeff",
    "\u0301",
    "e\u0301",
    "\u0336\u0336",
    "\U0001fa7a",
    "\U0001f469\u200d\u2695\ufe0f",
    "\U0001d504",
    "\U00020000",
    "\u0130",
    "\u00df",
    "\u01c5",
    "\ufb01",
    "\u05e9\u05dc\u05d5\u05dd",
    "\u0645\u0631\u062d\u0628\u0627",
    "\u2026",
    "\u201cquoted\u201d",
    "\uff21\uff22\uff23",
    "\ufffd",
    "\uffff",
]

#: Control characters, raw.
CONTROLS = [b"\x00", b"\x0c", b"\x0b", b"\x1b[31m", b"\x1b]0;x\x07", b"\x7f", b"\x08", b"\r"]

#: Bytes that are not UTF-8 (or not valid where they stand).
NOT_UTF8 = [
    b"\xff",
    b"\xfe",
    b"\x80",
    b"\xc0\x80",
    b"\xe2\x80",
    b"\xed\xa0\x80",
    b"\xf4\x90\x80\x80",
    b"caf\xe9",
    b"\x93quoted\x94",
]

ENDINGS = (b"\n", b"\r\n", b"\r")
_LINE_END = re.compile(rb"\r\n?|\n")

Draw = Callable[[st.SearchStrategy], object]


def _position(draw: Draw, data: bytes) -> int:
    """A random offset, moved back to a UTF-8 character boundary."""
    position = draw(st.integers(0, len(data)))
    while 0 < position < len(data) and 0x80 <= data[position] < 0xC0:
        position -= 1
    return position


def _line_starts(data: bytes) -> list[int]:
    return [0] + [m.end() for m in _LINE_END.finditer(data) if m.end() < len(data)]


def _line_start(draw: Draw, data: bytes) -> int:
    return draw(st.sampled_from(_line_starts(data)))


def _lines(data: bytes) -> list[bytes]:
    """Lines with their endings (LF, CRLF or a lone CR)."""
    return data.splitlines(keepends=True)


def _insert(data: bytes, position: int, piece: bytes) -> bytes:
    return data[:position] + piece + data[position:]


# Each mutation takes ``draw`` and the document and returns the new document.


def flip_byte(draw: Draw, data: bytes) -> bytes:
    """Flip one bit of a byte: mostly one of the low seven (ASCII stays ASCII),
    sometimes the high one (which is rarely UTF-8)."""
    if not data:
        return data
    position = draw(st.integers(0, len(data) - 1))
    bit = draw(st.integers(0, 6)) if draw(st.integers(0, 3)) else 7
    return data[:position] + bytes([data[position] ^ (1 << bit)]) + data[position + 1 :]


def insert_bytes(draw: Draw, data: bytes) -> bytes:
    """A few bytes: mostly ASCII (control characters included), else any."""
    if draw(st.integers(0, 3)):
        piece = draw(st.binary(min_size=1, max_size=4).map(lambda b: bytes(c & 0x7F for c in b)))
    else:
        piece = draw(st.binary(min_size=1, max_size=4))
    return _insert(data, _position(draw, data), piece)


def delete_bytes(draw: Draw, data: bytes) -> bytes:
    """Delete a few bytes: mostly whole characters, sometimes part of one."""
    whole = draw(st.integers(0, 3)) > 0
    start = _position(draw, data) if whole else draw(st.integers(0, len(data)))
    stop = min(len(data), start + draw(st.integers(1, 16)))
    while whole and stop < len(data) and 0x80 <= data[stop] < 0xC0:
        stop += 1
    return data[:start] + data[stop:]


def insert_markup(draw: Draw, data: bytes) -> bytes:
    piece = draw(st.sampled_from(MARKUP))
    at_line_start = draw(st.booleans())
    position = _line_start(draw, data) if at_line_start else _position(draw, data)
    return _insert(data, position, piece)


def insert_phrase(draw: Draw, data: bytes) -> bytes:
    piece = draw(st.sampled_from(PHRASES))
    if draw(st.booleans()):  # a line (a paragraph) of its own
        ending = draw(st.sampled_from(ENDINGS))
        piece = ending + piece + ending
        return _insert(data, _line_start(draw, data), piece)
    return _insert(data, _position(draw, data), piece + b" ")


def edit_front_matter(draw: Draw, data: bytes) -> bytes:
    """Add a line to the front matter (or a front matter to the article), or
    break its fences."""
    line = draw(st.sampled_from(FRONT_MATTER_LINES))
    body = data.removeprefix(BOM)
    bom = data[: len(data) - len(body)]
    if not body.startswith(b"---"):
        return bom + b"---\n" + line + b"\n---\n" + body
    lines = _lines(body)
    closing = next((i for i in range(1, len(lines)) if lines[i].rstrip() == b"---"), None)
    action = draw(st.sampled_from(["add", "drop-closing-fence", "spoil-fence"]))
    if action == "drop-closing-fence" and closing is not None:
        del lines[closing]
    elif action == "spoil-fence":
        lines[0] = draw(st.sampled_from([b"--- \n", b"----\n", b"---\r\n", b"---\r", b"--- x\n"]))
    else:
        at = draw(st.integers(1, closing if closing is not None else len(lines)))
        ending = draw(st.sampled_from(ENDINGS))
        lines.insert(at, line + ending)
    return bom + b"".join(lines)


def change_line_endings(draw: Draw, data: bytes) -> bytes:
    action = draw(
        st.sampled_from(
            ["crlf", "cr", "lf", "mixed", "stray-cr", "no-final-newline", "final-newlines"]
        )
    )
    if action in ("crlf", "cr", "lf"):
        ending = {"crlf": b"\r\n", "cr": b"\r", "lf": b"\n"}[action]
        return _LINE_END.sub(ending, data)
    if action == "mixed":
        lines = _lines(data)
        return b"".join(
            line.rstrip(b"\r\n") + draw(st.sampled_from(ENDINGS))
            if line.endswith((b"\n", b"\r"))
            else line
            for line in lines
        )
    if action == "stray-cr":
        return _insert(data, _position(draw, data), b"\r")
    if action == "no-final-newline":
        return data.rstrip(b"\r\n")
    return data + draw(st.sampled_from([b"\n", b"\n\n\n", b"\r\n\r\n", b"\r", b" \n"]))


def add_bom(draw: Draw, data: bytes) -> bytes:
    where = draw(st.sampled_from(["start", "twice", "inside"]))
    if where == "start":
        return BOM + data
    if where == "twice":
        return BOM + BOM + data
    return _insert(data, _position(draw, data), BOM)


def insert_control(draw: Draw, data: bytes) -> bytes:
    return _insert(data, _position(draw, data), draw(st.sampled_from(CONTROLS)))


def insert_unicode(draw: Draw, data: bytes) -> bytes:
    piece = draw(st.sampled_from(UNICODE)).encode("utf-8")
    return _insert(data, _position(draw, data), piece)


def insert_not_utf8(draw: Draw, data: bytes) -> bytes:
    return _insert(data, _position(draw, data), draw(st.sampled_from(NOT_UTF8)))


def _line_run(draw: Draw, lines: list[bytes]) -> tuple[int, int]:
    """A run of one to six lines: (start, stop)."""
    start = draw(st.integers(0, len(lines) - 1))
    return start, draw(st.integers(start + 1, min(len(lines), start + 6)))


def copy_lines(draw: Draw, data: bytes) -> bytes:
    """Copy a run of lines elsewhere: a repeated paragraph or sentence."""
    lines = _lines(data)
    if not lines:
        return data
    start, stop = _line_run(draw, lines)
    at = draw(st.integers(0, len(lines)))
    return b"".join(lines[:at] + lines[start:stop] + lines[at:])


def delete_lines(draw: Draw, data: bytes) -> bytes:
    lines = _lines(data)
    if not lines:
        return data
    start, stop = _line_run(draw, lines)
    return b"".join(lines[:start] + lines[stop:])


def swap_lines(draw: Draw, data: bytes) -> bytes:
    lines = _lines(data)
    if len(lines) < 2:
        return data
    i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
    lines[i], lines[j] = lines[j], lines[i]
    return b"".join(lines)


def splice_seed(draw: Draw, data: bytes) -> bytes:
    """Insert a run of lines of another seed."""
    _, other = draw(st.sampled_from(SEEDS))
    lines = _lines(other)
    if not lines:
        return data
    start = draw(st.integers(0, len(lines) - 1))
    stop = draw(st.integers(start + 1, min(len(lines), start + 12)))
    return _insert(data, _line_start(draw, data), b"".join(lines[start:stop]))


def repeat_piece(draw: Draw, data: bytes) -> bytes:
    """A long run of one piece: a long line, deep nesting, many markers."""
    piece = draw(st.sampled_from([b">", b"- ", b"*", b"[", b"word ", b"a", b"<!-- x -->", b"\t"]))
    count = draw(st.integers(2, 300))
    return _insert(data, _line_start(draw, data), piece * count)


#: Text that --fix removes or rewrites, each a paragraph of its own: widget
#: lines, a suppression that silences nothing, jargon (an unsafe fix).
FIXABLE = [
    b"Click here.",
    b"Read more",
    b"Advertisement",
    b"Loading...",
    b"3 people have shared their personal experience.",
    b"<!-- medlint-disable spelling -->",
    b"<!-- medlint-disable-next-line duplicate-paragraph -->",
    b"<!-- medlint-disable readability, spelling -->",
    b"<!-- medlint-disable-file long-sentence -->",
    b"<!-- medlint-enable -->",
    b"Hypertension often has no symptoms.",
    b"- Click here",
    b"> Read more",
    b"# Advertisement",
]


def _paragraphs(data: bytes) -> list[tuple[int, int]]:
    """(first, end) line indexes of each run of non-blank lines."""
    lines = _lines(data)
    found, start = [], None
    for index, line in enumerate([*lines, b""]):
        if line.strip():
            start = index if start is None else start
        elif start is not None:
            found.append((start, index))
            start = None
    return [(a, min(b, len(lines))) for a, b in found]


def copy_paragraph(draw: Draw, data: bytes) -> bytes:
    """Repeat a paragraph (whole, or cut short, or with a word changed) after
    another: what duplicate-paragraph flags and --fix deletes."""
    paragraphs = _paragraphs(data)
    if not paragraphs:
        return data
    lines = _lines(data)
    first, end = draw(st.sampled_from(paragraphs))
    copy = lines[first:end]
    if draw(st.integers(0, 3)) == 0:  # a near repeat: one word changed
        index = draw(st.integers(0, len(copy) - 1))
        copy[index] = re.sub(rb"\b\w+\b", b"changed", copy[index], count=1)
    if not copy[-1].endswith((b"\n", b"\r")):
        copy[-1] += b"\n"
    at = draw(st.sampled_from([b for _, b in paragraphs]))
    ending = draw(st.sampled_from(ENDINGS))
    return b"".join(lines[:at] + [ending] + copy + [ending] + lines[at:])


def insert_fixable(draw: Draw, data: bytes) -> bytes:
    """A line that --fix deletes or rewrites, as a paragraph of its own."""
    piece = draw(st.sampled_from(FIXABLE))
    ending = draw(st.sampled_from(ENDINGS))
    starts = [0] + [
        m.end()
        for m in re.finditer(rb"(?:\r\n?|\n)[ \t]*(?:\r\n?|\n)", data)
        if m.end() < len(data)
    ]
    at = draw(st.sampled_from([*starts, len(data)]))
    before = b"" if at == 0 or data[:at].endswith((b"\n", b"\r")) else ending + ending
    return data[:at] + before + piece + ending + ending + data[at:]


#: Simplest first: the shrinker moves towards the start of the list. The
#: mutations that keep a document UTF-8 come twice, so that most documents
#: get past the decoder.
MUTATIONS = [
    delete_lines,
    change_line_endings,
    insert_markup,
    insert_phrase,
    insert_fixable,
    insert_control,
    insert_unicode,
    add_bom,
    edit_front_matter,
    copy_lines,
    copy_paragraph,
    swap_lines,
    flip_byte,
    insert_bytes,
    delete_bytes,
    splice_seed,
    repeat_piece,
    insert_not_utf8,
    change_line_endings,
    insert_markup,
    insert_phrase,
    insert_unicode,
    edit_front_matter,
    copy_paragraph,
]


@st.composite
def documents(draw: Draw, max_mutations: int = 8, fixable: bool = False) -> tuple[bytes, str]:
    """(the document's bytes, its file suffix). With ``fixable``, first up to
    three things --fix acts on (a repeated paragraph, a widget line, an unused
    suppression, jargon) are put in."""
    _, data = draw(st.sampled_from(SEEDS))
    if not draw(st.booleans()):  # shrinks towards a slice of the seed's lines
        lines = _lines(data)
        start = draw(st.integers(0, len(lines)))
        data = b"".join(lines[start : start + draw(st.integers(0, len(lines) - start))])
    if fixable:
        for _ in range(draw(st.integers(0, 3))):
            data = draw(st.sampled_from([insert_fixable, copy_paragraph]))(draw, data)
    for _ in range(draw(st.integers(0, max_mutations))):
        data = draw(st.sampled_from(MUTATIONS))(draw, data)
    return data, draw(st.sampled_from(SUFFIXES))
