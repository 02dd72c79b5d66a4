"""Reading the YAML files users write (config, rule packs) with positions, so
that every error can name the file, line and key.

A rule pack may come from anywhere, so these files are treated like front
matter (``medlint.parsing.front_matter``): capped in size (MAX_YAML_BYTES),
refused when they use an alias (``*name``: an "alias bomb" loads quickly but
explodes when walked, and ``&a [*a]`` never ends) or nest deeper than
MAX_DEPTH, each with a ConfigError naming the file and line.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from medlint.errors import ConfigError
from medlint.parsing.front_matter import describe_yaml_error
from medlint.reading import MAX_YAML_BYTES, FileTooLarge, format_size, read_bytes

if TYPE_CHECKING:
    from ruamel.yaml.comments import CommentedMap

# ruamel.yaml is imported by the functions that read YAML: a run with no
# config file, whose built-in pack was kept (``rules._KeptPack``), and whose
# articles have no front matter never loads it.

#: Config and rule files nest a few levels (rules -> rule -> option -> value).
MAX_DEPTH = 50


def read_text(path: Path, limit: int = MAX_YAML_BYTES) -> str:
    """A config or rule file's text: a regular file of at most ``limit``
    bytes, in UTF-8; anything else is a ConfigError naming the file."""
    try:
        data = read_bytes(path, limit)
    except FileTooLarge as error:
        raise ConfigError(
            path, f"{error.describe()}, the limit for a config or rule file"
        ) from None
    except OSError as error:
        raise ConfigError(path, f"cannot read: {error.strerror or error}") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ConfigError(path, f"cannot read: {error}") from None


def load_mapping(path: Path, text: str | None = None, positions: bool = True) -> CommentedMap:
    """Load a YAML file whose top level must be a mapping. With ``positions``,
    keys know their lines (for error messages); without, loading is several
    times faster (libyaml), for files that are usually right."""
    if text is None:
        text = read_text(path)
    elif len(text) > MAX_YAML_BYTES:  # characters: at least as many bytes
        raise ConfigError(
            path,
            f"it is larger than {format_size(MAX_YAML_BYTES)}, the limit for a config or rule file",
        )
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    refuse_aliases_and_depth(path, text)
    try:
        data = YAML(typ="rt" if positions else "safe").load(text)
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        raise ConfigError(
            path,
            f"not valid YAML: {describe_yaml_error(error)}",
            mark.line + 1 if mark else None,
            mark.column + 1 if mark else None,
        ) from None
    except RecursionError:
        raise ConfigError(path, f"values nested more than {MAX_DEPTH} levels deep") from None
    except (YAMLError, ValueError, TypeError) as error:  # ValueError: a date like 2026-02-30
        raise ConfigError(path, f"cannot read: {error}") from None
    if data is None:
        return CommentedMap()
    if not isinstance(data, dict):
        raise ConfigError(path, "the top level must be a mapping of keys to values", 1)
    return data


def refuse_aliases_and_depth(path: Path, text: str) -> None:
    """A ConfigError at the first alias, or where the nesting passes
    MAX_DEPTH. The events come from a parser, which is not recursive (the
    loaders are: libyaml's crashes on deep nesting). When libyaml cannot parse
    the text, ruamel's own parser, the round-trip loader's, scans it; text
    neither parses is left to the loader, whose error has positions."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError
    from ruamel.yaml.main import CParser  # libyaml's parser; None without ruamel.yaml.clib

    try:
        _scan(path, _events(text))
    except YAMLError:
        if CParser is None:
            return
        try:
            _scan(path, YAML(typ="safe", pure=True).parse(text))
        except YAMLError:
            return


def _scan(path: Path, events: Iterator[Any]) -> None:
    from ruamel.yaml.events import AliasEvent, CollectionEndEvent, CollectionStartEvent

    depth = 0
    for event in events:
        if isinstance(event, AliasEvent):
            raise _error(path, "uses a YAML alias (*name); write the value out instead", event)
        if isinstance(event, CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise _error(path, f"values nested more than {MAX_DEPTH} levels deep", event)
        elif isinstance(event, CollectionEndEvent):
            depth -= 1


def _events(text: str) -> Iterator[Any]:
    """The parse events of ``text``. libyaml's parser is used directly: a
    YAML object costs more to make than the pack's small files to parse."""
    from ruamel.yaml import YAML
    from ruamel.yaml.main import CParser

    if CParser is None:
        yield from YAML(typ="safe", pure=True).parse(text)
        return
    parser = CParser(text)
    try:
        while parser.check_event():
            yield parser.get_event()
    finally:
        parser.dispose()


def _error(path: Path, message: str, event: Any) -> ConfigError:
    mark = event.start_mark
    return ConfigError(path, message, mark.line + 1, mark.column + 1)


def key_line(mapping: Any, key: str) -> int | None:
    """1-based line of ``key`` in a mapping loaded by :func:`load_mapping`."""
    try:
        return mapping.lc.key(key)[0] + 1
    except (AttributeError, KeyError, TypeError):
        return None


def plain(value: Any) -> Any:
    """ruamel's round-trip containers as plain dicts, lists and scalars."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, str):
        return str(value)
    return value
