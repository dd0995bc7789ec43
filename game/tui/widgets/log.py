"""Provides the notice log: what the player is told, in the words the opacity allows."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import RichLog


class NoticeLog(RichLog):
    """Appends notice lines; a day's heading stands out."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(wrap=True, markup=False, highlight=False, min_width=20, **kwargs)  # type: ignore[arg-type]
        self.lines_written: list[str] = []  # the text shown, for tests and the screen reader in us all

    def add(self, lines: list[str]) -> None:
        for line in lines:
            self.lines_written.append(line)
            if line.startswith("—"):
                self.write(Text(line, style="bold"))
            elif line.startswith("▶"):
                self.write(Text(line, style="italic"))
            else:
                self.write(Text("  " + line))
