"""Provides the hint line: one sentence on what a first-time player can do next."""

from __future__ import annotations

from textual.widgets import Static


class Hint(Static):
    """A line above the footer."""
