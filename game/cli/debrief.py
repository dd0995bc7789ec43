"""Provides `debrief`: the end-of-season debrief of a save, printed or written as Markdown."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.cli import UsageError
from game.model.text import shown, terminal_safe


def add_parser(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("save", metavar="SAVE", help="a save file (see `play --saves`)")
    parser.add_argument("--markdown", action="store_true",
                        help="print the Markdown itself (the default when the output is not a terminal)")
    parser.add_argument("--out", metavar="FILE", help="write the Markdown to FILE instead of printing it")
    parser.add_argument("--scenario", metavar="S", help="the scenario folder, if it is not where the save says")
    parser.add_argument("--from-snapshot", action="store_true",
                        help="if the scenario changed since the save, debrief the state saved in the file")


def run(args: argparse.Namespace) -> int:
    from game.report.debrief import build_debrief, to_markdown
    from game.saves import SaveError, ScenarioChanged, load_session, write_export

    try:
        session = load_session(args.save, args.scenario, from_snapshot=args.from_snapshot)
    except ScenarioChanged as exc:
        raise UsageError(f"{exc}; add --from-snapshot to debrief the state saved in the file") from None
    except SaveError as exc:
        raise UsageError(str(exc)) from None
    # A save may come from anywhere: what it holds is written out as letters, in the file as on the screen.
    start = session.beginning()[0] if session.start is None else None  # a snapshot has no seed to play again
    debrief = build_debrief(session.book, session.state, session.opacity, session.log, start, session.actions,
                            session.city.pack_title)
    text = terminal_safe(to_markdown(debrief, session.book))
    if args.out:
        out = Path(args.out)
        try:
            write_export(out, text)
        except SaveError as exc:
            raise UsageError(str(exc)) from None
        print(f"debrief written to {shown(out)}")
        return 0
    if args.markdown or not sys.stdout.isatty():
        sys.stdout.write(text)
        return 0
    from rich.console import Console
    from rich.markdown import Markdown

    Console().print(Markdown(text))
    return 0
