"""acronyms: an acronym used before it is spelled out.

Patients do not know that ASCT is a stem cell transplant from their own cells.
An all-capitals token of 2 to 6 letters counts as an acronym; it is defined
where it stands in brackets after its spelled-out form ("vascular endothelial
growth factor (VEGF)", "(ALL; also called ...)") or before a bracketed
expansion whose initials fit it ("ASCT (autologous stem cell
transplantation)"). Its first use must be on or after a definition. Acronyms
every reader knows (``allow``), Roman numerals, emphasis ("Do NOT") and
headings are left alone. Each acronym is reported once, at its first use.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from medlint.checks.base import Context, Option, Options
from medlint.document import PROSE_KINDS, Document
from medlint.findings import Hit

NAME = "acronyms"
OPTIONS = {
    "allow": Option(
        "string-list", [], "Acronyms readers know, never reported (DNA, HIV, MRI, ...)."
    ),
    "min-letters": Option("integer", 2, "Shortest acronym.", minimum=2),
    "max-letters": Option("integer", 6, "Longest acronym.", minimum=2),
}
MESSAGE_ARGS = frozenset({"acronym"})

_TOKEN = re.compile(r"(?<![\w\-/.])([A-Z]{2,})(?:s|'s|’s)?(?![\w\-/])")
_BRACKETED = re.compile(r"\(\s*([A-Z]{2,})s?\s*(?:[);,:]|\s+or\b|\s+for\b)")
_EXPANDED = re.compile(r"(?<![\w\-])([A-Z]{2,})s?\s+\(([^()]{4,200})\)")
_ROMAN = re.compile(r"[IVXLCDM]+")
_CAPITALS = re.compile(r"[A-Z'’!?.,:]{2,}")
_EMPHASIS = frozenset(
    """NOT NO DO DON'T NEVER ALWAYS ONLY STOP CALL NOTE NOTES WARNING CAUTION IMPORTANT
    TIP TIPS NEW FREE OK AND OR THE YOU YOUR ALL ANY IF IS ARE BE AT""".split()
)


def check(doc: Document, options: Options, context: Context) -> Iterator[Hit]:
    allowed = {a.upper() for a in options["allow"]}
    low, high = options["min-letters"], options["max-letters"]
    defined: set[str] = set()
    reported: set[str] = set()
    for block in doc.blocks:
        if block.kind not in PROSE_KINDS or not block.text:
            continue
        text = block.prose_text()
        definitions = _definitions(text)
        for match in _TOKEN.finditer(text):
            acronym = match.group(1)
            if (
                not low <= len(acronym) <= high
                or acronym in allowed
                or acronym in defined
                or acronym in reported
                or _not_an_acronym(acronym, text, match)
            ):
                continue
            if any(a == acronym and pos <= match.start() for a, pos in definitions):
                defined.add(acronym)
                continue
            reported.add(acronym)
            yield Hit(doc.span_of(block, match.start(1), match.end(1)), {"acronym": acronym})
        defined.update(a for a, _ in definitions)


def _definitions(text: str) -> list[tuple[str, int]]:
    """(acronym, offset where its definition starts) in one block's text."""
    found = []
    for match in _BRACKETED.finditer(text):
        if _spelled_out_before(match.group(1), text[: match.start()]):
            found.append((match.group(1), match.start()))
    for match in _EXPANDED.finditer(text):
        if _initials_fit(match.group(1), match.group(2)):
            found.append((match.group(1), match.start()))
    return found


def _spelled_out_before(acronym: str, before: str) -> bool:
    """Whether the words before "(ACR)" can spell it: their initials fit."""
    words = re.findall(r"[^\W\d_]+", before)[-3 * len(acronym) :]
    return _initials_fit(acronym, " ".join(words))


def _initials_fit(acronym: str, words: str) -> bool:
    """The acronym's letters appear, in order, among the words' letters, the
    first one as an initial: VEGF in "vascular endothelial growth factor",
    HbA1c-style and syllable acronyms ("PET" in "positron emission tomography")."""
    letters = acronym.lower()
    tokens = [w.lower() for w in re.findall(r"[^\W_]+", words)]
    for start, token in enumerate(tokens):
        if token[0] == letters[0] and _letters_in_order(letters[1:], " ".join(tokens[start:])[1:]):
            return True
    return False


def _letters_in_order(letters: str, text: str) -> bool:
    position = 0
    for letter in letters:
        position = text.find(letter, position)
        if position < 0:
            return False
        position += 1
    return True


def _not_an_acronym(token: str, text: str, match: re.Match) -> bool:
    if token in _EMPHASIS or _ROMAN.fullmatch(token):
        return True
    # Three or more capitalised words together are shouting or a label, not acronyms.
    nearby = text[max(0, match.start() - 30) : match.end() + 30].split()
    return sum(bool(_CAPITALS.fullmatch(word)) for word in nearby) >= 3
