"""Provides the command line: one parser, one module per command, one-line errors with exit 2.

Each command module has `add_parser(subparsers)` and `run(args) -> int`; imports
are lazy so `python -m game validate` never loads Textual.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from typing import NoReturn

COMMANDS = {
    "play": "play the game (default: the Textual game; --headless for a transcript)",
    "validate": "check scenarios and list every problem with file:line:col",
    "simulate": "many headless playthroughs with bot policies",
    "replay": "re-run a save from its seed and actions",
    "debrief": "print or export the end-of-game debrief of a save",
    "whatif": "a save's turning points, or its season with one decision flipped",
    "room": "set up a workshop room, or report on a whole room's season",
    "serve": "the game in browser tabs: one computer serves a workshop room",
    "schema": "print the JSON Schema of the scenario format",
}

EXIT_OK, EXIT_FOUND, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """Bad usage or unusable input: printed as one line, exit 2."""


class Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line a person can act on, and exit 2."""

    def error(self, message: str) -> NoReturn:
        from game.model.text import shown

        print(f"{shown(self.prog)}: {shown(message)} (see {shown(self.prog)} --help)", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def build_parser() -> Parser:
    parser = Parser(
        prog="good-standing",
        description="Good Standing: live a season in a city that scores its residents.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for name, help_text in COMMANDS.items():
        module = importlib.import_module(f"game.cli.{name}")
        module.add_parser(sub.add_parser(name, help=help_text, description=help_text))
    return parser


def run(argv: list[str]) -> int:
    parser = build_parser()
    # `python -m game --seed 3` means `play --seed 3`: options before any command belong to play.
    if not argv or (argv[0].startswith("-") and argv[0] not in ("-h", "--help")):
        argv = ["play", *argv]
    args = parser.parse_args(argv)
    module = importlib.import_module(f"game.cli.{args.command}")
    from game.engine.turn import CascadeLimit
    from game.model.text import shown

    try:
        return int(module.run(args))
    except UsageError as exc:
        # Values in a message may come from a file or the command line: shown as letters, on one line.
        print(f"good-standing {args.command}: {shown(exc)}", file=sys.stderr)
        return EXIT_USAGE
    except CascadeLimit as exc:
        print(f"good-standing {args.command}: the scenario's rules stopped the game: {shown(exc)}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader (e.g. `| head`) stopped listening; that is not an error of ours.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
