"""medlint: a content-quality linter and publishing checker for health articles."""

__version__ = "0.1.0"
