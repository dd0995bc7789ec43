"""Provides "Join a room": the room's code from the board and the group's name, checked as they are typed in."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from game.tui.screens.once import Once


def check(code: str, group: str) -> tuple[str, str] | str:
    """The code in its written form and the group's name, or what is wrong, in a line."""
    from game.room.plan import BadCode, decode, group_number
    from game.session import clean_group

    try:
        plan = decode(code)
    except BadCode as exc:
        return f"Room code: {exc}"
    label = clean_group(group)
    if label is None:
        return f"Group: write your group's number from the board (1 to {plan.groups}), then a name if you like"
    try:
        group_number(label, plan)
    except ValueError as exc:
        return f"Group: {exc}"
    return plan.code, label


class JoinScreen(ModalScreen[tuple[str, str] | None], Once):
    """Returns (room code, group name), both checked; None if cancelled.

    With `code` (a server started for one room: `serve --room CODE`), the room is given and only the
    group is asked, and the screen cannot be left without joining: every game there is the room's.
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel")]
    problem = ""  # what is wrong with what was typed, as shown under the fields

    def __init__(self, code: str | None = None) -> None:
        super().__init__()
        self.code = code

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="join-box"):
            if self.code is None:
                yield Static("Join a room", classes="dialog-title")
                yield Static("Room code, from the board (e.g. KQ7-M2XA)", classes="dialog-sub")
                yield Input(placeholder="code", id="join-code", max_length=12)
            else:
                yield Static(Text(f"Good Standing · room {self.code}"), classes="dialog-title")
                yield Static("Every group plays its own season here; the room sees them all at the end.",
                             classes="dialog-sub")
                yield Input(self.code, id="join-code", max_length=12, classes="-hidden")
            yield Static("Your group: its number, then a name if you like (3 Kestrels)", classes="dialog-sub")
            yield Input(placeholder="group", id="join-group", max_length=40)
            yield Static("", id="join-problem", classes="dialog-text")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Join (Enter)", variant="primary", id="join")
                if self.code is None:
                    yield Button("Cancel (Esc)", id="cancel")

    def on_mount(self) -> None:
        if self.code is not None:
            self.query_one("#join-code", Input).display = False
            self.query_one("#join-group", Input).focus()
        else:
            self.query_one("#join-code", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "join-code" and not self.query_one("#join-group", Input).value.strip():
            self.query_one("#join-group", Input).focus()
            return
        self.try_join()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "join":
            self.try_join()
        else:
            self.dismiss(None)

    def try_join(self) -> None:
        answer = check(self.query_one("#join-code", Input).value, self.query_one("#join-group", Input).value)
        if isinstance(answer, str):
            self.problem = answer
            self.query_one("#join-problem", Static).update(Text(answer, style="bold red"))
            field = "#join-code" if answer.startswith("Room code") else "#join-group"
            self.query_one(field, Input).focus()
            return
        self.dismiss(answer)

    def action_cancel(self) -> None:
        if self.code is None:
            self.dismiss(None)
