"""Mutation fuzzing: medlint on broken versions of its own example articles.

Documents are the repository's example articles and rule fixtures (never
``../shared``), mutated: bytes flipped, inserted and deleted; Markdown syntax
(headings, list and quote markers, code fences, suppression comments,
``<details>``, tables, entities, backslash escapes, ``---`` lines) at random
places; front matter edits (bad dates, colons, U+2028, broken YAML and
fences); line endings changed (CRLF, lone CR, mixed, a stray CR, no final
newline); a byte-order mark, NUL, form feed, terminal escapes; odd Unicode
(U+2028, bidi overrides, combining marks, emoji, astral characters); bytes
that are not UTF-8; lines repeated, moved and spliced in from another seed.
See mutations.py. Each document is written to a temporary ``.md`` or
``.txt`` file and checked with ``medlint check --today 2026-11-24`` run in
this process (``medlint.cli.main``). What is asserted (properties.py):

1. exit code 0 or 1, or 2 with exactly one ``medlint: error:`` line on
   stderr; no exception, no traceback, no check that crashed;
2. every finding's position is inside the file: 1 <= line <= lines (ended
   by LF, CRLF or a lone CR, as ``medlint.document.LineIndex`` counts them),
   1 <= column <= length of the line + 1, line <= end_line,
   end_column <= max(1, length of the end line), start <= end;
3. text a message quotes from the article (a repeated sentence, a list
   introduction, boilerplate, jargon, a misspelt word, an acronym, a review
   date written in the text) is on the finding's lines (compared without
   markup, whitespace collapsed);
4. every format is well-formed: json, json-lines (the same findings), SARIF
   (valid for the sarif_pydantic model), JUnit XML (parses), text and github
   (UTF-8, no raw control characters but the line feed);
5. with and without ``--unsafe-fixes``: ``--diff`` writes nothing; ``--fix``
   gives what the diff says (applied by a strict parser and by ``patch``);
   each round of fixes changes only the lines of the findings it fixes (and
   the blank line a deletion takes along); BOM, line endings and final
   newline (or its absence) are kept; a second ``--fix`` changes nothing.

The short run is part of the default suite (a few seconds, derandomized so
that CI is reproducible; each document is checked as json and one other
format drawn with it). The long run (every format for every document, random
each time) is marked ``fuzz`` and runs only when selected or asked for::

    .venv/bin/python -m pytest -m fuzz tests/fuzz               # 10000 + 2000
    MEDLINT_FUZZ_EXAMPLES=50000 .venv/bin/python -m pytest tests/fuzz
    MEDLINT_FUZZ_EXAMPLES=3000 MEDLINT_FUZZ_FIX_EXAMPLES=3000 \\
        .venv/bin/python -m pytest -m fuzz tests/fuzz -x

``MEDLINT_FUZZ_EXAMPLES`` sets the number of documents checked (default
10000), ``MEDLINT_FUZZ_FIX_EXAMPLES`` the number fixed (default a fifth of
it, 2000). Add ``--hypothesis-seed=N`` to repeat a run, and
``--hypothesis-show-statistics`` to see its pace. ``MEDLINT_FUZZ_DB=DIR``
keeps failing examples in DIR so that the next run tries them first (by
default nothing is written). A failure names the property (``[quote
spelling] ...``) and shows the shrunk document as a bytes literal; replay it
with ``properties.check_reports(data, suffix)`` or ``check_fixes(data,
suffix, unsafe)``.
"""

from __future__ import annotations

import os
import re

import pytest
from hypothesis import HealthCheck, event, given, note, settings
from hypothesis import strategies as st
from hypothesis.database import DirectoryBasedExampleDatabase

from .mutations import SEEDS, documents
from .properties import OTHER_FORMATS, check_fixes, check_reports

_LONG_EXAMPLES = os.environ.get("MEDLINT_FUZZ_EXAMPLES")
_LONG_FIX_EXAMPLES = os.environ.get("MEDLINT_FUZZ_FIX_EXAMPLES")
CHECK_EXAMPLES = int(_LONG_EXAMPLES or 10000)
FIX_EXAMPLES = int(_LONG_FIX_EXAMPLES or max(1, CHECK_EXAMPLES // 5))

_COMMON = dict(
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    print_blob=True,
)
SHORT = settings(max_examples=40, derandomize=True, database=None, **_COMMON)
SHORT_FIX = settings(max_examples=40, derandomize=True, database=None, **_COMMON)
_DB = os.environ.get("MEDLINT_FUZZ_DB")
_LONG = dict(database=DirectoryBasedExampleDatabase(_DB) if _DB else None, **_COMMON)
LONG = settings(max_examples=CHECK_EXAMPLES, **_LONG)
LONG_FIX = settings(max_examples=FIX_EXAMPLES, **_LONG)


def _skip_unless_long(config) -> None:
    """Skip unless the run selects the ``fuzz`` marker or sets an example count."""
    selected = re.search(r"(?<!not )\bfuzz\b", config.option.markexpr or "")
    if not (selected or _LONG_EXAMPLES or _LONG_FIX_EXAMPLES):
        pytest.skip("the long fuzzing run: select it with -m fuzz or MEDLINT_FUZZ_EXAMPLES=N")


def _show(data: bytes, suffix: str) -> None:
    note(f"document ({suffix}, {len(data)} bytes): {data!r}")


def _events(seen: list[str]) -> None:
    """What the documents exercised, for --hypothesis-show-statistics."""
    for label in seen:
        event(label)


def test_seeds_are_the_repository_articles():
    names = {name for name, _ in SEEDS}
    assert "examples/iron-deficiency-anemia.md" in names
    assert "examples/poems-syndrome.txt" in names
    assert any(name.startswith("tests/fixtures/duplicate-paragraph/") for name in names)
    assert not any("shared" in name.split("/") for name in names)


@SHORT
@given(documents(), st.sampled_from(OTHER_FORMATS))
def test_reports(document, fmt):
    data, suffix = document
    _show(data, suffix)
    _events(check_reports(data, suffix, (fmt,)))


@SHORT_FIX
@given(documents(fixable=True), st.booleans())
def test_fixes(document, unsafe):
    data, suffix = document
    _show(data, suffix)
    _events(check_fixes(data, suffix, unsafe))


# pytestconfig is session-scoped: no state leaks between examples.
@pytest.mark.fuzz
@LONG
@given(document=documents())
def test_reports_long(pytestconfig, document):
    _skip_unless_long(pytestconfig)
    data, suffix = document
    _show(data, suffix)
    _events(check_reports(data, suffix, OTHER_FORMATS))


@pytest.mark.fuzz
@LONG_FIX
@given(document=documents(fixable=True), unsafe=st.booleans())
def test_fixes_long(pytestconfig, document, unsafe):
    _skip_unless_long(pytestconfig)
    data, suffix = document
    _show(data, suffix)
    _events(check_fixes(data, suffix, unsafe))
