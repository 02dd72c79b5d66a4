"""substitution: flag a term and suggest what to write instead (Vale's ``substitution``).

``swap`` maps each term (a phrase or regular expression) to its replacement:
jargon to plain words, a brand to a generic name, a house style's preferred
spelling. Terms match whole words and, by default, without regard to case;
the suggestion keeps a capital first letter when the match has one.
"""

from __future__ import annotations

from collections.abc import Iterator

from medlint.checks.base import Context, Option, Options, scope_option
from medlint.document import Document
from medlint.findings import Edit, Fix, Hit
from medlint.patterns import compile_pattern, finditer

NAME = "substitution"
OPTIONS = {
    "swap": Option("pattern-map", {}, "Term (phrase or regular expression) -> replacement."),
    "ignore-case": Option("boolean", True, "Match without regard to case."),
    "scope": scope_option("prose"),
}
MESSAGE_ARGS = frozenset({"match", "replacement"})
FIX = "unsafe"


def check(doc: Document, options: Options, context: Context) -> Iterator[Hit]:
    swap = options["swap"]
    if not swap:
        return
    replacements = list(swap.values())
    # One named group per term tells which term matched, in one pass per block.
    pattern = compile_pattern(
        "|".join(f"(?P<t{i}>{term})" for i, term in enumerate(swap)),
        options["ignore-case"],
        whole_words=True,
    )
    for block in doc.blocks_in(options["scope"]):
        for match in finditer(pattern, block.prose_text()):
            replacement = replacements[int(match.lastgroup[1:])]
            if match.group()[:1].isupper():
                replacement = replacement[:1].upper() + replacement[1:]
            yield Hit(
                doc.span_of(block, match.start(), match.end()),
                {"match": match.group(), "replacement": replacement},
                _fix(doc, block, match, replacement),
            )


def _fix(doc: Document, block, match, replacement: str) -> Fix | None:
    """Swap the term in place: unsafe, since the words may not mean quite the
    same in this sentence. Only where the source holds the term as matched
    (no markup inside it)."""
    start = block.text_map.source_offset(match.start())
    end = start + len(match.group())
    if doc.source[start:end] != match.group():
        return None
    return Fix((Edit(start, end, replacement),), safe=False, title=f'write "{replacement}"')
