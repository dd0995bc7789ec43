"""Provides the help screen: how to play and every key, opened with ? anywhere."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from game.tui.screens.once import Once

HELP = """\
[b]What this is[/b]
You live one season in a city that keeps a score on its residents.
Each day brings event cards; you choose. Rules you may never see
change your scores, file records in your dossier, and open or close
gates: a loan, a ticket, a school place, a job, a lease. At the end,
the debrief shows it all.

[b]On the table[/b]
  1–9   answer the card (or click a choice)
  g     try a gate; a refusal says why, as far as the city tells
  d     your dossier: what the system holds on you; appeal there
  b     the rulebook: the rules you have learned of so far
  r     rest: end the day early (its other cards are set aside)
  s     save now (the game also saves itself after every move)
  q     leave to the title screen

[b]Anywhere[/b]
  ?       this help           Esc     back / close
  Ctrl+T  light/dark theme    Ctrl+Q  quit at once
  Tab     move between buttons; the mouse works too

[b]How much you see[/b]
  Opaque       a number moves, rarely why
  Partial      your tier and the kind of reason, not the rule
  Transparent  every rule, its source and each change
The debrief at the end is always fully transparent."""


class HelpScreen(Once, ModalScreen[None]):
    """How to play, and the keys."""

    BINDINGS = [Binding("escape,question_mark,q", "dismiss", "Close")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide", id="help-box"):
            yield Static("How to play", classes="dialog-title")
            with VerticalScroll(id="help-scroll"):
                yield Static(HELP, id="help-text")
            yield Button("Close (Esc)", id="close")

    def on_mount(self) -> None:
        self.query_one("#help-scroll").focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(None)
