"""Write what is generated from the rules' definitions: the README's table of
rule options and medlint.schema.json (the JSON Schema of medlint.yaml).

    python scripts/generate_docs.py           # rewrite them
    python scripts/generate_docs.py --check   # exit 1 if either is out of date

tests/test_schema.py runs the check.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from medlint.report.rule_docs import TABLE_END, TABLE_START, options_table
from medlint.report.schema import config_schema
from medlint.rules import builtin_rules_dir, load_pack

ROOT = Path(__file__).resolve().parents[1]


def generated() -> dict[Path, str]:
    rules = load_pack(builtin_rules_dir())
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    before, rest = readme.split(TABLE_START, 1)
    _, after = rest.split(TABLE_END, 1)
    table = f"{TABLE_START}\n\n{options_table(rules)}\n{TABLE_END}"
    return {
        ROOT / "README.md": before + table + after,
        ROOT / "medlint.schema.json": json.dumps(config_schema(rules), indent=2) + "\n",
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if stale")
    args = parser.parse_args()
    stale = []
    for path, text in generated().items():
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current != text:
            stale.append(path.name)
            if not args.check:
                path.write_text(text, encoding="utf-8")
    if args.check and stale:
        print(f"out of date: {', '.join(stale)} (run python scripts/generate_docs.py)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
