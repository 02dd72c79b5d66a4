"""Self-written pages in the style of a national health service's condition
pages (tests/authored/, British English): callouts, Do / Don't lists,
<details> FAQs, the same "When to see a GP" advice for adults and for
children, contact lines beside every number, review footers. Seven pages
are clean; seven carry the defects listed in tests/authored/DEFECTS.md.

Every planted defect must be found, and nothing else reported: a clean page
gives no finding at all, however much it repeats on purpose.
"""

from __future__ import annotations

import json
from pathlib import Path

AUTHORED = Path(__file__).parent / "authored"
PAGES = sorted(p for p in AUTHORED.glob("*.md") if p.name not in ("README.md", "DEFECTS.md"))
CLEAN = {
    "chickenpox.md",
    "conjunctivitis.md",
    "hay-fever.md",
    "norovirus.md",
    "sciatica.md",
    "tonsillitis.md",
    "urinary-tract-infections.md",
}
#: (page, line, rule) of every finding the default rules give: the planted
#: defects of DEFECTS.md (all but "surgery called FESS", which medlint reads
#: as naming what FESS is), and one 32-word sentence worth splitting.
EXPECTED = {
    ("gout.md", 10, "unattributed-review"),
    ("gout.md", 44, "empty-list-intro"),
    ("head-lice.md", 40, "leaked-boilerplate"),
    ("head-lice.md", 48, "long-sentence"),
    ("head-lice.md", 48, "spelling"),
    ("head-lice.md", 50, "leaked-boilerplate"),
    ("heartburn-and-acid-reflux.md", 32, "spelling"),
    ("heartburn-and-acid-reflux.md", 91, "undefined-acronym"),
    ("iron-deficiency-anaemia.md", 5, "stale-review-date"),
    ("iron-deficiency-anaemia.md", 53, "duplicate-paragraph"),
    ("migraine.md", 1, "missing-disclaimer"),
    ("migraine.md", 42, "long-sentence"),
    ("shingles.md", 12, "leaked-boilerplate"),
    ("shingles.md", 23, "duplicate-sentence"),
}


def test_the_pages_are_there():
    assert len(PAGES) == 14 and {p.name for p in PAGES} > CLEAN


def test_planted_defects_are_found_and_nothing_else(medlint):
    run = medlint("check", "--today", "2026-12-02", "--format", "json", *PAGES)
    found = {(Path(f["path"]).name, f["line"], f["rule"]) for f in json.loads(run.out)["findings"]}
    assert found == EXPECTED
    assert not {page for page, _, _ in found} & CLEAN
