"""Provides the rule pack screen: the season just played, again under another rulebook, side by side.

Offered by the debrief. The packs are the city's (`scenarios/_packs/`); the season is played again
from its seed with the same choices by `game.engine.whatif`, worked out in a thread (a pack is
compiled first), and put in words by `game.report.whatif`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from game.tui.screens.once import Once

if TYPE_CHECKING:
    from game.tui.app import GoodStandingApp


class PacksScreen(Once, Screen[None]):
    """Pick a rule pack; see the same seed and choices under it beside the season as played."""

    app: GoodStandingApp
    CSS_PATH = "lists.tcss"
    BINDINGS = [Binding("escape", "back", "Back")]

    def __init__(self) -> None:
        super().__init__()
        self.level = "packs"
        self.working = False
        self.shown = ""  # the comparison's text now on the screen

    def compose(self) -> ComposeResult:
        from game.content.packs import available_packs, read_pack

        session = self.app.session
        assert session is not None
        self.packs = []
        for pack_id, folder in available_packs().items():
            laid, problems = read_pack(folder)
            if laid.meta is not None and not problems and laid.meta.scenario == session.book.scenario.scenario.id:
                self.packs.append((pack_id, folder, laid.meta.title, laid.meta.about))
        yield Static("Under another rulebook", classes="screen-title")
        yield Static("", id="packs-sub", classes="screen-sub")
        menu = OptionList(id="whatif-list")
        for pack_id, _folder, title, about in self.packs:
            line = Text()
            line.append(title, style="bold")
            line.append(f"\n{about}")
            menu.add_option(Option(line, id=pack_id))
        yield menu
        with VerticalScroll(id="whatif-result"):
            yield Static(id="packs-text")
        yield Footer()

    def on_mount(self) -> None:
        sub = self.query_one("#packs-sub", Static)
        result = self.query_one("#whatif-result", VerticalScroll)
        result.display = False
        if not self.packs:
            sub.update("This city has no rule packs (they live in scenarios/_packs/). Esc back.")
            return
        sub.update("The same seed and the same choices, another rulebook. Enter plays it · Esc back.")
        menu = self.query_one("#whatif-list", OptionList)
        menu.highlighted = 0
        menu.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if self.level != "packs" or self.working:  # a second Enter of a burst
            return
        pack = next(p for p in self.packs if p[0] == event.option.id)
        self.working = True
        self.query_one("#packs-sub", Static).update(Text(f"Playing your season again under {pack[2]}…"))
        self._play_under(str(pack[1]), pack[2])

    @work(thread=True, exit_on_error=False)
    def _play_under(self, folder: str, title: str) -> None:
        from game.content.city import city_problem, open_city
        from game.content.problems import ScenarioError, UnusableInput
        from game.engine.turn import new_game
        from game.engine.whatif import under_other
        from game.report.whatif import compare, comparison_text

        session = self.app.session
        assert session is not None
        try:
            other = open_city(session.city.folder, folder)
        except (UnusableInput, ScenarioError) as exc:
            self.app.call_from_thread(self._shown, title, f"This pack cannot be laid over the city: {city_problem(exc)}")
            return
        book = session.book
        start2, _ = new_game(other.book, session.persona, session.seed, session.days)
        mine, theirs = under_other(book, session.beginning()[0], session.actions, other.book, start2)
        result = compare(book, mine, theirs, "Your season", f"Under “{title}”", other.book)
        self.app.call_from_thread(self._shown, title, comparison_text(other.book, result))

    def _shown(self, title: str, text: str) -> None:
        if not self.is_attached:
            return
        self.working = False
        self.level = "result"
        self.query_one("#packs-sub", Static).update(Text(
            f"Your season, and the same seed and choices under {title}. ↑↓ PgUp PgDn to read · Esc back."))
        from game.tui.screens.whatif import indented

        self.shown = text
        self.query_one("#packs-text", Static).update(indented(text))
        self.query_one("#whatif-list", OptionList).display = False
        result = self.query_one("#whatif-result", VerticalScroll)
        result.display = True
        result.scroll_home(animate=False)
        result.focus()

    def action_back(self) -> None:
        if self.level == "result":
            self.level = "packs"
            self.query_one("#whatif-result", VerticalScroll).display = False
            menu = self.query_one("#whatif-list", OptionList)
            menu.display = True
            menu.focus()
            self.query_one("#packs-sub", Static).update(
                "The same seed and the same choices, another rulebook. Enter plays it · Esc back.")
            return
        self.dismiss(None)
