"""Provides the goals panel: what you hope for this season, so choices have something to weigh."""

from __future__ import annotations

import textwrap

from rich.text import Text
from textual.widgets import Static

WIDTH = 26  # the side column's inside width at its fixed size


class GoalsPanel(Static):
    """The persona's goals, wrapped with a hanging indent."""

    def show(self, goals: list[str]) -> None:
        text = Text()
        text.append("Goals\n", style="bold")
        for g in goals:
            text.append("\n".join(textwrap.wrap(g, WIDTH, initial_indent="• ", subsequent_indent="  ")) + "\n")
        text.rstrip()
        self.update(text)
