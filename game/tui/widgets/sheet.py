"""Provides the character sheet: who you are, your stats as bars, and your goals."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import Static

if TYPE_CHECKING:
    from game.report.view import StatView

BAR = 10
GOAL_WIDTH = 26  # the side column's inside width at its fixed size


def bar(value: float, low: int, high: int) -> str:
    filled = round((value - low) / ((high - low) or 1) * BAR)
    filled = max(0, min(BAR, filled))
    return "█" * filled + "░" * (BAR - filled)


class CharacterSheet(Static):
    """The persona's stats (small ranges as bars, money as a number) and goals."""

    def show(self, name: str, stats: list[StatView], goals: list[str]) -> None:
        text = Text()
        text.append(name + "\n", style="bold")
        for s in stats:
            label = s.name[:10]
            if s.high - s.low <= 20:
                text.append(f"{label:<10} {bar(s.value, s.low, s.high)} {s.value:g}\n")
            else:
                unit = f" {s.unit}" if s.unit else ""
                text.append(f"{label:<10} {s.value:g}{unit}\n")
        if goals:
            text.append("Goals\n", style="bold")
            for g in goals:
                text.append("\n".join(textwrap.wrap(g, GOAL_WIDTH, initial_indent="• ", subsequent_indent="  ")))
                text.append("\n")
        text.rstrip()
        self.update(text)
