"""Provides the gate picker: the tickets, loans and places you can try for today."""

from __future__ import annotations

from typing import TYPE_CHECKING

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


class GatesScreen(Once, ModalScreen[str | None]):
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
            text = Text()
            text.append(g.name, style="bold")
            if g.wanted:
                text.append("  ★ you hope to pass this")
            if g.passed:
                text.append("  ✓ passed")
            if g.description:
                text.append("\n  " + g.description)
            if g.requires:
                text.append("\n  It takes: " + "; ".join(g.requires) + ".")
            if g.cost:
                text.append(f"\n  Trying costs {g.cost}.")
            if g.if_open:
                text.append(f"\n  If it opens: {g.if_open}.")
            if g.if_refused:
                text.append(f"\n  If you are refused: {g.if_refused}.")
            if g.blocker:
                text.append(f"\n  Not today: {g.blocker}.", style="italic")
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
