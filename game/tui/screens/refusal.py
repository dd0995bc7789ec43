"""Provides the "why can't I?" dialog shown when a gate refuses, at the words the opacity allows."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from game.tui.screens.once import Once

if TYPE_CHECKING:
    from game.engine.events import GateResult
    from game.tui.app import GoodStandingApp

AFTERWORD = {
    "opaque": "That is all you are told. The debrief at the end will say why.",
    "partial": "You are told what kind of thing stands in the way, not the rule.",
    "transparent": "These are the conditions that failed.",
}


class RefusalScreen(ModalScreen[None], Once):
    """A refused gate, and why — as far as the city lets you know."""

    app: GoodStandingApp
    BINDINGS = [Binding("escape", "dismiss", "Close")]

    def __init__(self, result: GateResult) -> None:
        super().__init__()
        self.result = result

    def compose(self) -> ComposeResult:
        from game.report.notices import refusal_lines

        session = self.app.session
        assert session is not None
        book = session.book
        lines = refusal_lines(book, self.result, session.opacity)
        text = Text()
        text.append(lines[0] + "\n", style="bold")
        for line in lines[1:]:
            text.append(f"  • {line}\n")
        text.append("\n" + AFTERWORD[session.opacity.value], style="italic")
        with Vertical(classes="dialog", id="refusal-box"):
            yield Static(Text(f"{book.gate_info[self.result.gate].name}: refused"), classes="dialog-title")
            yield Static(text, id="refusal-text")
            yield Button("OK", variant="primary", id="ok")

    def on_mount(self) -> None:
        for ok in self.query("#ok").results(Button):
            ok.focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(None)
