"""Baselines: the findings a site already had when it adopted medlint.

``medlint check --write-baseline FILE`` records every finding of the run;
``medlint check --baseline FILE`` then leaves out the findings FILE records,
so that a legacy page does not block an unrelated edit while a new defect in
it still does.

An entry names a finding by what does not move when the article is edited
elsewhere: the file (relative to the baseline file's folder, so the baseline
works from any working directory and in CI), the rule, and the text the
finding is about (the words of its span; for a finding about the whole
article, such as a missing disclaimer or the grade of the article, nothing
more), hashed, with a count for findings that are alike. Not the line, which
moves when text is added above; not the message, which changes by itself
("was due 502 days ago" tomorrow says 503). So an entry matches until the
text it is about is edited or goes, or the rule stops finding it there.

Entries of checked files that no longer match are *fixed*: the run says how
many, so that the baseline can be written again and shrink.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from medlint.document import LineIndex
from medlint.errors import BaselineError
from medlint.files import write_atomically
from medlint.findings import Finding

FORMAT_VERSION = 1
#: How much of the text an entry shows (for a person reading the file).
EXCERPT = 60
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, order=True)
class Key:
    path: str  # relative to the baseline's folder, with "/"
    rule: str
    digest: str  # of the text the finding is about


@dataclass
class Baseline:
    """The entries of a baseline file, and what a run has matched of them."""

    path: Path
    counts: Counter[Key] = field(default_factory=Counter)
    excerpts: dict[Key, str] = field(default_factory=dict)
    #: What ``filter`` left unmatched.
    _left: Counter[Key] = field(default_factory=Counter)

    @classmethod
    def load(cls, path: Path) -> Baseline:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except RecursionError:
            raise BaselineError(f"baseline {path}: not JSON (nested too deeply)") from None
        except FileNotFoundError:
            raise BaselineError(
                f"baseline {path}: no such file (write one with --write-baseline)"
            ) from None
        except (OSError, UnicodeDecodeError) as error:
            reason = getattr(error, "strerror", None) or error
            raise BaselineError(f"baseline {path}: cannot be read ({reason})") from None
        except json.JSONDecodeError as error:
            raise BaselineError(f"baseline {path}: not JSON ({error})") from None
        baseline = cls(path)
        entries = data.get("entries") if isinstance(data, dict) else None
        if not isinstance(entries, list) or data.get("version") != FORMAT_VERSION:
            raise BaselineError(
                f"baseline {path}: not a medlint baseline of version {FORMAT_VERSION} "
                "(write it again with --write-baseline)"
            )
        for number, entry in enumerate(entries, 1):
            try:
                key = Key(str(entry["path"]), str(entry["rule"]), str(entry["key"]))
            except (TypeError, KeyError):
                raise BaselineError(
                    f"baseline {path}: entry {number} needs path, rule and key"
                ) from None
            count = entry.get("count", 1)
            if isinstance(count, bool) or not isinstance(count, int) or count < 0:
                raise BaselineError(
                    f"baseline {path}: entry {number}: count must be a whole number, got {count!r}"
                )
            baseline.counts[key] += count
            baseline.excerpts.setdefault(key, str(entry.get("excerpt", "")))
        return baseline

    def filter(self, findings: list[Finding], keys: list[Key]) -> tuple[list[Finding], int]:
        """The findings the baseline does not record, and how many it did.
        What is matched is used up: a file with one more finding like those
        recorded reports that one."""
        left = Counter(self.counts)
        kept = []
        for finding, key in zip(findings, keys, strict=True):
            if left[key] > 0:
                left[key] -= 1
            else:
                kept.append(finding)
        self._left = left
        return kept, len(findings) - len(kept)

    def fixed(self, checked: Iterable[str], ran: set[str], project: set[str] = frozenset()) -> int:
        """How many recorded findings were not found (after ``filter``):
        fixed, or their text edited. Only those the run could have found:
        of the checked files, by rules that ran; and of a rule that compares
        articles (``project``), only when the run checked every file the
        baseline names (one file alone is not compared with the others)."""
        paths = {relative_path(path, self.path.parent) for path in checked}
        every_file = {key.path for key in self.counts} <= paths
        return sum(
            count
            for key, count in self._left.items()
            if count > 0
            and key.path in paths
            and key.rule in ran
            and (every_file or key.rule not in project)
        )


def relative_path(path: str, folder: Path) -> str:
    """A file's path relative to ``folder``, with "/" (as the baseline keeps
    it): both resolved, so that a path through a symbolic link is the same."""
    try:
        relative = os.path.relpath(os.path.realpath(path), os.path.realpath(folder))
    except ValueError:  # another drive
        relative = os.path.realpath(path)
    return relative.replace(os.sep, "/")


class Sources:
    """The checked files' text, read once each, to find what a finding is about."""

    def __init__(self, given: dict[str, bytes] | None = None) -> None:
        self._lines: dict[str, tuple[str, LineIndex] | None] = {}
        self._given = given or {}

    def lines_of(self, path: str) -> tuple[str, LineIndex] | None:
        """A file's text (decoded as the checks read it) and its lines; None
        when it cannot be read."""
        known = self._lines.get(path, False)
        if known is False:
            known = self._lines[path] = self._read(path)
        return known

    def text_of(self, finding: Finding) -> str:
        """The words of the finding's span, spaces made one (the whole line
        for a finding at one point of it); "" when the file cannot be read."""
        known = self.lines_of(finding.path)
        if known is None:
            return ""
        source, lines = known
        start = lines.offset(finding.line) + finding.column - 1
        end = lines.offset(finding.end_line) + finding.end_column
        if (finding.end_line, finding.end_column) <= (finding.line, finding.column):
            start, end = lines.offset(finding.line), lines.content_end(finding.line)
        return _SPACES.sub(" ", source[start:end]).strip()

    def _read(self, path: str) -> tuple[str, LineIndex] | None:
        data = self._given.get(path)
        try:
            if data is None:
                data = Path(path).read_bytes()
            source = data.decode("utf-8").removeprefix("\ufeff")
        except (OSError, UnicodeDecodeError):
            return None
        return source, LineIndex(source)


def keys_of(
    findings: list[Finding], folder: Path, whole_article: set[str], sources: Sources
) -> list[Key]:
    """Each finding's key (see the module's docstring); ``whole_article``:
    the rules whose findings are about the article as a whole."""
    keys = []
    for finding in findings:
        text = "" if finding.rule in whole_article else sources.text_of(finding)
        keys.append(Key(relative_path(finding.path, folder), finding.rule, _digest(text)))
    return keys


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()[:16]


def write(
    path: Path,
    findings: list[Finding],
    keys: list[Key],
    whole_article: set[str],
    sources: Sources,
    kept: Baseline | None = None,
) -> int:
    """Record the findings in a baseline file (sorted, one entry per key),
    with the entries of ``kept`` (of an earlier baseline); the number of entries."""
    counts: Counter[Key] = Counter(keys)
    for key, count in (kept.counts if kept else {}).items():  # (found again: not twice)
        counts[key] = max(counts[key], count)
    excerpts: dict[Key, str] = dict(kept.excerpts) if kept else {}
    for finding, key in zip(findings, keys, strict=True):
        if key not in excerpts:
            text = "" if finding.rule in whole_article else sources.text_of(finding)
            excerpts[key] = text if len(text) <= EXCERPT else text[: EXCERPT - 1] + "…"
    entries = [
        {
            "path": key.path,
            "rule": key.rule,
            "key": key.digest,
            "count": counts[key],
            "excerpt": excerpts[key],
        }
        for key in sorted(counts)
    ]
    if path.is_dir() or not path.name:
        raise BaselineError(f"cannot write the baseline {path}: it is a folder; name a file")
    data = {"version": FORMAT_VERSION, "tool": "medlint", "entries": entries}
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, text.encode("utf-8"))
    except OSError as error:
        raise BaselineError(
            f"cannot write the baseline {path}: {error.strerror or error}"
        ) from None
    return len(entries)
