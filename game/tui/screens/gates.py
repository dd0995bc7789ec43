"""Provides the gate picker: the tickets, loans and places you can try for today."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group
from rich.padding import Padding
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from game.tui.screens.once import Once

if TYPE_CHECKING:
    from game.tui.app import GoodStandingApp


class GatesScreen(ModalScreen[str | None], Once):
    """Pick a gate to try; those that cannot be tried today say why. Returns the gate id."""

    app: GoodStandingApp
    BINDINGS = [Binding("escape", "dismiss(None)", "Back")]

    def compose(self) -> ComposeResult:
        from game.model.scenario import Opacity
        from game.report.view import gates_view

        session = self.app.session
        assert session is not None
        options = []
        transparent = session.opacity is Opacity.transparent
        for g in gates_view(session.book, session.state, session.opacity):
            head = Text()
            head.append(g.name, style="bold")
            if g.wanted:
                head.append("  ★ you hope to pass this")
            if g.passed:
                head.append("  ✓ passed")
            lines = []
            if g.description:
                lines.append(Text(g.description))
            if g.requires:
                lines.append(Text("It takes: " + "; ".join(g.requires) + "."))
            if g.cost:
                lines.append(Text(f"Trying costs {g.cost}."))
            if g.if_open:
                lines.append(Text(f"If it opens: {g.if_open}."))
            if g.if_refused:
                lines.append(Text(f"If you are refused: {g.if_refused}."))
            if g.blocker:
                lines.append(Text(f"Not today: {g.blocker}.", style="italic"))
            # Each line wraps under itself, indented, so a door's words never run back to the margin.
            text = Group(head, *(Padding(line, (0, 0, 0, 2)) for line in lines))
            options.append(Option(text, id=g.id, disabled=g.blocker is not None))
        with Vertical(classes="dialog wide", id="gates-box"):
            yield Static("Try a gate", classes="dialog-title")
            yield Static("Transparent play: what each gate takes is written on it." if transparent else
                         "The checks behind each door are not posted: try, and see what you are told.",
                         classes="dialog-sub")
            if options:
                yield OptionList(*options, id="gates")
            else:
                yield Static("No gate is open to you at the moment.")
            yield Static("↑↓ and Enter to try · Esc back", classes="hint")

    def on_mount(self) -> None:
        for menu in self.query("#gates").results(OptionList):
            menu.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)
