"""Provides the persona screen: who you are this season, with your situation and your goals."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from game.tui.screens.once import Once

if TYPE_CHECKING:
    from game.engine.book import Book


class PersonaScreen(Once, Screen[str | None]):
    """Pick a persona; the highlighted one's situation and goals are shown beside the list."""

    BINDINGS = [Binding("escape", "back", "Back")]

    def __init__(self, book: Book, highlight: str | None = None) -> None:
        super().__init__()
        self.book = book
        self.highlight = highlight  # the persona to show first (back from the next step), else the default

    def compose(self) -> ComposeResult:
        meta = self.book.scenario.scenario
        yield Static(Text(f"{meta.title} — who are you this season?"), classes="screen-title")
        if meta.summary:
            yield Static(Text(meta.summary), classes="screen-sub")
        with Horizontal(id="persona-row"):
            yield OptionList(*[Option(Text(p.name), id=p.id) for p in self.book.scenario.personas], id="personas")
            with VerticalScroll(id="persona-detail"):
                yield Static(id="persona-text")
        yield Static("↑↓ to look at each person · Enter to be them · Esc back", classes="hint")
        yield Footer()

    def on_mount(self) -> None:
        menu = self.query_one("#personas", OptionList)
        default = self.highlight or self.book.scenario.scenario.default_persona
        ids = [p.id for p in self.book.scenario.personas]
        menu.highlighted = ids.index(default) if default in ids else 0
        menu.focus()
        self._show(ids[menu.highlighted or 0])

    def _show(self, persona_id: str) -> None:
        p = self.book.scenario.persona(persona_id)
        text = Text()
        text.append(p.name + "\n", style="bold")
        text.append(p.situation + "\n\n")
        text.append("Your goals this season:\n", style="bold")
        for g in p.goals:
            text.append(f"  • {g.text}\n")
        if p.cares:
            cares = [self.book.stat_names.get(k, k).lower() for k, w in sorted(p.cares.items(), key=lambda kv: -abs(kv[1]))]
            text.append("\nWhat matters to you: " + ", ".join(cares) + ".")
        self.query_one("#persona-text", Static).update(text)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id:
            self._show(event.option.id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_back(self) -> None:
        self.dismiss(None)
