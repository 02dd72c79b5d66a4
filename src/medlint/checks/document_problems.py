"""Problems with the file itself, found while it was read and parsed.

A file that is not UTF-8 (``unreadable-file``) or whose front matter is not
valid YAML (``invalid-front-matter``) is reported like any other finding, so
that it can be selected, silenced and counted; the run goes on with the other
files. The parsers record these problems on the Document; these check kinds
only report them.
"""

from __future__ import annotations

from collections.abc import Iterator
from types import SimpleNamespace

from medlint.checks.base import Context, Options
from medlint.document import Document
from medlint.findings import Hit


def _reporter(kind: str):
    def check(doc: Document, options: Options, context: Context) -> Iterator[Hit]:
        for problem in doc.problems:
            if problem.kind == kind:
                yield Hit(problem.span, {"problem": problem.message})

    return check


ENCODING = SimpleNamespace(
    NAME="unreadable-file",
    OPTIONS={},
    MESSAGE_ARGS=frozenset({"problem"}),
    check=_reporter("encoding"),
)
FRONT_MATTER = SimpleNamespace(
    NAME="invalid-front-matter",
    OPTIONS={},
    MESSAGE_ARGS=frozenset({"problem"}),
    check=_reporter("front-matter"),
)
