"""spelling: words that are in no dictionary medlint knows.

A misspelt drug or condition name costs trust, and can send a reader's search
the wrong way. Only prose words are checked: paragraphs, list items and
headings, without inline code, URLs, e-mail addresses, domain names
("www.nhs.uk.", "IRS.gov"), file sizes ("10 KB"), numbers, words with digits,
acronyms or capitalised words (names), and never front matter or code blocks.
A word is known when it is in pyspellchecker's English dictionary, the bundled
medical vocabulary (``word-lists``), the project's ``.medlint-words.txt``, the
rule's ``words`` option or a hunspell ``.dic`` file named in ``dictionaries``.

Medical vocabulary is open-ended (every rare disease and new drug has a
name), so three more signs make a word count as known: it is an inflection of
an English word ("attaches"); it has the form of a medical term (a suffix such
as -ectomy, -osis, -oma, or a drug-name stem such as -mab, -codone), when it is
at least 7 letters long, or is a known word behind a combining form
("pleuro" + "pulmonary"); or the article uses it at least ``min-repeats`` times
(a typo is rarely made the same way three times, a topic's name always is).
An English word with its apostrophe lost ("dont", "bodys") is always
reported: that is damage, however often it occurs.

A word medlint does not know is reported only when it looks like a mistake:
an English word one edit away ("symotoms"), two words run together where a
dash was lost ("symptomsthat"), or a lost apostrophe. A word far from every
known word is more likely a term medlint has not met than a typo, and is left
alone: precision over recall.

Each unknown word is reported once per article, at its first use, counting
every line where it occurs. Suggestions are computed only for those words.

The English dictionary is American. An article in British English (the
config's ``language: en-GB``, or the article's front matter ``lang: en-GB``)
also knows the ``british-word-lists`` (SCOWL's British spellings and a
hand-written list of British medical forms), and a British form of a word
known in its American spelling: the rewrites in ``_BRITISH_TO_AMERICAN``
("haematology" -> "hematology", "organisation" -> "organization",
"behavioural" -> "behavioral", "centres" -> "centers", "travelled" ->
"traveled") are tried on an unknown word, and the result is judged like any
word (inflections, medical forms, combining forms). Under en-US a British
form is an unknown word, as before.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from medlint.checks.base import Context, Option, Options
from medlint.document import TEXT_KINDS, Document
from medlint.findings import Hit, Span
from medlint.vocabulary import (
    WordListError,
    article_language,
    edits1,
    english,
    hunspell_words,
    run_together,
    word_list,
)

NAME = "spelling"
OPTIONS = {
    "word-lists": Option(
        "path-list",
        [],
        "Word lists (one word per line) of known words, relative to the file that names them.",
    ),
    "words": Option("string-list", [], "More known words, listed in the config."),
    "words-file": Option(
        "string",
        ".medlint-words.txt",
        "The project's word list, looked up in the directory of the config file (or the "
        "working directory when there is none). A missing file is fine.",
    ),
    "dictionaries": Option(
        "path-list", [], "Hunspell .dic files of known words (their affix rules are not applied)."
    ),
    "british-word-lists": Option(
        "path-list",
        [],
        "Word lists of British spellings, known in articles in British English (en-GB) "
        "only, relative to the file that names them.",
    ),
    "min-length": Option("integer", 3, "Shorter words are not checked.", minimum=1),
    "min-repeats": Option(
        "integer",
        3,
        "A word the article uses this many times is taken for a term, not a typo "
        "(0 turns this off).",
        minimum=0,
    ),
    "max-suggestions": Option("integer", 3, "Suggestions offered per word.", minimum=0),
}
MESSAGE_ARGS = frozenset({"word", "count", "lines", "suggestions"})

#: URLs, e-mail addresses, bare domain names and file sizes: not words. Each
#: alternative can only start where a run of such characters starts (the
#: lookbehinds), so a long run ("a.a.a.a...") is read once, not once per position.
_MASKED_ALTERNATIVES = (
    r"(?<![\w./-])(?:https?://|www\.)\S+",
    r"(?<![\w.+@-])(?:mailto:)?[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63})+",
    r"(?<![\w.,])\d{1,15}(?:[.,]\d{1,15})?\s?(?:[kmgtp]i?b|[kmgt]?bytes?)\b",
    r"(?<![\w.@/-])[\w-]{1,63}(?:\.[\w-]{1,63})+(?:/\S*)?",
)
_MASKED = re.compile("|".join(_MASKED_ALTERNATIVES), re.IGNORECASE)
#: What each alternative of _MASKED needs to match at all, in the same order:
#: a scheme or "www.", an "@", a digit before a unit, a dot between name
#: characters. A text is searched with only the alternatives it could match
#: (dropping an alternative that matches nowhere changes no match): most
#: texts with a digit ("2 to 3 weeks") need none, most others only the last.
_MASK_NEEDS = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (r"://|www\.\S", "@", r"\d\s?[kmgtpb]", r"[\w-]\.[\w-]")
)


@cache
def _masked(alternatives: tuple[int, ...]) -> re.Pattern[str]:
    """_MASKED with only the given alternatives."""
    chosen = "|".join(_MASKED_ALTERNATIVES[n] for n in alternatives)
    return re.compile(chosen, re.IGNORECASE)


def _mask(text: str) -> str:
    """The text with its URLs, e-mail addresses, domains and file sizes
    blanked (as ``_MASKED.sub(_blank_address, text)``)."""
    possible = tuple(n for n, needs in enumerate(_MASK_NEEDS) if needs.search(text))
    return _masked(possible).sub(_blank_address, text) if possible else text


_PLACEHOLDER = re.compile(r"\blorem\s+ipsum\b", re.IGNORECASE)
#: What every masked run has: a scheme, "www." or another dot inside a
#: name, an "@", or a digit. Text without any is not searched for them.
_MASK_HINT = re.compile(r"\.[\w-]|@|://|\d")  # "www." is masked only before a name: ".[\w-]"
#: A file size ("10 KB", "2.5mib") as the third alternative reads it.
_FILE_SIZE = re.compile(r"\d[\d.,]*\s?[a-z]+", re.IGNORECASE)
_DOMAIN_ENDINGS = frozenset(
    "com org gov edu net info io uk ca au nz ie us eu int mil scot wales health".split()
)
_PART = r"[^\W\d_]+(?:['’][^\W\d_]+)*"
#: A word, or a hyphenated compound ("pre-eclampsia"), not touching digits,
#: slashes or brackets ("B12", "and/or", "(A)bnormal" are not words to check).
_WORD = re.compile(rf"(?<![\w'’@/\\)\]-]){_PART}(?:-{_PART})*(?![\w@/\\(\[]|['’-][^\W\d_])")
_POSSESSIVE = re.compile(r"['’]s$")
#: Longer tokens are not words (a run of hyphenated syllables, a pasted ID).
_LONGEST_WORD = 60
#: Endings of medical terms and drug-name stems: a word of 8 letters or more
#: ending so has the form of a term ("pancreatectomy", "oxycodone").
_MEDICAL_ENDINGS = tuple(
    """ectomy otomy ostomy plasty pexy scopy graphy gram ology ologist itis osis oses
    iasis oma omas omata emia aemia uria algia opathy pathy plasia trophy megaly penia
    cyte cytes cytic blast genic genesis lysis lytic phagia phasia plegia paresis ptosis
    rrhea rrhoea sclerosis stenosis tomy ase ases mab nib tinib zumab ximab pril sartan
    olol statin azole mycin cillin cycline floxacin vir tide parin dronate prazole dipine
    triptan codone morphone azepam oxetine setron lukast gliptin glitazone amine idine
    oside ptine ine zole thrin profen asone olone afil emia asia""".split()
)
#: Combining forms that make medical words of known ones: "pleuro" + "pulmonary".
_COMBINING_FORMS = tuple(
    """anti auto bi co contra counter de dis dys endo epi extra hemi hyper hypo infra
    inter intra macro micro mono multi neo non over para peri poly post pre pseudo re
    retro semi sub super supra trans tri ultra un under angio broncho cardio cranio cyto
    entero erythro gastro hemo hepato immuno leuko lympho myelo myo nephro neuro osteo
    pleuro pneumo psycho""".split()
)
#: Inflections that turn an English word into another ("attach" -> "attaches").
_INFLECTIONS = ("es", "s", "ed", "d", "ing", "er", "ers", "ly", "ness", "ment", "ments")
#: Prefixes written with a hyphen ("pre-op", "non-toxic"): not words on their own.
_PREFIXES = frozenset(
    """a anti bi co counter de di dis ex extra hyper hypo in inter intra macro mal micro
    mid mini mono multi neo neuro non over para peri poly post pre pro pseudo re self semi
    sub super trans tri ultra un under well x""".split()
)


@dataclass
class _Unknown:
    span: Span
    lines: list[int] = field(default_factory=list)


def prepare(options: Options, context: Context, owner: str) -> None:
    """Read the word files before any article is checked, so that one medlint
    will not read (a FIFO, /dev/zero, one over the limits) is a ConfigError
    naming the file and the option, not a failure of the rule in every article.
    (They are cached: the check does not read them again.)"""
    files = _files(options, context)
    if context.language != "en-GB":  # read at the first article in en-GB, if any
        files = [entry for entry in files if entry[0] != "british-word-lists"]
    for key, path, read in files:
        try:
            read(path)
        except WordListError as error:
            error.message = f"option {key!r} of {owner}: {error.message}"
            raise


def load(options: Options, context: Context) -> None:
    """The English dictionary, before the first article is read: on a
    machine's first run medlint builds its own copy from pyspellchecker's
    file (``vocabulary.english``), which holds ~35 MB for a moment. Built
    before an article is held, not on top of a long one (a 6 MB article
    peaked at 177 MB, not 144); before the workers are forked, not in each.
    (Kept for the process: the calls after the first cost nothing.)"""
    english()


def _files(options: Options, context: Context) -> list[tuple[str, str, Callable[[str], Any]]]:
    """The word files the rule reads: (option, path, reader)."""
    files: list[tuple[str, str, Callable[[str], Any]]] = [
        ("words-file", _words_file(options, context), word_list)
    ]
    files += [("word-lists", path, word_list) for path in options["word-lists"]]
    files += [("dictionaries", path, hunspell_words) for path in options["dictionaries"]]
    files += [("british-word-lists", path, word_list) for path in options["british-word-lists"]]
    return files


def resources(options: Options, context: Context) -> list[str]:
    """The files whose contents change the rule's results (for the results
    cache's key): its word files."""
    return [path for _, path, _ in _files(options, context)]


def _words_file(options: Options, context: Context) -> str:
    return str(context.root / options["words-file"])


def check(doc: Document, options: Options, context: Context) -> Iterator[Hit]:
    british = article_language(doc.front_matter, context.language) == "en-GB"
    known = _known_words(
        tuple(options["word-lists"]),
        tuple(options["words"]),
        tuple(options["dictionaries"]),
        _words_file(options, context),
        tuple(options["british-word-lists"]) if british else None,
    )
    unknown: dict[str, _Unknown] = {}
    read = known.read_texts
    for block in doc.blocks:
        if block.kind not in TEXT_KINDS or not block.text:
            continue
        text = block.prose_text()
        if "lorem" in text.lower() and _PLACEHOLDER.search(text):
            continue  # placeholder Latin: leaked-boilerplate says to delete it, not to spell it
        parts = read.get(text)
        if parts is None:  # (a site repeats paragraphs: a text met before is not read again)
            parts = _unknown_in(text, known)
            known.remember_text(text, parts)
        for word, start in parts:
            if len(word) < options["min-length"]:
                continue
            span = doc.span_of(block, start, start + len(word))
            entry = unknown.setdefault(word, _Unknown(span))
            entry.lines.append(span.line)
    for word, entry in unknown.items():
        suggestions = _diagnose(word, entry, known, options)
        if suggestions is None:
            continue
        lines = sorted(set(entry.lines))
        shown = suggestions[: options["max-suggestions"]]
        yield Hit(
            entry.span,
            {
                "word": word,
                "count": len(entry.lines),
                "lines": ("line " if len(lines) == 1 else "lines ") + ", ".join(map(str, lines)),
                "suggestions": f" (did you mean {' or '.join(shown)}?)" if shown else "",
            },
        )


def _unknown_in(text: str, known: _Known) -> tuple[tuple[str, int], ...]:
    """The unknown words of a block's text, (word, offset) in order: for
    each token not known, its unknown parts (a compound's), unless it is a
    prefix named on its own or a species name. Most texts have none, told
    by one search once their words are known."""
    if _MASK_HINT.search(text):
        text = _mask(text)
    fine = known.fine
    tokens = _WORD.findall(text)
    if fine.issuperset(tokens):
        return ()  # every word already known (most blocks, once words repeat)
    for token in set(tokens).difference(fine):  # decided once each, not per occurrence
        if not token.islower() or len(token) > _LONGEST_WORD or known(token):
            known.remember_fine(token)
        elif "-" in token and next(_unknown_parts(token, 0, known), None) is None:
            known.remember_fine(token)  # a compound of known parts, wherever it stands
    if fine.issuperset(tokens):
        return ()  # the new words were known: the block's places need no reading
    found: list[tuple[str, int]] = []
    for match in _WORD.finditer(text):
        token = match.group()
        if token in fine:
            continue
        if not token.islower() or len(token) > _LONGEST_WORD or known(token):
            known.remember_fine(token)
            continue  # names, acronyms, pronunciations ("an-jee-OG"), not a word, or known
        if text[match.end() : match.end() + 1] in ("-", "‐"):
            continue  # a prefix named on its own: "(cardio-)", "pre- and post-op"
        parts = list(_unknown_parts(token, match.start(), known))
        if not parts or _species_epithet(text, match.start(), known):
            continue
        found.extend(parts)
    return tuple(found)


def _blank_address(match: re.Match) -> str:
    """Blank out a URL, an e-mail address, a domain ("www.nhs.uk.", "IRS.gov")
    or a file size ("10 KB"); keep other dotted runs ("e.g", "i.e") for the
    word search."""
    text = match.group()
    if (
        _FILE_SIZE.fullmatch(text)
        or "@" in text
        or "/" in text
        or text[:4].lower() == "www."
        or text.split("/")[0].rsplit(".", 1)[-1].lower() in _DOMAIN_ENDINGS
    ):
        return " " * len(text)
    return text


def _diagnose(word: str, entry: _Unknown, known: _Known, options: Options) -> list[str] | None:
    """Suggestions when an unknown word looks like a mistake, None when it looks
    like a term medlint does not know. Mistakes: a lost apostrophe ("dont"),
    two words run together ("symptomsthat"), or a word one edit from a known
    one ("symotoms"), unless the article uses it consistently."""
    if known.lost_apostrophe(word):
        return known.suggestions(word)
    joined = known.run_together(word)
    if joined:
        return [joined]
    repeats = options["min-repeats"]
    if repeats and len(entry.lines) >= repeats:
        return None
    return known.suggestions(word) or None


_GENUS = re.compile(r"([A-Z][a-z]+|[A-Z]\.)\s+$")


def _species_epithet(text: str, start: int, known: _Known) -> bool:
    """The second word of a Latin name after its capitalised genus, which is
    not an English word, or after the genus abbreviated: "Toxoplasma gondii",
    "Wuchereria bancrofti", "L. loa". A genus is never read as a British form
    ("Taenia solium" is not "tenia")."""
    genus = _GENUS.search(text, max(0, start - 40), start)
    if genus is None:
        return False
    name = genus.group(1)
    return name.endswith(".") or not known.as_written(name.lower())


def _unknown_parts(token: str, start: int, known) -> Iterator[tuple[str, int]]:
    """The unknown words of a token: itself, or the parts of a hyphenated
    compound that are neither known words nor prefixes."""
    if known(token):
        return
    if "-" not in token:
        yield token, start
        return
    offset = start
    parts = token.split("-")
    for number, part in enumerate(parts):
        # "humero-spinal", "cranio-facial": a combining form ends in -o before a hyphen.
        combining = number < len(parts) - 1 and part.endswith("o") and len(part) >= 4
        if part not in _PREFIXES and not combining and not known(part):
            yield part, offset
        offset += len(part) + 1


#: Nouns whose plural is not "-s": "childs" can only be "child's".
_IRREGULAR = frozenset("child woman man person foot tooth mouse goose ox".split())


def _regular_plural(base: str) -> bool:
    """Whether base + "s" is how base's plural is written ("tests", not "bodys")."""
    consonant_y = len(base) > 1 and base[-1] == "y" and base[-2] not in "aeiou"
    return not consonant_y and base not in _IRREGULAR and not base.endswith(("s", "x", "ch", "sh"))


def _known_words(word_lists, words, dictionaries, words_file, british_lists=None) -> _Known:
    """One _Known per set of word lists and language, kept across the articles
    of a run (its memory of decided words is what makes spelling fast).
    ``british_lists`` is None for American English: the British lists are
    read at the first article in British English, never for the others."""
    key = (word_lists, words, dictionaries, words_file, word_list(words_file), british_lists)
    british = british_lists is not None
    cached = _KNOWN_CACHE.get(british)
    if cached is None or cached[0] != key:
        extra: set[str] = {w.lower() for w in words} | word_list(words_file)
        for path in word_lists:
            extra |= word_list(path)
        for path in dictionaries:
            extra |= hunspell_words(path)
        for path in british_lists or ():
            extra |= word_list(path)
        cached = _KNOWN_CACHE[british] = (key, _Known(frozenset(extra), british))
    return cached[1]


#: By language (British or not), so that a run mixing languages keeps both.
_KNOWN_CACHE: dict[bool, tuple[tuple, _Known]] = {}

#: en-GB: British spellings rewritten as American ones, in this order, to try
#: an unknown word against the (American) dictionary: "haematology" ->
#: "hematology", "oesophageal" -> "esophageal", "organisation" ->
#: "organization", "analyse" -> "analyze", "behavioural" -> "behavioral",
#: "centres" -> "centers", "manoeuvre" -> "maneuver", "travelled" ->
#: "traveled", "sulphate" -> "sulfate". Each is narrow enough that a typo
#: rarely turns into a word: -our only before an ending, -re only after b, t, v
#: or g, a doubled l only after a single vowel ("feelling" stays unknown), and
#: none in words of fewer than 5 letters.
_BRITISH_TO_AMERICAN = tuple(
    (re.compile(pattern), american)
    for pattern, american in (
        (r"ae(?!r)", "e"),  # haem-, paed-, -aemia, gynaec-; not aero-
        (r"oe", "e"),  # oesophagus, oedema, oestrogen, diarrhoea, coeliac, foetal
        (r"sulph", "sulf"),
        (r"(?<=[a-z]{2})is(?=(?:e|es|ed|ing|er|ers|ation|ations|able)$)", "iz"),  # organise
        (r"(?<=[a-z])ys(?=(?:e|es|ed|ing|er|ers)$)", "yz"),  # analyse, paralyse
        (
            r"(?<=[a-z])our(?=(?:s|ed|ing|er|ers|al|ally|ite|ites|able|ably|ful|fully|less"
            r"|ism|ist|ists|y|iz\w*)?$)",
            "or",
        ),  # colour, behavioural, favourite, honourable
        (r"(?<=[a-z]{2}[btvg])re(?=s?$)", "er"),  # centre, fibres, litre, manoeuvre
        (r"(?<=[a-z]{2}[btvg])red$", "ered"),  # centred
        (r"(?<=[a-z]{2}[btv])ring$", "ering"),  # centring
        (r"(?<=[^aeiou][aeiou]|ue|ia)ll(?=(?:ed|ing|er|ers)$)", "l"),  # travelled, counselling
    )
)


def americanised(word: str) -> str:
    """The American spelling of a British form (the word itself when no
    rewrite applies). Words shorter than 5 letters are left alone: a typo
    such as "laed" (for "lead") is not "led"."""
    if len(word) < 5:
        return word
    for pattern, american in _BRITISH_TO_AMERICAN:
        word = pattern.sub(american, word)
    return word


#: At most this many tokens are remembered as fine (a bound for long runs).
_FINE_MAX = 500_000
#: At most this many characters of block texts are remembered as read (then
#: forgotten, all at once).
_READ_TEXTS_CHARS = 2_000_000


class _Known:
    """Whether a lower-case word is in any of the dictionaries."""

    def __init__(self, extra: frozenset[str], british: bool = False) -> None:
        self.english = english()
        self.extra = extra
        self.british = british  # en-GB: try British forms as American ones
        self._seen: dict[str, bool] = {}  # words repeat: decide each once
        #: What ``suggestions`` and ``run_together`` said of each unknown word
        #: (an unknown term comes back in article after article).
        self._suggested: dict[str, list[str]] = {}
        self._joined: dict[str, str | None] = {}
        #: Tokens that are never reported, wherever they stand: known words,
        #: and tokens that are not checked (capitalised, too long).
        self.fine: set[str] = set()
        #: The unknown words (``_unknown_in``) of the block texts read, most
        #: of them none: a text met again is not read again (what is decided
        #: of a word is never undone, so its unknown words stay the same).
        self.read_texts: dict[str, tuple[tuple[str, int], ...]] = {}
        self._read_chars = 0

    def remember_fine(self, token: str) -> None:
        if len(self.fine) < _FINE_MAX:
            self.fine.add(token)

    def remember_text(self, text: str, unknown: tuple[tuple[str, int], ...]) -> None:
        self._read_chars += len(text)
        if self._read_chars > _READ_TEXTS_CHARS:
            self.read_texts.clear()
            self._read_chars = len(text)
        self.read_texts[text] = unknown

    def __call__(self, word: str) -> bool:
        if word not in self._seen:
            self._seen[word] = self._decide(word)
        return self._seen[word]

    def _decide(self, word: str) -> bool:
        word = _POSSESSIVE.sub("", word.replace("’", "'"))
        if self._known_form(word):
            return True
        if not self.british or self.lost_apostrophe(word):
            return False
        american = americanised(word)
        return american != word and self._known_form(american)

    def as_written(self, word: str) -> bool:
        """Whether a word is known without the British rewrites."""
        return self(word) if not self.british else self._known_form(word)

    def _known_form(self, word: str) -> bool:
        if word in self.english or word in self.extra or self._plural_of_extra(word):
            return True
        if self.lost_apostrophe(word):
            return False
        return (
            self._inflected(word)
            or (len(word) >= 7 and word.endswith(_MEDICAL_ENDINGS))
            or self._compound(word)
        )

    def _compound(self, word: str) -> bool:
        """A combining form and a known word: "preimplantation", "hypomotility"."""
        return any(
            word.startswith(form)
            and len(word) - len(form) >= 4
            and (word[len(form) :] in self.english or word[len(form) :] in self.extra)
            for form in _COMBINING_FORMS
        )

    def lost_apostrophe(self, word: str) -> bool:
        """An English word with its apostrophe lost: "dont", "youre", "bodys".
        A regular plural is not one: "calcifications" is a word, even though
        "calcification's" is too."""
        for i in range(1, len(word)):
            if f"{word[:i]}'{word[i:]}" not in self.english:
                continue
            if word[i:] == "s" and _regular_plural(word[:i]):
                continue
            return True
        return False

    def _inflected(self, word: str) -> bool:
        if word.endswith("ies") and word[:-3] + "y" in self.english:  # "opacities"
            return True
        for ending in _INFLECTIONS:
            base = word[: -len(ending)]
            if word.endswith(ending) and len(base) >= 3 and base in self.english:
                return True
        return False

    def _plural_of_extra(self, word: str) -> bool:
        """Plurals (and singulars) of the medical and project words
        ("angiosarcomas"). English
        plurals are in the dictionary already; guessing them would accept
        damage such as "bodys" (for "body's")."""
        if word + "s" in self.extra:  # the singular of a listed plural: "probiotic"
            return True
        if not word.endswith("s"):
            return False
        singulars = (word[:-1], word[:-2], word[:-3] + "y", word[:-2] + "is")
        return any(s in self.extra for s in singulars)

    def suggestions(self, word: str) -> list[str]:
        """Dictionary words one edit away, most frequent first. Never the
        distance-2 search: on long words it takes seconds."""
        found = self._suggested.get(word)
        if found is None:
            edits = edits1(word)
            candidates = self.english.among(edits) | (self.extra & edits)
            found = sorted(candidates, key=lambda c: (-self.english.get(c, 0), c))
            if len(self._suggested) < _FINE_MAX:
                self._suggested[word] = found
        return list(found)

    def run_together(self, word: str) -> str | None:
        if word in self._joined:
            return self._joined[word]
        joined = run_together(word, self.english)
        if len(self._joined) < _FINE_MAX:
            self._joined[word] = joined
        return joined
