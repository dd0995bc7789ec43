"""Provides the intro: the city, who you are, your goals and how a day works, before the first card."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Markdown, Static

from game.tui.screens.once import Once

if TYPE_CHECKING:
    from game.tui.app import GoodStandingApp


class IntroScreen(ModalScreen[None], Once):
    """Read once at the start of a season: the usual keys scroll it from the start; Enter always begins.

    Esc goes back, to the title, as it does everywhere else: the game is kept as it stands (saved
    before its first card), and Continue begins it.
    """

    app: GoodStandingApp
    BINDINGS = [
        Binding("enter", "dismiss", "Begin", priority=True),
        Binding("escape", "leave", "Back to the title"),
    ]

    def compose(self) -> ComposeResult:
        from game.report.debrief import md_text
        from game.report.view import OPACITY_WORDS

        session = self.app.session
        assert session is not None
        book = session.book
        meta = book.scenario.scenario
        p = book.scenario.persona(session.persona)
        lines = []
        if meta.intro:
            lines += [md_text(book.words("intro", meta.intro, session.state.vals)), ""]
        lines += [f"**You are {md_text(p.name)}.** {md_text(p.situation)}", "", "**Your goals this season:**", ""]
        lines += [f"- {md_text(g.text)}" for g in p.goals]
        lines += ["", "**How a day works**", "",
                  f"- The season lasts {session.state.days} days. Each day brings event cards.",
                  "- Answer a card with its number key (1, 2, 3…) or by clicking a choice; or ↓ ↑ to pick one, "
                  "then Enter.",
                  "- Between cards: **g** tries a gate (a ticket, a loan…), **d** opens your dossier, "
                  "**b** the rules you know of, **r** rests for the rest of the day.",
                  f"- The city keeps score. {OPACITY_WORDS[session.opacity]}",
                  "- **?** shows the help at any time."]
        with Vertical(classes="dialog wide", id="intro-box"):
            yield Static(Text(meta.title), classes="dialog-title")
            with VerticalScroll(id="intro-scroll"):
                yield Markdown("\n".join(lines), id="intro-text")
            yield Static("↑↓ PgUp PgDn to read · Esc back to the title", classes="hint", id="intro-hint")
            yield Button("Begin the season (Enter)", variant="primary", id="begin")

    def on_mount(self) -> None:
        # The text has the focus, so PageDown and the arrows scroll it at once; Enter begins wherever the focus is.
        self.query_one("#intro-scroll", VerticalScroll).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(None)

    def action_leave(self) -> None:
        if self.decided:
            return
        self._decided = True  # the title replaces the whole stack, this screen with it; later keys do nothing
        self.app.back_to_title()
        self.app.notify("Your game is kept as it stands, before its first card: Continue begins it.",
                        title="Back to the title", markup=False)
