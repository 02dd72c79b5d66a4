"""What every check kind module provides, and the option schema it declares.

A check kind is a module in ``medlint.checks`` with:

* ``NAME``: the kind's name, which a rule's ``check:`` key refers to;
* ``OPTIONS``: option name -> :class:`Option` (its type, default and help);
* ``MESSAGE_ARGS``: the placeholders its Hits fill in a rule's message;
* ``check(doc, options, context)``: a generator of :class:`~medlint.findings.Hit`.

And it may provide:

* ``prepare(options, context, owner)``: read the files its options name once,
  before any article, raising an error that names ``owner`` for a bad one;
* ``load(options, context)``: build the data it needs (a dictionary) before
  the engine reads the first article it checks, and before it forks its
  workers; called again before each article, so it keeps what it built;
* ``resources(options, context)``: the files whose contents change its results
  (part of the results cache's key);
* ``AFTER_SUPPRESSIONS = True``: it runs after the suppressions are applied
  (unused-suppression); ``USES_TODAY = True``: its results depend on the date;
* ``PROJECT = True`` with ``collect(doc, options)`` and
  ``check_project(articles, options, reported, spread)``: it compares what it
  collected from every article of the run (copied-paragraph). ``spread`` is
  how the engine lends it its processes (:data:`Spread`).

A check reads the Document and its options, nothing else: no files, no config,
no printing. Options arrive validated and complete (defaults filled in).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, TypeVar

from medlint.document import SCOPES, Document
from medlint.findings import Hit
from medlint.patterns import PatternError, compile_pattern

Options = Mapping[str, Any]

R = TypeVar("R")
#: How a project check has the engine do its work in parts: ``spread(work)``
#: calls ``work(part, parts)`` for each part in ``range(parts)``, in as many
#: processes as the run has (``--jobs``), and gives the results in the parts'
#: order. ``work`` must be pure (its result depends on its arguments and
#: what it reads, never on what another part did): the result is the same
#: however many parts there are. The check decides whether the work is worth
#: spreading; the engine, how many parts (one in a one-process run).
Spread = Callable[[Callable[[int, int], R]], list[R]]


def in_one_process(work: Callable[[int, int], R]) -> list[R]:
    """A Spread of one part, in this process: the serial run's, and the default."""
    return [work(0, 1)]


@dataclass(frozen=True)
class Context:
    """Facts about the run that are not in the document: the date, the
    project, which rules run, the language. No rule's options are here: a
    check reads its own (where one rule defers to another, the engine does
    it, by rule ID: ``Rule.defers_to``; where kinds share options, the
    settings give each its copy: ``SHARES_OPTIONS``)."""

    today: dt.date = field(default_factory=dt.date.today)
    #: The project's directory: the config file's, or the working directory.
    root: Path = field(default_factory=Path.cwd)
    #: Rule IDs that run, every rule ID there is, and whether every rule that is
    #: on by default runs (for unused-suppression).
    enabled_rules: frozenset[str] = frozenset()
    known_rules: frozenset[str] = frozenset()
    every_rule_runs: bool = True
    #: The run's language ("en-US" or "en-GB", the config's ``language``); an
    #: article's front matter ``lang`` can name another (see
    #: ``medlint.vocabulary.article_language``).
    language: str = "en-US"


class CheckKind(Protocol):
    NAME: str
    OPTIONS: dict[str, Option]
    MESSAGE_ARGS: frozenset[str]

    def check(self, doc: Document, options: Options, context: Context) -> Iterator[Hit]: ...


class OptionError(ValueError):
    """An option value of the wrong type or out of range."""


def _integer(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise OptionError(f"expected a whole number, got {value!r}")
    return value


def _number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise OptionError(f"expected a number, got {value!r}")
    return value


def _boolean(value: Any) -> bool:
    if not isinstance(value, bool):
        raise OptionError(f"expected true or false, got {value!r}")
    return value


def _string(value: Any) -> str:
    if not isinstance(value, str):
        raise OptionError(f"expected a string, got {value!r}")
    return value


def _string_list(value: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise OptionError(f"expected a list of strings, got {value!r}")
    return list(value)


def _pattern_list(value: Any) -> list[str]:
    patterns = _string_list(value)
    for pattern in patterns:
        _compiles(pattern)
    _compiles("|".join(f"(?:{p})" for p in patterns), "together (write inline flags as (?i:...))")
    return patterns


def _string_map(value: Any) -> dict[str, str]:
    if not isinstance(value, Mapping) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        raise OptionError(f"expected a mapping of strings to strings, got {value!r}")
    return dict(value)


def _pattern_map(value: Any) -> dict[str, str]:
    mapping = _string_map(value)
    for pattern in mapping:
        _compiles(pattern)
    _compiles("|".join(f"(?:{p})" for p in mapping), "together (write inline flags as (?i:...))")
    # As the substitution check joins them, each term its own group: a
    # backreference by number ("(ab)\\1") then names another group.
    _compiles(
        "|".join(f"(?P<t{i}>{p})" for i, p in enumerate(mapping)),
        "together (refer to a group by name, (?P=name), not by number)",
    )
    return mapping


#: False while the built-in pack is read: its patterns are known to compile
#: (tests/test_rule_packs.py compiles every one), and compiling them all on
#: every run cost a one-file run 45 ms. A user's pack and config are checked.
CHECK_PATTERNS: ContextVar[bool] = ContextVar("check_patterns", default=True)


def _compiles(pattern: str, together: str = "") -> None:
    if not CHECK_PATTERNS.get():
        return
    try:
        compile_pattern(pattern)
    except PatternError as error:
        message = f"the patterns do not compile {together}" if together else str(error)
        raise OptionError(message) from None


_VALIDATORS: dict[str, Callable[[Any], Any]] = {
    "integer": _integer,
    "number": _number,
    "boolean": _boolean,
    "string": _string,
    "string-list": _string_list,
    "pattern-list": _pattern_list,
    "path-list": _string_list,  # made absolute by the loader, relative to the declaring file
    "string-map": _string_map,
    "pattern-map": _pattern_map,
}


@dataclass(frozen=True)
class Option:
    """One option of a check kind: its type, default, allowed values and help."""

    type: str
    default: Any
    help: str
    choices: tuple[str, ...] = ()
    minimum: float | None = None

    def validate(self, value: Any) -> Any:
        value = _VALIDATORS[self.type](value)
        if self.choices and value not in self.choices:
            raise OptionError(f"expected one of {', '.join(self.choices)}, got {value!r}")
        if self.minimum is not None and value < self.minimum:
            raise OptionError(f"must be at least {self.minimum:g}, got {value!r}")
        return value


def scope_option(default: str) -> Option:
    """The ``scope`` option of the data-driven check kinds: which blocks they read."""
    return Option(
        "string",
        default,
        "Which blocks to read: prose (paragraphs and list items), text (also headings "
        "and tables) or all (also HTML). Code, comments and front matter are never read.",
        choices=tuple(SCOPES),
    )
