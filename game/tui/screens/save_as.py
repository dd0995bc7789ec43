"""Provides the save dialog: a name for a save a group wants to come back to, or none for a quick save."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from game.tui.screens.once import Once


class SaveAsScreen(ModalScreen[str | None], Once):
    """Returns the name typed ("" for a quick save to the game's own file), or None if cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("Save the game", classes="dialog-title")
            yield Static("Give this save a name to find it again (e.g. “group 3 before the appeal”), "
                         "or leave it empty to save the game where it autosaves.", classes="dialog-text")
            yield Input(placeholder="a name, or empty", id="save-name", max_length=60)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save (Enter)", variant="primary", id="save")
                yield Button("Cancel (Esc)", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#save-name", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip())

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.dismiss(self.query_one("#save-name", Input).value.strip())
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)
