"""Provides the rulebook: the rules you have learned of; in transparent play, every rule."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from game.tui.screens.once import Once

if TYPE_CHECKING:
    from game.tui.app import GoodStandingApp


class RulebookScreen(Once, Screen[None]):
    """The city's rules as far as you know them."""

    app: GoodStandingApp
    CSS_PATH = "lists.tcss"
    BINDINGS = [Binding("escape,b,q", "back", "Back to the table")]

    def compose(self) -> ComposeResult:
        from game.model.scenario import Opacity
        from game.report.view import number, routines_view, rulebook_view, tiers_view, untold_words

        session = self.app.session
        assert session is not None
        rules = rulebook_view(session.book, session.state, session.opacity)
        if session.opacity is Opacity.transparent:
            sub = "Transparent play: the whole rulebook, and how often each rule has fired on you."
        else:
            sub = ("The rules you have learned of, because you were told of a change they made. "
                   "There may be others.")
        yield Static("The rulebook", classes="screen-title")
        yield Static(sub, classes="screen-sub")
        text = Text()
        for tv in tiers_view(session.book, session.opacity):
            text.append(f"{tv.score} tiers: ", style="bold")
            text.append(" · ".join(f"{tier} from {number(low)}" for tier, low in tv.tiers) + "\n")
        if text:
            text.append("\n")
        if not rules:
            text.append("You have not learned of any rule yet.", style="italic")
        for r in rules:
            text.append(r.name, style="bold")
            text.append(f"  ({r.source}; {r.category})\n", style="italic")
            text.append(f"  {r.reason}\n")
            when = (f"learned on day {r.learned}" if r.learned is not None
                    else "not fired yet" if not r.fired else untold_words(session.opacity))
            if session.opacity is Opacity.transparent:
                if r.changes:
                    text.append(f"  does: {r.changes}\n")
                text.append(f"  {r.visibility} rule · fired {r.fired}× · {when}\n", style="dim")
            else:
                text.append(f"  {when}\n", style="dim")
        routines = routines_view(session.book, session.log)
        if routines:
            text.append("\nWhat happens by itself\n", style="bold")
            text.append("Not the city's rules: what the start of a day has done to you so far this season.\n",
                        style="italic")
            for rt in routines:
                does = f" ({rt.changes})" if rt.changes else ""
                times = "once" if rt.days == 1 else f"on {rt.days} days"
                text.append(f"  {rt.text}{does} · {times}\n")
        with VerticalScroll(id="rules"):
            yield Static(text, id="rules-text")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#rules").focus()

    def action_back(self) -> None:
        self.dismiss(None)
