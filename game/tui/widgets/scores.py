"""Provides the score panel, shaped by opacity: a bare number, a tier and a kind of reason, or each rule."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import Static

if TYPE_CHECKING:
    from game.report.view import ScoreView


def arrow(moved: float) -> str:
    return " ▲" if moved > 0 else " ▼" if moved < 0 else ""


class ScorePanel(Static):
    """What the city's scores look like from where you stand."""

    _shown: tuple[list[ScoreView], str, int] | None = None

    def on_resize(self) -> None:
        if self._shown is not None:  # the width a short window's lines are cut to is known now
            self.show(*self._shown)

    def show(self, scores: list[ScoreView], opacity: str, most: int = 3) -> None:
        """Draw the scores; in transparent play at most `most` of each score's latest rules (the rulebook has all)."""
        self._shown = (scores, opacity, most)
        self.border_title = "Scores"
        self.border_subtitle = opacity  # below, so the title never has to be cut at 80 columns
        text = Text()
        if not scores:
            text.append("You are not shown any score.", style="italic")
        for s in scores:
            text.append(s.name + "\n", style="bold")
            parts = []
            if s.value is not None:
                parts.append(f"{s.value:,g}")
            if s.tier is not None:
                # A short window leaves the tier's name to the rulebook: the goals below need the lines.
                parts.append(f"tier {s.tier}" + (f" ({s.tier_name})" if s.tier_name and most > 1 else ""))
            text.append("  " + " · ".join(parts))
            text.append(arrow(s.moved) + "\n", style="bold")
            if opacity == "partial" and s.reasons:
                text.append("  " + ", ".join(s.reasons) + "\n", style="italic")
            elif opacity == "transparent":
                width = max(8, self.content_region.width - 2)
                for line in s.reasons[:most]:
                    words = Text(line, style="italic")
                    if most == 1:  # a short window: one line per rule, cut with an ellipsis
                        words.truncate(width, overflow="ellipsis")
                    text.append("  ")
                    text.append_text(words)
                    text.append("\n")
        text.rstrip()
        self.update(text)
