"""Provides the notice log: what the player is told, in the words the opacity allows."""

from __future__ import annotations

from rich.console import RenderableType
from rich.padding import Padding
from rich.text import Text
from textual import events
from textual.widgets import RichLog


class NoticeLog(RichLog):
    """Appends notice lines; a day's heading stands out.

    After each action the log shows that action's lines from their start — what you chose and
    what came of it — rather than the end, where the next day's lines would push the outcome out
    of a small window. Lines are wrapped again when the log's width changes.
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__(wrap=True, markup=False, highlight=False, min_width=20, auto_scroll=False,
                         **kwargs)  # type: ignore[arg-type]
        self.lines_written: list[str] = []  # the text shown, for tests and the screen reader in us all
        self._last = 0  # where the last action's lines start in `lines_written`
        self._width = 0

    @staticmethod
    def _styled(line: str) -> RenderableType:
        if line.startswith("—"):
            return Text(line, style="bold")
        if line.startswith("▶"):
            return Text(line, style="italic")
        return Padding(Text(line), (0, 0, 0, 2))  # an outcome wraps under itself, not back to the margin

    def add(self, lines: list[str]) -> None:
        if not lines:
            return
        self._last = len(self.lines_written)
        start = len(self.lines)
        for line in lines:
            self.lines_written.append(line)
            self.write(self._styled(line))
        self.call_after_refresh(self._show_from, start)

    def _show_from(self, y: int) -> None:
        self.scroll_to(y=y, animate=False)

    def on_resize(self, event: events.Resize) -> None:
        if event.size.width == self._width:
            return
        first = self._width == 0
        self._width = event.size.width
        if not self.lines_written:
            return
        if first:  # lines written before the log had a size wait to be drawn; place the view after that
            self.call_after_refresh(self._rewrap)
            return
        self._rewrap()

    def _rewrap(self) -> None:
        self.clear()
        for line in self.lines_written[: self._last]:
            self.write(self._styled(line))
        start = len(self.lines)
        for line in self.lines_written[self._last:]:
            self.write(self._styled(line))
        self.call_after_refresh(self._show_from, start)
