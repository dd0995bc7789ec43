"""Provides the dossier: what the system holds on you, true or not, and the appeal of a record."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from game.tui.screens.once import Once

if TYPE_CHECKING:
    from game.report.view import RecordView
    from game.tui.app import GoodStandingApp

STATUS = {"active": "on file", "overturned": "struck out on appeal", "upheld": "appeal turned down",
          "expired": "expired: off your file"}


class DossierScreen(Once, Screen[None]):
    """Your records; select one and press a to appeal it."""

    app: GoodStandingApp
    CSS_PATH = "lists.tcss"
    BINDINGS = [
        Binding("a", "appeal", "Appeal"),
        Binding("escape,d,q", "back", "Back to the table"),
    ]

    def compose(self) -> ComposeResult:
        yield Static("Your dossier — what the system holds on you", classes="screen-title")
        yield Static(id="dossier-sub", classes="screen-sub")
        yield OptionList(id="records")
        with VerticalScroll(id="record-detail"):
            yield Static(id="record-text")
        yield Footer()

    def on_mount(self) -> None:
        self._fill()

    def _records(self) -> list[RecordView]:
        from game.report.view import dossier_view

        session = self.app.session
        assert session is not None
        return dossier_view(session.book, session.state, session.opacity)

    def _fill(self) -> None:
        from game.report.view import untold_words

        session = self.app.session
        assert session is not None
        records = self._records()
        menu = self.query_one("#records", OptionList)
        keep = menu.highlighted
        menu.clear_options()
        for r in records:
            line = Text()
            line.append(f"#{r.no} ", style="bold")
            line.append(f"day {r.day}  ")
            line.append(r.text)
            tags = [STATUS.get(r.status, r.status)]
            if r.wrong_known:
                tags.insert(0, "WRONG — you know it is false")
            if not r.told:
                tags.append(untold_words(session.opacity))
            line.append(f"  [{'; '.join(tags)}]", style="italic")
            menu.add_option(Option(line, id=str(r.no)))
        sub = self.query_one("#dossier-sub", Static)
        if records:
            sub.update("Records you know of. A wrong record can be appealed: select it and press a.")
            menu.highlighted = min(keep or 0, len(records) - 1)
            menu.focus()
        else:
            sub.update("Nothing you know of — yet. Records appear here when you are told of them.")
        self._detail()

    def _detail(self) -> None:
        records = {str(r.no): r for r in self._records()}
        menu = self.query_one("#records", OptionList)
        text = Text()
        if menu.highlighted is not None and menu.option_count:
            r = records[menu.get_option_at_index(menu.highlighted).id or ""]
            text.append(f"Record #{r.no}: ", style="bold")
            text.append(r.text + "\n")
            when = f"Filed on day {r.filed}" + (f" about day {r.day}" if r.day != r.filed else "")
            who = f" by {r.source} ({r.category})" if r.source else ""
            text.append(f"{when}{who}. Status: {STATUS.get(r.status, r.status)}.\n")
            if r.evidence:
                text.append(f"Your evidence: {r.evidence}.\n")
            if r.appeal_blocker:
                text.append(f"No appeal: {r.appeal_blocker}.", style="italic")
            else:
                text.append(f"Press a to appeal it ({self._appeal_cost()}).", style="italic")
        self.query_one("#record-text", Static).update(text)

    def _appeal_cost(self) -> str:
        from game.report.view import appeal_cost

        session = self.app.session
        assert session is not None
        return appeal_cost(session.book, session.state)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._detail()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.action_appeal()

    def action_appeal(self) -> None:
        from game.engine.actions import Appeal
        from game.engine.events import AppealDecided
        from game.report.notices import notice
        from game.tui.screens.confirm import ConfirmScreen

        menu = self.query_one("#records", OptionList)
        if menu.highlighted is None or not menu.option_count:
            self.notify("There is no record to appeal.", severity="warning")
            return
        no = int(menu.get_option_at_index(menu.highlighted).id or 0)
        r = next(r for r in self._records() if r.no == no)
        if r.appeal_blocker:
            self.notify(r.appeal_blocker, title="No appeal", severity="warning", markup=False)
            return

        def answer(yes: bool | None) -> None:
            if not yes:
                return
            events = self.app.act(Appeal(no))
            session = self.app.session
            if events is None or session is None:
                return
            for e in events:
                if isinstance(e, AppealDecided):
                    self.notify(notice(session.book, e, session.opacity) or "", title="Appeal", markup=False)
            if not session.state.over:
                self._fill()

        from game.report.view import appeal_terms

        session = self.app.session
        assert session is not None
        terms = appeal_terms(session.book, session.state, no, session.opacity)
        self.app.push_screen(ConfirmScreen(f"Appeal record #{no}: “{r.text}”? {terms}", yes="Appeal", no="Cancel", safe=True),
                             answer)

    def action_back(self) -> None:
        self.dismiss(None)
