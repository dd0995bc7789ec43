"""Provides the new game's last screen: how much of the rulebook you will see, the season's length, the seed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Button, Footer, Input, OptionList, Select, Static
from textual.widgets.option_list import Option

from game.model.opacity import OPACITY_LEVELS
from game.tui.screens.once import Once

if TYPE_CHECKING:
    from game.engine.book import Book

LEVELS = OPACITY_LEVELS


class OpacityScreen(Once, Screen[tuple[str, int | None, int | None] | None]):
    """Pick opaque / partial / transparent (each explained in a line), the season's length if the city
    names several (with `ask_season`), and, if wanted, a seed. Returns (opacity, seed, days): days None
    is the city's own length."""

    BINDINGS = [Binding("escape", "back", "Back")]

    def __init__(self, book: Book, seed: int | None = None, ask_season: bool = True) -> None:
        super().__init__()
        self.book = book
        self.seed = seed
        self.ask_season = ask_season and len(book.seasons) > 1

    def compose(self) -> ComposeResult:
        from game.model.scenario import Opacity
        from game.report.view import OPACITY_WORDS

        default = self.book.scenario.scenario.default_opacity.value
        yield Static("How much of the city's rulebook will you see?", classes="screen-title")
        yield Static("Whatever you pick, the debrief at the end shows everything.", classes="screen-sub")
        options = []
        for level in LEVELS:
            mark = " (suggested)" if level == default else ""
            options.append(Option(f"{level.capitalize()}{mark}\n  {OPACITY_WORDS[Opacity(level)]}", id=level))
        yield OptionList(*options, id="opacities")
        if self.ask_season:
            own = next((name for name, n in self.book.seasons.items() if n == self.book.days), None)
            with Horizontal(id="season-row"):
                yield Static("Season:", id="season-label")
                yield Select([(f"{name}: {n} days", name) for name, n in self.book.seasons.items()],
                             value=own or next(iter(self.book.seasons)), allow_blank=False, id="season")
        with Horizontal(id="seed-row"):
            yield Static("Seed (optional):", id="seed-label")
            yield Input(value="" if self.seed is None else str(self.seed), placeholder="random",
                        restrict=r"[0-9]*", max_length=18, id="seed")
            yield Button("Start the season", variant="primary", id="start")
        yield Static("↑↓ pick · Enter start · Tab to the season and the seed: the same seed and choices give "
                     "the same game (for comparing in a group)", classes="hint")
        yield Footer()

    def on_mount(self) -> None:
        menu = self.query_one("#opacities", OptionList)
        default = self.book.scenario.scenario.default_opacity.value
        menu.highlighted = LEVELS.index(default)
        menu.focus()

    def _start(self, level: str | None = None) -> None:
        menu = self.query_one("#opacities", OptionList)
        if level is None:
            level = LEVELS[menu.highlighted or 0]
        raw = self.query_one("#seed", Input).value.strip()
        days = None
        if self.ask_season:
            name = self.query_one("#season", Select).value
            if isinstance(name, str) and self.book.seasons[name] != self.book.days:
                days = self.book.seasons[name]
        self.dismiss((level, int(raw) if raw else None, days))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self._start(event.option.id)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self._start()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self._start()

    def action_back(self) -> None:
        self.dismiss(None)
