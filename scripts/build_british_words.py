"""Build rules/data/british-words.txt, the spelling rule's British spellings (en-GB).

    apt-get install wbritish wamerican      # Debian / Ubuntu: SCOWL's word lists
    python scripts/build_british_words.py [--british FILE] [--american FILE]

The list holds the words of SCOWL's British English list
(/usr/share/dict/british-english) that are not in its American English list
(/usr/share/dict/american-english): "centre", "colour", "organise",
"oesophagus". Possessives ("centre's") are left out (the spelling rule reads
"centre's" as "centre"); the rest is lower-cased, one word per line, sorted.
The words both lists share are English words pyspellchecker's dictionary
mostly knows already.

The two files are read here, at build time, and never by medlint at run time.
SCOWL's copyright and permission notice (/usr/share/doc/wbritish/copyright)
must ship with the list: it is copied next to it as
rules/data/british-words.COPYRIGHT, and the README credits it.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "rules" / "data"
OUTPUT = DATA / "british-words.txt"
NOTICE = DATA / "british-words.COPYRIGHT"
BRITISH = Path("/usr/share/dict/british-english")
AMERICAN = Path("/usr/share/dict/american-english")
COPYRIGHT = Path("/usr/share/doc/wbritish/copyright")

HEADER = """\
# British spellings for medlint's spelling rule (language en-GB), built by
# scripts/build_british_words.py: the words of SCOWL's British English word
# list (Debian's wbritish{version}, /usr/share/dict/british-english) that are
# not in its American English list (wamerican), lower-cased, no possessives.
# This is a modified (reduced) version of the SCOWL word lists, Copyright
# 2000-2011 by Kevin Atkinson and the other authors named in
# british-words.COPYRIGHT, which holds their copyright and permission notices.
# One word per line.
"""


def read_words(path: Path) -> set[str]:
    return {
        word for line in path.read_text(encoding="utf-8").splitlines() if (word := line.strip())
    }


def british_only(british: set[str], american: set[str]) -> list[str]:
    """The British words, lower-cased, that American English does not spell so."""
    american_lower = {word.lower() for word in american}
    return sorted({word.lower() for word in british - american if "'" not in word} - american_lower)


def _package_version(package: str) -> str:
    """ " 2020.12.07-2": the installed Debian package's version, if dpkg knows it."""
    try:
        result = subprocess.run(
            ["dpkg-query", "-W", "-f=${Version}", package], capture_output=True, text=True
        )
    except OSError:
        return ""
    return f" {result.stdout.strip()}" if result.returncode == 0 and result.stdout else ""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--british", type=Path, default=BRITISH)
    parser.add_argument("--american", type=Path, default=AMERICAN)
    parser.add_argument("--copyright", type=Path, default=COPYRIGHT)
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    words = british_only(read_words(args.british), read_words(args.american))
    header = HEADER.format(version=_package_version("wbritish"))
    args.output.write_text(header + "\n".join(words) + "\n", encoding="utf-8")
    shutil.copyfile(args.copyright, args.output.with_suffix(".COPYRIGHT"))
    print(f"{len(words)} British spellings -> {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
