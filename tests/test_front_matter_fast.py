"""Flat front matter is read without the YAML library (front_matter.simple_mapping):
what it reads must be what ruamel.yaml's safe loader reads, and anything it is
not sure of it must leave to ruamel.yaml."""

from __future__ import annotations

import itertools

import pytest

from medlint.parsing import front_matter
from medlint.parsing.front_matter import simple_mapping

from conftest import CORPUS, needs_corpus


def ruamel_load(text: str):
    """What the loader gives without the fast path (the same code, the fast path off)."""
    saved = front_matter.simple_mapping
    front_matter.simple_mapping = lambda text: None
    try:
        return front_matter._load(text, lambda index: None)
    finally:
        front_matter.simple_mapping = saved


VALUES = [
    "Editorial team",
    "https://www.example.gov/health/a_b.asp",
    "2025-01-10",
    "2025-13-45",
    "2025-1-1",
    "1",
    "0",
    "007",
    "-1",
    "+1",
    "1_000",
    "0x1F",
    "0o17",
    "1e3",
    "1.0",
    ".5",
    ".inf",
    "yes",
    "no",
    "on",
    "off",
    "y",
    "n",
    "~",
    "null",
    "Null",
    "NULL",
    "true",
    "True",
    "FALSE",
    "NaN",
    "tRUE",
    "~x",
    "12:30",
    "a: b",
    "a:",
    "a #c",
    "C#",
    "a,b",
    "a]",
    "a  b",
    "x\ty",
    "Ünïcode",
    "Women's health",
    'a "quoted" word',
    "it's",
    "n/a",
    "AT&T",
    "a *b",
    "%x",
    "@x",
    "`x",
    "!x",
    "&x",
    "*x",
    "|",
    ">",
    "=",
    "<<",
    "-",
    "- a",
    "? a",
    '"a"',
    '"a" # c',
    '"a\\nb"',
    '"a\\"b"',
    '""',
    '"',
    "'a'",
    "'it''s'",
    "''",
    "'a\\b'",
    '"a # b"',
    "[a, b]",
    "[heart disease, stroke]",
    "[]",
    "[ ]",
    "[a,]",
    "[a, [b]]",
    "[a: b]",
    "[a:b]",
    "[true, b]",
    "[1, 2]",
    "['a', b]",
    "[a, b] # c",
    "{a: b}",
    "a\u2028b",
    "a\u0085b",
    "a\ufeffb",
    "a\xa0b",
    "text\\with\\backslashes",
    "ends with colon:",
]

KEYS = ["title", "y", "on", "yes", "true", "True", "null", "1", "a b", "a-b", "_a", "a--b", "é"]


@pytest.mark.parametrize("value", VALUES)
def test_a_value_is_read_as_ruamel_reads_it_or_left_to_it(value):
    for text in (f"k: {value}\n", f"k: {value}", f"k: {value}   \n", f"a: 1\nk: {value}\nb: x\n"):
        fast = simple_mapping(text)
        if fast is not None:
            assert (fast, None) == ruamel_load(text), text


@pytest.mark.parametrize("key", KEYS)
def test_a_key_is_read_as_ruamel_reads_it_or_left_to_it(key):
    text = f"{key}: value\n"
    fast = simple_mapping(text)
    if fast is not None:
        assert (fast, None) == ruamel_load(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\n",
        "# a comment\n",
        "title: x\n# a comment\nauthor: y\n",
        "title: x\n\nauthor: y\n",
        "title:\n  nested: x\n",
        "title: x\n  continued\n",
        "title: x\ncontinued\n",
        "a: 1\na: 2\n",
        "\ufefftitle: x\n",
        "title: x\r\nauthor: y\r\n",
        "title:x\n",
        "title : x\n",
        " title: x\n",
        "- a\n- b\n",
        "%YAML 1.2\n",
        "...\n",
        "tags:\n- a\n- b\n",
    ],
)
def test_a_document_is_read_as_ruamel_reads_it_or_left_to_it(text):
    fast = simple_mapping(text)
    if fast is not None:
        assert (fast, None) == ruamel_load(text)


def test_the_common_shapes_are_read_without_ruamel():
    """The point of the fast path: it is taken for the front matter articles have."""
    text = (
        'title: "Iron-deficiency anaemia"\nauthor: Editorial team\nlast_reviewed: 2025-01-10\n'
        "order: 1\ndisplay_title:\nhref: https://www.va.gov/health/a_b.asp\n"
        "tags: [hematology, anemia, nutrition]\nprivate: false\n"
    )
    assert simple_mapping(text) == {
        "title": "Iron-deficiency anaemia",
        "author": "Editorial team",
        "last_reviewed": "2025-01-10",
        "order": 1,
        "display_title": None,
        "href": "https://www.va.gov/health/a_b.asp",
        "tags": ["hematology", "anemia", "nutrition"],
        "private": False,
    }


def test_two_values_on_a_line_in_any_mix_are_read_as_ruamel_reads_them():
    for first, second in itertools.product(VALUES[:40], repeat=2):
        text = f"a: {first}\nb: {second}\n"
        fast = simple_mapping(text)
        if fast is not None:
            assert (fast, None) == ruamel_load(text), text


@needs_corpus
def test_the_corpora_front_matter_is_read_as_ruamel_reads_it():
    read_fast = 0
    files = sorted(CORPUS.glob("medquad/*/*.md"))[::20] + sorted(CORPUS.glob("vagov/**/*.md"))
    assert files
    for path in files:
        lines = path.read_text(encoding="utf-8").split("\n")
        if lines[0] != "---" or "---" not in lines[1:]:
            continue
        text = "\n".join(lines[1 : lines.index("---", 1)]) + "\n"
        fast = simple_mapping(text)
        if fast is not None:
            read_fast += 1
            assert (fast, None) == ruamel_load(text), path
    assert read_fast > len(files) // 2
