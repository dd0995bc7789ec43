"""Provides the load screen: the saved games in the saves folder, newest first."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, LoadingIndicator, OptionList, Static
from textual.widgets.option_list import Option

from game.tui.screens.once import Once

if TYPE_CHECKING:
    from game.saves import SaveInfo
    from game.tui.app import GoodStandingApp


class SavesScreen(Once, Screen[None]):
    """Pick a save to continue."""

    app: GoodStandingApp
    CSS_PATH = "lists.tcss"
    BINDINGS = [Binding("escape,q", "back", "Back")]

    def compose(self) -> ComposeResult:
        yield Static("Load a saved game", classes="screen-title")
        yield Static(Text(f"From {self.app.saves_folder}"), classes="screen-sub")
        yield LoadingIndicator(id="saves-loading")
        yield OptionList(id="saves")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#saves", OptionList).display = False
        self._list()

    @work(thread=True, exit_on_error=False)
    def _list(self) -> None:
        from game.model.text import shown
        from game.saves import scan_saves

        broken: list[str] = []
        try:
            found = scan_saves(self.app.saves_folder)
            saves: list[SaveInfo] = found.saves
            # A file that cannot be opened is named, not hidden: in a shared folder it is somebody's game.
            # The folder is on the line above, so the row names the file and says why.
            broken = [f"⚠ {shown(exc.path.name)} cannot be opened: {shown(exc.reason)}" for exc in found.broken]
            error = None
        except Exception as exc:  # shown, not raised: the player can still go back
            saves, error = [], str(exc)
        self.app.call_from_thread(self._show, saves, error, broken)

    def _show(self, saves: list[SaveInfo], error: str | None, broken: list[str] | None = None) -> None:
        self.query_one("#saves-loading").display = False
        menu = self.query_one("#saves", OptionList)
        menu.display = True
        if error:
            menu.add_option(Option(Text(error), disabled=True))
        elif not saves and not broken:
            menu.add_option(Option("No saved games here yet.", disabled=True))
        for info in saves:
            # Text, never markup: a name in a shared folder is somebody else's words.
            menu.add_option(Option(Text(info.label()), id=str(info.path)))
        for line in broken or ():
            menu.add_option(Option(Text(line, style="italic"), disabled=True))
        if saves:
            menu.highlighted = 0
        menu.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.app.load_game(Path(event.option.id))

    def action_back(self) -> None:
        self.dismiss(None)
