"""acronyms: an acronym used before it is spelled out.

Patients do not know that ASCT is a stem cell transplant from their own cells.
An all-capitals token of 2 to 6 letters counts as an acronym; it is defined
where it stands in brackets after words ("vascular endothelial growth factor
(VEGF)", "(ALL; also called ...)"), where the text names it ("also known as
AMD", "a fecal occult blood test, or FOBT"), or before a bracketed expansion
whose initials fit it ("ASCT (autologous stem cell transplantation)"). Its
first use must be on or after a definition. Acronyms every reader knows
(``allow``), Roman numerals and stages ("IIIB"), gene and protein symbols
("the BLM gene"), nucleotide runs ("CAG repeat"), karyotypes ("XXY"), emphasis ("Do NOT") and
headings are left alone. Each acronym is reported once, at its first use.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from medlint.checks.base import Context, Option, Options
from medlint.document import PROSE_KINDS, BlockKind, Document
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
#: "(VEGF)", "(ALL; also called ...)", "(MPS IVB)": an acronym opening a bracket,
#: but not a list of them ("(GARD, NIDDK, CDC)").
_BRACKETED = re.compile(
    r"\(\s*([A-Z]{2,})s?\b(?!\s*,\s*[A-Z]{2,}\b)(?:[^()]{0,40}\)|\s*[;,:]|\s+or\b|\s+for\b)"
)
#: "..., also known as AMD", "echo, or TEE", "called FOBT": named in the text.
_NAMED = re.compile(
    r"(?:\b(?:also\s+)?(?:known\s+as|called|abbreviated(?:\s+as)?|referred\s+to\s+as)"
    r"|(?<=[a-z]),?\s+or)\s+(?:(?:the|an?)\s+)?([A-Z]{2,})s?\b"
)
#: What follows a gene or protein symbol, or a list of them: "the BLM gene",
#: "COL1A1, CRTAP, and P3H1 genes", "HBB and HBA2, the genes".
_SYMBOL_OF = re.compile(
    r"(?:,?\s+(?:(?:and|or)\s+)?[A-Z][A-Z0-9-]*)*,?\s+(?:the\s+)?"
    r"(?:genes?|proteins?|enzymes?|receptors?|mutations?|variants?|vaccines?)\b"
)
_NAMED_SYMBOL = re.compile(r"\b([A-Z][A-Z0-9-]{1,9})\s+(?:genes?|proteins?)\b")
#: What comes before a gene symbol: "a similar gene, EVC", "genes, including SFTPB".
_SYMBOL_AFTER = re.compile(r"\bgenes?\b[^.;]{0,150}$")
#: An author's initials in a citation: "Kan HJ, Hovius SE."
_INITIALS = re.compile(r"[A-Z][a-z]+\s+$")
#: A place's state or country code: "Bushnell, FL".
_PLACE = re.compile(r"[A-Z][a-z]+,\s*$")
#: Explained right after its first use: "LCHAD deficiency, or long-chain ...".
_EXPLAINED_AFTER = re.compile(
    r"(?:\s+[\w-]+){0,2},?\s+(?:or|also\s+(?:known\s+as|called)|which\s+stands\s+for)\s+[a-z]"
)
#: "XY", "XXY": sex chromosomes, not an acronym.
_KARYOTYPE = re.compile(r"X+Y*|Y+")
#: "stage IIIA", "type IVB": a Roman numeral with a letter.
_STAGE = re.compile(r"[IVX]+[A-ES]")
#: "CAG", "CTG": a run of nucleotides, not an acronym.
_NUCLEOTIDES = re.compile(r"[ACGTU]{3,}")
_EXPANDED = re.compile(r"(?<![\w\-])([A-Z]{2,})s?\s+\(([^()]{4,200})\)")
_ROMAN = re.compile(r"[IVXLCDM]+")
_SHOUTING = re.compile(r"\b[A-Z'’]{2,}(?: +[A-Z'’]{2,}\b){2,}")
_EMPHASIS = frozenset(
    """NOT NO DO DON'T NEVER ALWAYS ONLY STOP CALL NOTE NOTES WARNING CAUTION IMPORTANT
    TIP TIPS NEW FREE OK AND OR THE YOU YOUR ALL ANY IF IS ARE BE AT""".split()
)


def check(doc: Document, options: Options, context: Context) -> Iterator[Hit]:
    allowed = {a.upper() for a in options["allow"]}
    low, high = options["min-letters"], options["max-letters"]
    defined: set[str] = _gene_symbols(doc)
    reported: set[str] = set()
    for block in doc.blocks:
        if block.kind == BlockKind.HEADING:  # a title may define ("... Fever (CCHF)")
            defined.update(a for a, _ in _definitions(block.prose_text()))
        if block.kind not in PROSE_KINDS or not block.text:
            continue
        text = block.prose_text()
        definitions = _definitions(text) + [(term, 0) for term in block.abbreviations]
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
            if any(
                a == acronym and pos <= match.start() for a, pos in definitions
            ) or _EXPLAINED_AFTER.match(text, match.end()):
                defined.add(acronym)
                continue
            reported.add(acronym)
            yield Hit(doc.span_of(block, match.start(1), match.end(1)), {"acronym": acronym})
        defined.update(a for a, _ in definitions)


def _gene_symbols(doc: Document) -> set[str]:
    """Tokens the article calls genes or proteins anywhere ("the LCAT gene"):
    symbols, not acronyms to spell out, wherever they stand."""
    return {
        match.group(1)
        for block in doc.blocks
        if block.text
        for match in _NAMED_SYMBOL.finditer(block.text)
    }


def _definitions(text: str) -> list[tuple[str, int]]:
    """(acronym, offset where its definition starts) in one block's text."""
    found = []
    for match in _BRACKETED.finditer(text):
        # Brackets right after words: the words are the definition ("... (ASCT)").
        if re.search(r"[^\W_]\W*$", text[: match.start()]):
            found.append((match.group(1), match.start()))
    for match in _NAMED.finditer(text):
        found.append((match.group(1), match.start()))
    for match in _EXPANDED.finditer(text):
        if _initials_fit(match.group(1), match.group(2)):
            found.append((match.group(1), match.start()))
    return found


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
    if (
        token in _EMPHASIS
        or _ROMAN.fullmatch(token)
        or _STAGE.fullmatch(token)
        or _NUCLEOTIDES.fullmatch(token)
        or _KARYOTYPE.fullmatch(token)
        or _SYMBOL_OF.match(text[match.end() : match.end() + 120])
        or _SYMBOL_AFTER.search(text, max(0, match.start() - 200), match.start())
        or re.match(r"[ -]\d", text[match.end() : match.end() + 2])  # a name: "CA 125"
        or (len(token) == 2 and _PLACE.search(text, max(0, match.start() - 30), match.start()))
        or (
            len(token) <= 3
            and text[match.end() : match.end() + 1] in (",", ".")
            and _INITIALS.search(text, max(0, match.start() - 30), match.start())
        )
    ):
        return True
    # Three or more capitalised words in a row, with only spaces between them, are
    # shouting or a label ("DO NOT TAKE WITH FOOD"); a list "NIDDK, NINDS, CDC" is not.
    return bool(_SHOUTING.search(text, max(0, match.start() - 30), match.end() + 30))
