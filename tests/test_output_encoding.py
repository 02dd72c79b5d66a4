"""Every format stays well-formed whatever the file names and the article text
hold: names that are not UTF-8 (lone surrogates from ``surrogateescape``),
names with a line feed, and articles with terminal escapes and other control
characters, which messages quote."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

from medlint.report.escape import encodable, path_text, printable, to_json, xml_text

from conftest import TODAY

pytestmark = pytest.mark.skipif(
    sys.platform != "linux", reason="needs a file system that takes any bytes as a name"
)

#: File name as bytes -> how reports that escape names show it.
NAMES = {
    b"caf\xe9.md": "caf\\xe9.md",  # Latin-1, not UTF-8
    "café.md".encode(): "café.md",  # UTF-8: shown as it is
    b"new\nline.md": "new\\nline.md",
    b"clear\x1b[2J.md": "clear\\x1b[2J.md",
    "line\u2028separator.md".encode(): "line\\u2028separator.md",
}
#: What the names are in the JSON contract: as given, when they are UTF-8.
JSON_PATHS = {"caf\\xe9.md", "café.md", "new\nline.md", "clear\x1b[2J.md", "line\u2028separator.md"}
#: The introduction empty-list-intro quotes: colour, a window-title sequence
#: that ends in BEL, backspace, DEL and a right-to-left override.
INTRO = "Common \x1b[31mmedications\x1b[0m \x1b]0;owned\x07ca\x7fn \u202eget\x08 include:"
ARTICLE = f"""# Easing nerve pain

Several medicines can ease the pain. {INTRO}

Physical therapy helps many people regain strength after nerve damage, and an
occupational therapist can suggest ways to manage daily tasks at home and at
work while the nerves heal, which often takes many months or longer. Gentle
exercise, good sleep and a balanced diet all support that recovery, and a nurse
can explain what to expect at each stage of the treatment plan.
"""
#: What no line of text or github output may hold: every control character but
#: the line feed that ends a record, bidi controls, line separators.
RAW_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
#: What XML 1.0 forbids.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@pytest.fixture
def articles(tmp_path, monkeypatch):
    """A directory with one article under each of NAMES; the current directory."""
    for name in NAMES:
        with open(os.path.join(os.fsencode(tmp_path), name), "wb") as file:
            file.write(ARTICLE.encode("utf-8"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def check(medlint, fmt: str, *extra: str):
    run = medlint(
        "check", "--today", TODAY, "--select", "empty-list-intro", "--format", fmt, *extra, "."
    )
    assert run.code == 1, run.err
    run.out.encode("utf-8")  # strict: no lone surrogate reaches the stream
    return run


def test_text(medlint, articles):
    run = check(medlint, "text")
    assert not RAW_CONTROL.search(run.out)
    records = [line for line in run.out.splitlines() if " error empty-list-intro " in line]
    assert sorted(line.split(":3:", 1)[0] for line in records) == sorted(NAMES.values())
    assert "\\x1b[31mmedications\\x1b[0m \\x1b]0;owned\\x07ca\\x7fn \\u202eget\\x08" in records[0]
    assert "Found 5 findings (5 errors) in 5 of 5 files checked:" in run.out


def test_text_quiet_is_one_line_per_finding(medlint, articles):
    run = check(medlint, "text", "--quiet")
    assert run.out.count("\n") == len(NAMES) and not RAW_CONTROL.search(run.out)


def test_json(medlint, articles):
    run = check(medlint, "json")
    findings = json.loads(run.out)["findings"]
    assert {f["path"] for f in findings} == JSON_PATHS
    assert all(INTRO in f["message"] for f in findings)  # JSON escapes it, and keeps it


def test_json_lines(medlint, articles):
    run = check(medlint, "json-lines")
    findings = [json.loads(line) for line in run.out.splitlines()]
    assert {f["path"] for f in findings} == JSON_PATHS
    assert all(INTRO in f["message"] for f in findings)


#: The names as percent-encoded URIs (RFC 3986), from their bytes.
ENCODED = {
    "caf%E9.md",
    "caf%C3%A9.md",
    "new%0Aline.md",
    "clear%1B%5B2J.md",
    "line%E2%80%A8separator.md",
}


def test_sarif(medlint, articles):
    """Inside the project (here the working directory: there is no .git),
    URIs are relative to its root, percent-encoded, with the root's base ID."""
    run = check(medlint, "sarif")
    (log,) = json.loads(run.out)["runs"]
    locations = [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in log["results"]]
    assert {location["uri"] for location in locations} == ENCODED
    assert {location["uriBaseId"] for location in locations} == {"%SRCROOT%"}
    assert log["originalUriBaseIds"]["%SRCROOT%"]["uri"] == articles.as_uri() + "/"
    assert all(INTRO in result["message"]["text"] for result in log["results"])


def test_sarif_a_file_outside_the_repository_is_an_absolute_uri(medlint, articles, monkeypatch):
    elsewhere = articles / "repository"
    (elsewhere / ".git").mkdir(parents=True)
    monkeypatch.chdir(elsewhere)
    run = medlint(
        "check", "--today", TODAY, "--select", "empty-list-intro", "--format", "sarif", articles
    )
    run.out.encode("utf-8")
    (log,) = json.loads(run.out)["runs"]
    locations = [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in log["results"]]
    assert all(location["uri"].startswith("file:///") for location in locations)
    assert all("uriBaseId" not in location for location in locations)
    assert {location["uri"].rsplit("/", 1)[1] for location in locations} == ENCODED


def test_sarif_uris_encode_spaces_percent_and_hash(medlint, tmp_path, monkeypatch):
    (tmp_path / ".git").mkdir()
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "my page #1 100%.md").write_text(ARTICLE)
    (tmp_path / "notes:2024.md").write_text(ARTICLE)  # a first segment must not read as a scheme
    monkeypatch.chdir(tmp_path / "content")
    run = medlint(
        "check", "--today", TODAY, "--format", "sarif", "--select", "empty-list-intro", "."
    )
    (log,) = json.loads(run.out)["runs"]
    (result,) = log["results"]
    location = result["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": "content/my%20page%20%231%20100%25.md", "uriBaseId": "%SRCROOT%"}


def test_junit(medlint, articles):
    run = check(medlint, "junit")
    assert not NOT_XML.search(run.out)
    (suite,) = ET.fromstring(run.out).findall("testsuite")
    cases = {case.get("name"): case for case in suite.findall("testcase")}
    assert set(cases) == set(NAMES.values())
    failure = cases["caf\\xe9.md"].find("failure")
    assert "\\x1b[31mmedications" in failure.text and "\x1b" not in failure.text


def test_github(medlint, articles):
    run = check(medlint, "github")
    assert not RAW_CONTROL.search(run.out)
    lines = run.out.splitlines()
    assert len(lines) == len(NAMES) and all(line.startswith("::error file=") for line in lines)
    files = {line.split("file=", 1)[1].split(",line=", 1)[0] for line in lines}
    assert files == set(NAMES.values())
    assert all("\\x1b]0;owned\\x07" in line for line in lines)


def test_output_file(medlint, articles):
    report = articles / "report.json"
    check(medlint, "json", "--output-file", str(report))
    assert {f["path"] for f in json.loads(report.read_bytes())["findings"]} == JSON_PATHS


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_strict_utf8_stdout(articles, fmt):
    """A real stdout that refuses what is not UTF-8: no UnicodeEncodeError."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8:strict", "NO_COLOR": "1"}
    env.pop("MEDLINT_FORMAT", None)
    command = [sys.executable, "-m", "medlint", "check", "--today", TODAY, "--format", fmt, "."]
    done = subprocess.run(command, capture_output=True, env=env, cwd=articles, timeout=60)
    assert done.stderr == b"" and done.returncode == 1
    done.stdout.decode("utf-8")


def test_printable():
    assert printable("a\x1b[31mb\x00\x7f\x9b") == "a\\x1b[31mb\\x00\\x7f\\u009b"
    assert printable("one\ntwo\r\tthree") == "one\\ntwo\\r\\tthree"
    assert printable("\u2028\u2029\u202a\u202e\u2066\u2069") == (
        "\\u2028\\u2029\\u202a\\u202e\\u2066\\u2069"
    )
    assert printable("\udce9 \ud83d") == "\\xe9 \\ud83d"
    assert printable("a\\b café ‐ \u200b") == "a\\b café ‐ \u200b"  # backslash and others stay


def test_path_text():
    assert path_text(os.fsdecode(b"dir/caf\xe9\n.md")) == "dir/caf\\xe9\\n.md"
    assert path_text(b"caf\xc3\xa9.md") == "café.md"
    assert path_text("\ud800x") == "\\ud800x"


def test_encodable_and_xml_text():
    assert encodable(os.fsdecode(b"caf\xe9\n.md")) == "caf\\xe9\n.md"
    assert encodable("a\x1b\u202e") == "a\x1b\u202e"
    assert xml_text("a\x0c\ufffe\uffff\ud800\t") == "a\\x0c\\ufffe\\uffff\\ud800\\t"


def test_to_json():
    value = {"path": os.fsdecode(b"caf\xe9\n.md"), "message": "a\u2028b\x85c\x1b"}
    text = to_json(value)
    assert text == '{"path": "caf\\\\xe9\\n.md", "message": "a\\u2028b\\u0085c\\u001b"}'
    assert json.loads(text) == {"path": "caf\\xe9\n.md", "message": "a\u2028b\x85c\x1b"}


def test_nothing_to_escape_returns_the_same_string():
    text = 'articles/poems-syndrome.md: List introduction "Common medications include:"'
    for escape in (printable, path_text, encodable, xml_text):
        assert escape(text) is text


def test_error_and_warning_lines_escape_names(tmp_path, medlint):
    """A name with a newline or ESC in a warning or error line stays one line
    and sends no escape sequence to the terminal."""
    missing = tmp_path / "no\nsuch\x1b[31m.md"
    run = medlint("check", missing)
    assert run.code == 2
    [line] = run.err.splitlines()
    assert line.startswith("medlint: error: path does not exist:") and "\x1b" not in line


def test_the_json_report_is_what_one_dumps_of_the_whole_document_writes():
    """The JSON report is encoded a finding at a time (to keep a large run's
    memory down): byte for byte what ``to_json`` of the whole document with
    an indent of 2 writes, escapes included, with and without findings."""
    from medlint import __version__
    from medlint.findings import Finding, Severity
    from medlint.report import json_format
    from medlint.runner import RunResult

    names = [os.fsdecode(b"caf\xe9\n.md"), "a\u2028b.md", "plain.md"]
    findings = [
        Finding(name, 3, 1, 3, 9, "spelling", Severity.WARNING, 'say "x"\x1b\u0085\\ \n\t')
        for name in names
    ]
    for chosen in ([], findings[:1], findings):
        result = RunResult(findings=list(chosen), checked_paths=names)
        document = {
            "version": __version__,
            "files_checked": 3,
            "findings": [finding.to_dict() for finding in chosen],
        }
        assert json_format.render(result) == to_json(document, indent=2) + "\n"
