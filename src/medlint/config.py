"""Find and read the user's configuration, and decide which rules run and how.

Config lives in ``medlint.yaml`` or ``.medlint.yaml``, or in ``[tool.medlint]``
of ``pyproject.toml``, found by looking upward from the working directory
(``--config`` names one instead). Keys::

    packs: [house-rules/]       # more rule packs (directories of rule YAML files)
    include: ["*.md", "*.txt"]  # which files a directory walk picks (gitignore-style globs)
    exclude: [drafts/]          # ... and which it leaves out (.gitignore is honoured too)
    default-exclude: true       # ... and README, CHANGELOG, LICENSE, templates (false: not)
    per-file-ignores:           # rules silenced in some files (plain text has no comments)
      "legacy/*.txt": [readability, spelling]
    select: [rule-id, ...]      # run only these rules
    extend-select: [rule-id]    # run these as well (opt-in rules, too)
    ignore: [rule-id, ...]      # never run these
    fail-on: error              # lowest severity that fails the run (exit 1)
    max-file-size: 10MB         # larger articles are not read (unreadable-file); bytes or "512KB"
    language: en-GB             # en-US (default) or en-GB; an article's front matter ``lang`` wins
    rules:
      readability: off          # or error / warning / info
      stale-review-date:
        severity: warning
        max-age-days: 365       # any option of the rule

A pack's rule with the ID of a built-in rule replaces it. Every mistake is a
ConfigError naming the file and the key.

Config files are capped in size (``medlint.reading``: 256 KB of YAML, 1 MB
of ``pyproject.toml``), and YAML aliases (``*name``) are refused
(``medlint.yaml_files``). ``max-file-size`` takes a number of bytes or a size
with a binary unit (``"10MB"``, ``"512KB"``, ``"1.5MiB"``: 1 KB = 1024 bytes).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
import stat
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from medlint.checks.base import Context
from medlint.errors import ConfigError
from medlint.findings import Severity
from medlint.reading import (
    DEFAULT_MAX_FILE_SIZE,
    MAX_TOML_BYTES,
    FileTooLarge,
    parse_size,
    read_bytes,
    read_head,
)
from medlint.reading import kind as file_kind
from medlint.rules import Rule, load_pack, merge_options, validate_options
from medlint.vocabulary import DEFAULT_LANGUAGE, LANGUAGES, parse_language
from medlint.yaml_files import key_line, load_config_mapping

CONFIG_FILES = ("medlint.yaml", ".medlint.yaml")
TOP_LEVEL_KEYS = (
    "extend",
    "packs",
    "include",
    "exclude",
    "default-exclude",
    "per-file-ignores",
    "select",
    "extend-select",
    "ignore",
    "fail-on",
    "max-file-size",
    "language",
    "rules",
)
OFF = "off"


@dataclass
class RuleSettings:
    """The user's settings for one rule; ``severity`` None keeps the rule's own."""

    severity: Severity | str | None = None
    options: dict[str, Any] = field(default_factory=dict)


@dataclass
class Config:
    path: Path | None = None
    #: Every rule known to this config: the built-in pack plus its packs.
    available: dict[str, Rule] = field(default_factory=dict)
    select: list[str] | None = None
    #: Rules run as well as the selected ones (all, without ``select``),
    #: opt-in and switched-off ones included: as ruff's ``extend-select``.
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    fail_on: Severity | None = None
    rules: dict[str, RuleSettings] = field(default_factory=dict)
    include: list[str] | None = None
    exclude: list[str] = field(default_factory=list)
    #: Leave out the files of a repository that are not articles
    #: (``discovery.default_excluded``) as well as ``exclude``.
    default_exclude: bool = True
    #: (glob, rule IDs) pairs: rules silenced in the files a glob matches.
    per_file_ignores: list[tuple[str, list[str]]] = field(default_factory=list)
    #: Larger articles are refused (an unreadable-file finding), never read.
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    #: The articles' language, unless an article's front matter names its own.
    language: str = DEFAULT_LANGUAGE
    #: Where each setting was given: "include", "rules.ID.severity",
    #: "rules.ID.OPTION" -> "file:line" (--show-settings). Absent: a default.
    origins: dict[str, str] = field(default_factory=dict)
    #: The configs this one extends, nearest first.
    extends: list[Path] = field(default_factory=list)

    def context(self, active: Sequence[ActiveRule], today: dt.date) -> Context:
        """What the checks may know about the run besides the article."""
        running = frozenset(a.rule.id for a in active)
        return Context(
            today=today,
            root=self.root,
            enabled_rules=running,
            known_rules=frozenset(self.available),
            every_rule_runs={r.id for r in self.available.values() if r.enabled} <= running,
            language=self.language,
        )

    @property
    def root(self) -> Path:
        """The project's directory: the config file's, or the working directory."""
        return self.path.resolve().parent if self.path else Path.cwd()

    def ignored_rules(self, path: str) -> set[str]:
        """The rules per-file-ignores silences for a file (globs are relative
        to the project root, gitignore-style)."""
        if not self.per_file_ignores:
            return set()
        from medlint.discovery import gitignore_spec

        resolved = Path(path).resolve()
        try:
            relative = resolved.relative_to(self.root).as_posix()
        except ValueError:
            relative = Path(path).as_posix()
        return {
            rule
            for glob, rules in self.per_file_ignores
            if gitignore_spec([glob]).match_file(relative)
            for rule in rules
        }


@dataclass(frozen=True)
class ActiveRule:
    """A rule as it runs: with the severity and options the user settled on."""

    rule: Rule
    severity: Severity
    options: Mapping[str, Any]


def find_config(start: Path) -> Path | None:
    """The nearest config file in ``start`` or a directory above it."""
    for directory in (start, *start.parents):
        for name in CONFIG_FILES:
            if (directory / name).is_file():
                return directory / name
        pyproject = directory / "pyproject.toml"
        if pyproject.is_file() and _has_medlint_table(pyproject):
            return pyproject
    return None


def _has_medlint_table(pyproject: Path) -> bool:
    try:
        tool = _read_toml(pyproject).get("tool", {})
    except ConfigError:
        # Not TOML, nested too deeply, too large: a config when it looks like
        # one (loading it then says what is wrong), else someone else's file.
        return _MENTIONS_MEDLINT.search(_head(pyproject)) is not None
    return isinstance(tool, dict) and "medlint" in tool


_MENTIONS_MEDLINT = re.compile(rb"tool\s*\.\s*medlint|^\s*medlint\s*=", re.MULTILINE)


def _head(path: Path) -> bytes:
    try:
        return read_head(path, MAX_TOML_BYTES)
    except OSError:
        return b""


def _read_toml(path: Path) -> dict[str, Any]:
    # Imported here: most runs find a medlint.yaml and read no TOML.
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on Python 3.10 only
        import tomli as tomllib

    try:
        data = read_bytes(path, MAX_TOML_BYTES)
    except FileTooLarge as error:
        raise ConfigError(path, f"{error.describe()}, the limit for a config file") from None
    except OSError as error:
        raise ConfigError(path, f"cannot read: {error.strerror or error}") from None
    try:
        return tomllib.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(path, f"cannot read: {error}") from None
    except RecursionError:
        raise ConfigError(path, "cannot read: values nested too deeply") from None


def _medlint_table(path: Path) -> Mapping[str, Any]:
    """``[tool.medlint]``; a ConfigError when ``tool`` or it is not a table."""
    document = _read_toml(path)
    tool = document.get("tool", {})
    if not isinstance(tool, dict):
        raise ConfigError(path, f"[tool] must be a table, got {_toml_type(tool)}")
    data = tool.get("medlint", {})
    if not isinstance(data, dict):
        raise ConfigError(path, f"[tool.medlint] must be a table, got {_toml_type(data)}")
    return data


_TOML_TYPES = {
    bool: "a boolean",
    int: "an integer",
    float: "a number",
    str: "a string",
    list: "an array",
    dt.datetime: "a date and time",
    dt.date: "a date",
    dt.time: "a time",
}


def _toml_type(value: Any) -> str:
    """ "a date (1979-05-27)": what a TOML value is, for error messages."""
    name = _TOML_TYPES.get(type(value), type(value).__name__)
    return name if isinstance(value, list) else f"{name} ({value})"


def default_config(rules: Mapping[str, Rule]) -> Config:
    return Config(available=dict(rules))


def load_config(path: Path, rules: Mapping[str, Rule], _chain: tuple[Path, ...] = ()) -> Config:
    """Read a config file; ``rules`` are the built-in ones, which its packs extend.
    A config may ``extend`` another (a house config shared by several sites):
    that one is read first, and this one's settings override its settings
    (key by key; a rule's options option by option; per-file-ignores add up)."""
    try:
        info = path.stat()
    except (OSError, ValueError):
        raise ConfigError(path, "config file not found") from None
    if not stat.S_ISREG(info.st_mode):
        raise ConfigError(path, f"not a regular file ({file_kind(info.st_mode)})")
    if path.name == "pyproject.toml":
        data = _medlint_table(path)
        prefix = "[tool.medlint] "
    else:
        data = load_config_mapping(path)
        prefix = ""
    base = _extended(path, data, rules, prefix, _chain) if "extend" in data else None
    return _parse(path, data, rules, prefix, base)


def _extended(
    path: Path, data: Mapping[str, Any], rules: Mapping[str, Rule], prefix: str, chain: tuple
) -> Config:
    """The config that ``path``'s ``extend`` names (relative to ``path``), read."""
    value, line = data["extend"], key_line(data, "extend")
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(path, f"{prefix}extend: expected the path of a config file", line)
    try:
        target = (path.parent / Path(value).expanduser()).resolve()
    except (OSError, RuntimeError, ValueError):
        target = None
    chain = (*chain, path.resolve())
    if target in chain:
        cycle = " -> ".join(_shown(p) for p in (*chain[chain.index(target) :], target))
        raise ConfigError(path, f"{prefix}extend: {value!r} leads back here ({cycle})", line)
    if target is None or not target.is_file():
        raise ConfigError(path, f"{prefix}extend: config file {value!r} not found", line)
    return load_config(target, rules, chain)


def override(config: Config, data: Mapping[str, Any], origin: str) -> Config:
    """``config`` with settings given elsewhere (``--config KEY=VALUE``) over
    its own, as a config that extends it would give them."""
    for key in ("extend", "packs"):
        if key in data:
            raise ConfigError(origin, f"{key}: give it in a config file, not here")
    overridden = _parse(Path(origin), data, config.available, "", base=config)
    overridden.path, overridden.extends = config.path, list(config.extends)
    return overridden


def _shown(path: Path) -> str:
    """A config file's path as a message names it (from the working directory)."""
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive
        return str(path)


def _parse(
    path: Path,
    data: Mapping[str, Any],
    builtin: Mapping[str, Rule],
    prefix: str,
    base: Config | None = None,
) -> Config:
    if base is None:
        rules = {**builtin, **_load_packs(path, data, prefix)}
        config = Config(path=path, available=rules)
    else:  # this file's settings over the extended one's
        rules = {**base.available, **_load_packs(path, data, prefix)}
        config = dataclasses.replace(
            base,
            path=path,
            available=rules,
            rules={
                rule: dataclasses.replace(s, options=dict(s.options))
                for rule, s in base.rules.items()
            },
            per_file_ignores=list(base.per_file_ignores),
            origins=dict(base.origins),
            extends=[base.path, *base.extends] if base.path else list(base.extends),
        )
    for key, value in data.items():
        where = f"{prefix}{key}"
        line = key_line(data, key)
        here = _place(path, line)
        if key != "rules":
            config.origins[key] = here
        if key in ("packs", "extend"):
            continue
        if key in ("select", "ignore", "extend-select"):
            ids = _rule_ids(value, rules, path, where, line)
            setattr(config, key.replace("-", "_"), ids)
        elif key in ("include", "exclude"):
            setattr(config, key, _globs(value, path, where, line))
        elif key == "default-exclude":
            if not isinstance(value, bool):
                raise ConfigError(path, f"{where}: expected true or false, got {value!r}", line)
            config.default_exclude = value
        elif key == "per-file-ignores":
            config.per_file_ignores += _per_file_ignores(value, rules, path, where, line)
        elif key == "fail-on":
            config.fail_on = _severity(value, path, where, line, allow_off=False)
        elif key == "max-file-size":
            try:
                config.max_file_size = parse_size(value)
            except ValueError as error:
                raise ConfigError(path, f"{where}: {error}", line) from None
        elif key == "language":
            language = parse_language(value)
            if language is None:
                known = " or ".join(LANGUAGES)
                raise ConfigError(path, f"{where}: expected {known}, got {value!r}", line)
            config.language = language
        elif key == "rules":
            _rule_origins(path, value, config.origins)
            for rule_id, settings in _parse_rules(path, value, rules, prefix, line).items():
                inherited = config.rules.get(rule_id)
                if inherited is not None:
                    severity = (
                        inherited.severity if settings.severity is None else settings.severity
                    )
                    settings = RuleSettings(severity, {**inherited.options, **settings.options})
                config.rules[rule_id] = settings
        else:
            known = ", ".join(TOP_LEVEL_KEYS)
            raise ConfigError(path, f"{where}: unknown key (known: {known})", line)
    return config


def _load_packs(path: Path, data: Mapping[str, Any], prefix: str) -> dict[str, Rule]:
    """The rules of the config's packs, in order: a later pack's rule wins."""
    packs = data.get("packs", [])
    line = key_line(data, "packs")
    if not isinstance(packs, list) or not all(isinstance(p, str) for p in packs):
        raise ConfigError(path, f"{prefix}packs: expected a list of directories", line)
    rules: dict[str, Rule] = {}
    for pack in packs:
        try:
            directory = (path.parent / Path(pack).expanduser()).resolve()
        except (OSError, RuntimeError, ValueError):  # "~nobody/", a symbolic link loop
            directory = None
        if directory is None or not directory.is_dir():
            raise ConfigError(path, f"{prefix}packs: directory {pack!r} not found", line)
        rules.update(load_pack(directory))
    return rules


def _rule_origins(path: Path, value: Any, origins: dict[str, str]) -> None:
    """Where each rule's severity and options are given (for --show-settings)."""
    if not isinstance(value, Mapping):
        return
    for rule_id, settings in value.items():
        rule_line = key_line(value, rule_id)
        if not isinstance(settings, Mapping):
            origins[f"rules.{rule_id}.severity"] = _place(path, rule_line)
            continue
        for option in settings:
            origins[f"rules.{rule_id}.{option}"] = _place(
                path, key_line(settings, option) or rule_line
            )


def _place(path: Path, line: int | None) -> str:
    return f"{_shown(path)}:{line}" if line else _shown(path)


def _parse_rules(path, value, rules, prefix, line) -> dict[str, RuleSettings]:
    if not isinstance(value, Mapping):
        raise ConfigError(path, f"{prefix}rules: expected a mapping of rule IDs", line)
    parsed = {}
    for rule_id, settings in value.items():
        where = f"{prefix}rules.{rule_id}"
        rule_line = key_line(value, rule_id)
        if rule_id not in rules:
            raise ConfigError(path, f"{where}: unknown rule ID {rule_id!r}", rule_line)
        if not isinstance(settings, Mapping):  # shorthand: "readability: off"
            severity = _severity(settings, path, where, rule_line, allow_off=True)
            parsed[rule_id] = RuleSettings(severity=severity)
            continue
        severity = None
        if "severity" in settings:
            severity = _severity(
                settings["severity"],
                path,
                f"{where}.severity",
                key_line(settings, "severity"),
                True,
            )
        rule = rules[rule_id]
        try:
            checked = validate_options(
                rule.kind, settings, path, f"rule {rule_id!r}", reserved=("severity",)
            )
        except ConfigError as error:
            error.message = f"{where}: {error.message}"
            error.line = error.line or rule_line
            raise
        parsed[rule_id] = RuleSettings(severity=severity, options=checked)
    return parsed


def _globs(value: Any, path: Path, where: str, line) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(path, f"{where}: expected a list of glob patterns", line)
    return list(value)  # compiled (and so checked) by a directory walk only: see discovery


def _check_glob(glob: str, path: Path, where: str, line) -> None:
    from medlint.discovery import invalid_glob

    problem = invalid_glob(glob)
    if problem:
        raise ConfigError(path, f"{where}: {glob!r} is not a glob pattern ({problem})", line)


def _per_file_ignores(
    value: Any, rules, path: Path, where: str, line
) -> list[tuple[str, list[str]]]:
    if not isinstance(value, Mapping):
        raise ConfigError(path, f"{where}: expected a mapping of glob -> rule IDs", line)
    pairs = []
    for glob, ids in value.items():
        glob_line = key_line(value, glob) or line
        _check_glob(str(glob), path, f"{where}.{glob}", glob_line)
        pairs.append((str(glob), _rule_ids(ids, rules, path, f"{where}.{glob}", glob_line)))
    return pairs


def _severity(value: Any, path: Path, where: str, line, allow_off: bool) -> Severity | str:
    if value is False and allow_off:  # YAML 1.1 habits: "off" unquoted may load as false
        return OFF
    if isinstance(value, str):
        if allow_off and value.lower() == OFF:
            return OFF
        try:
            return Severity.parse(value)
        except ValueError:
            pass
    allowed = "error, warning, info" + (" or off" if allow_off else "")
    raise ConfigError(path, f"{where}: expected {allowed}, got {value!r}", line)


def _rule_ids(value: Any, rules: Mapping[str, Rule], path, where: str, line) -> list[str]:
    if isinstance(value, str):
        value = [part.strip() for part in value.split(",") if part.strip()]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(path, f"{where}: expected a list of rule IDs", line)
    check_rule_ids(value, rules, path, where, line)
    return list(value)


def check_rule_ids(
    ids: Iterable[str], rules: Mapping[str, Rule], path, where: str, line=None
) -> None:
    unknown = [rule_id for rule_id in ids if rule_id not in rules]
    if unknown:
        prefix = f"{where}: " if where else ""
        raise ConfigError(
            path,
            f"{prefix}unknown rule ID(s) {', '.join(unknown)} (known: {', '.join(rules)})",
            line,
        )


def configured_options(rules: Mapping[str, Rule], config: Config) -> dict[str, dict[str, Any]]:
    """Every rule's options as the user configured them, by rule ID. A kind
    whose options are set on another rule (``SHARES_OPTIONS = (rule ID,
    names)``: the three review-date kinds read dates as stale-review-date is
    configured) gets those options from that rule, and under ``"_set"`` the
    names the config sets there: so a check reads its own options only."""
    options = {
        rule_id: merge_options(rule.options, config.rules.get(rule_id, RuleSettings()).options)
        for rule_id, rule in rules.items()
    }
    for rule_id, rule in rules.items():
        shared = getattr(rule.kind, "SHARES_OPTIONS", None)
        if shared is None or shared[0] not in options:
            continue
        source, names = shared
        set_there = config.rules.get(source, RuleSettings()).options
        options[rule_id] = {
            **options[rule_id],
            **{name: options[source][name] for name in names},
            "_set": tuple(sorted(name for name in names if name in set_there)),
        }
    return options


def active_rules(
    rules: Mapping[str, Rule],
    config: Config,
    select: list[str] | None = None,
    ignore: Iterable[str] = (),
    extend_select: Iterable[str] = (),
) -> list[ActiveRule]:
    """The rules to run. ``select`` (from the command line) replaces the config's
    ``select``; ``ignore`` adds to the config's ``ignore``; ``extend_select``
    (from the command line) and the config's ``extend-select`` add rules to
    what runs. A selected or added rule runs even when the config turns it
    off. An opt-in rule (``enabled: false``) runs when selected or added, or
    when the config gives it a severity. ``ignore`` wins over all."""
    chosen = select if select is not None else config.select
    added = set(config.extend_select) | set(extend_select)
    ignored = set(config.ignore) | set(ignore)
    options = configured_options(rules, config)
    active = []
    for rule_id, rule in rules.items():
        named = rule_id in added or (chosen is not None and rule_id in chosen)
        if rule_id in ignored or (chosen is not None and not named):
            continue
        settings = config.rules.get(rule_id, RuleSettings())
        severity = settings.severity or rule.severity
        opted_out = severity == OFF or (not rule.enabled and settings.severity is None)
        if opted_out:
            if not named:
                continue
            severity = rule.severity
        active.append(ActiveRule(rule, severity, options[rule_id]))
    return active
