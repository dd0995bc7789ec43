"""Provides `python -m game` and the `good-standing` console script: one entry point."""

from __future__ import annotations

import sys

#: Third-party packages the game needs, by import name → what `pip` calls them.
_NEEDED = {"ruamel": "ruamel.yaml", "pydantic": "pydantic", "textual": "textual", "rich": "rich",
           "platformdirs": "platformdirs"}


def main(argv: list[str] | None = None) -> int:
    try:
        from game.cli import run

        return run(sys.argv[1:] if argv is None else argv)
    except ModuleNotFoundError as exc:
        top = (exc.name or "").split(".")[0]
        if top not in _NEEDED:
            raise
        # Run with a Python that lacks the game's packages (e.g. outside its virtual environment).
        print(f"good-standing: the package {_NEEDED[top]} is not installed for {sys.executable}; "
              f"activate the game's virtual environment (. .venv/bin/activate) or run `pip install -e .`",
              file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
