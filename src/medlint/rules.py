"""Rules are data: each YAML file in a rule pack defines one rule.

A rule names its check kind, its default severity, its message (a template
whose ``{placeholders}`` the check fills), its documentation and its options.
The built-in pack ships inside the wheel as ``medlint/rules``; users may add
their own packs. Every file is validated when loaded: an unknown key, check
kind, option or placeholder is a ConfigError naming the file and line.
"""

from __future__ import annotations

import hashlib
import marshal
import re
import stat
import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from medlint.checks import CHECK_KINDS, INTERNAL_KINDS
from medlint.checks.base import CHECK_PATTERNS, CheckKind, OptionError
from medlint.errors import ConfigError
from medlint.findings import Hit, Severity
from medlint.reading import MAX_WORD_LIST_BYTES, MAX_WORDS, format_size
from medlint.reading import kind as file_kind
from medlint.vocabulary import user_cache_file, write_user_cache
from medlint.yaml_files import key_line, load_mapping, plain, read_text

RULE_ID = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
_REQUIRED_KEYS = ("id", "check", "severity", "message", "description")
_OPTIONAL_KEYS = ("enabled", "rationale", "examples", "options", "defers-to")


@dataclass(frozen=True)
class Rule:
    id: str
    check: str
    severity: Severity
    message: str
    description: str
    rationale: str = ""
    examples: Mapping[str, str] = field(default_factory=dict)
    options: Mapping[str, Any] = field(default_factory=dict)
    source: str = ""
    #: False for opt-in rules: they run only when selected or given a severity.
    enabled: bool = True
    #: Rule IDs whose findings this rule leaves alone: a hit about the block
    #: one of them reports, or about the same pair of blocks, is dropped by
    #: the engine when that rule runs (duplicate-sentence defers to
    #: duplicate-paragraph: one finding per defect).
    defers_to: tuple[str, ...] = ()

    @property
    def kind(self) -> CheckKind:
        return CHECK_KINDS.get(self.check) or INTERNAL_KINDS[self.check]

    def render(self, hit: Hit) -> str:
        return " ".join(self.message.format_map(hit.args).split())


def builtin_rules_dir() -> Path:
    """Where the built-in pack is: inside the installed package, or, in a
    source checkout installed in editable mode, the repository's ``rules/``.
    (The package's own folder, not ``importlib.resources``, whose import
    cost a one-file run ~6 ms: medlint is never run from a zip file.)"""
    packaged = Path(__file__).parent / "rules"  # (as imports found it: links not followed)
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "rules"


def load_pack(directory: Path) -> dict[str, Rule]:
    """All rules of a pack directory, by ID (the built-in pack's patterns are
    not compiled to check them: see ``CHECK_PATTERNS``)."""
    rules: dict[str, Rule] = {}
    builtin = directory.resolve() == builtin_rules_dir().resolve()
    checked = CHECK_PATTERNS.set(not builtin)
    kept = _KeptPack(directory) if builtin else None
    try:
        for path in sorted(directory.glob("*.yaml")):
            _add(rules, path, kept)
    finally:
        CHECK_PATTERNS.reset(checked)
    if kept is not None:
        kept.save()
    return rules


class _KeptPack:
    """The YAML of the built-in pack's rule files as loaded in an earlier run,
    kept in the user's cache (``vocabulary.user_cache_file``) by a hash of
    each file's bytes: loading it was a tenth of a one-file run. Only what loaded
    and validated is kept; a file that changed (a new install) is read again;
    any trouble with the cache (a kept entry that does not make a rule), and
    the files are read. A user's packs are always read from their files."""

    def __init__(self, directory: Path) -> None:
        self.file: Path | None = None
        self.directory = str(directory.resolve())
        self.entries: dict[str, tuple[bytes, Any]] = {}  # file name: (its bytes' hash, YAML)
        self.changed = False
        try:
            self.file = user_cache_file(directory, "rulepack")  # one file: the last install read
            stored = marshal.loads(self.file.read_bytes())
            if isinstance(stored, dict) and stored.get("directory") == self.directory:
                entries = stored.get("entries")
                self.entries = entries if isinstance(entries, dict) else {}
        except (OSError, EOFError, ValueError, TypeError, KeyError):
            pass

    def data(self, path: Path, digest: bytes | None) -> Any:
        """The YAML kept for the file whose bytes hash to ``digest``, or None."""
        entry = self.entries.get(path.name)
        if digest is None or not isinstance(entry, tuple) or len(entry) != 2:
            return None
        return entry[1] if entry[0] == digest else None

    def keep(self, path: Path, digest: bytes | None, data: Any) -> None:
        try:
            marshal.dumps(data)  # only plain data can be kept
        except ValueError:
            return
        if digest is not None:
            self.entries[path.name] = (digest, data)
            self.changed = True

    def save(self) -> None:
        if self.changed and self.file is not None:
            stored = {"directory": self.directory, "entries": self.entries}
            write_user_cache(self.file, marshal.dumps(stored))


def _digest(path: Path) -> bytes | None:
    """The file's bytes, hashed (reading them is cheap; parsing YAML is not)."""
    try:
        return hashlib.blake2b(path.read_bytes(), digest_size=16).digest()
    except OSError:
        return None


def _add(rules: dict[str, Rule], path: Path, kept: _KeptPack | None = None) -> None:
    digest = _digest(path) if kept is not None else None
    data = kept.data(path, digest) if kept is not None else None
    rule = None
    if data is not None:
        try:
            rule = _rule(path, data)
        except (ConfigError, TypeError, ValueError, AttributeError, KeyError):
            rule = None  # a kept entry gone wrong: the file is read
    if rule is None:
        rule, data = _load_rule_file(path)
        if kept is not None and data is not None:
            kept.keep(path, digest, data)
    if rule.id in rules:
        earlier = rules[rule.id].source
        raise ConfigError(path, f"rule ID {rule.id!r} is already defined in {earlier}")
    rules[rule.id] = rule


def load_rule_file(path: Path) -> Rule:
    """Load and validate a rule file. Rule files are read on every run, so they
    are read without positions first; only a file with a mistake is read again
    with them, so that the error names the line."""
    return _load_rule_file(path)[0]


def _load_rule_file(path: Path) -> tuple[Rule, Any]:
    """The rule, and the YAML it was read from (None when it had to be read
    again with positions: then it is not plain data)."""
    text = read_text(path)
    try:
        data = load_mapping(path, text, positions=False)
        return _rule(path, data), data
    except ConfigError:
        return _rule(path, load_mapping(path, text)), None


def _rule(path: Path, data: Mapping[str, Any]) -> Rule:
    for key in data:
        if key not in _REQUIRED_KEYS + _OPTIONAL_KEYS:
            known = ", ".join(_REQUIRED_KEYS + _OPTIONAL_KEYS)
            raise ConfigError(path, f"unknown key {key!r} (known: {known})", key_line(data, key))
    for key in _REQUIRED_KEYS:
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise ConfigError(
                path, f"{key!r} is required and must be a non-empty string", key_line(data, key)
            )
    rule_id, check = str(data["id"]), str(data["check"])
    if not RULE_ID.fullmatch(rule_id):
        raise ConfigError(path, f"rule ID {rule_id!r} must be kebab-case", key_line(data, "id"))
    if check not in CHECK_KINDS:
        known = ", ".join(sorted(CHECK_KINDS))
        raise ConfigError(
            path, f"unknown check kind {check!r} (known: {known})", key_line(data, "check")
        )
    try:
        severity = Severity.parse(str(data["severity"]))
    except ValueError as error:
        raise ConfigError(path, str(error), key_line(data, "severity")) from None
    kind = CHECK_KINDS[check]
    _check_placeholders(path, data, kind)
    options = validate_options(kind, data.get("options") or {}, path, f"rule {rule_id!r}")
    enabled = data.get("enabled", True)
    if not isinstance(enabled, bool):
        raise ConfigError(path, "'enabled' must be true or false", key_line(data, "enabled"))
    defers_to = plain(data.get("defers-to") or [])
    if not isinstance(defers_to, list) or not all(
        isinstance(r, str) and RULE_ID.fullmatch(r) for r in defers_to
    ):
        raise ConfigError(
            path, "'defers-to' must be a list of rule IDs", key_line(data, "defers-to")
        )
    examples = plain(data.get("examples") or {})
    if not isinstance(examples, dict) or not all(isinstance(v, str) for v in examples.values()):
        raise ConfigError(
            path,
            "'examples' must be a mapping of names (bad, good) to text",
            key_line(data, "examples"),
        )
    return Rule(
        id=rule_id,
        check=check,
        severity=severity,
        message=str(data["message"]),
        description=" ".join(str(data["description"]).split()),
        rationale=str(data.get("rationale") or "").strip(),
        examples=examples,
        defers_to=tuple(defers_to),
        options=merge_options({k: o.default for k, o in kind.OPTIONS.items()}, options),
        source=str(path),
        enabled=enabled,
    )


def validate_options(
    kind: CheckKind, values: Any, path: Path, owner: str, reserved: tuple[str, ...] = ()
) -> dict[str, Any]:
    """Check option names and types against the kind's schema; values as plain
    data. Keys in ``reserved`` (such as ``severity`` in a config) are skipped."""
    if not isinstance(values, Mapping):
        raise ConfigError(path, f"options of {owner} must be a mapping")
    checked = {}
    for name, value in values.items():
        if name in reserved:
            continue
        base = extended_option(name)
        if name not in kind.OPTIONS and not (
            base in kind.OPTIONS and kind.OPTIONS[base].type in EXTENSIBLE_TYPES
        ):
            extensible = [
                f"extend-{n}" for n, o in kind.OPTIONS.items() if o.type in EXTENSIBLE_TYPES
            ]
            known = ", ".join([*kind.OPTIONS, *extensible]) or "none"
            raise ConfigError(
                path,
                f"unknown option {name!r} for {owner} (known: {known})",
                key_line(values, name),
            )
        option = kind.OPTIONS.get(name) or kind.OPTIONS[base]
        try:
            if isinstance(value, list) and len(value) > MAX_WORDS:  # before copying it
                raise OptionError(f"more than {MAX_WORDS:,} entries (put long lists in a file)")
            checked[name] = option.validate(plain(value))
            if option.type == "path-list":
                checked[name] = _resolve_paths(checked[name], path, name, owner)
        except OptionError as error:
            raise ConfigError(
                path, f"option {name!r} of {owner}: {error}", key_line(values, name)
            ) from None
    return checked


#: Option types whose defaults a user may add to with ``extend-NAME``.
EXTENSIBLE_TYPES = frozenset(
    {"string-list", "pattern-list", "path-list", "string-map", "pattern-map"}
)


def extended_option(name: str) -> str:
    """The option ``extend-NAME`` adds to (the name itself for any other)."""
    return name.removeprefix("extend-")


def merge_options(defaults: Mapping[str, Any], settings: Mapping[str, Any]) -> dict[str, Any]:
    """A rule's options with a user's settings: a setting replaces the option,
    and ``extend-NAME`` adds to it (a list keeps its order, without repeats; a
    mapping takes the new keys) without restating the defaults."""
    merged = dict(defaults)
    merged.update((k, v) for k, v in settings.items() if not k.startswith("extend-"))
    for key, more in settings.items():
        if not key.startswith("extend-") or key in defaults:
            continue
        name = extended_option(key)
        if isinstance(merged.get(name), dict):
            merged[name] = {**merged[name], **more}
        else:
            merged[name] = list(dict.fromkeys([*merged.get(name, []), *more]))
    return merged


def _resolve_paths(paths: list[str], declared_in: Path, name: str, owner: str) -> list[str]:
    """Paths relative to the file that names them. Each must be a regular file
    (a FIFO would hang the run, /dev/zero never ends) no larger than a word
    list may be: every path-list option names word lists."""
    resolved = []
    for value in paths:
        path = declared_in.parent / value
        try:
            path = (declared_in.parent / Path(value).expanduser()).resolve()
            info = path.stat()
        except (OSError, RuntimeError, ValueError):  # RuntimeError: "~nobody" has no home
            raise OptionError(f"file {value!r} not found (looked for {path})") from None
        if not stat.S_ISREG(info.st_mode):
            raise OptionError(f"file {value!r} is not a regular file ({file_kind(info.st_mode)})")
        if info.st_size > MAX_WORD_LIST_BYTES:
            raise OptionError(
                f"file {value!r} is {format_size(info.st_size)}, larger than "
                f"{format_size(MAX_WORD_LIST_BYTES)}, the limit for a word list"
            )
        resolved.append(str(path))
    return resolved


def _check_placeholders(path: Path, data: Mapping[str, Any], kind: CheckKind) -> None:
    try:
        fields = {name for _, name, _, _ in string.Formatter().parse(data["message"]) if name}
    except ValueError as error:
        raise ConfigError(path, f"message template: {error}", key_line(data, "message")) from None
    unknown = fields - kind.MESSAGE_ARGS
    if unknown:
        known = ", ".join(sorted(kind.MESSAGE_ARGS)) or "none"
        raise ConfigError(
            path,
            f"message uses unknown placeholder(s) {', '.join(sorted(unknown))} (known: {known})",
            key_line(data, "message"),
        )
