"""Provides the "window too small" notice: below 80×24 the game says so instead of drawing a broken table."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import Static

MIN_WIDTH, MIN_HEIGHT = 80, 24


class TooSmallScreen(ModalScreen[None]):
    """Covers everything until the window is large enough again; the app removes it then."""

    BINDINGS = [Binding("ctrl+q", "app.quit", "Quit", show=False)]
    DEFAULT_CSS = """
    TooSmallScreen { align: center middle; background: $background; }
    TooSmallScreen > Static { width: 1fr; height: auto; content-align: center middle; text-align: center; }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="too-small-text")

    def show(self, width: int, height: int) -> None:
        self.query_one("#too-small-text", Static).update(Text(
            f"This window is {width}×{height}.\nGood Standing needs at least {MIN_WIDTH}×{MIN_HEIGHT}:\n"
            "make the window larger (or the font smaller). The game waits where it was."))

    def on_mount(self) -> None:
        self.show(self.app.size.width, self.app.size.height)

    def on_key(self, event: object) -> None:  # every key waits with the game
        stop = getattr(event, "stop", None)
        if callable(stop):
            stop()
