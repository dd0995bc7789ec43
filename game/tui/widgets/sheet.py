"""Provides the character sheet: who you are and your stats as bars."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import Static

if TYPE_CHECKING:
    from game.report.view import StatView

BAR = 10


def bar(value: float, low: int, high: int) -> str:
    filled = round((value - low) / ((high - low) or 1) * BAR)
    filled = max(0, min(BAR, filled))
    return "█" * filled + "░" * (BAR - filled)


class CharacterSheet(Static):
    """The persona's stats: small ranges as bars, money as a number."""

    def show(self, name: str, stats: list[StatView]) -> None:
        text = Text()
        text.append(name + "\n", style="bold")
        for s in stats:
            label = s.name[:10]
            if s.high - s.low <= 20:
                text.append(f"{label:<10} {bar(s.value, s.low, s.high)} {s.value:g}\n")
            else:
                unit = f" {s.unit}" if s.unit else ""
                text.append(f"{label:<10} {s.value:,g}{unit}\n")
        text.rstrip()
        self.update(text)
