"""Check articles: read each once, run every active rule on its Document, drop
what the article or the config silences, and, when asked, fix and check again.

A file that cannot be read or decoded gives an ``unreadable-file`` finding and
the run goes on with the next file. A crashing check or a runaway pattern is
recorded as an error (exit 2), not a traceback, and the other rules still run.
"""

from __future__ import annotations

import dataclasses
import difflib
import gc
import os
import re
import signal
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TypeVar

from medlint.cache import ResultCache, file_digest, fingerprint
from medlint.checks.base import Context, in_one_process
from medlint.config import ActiveRule
from medlint.document import Document, Problem
from medlint.files import WriteRefused, remove_stale_temporaries, write_fixed
from medlint.findings import REPORT_ORDER, Finding, Hit, Severity, Span
from medlint.fixes import apply_fixes
from medlint.memo import forget_all
from medlint.parsing import load_document, parse_document
from medlint.patterns import PatternTimeout
from medlint.reading import DEFAULT_MAX_FILE_SIZE, FileTooLarge, read_bytes
from medlint.suppressions import Directive, Silencing, find_suppressions

#: The one check that still runs on a file that could not be read.
ENCODING_CHECK = "unreadable-file"
#: A run over this many files prunes the cache (see ResultCache.prune).
PRUNE_AFTER = 1000
#: Fix, check again, until nothing is left to fix (or this many rounds).
MAX_FIX_ROUNDS = 10
_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class FixMode:
    """What --fix, --unsafe-fixes and --diff asked for."""

    fix: bool = False
    unsafe: bool = False
    write: bool = True  # False for --diff: compute, show, never write

    def wants(self, finding: Finding) -> bool:
        return self.fix and finding.fix is not None and (finding.fix.safe or self.unsafe)


def _no_ignores(path: str) -> set[str]:
    """No per-file-ignores (a module function, not a lambda: it can be pickled)."""
    return set()


@dataclass
class Linter:
    """Everything a run needs besides the files themselves."""

    rules: Sequence[ActiveRule]
    context: Context
    #: Rule IDs the config silences for a path (per-file-ignores).
    ignored_for: Callable[[str], set[str]] = _no_ignores
    fixing: FixMode = field(default_factory=FixMode)
    #: A larger article is not read: it gets an unreadable-file finding (max-file-size).
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    #: Findings of unchanged articles, kept from earlier runs (None: no cache).
    cache: ResultCache | None = None


def settings_fingerprint(linter: Linter) -> str:
    """A digest of everything besides an article that changes its findings:
    the active rules (severity, message, options), what the checks know of
    the run, the contents of the files rules read, and the date when a rule
    judges dates by it (with medlint's and its libraries' versions)."""
    context = linter.context
    parts = [
        f"max-file-size={linter.max_file_size}",
        f"root={context.root}",
        f"language={context.language}",
        f"rules={sorted(context.enabled_rules)} of {sorted(context.known_rules)}",
        f"every-rule-runs={context.every_rule_runs}",
    ]
    for active in linter.rules:
        rule = active.rule
        parts.append(
            f"rule={rule.id} {rule.check} {active.severity} {rule.message!r} "
            f"{sorted(active.options.items())!r}"
        )
        if getattr(rule.kind, "USES_TODAY", False):
            parts.append(f"today={context.today.isoformat()}")
        resources = getattr(rule.kind, "resources", None)
        for path in resources(active.options, context) if resources else []:
            parts.append(f"file={path} {file_digest(Path(path))}")
    return fingerprint(parts)


@dataclass
class FileOutcome:
    findings: list[Finding]
    fixed: int = 0
    #: The fixed file, when fixes changed it (bytes as they would be written).
    new_data: bytes | None = None
    diff: str = ""
    #: The findings before any fix: what stands in the file if it is not written.
    unfixed: list[Finding] = field(default_factory=list)
    #: What the project rules collected from the article (as checked, or as
    #: fixed), by rule ID: plain data for the project phase (see ``_project``).
    prints: Mapping[str, tuple] = field(default_factory=dict)
    #: The prints before any fix (with ``unfixed``).
    unfixed_prints: dict[str, tuple] = field(default_factory=dict)
    #: With the cache: the file's entry, and how it looked before it was read
    #: (``_looked``; None when it had changed just before: see RECENT_NS).
    cache_key: str | None = None
    stamp: tuple[int, ...] | None = None
    #: Read from the cache (False: checked, and kept in the cache if it could be).
    cached: bool = False
    #: With the cache: the file as it was looked at before it was read (its
    #: size, time and change time) and the rules silenced for it, for the
    #: cache's record of files (``ResultCache.known_key``); None when that
    #: record already says so.
    seen: tuple | None = None


@dataclass
class RunResult:
    findings: list[Finding] = field(default_factory=list)
    checked_paths: list[str] = field(default_factory=list)
    rules_run: list[ActiveRule] = field(default_factory=list)
    fixed: int = 0
    diffs: list[str] = field(default_factory=list)
    #: The last file's fixed bytes (what --fix prints for standard input).
    fixed_data: bytes | None = None
    #: A check crashed, a pattern ran out of time or a fixed file could not be
    #: written: reported on stderr, exit code 2.
    errors: list[str] = field(default_factory=list)
    #: Said on stderr, with no effect on the exit code (a file not fixed on purpose).
    warnings: list[str] = field(default_factory=list)
    #: The text of articles not read from disk (standard input), by name, as
    #: checked: what a report that reads an article again reads instead.
    texts: dict[str, bytes] = field(default_factory=dict)
    #: What the project rules collected from each article, by path (by rule ID).
    collected: dict[str, Mapping[str, tuple]] = field(default_factory=dict)

    @property
    def files_checked(self) -> int:
        return len(self.checked_paths)


#: One checked article: its path, its bytes (when they may be written back),
#: what the check found, and the errors it met.
Checked = tuple[str, "bytes | OSError | None", "FileOutcome", list[str]]


def run(
    files: Iterable[str],
    linter: Linter,
    stdin: bytes | None = None,
    jobs: int = 1,
    progress: Callable[[], None] | None = None,
) -> RunResult:
    """Check the files (with ``stdin``: one article read from standard input,
    named by ``files``' only entry; it is never written), in ``jobs``
    processes when there are several files (see ``_in_workers``). The result
    is the same, in the same order, however many processes check them.
    ``progress`` is called once per file checked (a progress bar's step)."""
    result = RunResult(rules_run=list(linter.rules))
    writing = linter.fixing.fix and linter.fixing.write and stdin is None
    files = list(files)
    if writing:
        cleaned: set[Path] = set()
        for path in files:
            _clean_directory(path, cleaned, result)
    if stdin is not None:
        checked: Iterable[Checked] = [_check_one(files[0], linter, stdin, writing)]
    elif jobs > 1 and len(files) > 1 and _can_fork():
        checked = _hits_here_misses_in_workers(files, linter, writing, jobs)
    else:
        checked = (_check_one(path, linter, None, writing) for path in files)
    outcomes: list[tuple[str, FileOutcome]] = []
    written = 0  # cache entries this run wrote
    try:
        for path, data, outcome, errors in checked:
            written += outcome.cache_key is not None and not outcome.cached
            if outcome.seen and outcome.cache_key and linter.cache is not None:
                linter.cache.note_file(*outcome.seen, outcome.cache_key)
            _take(result, path, data, outcome, errors, writing)
            if outcome.prints:
                outcomes.append((path, outcome))
                result.collected[path] = outcome.prints
            if progress is not None:
                progress()
    except WorkerStopped:  # killed (out of memory?): say so, never wait for it
        result.errors.append(
            "a worker process stopped before it was done (out of memory?); the files it "
            "had were not checked: run with --jobs 1 to find the one"
        )
    forget_all()  # (what the checks kept for texts met again: the articles are done)
    result.findings.extend(_project_phase(outcomes, linter, result.errors, jobs))
    if linter.cache is not None and not linter.fixing.fix:
        linter.cache.save_files()
    result.findings.sort(key=REPORT_ORDER)
    result.errors[:] = list(dict.fromkeys(result.errors))  # once, however many fix rounds
    if linter.cache is not None and written and len(files) >= PRUNE_AFTER:
        linter.cache.prune()  # (workers write, not this process); a warm run wrote nothing
    return result


def _take(
    result: RunResult,
    path: str,
    data: bytes | OSError | None,
    outcome: FileOutcome,
    errors: list[str],
    writing: bool,
) -> None:
    """Add one checked article to the run's result (and write its fixes)."""
    result.errors.extend(errors)
    result.checked_paths.append(path)
    result.fixed_data = outcome.new_data
    if outcome.new_data is not None and writing and isinstance(data, bytes):
        _write(path, data, outcome, result)
    result.findings.extend(outcome.findings)
    result.fixed += outcome.fixed
    if outcome.diff:
        result.diffs.append(outcome.diff)


def _check_one(path: str, linter: Linter, stdin: bytes | None, writing: bool) -> Checked:
    """Read and check one article: its path, its bytes (when they may be
    written back), what the check found, and the errors it met."""
    cache = linter.cache if stdin is None and not linter.fixing.fix else None
    if cache is not None:
        data, stamp, key, kept, seen = _look_up(path, linter, cache)
        if kept is not None:
            return path, data if writing else None, kept, []
    else:
        data = stdin if stdin is not None else _read(path, linter.max_file_size)
        stamp = key = seen = None
    keep = data if writing or stdin is not None else None
    errors: list[str] = []
    with _collector_paused():
        if keep is None and isinstance(data, bytes) and not linter.fixing.fix:
            # Nothing needs the bytes once they are decoded: they are let go
            # before the checks run (6 MB of a 6 MB article, held to the end).
            _load(linter)
            doc = load_document(path, data)
            del data
            outcome = _lint_document(doc, linter, errors)
        else:
            outcome = lint_bytes(path, data, linter, errors)
    if cache is not None and key is not None and not errors:  # not a run with errors
        cache.put_entry(key, outcome.findings, outcome.prints)
        outcome.cache_key, outcome.stamp, outcome.seen = key, stamp, seen
    return path, keep, outcome, errors


def _stamp(path: str) -> tuple[int, ...] | None:
    """How a file looks now (``_looked``), or None when it cannot be looked at."""
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return _looked(info)


def _looked(info: os.stat_result) -> tuple[int, ...]:
    """What says that a file is the one read before: its size, modification
    and change times (in ns) and which file it is (inode and device: a path
    whose folder was swapped, or whose link points elsewhere, is another
    file, whatever its times)."""
    return info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev


#: A file changed this recently (ns) may change again within the same tick
#: of its file system's clock, its size kept, and look the same as when it
#: was read (git's "racy" files): it is not recorded as read, and is read
#: again next time. Three seconds covers a FAT file system's two.
RECENT_NS = 3_000_000_000


def _settled(info: os.stat_result) -> bool:
    """Whether the file last changed long enough ago (RECENT_NS) that a
    later change shows in its times."""
    return _now_ns() - max(info.st_mtime_ns, info.st_ctime_ns) >= RECENT_NS


def _now_ns() -> int:
    return time.time_ns()


def _hits_here_misses_in_workers(
    files: list[str], linter: Linter, writing: bool, jobs: int
) -> Iterator[Checked]:
    """A parallel run: the articles the cache holds are read here (a worker
    would read the same entry and send its findings back, pickled twice:
    slower than reading it here); the others are checked in the workers.
    Outcomes come in the files' order."""
    kept = [_from_cache(path, linter) for path in files]
    misses = [path for path, hit in zip(files, kept, strict=True) if hit is None]
    if len(misses) > 1:
        checked = _in_workers(misses, linter, writing, jobs)
    else:
        checked = (_check_one(path, linter, None, writing) for path in misses)
    for hit in kept:
        yield hit if hit is not None else next(checked)


def _from_cache(path: str, linter: Linter) -> Checked | None:
    """The article's outcome as the cache keeps it, or None (a miss, no cache)."""
    cache = linter.cache if not linter.fixing.fix else None
    if cache is None:
        return None
    kept = _look_up(path, linter, cache)[3]
    return None if kept is None else (path, None, kept, [])


def _look_up(path: str, linter: Linter, cache: ResultCache) -> tuple:
    """Look an article up: (its bytes, or why they cannot be read, or None
    when they were not read; its size and time, taken before the read, so a
    later change shows; its entry's key; the outcome the cache keeps, or None
    for a miss; what ``FileOutcome.seen`` records). An article whose size,
    time and change time are those the cache recorded when it last read it
    is not read again (a change of its bytes changes its change time)."""
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        info = None
    silenced = linter.ignored_for(path)
    ignored = ",".join(sorted(silenced))
    if info is not None and _settled(info):
        stamp: tuple[int, ...] | None = _looked(info)
        key = cache.known_key(path, stamp, ignored)
        if key is not None and (kept := cache.get_entry(key)) is not None:
            findings, prints = kept
            outcome = FileOutcome(findings, prints=prints, cache_key=key, stamp=stamp, cached=True)
            return None, stamp, key, outcome, None
        seen = (path, stamp, ignored)
    else:  # (changed just now: read, and not recorded as read)
        stamp = seen = None
    data = _read(path, linter.max_file_size)
    if not isinstance(data, bytes):
        return data, stamp, None, None, None
    key = cache.key(path, data, silenced)
    kept = cache.get_entry(key)
    if kept is None:
        return data, stamp, key, None, seen
    findings, prints = kept
    outcome = FileOutcome(
        findings, prints=prints, cache_key=key, stamp=stamp, cached=True, seen=seen
    )
    return data, stamp, key, outcome, seen


class WorkerStopped(Exception):
    """A worker process died before it was done (concurrent.futures'
    BrokenProcessPool, whose module is imported only when workers run: a
    one-file run does not pay for multiprocessing)."""


def _can_fork() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


#: The Linter of a parallel run, for its workers: they are forked from this
#: process, and find it here (a Linter holds modules and functions, which are
#: not sent to a process).
_WORKER_LINTER: Linter | None = None


def _worker_check(
    task: tuple[str, bool],
) -> Checked:
    path, writing = task
    assert _WORKER_LINTER is not None, "set before the workers are forked"
    return _check_one(path, _WORKER_LINTER, None, writing)


def _ignore_interrupts() -> None:
    """Ctrl-C is for the main process, which stops the workers: they print nothing."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _in_workers(files: list[str], linter: Linter, writing: bool, jobs: int) -> Iterator[Checked]:
    """Check the files in ``jobs`` forked processes, giving the outcomes in
    the files' order (a worker that dies, say of lack of memory, breaks the
    pool: BrokenProcessPool, never a wait). Each worker reads and checks; this process writes fixes
    and builds the report, as a serial run does. The objects that exist
    before the fork are frozen out of the cycle collector, so that workers do
    not copy the pages it would touch."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    global _WORKER_LINTER
    _WORKER_LINTER = linter
    _load(linter)
    chunk = max(1, min(16, len(files) // (jobs * 8)))
    pool = ProcessPoolExecutor(
        min(jobs, len(files)),
        mp_context=multiprocessing.get_context("fork"),
        initializer=_ignore_interrupts,
    )
    try:
        gc.freeze()
        try:  # the workers are forked as the tasks are handed out
            outcomes = pool.map(_worker_check, [(path, writing) for path in files], chunksize=chunk)
        finally:
            gc.unfreeze()
        try:
            yield from outcomes
        except BrokenProcessPool as error:
            raise WorkerStopped from error
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        _WORKER_LINTER = None


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while one article is parsed and checked.

    An article's Document is hundreds of thousands of live objects (blocks,
    sentences, words) that all survive until the article is done; the
    collector would walk them again and again as they are made, which took
    half the time of a 6 MB article. What the article leaves behind is
    collected as usual once the collector runs again, before the next one."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _write(path: str, data: bytes, outcome: FileOutcome, result: RunResult) -> None:
    """Write a fixed file; when it is not written, its findings are the ones
    that stand in it, and stderr says why. One failed write never stops the run."""
    try:
        write_fixed(Path(path), data, outcome.new_data)
        return
    except WriteRefused as refusal:
        result.warnings.append(f"{path}: not fixed: {refusal}")
    except OSError as error:
        result.errors.append(f"{path}: not fixed: cannot write it ({error.strerror or error})")
    outcome.findings, outcome.fixed, outcome.new_data = outcome.unfixed, 0, None
    outcome.prints = outcome.unfixed_prints


def _clean_directory(path: str, cleaned: set[Path], result: RunResult) -> None:
    """Once per directory of a --fix run: remove what an interrupted write left."""
    directory = Path(os.path.realpath(path)).parent
    if directory in cleaned:
        return
    cleaned.add(directory)
    for leftover in remove_stale_temporaries(directory):
        result.warnings.append(f"removed {leftover}, left behind by an interrupted medlint --fix")


def _read(path: str, limit: int = DEFAULT_MAX_FILE_SIZE) -> bytes | OSError:
    """The article's bytes, or why they cannot be read. Only a regular file of
    at most ``limit`` bytes is read (a FIFO is never waited on, a huge file
    never read to find out: ``medlint.reading``)."""
    try:
        return read_bytes(path, limit)
    except FileTooLarge as error:
        reason = f"{error.describe('max-file-size')}; raise max-file-size in the config to check it"
        return OSError(error.errno, reason, path)
    except OSError as error:
        return error


def lint_bytes(path: str, data: bytes | OSError, linter: Linter, errors: list[str]) -> FileOutcome:
    """Check (and, when asked, fix) one article given as bytes."""
    if isinstance(data, OSError):
        doc = Document(path=path, source="", format="unknown")
        reason = data.strerror or str(data)
        doc.problems.append(Problem("encoding", f"cannot read the file ({reason})", Span.at(1)))
        return FileOutcome(check_document(doc, linter, errors).findings)
    _load(linter)
    doc = load_document(path, data)
    if not linter.fixing.fix:
        return _lint_document(doc, linter, errors)
    checked = check_document(doc, linter, errors)
    if not doc.readable:
        doc.release()
        return FileOutcome(checked.findings, prints=checked.prints)
    return _fix(path, data, doc, checked, linter, errors)


def _lint_document(doc: Document, linter: Linter, errors: list[str]) -> FileOutcome:
    """Check an article read into ``doc``, with no fixing."""
    checked = check_document(doc, linter, errors)
    doc.release()
    return FileOutcome(checked.findings, prints=checked.prints)


def _load(linter: Linter) -> None:
    """Let the checks build the data they need (``load``) before an article is
    held, or the workers are forked (see ``medlint.checks.base``). A load
    that fails is left to the check, which meets the same failure when it
    runs: the run reports it as that rule's, and goes on with the others."""
    for active in linter.rules:
        load = getattr(active.rule.kind, "load", None)
        if load is not None:
            with suppress(Exception):
                load(active.options, linter.context)


def _fix(
    path, data: bytes, doc: Document, checked: DocumentResult, linter: Linter, errors
) -> FileOutcome:
    """Apply the wanted fixes, check again, repeat until nothing is left to fix."""
    original = text = doc.source
    doc.release()
    first = checked
    fixed = 0
    for _ in range(MAX_FIX_ROUNDS):
        fixes = [f.fix for f in checked.findings if linter.fixing.wants(f)]
        if not fixes:
            break
        fixed_text, applied = apply_fixes(text, fixes)
        if fixed_text.startswith("\ufeff") and not original.startswith("\ufeff"):
            # A deletion would bring a U+FEFF inside the text to the front,
            # where it would be read as a byte-order mark (and what follows
            # as front matter): this round is not applied, and the fixing
            # stops with the rounds before it (as --fix round by round would).
            break
        text = fixed_text
        fixed += applied
        again = parse_document(path, text)
        checked = check_document(again, linter, errors)
        again.release()
    findings, prints = checked.findings, checked.prints
    if text == original:
        return FileOutcome(findings, prints=prints)
    unfixed, unfixed_prints = first.findings, first.prints
    # The decoded text is the file's bytes after the byte-order mark, one for
    # one (strict UTF-8), so every byte outside the fixes' edits is unchanged.
    bom = _BOM if data.startswith(_BOM) else b""
    mark = "\ufeff" if bom else ""  # the diff applies to the file, mark and all
    diff = "" if linter.fixing.write else _unified_diff(path, mark + original, mark + text)
    return FileOutcome(
        findings, fixed, bom + text.encode("utf-8"), diff, unfixed, prints, unfixed_prints
    )


def _unified_diff(path: str, before: str, after: str) -> str:
    """A diff ``patch`` accepts: lines are what diff and patch take them to be
    (ended by LF only: a CR, lone or before LF, and a form feed stay inside
    the line), and a last line without a newline is marked so."""
    lines = []
    for line in difflib.unified_diff(
        _patch_lines(before),
        _patch_lines(after),
        fromfile=_diff_name("a/", path),
        tofile=_diff_name("b/", path),
    ):
        lines.append(line)
        if not line.endswith("\n"):
            lines.append("\n\\ No newline at end of file\n")
    return "".join(lines)


_NEEDS_QUOTES = re.compile(r'[\x00-\x1f\x7f"\\]')
_C_ESCAPES = {
    "\a": "\\a",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\v": "\\v",
    "\f": "\\f",
    "\r": "\\r",
}


def _diff_name(prefix: str, path: str) -> str:
    """A file name for a diff header, quoted as git quotes it when it holds a
    control character, a double quote or a backslash ("a/x\\ny.md" in double
    quotes): a newline in a name would otherwise split the header in two.
    GNU patch reads the quoted form."""
    name = prefix + path
    if not _NEEDS_QUOTES.search(name):
        return name + "\t" if " " in name else name  # as git does: patch reads up to the tab
    name = name.replace("\\", "\\\\").replace('"', '\\"')
    name = re.sub(
        r"[\x00-\x1f\x7f]", lambda m: _C_ESCAPES.get(m.group(), f"\\{ord(m.group()):03o}"), name
    )
    return f'"{name}"'


def _patch_lines(text: str) -> list[str]:
    lines = text.split("\n")
    last = lines.pop()
    return [line + "\n" for line in lines] + ([last] if last else [])


@dataclass
class DocumentResult:
    """What checking one Document gave: its findings, and what the project
    rules collected from it (by rule ID)."""

    findings: list[Finding]
    prints: dict[str, tuple] = field(default_factory=dict)


def check_document(doc: Document, linter: Linter, errors: list[str]) -> DocumentResult:
    """Run the rules, drop what is silenced, collect what the project rules
    compare across articles (marking what the article silences there), then
    run the rules that judge the silencing itself (unused-suppression)."""
    first, project, after = [], [], []
    for active in linter.rules:
        kind = active.rule.kind
        if getattr(kind, "PROJECT", False):
            project.append(active)
        elif getattr(kind, "AFTER_SUPPRESSIONS", False):
            after.append(active)
        else:
            first.append(active)
    ignored = linter.ignored_for(doc.path)
    silencing = Silencing(find_suppressions(doc))
    kept = [
        finding
        for finding in _run_rules(doc, first, linter.context, errors)
        if finding.rule not in ignored and not silencing.silences(finding)
    ]
    prints = _collect(doc, project, ignored, silencing, errors) if doc.readable else {}
    unused = silencing.unused()
    late = [
        finding
        for finding in _run_rules(doc, after, linter.context, errors, unused)
        if finding.rule not in ignored and not silencing.silences(finding, by_name_only=True)
    ]
    return DocumentResult(kept + late, prints)


def _collect(
    doc: Document,
    rules: Sequence[ActiveRule],
    ignored: set[str],
    silencing: Silencing,
    errors: list[str],
) -> dict[str, tuple]:
    """What each project rule compares across articles, from this one; an
    item the article silences (a directive at its line, per-file-ignores) is
    still compared, never reported."""
    prints: dict[str, tuple] = {}
    for active in rules:
        rule = active.rule
        try:
            items = rule.kind.collect(doc, active.options)
        except Exception as error:  # a bug in a check must not stop the run
            errors.append(
                f"{doc.path}: rule {rule.id} failed: {type(error).__name__}: {error} "
                "(internal error; please report it)"
            )
            continue
        if getattr(rule.kind, "FACTS", False):  # facts of the article: nothing to silence
            prints[rule.id] = tuple(items)
            continue
        prints[rule.id] = tuple(
            dataclasses.replace(item, silenced=True)
            if rule.id in ignored or silencing.silences(_placeholder(doc.path, rule.id, item))
            else item
            for item in items
        )
    return prints


def _placeholder(path: str, rule: str, item) -> Finding:
    """A finding of ``rule`` at the item's place, to ask the suppressions about."""
    span = item.span
    return Finding(
        path, span.line, span.column, span.end_line, span.end_column, rule, Severity.INFO, ""
    )


def _project_phase(
    outcomes: list[tuple[str, FileOutcome]], linter: Linter, errors: list[str], jobs: int = 1
) -> list[Finding]:
    """The project phase, with the cache when there is one: the run's
    articles are compared with the other articles of the project as the
    cache last saw them (unchanged since), and the phase's result is kept by
    the entries it read, so a warm run over an unchanged site redoes none of
    it. Only the run's articles are reported."""
    project = [a for a in linter.rules if getattr(a.rule.kind, "PROJECT", False)]
    if not project:
        return []
    cache = linter.cache if not linter.fixing.fix else None
    if cache is None:
        articles = [(path, outcome.prints) for path, outcome in outcomes]
        return _project(articles, linter, errors, jobs=jobs)
    known = cache.project_files()
    files = dict(known)
    ran = set()
    for path, outcome in outcomes:
        absolute = os.path.abspath(path)
        ran.add(absolute)
        if outcome.cache_key is not None and outcome.stamp is not None:
            files[absolute] = (outcome.stamp, outcome.cache_key)
        else:  # (not kept, or changed just before it was read: not vouched for)
            files.pop(absolute, None)
    articles = [(path, outcome.prints) for path, outcome in outcomes]
    keys = [outcome.cache_key for _, outcome in outcomes]
    others: list[tuple[str, str]] = []  # (absolute path, entry key)
    for absolute, record in sorted(known.items()):
        if absolute in ran:
            continue
        if (
            not (isinstance(record, tuple) and len(record) == 2 and isinstance(record[1], str))
            or _stamp(absolute) != record[0]
        ):
            del files[absolute]  # changed or gone since (or an older record): not compared
            continue
        others.append((absolute, record[1]))
    run_count = len(outcomes)
    if None in keys:
        _save_if_changed(cache, files, known)
        compared = _entries_of(others, cache, files)
        return _project(articles + compared, linter, errors, run_count, jobs)
    # The phase's result, by the run's articles and entries and the others'
    # (by absolute path, with the working directory the report's paths are
    # relative to): found without reading the others' entries.
    key = fingerprint(
        [
            cache.settings,
            os.getcwd(),
            *(f"{p}\0{k}" for (p, _), k in zip(articles, keys, strict=True)),
            "",
            *(f"{absolute}\0{k}" for absolute, k in others),
        ]
    )
    kept = cache.project_result(key)
    if kept is not None:
        _save_if_changed(cache, files, known)
        return kept
    compared = _entries_of(others, cache, files)
    _save_if_changed(cache, files, known)
    found_errors: list[str] = []
    findings = _project(articles + compared, linter, found_errors, run_count, jobs)
    errors.extend(found_errors)
    broken = any(getattr(prints, "broken", False) for _, prints in articles + compared)
    missing = len(compared) < len(others)
    if not found_errors and not broken and not missing:
        # (broken prints, or an entry gone: compared without them, this once)
        cache.keep_project_result(key, findings)
    return findings


def _entries_of(
    others: list[tuple[str, str]], cache: ResultCache, files: dict
) -> list[tuple[str, Mapping[str, tuple]]]:
    """The prints the cache keeps for the articles outside the run, with
    their paths as the report shows them; an article whose entry is gone
    (pruned, unreadable) is left out, and its record with it."""
    compared = []
    within = os.path.join(os.getcwd(), "")
    for absolute, key in others:
        entry = cache.get_entry(key)
        if entry is None:
            files.pop(absolute, None)
            continue
        compared.append((_shown_path(absolute, within), entry[1]))
    return compared


def _save_if_changed(cache: ResultCache, files: dict, known: dict) -> None:
    if files != known:
        cache.save_project_files(files)


def _shown_path(absolute: str, within: str = "") -> str:
    """An article the run did not name (its absolute path, normalized), as
    the report shows paths: relative to the working directory. ``within``:
    the working directory with a separator at its end, when known (then a
    path in it is cut, not worked out by relpath: 5,000 of them took 60 ms)."""
    if within and absolute.startswith(within):
        return absolute[len(within) :]
    try:
        return os.path.relpath(absolute)
    except ValueError:  # another drive
        return absolute


def _project(
    articles: list[tuple[str, Mapping[str, tuple]]],
    linter: Linter,
    errors: list[str],
    run_count: int | None = None,
    jobs: int = 1,
) -> list[Finding]:
    """Each project rule over what it collected from every article (the
    run's first, in the run's order: so a serial, a parallel and a cached
    run report the same); findings for the first ``run_count`` only. A rule
    may spread its work over the run's ``jobs`` processes (``_in_parts``)."""
    findings = []
    spread = in_one_process if jobs <= 1 else partial(_in_parts, parts=jobs)
    run_count = len(articles) if run_count is None else run_count
    for active in linter.rules:
        rule = active.rule
        if not getattr(rule.kind, "PROJECT", False):
            continue
        numbers = [n for n, (_, prints) in enumerate(articles) if rule.id in prints]
        chosen = [(articles[n][0], articles[n][1][rule.id]) for n in numbers]
        reported = sum(n < run_count for n in numbers)  # (the run's: the first)
        try:
            for number, hit in rule.kind.check_project(chosen, active.options, reported, spread):
                if numbers[number] >= run_count:
                    continue
                findings.append(_finding(chosen[number][0], active, hit))
        except Exception as error:  # a bug in a check must not stop the run
            errors.append(
                f"rule {rule.id} failed in the project phase: {type(error).__name__}: {error} "
                "(internal error; please report it)"
            )
    return findings


R = TypeVar("R")


def _in_parts(work: Callable[[int, int], R], parts: int) -> list[R]:
    """A project check's Spread (``medlint.checks.base``): ``work(0, parts)``
    here, each other part in a process forked for it, which sends its result
    back pickled through a pipe. A part whose process cannot start or fails
    (an error, killed, a result that does not unpickle) is done here after
    the others: the results are the same, only later. Whatever stops this
    process meanwhile (a failed check, Ctrl-C) ends the others and reaps
    them first. (Where processes cannot be forked, the work is done here, in
    one part.)"""
    if not _can_fork():  # (asked only here: a one-file run never imports multiprocessing)
        return in_one_process(work)
    import pickle

    children: list[tuple[int, int, int]] = []  # (part, process, pipe to read), not yet collected
    results: dict[int, R] = {}
    try:
        _fork_parts(work, parts, children)
        results[0] = work(0, parts)
        while children:
            number, pid, reading = children[0]
            data = _read_to_end(reading)  # (until the child has sent all and closed its end)
            children.pop(0)
            os.close(reading)
            os.waitpid(pid, 0)
            with suppress(Exception):  # nothing sent, or cut short: done here
                results[number] = pickle.loads(data)
    except BaseException:
        _end_children(children)
        raise
    return [results[n] if n in results else work(n, parts) for n in range(parts)]


def _fork_parts(work: Callable, parts: int, children: list[tuple[int, int, int]]) -> None:
    """Fork a process for each part after the first, recording each in
    ``children`` as soon as it exists; stop at the first that cannot be made.
    SIGINT is held back while forking, so that a Ctrl-C never reaches a
    child before it ignores it (it would run the parent's code from there)."""
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    gc.freeze()  # (so that the children do not copy the pages the collector reads)
    try:
        for number in range(1, parts):
            try:
                reading, writing = os.pipe()
            except OSError:
                return
            try:
                pid = os.fork()
            except OSError:
                os.close(reading)
                os.close(writing)
                return
            if pid == 0:
                _part_in_child(work, number, parts, reading, writing, held)
            os.close(writing)
            children.append((number, pid, reading))
    finally:
        gc.unfreeze()
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def _read_to_end(reading: int) -> bytes:
    chunks = []
    while chunk := os.read(reading, 1 << 20):
        chunks.append(chunk)
    return b"".join(chunks)


def _end_children(children: list[tuple[int, int, int]]) -> None:
    """Close the pipes of the parts not collected, kill their processes and reap them."""
    for _, pid, reading in children:
        with suppress(OSError):
            os.close(reading)
        try:
            ended, _ = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            continue
        if not ended:
            with suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
    children.clear()


def _part_in_child(
    work: Callable, number: int, parts: int, reading: int, writing: int, held: set
) -> None:
    """In a forked process: do one part, send its result, and end (never
    returning into the parent's code, never running its exit handlers)."""
    status = 1
    try:
        import pickle

        os.close(reading)
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the parent
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
        data = pickle.dumps(work(number, parts), protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(writing, "wb") as pipe:
            pipe.write(data)
        status = 0
    finally:
        os._exit(status)


def _run_rules(
    doc: Document,
    rules: Sequence[ActiveRule],
    context: Context,
    errors: list[str],
    unused: list[tuple[Directive, list[str]]] | None = None,
) -> list[Finding]:
    """The rules' findings on ``doc``. ``unused``: the directives that
    silenced nothing, for the rules that run after the suppressions
    (``check_directives``)."""
    # Each hit becomes its finding at once, and only what the deferring needs
    # is kept beside it (the blocks it is about): 60,000 hits of a long
    # article, each with its message's values, were ~45 MB held to the end.
    hits: list[tuple[ActiveRule, Finding, tuple[int, ...]]] = []
    for active in rules:
        rule = active.rule
        if not doc.readable and rule.check != ENCODING_CHECK:
            continue
        try:
            if unused is None:
                found = rule.kind.check(doc, active.options, context)
            else:
                found = rule.kind.check_directives(doc, unused, active.options, context)
            for hit in found:
                hits.append((active, _finding(doc.path, active, hit), hit.subjects))
        except PatternTimeout as error:  # a user's pattern: their problem to fix, not a crash
            errors.append(f"{doc.path}: rule {rule.id} ({rule.source}): {error}")
        except Exception as error:  # a bug in a check must not stop the run
            errors.append(
                f"{doc.path}: rule {rule.id} failed: {type(error).__name__}: {error} "
                "(internal error; please report it)"
            )
    return [finding for _, finding, _ in _defer(hits)]


Placed = tuple[ActiveRule, Finding, tuple[int, ...]]


def _defer(hits: list[Placed]) -> list[Placed]:
    """Drop the hits of a rule that defers to another (Rule.defers_to) about
    what that one reports: the block it reports, or the same pair of blocks.
    Only a rule that ran counts: with duplicate-paragraph off,
    duplicate-sentence reports every repeat."""
    deferring = {a.rule.id: a.rule.defers_to for a, _, _ in hits if a.rule.defers_to}
    if not deferring:
        return hits
    wanted = {rule for rules in deferring.values() for rule in rules}
    reported: dict[str, tuple[set[int], set[frozenset[int]]]] = {}
    for active, _, subjects in hits:
        if active.rule.id in wanted and subjects:
            blocks, pairs = reported.setdefault(active.rule.id, (set(), set()))
            blocks.add(subjects[0])
            pairs.add(frozenset(subjects))
    kept = []
    for placed in hits:
        active, _, subjects = placed
        others = [reported[r] for r in deferring.get(active.rule.id, ()) if r in reported]
        if subjects and any(
            subjects[0] in blocks or frozenset(subjects) in pairs for blocks, pairs in others
        ):
            continue
        kept.append(placed)
    return kept


def _finding(path: str, active: ActiveRule, hit: Hit) -> Finding:
    """A hit of a rule, as the report shows it. Its message is shared with
    the same message of other articles (``sys.intern``): a rule about a
    whole article says the same words in each it finds (5,400 times over
    5,486 NIH articles)."""
    span = hit.span
    return Finding(
        path,
        span.line,
        span.column,
        span.end_line,
        span.end_column,
        active.rule.id,
        hit.severity or active.severity,
        sys.intern(active.rule.render(hit)),
        hit.fix,
    )
