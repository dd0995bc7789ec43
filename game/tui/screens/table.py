"""Provides the table: the main screen of a season — calendar, sheet, scores, the card, dice and the log."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer

from game.tui.widgets.calendar import CalendarBar
from game.tui.widgets.card import CardPanel, ChoiceButton
from game.tui.widgets.dice import DiceTray
from game.tui.widgets.goals import GoalsPanel
from game.tui.widgets.hint import Hint
from game.tui.widgets.log import NoticeLog
from game.tui.widgets.scores import ScorePanel
from game.tui.widgets.sheet import CharacterSheet

if TYPE_CHECKING:
    from game.tui.app import GoodStandingApp


class TableScreen(Screen[None]):
    """Where the season is played. Everything shown is read from the session on each refresh."""

    app: GoodStandingApp
    CSS_PATH = "table.tcss"
    AUTO_FOCUS = ""  # nothing has the focus on a new table: Enter answers only a choice the player picked
    BINDINGS = [
        *[Binding(str(n), f"choose({n - 1})", f"Choice {n}", show=False) for n in range(1, 10)],
        Binding("g", "gates", "Gates"),
        Binding("d", "dossier", "Dossier"),
        Binding("b", "rulebook", "Rulebook"),
        Binding("r", "rest", "Rest"),
        Binding("s", "save", "Save"),
        Binding("q", "leave", "Leave"),
        Binding("down", "move_choice(1)", "Next choice", show=False),
        Binding("up", "move_choice(-1)", "Previous choice", show=False),
        Binding("enter", "enter", "Answer", show=False),
        # The log is a few lines tall at 80×24: PageUp and PageDown read back and on, with no focus needed.
        Binding("pageup", "scroll_log(-1)", "Log back", show=False),
        Binding("pagedown", "scroll_log(1)", "Log on", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._shown = 0  # how many of the session's action logs the notice log has written
        self._card_key: tuple[int, str | None] | None = None  # the card on the table: (actions so far, card id)
        self._enter_told = 0.0  # when the player was last told that Enter alone answers nothing

    def compose(self) -> ComposeResult:
        yield CalendarBar(id="calendar")
        with Horizontal(id="board"):
            with VerticalScroll(id="side"):
                yield CharacterSheet(id="sheet")
                yield ScorePanel(id="scores")
                yield GoalsPanel(id="goals")
            with Vertical(id="main"):
                yield CardPanel(id="card")
                yield DiceTray(id="dice")
                yield NoticeLog(id="log")
        yield Hint(id="hint")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#log", NoticeLog).border_title = "What you are told"
        self.refresh_view()

    def on_screen_resume(self) -> None:
        # Back from a dialog: the key that closed it must not answer the card, so no choice keeps the focus.
        self._drop_choice_focus()
        self.refresh_view()

    def on_resize(self) -> None:
        self.refresh_view()  # the score panel keeps fewer rules in a short window

    def _drop_choice_focus(self) -> None:
        if isinstance(self.focused, ChoiceButton):
            self.set_focus(None)

    def refresh_view(self) -> None:
        """Redraw every panel from the session: the engine's state is the only truth."""
        from game.engine.events import DiceRolled
        from game.report.view import (
            calendar_view,
            card_view,
            goals_view,
            log_lines,
            next_step_hint,
            scores_view,
            stats_view,
        )

        session = self.app.session
        if session is None:
            return
        book, state, opacity = session.book, session.state, session.opacity
        persona = book.scenario.persona(state.persona)
        title = book.scenario.scenario.title
        if session.city.pack_title:  # played under a rule pack: said on every screen of the table
            title += f" · {session.city.pack_title}"
        self.query_one(CalendarBar).show(title, calendar_view(book, state))
        self.query_one(CharacterSheet).show(persona.name, stats_view(book, state))
        # A short window keeps one rule per score, the goals' short forms and no blank lines between the
        # panels, so the goals stay in sight at 80×24.
        short = self.app.size.height < 32
        self.query_one("#side").set_class(short, "short")
        self.query_one(GoalsPanel).show(goals_view(book, state), compact=short)
        last = session.log[-1] if session.log else []
        most = 1 if short else 3
        self.query_one(ScorePanel).show(scores_view(book, state, opacity, last), opacity.value, most)
        card_key = (state.actions, state.card)
        self.query_one(CardPanel).show(card_view(book, state, opacity), card_key, short)
        roll = next((e for e in reversed(last) if isinstance(e, DiceRolled)), None)
        self.query_one(DiceTray).show(roll if len(session.log) > 1 and not short else None)
        log = self.query_one(NoticeLog)
        log.set_class(short, "short")
        for events in session.log[self._shown:]:
            log.add(log_lines(book, events, opacity))
        self._shown = len(session.log)
        hint = self.query_one(Hint)
        problem = self.app.save_problem
        hint.set_class(problem is not None, "unsaved")
        if problem is not None:  # one line that stays until a save works, never a pile of toasts
            hint.update(Text(f"⚠ NOT SAVED — the last autosave failed ({problem}). Press s to try again."))
        else:
            hint.update(Text(next_step_hint(book, state)))
        # Enter answers only a choice the player moved the focus to (↓ ↑ or Tab) on this card; a new card
        # starts with none, so an Enter meant for a dialog or the last card never answers this one.
        if card_key != self._card_key:
            self._card_key = card_key
            self._drop_choice_focus()

    # ------------------------------------------------------------ actions

    def on_choice_button_picked(self, event: ChoiceButton.Picked) -> None:
        event.stop()
        if event.card == self._card_key and self.is_active:  # a press meant for an earlier card is dropped
            self.action_choose(event.choice.slot)

    def _open_choices(self) -> list[ChoiceButton]:
        return [b for b in self.query(ChoiceButton) if b.display and not b.disabled]

    def action_move_choice(self, step: int) -> None:
        """↓ and ↑: put the focus on the next or previous open choice (Enter then answers it)."""
        buttons = self._open_choices()
        if not buttons:
            return
        if isinstance(self.focused, ChoiceButton) and self.focused in buttons:
            at = (buttons.index(self.focused) + step) % len(buttons)
        else:
            at = 0 if step > 0 else len(buttons) - 1
        self.set_focus(buttons[at])  # at once: an Enter right behind the arrow answers the choice it moved to

    def action_enter(self) -> None:
        """Enter with no choice picked answers nothing; say once in a while how to answer."""
        import time

        if not self._open_choices() or time.monotonic() - self._enter_told < 5:
            return
        self._enter_told = time.monotonic()
        self.notify("Press a choice's number, or ↓ to pick one and Enter to take it.", title="Answer the card",
                    timeout=4)

    def action_choose(self, index: int) -> None:
        from game.engine.actions import Choose

        session = self.app.session
        if session is None or session.state.card is None:
            return
        choices = session.book.card_by_id[session.state.card].choices
        if index >= len(choices):
            self.app.refuse(f"This card has choices 1 to {len(choices)}.")
            return
        from game.report.view import card_view

        view = card_view(session.book, session.state, session.opacity)
        if view is not None and not view.choices[index].open:  # say why in the card's words, not the engine's
            self.app.refuse(f"Choice {index + 1} is closed: {view.choices[index].why_not}.")
            return
        self.app.act(Choose(index))

    def action_scroll_log(self, pages: int) -> None:
        log = self.query_one(NoticeLog)
        # A page is the lines in sight less one, so the last line read stays on the screen to read on from.
        log.scroll_relative(y=pages * max(1, log.scrollable_content_region.height - 1), animate=False)

    def action_gates(self) -> None:
        from game.engine.actions import TryGate
        from game.tui.screens.gates import GatesScreen

        def picked(gate: str | None) -> None:
            if gate is not None:
                self.app.act(TryGate(gate))

        self.app.push_screen(GatesScreen(), picked)

    def action_dossier(self) -> None:
        from game.tui.screens.dossier import DossierScreen

        self.app.push_screen(DossierScreen())

    def action_rulebook(self) -> None:
        from game.tui.screens.rulebook import RulebookScreen

        self.app.push_screen(RulebookScreen())

    def action_rest(self) -> None:
        from game.engine.actions import Rest
        from game.tui.screens.confirm import ConfirmScreen

        session = self.app.session
        assert session is not None
        left = len(session.state.hand)
        aside = f" The {left} card{'s' if left != 1 else ''} left today will be set aside." if left else ""
        from game.report.view import rest_words

        gives = rest_words(session.book, session.state)
        aside = (f" Resting gives {gives}." if gives else "") + aside

        def answer(yes: bool | None) -> None:
            if yes:
                self.app.act(Rest())

        self.app.push_screen(ConfirmScreen(f"Rest for the rest of the day?{aside}", yes="Rest", no="Keep playing"),
                             answer)

    def action_save(self) -> None:
        from game.tui.screens.save_as import SaveAsScreen

        def answer(name: str | None) -> None:
            if name is not None:
                self.app.save_now(name)

        self.app.push_screen(SaveAsScreen(), answer)

    def action_leave(self) -> None:
        from game.tui.screens.confirm import ConfirmScreen

        def answer(yes: bool | None) -> None:
            if yes:
                self.app.back_to_title()

        problem = self.app.save_problem
        if problem is None:
            self.app.push_screen(ConfirmScreen(
                "Leave this game for the title screen? It is saved after every move: choose Continue there "
                "to pick it up again.", yes="Leave", no="Stay"), answer)
            return

        def unsaved(choice: str | None) -> None:
            if choice == "retry":
                if self.app.retry_save():
                    self.app.notify("Saved. Leaving is safe now.", title="Saved")
                    self.action_leave()
                else:
                    self.action_leave()  # still not saved: ask again, with the new reason
            elif choice == "elsewhere":
                self.action_save()
            elif choice == "leave":
                self.app.back_to_title()

        from game.tui.screens.confirm import ChoiceScreen

        self.app.push_screen(ChoiceScreen(
            f"This game is NOT saved: the last autosave failed ({problem}). If you leave now, every move since "
            "the last good save is lost.",
            [("retry", "Try saving again"), ("elsewhere", "Save under a name"), ("stay", "Stay"),
             ("leave", "Leave without saving")]), unsaved)
