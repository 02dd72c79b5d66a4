"""The ``medlint`` command: argument parsing and exit codes, no lint logic.

Exit codes (a public contract): 0 when no finding reaches the failing
severity, 1 when one does, 2 for a usage error, a bad config or rule file, a
path that does not exist, or an internal error.
"""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from medlint import __version__
from medlint.checks.base import Context
from medlint.config import (
    Config,
    active_rules,
    check_rule_ids,
    configured_options,
    default_config,
    find_config,
    load_config,
)
from medlint.errors import ConfigError
from medlint.findings import Severity
from medlint.report import FORMATS
from medlint.report.rule_docs import explain, rules_table
from medlint.rules import Rule, builtin_rules_dir, load_pack
from medlint.runner import discover, run

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


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
    except ConfigError as error:
        _error(str(error))
        return EXIT_ERROR
    except BrokenPipeError:  # output piped into a pager or `head` that closed early
        sys.stderr.close()
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="medlint",
        description="A content-quality linter and publishing checker for health articles.",
    )
    parser.add_argument("--version", action="version", version=f"medlint {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    check = commands.add_parser(
        "check",
        help="check articles (Markdown and plain text)",
        description="Check articles for duplicated content, empty list introductions, "
        "stale review dates, missing disclaimers, readability and more.",
    )
    check.add_argument(
        "paths", nargs="*", default=["."], metavar="PATH", help="files or directories (default: .)"
    )
    check.add_argument("--format", choices=sorted(FORMATS), default="text", help="output format")
    check.add_argument(
        "--select",
        action="append",
        metavar="RULES",
        help="run only these rules (comma-separated IDs)",
    )
    check.add_argument(
        "--ignore",
        action="append",
        metavar="RULES",
        help="do not run these rules (comma-separated IDs)",
    )
    check.add_argument(
        "--fail-on",
        choices=["error", "warning", "info"],
        help="lowest severity that makes the run fail with exit code 1 (default: error)",
    )
    check.add_argument(
        "--today", type=_date, metavar="YYYY-MM-DD", help="the date to judge review dates by"
    )
    check.add_argument(
        "--config",
        type=Path,
        metavar="PATH",
        help="config file to use instead of searching for one",
    )
    check.set_defaults(handler=_check)
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
    return parser


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD form: {text!r}") from None


def _check(args: argparse.Namespace) -> int:
    config = _config(args.config)
    rules = config.available
    select = _id_list(args.select, rules, "--select")
    ignore = _id_list(args.ignore, rules, "--ignore") or []
    active = active_rules(rules, config, select, ignore)
    missing = [path for path in args.paths if not os.path.exists(path)]
    if missing:
        _error(f"path does not exist: {', '.join(missing)}")
        return EXIT_ERROR
    files = discover(args.paths)
    if not files:
        _warn(f"no articles (.md, .markdown, .txt) found in {', '.join(args.paths)}")
    options = configured_options(rules, config)
    context = Context(
        today=args.today or dt.date.today(),
        root=config.path.resolve().parent if config.path else Path.cwd(),
        kind_options={rule.check: options[rule.id] for rule in reversed(rules.values())},
        enabled_kinds=frozenset(a.rule.check for a in active),
    )
    result = run(files, active, context)
    color = args.format == "text" and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    sys.stdout.write(FORMATS[args.format](result, color=color))
    sys.stdout.flush()
    for message in result.errors:
        _error(message)
    if result.errors:
        return EXIT_ERROR
    fail_on = Severity.parse(args.fail_on) if args.fail_on else (config.fail_on or Severity.ERROR)
    return EXIT_FINDINGS if any(f.severity >= fail_on for f in result.findings) else EXIT_OK


def _rules(args: argparse.Namespace) -> int:
    config = _config(args.config)
    sys.stdout.write(rules_table(config.available, config))
    return EXIT_OK


def _explain(args: argparse.Namespace) -> int:
    config = _config(args.config)
    rule = config.available.get(args.rule)
    if rule is None:
        close = difflib.get_close_matches(args.rule, config.available, n=1)
        hint = f"; did you mean {close[0]}?" if close else " (run 'medlint rules' to list them)"
        _error(f"unknown rule ID {args.rule!r}{hint}")
        return EXIT_ERROR
    sys.stdout.write(explain(rule))
    return EXIT_OK


def _config(path: Path | None) -> Config:
    """The user's config (or the defaults), with every rule it knows."""
    builtin = load_pack(builtin_rules_dir())
    path = path or find_config(Path.cwd())
    return load_config(path, builtin) if path else default_config(builtin)


def _id_list(values: list[str] | None, rules: dict[str, Rule], option: str) -> list[str] | None:
    if values is None:
        return None
    ids = [part.strip() for value in values for part in value.split(",") if part.strip()]
    check_rule_ids(ids, rules, option, "")
    return ids


def _error(message: str) -> None:
    print(f"medlint: error: {message}", file=sys.stderr)


def _warn(message: str) -> None:
    print(f"medlint: warning: {message}", file=sys.stderr)
