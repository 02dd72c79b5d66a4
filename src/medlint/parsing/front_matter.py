"""YAML front matter: the metadata block between ``---`` fences at the top of a
Markdown article.

Front matter is untrusted input from a content repository, so it is loaded with
ruamel.yaml's safe loader, refused when it uses aliases (an "alias bomb" loads
quickly but explodes when walked) and capped in size. Problems become
``Problem`` records with the position in the file, never exceptions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.constructor import SafeConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent

from medlint.document import Problem
from medlint.findings import Span

MAX_FRONT_MATTER_BYTES = 64 * 1024
_OPENING = re.compile(r"---[ \t]*\r?\n")
_CLOSING = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.MULTILINE)


class _Constructor(SafeConstructor):
    """Leaves dates as written: ``2026-02-30`` is the review-date rules' to
    report (as an impossible date), not a crash in the YAML library."""


_Constructor.add_constructor("tag:yaml.org,2002:timestamp", SafeConstructor.construct_yaml_str)


@dataclass
class FrontMatter:
    data: dict[str, Any] | None
    #: 1-based first and last line, fences included.
    lines: tuple[int, int]
    #: Offset in the source where the body starts.
    body_start: int
    problem: Problem | None = None


def split_front_matter(source: str) -> FrontMatter | None:
    """Find and load the front matter; None when the file has none."""
    opening = _OPENING.match(source)
    if opening is None:
        return None
    closing = _CLOSING.search(source, opening.end())
    if closing is None:
        problem = _problem("it starts with --- on line 1 but has no closing --- line", -1, 0)
        return FrontMatter(None, (1, 1), opening.end(), problem)
    text = source[opening.end() : closing.start()]
    last_line = source.count("\n", 0, closing.start()) + 1
    newline = source.find("\n", closing.end())
    body_start = len(source) if newline == -1 else newline + 1
    data, problem = _load(text)
    return FrontMatter(data, (1, last_line), body_start, problem)


def _load(text: str) -> tuple[dict[str, Any] | None, Problem | None]:
    if len(text.encode("utf-8")) > MAX_FRONT_MATTER_BYTES:
        return None, _problem(f"it is larger than {MAX_FRONT_MATTER_BYTES // 1024} KiB", 0, 0)
    yaml = YAML(typ="safe")  # libyaml (ruamel.yaml.clib) when installed
    yaml.Constructor = _Constructor
    try:
        for event in yaml.parse(text):
            if isinstance(event, AliasEvent):
                mark = event.start_mark
                return None, _problem(
                    "it uses a YAML alias (*name); write the value out instead",
                    mark.line,
                    mark.column,
                )
        data = yaml.load(text)
    except MarkedYAMLError as error:
        return None, _problem(f"not valid YAML: {describe_yaml_error(error, 2)}", *_mark(error))
    except YAMLError as error:
        return None, _problem(f"not valid YAML: {error}", 0, 0)
    except (ValueError, TypeError, RecursionError) as error:  # a constructor refused a value
        return None, _problem(f"a value cannot be read: {error}", 0, 0)
    if data is None:
        return {}, None
    if not isinstance(data, dict):
        return None, _problem("it must be a mapping of keys to values", 0, 0)
    return data, None


def _mark(error: MarkedYAMLError) -> tuple[int, int]:
    mark = error.problem_mark or error.context_mark
    return (mark.line, mark.column) if mark else (0, 0)


def describe_yaml_error(error: MarkedYAMLError, first_line: int = 1) -> str:
    """ruamel's problem, with its context ("while scanning a quoted scalar")
    and where that started, numbered from ``first_line``."""
    text = (error.problem or "invalid YAML").strip()
    if error.context and error.context_mark:
        text += f" ({error.context.strip()} on line {error.context_mark.line + first_line})"
    return text


def _problem(message: str, line: int, column: int) -> Problem:
    # The YAML text starts on line 2 of the file (after the opening fence);
    # ruamel's marks are 0-based.
    return Problem("front-matter", message, Span.at(line + 2, column + 1))
