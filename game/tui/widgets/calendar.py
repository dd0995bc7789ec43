"""Provides the calendar bar: the city, day N of M with its weekday, and the season as a strip of days."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import Static

if TYPE_CHECKING:
    from game.report.view import CalendarView


class CalendarBar(Static):
    """One line: where and when you are in the season."""

    def show(self, city: str, cal: CalendarView) -> None:
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(f" {city} ", style="bold")
        weekday = f" · {cal.weekday}" if cal.weekday else ""
        text.append(f" Day {cal.day} of {cal.days}{weekday}  ", style="bold reverse")
        text.append("  ")
        for d in range(1, cal.days + 1):
            if d < cal.day:
                text.append("■", style="dim")
            elif d == cal.day:
                text.append("◆", style="bold")
            else:
                text.append("·", style="dim")
        self.update(text)
