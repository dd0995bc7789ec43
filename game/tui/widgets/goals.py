"""Provides the goals panel: the persona's goals (and where the player stands, when the city says),
wrapped with a hanging indent to the width it has."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

from rich.text import Text
from textual import events
from textual.widgets import Static

if TYPE_CHECKING:
    from game.report.view import GoalView


class GoalsPanel(Static):
    """The persona's goals, wrapped with a hanging indent (again whenever the panel's width changes)."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.goals: list[GoalView] = []
        self.compact = False

    def show(self, goals: list[GoalView], compact: bool = False) -> None:
        """Draw the goals; `compact` (a short window) takes each goal's short form, so three fit at 80×24."""
        self.goals, self.compact = goals, compact
        self._draw()

    def _draw(self) -> None:
        width = max(12, self.content_region.width or self.size.width or 26)
        text = Text()
        text.append("Goals\n", style="bold")
        for g in self.goals:
            # Where the player stands follows the goal's words, in italics, wrapped with them.
            own_words = g.short if self.compact else g.text
            words = own_words + (f" {g.progress}" if g.progress else "")
            # ✓ for a goal that holds now: it counts at the season's end, so it can still be lost
            block = "\n".join(textwrap.wrap(words, width, initial_indent="✓ " if g.met else "• ",
                                             subsequent_indent="  "))
            start = len(text)
            text.append(block + "\n")
            if g.progress:  # it starts after the goal's own letters (wrapping drops and adds only spaces)
                own = sum(not ch.isspace() for ch in "• " + own_words)  # ✓ and • are one letter each
                seen = [i for i, ch in enumerate(block) if not ch.isspace()]
                text.stylize("italic", start + seen[own], start + len(block))
        text.rstrip()
        self.update(text)

    def on_resize(self, event: events.Resize) -> None:
        self._draw()
