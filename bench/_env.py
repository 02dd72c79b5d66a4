"""The environment the benchmarks run their commands in.

An installed wheel has its ``.pyc`` files (pip compiles them at install time),
so a user's ``medlint check`` never recompiles medlint's source. A shell that
sets ``PYTHONDONTWRITEBYTECODE`` (some containers and CI images do) would make
every timed run recompile every module instead, which measures the compiler,
not medlint; the benchmarks therefore run their commands without it, for
medlint and for the baseline alike.
"""

from __future__ import annotations

import os


def environment() -> dict[str, str]:
    """This process's environment, minus the variable that forbids .pyc files."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env
