"""What must hold for any article, however broken: the fuzzer's assertions.

``check_reports(data, suffix)`` and ``check_fixes(data, suffix, unsafe)`` run
``medlint check`` in this process (``medlint.cli.main``) on ``data`` written
to a fresh temporary file, and raise ``FuzzFailure`` (an AssertionError)
naming what broke. They take plain bytes, so a reproducer is one call::

    from fuzz.properties import check_fixes
    check_fixes(b"# Flu\\r\\rClick here.\\r", ".md", unsafe=False)

(with ``tests/`` on ``sys.path``, as pytest puts it).
"""

from __future__ import annotations

import ast
import contextlib
import functools
import html
import io
import json
import os
import re
import shutil
import string
import subprocess
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

from medlint import cli, runner
from medlint.document import LineIndex
from medlint.rules import builtin_rules_dir, load_pack

from conftest import TODAY

try:  # in the test extra; the check is skipped without it
    from sarif_pydantic import Sarif
except ImportError:  # pragma: no cover
    Sarif = None

#: The opt-in rule with the only unsafe fix is turned on, so that
#: --unsafe-fixes has something to do.
CONFIG = "rules:\n  plain-language: info\n"
BASE = ("check", "--today", TODAY)
FORMATS = ("json", "json-lines", "sarif", "junit", "text", "github")
OTHER_FORMATS = FORMATS[1:]

RULES = load_pack(builtin_rules_dir())
#: Rules whose fix is applied only with --unsafe-fixes.
UNSAFE_RULES = frozenset(r.id for r in RULES.values() if getattr(r.kind, "FIX", None) == "unsafe")

#: What no line of text or github output may hold: every control character
#: but the line feed that ends a record, the line and paragraph separators,
#: bidi overrides and isolates.
RAW_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_BOM = b"\xef\xbb\xbf"


class FuzzFailure(AssertionError):
    """A property that does not hold; ``kind`` and ``rule`` name it."""

    def __init__(self, kind: str, detail: str, rule: str = "") -> None:
        super().__init__(f"[{kind}{' ' + rule if rule else ''}] {detail}")
        self.kind, self.rule = kind, rule


def require(condition: object, kind: str, detail: str, rule: str = "") -> None:
    if not condition:
        raise FuzzFailure(kind, detail, rule)


# Running medlint -----------------------------------------------------------


@dataclass
class Run:
    args: tuple[str, ...]
    code: int
    out: str
    err: str

    def __str__(self) -> str:
        return f"medlint {' '.join(self.args)} -> {self.code}\nstderr: {self.err!r}"


@functools.lru_cache(maxsize=8)
def _parsed_pack(directory: str, stamp: tuple) -> dict:
    return load_pack(Path(directory))


def _load_pack_once(directory: Path) -> dict:
    """``load_pack``, parsed again only when a file of the pack changes:
    parsing the built-in pack's YAML is half the time of a run, and the pack
    is not what is fuzzed."""
    stamp = tuple((p.name, p.stat().st_mtime_ns) for p in sorted(Path(directory).glob("*.yaml")))
    return dict(_parsed_pack(str(directory), stamp))


def medlint(*args: str | Path) -> Run:
    """``medlint ARGS`` in this process; an exception escapes as it is."""
    argv = tuple(str(a) for a in args)
    out, err = io.StringIO(), io.StringIO()
    with (
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
        mock.patch.object(cli, "load_pack", _load_pack_once),
    ):
        code = cli.main(list(argv))
    run = Run(argv, code, out.getvalue(), err.getvalue())
    _check_exit(run)
    return run


def _check_exit(run: Run) -> None:
    """Exit code 0 or 1; 2 only with one line of error on stderr. Never a
    traceback, never a check that crashed."""
    require("Traceback" not in run.err, "traceback", str(run))
    require("internal error" not in run.err, "internal-error", str(run))
    bad = RAW_CONTROL.search(run.err)
    require(bad is None, "stderr-control", f"raw {bad and bad.group()!r}: {run}")
    lines = run.err.removesuffix("\n").split("\n") if run.err else []
    if run.code == 2:
        require(len(lines) == 1 and lines[0].startswith("medlint: error:"), "exit-2", str(run))
    else:
        require(run.code in (0, 1), "exit-code", str(run))
        require(all(line.startswith("medlint: warning:") for line in lines), "stderr", str(run))


@contextlib.contextmanager
def article(data: bytes, suffix: str) -> Iterator[tuple[Path, Path]]:
    """A temporary directory with the article and a config: (article, config)."""
    with tempfile.TemporaryDirectory(prefix="medlint-fuzz-") as directory:
        root = Path(directory)
        config = root / "medlint.yaml"
        config.write_text(CONFIG, encoding="utf-8")
        path = root / f"article{suffix}"
        path.write_bytes(data)
        yield path, config


def findings_of(run: Run) -> list[dict]:
    try:
        report = json.loads(run.out)
    except ValueError as error:
        raise FuzzFailure("format-json", f"{error}: {run.out[:300]!r}") from None
    require(report["files_checked"] == 1, "json", f"files_checked: {report!r}")
    return report["findings"]


# The file's lines, as medlint counts them ------------------------------------


def decoded(data: bytes) -> str:
    """The text positions refer to: UTF-8 without the byte-order mark; for a
    file that is not UTF-8, each bad sequence counts as one character (the
    bounds hold whichever way medlint counts them, as no line gets shorter)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("utf-8", errors="replace")
    return text.removeprefix("\ufeff")


def check_positions(data: bytes, findings: list[dict], path: Path) -> None:
    lines = LineIndex(decoded(data))
    # An empty file has one empty line in every editor: a finding about the
    # whole article ("no disclaimer") stands at 1:1.
    count = max(lines.lines, 1)
    for f in findings:
        where = (
            f"{f['line']}:{f['column']}-{f['end_line']}:{f['end_column']} of {lines.lines} lines"
        )
        rule = f["rule"]
        require(f["path"] == str(path), "path", f"{f['path']!r} is not {str(path)!r}", rule)
        require(1 <= f["line"] <= count, "line", f"{where}: {f['message']}", rule)
        require(f["line"] <= f["end_line"] <= count, "end-line", f"{where}: {f['message']}", rule)
        length = len(lines.text(f["line"]))
        require(
            1 <= f["column"] <= length + 1,
            "column",
            f"{where}, line {f['line']} has {length} characters: {f['message']}",
            rule,
        )
        end_length = len(lines.text(f["end_line"]))
        require(
            1 <= f["end_column"] <= max(1, end_length),
            "end-column",
            f"{where}, line {f['end_line']} has {end_length} characters: {f['message']}",
            rule,
        )
        require(
            (f["line"], f["column"]) <= (f["end_line"], f["end_column"]),
            "span-order",
            f"{where}: {f['message']}",
            rule,
        )


# Quoted article text ---------------------------------------------------------

#: The message argument of each rule that quotes the article's own text.
#: Left out, and why:
#:   duplicate-paragraph, long-sentence, readability, missing-disclaimer,
#:   missing-review-date: quote nothing from the article (line numbers,
#:   counts, grades, or fixed advice);
#:   invalid-front-matter, unreadable-file: ``{problem}`` is a YAML or
#:   decoder error message, which quotes input in its own escaped form;
#:   unused-suppression: ``{directive}`` is the directive's kind
#:   ("medlint-disable") or "medlint: disable (front matter)", a name, not
#:   the comment as written.
#: invalid-review-date and stale-review-date quote the date as written only
#: when it is in the text (a front matter value is quoted as YAML parsed it:
#: quotes, escapes and folding gone), so only those are checked; the invalid
#: one quotes it as a Python repr (or "(empty)"), undone with literal_eval.
QUOTED = {
    "duplicate-sentence": "sentence",  # may be cut short with "…" at its end
    "empty-list-intro": "intro",  # may be cut short with "…" at its start
    "leaked-boilerplate": "match",
    "plain-language": "match",
    "unattributed-review": "match",
    "spelling": "word",
    # Not in quotes (the quoted "({acronym})" is advice), but the acronym is
    # the article's own text.
    "undefined-acronym": "acronym",
    "stale-review-date": "date",
    "invalid-review-date": "value",
}
_IN_TEXT_ONLY = {"stale-review-date", "invalid-review-date"}
_REPR = re.compile(r"'(?:[^'\\]|\\.)*'" + r'|"(?:[^"\\]|\\.)*"')


def _template(message: str) -> re.Pattern[str]:
    """A regex for the messages a template renders: its literal text, with
    each ``{field}`` a group. Rendering collapses whitespace
    (``Rule.render``), so a space of the template may vanish next to a field."""
    parts, seen = [], set()
    for literal, field, _, _ in string.Formatter().parse(" ".join(message.split())):
        parts.append(" ?".join(re.escape(piece) for piece in literal.split(" ")))
        if field is not None:
            parts.append(f"(?P={field})" if field in seen else f"(?P<{field}>.*)")
            seen.add(field)
    return re.compile("".join(parts), re.DOTALL)


TEMPLATES = {rule_id: _template(RULES[rule_id].message) for rule_id in QUOTED}

_TAG = re.compile(r"<[^<>]*>")
#: The destination of a link or image, which the text a rule reads leaves out:
#: "[link](https://example.org)a" reads "linka".
_LINK_DESTINATION = re.compile(r"\]\((?:[^()]|\([^()]*\))*\)")
#: Markup characters stripped before comparing (the quote has the text
#: without markup: entities decoded, backslash escapes and emphasis gone).
_MARKUP = re.compile("[\\\\`*_~#>|\\[\\]()!<=+\"'\u201c\u201d\u2018\u2019\x00\ufffd-]")


def _normal(text: str) -> list[str]:
    return _MARKUP.sub("", text).split()


def _occurs(quote: str, source: str) -> bool:
    """Whether the quote's words are the source's, in order, each inside one
    of the source's words (markup glued to a word, a link's URL between two
    words, a word cut short by "…")."""
    wanted = _normal(quote.strip("\u2026"))
    if not wanted:
        return True
    bare = _TAG.sub("", _LINK_DESTINATION.sub("]", html.unescape(source)))
    for variant in (source, html.unescape(source), _TAG.sub(" ", source), bare):
        words = iter(_normal(variant))
        if all(any(w in word for word in words) for w in wanted):
            return True
    return False


def check_quotes(data: bytes, findings: list[dict]) -> None:
    lines = LineIndex(decoded(data))
    for f in findings:
        rule = f["rule"]
        if rule not in QUOTED:
            continue
        match = TEMPLATES[rule].fullmatch(f["message"])
        require(match, "message", f"does not match its template: {f['message']!r}", rule)
        quote = match[QUOTED[rule]]
        if rule in _IN_TEXT_ONLY:
            if "in the text" not in f["message"]:
                continue
            if rule == "invalid-review-date":
                if f["message"].startswith("Review date (empty) "):
                    continue
                # A Python repr, which may hold anything, parentheses included.
                literal = _REPR.match(f["message"], len("Review date "))
                require(literal, "message", f"no quoted value: {f['message']!r}", rule)
                quote = ast.literal_eval(literal.group())
        source = " ".join(lines.text(n) for n in range(f["line"], f["end_line"] + 1))
        require(
            _occurs(quote, source),
            "quote",
            f"{quote!r} is not on lines {f['line']}-{f['end_line']} {source!r}: {f['message']!r}",
            rule,
        )


# Output formats ----------------------------------------------------------------


def check_format(fmt: str, run: Run, findings: list[dict]) -> None:
    try:
        _check_format(fmt, run.out, findings)
    except (ValueError, SyntaxError) as error:  # JSON, SARIF model, XML
        raise FuzzFailure(f"format-{fmt}", f"{type(error).__name__}: {error}") from None


def _check_format(fmt: str, out: str, findings: list[dict]) -> None:
    try:
        out.encode("utf-8")
    except UnicodeEncodeError as error:
        raise FuzzFailure(f"format-{fmt}", f"not UTF-8: {error}") from None
    if fmt == "json-lines":
        records = [json.loads(line) for line in out.split("\n")[:-1]]
        require(out == "" or out.endswith("\n"), "format-json-lines", repr(out[-80:]))
        require(records == findings, "format-json-lines", "records differ from --format json")
    elif fmt == "sarif":
        document = json.loads(out)
        if Sarif is not None:
            Sarif.model_validate(document)
        (log,) = document["runs"]
        require(len(log["results"]) == len(findings), "format-sarif", "result count")
    elif fmt == "junit":
        # The run's findings at the failing severity (error: these runs keep
        # the default --fail-on) fail the file's test case, one record a line;
        # the others are its system-out, one record a line.
        root = ET.fromstring(out.encode("utf-8"))
        failures, outputs = root.findall(".//failure"), root.findall(".//system-out")
        for severity, found, name in (
            ("error", failures, "failure"),
            (None, outputs, "system-out"),
        ):
            wanted = [f for f in findings if (f["severity"] == "error") == (severity == "error")]
            if wanted:
                require(len(found) == 1, "format-junit", f"one {name}: {out}")
                records = (found[0].text or "").split("\n")
                require(len(records) == len(wanted), "format-junit", f"{records!r}")
            else:
                require(not found, "format-junit", f"no {name}: {out}")
    elif fmt in ("text", "github"):
        bad = RAW_CONTROL.search(out)
        require(bad is None, f"format-{fmt}", f"raw {bad and bad.group()!r} in {out!r}")
        if fmt == "github":
            records = out.split("\n")[:-1]
            require(len(records) == len(findings), "format-github", out)
            require(all(r.startswith("::") for r in records), "format-github", out)
        else:
            records = [line for line in out.split("\n") if ": " in line and line[:1] != " "]
            require(len(records) >= len(findings), "format-text", out)


def check_reports(data: bytes, suffix: str, formats: tuple[str, ...] = OTHER_FORMATS) -> list[str]:
    """Properties 1 to 4: exit code and stderr, positions inside the file,
    quotes from the file, and every output format well-formed. Returns what
    the document exercised (for ``hypothesis.event``)."""
    with article(data, suffix) as (path, config):
        run = medlint(*BASE, "--config", config, "--format", "json", path)
        if run.code == 2 and not run.out:
            return ["exit 2 before any report"]  # one error line (checked)
        findings = findings_of(run)
        seen = [f"exit {run.code}", *sorted({f"rule {f['rule']}" for f in findings})]
        check_positions(data, findings, path)
        check_quotes(data, findings)
        for fmt in formats:
            run = medlint(*BASE, "--config", config, "--format", fmt, path)
            if not (run.code == 2 and not run.out):
                check_format(fmt, run, findings)
        require(path.read_bytes() == data, "wrote", "a check without --fix changed the file")
    return seen


# Fixes -----------------------------------------------------------------------------


def apply_unified_diff(text: str, diff: str) -> str:
    """Apply medlint's --diff to ``text`` (lines ended by LF only, as diff and
    patch see them): every context and removed line must be there, exactly."""
    if not diff:
        return text
    old = _lf_lines(text)
    lines = _lf_lines(diff)
    require(lines[0].startswith("--- ") and lines[1].startswith("+++ "), "diff", diff[:200])
    new: list[str] = []
    at = 0  # index in old of the next line not yet copied
    index = 2
    hunk = re.compile(r"@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@\n")
    while index < len(lines):
        header = hunk.fullmatch(lines[index])
        require(header, "diff", f"not a hunk header: {lines[index]!r}")
        start, length = int(header[1]), int(header[2] or 1)
        new_length = int(header[4] or 1)
        begin = start if length == 0 else start - 1
        require(begin >= at, "diff", "hunks overlap or are out of order")
        new += old[at:begin]
        at = begin
        index += 1
        removed = added = 0
        body: list[tuple[str, str]] = []
        while index < len(lines) and lines[index][:1] in (" ", "-", "+", "\\"):
            line = lines[index]
            if line.startswith("\\"):
                require(body and body[-1][1].endswith("\n"), "diff", "misplaced no-newline mark")
                body[-1] = (body[-1][0], body[-1][1][:-1])
            else:
                body.append((line[0], line[1:]))
            index += 1
        for mark, content in body:
            if mark in " -":
                require(
                    at < len(old) and old[at] == content,
                    "diff",
                    f"line {at + 1} is {old[at] if at < len(old) else None!r}, "
                    f"the diff says {content!r}",
                )
                at += 1
                removed += 1
            if mark in " +":
                new.append(content)
                added += 1
        require((removed, added) == (length, new_length), "diff", "hunk lengths")
    return "".join(new + old[at:])


def _lf_lines(text: str) -> list[str]:
    lines = [line + "\n" for line in text.split("\n")]
    lines[-1] = lines[-1][:-1]
    return lines if lines[-1] else lines[:-1]


def patch_with_utility(data: bytes, diff: str, directory: Path) -> bytes | None:
    """The system ``patch`` applied to a copy; None when there is no patch."""
    if shutil.which("patch") is None:
        return None
    original = directory / "original"
    original.write_bytes(data)
    diff_file = directory / "fix.patch"
    diff_file.write_bytes(diff.encode("utf-8", errors="surrogateescape"))
    patched = directory / "patched"
    done = subprocess.run(
        [
            "patch",
            "--batch",
            "--silent",
            "--fuzz=0",
            "--binary",
            "--reject-file=-",
            "-p0",
            "-o",
            str(patched),
            str(original),
            str(diff_file),
        ],
        capture_output=True,
    )
    require(done.returncode == 0, "patch", (done.stdout + done.stderr).decode(errors="replace"))
    result = patched.read_bytes()
    for leftover in (original, diff_file, patched):
        leftover.unlink()
    return result


def _split(data: bytes) -> tuple[bool, str]:
    return data.startswith(_BOM), data.removeprefix(_BOM).decode("utf-8")


def _numbered(text: str) -> list[tuple[str, str]]:
    lines = LineIndex(text)
    return [(lines.text(n), lines.ending(n)) for n in range(1, lines.lines + 1)]


_SETEXT_UNDERLINE = re.compile(r"[ >]*(?:=+|-+)[ \t]*")


def _blank(content: str) -> bool:
    return not content.replace(">", "").strip()


def allowed_lines(text: str, findings: list[dict], unsafe: bool) -> set[int]:
    """The lines a round of fixes may touch: those of the findings it fixes
    (with the underline of a setext heading, which is the heading's markup:
    deleting the heading deletes it too), and the blank line (or empty quote
    line) beside them that a deletion takes along so that no double blank
    line is left."""
    lines = _numbered(text)
    allowed: set[int] = set()
    for f in wanted(findings, unsafe):
        end = f["end_line"]
        if end < len(lines) and _SETEXT_UNDERLINE.fullmatch(lines[end][0]):
            end += 1
        allowed.update(range(f["line"], end + 1))
        for beside in (f["line"] - 1, end + 1):
            if 1 <= beside <= len(lines) and _blank(lines[beside - 1][0]):
                allowed.add(beside)
        allowed |= _other_uses(f, lines)
    return allowed


def _other_uses(finding: dict, lines: list[tuple[str, str]]) -> set[int]:
    """A substitution rule with once-per-article (plain-language) reports a
    term once, at its first use, "(used 3 times)", and its fix writes the
    replacement at every use: the lines that have a word of the term may
    change too."""
    if not re.search(r"\(used \d+ times\)", finding["message"]):
        return set()
    template = TEMPLATES.get(finding["rule"])
    match = template.fullmatch(finding["message"]) if template else None
    if match is None or "match" not in match.groupdict():
        return set()
    words = re.findall(r"\w+", match["match"].lower())
    return {
        number
        for number, (content, _) in enumerate(lines, 1)
        if set(re.findall(r"\w+", content.lower())) & set(words)
    }


def wanted(findings: list[dict], unsafe: bool) -> list[dict]:
    return [f for f in findings if f["fixable"] and (unsafe or f["rule"] not in UNSAFE_RULES)]


def check_only_lines(
    before: str, after: str, allowed: set[int], context: str, rules: str = ""
) -> None:
    """``after`` is ``before`` with only the allowed lines changed or deleted:
    every run of other lines is in ``after``, in order, with its line
    endings, nothing inserted inside it. Only the line that becomes the last
    may lose its line ending, when ``before`` ended without one."""
    old, new = _numbered(before), _numbered(after)
    runs: list[list[tuple[str, str]]] = []
    for number, line in enumerate(old, 1):
        if number in allowed:
            if runs and runs[-1]:
                runs.append([])
        else:
            if not runs:
                runs.append([])
            runs[-1].append(line)
    no_final_ending = not old or not old[-1][1]

    def same(a: tuple[str, str], index: int) -> bool:
        b = new[index]
        if a == b:
            return True
        return a[0] == b[0] and no_final_ending and index == len(new) - 1 and not b[1]

    position = 0
    for run in (r for r in runs if r):
        found = next(
            (
                start
                for start in range(position, len(new) - len(run) + 1)
                if all(same(line, start + k) for k, line in enumerate(run))
            ),
            None,
        )
        require(
            found is not None,
            "fix-lines",
            f"lines {sorted(allowed)} may change, but {run!r} is not kept: {context}",
            rules,
        )
        position = found + len(run)


def check_layout(data: bytes, fixed: bytes) -> None:
    """Byte-order mark, line endings and final newline come through a fix."""
    had_bom, before = _split(data)
    has_bom, after = _split(fixed)
    require(had_bom == has_bom, "fix-bom", f"BOM before {had_bom}, after {has_bom}")
    appeared = {e for _, e in _numbered(after)} - {e for _, e in _numbered(before)}
    require(not appeared, "fix-endings", f"line endings {sorted(appeared)!r} appeared")
    require(after.count("\r") <= before.count("\r"), "fix-endings", "a CR appeared")
    require(after.count("\n") <= before.count("\n"), "fix-endings", "an LF appeared")
    if after:
        ended = before.endswith(("\n", "\r"))
        require(
            after.endswith(("\n", "\r")) == ended,
            "fix-final-newline",
            f"ended with a line ending: before {ended}, after {not ended}",
        )


def check_fixes(data: bytes, suffix: str, unsafe: bool) -> list[str]:
    """Property 5: --diff writes nothing; --fix changes the file as the diff
    says, touching only the lines of the findings it fixes (checked round by
    round), keeping BOM, line endings and final newline; a second --fix
    changes nothing. Returns what the document exercised."""
    flags = ("--unsafe-fixes",) if unsafe else ()
    with article(data, suffix) as (path, config):
        directory = path.parent
        common = (*BASE, "--config", config, *flags)
        diff_run = medlint(*common, "--diff", path)
        require(path.read_bytes() == data, "diff-wrote", "--diff changed the file")
        if diff_run.code == 2:
            return ["--diff: exit 2"]  # one error line (checked): nothing more to say
        diff = diff_run.out
        require(diff_run.code == (1 if diff else 0), "diff-exit", str(diff_run))
        try:
            had_bom, text = _split(data)
        except UnicodeDecodeError:
            require(not diff, "diff", "a diff for a file that is not UTF-8")
            text = None
        expected = None
        if text is not None:
            # The diff is of the file as it is, byte-order mark and all.
            mark = "\ufeff" if had_bom else ""
            expected = apply_unified_diff(mark + text, diff).encode()
            by_patch = patch_with_utility(data, diff, directory) if diff else None
            require(by_patch in (None, expected), "patch", "patch gives another file")

        # --fix one round at a time: each round touches only its findings' lines.
        run = medlint(*common, "--format", "json", path)
        if run.code == 2 and not run.out:
            return ["check: exit 2"]
        findings = findings_of(run)
        current = data
        rounds = 0
        for rounds in range(1, runner.MAX_FIX_ROUNDS + 1):
            if text is None or not wanted(findings, unsafe):
                rounds -= 1
                break
            before = current
            allowed = allowed_lines(_split(before)[1], findings, unsafe)
            with mock.patch.object(runner, "MAX_FIX_ROUNDS", 1):
                fixed_run = medlint(*common, "--fix", "--format", "json", path)
            if fixed_run.code == 2:
                return ["--fix: exit 2"]
            current = path.read_bytes()
            check_layout(before, current)
            context = f"{[(f['rule'], f['line'], f['end_line']) for f in wanted(findings, unsafe)]}"
            rules = ",".join(sorted({f["rule"] for f in wanted(findings, unsafe)}))
            check_only_lines(_split(before)[1], _split(current)[1], allowed, context, rules)
            findings = findings_of(fixed_run)
        if expected is not None:
            require(current == expected, "fix-vs-diff", f"--fix gave {current!r}")

        # A real --fix, from the original, gives the same; a second changes nothing.
        path.write_bytes(data)
        first = medlint(*common, "--fix", "--format", "json", path)
        if first.code == 2:
            return ["--fix: exit 2"]
        fixed = path.read_bytes()
        require(fixed == current, "fix-rounds", f"--fix gave {fixed!r}, rounds gave {current!r}")
        if text is not None:
            check_layout(data, fixed)
        if fixed != data:
            second = medlint(*common, "--fix", "--format", "json", path)
            require(
                second.code == 2 or path.read_bytes() == fixed,
                "idempotent",
                f"a second --fix changed {fixed!r} to {path.read_bytes()!r}",
            )
        leftovers = sorted(set(os.listdir(directory)) - {path.name, "medlint.yaml"})
        require(not leftovers, "leftovers", f"{leftovers}")
    if text is None:
        return ["not UTF-8: nothing to fix"]
    return [f"fix rounds: {rounds}", "fixed" if fixed != data else "nothing fixed"]
