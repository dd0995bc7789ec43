"""Provides the goals panel: the persona's goals, wrapped with a hanging indent to the width it has."""

from __future__ import annotations

import textwrap

from rich.text import Text
from textual import events
from textual.widgets import Static


class GoalsPanel(Static):
    """The persona's goals, wrapped with a hanging indent (again whenever the panel's width changes)."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.goals: list[str] = []

    def show(self, goals: list[str]) -> None:
        self.goals = goals
        self._draw()

    def _draw(self) -> None:
        width = max(12, self.content_region.width or self.size.width or 26)
        text = Text()
        text.append("Goals\n", style="bold")
        for g in self.goals:
            text.append("\n".join(textwrap.wrap(g, width, initial_indent="• ", subsequent_indent="  ")) + "\n")
        text.rstrip()
        self.update(text)

    def on_resize(self, event: events.Resize) -> None:
        self._draw()
