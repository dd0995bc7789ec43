"""Provides a message dialog: a problem or a piece of news, dismissed with Enter or Escape."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from game.tui.screens.once import Once


class MessageScreen(ModalScreen[None], Once):
    """A title, some words and an OK button."""

    BINDINGS = [Binding("escape", "dismiss", "Close")]

    def __init__(self, title: str, text: str) -> None:
        super().__init__()
        self.title_text = title
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.title_text, classes="dialog-title", markup=False)
            yield Static(self.text, classes="dialog-text", markup=False)
            yield Button("OK", variant="primary", id="ok")

    def on_mount(self) -> None:
        for ok in self.query("#ok").results(Button):
            ok.focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(None)
