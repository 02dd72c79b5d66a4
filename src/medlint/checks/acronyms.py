"""acronyms: an acronym used before it is spelled out.

Patients do not know that ASCT is a stem cell transplant from their own cells.
An all-capitals token of 2 to 6 letters counts as an acronym ("VR&E" too). It
is defined:

* where it stands in brackets after words ("vascular endothelial growth factor
  (VEGF)", "(ALL; also called ...)", "Patient Aligned Care Team (or PACT)",
  "Department of Defense (DoD)");
* where the text names it ("also known as AMD", "a fecal occult blood test, or
  FOBT");
* where the words just before it spell it out, without brackets ("Children's
  Health Insurance Program CHIP"): see :func:`spelled_out_before`;
* before a bracketed expansion ("ASCT (autologous stem cell transplantation)",
  "DEET (diethyltoluamide)", "WAK (Cargo Vessel)"), but not before a bracketed
  remark ("VA (see below)"): see :func:`explains`; or before a dash and words
  whose capitals spell it ("PANDAS - Pediatric Autoimmune Neuropsychiatric
  Disorders Associated with Streptococcal infections");
* for the whole article, in its title, or where words of the title spell it
  ("Fully Developed Claims" for FDC) (the ``title`` front matter key, or a
  level 1 heading); from where it stands on, in any other heading or HTML block.

Its first use must be on or after a definition. Acronyms every reader knows
(``allow``), units after a number ("5 MB", ``units``), Roman numerals and stages
("IIIB"), gene and protein symbols ("the BLM gene"), nucleotide runs ("CAG
repeat"), karyotypes ("XXY"), words in capitals for emphasis ("Do NOT", "DON'T",
"NEVER SHARE") and headings are left alone. Each acronym is reported once, at its
first use.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from functools import cache

from medlint.checks.base import Context, Option, Options
from medlint.document import PROSE_KINDS, Block, BlockKind, Document
from medlint.findings import Hit
from medlint.memo import TextMemo

NAME = "acronyms"
OPTIONS = {
    "allow": Option(
        "string-list", [], "Acronyms readers know, never reported (DNA, HIV, MRI, ...)."
    ),
    "units": Option(
        "string-list",
        [],
        'Units, left alone right after a number ("5 MB", "2 TB") and reported elsewhere.',
    ),
    "min-letters": Option("integer", 2, "Shortest acronym.", minimum=2),
    "max-letters": Option("integer", 6, "Longest acronym.", minimum=2),
}
MESSAGE_ARGS = frozenset({"acronym"})

#: An acronym: capitals, or capitals joined by "&" ("VR&E", "R&D").
_ACRONYM = r"[A-Z](?:[A-Z]*&)*[A-Z]+"
#: A token: not inside a word, nor the end of a contraction ("YOU'RE", "WE'LL").
#: (The first capital comes before the look-behinds: a pattern that starts with a
#: letter set is searched many times faster.)
_TOKEN = re.compile(
    r"([A-Z](?<![\w\-/.&][A-Z])(?<![^\W\d_]['’][A-Z])(?:[A-Z]*&)*[A-Z]+)(?:s|'s|’s)?(?![\w\-/&])"
)
#: "(VEGF)", "(ALL; also called ...)", "(MPS IVB)", "(or PACT)": an acronym
#: opening a bracket, but not a list of them ("(GARD, NIDDK, CDC)").
_BRACKETED = re.compile(
    rf"\(\s*(?:or\s+)?({_ACRONYM})s?\b(?!\s*,\s*[A-Z]{{2,}}\b)"
    r"(?:[^()]{0,40}\)|\s*[;,:]|\s+or\b|\s+for\b)"
)
#: "(DoD)": an abbreviation in mixed case defines its capitals ("DOD") too.
_MIXED_CASE = re.compile(r"\(\s*([A-Z][a-z]*[A-Z][A-Za-z]{0,5})s?\s*\)")
#: "..., also known as AMD", "echo, or TEE", "called FOBT", "Record” or VLER",
#: "coagulation (ko-ag-u-LA-shun), or DIC": what comes right before the acronym
#: (searched only before each one).
_NAMED_BEFORE = re.compile(
    r"(?:\b(?:also\s+)?(?:known\s+as|called|abbreviated(?:\s+as)?|referred\s+to\s+as)"
    r"|(?<=[a-z”\")])(?P<comma>,?)\s+or)\s+(?:(?:the|an?)\s+)?$"
)
#: "a scan or OGD", "surgery or FESS": one word (after an article, or opening
#: the clause) then "or" offers a choice; it does not name the acronym.
_CHOICE = re.compile(
    r"(?:^|[^\w\s'’-]|\b(?:a|an|the|any|some|your|their|this|that)\s)\s*[\w'’-]+\s+or\s+"
    r"(?:(?:the|an?)\s+)?$",
    re.IGNORECASE,
)
#: What follows a gene or protein symbol, or a list of them: "the BLM gene",
#: "COL1A1, CRTAP, and P3H1 genes", "HBB and HBA2, the genes".
_SYMBOL_OF = re.compile(
    r"(?:,?\s+(?:(?:and|or)\s+)?[A-Z][A-Z0-9-]*)*,?\s+(?:the\s+)?"
    r"(?:genes?|proteins?|enzymes?|receptors?|mutations?|variants?|vaccines?)\b"
)
#: Two capital letters anywhere: what every acronym token ("TB", "A&E") and
#: every definition ("(DoD)", "TB - Tuberculosis") holds.
_TWO_CAPITALS = re.compile(r"[A-Z][^A-Z]*[A-Z]")
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
#: What stands in brackets right after an acronym: "WAK (Cargo Vessel)".
_EXPANDED = re.compile(r"\s+\(([^()]{4,200})\)")
#: An acronym, a dash and its words: "SUNCT-Short-lasting, Unilateral, ...":
#: a dash before a capital, then the acronym right before the dash.
_DASH = re.compile(r"[—–-]\s*(?=[A-Z])")
_BEFORE_DASH = re.compile(rf"(?<![\w\-&])({_ACRONYM})s?\s*$")
#: "type II", "factor XIII", "MCMXC": a Roman numeral. Capitals that are no
#: numeral ("LDL", "LCMV") are an acronym, though each of their letters is one.
_ROMAN = re.compile(r"[IVX]+|M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
_SHOUTING = re.compile(r"\b[A-Z'’]{2,}(?: +[A-Z'’]{2,}\b){2,}")
#: Two or more words in capitals in a row ("NEVER SHARE", "DON'T STOP").
_CAPITALS_RUN = re.compile(
    r"[A-Z](?<![\w'’&/-][A-Z])[A-Z]*(?:['’][A-Z]+)?(?:[ \t]+[A-Z]+(?:['’][A-Z]+)?)+(?![\w'’&/-])"
)
#: A contraction in capitals: "DON'T", "YOU'RE", "IT'S".
_CONTRACTION = re.compile(r"['’][A-Z]")
#: A number right before a unit: "5 MB", "2.5 GB", "10\u00a0KB".
_NUMBER_BEFORE = re.compile(r"\d[ \u00a0]?$")
_EMPHASIS = frozenset(
    """NOT NO DO DON'T NEVER ALWAYS ONLY STOP CALL NOTE NOTES WARNING CAUTION IMPORTANT
    TIP TIPS NEW FREE OK AND OR THE YOU YOUR ALL ANY IF IS ARE BE AT""".split()
)
#: How often (in pyspellchecker's counts) a word must occur in English to be an
#: ordinary word when written in capitals: "share" is, "ides" or "pow" is not.
_COMMON_WORD = 1000

#: Words a spelled-out name may carry without an initial in its acronym
#: ("Prisoners of War" is POW or PW; "Department of Defense" DOD or DD).
_SMALL_WORDS = frozenset("a an and as at by for in of on or the to with &".split())
_WORD = re.compile(r"&|[^\W\d_]+(?:['’][^\W\d_]*)?(?:-[^\W\d_]+)*")
#: What ends the words that may spell an acronym out: any punctuation but an
#: apostrophe, a hyphen or "&"; a digit or an underscore.
_WORDS_END = re.compile(r"[^\w\s'’&-]|[\d_]")
#: What a bracket after an acronym may hold that is a remark, not its words:
#: "VA (see below)", "MRI (if needed)", "FDC (Optional)".
_REMARKS = frozenset(
    """see also below above optional required only note page pages if as e g i eg ie
    for example formerly previously now new updated continued click link here opens
    external in at by from not and or with without when where which this that these
    those such like pdf""".split()
)


def check(doc: Document, options: Options, context: Context) -> Iterator[Hit]:
    allowed = {a.upper() for a in options["allow"]}
    units = {u.upper() for u in options["units"]}
    low, high = options["min-letters"], options["max-letters"]
    titles = _titles(doc)
    defined: set[str] = _gene_symbols(doc) | {a for t in titles for a, _ in _definitions(t)}
    reported: set[str] = set()
    for block in doc.blocks:
        if block.kind == BlockKind.HEADING:  # a heading may define ("... Fever (CCHF)")
            defined.update(a for a, _ in _definitions(block.prose_text()))
        elif block.kind == BlockKind.HTML and block.text and not block.is_comment:
            defined.update(a for a, _ in _definitions(_html_text(block.text)))
        if block.kind not in PROSE_KINDS or not block.text:
            continue
        text = block.prose_text()
        if not block.abbreviations and not _TWO_CAPITALS.search(text):
            continue  # an acronym, or a definition of one, has two capitals at least
        definitions: list[tuple[str, int]] | None = None
        shouting: list[tuple[int, int]] | None = None
        tokens = list(_TOKEN.finditer(text))
        for match in tokens:
            acronym = match.group(1)
            if (
                not low <= _letters(acronym) <= high
                or acronym in allowed
                or acronym in defined
                or acronym in reported
                or (acronym in units and _NUMBER_BEFORE.search(text[: match.start()][-3:]))
                or _not_an_acronym(acronym, text, match)
            ):
                continue
            if shouting is None:
                shouting = _shouted_words(text)
            if any(start <= match.start() < end for start, end in shouting):
                continue
            if definitions is None:
                definitions = _block_definitions(block, text, tokens)
            if (
                any(a == acronym and pos <= match.start() for a, pos in definitions)
                or _EXPLAINED_AFTER.match(text, match.end())
                or _title_spells(acronym, titles)
            ):
                defined.add(acronym)
                continue
            reported.add(acronym)
            yield Hit(doc.span_of(block, match.start(1), match.end(1)), {"acronym": acronym})
        if definitions is None:
            definitions = _block_definitions(block, text, tokens)
        defined.update(a for a, _ in definitions)


def _block_definitions(block: Block, text: str, tokens: list[re.Match]) -> list[tuple[str, int]]:
    """A prose block's definitions, with the terms its <abbr> tags explain.
    (Those of its text are kept for a text met again: a site repeats
    paragraphs across its articles, and they depend on the text alone.)"""
    found = _KEPT.get(text)
    if found is None:
        found = tuple(_definitions(text, tokens))
        _KEPT.put(text, len(text), found)
    return [*found, *((term, 0) for term in block.abbreviations)]


#: The definitions (``_definitions``) of the texts met again.
_KEPT: TextMemo[tuple[tuple[str, int], ...]] = TextMemo(max_chars=500_000)


def _letters(acronym: str) -> int:
    return len(acronym) - acronym.count("&")


def _gene_symbols(doc: Document) -> set[str]:
    """Tokens the article calls genes or proteins anywhere ("the LCAT gene"):
    symbols, not acronyms to spell out, wherever they stand."""
    return {
        match.group(1)
        for block in doc.blocks
        if "gene" in block.text or "protein" in block.text  # what the search needs, found fast
        for match in _NAMED_SYMBOL.finditer(block.text)
    }


def _titles(doc: Document) -> list[str]:
    """The article's titles: its ``title`` front matter key, its level 1
    headings, and a plain-text article's title line. What they define
    ("Former Prisoners of War (POWs)") counts for the whole article."""
    titles = []
    title = (doc.front_matter or {}).get("title")
    if isinstance(title, str):
        titles.append(title)
    for index, block in enumerate(doc.blocks):
        if block.kind == BlockKind.HEADING and (
            block.level == 1 or (index == 0 and block.title_like)
        ):
            titles.append(block.prose_text())
    return titles


def _one_word_spells(acronym: str, before: str) -> bool:
    """Whether the one word before "or" holds the acronym's letters in order,
    starting with its first: "Tuberculosis" for TB."""
    words = [w.lower() for w in _WORD.findall(before)]
    while words and words[-1] in ("or", "the", "a", "an"):
        words.pop()
    word = words[-1] if words else ""
    letters = acronym.lower().replace("&", "")
    if not word.startswith(letters[:1]):
        return False
    rest = iter(word)
    return all(letter in rest for letter in letters)


def _title_spells(acronym: str, titles: list[str]) -> bool:
    """Whether capitalised words of a title spell the acronym by their
    initials: a page titled "Fully Developed Claims" has told its reader what
    FDC is ("Back pain" has not told it what BP is)."""
    letters = acronym.lower()
    for title in titles:
        run: list[tuple[str, ...]] = []  # capitalised words, with the small words between
        for word in _WORD.findall(title) + ["."]:
            if word[:1].isupper() or (run and word.lower() in _SMALL_WORDS):
                run.append(_contributions(word))
                if _initials_spell(letters, run):
                    return True
            else:
                run = []
    return False


def _html_text(markup: str) -> str:
    """The words an HTML block shows ("<button>... System (IDES)</button>")."""
    return html.unescape(re.sub(r"<[^>]*>", " ", markup))


def _definitions(text: str, tokens: list[re.Match] | None = None) -> list[tuple[str, int]]:
    """(acronym, offset where its definition starts) in one block's text, whose
    acronym tokens are ``tokens`` when known."""
    found = []
    if "(" in text:
        for match in _BRACKETED.finditer(text):
            # Brackets right after words: the words are the definition ("... (ASCT)").
            if _after_a_word(text, match.start()):
                found.append((match.group(1), match.start()))
        for match in _MIXED_CASE.finditer(text):
            if _after_a_word(text, match.start()):
                found.append((match.group(1).upper(), match.start()))
    for dash in _DASH.finditer(text):
        before = _BEFORE_DASH.search(text, max(0, dash.start() - 12), dash.start())
        if before and _capitals_spell(before.group(1), text[dash.end() : dash.end() + 300]):
            found.append((before.group(1), before.start()))
    for token in _TOKEN.finditer(text) if tokens is None else tokens:
        acronym, start = token.group(1), token.start()
        named = _NAMED_BEFORE.search(text, max(0, start - 60), start)
        choice = (
            named and named.group("comma") == "" and _CHOICE.search(text, max(0, start - 60), start)
        )
        if choice and not _one_word_spells(acronym, text[choice.start() : start]):
            named = None  # "a scan or OGD"; but "Tuberculosis or TB" names it
        expanded = _EXPANDED.match(text, token.end())
        if (
            named
            or (expanded and explains(acronym, expanded.group(1)))
            or spelled_out_before(acronym, text[max(0, start - 200) : start])
        ):
            found.append((acronym, named.start() if named else start))
    return found


def _after_a_word(text: str, end: int) -> bool:
    """Whether a letter or digit stands before ``end`` with only punctuation or
    spaces between (``re.search(r"[^\\W_]\\W*$", text[:end])``, read backwards
    from ``end``: the search went through the whole text before each bracket)."""
    at = end
    while at > 0 and not text[at - 1].isalnum() and text[at - 1] != "_":
        at -= 1
    return at > 0 and text[at - 1].isalnum()


def spelled_out_before(acronym: str, before: str) -> bool:
    """Whether the words right before an acronym, with nothing but spaces
    between them and it, spell it out by their initials: "Children's Health
    Insurance Program CHIP", "Prisoners of War POW" (a plural "POWs" is passed
    as POW).

    Every word gives its initial, in order, and together they give the
    acronym's letters exactly. A small word (of, and, for, the, &, ...) may give
    its initial or nothing ("Department of Defense" is DOD or DD), but the
    word right before the acronym gives one; "and" or "&" may give an "&" ("Vocational
    Rehabilitation and Employment VR&E"). A possessive gives its initial
    ("Children's"); a hyphenated word gives its first part's initial or each
    part's ("Gulf-War" is G or GW).
    """
    if not before[-1:].isspace():
        return False
    words = _WORD.findall(_WORDS_END.split(before[-200:])[-1])
    return _initials_spell(acronym.lower(), [_contributions(w) for w in words])


def _contributions(word: str) -> tuple[str, ...]:
    """What one word may give an acronym: its initial, or for a small word
    nothing too (""), for a hyphenated word each part's initial too."""
    lower = word.lower()
    if lower in ("&", "and"):
        return ("", lower[0], "&")
    if lower in _SMALL_WORDS:
        return ("", lower[0])
    parts = [p for p in lower.split("-") if p]
    if len(parts) > 1:
        every = "".join(p[0] for p in parts)
        content = "".join(p[0] for p in parts if p not in _SMALL_WORDS)
        return tuple(dict.fromkeys((parts[0][0], every, content)))
    return (lower[0],)


def _initials_spell(letters: str, words: list[tuple[str, ...]]) -> bool:
    """Whether some run of the last words spells ``letters`` exactly, its first
    and last word each giving a letter."""
    # A small word may give nothing: the run may have a few more words than letters.
    words = words[-3 * len(letters) - 2 :]
    count = len(words)

    @cache
    def rest_spells(i: int, j: int) -> bool:  # words[i:] spell letters[j:]
        if i == count:
            return j == len(letters)
        return any(
            letters.startswith(part, j)
            and (part or i < count - 1)
            and rest_spells(i + 1, j + len(part))
            for part in words[i]
        )

    for start in range(count):
        for part in words[start]:
            if part and letters.startswith(part) and rest_spells(start + 1, len(part)):
                return True
    return False


def _capitals_spell(acronym: str, after: str) -> bool:
    """Whether the capitalised words at the start of ``after``, up to the end of
    its sentence, give the acronym's letters by their initials: "Short-lasting,
    Unilateral, Neuralgiform headache attacks with Conjunctival injection and
    Tearing" is SUNCT."""
    letters = acronym.replace("&", "")
    initials = ""
    for word in re.findall(r"[^\W\d_]+|[.;:!?()]", after):
        if not word[0].isalpha() or len(initials) == len(letters):
            break
        if word[0].isupper():
            initials += word[0]
        elif not initials:
            return False
    return initials == letters


def explains(acronym: str, inside: str) -> bool:
    """Whether what stands in brackets right after an acronym is its meaning,
    not a remark ("VA (see below)", "MRI (if needed)"): words whose initials
    fit it ("ASCT (autologous stem cell transplantation)"), one long word that
    starts with its first letter ("DEET (diethyltoluamide)"), or a name of two
    to six capitalised words ("WAK (Cargo Vessel)")."""
    if _initials_fit(acronym, inside):
        return True
    inside = inside.strip()
    words = inside.split()
    if not re.fullmatch(
        r"[^\W\d_]+(?:['’-][^\W\d_]+)*(?:\s+(?:&|[^\W\d_]+(?:['’-][^\W\d_]+)*))*", inside
    ):
        return False  # digits, commas, colons: a remark, a date, a list
    if words[0].lower() in _REMARKS:
        return False
    if len(words) == 1:
        word = words[0]
        return (
            len(word) >= _letters(acronym) + 4
            and word[0].lower() == acronym[0].lower()
            and word[1:].islower()
        )
    return (
        len(words) <= 6
        and words[0][0].isupper()
        and sum(1 for w in words if w[0].isupper() and w[1:].islower()) >= 2
        and all(w.lower() in _SMALL_WORDS or (w[0].isupper() and w[1:].islower()) for w in words)
    )


def _initials_fit(acronym: str, words: str) -> bool:
    """The acronym's letters appear, in order, among the words' letters, the
    first one as an initial: VEGF in "vascular endothelial growth factor",
    HbA1c-style and syllable acronyms ("PET" in "positron emission tomography")."""
    letters = acronym.lower().replace("&", "")
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


def _shouted_words(text: str) -> list[tuple[int, int]]:
    """Where a block writes ordinary words in capitals, two or more in a row
    ("NEVER SHARE YOUR PASSWORD", "DON'T STOP"): emphasis, not acronyms. The
    English dictionary is loaded only when a block has such a run."""
    spans = []
    for run in _CAPITALS_RUN.finditer(text):
        if all(_ordinary_word(word) for word in run.group().split()):
            spans.append(run.span())
    return spans


def _ordinary_word(word: str) -> bool:
    if word in _EMPHASIS or word in ("A", "I") or _CONTRACTION.search(word):
        return True
    from medlint.vocabulary import english

    return english().get(word.lower(), 0) >= _COMMON_WORD


def _not_an_acronym(token: str, text: str, match: re.Match) -> bool:
    if (
        token in _EMPHASIS
        or _ROMAN.fullmatch(token)
        or _STAGE.fullmatch(token)
        or _NUCLEOTIDES.fullmatch(token)
        or _KARYOTYPE.fullmatch(token)
        or _CONTRACTION.match(text, match.end(1))  # "DON'T", "YOU'RE": words, not acronyms
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
