"""The ``medlint`` command: argument parsing and exit codes, no lint logic.

Exit codes (a public contract): 0 when no finding reaches the failing
severity, 1 when one does, 2 for a usage error, a bad config or rule file, a
path that does not exist, or an internal error.

Every failure is one line on stderr, ``medlint: error: ...``, never a
traceback: a closed standard input or output included, and, as a last
resort, an unexpected exception ("internal error ... please report it").
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from medlint import __version__
from medlint.cache import DIRECTORY, ResultCache
from medlint.config import (
    ActiveRule,
    Config,
    active_rules,
    check_rule_ids,
    configured_options,
    default_config,
    find_config,
    load_config,
    override,
)
from medlint.discovery import DEFAULT_INCLUDE, SKIPPED_DIRECTORIES, Selection, discover
from medlint.errors import BaselineError, ChangesError, ConfigError
from medlint.findings import REPORT_ORDER, Severity
from medlint.reading import FileTooLarge, read_stream
from medlint.report import FORMAT_MODULES, piece_renderer, renderer, statistics, text_format
from medlint.report.escape import path_text, printable
from medlint.rules import Rule, builtin_rules_dir, load_pack
from medlint.runner import FixMode, Linter, RunResult, run, settings_fingerprint
from medlint.yaml_files import load_mapping, plain

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class CommandError(Exception):
    """A failure that is not the config's: reported as one line, exit code 2."""


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # --help, --version, or a usage error argparse reported
        return EXIT_ERROR if exit_.code else EXIT_OK
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_ERROR
    try:
        return args.handler(args)
    except (ConfigError, CommandError, BaselineError, ChangesError) as error:
        _error(str(error))
        return EXIT_ERROR
    except BrokenPipeError:  # output piped into a pager or `head` that closed early
        if sys.stderr is not None:
            sys.stderr.close()
        return EXIT_ERROR
    except OSError as error:  # a file that cannot be written or read: one line, not a traceback
        _error(f"{error.filename or ''}: {error.strerror or error}".lstrip(": "))
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # the last resort (RecursionError, MemoryError, a bug)
        text = " ".join(str(error).split())
        _error(
            f"internal error: {type(error).__name__}{': ' if text else ''}{text} (please report it)"
        )
        return EXIT_ERROR


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="medlint",
        description="A content-quality linter and publishing checker for health articles.",
    )
    parser.add_argument("--version", action="version", version=f"medlint {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    _check_parser(commands)
    rules = commands.add_parser(
        "rules",
        help="list every rule",
        description="List every rule: ID, severity, fix, description.",
    )
    rules.add_argument("--config", type=Path, metavar="PATH", help="config file (for its packs)")
    rules.set_defaults(handler=_rules)
    explain = commands.add_parser(
        "explain",
        help="show a rule's documentation",
        description="Show what a rule flags, why it matters, an example and its options.",
    )
    explain.add_argument("rule", metavar="RULE", help="a rule ID")
    explain.add_argument("--config", type=Path, metavar="PATH", help="config file (for its packs)")
    explain.set_defaults(handler=_explain)
    init = commands.add_parser(
        "init",
        help="write a commented medlint.yaml",
        description="Write a medlint.yaml with every rule and its options at their defaults.",
    )
    report = commands.add_parser(
        "report",
        help="write the site's report: review calendar, readability, findings, copies "
        "(index.html, report.json, reviews.csv, reviews.ics)",
        description="Check the articles as `medlint check` does and write, to --output, the "
        "report a content lead reads: a page with charts and tables (index.html, one "
        "self-contained file), every article's review status, reviewer, grade and findings "
        "(report.json), and the review calendar (reviews.csv, reviews.ics).",
    )
    report.add_argument("paths", nargs="*", default=["."], metavar="PATH")
    report.add_argument("--output", required=True, metavar="DIR", help="the folder to write to")
    report.add_argument("--today", type=_date, metavar="YYYY-MM-DD", help="the report's day")
    report.add_argument(
        "--compare",
        type=Path,
        metavar="OLD",
        help="an earlier report.json: the page shows findings and overdue reviews then and now",
    )
    report.add_argument("--config", action="append", metavar="PATH|KEY=VALUE")
    for name in ("--select", "--ignore", "--extend-select"):
        report.add_argument(name, action="append", metavar="RULES")
    report.add_argument("--no-cache", action="store_true", help="neither read nor write the cache")
    report.add_argument("--cache-dir", type=Path, metavar="PATH")
    report.add_argument("-j", "--jobs", type=_jobs, metavar="N")
    report.add_argument("-q", "--quiet", action="store_true", help="print nothing on success")
    report.set_defaults(
        handler=_report_command, fix=False, diff=False, unsafe_fixes=False, force_exclude=False,
        format=None, show_settings=False, show_files=False, changed_since=None, baseline=None,
        write_baseline=None, stdin_filename=None,
    )  # fmt: skip
    schema = commands.add_parser(
        "schema",
        help="print the JSON Schema of medlint.yaml (editors validate and complete with it)",
        description="Print the JSON Schema of the config, for the built-in rules and those of "
        "the config's packs.",
    )
    schema.add_argument("--config", type=Path, metavar="PATH", help="config file (for its packs)")
    schema.set_defaults(handler=_schema)
    init.add_argument("path", nargs="?", default="medlint.yaml", type=Path, metavar="PATH")
    init.add_argument("--force", action="store_true", help="overwrite an existing file")
    init.set_defaults(handler=_init)
    return parser


def _check_parser(commands) -> None:
    check = commands.add_parser(
        "check",
        help="check articles (Markdown and plain text)",
        description="Check articles for duplicated content, empty list introductions, "
        "stale review dates, missing disclaimers, readability and more.",
    )
    add = check.add_argument
    add("paths", nargs="*", default=["."], metavar="PATH", help="files or directories (default: .)")
    add(
        "--format",
        action="append",
        type=_format,
        metavar="FORMAT[:FILE]",
        help=f"output format: {', '.join(sorted(FORMAT_MODULES))} (default: $MEDLINT_FORMAT, "
        "else github on GitHub Actions, else text); with :FILE, that report is written to "
        "FILE; may repeat (one format without a file goes to standard output)",
    )
    add(
        "--select",
        action="append",
        metavar="RULES",
        help="run only these rules (IDs, comma-separated)",
    )
    add("--ignore", action="append", metavar="RULES", help="do not run these rules")
    add(
        "--extend-select",
        action="append",
        metavar="RULES",
        help="run these rules as well (opt-in ones too)",
    )
    add(
        "--fail-on",
        choices=["error", "warning", "info"],
        help="lowest severity that makes the run fail with exit code 1 (default: error)",
    )
    add(
        "--exit-zero",
        action="store_true",
        help="exit 0 even when findings fail the run (errors of medlint itself still exit 2)",
    )
    add("--today", type=_date, metavar="YYYY-MM-DD", help="the date to judge review dates by")
    add(
        "--config",
        action="append",
        metavar="PATH|KEY=VALUE",
        help="config file to use instead of searching; or a setting that overrides the config "
        "(KEY=VALUE, the value in YAML: fail-on=warning, rules.readability.max-grade=10); "
        "may repeat",
    )
    add("--fix", action="store_true", help="apply safe fixes")
    add("--unsafe-fixes", action="store_true", help="with --fix or --diff: apply unsafe fixes too")
    add("--diff", action="store_true", help="print the fixes as a unified diff; write nothing")
    add("--statistics", action="store_true", help="print the number of findings per rule only")
    add("-q", "--quiet", action="store_true", help="print findings only: no summary, no notes")
    add("--output-file", type=Path, metavar="PATH", help="write the report to a file")
    add(
        "--color",
        choices=["auto", "always", "never"],
        default="auto",
        help="colour in the text report (auto: on a terminal, or with FORCE_COLOR; "
        "never with NO_COLOR)",
    )
    add(
        "--show-settings",
        action="store_true",
        help="print the settings a file is checked with (the first PATH), and where each "
        "comes from, and check nothing",
    )
    add(
        "--show-files",
        action="store_true",
        help="print the files that would be checked, one a line, and check nothing",
    )
    add(
        "--force-exclude",
        action="store_true",
        help="leave out named files that the config's include/exclude leave out "
        "(as in a directory walk; the pre-commit hook passes it)",
    )
    add(
        "--changed-since",
        metavar="REF",
        help="check only the files changed since the git REF (where the branch left it), and "
        "in them only findings on changed lines (and findings about the whole article)",
    )
    add(
        "--baseline",
        type=Path,
        metavar="FILE",
        help="leave out the findings FILE records (written by --write-baseline)",
    )
    add(
        "--write-baseline",
        type=Path,
        metavar="FILE",
        help="record the run's findings in FILE (a baseline for --baseline) and exit 0",
    )
    add("--no-cache", action="store_true", help="neither read nor write the results cache")
    add(
        "--cache-dir",
        type=Path,
        metavar="PATH",
        help="where the results cache is kept (default: .medlint_cache at the project root)",
    )
    add(
        "-j",
        "--jobs",
        type=_jobs,
        metavar="N",
        help="check files in N processes (default: one per CPU; one file is checked in one)",
    )
    add(
        "--stdin-filename",
        metavar="NAME",
        help="read the article from standard input; NAME gives its type and its name in the report",
    )
    check.set_defaults(handler=_check)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")


def _format(text: str) -> tuple[str, Path | None]:
    name, _, path = text.partition(":")
    if name not in FORMAT_MODULES:
        known = ", ".join(sorted(FORMAT_MODULES))
        raise argparse.ArgumentTypeError(f"not a format: {name!r} (known: {known})")
    if _ and not path:
        raise argparse.ArgumentTypeError(f"{text!r}: name the file after the colon")
    return name, Path(path) if path else None


def _jobs(text: str) -> int:
    try:
        jobs = int(text)
    except ValueError:
        jobs = 0
    if jobs < 1:
        raise argparse.ArgumentTypeError(f"not a number of processes (1 or more): {text!r}")
    return jobs


def _cpus() -> int:
    """The CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD form: {text!r}") from None


def _check(args: argparse.Namespace) -> int:
    configs = _Configs(*_config_arguments(args.config))
    if args.diff and (args.baseline or args.write_baseline):
        _error("--diff shows fixes, and a baseline is of findings: give one or the other")
        return EXIT_ERROR
    baseline = None
    if args.baseline or args.write_baseline:  # (imported when used: start-up time)
        from medlint.baseline import Baseline, Sources, keys_of
        from medlint.baseline import write as write_baseline

        baseline = Baseline.load(args.baseline) if args.baseline else None  # (before the run)
    stdin = None
    changes = None
    linters: list[Linter] = []
    fail_for: dict[str, Severity] = {}  # each file's own config's fail-on
    if args.stdin_filename:
        if args.changed_since:
            _error("--changed-since reads the files in the repository: not with --stdin-filename")
            return EXIT_ERROR
        if args.paths != ["."]:
            _error("--stdin-filename reads one article from standard input: give no PATH")
            return EXIT_ERROR
        config = configs.for_file(args.stdin_filename)  # the editor's file's own config
        if args.show_settings:
            _write(sys.stdout, _settings_text(args, args.stdin_filename, config))
            return EXIT_OK
        linters.append(_linter(args, config))
        stdin = _read_stdin(config.max_file_size)
        result = run([args.stdin_filename], linters[0], stdin=stdin)
        # What the report reads again for columns or baseline keys: the text as checked.
        result.texts[args.stdin_filename] = (
            result.fixed_data if args.fix and result.fixed_data is not None else stdin
        )
    else:
        if _missing(args.paths):
            return EXIT_ERROR
        config = configs.for_path(args.paths[0])
        if args.show_settings:
            _write(sys.stdout, _settings_text(args, args.paths[0], config))
            return EXIT_OK
        skipped: list[str] = []
        groups = _files_by_config(args, configs, skipped)
        files = sorted(f for _, group in groups for f in group)
        if args.changed_since:
            changes = _changes_since(args.changed_since, args.paths)
        for path in skipped:
            _warn(f"{path}: not a regular file; skipped")
        if args.show_files:  # what would be checked (judged), one a line, and nothing else
            shown = [f for f in files if changes is None or changes.touches(f)]
            _write(sys.stdout, "".join(f"{path_text(path)}\n" for path in shown))
            return EXIT_OK
        quiet_if_none = args.quiet or args.force_exclude or changes is not None
        if not files and not skipped and not quiet_if_none:
            _warn(f"no articles found in {', '.join(args.paths)}")
        # With --changed-since every file is checked (copied-paragraph compares
        # the changed articles with the others); only the changes are judged.
        results = []
        with _progress_bar(args, len(files)) as step:
            for group_config, group in groups:
                if group or len(groups) == 1:
                    linters.append(_linter(args, group_config))
                    results.append(
                        run(group, linters[-1], jobs=args.jobs or _cpus(), progress=step)
                    )
                for path in group:
                    fail_for[path] = group_config.fail_on or Severity.ERROR
        result = _merged(results)
    fail_on = Severity.parse(args.fail_on) if args.fail_on else (config.fail_on or Severity.ERROR)
    rules_run = {a.rule.id: a.rule for linter in linters for a in linter.rules}
    whole = {i for i, rule in rules_run.items() if getattr(rule.kind, "WHOLE_ARTICLE", False)}
    project = {i for i, rule in rules_run.items() if getattr(rule.kind, "PROJECT", False)}
    if args.write_baseline:
        sources = Sources(result.texts)
        target = args.write_baseline
        keys = keys_of(result.findings, target.parent, whole, sources)
        kept = _kept_entries(target, result.checked_paths, set(rules_run), project)
        entries = write_baseline(target, result.findings, keys, whole, sources, kept)
        _say(
            f"medlint: wrote a baseline of {len(result.findings)} findings "
            f"({entries} entries) to {printable(str(target))}"
            + (
                f", keeping {sum(kept.counts.values())} of files or rules this run left out"
                if kept
                else ""
            )
        )
        for message in result.errors:
            _error(message)
        return EXIT_ERROR if result.errors else EXIT_OK
    if baseline is not None:
        sources = Sources(result.texts)
        keys = keys_of(result.findings, baseline.path.parent, whole, sources)
        result.findings, matched = baseline.filter(result.findings, keys)
        fixed = baseline.fixed(result.checked_paths, set(rules_run), project)
        if (matched or fixed) and not args.quiet:
            gone = (
                f"; {_count(fixed, 'finding')} it records {'is' if fixed == 1 else 'are'} gone "
                "(write it again with --write-baseline to drop them)"
                if fixed
                else ""
            )
            shown = printable(str(args.baseline))
            _say(f"medlint: {_count(matched, 'finding')} left out as in the baseline {shown}{gone}")
    if changes is not None:  # only the changed files, and in them the changed lines, are judged
        result.findings = [
            f
            for f in result.findings
            if changes.touches(f.path)
            and (f.rule in whole or changes.touches_lines(f.path, f.line, f.end_line))
        ]
    _report(args, result, stdin, fail_on)
    for message in result.warnings:
        _warn(message)
    for message in result.errors:
        _error(message)
    if result.errors:
        return EXIT_ERROR
    if args.exit_zero:  # (a report, not a gate: as ruff's --exit-zero)
        return EXIT_OK
    if args.diff:
        return EXIT_FINDINGS if result.diffs else EXIT_OK
    if not args.fail_on:  # each file by its own config's fail-on
        failed = any(f.severity >= fail_for.get(f.path, fail_on) for f in result.findings)
    else:
        failed = any(f.severity >= fail_on for f in result.findings)
    return EXIT_FINDINGS if failed else EXIT_OK


def _missing(paths: list[str]) -> bool:
    """Whether a path named does not exist (said, as an error)."""
    missing = [path for path in paths if not os.path.exists(path)]
    if missing:
        _error(f"path does not exist: {', '.join(missing)}")
    return bool(missing)


def _changes_since(ref: str, paths: list[str]):
    """What changed since ``ref``, in the repository of each path given."""
    from medlint.changes import Changes, changes_since

    changes = Changes()
    for path in paths:  # (two paths in one repository add the same changes: no harm)
        full = os.path.realpath(path)
        changes.add(changes_since(ref, full if os.path.isdir(full) else os.path.dirname(full)))
    return changes


def _kept_entries(target: Path, checked: list[str], ran: set[str], project: set[str]):
    """The entries of an existing baseline that this run cannot judge: of
    files it did not check, of rules that did not run, and of rules that
    compare articles when it did not check all the baseline's files (so that
    writing the baseline of one file, as pre-commit names it, keeps the
    others', and that file's copies of them)."""
    from medlint.baseline import Baseline, relative_path

    if not target.is_file():
        return None
    try:
        previous = Baseline.load(target)
    except BaselineError:
        return None  # unreadable: written anew
    paths = {relative_path(path, target.parent) for path in checked}
    every_file = {key.path for key in previous.counts} <= paths
    kept = Baseline(target)
    for key, count in previous.counts.items():
        if key.path not in paths or key.rule not in ran or (key.rule in project and not every_file):
            kept.counts[key] = count
            kept.excerpts[key] = previous.excerpts.get(key, "")
    return kept if kept.counts else None


#: A run shorter than this shows no progress bar (tqdm's ``delay``), nor one
#: of fewer files than ``PROGRESS_MIN_FILES``.
PROGRESS_DELAY = 1.0
PROGRESS_MIN_FILES = 20


@contextlib.contextmanager
def _progress_bar(args: argparse.Namespace, total: int) -> Iterator[Callable[[], None] | None]:
    """A progress bar on standard error, for a run of many files that a
    person watches: only when standard error is a terminal, never in CI,
    with ``--quiet``, ``--diff`` or a machine format (JSON, SARIF, JUnit,
    GitHub annotations). tqdm is imported only then."""
    if not _wants_progress(args, total):
        yield None
        return
    from tqdm import tqdm

    bar = tqdm(
        total=total, file=sys.stderr, unit="file", delay=PROGRESS_DELAY, leave=False, ascii=None
    )
    try:
        yield bar.update
    finally:
        bar.close()


def _wants_progress(args: argparse.Namespace, total: int) -> bool:
    # A machine format on standard output: no bar (one written to a file is no matter).
    if args.format:
        machine = any(name != "text" and path is None for name, path in args.format)
    else:
        machine = (os.environ.get("MEDLINT_FORMAT") or "text") != "text"
    in_ci = os.environ.get("CI", "").lower() not in ("", "0", "false", "no")
    return (
        total >= PROGRESS_MIN_FILES
        and not (args.quiet or args.diff or machine or in_ci)
        and os.environ.get("TERM") != "dumb"
        and _isatty(sys.stderr)
    )


def _prepare(linter: Linter) -> None:
    """Let check kinds read their files (the spelling rule's word lists) before
    any article, so that a bad one is a config error, not a failed rule."""
    for active in linter.rules:
        prepare = getattr(active.rule.kind, "prepare", None)
        if prepare is not None:
            prepare(active.options, linter.context, f"rule {active.rule.id!r}")


def _read_stdin(limit: int) -> bytes:
    """The article on standard input: at most ``limit`` (max-file-size) bytes."""
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        raise CommandError("cannot read standard input (it is closed)")
    try:
        return read_stream(stream, limit)
    except FileTooLarge as error:
        raise CommandError(
            f"standard input: {error.describe('max-file-size')}; "
            "raise max-file-size in the config to check it"
        ) from None
    except (OSError, ValueError) as error:  # ValueError: a closed file object
        reason = getattr(error, "strerror", None) or error
        raise CommandError(f"cannot read standard input ({reason})") from None


def _report(
    args: argparse.Namespace,
    result: RunResult,
    stdin: bytes | None,
    fail_on: Severity = Severity.ERROR,
) -> None:
    """Write the report where it was asked for, in the format asked for. When
    --fix reads standard input, the (fixed) article goes to stdout, like ruff,
    and the report to the output file, else to stderr."""
    destination = sys.stdout
    if stdin is not None and args.fix and not args.diff:
        data = result.fixed_data if result.fixed_data is not None else stdin
        _write(sys.stdout, data)
        destination = sys.stderr
    if args.diff:
        reports = [("diff", None, "".join(result.diffs))]
    else:
        formats = args.format or [(_default_format(), None)]  # (once: it may warn)
        unnamed = [name for name, path in formats if path is None]
        if len(unnamed) > 1:
            raise CommandError(
                f"--format {' and '.join(unnamed)} both go to standard output: "
                "give all but one a file (--format sarif:medlint.sarif)"
            )
        reports = []
        for name, path in formats:
            color = path is None and _wants_color(args, destination)
            reports.append((name, path, _render(args, result, name, color, fail_on)))
        if any(name == "github" for name, _, _ in reports):
            _write_step_summary(result)
    for _, path, text in reports:
        target = path or args.output_file
        if target is not None:
            try:
                with open(target, "w", encoding="utf-8") as out:
                    out.writelines([text] if isinstance(text, str) else text)
            except OSError as error:
                raise CommandError(
                    f"cannot write the report to {target}: {error.strerror or error}"
                ) from None
        elif text:  # nothing to say needs no standard output, even a closed one
            _write(destination, text)


def _write_step_summary(result: RunResult) -> None:
    """With the github format on GitHub Actions, every finding in the step's
    summary (``$GITHUB_STEP_SUMMARY``: a file the runner gives, appended to);
    a summary that cannot be written is a warning, never a failed run."""
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if not target:
        return
    from medlint.report.github import step_summary

    try:
        with open(target, "a", encoding="utf-8", errors="replace") as summary:
            summary.write(step_summary(result))
    except OSError as error:
        _warn(f"cannot write the step summary to {target}: {error.strerror or error}")


def _wants_color(args: argparse.Namespace, destination) -> bool:
    """Colour in the text report: ``--color always`` or ``never`` as said;
    ``auto`` (the default) colours standard output when ``NO_COLOR`` is not
    set to a value (no-color.org: set and not empty) and either
    ``FORCE_COLOR`` is (force-color.org: a CI log that shows colour) or it
    is a terminal. A report written to a file (--output-file) or to standard
    error (--fix of standard input) is coloured only with ``always``."""
    choice = getattr(args, "color", "auto")
    if choice != "auto":
        return choice == "always"
    if args.output_file is not None or destination is not sys.stdout:
        return False
    if os.environ.get("NO_COLOR"):
        return False
    return bool(os.environ.get("FORCE_COLOR")) or _isatty(destination)


def _write(stream, data: str | bytes | Iterable[str]) -> None:
    """Write and flush standard output (or error); a closed or failing one is
    a CommandError, not a traceback. A pipe closed by its reader is left to
    main (BrokenPipeError)."""
    name = "standard error" if stream is not None and stream is sys.stderr else "standard output"
    if stream is None:
        raise CommandError(f"cannot write the output: {name} is closed")
    try:
        if isinstance(data, bytes):
            stream.buffer.write(data)
        elif isinstance(data, str):
            stream.write(data)
        else:  # a report in pieces (``report.piece_renderer``)
            for piece in data:
                stream.write(piece)
        stream.flush()
    except BrokenPipeError:
        raise
    except (OSError, ValueError) as error:  # ValueError: "I/O operation on closed file"
        _discard(stream)
        reason = getattr(error, "strerror", None) or error
        raise CommandError(f"cannot write the output to {name} ({reason})") from None


def _discard(stream) -> None:
    """Point a failed stream's file descriptor at the null device, so that
    Python's own flush at exit does not fail again ("Exception ignored")."""
    with contextlib.suppress(Exception):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, stream.fileno())
        os.close(null)


def _isatty(stream) -> bool:
    try:
        return stream is not None and stream.isatty()
    except (OSError, ValueError):
        return False


def _render(
    args: argparse.Namespace,
    result: RunResult,
    fmt: str,
    color: bool,
    fail_on: Severity = Severity.ERROR,
) -> str | Iterable[str]:
    if args.statistics:
        return statistics.render(result, as_json=fmt == "json")
    if fmt == "text":
        return text_format.render(result, color=color, quiet=args.quiet)
    if fmt == "junit":  # a test fails as the run does
        return renderer(fmt)(result, fail_on=fail_on)
    in_pieces = piece_renderer(fmt)
    return in_pieces(result) if in_pieces is not None else renderer(fmt)(result)


def _default_format() -> str:
    chosen = os.environ.get("MEDLINT_FORMAT")
    if chosen in FORMAT_MODULES:
        return chosen
    if chosen:
        _warn(f"MEDLINT_FORMAT={chosen!r} is not a format; using text")
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


def _init(args: argparse.Namespace) -> int:
    if args.path.exists() and not args.force:
        _error(f"{args.path} exists; use --force to overwrite it")
        return EXIT_ERROR
    rules = load_pack(builtin_rules_dir())
    from medlint.report.rule_docs import config_template

    args.path.write_text(config_template(rules), encoding="utf-8")
    _write(
        sys.stdout,
        f"Wrote {args.path}: every rule at its defaults. Edit what you want to change.\n",
    )
    return EXIT_OK


def _rules(args: argparse.Namespace) -> int:
    config = _config(args.config)
    from medlint.report.rule_docs import rules_table

    _write(sys.stdout, rules_table(config.available, config))
    return EXIT_OK


def _explain(args: argparse.Namespace) -> int:
    config = _config(args.config)
    rule = config.available.get(args.rule)
    if rule is None:
        import difflib

        close = difflib.get_close_matches(args.rule, config.available, n=1)
        hint = f"; did you mean {close[0]}?" if close else " (run 'medlint rules' to list them)"
        _error(f"unknown rule ID {args.rule!r}{hint}")
        return EXIT_ERROR
    from medlint.report.rule_docs import explain

    _write(sys.stdout, explain(rule))
    return EXIT_OK


def _config(path: Path | None) -> Config:
    """The user's config (or the defaults), with every rule it knows."""
    builtin = load_pack(builtin_rules_dir())
    path = path or find_config(Path.cwd())
    return load_config(path, builtin) if path else default_config(builtin)


_OVERRIDE = re.compile(r"([A-Za-z][\w-]*(?:\.[A-Za-z_][\w-]*)*)\s*=(.*)", re.DOTALL)


def _config_arguments(values: list[str] | None) -> tuple[Path | None, dict[str, Any]]:
    """--config's values: at most one config file, and the KEY=VALUE settings
    (a value that is an existing file is a file, whatever it holds)."""
    path: Path | None = None
    overrides: dict[str, Any] = {}
    for value in values or []:
        match = _OVERRIDE.fullmatch(value)
        if match is None or os.path.exists(value):
            if path is not None:
                raise CommandError(f"--config names two config files: {path} and {value}")
            path = Path(value)
            continue
        key, text = match.group(1), match.group(2).strip()
        try:
            parsed = load_mapping(Path("--config"), f"value: {text}\n")["value"] if text else None
        except ConfigError as error:
            raise CommandError(f"--config {key}=...: {error.message}") from None
        parsed = plain(parsed)
        place = overrides
        *parents, last = key.split(".")
        for part in parents:
            inner = place.setdefault(part, {})
            if not isinstance(inner, dict):
                raise CommandError(f"--config {key}: {part} is given a value and settings")
            place = inner
        place[last] = parsed
    return path, overrides


class _Configs:
    """The config of each file: ``--config`` when given, else the nearest
    config file in the file's folder or above it (so that a subtree may have
    its own, and a run from anywhere, or an editor's --stdin-filename, reads
    the project's), else the working directory's, else the defaults. Each
    config file is read once."""

    def __init__(self, explicit: Path | None, overrides: dict[str, Any] | None = None) -> None:
        self._builtin = load_pack(builtin_rules_dir())
        self._overrides = overrides or {}
        self._explicit = self._load(explicit) if explicit else None
        self._loaded: dict[Path | None, Config] = {}
        self._nearest: dict[Path, Path | None] = {}
        self._fallback: Path | None | bool = False
        self._by_folder: dict[str, Config] = {}

    def for_path(self, path: str) -> Config:
        """The config of a path named on the command line (a folder: its own)."""
        return self.for_file(path) if not os.path.isdir(path) else self._in(Path(path))

    def for_file(self, path: str) -> Config:
        folder = os.path.dirname(path) or "."  # (by folder, as named: a site's are few)
        config = self._by_folder.get(folder)
        if config is None:
            config = self._by_folder[folder] = self._in(Path(os.path.abspath(folder)))
        return config

    def _in(self, directory: Path) -> Config:
        if self._explicit is not None:
            return self._explicit
        directory = Path(os.path.abspath(directory))
        if directory not in self._nearest:
            self._nearest[directory] = find_config(directory)
        found = self._nearest[directory]
        if found is None:
            if self._fallback is False:
                self._fallback = find_config(Path.cwd())
            found = self._fallback  # type: ignore[assignment]
        if found not in self._loaded:
            self._loaded[found] = self._load(found)
        return self._loaded[found]

    def _load(self, path: Path | None) -> Config:
        config = load_config(path, self._builtin) if path else default_config(self._builtin)
        return override(config, self._overrides, "--config") if self._overrides else config


def _settings_text(args: argparse.Namespace, path: str, config: Config) -> str:
    """--show-settings: what ``path`` is checked with, each setting with where
    it was given (a config file and line, the command line, or the default)."""
    from medlint.report.rule_docs import flow

    linter = _linter(args, config)
    origins = config.origins
    command_line = {"--select": args.select, "--ignore": args.ignore,
                    "--extend-select": args.extend_select}  # fmt: skip
    rows: list[tuple[str, str]] = []

    def row(text: str, key: str | None = None, origin: str | None = None) -> None:
        rows.append((text, origin or (origins.get(key, "default") if key else "")))

    shown = path_text(path)
    rows.append((f"# the settings {shown} is checked with", ""))
    row(f"config: {path_text(str(config.path)) if config.path else '(none: the defaults)'}")
    for base in config.extends:
        row(f"  extends: {path_text(str(base))}")
    row(f"root: {path_text(str(config.root))}")
    row(f"include: {flow(config.include or list(DEFAULT_INCLUDE))}", "include")
    row(f"exclude: {flow(config.exclude)}", "exclude")
    row(f"default-exclude: {'true' if config.default_exclude else 'false'}", "default-exclude")
    silenced = sorted(config.ignored_rules(path)) if not os.path.isdir(path) else []
    row(f"per-file-ignores (here): {flow(silenced)}", "per-file-ignores")
    fail_on = args.fail_on or (config.fail_on.name.lower() if config.fail_on else "error")
    row(
        f"fail-on: {fail_on}",
        None,
        "--fail-on" if args.fail_on else origins.get("fail-on", "default"),
    )
    row(f"language: {config.language}", "language")
    row(f"max-file-size: {config.max_file_size}", "max-file-size")
    running = {active.rule.id: active for active in linter.rules}
    given = [option for option, value in command_line.items() if value]
    row("rules:", None, ", ".join(given) if given else "")
    for rule_id in sorted(config.available):
        active = running.get(rule_id)
        if active is None:
            row(f"  {rule_id}: not run", None, _why_not_run(args, config, rule_id))
            continue
        row(f"  {rule_id}:")
        severity_origin = origins.get(f"rules.{rule_id}.severity", "default")
        row(f"    severity: {active.severity.name.lower()}", None, severity_origin)
        for option in sorted(o for o in active.options if not o.startswith("_")):
            value = active.options[option]
            row(f"    {option}: {flow(value)}", f"rules.{rule_id}.{option}")
    width = min(max(len(text) for text, _ in rows) + 2, 72)
    lines = [f"{text:<{width}}  # {origin}" if origin else text for text, origin in rows]
    return "\n".join(line.rstrip() for line in lines) + "\n"


def _why_not_run(args: argparse.Namespace, config: Config, rule_id: str) -> str:
    """Where a rule that does not run was left out (for --show-settings)."""
    named = lambda values: rule_id in ",".join(values or []).replace(" ", "").split(",")  # noqa: E731
    if named(args.ignore):
        return "--ignore"
    if rule_id in config.ignore:
        return f"ignore: {config.origins.get('ignore', '')}"
    if args.select and not named(args.select):
        return "--select"
    if config.select is not None and rule_id not in config.select and not args.select:
        return f"select: {config.origins.get('select', '')}"
    if f"rules.{rule_id}.severity" in config.origins:
        return f"off: {config.origins[f'rules.{rule_id}.severity']}"
    return "default (an opt-in rule: extend-select runs it)"


def _selection(config: Config) -> Selection:
    include = config.include or DEFAULT_INCLUDE
    return Selection(
        config.root, include, config.exclude, config.path or "config", config.default_exclude
    )


def _files_by_config(
    args: argparse.Namespace, configs: _Configs, skipped: list[str]
) -> list[tuple[Config, list[str]]]:
    """The files to check, by the config that applies to each (in the order
    the configs are first met). A path is walked with its own config's
    include and exclude; a file found there under another config (a subtree
    with its own) is kept only if that config selects it too."""
    groups: dict[int, tuple[Config, list[str]]] = {}
    seen: set[str] = set()
    selections: dict[int, Selection] = {}

    def selection(config: Config) -> Selection:
        if id(config) not in selections:
            selections[id(config)] = _selection(config)
        return selections[id(config)]

    for path in args.paths:
        config = configs.for_path(path)
        groups.setdefault(id(config), (config, []))
        walked = os.path.isdir(path)
        found = discover([path], selection(config), skipped, args.force_exclude)
        if walked:  # a subtree with its own config is walked with its own include too
            for folder in _nested_config_folders(path, selection(config)):
                found += discover([folder], selection(configs.for_path(folder)), skipped)
            found = sorted(dict.fromkeys(found))
        for file in found:
            if file in seen:
                continue
            own = configs.for_file(file)
            if own is not config:
                if walked and not selection(own).wanted(Path(file)):
                    continue
                if not walked and args.force_exclude and selection(own).excluded_path(Path(file)):
                    continue
            seen.add(file)
            groups.setdefault(id(own), (own, []))[1].append(file)
    return [(config, sorted(files)) for config, files in groups.values()]


def _nested_config_folders(start: str, selection: Selection) -> list[str]:
    """The folders below ``start`` that hold a config of their own, where a
    walk with ``selection`` goes (not hidden, not excluded)."""
    folders = []
    for root, dirs, _ in os.walk(start):
        dirs[:] = sorted(
            d
            for d in dirs
            if not d.startswith(".")
            and d not in SKIPPED_DIRECTORIES
            and not selection.excluded_directory(Path(root, d).resolve())
        )
        for d in dirs:
            folder = Path(root, d)
            found = find_config(folder.resolve())
            if found is not None and found.parent == folder.resolve():
                folders.append(os.path.normpath(str(folder)))
    return folders


def _linter(args: argparse.Namespace, config: Config, extra: Sequence[ActiveRule] = ()) -> Linter:
    """The rules and settings one config gives, with the command line's (and
    ``extra`` rules a command adds: the report's article-facts)."""
    rules = config.available
    select = _id_list(args.select, rules, "--select")
    ignore = _id_list(args.ignore, rules, "--ignore") or []
    extend = _id_list(args.extend_select, rules, "--extend-select") or []
    active = [*active_rules(rules, config, select, ignore, extend), *extra]
    linter = Linter(
        rules=active,
        context=config.context(active, args.today or dt.date.today()),
        ignored_for=config.ignored_rules,
        fixing=FixMode(fix=args.fix or args.diff, unsafe=args.unsafe_fixes, write=not args.diff),
        max_file_size=config.max_file_size,
    )
    _prepare(linter)
    if not (args.no_cache or os.environ.get("MEDLINT_NO_CACHE") or args.fix or args.diff):
        directory = args.cache_dir or config.root / DIRECTORY
        linter.cache = ResultCache(directory, settings_fingerprint(linter))
    return linter


def _merged(results: list[RunResult]) -> RunResult:
    """One run's result from those of its configs' groups."""
    if len(results) == 1:
        return results[0]
    merged = RunResult()
    known: set[str] = set()
    for result in results:
        merged.findings.extend(result.findings)
        merged.checked_paths.extend(result.checked_paths)
        for active in result.rules_run:
            if active.rule.id not in known:
                known.add(active.rule.id)
                merged.rules_run.append(active)
        merged.fixed += result.fixed
        merged.diffs.extend(result.diffs)
        merged.errors.extend(e for e in result.errors if e not in merged.errors)
        merged.warnings.extend(result.warnings)
        merged.texts.update(result.texts)
        merged.collected.update(result.collected)
    merged.findings.sort(key=REPORT_ORDER)
    return merged


def _report_command(args: argparse.Namespace) -> int:
    """medlint report: the run of `medlint check` with article-facts, as data."""
    from medlint.checks import article_facts
    from medlint.report import site
    from medlint.rules import Rule

    configs = _Configs(*_config_arguments(args.config))
    if _missing(args.paths):
        return EXIT_ERROR
    if not args.output.strip():
        _error("--output names the folder to write the report to")
        return EXIT_ERROR
    output = Path(args.output)
    today = args.today or dt.date.today()
    previous = _previous_report(args.compare) if args.compare is not None else None
    groups = _files_by_config(args, configs, [])
    results, cycle, target = [], 180, 8.0
    for config, files in groups:
        options = {n: o.default for n, o in article_facts.OPTIONS.items()}
        # The dates and grades as each config reads them, whether or not those rules run.
        configured = configured_options(config.available, config)
        stale, grades = configured.get("stale-review-date", {}), configured.get("readability", {})
        for name in ("keys", "deadline-keys", "day-first", "max-age-days"):
            if name in stale:
                options[name] = stale[name]
        given = config.rules.get("stale-review-date")
        options["_set"] = sorted(given.options) if given is not None else []
        for name in ("formula", "min-words", "min-paragraph-words", "max-grade"):
            if name in grades:
                options[name] = grades[name]
        options["language"] = config.language
        cycle, target = options["max-age-days"], options["max-grade"]
        facts = Rule(
            id=site.FACTS, check=article_facts.NAME, severity=Severity.INFO, message="",
            description="What the report shows of every article.", options=options,
        )  # fmt: skip
        linter = _linter(args, config, [ActiveRule(facts, Severity.INFO, options)])
        with _progress_bar(args, len(files)) as step:
            results.append(run(files, linter, jobs=args.jobs or _cpus(), progress=step))
    result = _merged(results) if results else RunResult()
    data = site.build(result, today, cycle, target)
    stamp = dt.datetime.now(dt.timezone.utc)
    from medlint.report import dashboard

    files = {path_text(path): path for path in result.checked_paths}
    page = dashboard.render(data, str(output), previous, files=files)
    try:
        written = site.write(output, data, stamp, page)
    except OSError as error:
        reason = error.strerror or error
        raise CommandError(f"cannot write the report to {output}: {reason}") from None
    for message in result.errors:
        _error(message)
    if not args.quiet:
        summary = data["summary"]
        _say(
            f"medlint: {summary['articles']} articles: {summary['overdue']} overdue, "
            f"{summary['due-30']} due within 30 days, {summary['no-date']} without a review "
            f"date; wrote {', '.join(path_text(str(p)) for p in written)}"
        )
    return EXIT_ERROR if result.errors else EXIT_OK


def _previous_report(path: Path) -> dict:
    """The report.json given to --compare, or a CommandError naming it."""
    import json

    from medlint.report.dashboard import is_report

    try:
        data = json.loads(path.read_bytes())
    except OSError as error:
        raise CommandError(
            f"--compare: cannot read {path_text(str(path))}: {error.strerror or error}"
        ) from None
    except ValueError as error:
        raise CommandError(f"--compare: {path_text(str(path))} is not JSON: {error}") from None
    if not is_report(data):
        raise CommandError(
            f"--compare: {path_text(str(path))} is not a report.json of medlint report"
        )
    return data


def _schema(args: argparse.Namespace) -> int:
    import json

    from medlint.report.schema import config_schema

    config = _config(args.config)
    _write(sys.stdout, json.dumps(config_schema(config.available), indent=2) + "\n")
    return EXIT_OK


def _id_list(values: list[str] | None, rules: dict[str, Rule], option: str) -> list[str] | None:
    if values is None:
        return None
    ids = [part.strip() for value in values for part in value.split(",") if part.strip()]
    if not ids:
        raise ConfigError(option, "no rule IDs given")
    check_rule_ids(ids, rules, option, "")
    return ids


def _error(message: str) -> None:
    _say(f"medlint: error: {printable(message)}")


def _warn(message: str) -> None:
    _say(f"medlint: warning: {printable(message)}")


def _say(line: str) -> None:
    """One line on stderr; nowhere when stderr is closed (print would use stdout)."""
    if sys.stderr is None:
        return
    with contextlib.suppress(OSError, ValueError):
        print(line, file=sys.stderr, flush=True)
