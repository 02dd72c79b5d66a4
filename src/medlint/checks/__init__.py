"""The registry of check kinds: the name a rule's ``check:`` key uses -> the kind.

To add a check kind, write a module here (see ``base.py`` for what it must
provide) and list it below.
"""

from __future__ import annotations

from medlint.checks import (
    acronyms,
    article_facts,
    conditional,
    copied_paragraph,
    document_problems,
    duplicate_paragraph,
    duplicate_sentence,
    empty_list_intro,
    existence,
    readability,
    required_text,
    review_date,
    sentence_length,
    spelling,
    substitution,
    unused_suppression,
)
from medlint.checks.base import CheckKind

CHECK_KINDS: dict[str, CheckKind] = {
    kind.NAME: kind
    for kind in (
        document_problems.ENCODING,
        document_problems.FRONT_MATTER,
        duplicate_paragraph,
        duplicate_sentence,
        copied_paragraph,
        empty_list_intro,
        readability,
        required_text,
        existence,
        substitution,
        conditional,
        acronyms,
        spelling,
        sentence_length,
        unused_suppression,
        review_date.STALE,
        review_date.MISSING,
        review_date.INVALID,
    )
}
#: Kinds that no rule pack names: the engine's commands add their rules
#: (``medlint report`` adds article-facts).
INTERNAL_KINDS: dict[str, CheckKind] = {article_facts.NAME: article_facts}
