"""Output formats for CI: github, sarif, junit, json-lines; --statistics,
--quiet, --output-file; MEDLINT_FORMAT and GitHub Actions' default."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from medlint.report.github import escape_data, escape_property

from conftest import EXAMPLES, TODAY

DEFECTS = EXAMPLES / "poems-syndrome.txt"
CLEAN = EXAMPLES / "seasonal-flu.md"
#: GitHub's documented workflow command: ::command key=value,key=value::message
COMMAND = re.compile(r"::(error|warning|notice) (file=[^,]+(?:,\w+=[^,:]*)*)::(.+)")


def test_github_annotations(medlint, monkeypatch):
    monkeypatch.chdir(EXAMPLES.parent)
    run = medlint("check", "--today", TODAY, "--format", "github", "examples/poems-syndrome.txt")
    lines = run.out.splitlines()
    assert len(lines) >= 8
    for line in lines:
        match = COMMAND.fullmatch(line)
        assert match, line
        properties = dict(item.split("=", 1) for item in match.group(2).split(","))
        if properties["line"] == properties["endLine"]:
            assert set(properties) == {"file", "line", "col", "endLine", "endColumn", "title"}
        else:  # GitHub takes no columns over several lines: the title has them
            assert set(properties) == {"file", "line", "endLine", "title"}
            assert properties["title"].endswith(")") and "%3A" in properties["title"]
        assert properties["file"] == "examples/poems-syndrome.txt"
        assert properties["line"].isdigit()
        assert "\n" not in match.group(3)
    assert lines[0].startswith("::warning file=examples/poems-syndrome.txt,line=1,col=15,")
    assert "title=medlint stale-review-date::Review date 2026-04-07" in run.out
    assert run.code == 1


def test_github_escaping():
    assert escape_data("50% of 3\r\nlines") == "50%25 of 3%0D%0Alines"
    assert escape_property("a:b,c%d\n") == "a%3Ab%2Cc%25d%0A"


def test_github_is_the_default_on_github_actions(medlint, monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.delenv("MEDLINT_FORMAT", raising=False)
    assert medlint("check", "--today", TODAY, DEFECTS).out.startswith("::")
    assert medlint("check", "--today", TODAY, "--format", "text", DEFECTS).out.startswith(
        str(DEFECTS)
    )
    monkeypatch.setenv("MEDLINT_FORMAT", "json-lines")
    first = medlint("check", "--today", TODAY, DEFECTS).out.splitlines()[0]
    assert json.loads(first)["path"] == str(DEFECTS)


def test_json_lines(medlint):
    lines = medlint("check", "--today", TODAY, "--format", "json-lines", DEFECTS).out.splitlines()
    report = json.loads(medlint("check", "--today", TODAY, "--format", "json", DEFECTS).out)
    assert [json.loads(line) for line in lines] == report["findings"]


def sarif_for(medlint, *paths):
    run = medlint("check", "--today", TODAY, "--format", "sarif", *paths)
    return run, json.loads(run.out)


def test_sarif_validates_as_2_1_0(medlint, monkeypatch):
    sarif = pytest.importorskip("sarif_pydantic")
    monkeypatch.chdir(EXAMPLES.parent)
    run, document = sarif_for(medlint, "examples")
    model = sarif.Sarif.model_validate(document)
    assert model.version == "2.1.0"
    assert document["$schema"].endswith("sarif-2.1.0.json")
    (log,) = model.runs
    assert log.tool.driver.name == "medlint"
    assert len(log.results) > 10
    assert run.code == 1


def test_sarif_has_what_github_code_scanning_requires(medlint, monkeypatch):
    monkeypatch.chdir(EXAMPLES.parent)
    _, document = sarif_for(medlint, "examples")
    (log,) = document["runs"]
    rules = {r["id"]: r for r in log["tool"]["driver"]["rules"]}
    for result in log["results"]:
        assert result["ruleId"] in rules
        assert log["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] in ("error", "warning", "note")
        assert result["message"]["text"]
        (location,) = result["locations"]
        physical = location["physicalLocation"]
        assert physical["artifactLocation"]["uri"].startswith("examples/")
        assert physical["region"]["startLine"] >= 1
        assert physical["region"]["endColumn"] > physical["region"]["startColumn"] or (
            physical["region"]["endLine"] > physical["region"]["startLine"]
        )
    readability = rules["readability"]
    assert readability["shortDescription"]["text"].startswith("The article's prose")
    assert "Flesch-Kincaid" in readability["help"]["text"]
    assert readability["defaultConfiguration"]["level"] == "warning"


def test_sarif_rejects_what_it_should(medlint):
    """The validator is not a rubber stamp: a result without a message, or
    with an unknown level, is refused."""
    sarif = pytest.importorskip("sarif_pydantic")
    from pydantic import ValidationError

    _, document = sarif_for(medlint, DEFECTS)
    broken = json.loads(json.dumps(document))
    del broken["runs"][0]["results"][0]["message"]
    with pytest.raises(ValidationError):
        sarif.Sarif.model_validate(broken)
    broken = json.loads(json.dumps(document))
    broken["runs"][0]["results"][0]["level"] = "fatal"
    with pytest.raises(ValidationError):
        sarif.Sarif.model_validate(broken)


def test_junit_one_case_per_file(medlint):
    run = medlint("check", "--today", TODAY, "--format", "junit", DEFECTS, CLEAN)
    suites = ET.fromstring(run.out)
    (suite,) = suites.findall("testsuite")
    cases = {case.get("name"): case for case in suite.findall("testcase")}
    assert set(cases) == {str(DEFECTS), str(CLEAN)}
    assert suite.get("tests") == "2" and suite.get("failures") == "1"
    failure = cases[str(DEFECTS)].find("failure")
    assert "empty-list-intro" in failure.text
    assert cases[str(CLEAN)].find("failure") is None


def test_statistics_quiet_and_output_file(medlint, tmp_path):
    run = medlint("check", "--today", TODAY, "--statistics", DEFECTS)
    assert run.out.splitlines()[0].split()[1] == "long-sentence"
    assert all(re.fullmatch(r"\s*\d+  [a-z-]+( {2}\[\*\])?", line) for line in run.out.splitlines())
    stats = json.loads(
        medlint("check", "--today", TODAY, "--statistics", "--format", "json", DEFECTS).out
    )
    assert {"rule": "empty-list-intro", "count": 1, "severity": "error", "fixable": 0} in stats
    quiet = medlint("check", "--today", TODAY, "--quiet", DEFECTS)
    assert "Found" not in quiet.out and quiet.out.count("\n") == len(quiet.out.splitlines())
    assert all(line.startswith(str(DEFECTS)) for line in quiet.out.splitlines())
    report = tmp_path / "report.sarif"
    written = medlint(
        "check", "--today", TODAY, "--format", "sarif", "--output-file", report, DEFECTS
    )
    assert written.out == "" and written.code == 1
    assert json.loads(report.read_text())["version"] == "2.1.0"


def test_fixable_findings_are_marked(medlint):
    run = medlint("check", "--today", TODAY, DEFECTS)
    marked = [line for line in run.out.splitlines() if " [*] " in line]
    assert len(marked) == 2
    assert "[*] 2 fixable with --fix." in run.out
    report = json.loads(medlint("check", "--today", TODAY, "--format", "json", DEFECTS).out)
    assert sorted(f["rule"] for f in report["findings"] if f["fixable"]) == [
        "duplicate-paragraph",
        "leaked-boilerplate",
    ]


def test_gitlab_code_quality_validates_and_its_fingerprints_are_stable(tmp_path, monkeypatch):
    """GitLab's Code Quality report: the documented fields, paths relative to
    the repository's root from wherever medlint runs, one fingerprint per
    issue, the same on every run, unchanged when text is added above."""
    import shutil
    import subprocess
    import sys

    import jsonschema

    schema = json.loads(
        (Path(__file__).parent / "schemas" / "gitlab-code-quality.schema.json").read_text()
    )
    repo = tmp_path / "site"
    (repo / ".git").mkdir(parents=True)
    (repo / "content").mkdir()
    shutil.copy(EXAMPLES / "poems-syndrome.txt", repo / "content" / "poems.txt")
    article = repo / "content" / "poems.txt"
    article.write_text(article.read_text() + "\n" + article.read_text())  # repeats: twice the same

    def report(cwd: Path, *paths: str) -> list[dict]:
        run = subprocess.run(
            [sys.executable, "-m", "medlint", "check", "--no-cache", "--format", "gitlab"]
            + ["--today", TODAY, *paths],
            cwd=cwd,
            capture_output=True,
            text=True,
            check=False,
        )
        assert run.returncode == 1, run.stderr
        return json.loads(run.stdout)

    issues = report(repo / "content", "poems.txt")
    jsonschema.validate(issues, schema)
    assert issues and {i["location"]["path"] for i in issues} == {"content/poems.txt"}
    assert {i["severity"] for i in issues} <= {"major", "minor", "info"}
    fingerprints = [i["fingerprint"] for i in issues]
    assert len(set(fingerprints)) == len(fingerprints)  # GitLab shows one issue per fingerprint
    assert [i["fingerprint"] for i in report(repo, "content/poems.txt")] == fingerprints
    # Lines added above (blank: the findings stay what they were, only lower).
    article.write_text("\n\n\n" + article.read_text())

    moved = report(repo, "content/poems.txt")
    assert len(moved) == len(issues)
    # The same findings (their messages naming other lines) keep their fingerprints.
    assert [i["location"]["lines"]["begin"] for i in moved][:3] != [
        i["location"]["lines"]["begin"] for i in issues
    ][:3]
    assert sorted(i["fingerprint"] for i in moved) == sorted(fingerprints)


def test_junit_a_file_with_warnings_only_passes_as_the_job_does(medlint, tmp_path):
    """A file whose findings do not fail the run (--fail-on) is a passing test
    case with its findings in <system-out>: the dashboard is not red while
    the job is green. With --fail-on warning, it fails."""
    warned = tmp_path / "flu.md"
    warned.write_text(
        (EXAMPLES / "seasonal-flu.md").read_text().replace("comes on quickly", "comes on quikly")
    )
    run = medlint("check", "--today", TODAY, "--format", "junit", warned)
    assert run.code == 0
    (case,) = ET.fromstring(run.out).iter("testcase")
    assert case.find("failure") is None
    assert "quikly" in case.find("system-out").text
    assert ET.fromstring(run.out).find("testsuite").get("failures") == "0"
    strict = medlint("check", "--today", TODAY, "--format", "junit", "--fail-on", "warning", warned)
    assert strict.code == 1
    (case,) = ET.fromstring(strict.out).iter("testcase")
    assert "quikly" in case.find("failure").text and case.find("system-out") is None


def test_github_paths_from_the_repository_root_and_a_step_summary(medlint, tmp_path, monkeypatch):
    """Annotations name files from the repository's root (GitHub matches
    them to the pull request's files), whatever the working directory; and
    as GitHub shows only the first few annotations of a step, every finding
    goes into $GITHUB_STEP_SUMMARY too, its article text escaped."""
    (tmp_path / ".git").mkdir()
    content = tmp_path / "content"
    content.mkdir()
    text = (EXAMPLES / "poems-syndrome.txt").read_text()
    (content / "poems.txt").write_text(text + "\nA | pipe, *stars* and <b>tags</b>: teh end.\n")
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n")
    monkeypatch.chdir(content)
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    run = medlint("check", "--today", TODAY, "--format", "github", "poems.txt")
    files = {m.group(2).split(",")[0] for m in map(COMMAND.fullmatch, run.out.splitlines())}
    assert files == {"file=content/poems.txt"}
    written = summary.read_text()
    assert written.startswith("earlier step\n## medlint\n")  # appended
    rows = [line for line in written.splitlines() if line.startswith("| content/poems.txt:")]
    assert len(rows) == len(run.out.splitlines())
    assert any('"teh"' in row for row in rows)
    assert not any("<" in row for row in rows)
    assert all(line.count(" | ") == 3 for line in rows)  # no cell broken by a pipe
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path / "missing" / "summary.md"))
    unwritable = medlint("check", "--today", TODAY, "--format", "github", "poems.txt")
    assert unwritable.code == run.code and "cannot write the step summary" in unwritable.err


def test_github_step_summary_cells_show_text_as_it_is():
    from medlint.report.github import _cell

    assert _cell("a | b <script> `x` *y* [z](u) _w_") == (
        "a \\| b &lt;script&gt; &#96;x&#96; \\*y\\* \\[z](u) \\_w\\_"
    )


def test_a_bad_medlint_format_is_one_warning(medlint, monkeypatch):
    """Found in review: choosing the step summary asked for the default format
    a second time, and a bad MEDLINT_FORMAT was warned about twice."""
    monkeypatch.setenv("MEDLINT_FORMAT", "bogus")
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    run = medlint("check", "--today", TODAY, DEFECTS)
    assert run.err.count("MEDLINT_FORMAT='bogus' is not a format") == 1
    assert run.out.startswith(str(DEFECTS))  # text


def test_github_a_finding_over_several_lines_keeps_its_columns_in_the_title(medlint, tmp_path):
    article = tmp_path / "a.md"
    paragraph = (
        "Drink plenty of fluids and rest at home until you feel better,\nand ask a pharmacist."
    )
    article.write_text(f"# Rest\n\n{paragraph}\n\n{paragraph}\n")
    run = medlint("check", "--no-cache", "--select", "duplicate-paragraph", "--format", "github",
                  str(article))  # fmt: skip
    (line,) = run.out.splitlines()
    assert ",line=6,endLine=7,title=medlint duplicate-paragraph (6%3A1-7%3A21)::" in line
    assert "col=" not in line


def test_rdjson_has_byte_columns_exclusive_ends_and_suggestions(medlint, tmp_path):
    article = tmp_path / "a.md"
    again = "Drink plenty of water every single day."
    article.write_text(f"# Café\n\nThé dyspnoea here.\n\n{again}\n\n{again}\n")
    run = medlint("check", "--no-cache", "--format", "rdjson", str(article))
    report = json.loads(run.out)
    assert report["source"] == {"name": "medlint"}
    by_rule = {d["code"]["value"]: d for d in report["diagnostics"]}
    spelling = by_rule["spelling"]
    assert spelling["severity"] == "WARNING" and "dyspnoea" in spelling["message"]
    # "Thé " is 5 bytes in UTF-8: the word starts at byte column 6 and ends before 14.
    assert spelling["location"]["range"] == {
        "start": {"line": 3, "column": 6},
        "end": {"line": 3, "column": 14},
    }
    repeated = by_rule["duplicate-paragraph"]
    assert repeated["severity"] == "ERROR" and repeated["location"]["range"]["start"]["line"] == 7
    (suggestion,) = repeated["suggestions"]
    assert suggestion["text"] == "" and suggestion["range"]["start"]["line"] >= 5
    assert all(d["location"]["path"] == str(article) for d in report["diagnostics"])


def test_several_formats_in_one_run(medlint, tmp_path):
    article = tmp_path / "a.md"
    article.write_text("# Rest\n\nA mistaek here.\n")
    sarif, rdjson = tmp_path / "out.sarif", tmp_path / "out.rdjson"
    run = medlint("check", "--no-cache", "--format", "text", "--format", f"sarif:{sarif}",
                  "--format", f"rdjson:{rdjson}", str(article))  # fmt: skip
    assert run.code == 1 and "a.md:3:3: warning spelling" in run.out
    assert json.loads(sarif.read_text())["version"] == "2.1.0"
    assert json.loads(rdjson.read_text())["diagnostics"]
    both = medlint("check", "--no-cache", "--format", "json", "--format", "sarif", str(article))
    assert both.code == 2 and "both go to standard output" in both.err and both.out == ""


def test_rdjson_counts_the_columns_of_standard_input_not_of_the_file(tmp_path, monkeypatch):
    """Found in review: the file on disk (or none) was read for the columns."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "c.md").write_text("# Other text on disk\n")
    for name in ("c.md", "new.md"):
        run = subprocess.run(
            [sys.executable, "-m", "medlint", "check", "--no-cache", "--select", "spelling",
             "--format", "rdjson", "--stdin-filename", name],
            input="# T\n\nÜÜÜÜÜÜberall ist ein mistaek.\n", capture_output=True, text=True, check=False,
        )  # fmt: skip
        (diagnostic,) = [
            d for d in json.loads(run.stdout)["diagnostics"] if "mistaek" in d["message"]
        ]
        # "ÜÜÜÜÜÜberall ist ein " is 27 bytes (21 characters): the word is at byte column 28.
        assert diagnostic["location"]["range"]["start"] == {"line": 3, "column": 28}, name
