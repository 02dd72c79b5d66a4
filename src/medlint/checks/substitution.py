"""substitution: flag a term and suggest what to write instead (Vale's ``substitution``).

``swap`` maps each term (a phrase or regular expression) to its replacement:
jargon to plain words, a brand to a generic name, a house style's preferred
spelling. Terms match whole words and, by default, without regard to case;
the suggestion keeps a capital first letter when the match has one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from medlint.checks.base import Context, Option, Options, scope_option
from medlint.document import Block, Document
from medlint.findings import Edit, Fix, Hit
from medlint.patterns import finditer, user_pattern

NAME = "substitution"
OPTIONS = {
    "swap": Option("pattern-map", {}, "Term (phrase or regular expression) -> replacement."),
    "ignore-case": Option("boolean", True, "Match without regard to case."),
    "scope": scope_option("prose"),
    "once-per-article": Option(
        "boolean",
        False,
        "Report each term once, at its first use, with how often the article uses it "
        "({times} in the message: ' (used 3 times)'); the fix writes the replacement "
        "everywhere.",
    ),
    "skip-explained": Option(
        "boolean",
        False,
        "Leave a term alone where its sentence explains it: the replacement is in the "
        "same sentence ('difficulty swallowing (dysphagia)'), or brackets follow the "
        "term ('dysphagia (trouble swallowing)'). With once-per-article, a term explained "
        "at its first use is not reported at all.",
    ),
}
MESSAGE_ARGS = frozenset({"match", "replacement", "count", "times"})
FIX = "unsafe"


@dataclass
class _Use:
    block: Block
    match: Any
    replacement: str


def check(doc: Document, options: Options, context: Context) -> Iterator[Hit]:
    swap = options["swap"]
    if not swap:
        return
    replacements = list(swap.values())
    # One named group per term tells which term matched, in one pass per block.
    pattern = user_pattern(
        "|".join(f"(?P<t{i}>{term})" for i, term in enumerate(swap)),
        options["ignore-case"],
        whole_words=True,
    )
    uses: dict[str, list[_Use]] = {}  # by term, in document order
    for block in doc.blocks_in(options["scope"]):
        text = block.prose_text()
        for match in finditer(pattern, text):
            term = match.lastgroup
            replacement = replacements[int(term[1:])]
            if match.group()[:1].isupper():
                replacement = replacement[:1].upper() + replacement[1:]
            uses.setdefault(term, []).append(_Use(block, match, replacement))

    def explained(use: _Use) -> bool:  # asked only of the uses that may be reported
        return options["skip-explained"] and _explained(use.block, use.match, use.replacement)

    if options["once-per-article"]:
        reported = [(found[0], found) for found in uses.values() if not explained(found[0])]
    else:
        reported = [(use, [use]) for found in uses.values() for use in found if not explained(use)]
    for use, group in sorted(reported, key=lambda item: item[0].block.index):
        count = len(group)
        yield Hit(
            doc.span_of(use.block, use.match.start(), use.match.end()),
            {
                "match": use.match.group(),
                "replacement": use.replacement,
                "count": count,
                "times": f" (used {count} times)" if count > 1 else "",
            },
            _fix(doc, group),
        )


def _explained(block: Block, match: Any, replacement: str) -> bool:
    """Whether the sentence of a match explains the term: its replacement is
    in the sentence, brackets follow the term ("dysphagia (trouble
    swallowing)"), or the term stands in brackets after the words that explain
    it ("difficulty swallowing (dysphagia)")."""
    if _BRACKETS_AFTER.match(block.text, match.end()):
        return True
    if block.text[: match.start()].rstrip().endswith(("(", "[")) and match.start() > 1:
        return True
    sentence = next((s for s in block.sentences if s.start <= match.start() < s.end), None)
    text = sentence.text if sentence is not None else block.text
    return replacement.casefold() in text.casefold()


_BRACKETS_AFTER = re.compile(r"\s*[(\[]")


def _fix(doc: Document, uses: list[_Use]) -> Fix | None:
    """Swap the term in place (every use given): unsafe, since the words may
    not mean quite the same in each sentence. Only where the source holds the
    term as matched (no markup inside it)."""
    edits = []
    for use in uses:
        start = use.block.text_map.source_offset(use.match.start())
        end = start + len(use.match.group())
        if doc.source[start:end] == use.match.group():
            edits.append(Edit(start, end, use.replacement))
    if not edits:
        return None
    title = f'write "{uses[0].replacement}"' + (f" ({len(edits)} places)" if len(edits) > 1 else "")
    return Fix(tuple(edits), safe=False, title=title)
