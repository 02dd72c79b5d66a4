"""YAML front matter: the metadata block between ``---`` fences at the top of a
Markdown article.

Front matter is untrusted input from a content repository, so it is loaded with
ruamel.yaml's safe loader, refused when it uses aliases (an "alias bomb" loads
quickly but explodes when walked) and capped in size. Problems become
``Problem`` records with the position in the file, never exceptions.
"""

from __future__ import annotations

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


def describe_yaml_error(error: MarkedYAMLError, line_of: Callable[[Any], int] | None = None) -> str:
    """ruamel's problem, with its context ("while scanning a quoted scalar")
    and the line where that started (``line_of(mark)``; by default ruamel's
    own count, 1-based)."""
    text = (error.problem or "invalid YAML").strip()
    if error.context and error.context_mark:
        line = line_of(error.context_mark) if line_of else error.context_mark.line + 1
        text += f" ({error.context.strip()} on line {line})"
    return text
