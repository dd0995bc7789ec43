"""Provides `python -m game` and the `good-standing` console script: one entry point."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from game.cli import run

    return run(sys.argv[1:] if argv is None else argv)


if __name__ == "__main__":
    sys.exit(main())
