"""Provides the debrief screen: the season revealed — ending, charts, the ledger, bent choices, prompts."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Markdown, Static

if TYPE_CHECKING:
    from game.report.whatif import TurnWords
    from game.tui.app import GoodStandingApp


class DebriefScreen(Screen[None]):
    """Always fully transparent, whatever the opacity of play."""

    app: GoodStandingApp
    CSS_PATH = "debrief.tcss"
    BINDINGS = [
        Binding("w", "whatif", "What if"),
        Binding("r", "rules", "Rulebooks"),
        Binding("e", "export", "Export"),
        Binding("n", "new", "New game"),
        Binding("q", "quit_game", "Quit"),
        Binding("escape", "title", "Title"),
    ]

    def compose(self) -> ComposeResult:
        from game.report.debrief import build_debrief, to_markdown

        session = self.app.session
        assert session is not None
        self.debrief = build_debrief(session.book, session.state, session.opacity, session.log,
                                     pack=session.city.pack_title)
        # The turning points take a moment (each decision played out again): worked out in a thread, then shown.
        self.turns_pending = session.start is None and bool(session.actions)
        self.markdown = to_markdown(self.debrief, session.book)
        body = to_markdown(self.debrief, session.book, self.turns_pending).split("\n", 2)[2]  # the title says it
        yield Static(Text(f"Debrief — everything the city knew, revealed · {self.debrief.persona}"),
                     classes="screen-title")
        yield Static("↑↓ PgUp PgDn to read · w what if… · r another rulebook · e save as Markdown · n new game "
                     "· q quit", classes="screen-sub")
        with VerticalScroll(id="debrief"):
            last = self._last_move()
            if last:  # the season's last outcome, which the table had no time to show
                yield Static(last, id="debrief-last")
            yield Markdown(body, id="debrief-text")
        yield Footer()

    def _last_move(self) -> Text | None:
        from game.report.view import log_lines

        session = self.app.session
        assert session is not None
        if len(session.log) < 2:  # nothing was played here: only the season's opening
            return None
        lines = log_lines(session.book, session.log[-1], session.opacity)
        if not lines:
            return None
        text = Text("How your season ended\n", style="bold")
        for line in lines:
            text.append(("" if line.startswith(("▶", "—")) else "  ") + line + "\n",
                        style="italic" if line.startswith("▶") else "")
        return text

    def on_mount(self) -> None:
        self.query_one("#debrief").focus()
        if self.turns_pending:
            self.run_worker(self._work_out_turns, thread=True, exclusive=True, group="turns")

    def _work_out_turns(self) -> None:
        from game.report.debrief import season_turns

        session = self.app.session
        assert session is not None
        turns = season_turns(session.book, session.beginning()[0], list(session.actions))
        self.app.call_from_thread(self._turns_ready, turns)

    def _turns_ready(self, turns: tuple[TurnWords, ...]) -> None:
        from dataclasses import replace

        from game.report.debrief import to_markdown

        session = self.app.session
        if session is None or not self.is_attached:
            return
        self.debrief = replace(self.debrief, turns=turns)
        self.turns_pending = False
        self.markdown = to_markdown(self.debrief, session.book)
        self.query_one("#debrief-text", Markdown).update(self.markdown.split("\n", 2)[2])

    def _replayable(self) -> bool:
        """Whether the season can be played again from its seed (not a game continued from a saved state)."""
        session = self.app.session
        if session is None or session.start is not None:
            self.notify("This game was continued from a saved state, not its seed: it cannot be played again.",
                        severity="warning", markup=False)
            return False
        return True

    def action_whatif(self) -> None:
        from game.tui.screens.whatif import WhatIfScreen

        if self._replayable():
            self.app.push_screen(WhatIfScreen(frozenset(t.number for t in self.debrief.turns)))

    def action_rules(self) -> None:
        from game.tui.screens.packs import PacksScreen

        if self._replayable():
            self.app.push_screen(PacksScreen())

    def export(self) -> Path:
        from game.saves import export_debrief

        session = self.app.session
        assert session is not None
        return export_debrief(session, self.app.saves_folder, self.markdown)

    def action_export(self) -> None:
        from game.saves import SaveError

        try:
            path = self.export()
        except SaveError as exc:
            self.notify(f"Could not write the debrief: {exc}", severity="error", markup=False)
            return
        if self.app.is_web:  # in a browser tab the file is on the server: the browser downloads it
            import io

            self.app.deliver_text(io.StringIO(self.markdown), save_filename=path.name, open_method="download",
                                  mime_type="text/markdown", encoding="utf-8")
            self.notify(f"Your browser downloads it as {path.name} (a copy stays with the room's saves)",
                        title="Debrief saved", markup=False)
            return
        self.notify(f"Written to {path}", title="Debrief saved", markup=False)

    def action_new(self) -> None:
        """A new game: who and how are asked again (the title screen stays underneath)."""

        def new() -> None:
            self.app.back_to_title()
            self.app.start_new_game(fresh=True)

        self.app.after_debrief(new)

    def action_title(self) -> None:
        self.app.after_debrief(self.app.back_to_title)

    def action_quit_game(self) -> None:
        self.app.after_debrief(lambda: self.app.exit(0))
