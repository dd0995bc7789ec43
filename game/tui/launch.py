"""Provides the launch of the Textual game from the command line: options become answered questions."""

from __future__ import annotations

import argparse

from game.tui.app import GoodStandingApp, Options


def make_app(args: argparse.Namespace) -> GoodStandingApp:
    """The app for these command-line options; whatever they answer is not asked again."""
    return GoodStandingApp(Options(
        scenario=getattr(args, "scenario", None),
        persona=getattr(args, "persona", None),
        seed=getattr(args, "seed", None),
        opacity=getattr(args, "opacity", None),
        days=getattr(args, "days", None),
        load=getattr(args, "load", None),
        saves=getattr(args, "saves", None),
        group=getattr(args, "group", None),
        seat=getattr(args, "seat", None),
        rules=getattr(args, "rules", None),
    ))


def launch(args: argparse.Namespace) -> int:
    app = make_app(args)
    result = app.run()
    if app.return_code not in (None, 0):  # a crash: the shell must see it
        return app.return_code or 1
    return int(result or 0)
