"""Allow ``python -m medlint``."""

from medlint.cli import main

raise SystemExit(main())
