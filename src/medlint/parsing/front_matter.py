"""YAML front matter: the metadata block between ``---`` fences at the top of a
Markdown article.

Front matter is untrusted input from a content repository, so it is loaded with
ruamel.yaml's safe loader, refused when it uses aliases (an "alias bomb" loads
quickly but explodes when walked) and capped in size. Problems become
``Problem`` records with the position in the file, never exceptions.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from medlint.document import LineIndex, Problem
from medlint.findings import Span

if TYPE_CHECKING:
    from ruamel.yaml.error import MarkedYAMLError

MAX_FRONT_MATTER_BYTES = 64 * 1024
#: Deeper nesting is refused: no article needs it, and libyaml would recurse past its stack.
MAX_DEPTH = 50
_FENCES = ("---", "...")


@lru_cache(maxsize=1)
def _constructor() -> type:
    """ruamel's safe constructor, leaving dates as written: ``2026-02-30`` is
    the review-date rules' to report (as an impossible date), not a crash in
    the YAML library. (ruamel.yaml is imported when an article has front
    matter: a plain-text run without it never loads the library.)"""
    from ruamel.yaml.constructor import SafeConstructor

    class Constructor(SafeConstructor):
        pass

    Constructor.add_constructor("tag:yaml.org,2002:timestamp", SafeConstructor.construct_yaml_str)
    return Constructor


@dataclass
class FrontMatter:
    data: dict[str, Any] | None
    #: 1-based first and last line, fences included.
    lines: tuple[int, int]
    #: Offset in the source where the body starts.
    body_start: int
    problem: Problem | None = None


def split_front_matter(source: str, lines: LineIndex) -> FrontMatter | None:
    """Find and load the front matter; None when the file has none. Lines are
    the document's (LF, CRLF or lone CR), so positions agree with the rest."""
    if lines.lines < 2 or lines.text(1).rstrip(" \t") != "---":
        return None
    closing = next(
        (n for n in range(2, lines.lines + 1) if lines.text(n).rstrip(" \t") in _FENCES), None
    )
    if closing is None:
        problem = Problem(
            "front-matter", "it starts with --- on line 1 but has no closing --- line", Span.at(1)
        )
        return FrontMatter(None, (1, 1), lines.next_start(1), problem)
    start = lines.offset(2)
    text = source[start : lines.offset(closing)]
    data, problem = _load(text, lambda index: _at(lines, start + index))
    return FrontMatter(data, (1, closing), lines.next_start(closing), problem)


def _at(lines: LineIndex, offset: int) -> Span:
    """The position of an offset, on its line's last character when it is the
    line ending itself (a YAML error "at the end of the line")."""
    line, column = lines.position(offset)
    length = lines.content_end(line) - lines.offset(line)
    return Span.at(line, max(1, min(column, length)))


def _load(text: str, where: Callable[[int], Span]) -> tuple[dict[str, Any] | None, Problem | None]:
    """Load the YAML; ``where`` turns an offset in ``text`` into a file span
    (from the offset, not from the YAML library's line count: libyaml also
    ends lines at U+2028 and U+0085, which the article does not)."""

    # The YAML reader drops a byte-order mark at the start and counts from after it.
    shift = 1 if text.startswith("\ufeff") else 0

    def problem(message: str, mark: Any = None) -> Problem:
        return Problem("front-matter", message, where(mark.index + shift if mark else 0))

    if len(text.encode("utf-8")) > MAX_FRONT_MATTER_BYTES:
        return None, problem(f"it is larger than {MAX_FRONT_MATTER_BYTES // 1024} KiB")
    simple = simple_mapping(text)
    if simple is not None:
        return simple, None
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError
    from ruamel.yaml.events import AliasEvent, CollectionEndEvent, CollectionStartEvent

    yaml = YAML(typ="safe")  # libyaml (ruamel.yaml.clib) when installed
    yaml.Constructor = _constructor()
    try:
        depth = 0
        for event in yaml.parse(text) if _may_alias_or_nest(text) else ():
            if isinstance(event, AliasEvent):
                return None, problem(
                    "it uses a YAML alias (*name); write the value out instead", event.start_mark
                )
            if isinstance(event, CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:  # libyaml's loader recurses in C: it would crash
                    return None, problem(
                        f"values are nested more than {MAX_DEPTH} levels deep", event.start_mark
                    )
            elif isinstance(event, CollectionEndEvent):
                depth -= 1
        data = yaml.load(text)
    except MarkedYAMLError as error:
        return None, problem(
            f"not valid YAML: {describe_yaml_error(error, lambda m: where(m.index + shift).line)}",
            error.problem_mark or error.context_mark,
        )
    except YAMLError as error:
        return None, problem(f"not valid YAML: {error}")
    except (ValueError, TypeError, RecursionError) as error:  # a constructor refused a value
        return None, problem(f"a value cannot be read: {error}")
    if data is None:
        return {}, None
    if not isinstance(data, dict):
        return None, problem("it must be a mapping of keys to values")
    return data, None


def _may_alias_or_nest(text: str) -> bool:
    """Whether the YAML could hold an alias (it needs a ``*``) or collections
    nested past MAX_DEPTH (each collection needs its own indicator: ``:``,
    ``-``, ``?``, ``[`` or ``{``). Most front matter can do neither, and is
    loaded without reading its events first."""
    return "*" in text or sum(map(text.count, ":-?[{")) > MAX_DEPTH


#: A line of flat front matter: ``key: value`` (the value may be absent).
_SIMPLE_LINE = re.compile(r"([A-Za-z_][A-Za-z0-9_]*(?:-[A-Za-z0-9_]+)*):(?: +(.*))?")
#: Plain values that YAML 1.2 reads as something other than text (in other
#: cases, "tRUE", they are text, but the fast path leaves them to ruamel.yaml).
_NOT_TEXT = frozenset(("true", "false", "null"))
_CONSTANTS = {
    **dict.fromkeys(("true", "True", "TRUE"), True),
    **dict.fromkeys(("false", "False", "FALSE"), False),
    **dict.fromkeys(("null", "Null", "NULL", "~"), None),
}
_INTEGER = re.compile(r"0|[1-9][0-9]*")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
#: Characters that a plain value or a list item of the simple shape never holds.
_NOT_PLAIN = re.compile(r"[\[\]{}\t\r]|: | #|:$")
_NOT_ITEM = re.compile(r"[\[\]{}#,:\"'\t\r]")


def simple_mapping(text: str) -> dict[str, Any] | None:
    """The front matter of the shape most articles have, read without the
    YAML library: one ``key: value`` per line, the key a plain name, the value
    absent, a quoted string with no escape or inner quote, a plain string that
    begins with a letter, true, false or null, a whole number, a date, or a flow list of plain
    words (``[a, b]``), and comment lines; what ruamel.yaml's safe loader (YAML
    1.2, dates as written) gives for it. Anything else, an error included, is
    None: ruamel.yaml reads it. (Loading took a twentieth of a run's time, and
    importing ruamel.yaml a twelfth of a one-file run; a test holds this to
    ruamel.yaml's result on hand-made cases and the corpora's front matter.)"""
    data: dict[str, Any] = {}
    for line in text.split("\n"):
        if not line or line.startswith("#"):
            continue
        match = _SIMPLE_LINE.fullmatch(line.rstrip(" "))
        if match is None:
            return None
        key, value = match.groups()
        if key in data or key.lower() in _NOT_TEXT:
            return None
        if value is None:
            data[key] = None
            continue
        parsed = _simple_value(value)
        if parsed is None:
            return None
        data[key] = parsed[0]
    return data


def _simple_value(value: str) -> tuple[Any] | None:
    """(the value,) for the shapes ``simple_mapping`` reads, else None."""
    if not value.isprintable():
        return None
    if value in _CONSTANTS:
        return (_CONSTANTS[value],)
    first = value[0]
    if first in "\"'":
        if len(value) < 2 or value[-1] != first or first in value[1:-1] or "\\" in value:
            return None
        return (value[1:-1],)
    if first == "[":
        if value[-1] != "]":
            return None
        inner = value[1:-1]
        if not inner.strip(" "):
            return ([],)
        items = [item.strip(" ") for item in inner.split(",")]
        if not all(item and item[0].isalpha() for item in items):
            return None
        if any(_NOT_ITEM.search(item) or item.lower() in _NOT_TEXT for item in items):
            return None
        return (items,)
    if first.isalpha():
        if _NOT_PLAIN.search(value) or value.lower() in _NOT_TEXT:
            return None
        return (value,)
    if _INTEGER.fullmatch(value):
        return (int(value),)
    if _DATE.fullmatch(value):
        return (value,)
    return None


def describe_yaml_error(error: MarkedYAMLError, line_of: Callable[[Any], int] | None = None) -> str:
    """ruamel's problem, with its context ("while scanning a quoted scalar")
    and the line where that started (``line_of(mark)``; by default ruamel's
    own count, 1-based)."""
    text = (error.problem or "invalid YAML").strip()
    if error.context and error.context_mark:
        line = line_of(error.context_mark) if line_of else error.context_mark.line + 1
        text += f" ({error.context.strip()} on line {line})"
    return text
