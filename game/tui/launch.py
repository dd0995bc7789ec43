"""Provides the launch of the Textual game from the command line (being built)."""

from __future__ import annotations

import argparse

from game.cli import UsageError


def launch(args: argparse.Namespace) -> int:
    raise UsageError("the Textual game is not built yet; use --headless")
