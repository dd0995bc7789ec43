"""Provides `debrief` (being built)."""

from __future__ import annotations

import argparse

from game.cli import UsageError


def add_parser(parser: argparse.ArgumentParser) -> None:
    pass


def run(args: argparse.Namespace) -> int:
    raise UsageError("not built yet")
