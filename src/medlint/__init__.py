"""medlint: a content-quality linter and publishing checker for health articles."""

__version__ = "0.2.0"
