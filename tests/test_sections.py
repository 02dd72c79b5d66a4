"""Sections and containers in the Document: rules ask the document which
heading a block stands under and what holds it, not the heading levels."""

from __future__ import annotations

from medlint.document import BlockKind
from medlint.parsing import parse_document

PAGE = """\
# Chickenpox

Chickenpox is common in children.

## Symptoms

The main symptom is a rash.

### In babies

> **Call 111 if:**
>
> your baby is under 4 weeks old and has a rash

## Questions

<details>
<summary>Can adults get it?</summary>

Yes, adults can get chickenpox.

</details>

After the questions.
"""


def blocks(doc, kind):
    return [b for b in doc.blocks if b.kind == kind]


def test_every_block_knows_its_heading_path():
    doc = parse_document("a.md", PAGE)
    title, symptoms, babies, questions = blocks(doc, BlockKind.HEADING)
    paragraphs = {b.text: b for b in blocks(doc, BlockKind.PARAGRAPH)}
    assert doc.section_of(paragraphs["Chickenpox is common in children."]) is title
    rash = paragraphs["The main symptom is a rash."]
    assert [h.text for h in doc.heading_path(rash)] == ["Chickenpox", "Symptoms"]
    assert babies.section == symptoms.index and questions.section == title.index
    assert doc.subheadings(title) == [symptoms, questions]
    assert doc.subheadings(None) == [title]
    assert [b.kind for b in doc.section_body(symptoms)] == [BlockKind.PARAGRAPH]


def test_callouts_and_details_are_containers():
    doc = parse_document("a.md", PAGE)
    paragraphs = {b.text: b for b in blocks(doc, BlockKind.PARAGRAPH)}
    callout = paragraphs["Call 111 if:"]
    assert doc.blocks[callout.container].kind == BlockKind.BLOCKQUOTE
    answer = paragraphs["Yes, adults can get chickenpox."]
    assert doc.blocks[answer.container].kind == BlockKind.HTML
    assert "<details>" in doc.blocks[answer.container].text
    assert paragraphs["After the questions."].container is None
    assert paragraphs["The main symptom is a rash."].container is None


def test_plain_text_headings_are_siblings():
    text = "Overview\n\nSome text here.\n\nTreatment\n\nMore text here.\n"
    doc = parse_document("a.txt", text)
    first, second = blocks(doc, BlockKind.HEADING)
    assert second.section is None and first.section is None
    assert doc.section_of(blocks(doc, BlockKind.PARAGRAPH)[1]) is second
