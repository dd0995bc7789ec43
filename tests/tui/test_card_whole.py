"""Every card of the default city, at 80×24: each choice's whole words, cost, dice and why it is closed are on screen,
and the log below keeps at least four lines in sight.

The choice buttons are reused from card to card; a button that kept the height of an earlier
card cut its words or left blank rows. This test deals every card to every persona who can
get it, in two states (as the season starts, and with every stat at its floor, so that the
closed choices say why), and reads what is drawn.
"""

from __future__ import annotations

import pytest
from tui_helpers import wait_for

from game.engine.state import State
from game.model.scenario import Opacity
from game.report.view import card_view
from game.tui.app import GoodStandingApp, Options
from game.tui.screens.intro import IntroScreen
from game.tui.screens.table import TableScreen
from game.tui.widgets.card import CardPanel, ChoiceButton, choice_label
from game.tui.widgets.log import NoticeLog

#: Under the longest card at 80×24, every stat at its floor so closed choices say why, the log still shows this
#: many lines (six under most cards), so what the last card did stays in sight.
LOG_LINES = 4


def card_region_text(screen: TableScreen) -> list[str]:
    """The lines drawn inside the card panel (what the player sees of it, clipped as the screen clips it)."""
    panel = screen.query_one(CardPanel)
    region = panel.content_region
    strips = screen._compositor.render_strips()
    return [strips[y].crop(region.x, region.right).text.rstrip() for y in range(region.y, region.bottom)
            if 0 <= y < len(strips)]


def _flat(text: str) -> str:
    return " ".join(text.split())


def check_card_whole(screen: TableScreen, state: State, opacity: Opacity) -> list[str]:
    """Problems with the card now on the table: choices cut, missing, or blank rows between them."""
    app = screen.app
    assert isinstance(app, GoodStandingApp) and app.session is not None
    view = card_view(app.session.book, state, opacity)
    assert view is not None
    problems = []
    panel = screen.query_one(CardPanel)
    main = screen.query_one("#main")
    if panel.region.bottom > main.region.bottom:
        problems.append(f"{view.id}: the card runs {panel.region.bottom - main.region.bottom} rows below the board")
    buttons = [b for b in screen.query(ChoiceButton) if b.display]
    if len(buttons) != len(view.choices):
        problems.append(f"{view.id}: {len(buttons)} buttons for {len(view.choices)} choices")
    for button, choice in zip(buttons, view.choices, strict=False):
        drawn = [strips.text for strips in screen._compositor.render_strips()[button.region.y:button.region.bottom]]
        inside = _flat(" ".join(line[button.region.x:button.region.right] for line in drawn))
        want = _flat(choice_label(choice).plain)
        if inside != want:
            problems.append(f"{view.id} choice {choice.index + 1}: drawn {inside!r}, wanted {want!r}")
    log = screen.query_one(NoticeLog)
    if log.scrollable_content_region.height < LOG_LINES:
        problems.append(f"{view.id}: the log keeps {log.scrollable_content_region.height} lines in sight, "
                        f"not {LOG_LINES}")
    rows = [b.region for b in buttons]
    for above, below in zip(rows, rows[1:], strict=False):
        if below.y != above.bottom:
            problems.append(f"{view.id}: {below.y - above.bottom} blank rows between choices")
    return problems


async def deal_every_card(persona: str, opacity: Opacity) -> list[str]:
    app = GoodStandingApp(Options(persona=persona, opacity=opacity.value, seed=1))
    problems: list[str] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, IntroScreen)
        await pilot.press("enter")
        screen = await wait_for(pilot, TableScreen)
        assert isinstance(screen, TableScreen) and app.session is not None
        session = app.session
        book, start = session.book, session.state
        floor = start.copy()
        for sid, (low, _high) in book.stats.items():
            floor.vals[sid] = low
        for state in (start, floor):
            for card in book.cards_for[persona]:
                state.hand = [card.id]
                session.state = state
                screen.refresh_view()
                await pilot.pause()
                problems += check_card_whole(screen, state, opacity)
    return problems


@pytest.mark.slow
@pytest.mark.parametrize("persona", ["rider", "stall", "student", "teacher"])
async def test_every_card_is_shown_whole_at_80_by_24(persona: str) -> None:
    problems = await deal_every_card(persona, Opacity.transparent)
    assert not problems, "\n".join(problems[:20])
