"""Provides the title screen: new game, continue, load a save, join a room, how to play, quit."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

if TYPE_CHECKING:
    from game.saves import SaveInfo
    from game.tui.app import GoodStandingApp

BANNER = """\
╔═╗╔═╗╔═╗╔╦╗   ╔═╗╔╦╗╔═╗╔╗╔╔╦╗╦╔╗╔╔═╗
║ ╦║ ║║ ║ ║║   ╚═╗ ║ ╠═╣║║║ ║║║║║║║ ╦
╚═╝╚═╝╚═╝═╩╝   ╚═╝ ╩ ╩ ╩╝╚╝═╩╝╩╝╚╝╚═╝"""

TAGLINE = "Live a season in a city that scores its residents."


class TitleScreen(Screen[None]):
    """The first screen: what to do now."""

    back_from_game = False
    app: GoodStandingApp

    BINDINGS = [
        Binding("n", "new", "New game"),
        Binding("c", "continue", "Continue"),
        Binding("l", "load", "Load"),
        Binding("j", "join", "Join a room"),
        Binding("q", "quit_game", "Quit"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="title-box"):
            yield Static(BANNER, id="banner")
            yield Static(TAGLINE, id="tagline")
            with Center():
                yield OptionList(
                    Option("New game — choose who you are", id="new"),
                    Option("Continue your last game", id="continue", disabled=True),
                    Option("Load a saved game…", id="load"),
                    Option("Join a room — a workshop's code", id="join"),
                    Option("How to play", id="help"),
                    Option("Quit", id="quit"),
                    id="menu",
                )
            yield Static("↑↓ and Enter, or click · ? help anywhere", id="title-hint")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#menu", OptionList).focus()

    def on_screen_resume(self) -> None:
        # Back from a game, the latest save may be a new one. (At start, the app asks once ready.)
        if self.app.ready:
            self.back_from_game = True  # Enter should go on with the game just left, not start another
            self.find_latest()

    @work(thread=True, exit_on_error=False)
    def find_latest(self) -> None:
        from game.saves import latest_save

        try:
            latest = latest_save(self.app.saves_folder, group=self.app.options.group)
        except Exception:  # a broken saves folder must not stop the title screen
            return
        if latest is not None:
            self.app.call_from_thread(self._show_latest, latest)

    def _show_latest(self, latest: SaveInfo) -> None:
        menu = self.query_one("#menu", OptionList)
        words = f"Continue: {latest.persona_name}, day {latest.day}"
        if latest.over:
            words = f"Continue: {latest.persona_name}'s debrief"
        menu.replace_option_prompt("continue", Text(words))  # a name from a save is text, never markup
        menu.enable_option("continue")
        if self.back_from_game:
            menu.highlighted = menu.get_option_index("continue")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if not self.is_active:  # a second Enter of a burst, queued before the first opened a screen
            return
        action = {"new": self.action_new, "continue": self.action_continue, "load": self.action_load,
                  "join": self.action_join, "help": self.app.action_help,
                  "quit": self.action_quit_game}[event.option.id or "new"]
        action()

    def action_new(self) -> None:
        self.app.start_new_game()

    def action_continue(self) -> None:
        self.app.continue_latest()

    def action_load(self) -> None:
        from game.tui.screens.saves import SavesScreen

        self.app.push_screen(SavesScreen())

    def action_join(self) -> None:
        from game.tui.screens.join import JoinScreen

        def joined(answer: tuple[str, str] | None) -> None:
            if answer is not None:
                self.app.join_room(*answer)

        self.app.push_screen(JoinScreen(self.app.options.room), joined)

    def action_quit_game(self) -> None:
        self.app.exit(0)
