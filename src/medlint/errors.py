"""The one exception users see: a problem with their config or rule files."""

from __future__ import annotations


class ConfigError(Exception):
    """Bad config or rule pack: reported as one line naming the file and key, exit 2."""

    def __init__(
        self, path: object, message: str, line: int | None = None, column: int | None = None
    ) -> None:
        super().__init__(message)
        self.path = str(path)
        self.message = message
        self.line = line
        self.column = column

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.message}"


class BaselineError(Exception):
    """A baseline file that cannot be read or written: one line for the user."""


class ChangesError(Exception):
    """--changed-since: no repository, no git, or no such ref: one line for the user."""
