"""Provides the what-if screen: pick any decision of the season and another choice, and see both seasons.

Three steps, Esc going back one: the season's decisions (turning points marked ★), the choices that
were open at the one picked, then the two seasons side by side. The seasons are played by
`game.engine.whatif` and put in words by `game.report.whatif`; this screen only shows them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group
from rich.padding import Padding
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from game.tui.screens.once import Once

if TYPE_CHECKING:
    from game.engine.state import State
    from game.engine.whatif import Decision
    from game.tui.app import GoodStandingApp


def indented(text: str) -> Group:
    """Lines of a comparison, each wrapping under its own start rather than back to the margin."""
    return Group(*(Padding(Text(line.lstrip()), (0, 0, 0, len(line) - len(line.lstrip()))) for line in text.splitlines()))


class WhatIfScreen(Once, Screen[None]):
    """One choice flipped: the season as it was against the season it would have been."""

    app: GoodStandingApp
    CSS_PATH = "lists.tcss"
    BINDINGS = [Binding("escape", "back", "Back")]

    def __init__(self, turning: frozenset[int] = frozenset()) -> None:
        super().__init__()
        self.turning = turning  # the numbers of the decisions the debrief named as turning points
        self.level = "decisions"
        self.decision: Decision | None = None
        self.shown = ""  # the comparison's text now on the screen

    def compose(self) -> ComposeResult:
        from game.engine.season import replay
        from game.engine.whatif import decisions_of, meanings_of

        session = self.app.session
        assert session is not None
        self.start = session.beginning()[0]
        self.actions = list(session.actions)
        self.steps = list(replay(session.book, self.start, self.actions))  # the season once, for every step below
        self.decisions = decisions_of(session.book, self.steps)
        self.plan = meanings_of(session.book, self.steps)
        yield Static("What if: one choice flipped", classes="screen-title")
        yield Static("", id="whatif-sub", classes="screen-sub")
        yield OptionList(id="whatif-list")
        with VerticalScroll(id="whatif-result"):
            yield Static(id="whatif-text")
        yield Footer()

    def on_mount(self) -> None:
        self._show_decisions()

    # ------------------------------------------------------------ the three steps

    def _show_decisions(self, keep: int | None = None) -> None:
        from game.report.notices import day_label
        from game.report.whatif import choice_words

        session = self.app.session
        assert session is not None
        book = session.book
        self.level, self.decision = "decisions", None
        self.query_one("#whatif-sub", Static).update(
            "Pick a decision to play again with another choice (★ the turning points). Enter picks · Esc back.")
        menu = self.query_one("#whatif-list", OptionList)
        menu.clear_options()
        for d in self.decisions:
            line = Text()
            line.append("★ " if d.number in self.turning else "  ", style="bold")
            line.append(f"{d.number}. {day_label(book, d.day)} · {book.card_info[d.card].title}", style="bold")
            before = self._before(d)
            card = book.card_by_id[d.card]
            chosen = next(i for i, c in enumerate(card.choices) if c.id == d.choice)
            line.append(f"\n     you chose: {choice_words(book, before, d.card, chosen)}")
            menu.add_option(Option(line, id=f"d{d.number}", disabled=len(d.options) < 2))
        self._list_mode(True)
        if self.decisions:
            first = next((i for i, d in enumerate(self.decisions) if len(d.options) > 1), 0)
            menu.highlighted = keep if keep is not None else first
        else:
            self.query_one("#whatif-sub", Static).update("No card was answered this season. Esc back.")

    def _before(self, d: Decision) -> State:
        return self.steps[d.at].before

    def _show_choices(self, d: Decision) -> None:
        from game.report.whatif import choice_words

        session = self.app.session
        assert session is not None
        book = session.book
        self.level, self.decision = "choices", d
        before = self._before(d)
        card = book.card_by_id[d.card]
        self.query_one("#whatif-sub", Static).update(Text(
            f"Decision {d.number}, “{book.card_info[d.card].title}”: which other choice? Enter plays it · Esc back."))
        menu = self.query_one("#whatif-list", OptionList)
        menu.clear_options()
        for i in d.options:
            if card.choices[i].id == d.choice:
                continue
            menu.add_option(Option(Text(f"{i + 1}. {choice_words(book, before, d.card, i)}"), id=f"c{i}"))
        menu.highlighted = 0
        self._list_mode(True)

    def _show_result(self, d: Decision, choice: int) -> None:
        from game.engine.whatif import flipped
        from game.report.notices import day_label
        from game.report.whatif import compare, comparison_text

        session = self.app.session
        assert session is not None
        book = session.book
        self.level = "result"
        card = book.card_by_id[d.card]
        mine = flipped(book, self.start, self.actions, d.at,
                       next(i for i, c in enumerate(card.choices) if c.id == d.choice), self.plan, self.steps)
        other = flipped(book, self.start, self.actions, d.at, choice, self.plan, self.steps)
        result = compare(book, mine, other, "Your season", f"With choice {choice + 1}")
        self.shown = comparison_text(book, result)
        self.query_one("#whatif-sub", Static).update(Text(
            f"Decision {d.number}, {day_label(book, d.day)}, “{book.card_info[d.card].title}”: choice {choice + 1} "
            "instead. ↑↓ PgUp PgDn to read · Esc back."))
        self.query_one("#whatif-text", Static).update(indented(self.shown))
        self._list_mode(False)

    def _list_mode(self, listing: bool) -> None:
        menu = self.query_one("#whatif-list", OptionList)
        result = self.query_one("#whatif-result", VerticalScroll)
        menu.display = listing
        result.display = not listing
        (menu if listing else result).focus()
        if not listing:
            result.scroll_home(animate=False)

    # ------------------------------------------------------------ keys

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        option = event.option.id or ""
        # A second Enter of a burst may arrive after the list was refilled: it counts only for this step's list.
        if self.level == "decisions" and option.startswith("d"):
            number = int(option[1:])
            self._show_choices(self.decisions[number - 1])
        elif self.level == "choices" and option.startswith("c") and self.decision is not None:
            self._show_result(self.decision, int(option[1:]))

    def action_back(self) -> None:
        if self.level == "result" and self.decision is not None:
            self._show_choices(self.decision)
        elif self.level == "choices" and self.decision is not None:
            self._show_decisions(keep=self.decision.number - 1)
        else:
            self.dismiss(None)
