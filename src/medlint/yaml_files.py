"""Reading the YAML files users write (config, rule packs) with positions, so
that every error can name the file, line and key."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from medlint.errors import ConfigError
from medlint.parsing.front_matter import describe_yaml_error


def load_mapping(path: Path, text: str | None = None, positions: bool = True) -> CommentedMap:
    """Load a YAML file whose top level must be a mapping. With ``positions``,
    keys know their lines (for error messages); without, loading is several
    times faster (libyaml), for files that are usually right."""
    try:
        if text is None:
            text = path.read_text(encoding="utf-8")
        data = YAML(typ="rt" if positions else "safe").load(text)
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        raise ConfigError(
            path,
            f"not valid YAML: {describe_yaml_error(error)}",
            mark.line + 1 if mark else None,
            mark.column + 1 if mark else None,
        ) from None
    except (OSError, UnicodeDecodeError, YAMLError) as error:
        raise ConfigError(path, f"cannot read: {error}") from None
    if data is None:
        return CommentedMap()
    if not isinstance(data, dict):
        raise ConfigError(path, "the top level must be a mapping of keys to values", 1)
    return data


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
