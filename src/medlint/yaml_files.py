"""Reading the YAML files users write (config, rule packs) with positions, so
that every error can name the file, line and key.

A rule pack may come from anywhere, so these files are treated like front
matter (``medlint.parsing.front_matter``): capped in size (MAX_YAML_BYTES),
refused when they use an alias (``*name``: an "alias bomb" loads quickly but
explodes when walked, and ``&a [*a]`` never ends) or nest deeper than
MAX_DEPTH, each with a ConfigError naming the file and line.
"""

from __future__ import annotations

import hashlib
import importlib.util
import marshal
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from medlint import __version__
from medlint.errors import ConfigError
from medlint.parsing.front_matter import describe_yaml_error
from medlint.reading import MAX_YAML_BYTES, FileTooLarge, format_size, read_bytes
from medlint.vocabulary import user_cache_file, write_user_cache

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


def load_config_mapping(path: Path) -> Any:
    """A config file's mapping, as :func:`load_mapping` gives it, kept in the
    user's cache by the file's text: a run that finds a config file it read
    before does not import ruamel.yaml (~15 ms) nor parse the file (~5 ms), a
    tenth of a one-file run. What is kept is the YAML as loaded, with each
    key's line and column; the config is validated again from it. A file
    holding anything but mappings, lists, text, whole numbers, true, false
    and null as ruamel.yaml gives them plain (a float, a date, a block
    scalar, a hexadecimal number, a tag, a merge key are its own types) is
    read by ruamel.yaml each time."""
    text = read_text(path)
    kept = _KeptConfigs.open()
    data = kept.get(text)
    if data is None:
        data = load_mapping(path, text)
        kept.put(text, data)
    return data


class _NotPlain(Exception):
    """A loaded value that the kept copy could not give back as it was."""


class _KeptLines:
    """The ``lc`` of a kept mapping: each key's line and column (0-based),
    which is all :func:`key_line` asks of ruamel's."""

    __slots__ = ("_keys",)

    def __init__(self, keys: dict[str, tuple[int, int]]) -> None:
        self._keys = keys

    def key(self, key: str) -> tuple[int, int]:
        return self._keys[key]


class KeptMap(dict):
    """A mapping of a kept config file (a dict, and its keys' positions)."""

    __slots__ = ("lc",)


def _encode(value: Any) -> Any:
    if isinstance(value, dict):
        items = []
        for key, item in value.items():
            if type(key) is not str:
                raise _NotPlain
            line, column = value.lc.key(key)
            items.append((key, _encode(item), line, column))
        return ("map", items)
    if isinstance(value, list):
        return ("list", [_encode(item) for item in value])
    if value is None or type(value) in (str, int, bool):
        return value
    raise _NotPlain  # ScalarFloat, TimeStamp, LiteralScalarString...: their own types


def _decode(value: Any) -> Any:
    if not isinstance(value, tuple):
        return value
    kind, items = value
    if kind == "list":
        return [_decode(item) for item in items]
    if kind != "map" or not all(type(item[0]) is str for item in items):
        raise ValueError("not a kept mapping")
    mapping = KeptMap((key, _decode(item)) for key, item, _, _ in items)
    mapping.lc = _KeptLines({key: (line, column) for key, _, line, column in items})
    return mapping


#: The kept file as this process read it (and has written it since).
_OPENED: dict[Path, _KeptConfigs] = {}


class _KeptConfigs:
    """The config files read lately (at most MAX_KEPT, the ones used longest
    ago dropped first), by their text's hash and medlint's version (a new
    version, which may read YAML otherwise, reads them again), in one file of
    the user's cache named by ruamel.yaml's installed file (so does a new
    version of it). The file is read once a process. Any trouble with it: the
    configs are read from their files, never an error."""

    MAX_KEPT = 32
    LAYOUT = "configs.v1"

    def __init__(self, file: Path | None, entries: dict) -> None:
        self.file = file
        self.entries = entries

    @classmethod
    def open(cls) -> _KeptConfigs:
        try:
            spec = importlib.util.find_spec("ruamel.yaml")
            if spec is None or spec.origin is None:
                return cls(None, {})
            file = user_cache_file(Path(spec.origin), cls.LAYOUT)
        except (OSError, ImportError, ValueError):
            return cls(None, {})
        opened = _OPENED.get(file)
        if opened is None:
            try:
                entries = marshal.loads(file.read_bytes())
            except (OSError, EOFError, ValueError, TypeError):
                entries = {}
            opened = cls(file, entries if isinstance(entries, dict) else {})
            _OPENED.clear()  # (one file: the user's cache of this install)
            _OPENED[file] = opened
        return opened

    @staticmethod
    def _key(text: str) -> bytes:
        digest = hashlib.blake2b(__version__.encode() + b"\0", digest_size=16)
        digest.update(text.encode("utf-8", "surrogatepass"))
        return digest.digest()

    def get(self, text: str) -> Any:
        key = self._key(text)
        entry = self.entries.get(key)
        try:
            data = _decode(entry) if entry is not None else None
        except (TypeError, ValueError, RecursionError):
            return None
        if not isinstance(data, KeptMap):
            return None
        self.entries[key] = self.entries.pop(key)  # used last: dropped last (kept at the next put)
        return data

    def put(self, text: str, data: Any) -> None:
        if self.file is None:
            return
        try:
            encoded = _encode(data)
        except (_NotPlain, AttributeError, KeyError, TypeError):
            return
        self.entries.pop(self._key(text), None)
        self.entries[self._key(text)] = encoded
        while len(self.entries) > self.MAX_KEPT:
            del self.entries[next(iter(self.entries))]  # the one read longest ago
        write_user_cache(self.file, marshal.dumps(self.entries))


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
