"""Provides the opacity levels: how much of the rulebook a player sees while playing (no heavy imports)."""

from __future__ import annotations

from enum import Enum


class Opacity(str, Enum):
    """How much of the rulebook the player sees while playing."""

    opaque = "opaque"
    partial = "partial"
    transparent = "transparent"


#: The levels as the command line and the save format write them, least seen first.
OPACITY_LEVELS: tuple[str, ...] = tuple(o.value for o in Opacity)

__all__ = ["OPACITY_LEVELS", "Opacity"]
