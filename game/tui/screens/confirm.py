"""Provides a yes/no dialog for actions a player should not take by accident (rest, quit, appeal)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from game.tui.screens.once import Once


class ConfirmScreen(ModalScreen[bool], Once):
    """Returns True for yes (y / Enter on the first button), False for no (n / Escape)."""

    BINDINGS = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ]

    def __init__(self, text: str, yes: str = "Yes", no: str = "No", safe: bool = False) -> None:
        super().__init__()
        self.text = text
        self.yes = yes
        self.no = no
        self.safe = safe  # Enter takes the harmless answer: for a step that costs (an appeal), only y takes it

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.text, classes="dialog-text", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(Text(f"{self.yes} (y)"), variant="primary", id="yes")
                yield Button(Text(f"{self.no} (n)"), id="no")

    def on_mount(self) -> None:
        self.query_one("#no" if self.safe else "#yes", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class ChoiceScreen(ModalScreen[str], Once):
    """A question with several answers, one button each (Escape: the answer whose id is `stay`, if any)."""

    BINDINGS = [Binding("escape", "cancel", "Back")]

    def __init__(self, text: str, answers: list[tuple[str, str]]) -> None:
        super().__init__()
        self.text = text
        self.answers = answers

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.text, classes="dialog-text", markup=False)
            # More than two answers do not fit one row of a dialog at 80 columns: two per row then.
            with Horizontal(classes="dialog-buttons" + (" dialog-buttons-grid" if len(self.answers) > 2 else "")):
                for n, (key, words) in enumerate(self.answers):
                    yield Button(Text(words), variant="primary" if n == 0 else "default", id=f"answer-{key}")

    def on_mount(self) -> None:
        self.query_one(Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id:  # a second press in a burst of keys is not a second answer (see Once)
            self.dismiss(event.button.id.removeprefix("answer-"))

    def action_cancel(self) -> None:
        self.dismiss("stay")
