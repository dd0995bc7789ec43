"""The debrief screen: summary first, and the gates a player was refused are listed with why."""

from __future__ import annotations

import pytest
from tui_helpers import GOOD, open_choice_keys, screen_text, wait_for

from game.tui.app import GoodStandingApp, Options
from game.tui.screens.debrief import DebriefScreen
from game.tui.screens.gates import GatesScreen
from game.tui.screens.intro import IntroScreen
from game.tui.screens.refusal import RefusalScreen
from game.tui.screens.table import TableScreen


@pytest.mark.slow
async def test_a_debrief_after_refusals_lists_them_and_opens_on_the_summary() -> None:
    app = GoodStandingApp(Options(scenario=GOOD, persona="dockworker", opacity="opaque", seed=1, days=2))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, IntroScreen)
        await pilot.press("enter")
        await wait_for(pilot, TableScreen)
        await pilot.press("g")
        screen = await wait_for(pilot, GatesScreen)
        gates = [o.id for o in screen.query_one("#gates").options]
        await pilot.press(*["down"] * gates.index("loan"), "enter")
        await wait_for(pilot, RefusalScreen)
        assert "The debrief at the end" in screen_text(pilot)
        await pilot.press("enter")
        await wait_for(pilot, TableScreen)
        for _ in range(20):
            if isinstance(app.screen, DebriefScreen):
                break
            await pilot.press(open_choice_keys(pilot)[0])
            await pilot.pause()
        debrief = await wait_for(pilot, DebriefScreen)
        assert isinstance(debrief, DebriefScreen)
        for _ in range(50):
            if "Goals" in screen_text(pilot):
                break
            await pilot.pause(0.02)
        first = screen_text(pilot)
        assert "Goals" in first and "To talk about" in first
        gates_part = debrief.markdown[debrief.markdown.index("## The gates you tried"):]
        assert "**Cold-store loan** (you hoped to pass it): refused once — day 1." in gates_part
        assert "What failed: Shop score tier plain; needs gold or above." in gates_part
        assert "You were told (opaque): The bank's letter regrets." in gates_part


async def test_the_debrief_opens_on_how_the_season_ended_so_the_last_outcome_is_not_lost() -> None:
    app = GoodStandingApp(Options(scenario=GOOD, persona="dockworker", opacity="partial", seed=3, days=1))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, IntroScreen)
        await pilot.press("enter")
        await wait_for(pilot, TableScreen)
        for _ in range(20):
            if isinstance(app.screen, DebriefScreen):
                break
            await pilot.press(open_choice_keys(pilot)[0])
            await pilot.pause()
        await wait_for(pilot, DebriefScreen)
        await pilot.pause(0.1)
        assert app.session is not None
        chose = next(e for e in app.session.log[-1] if type(e).__name__ == "Chose")
        text = " ".join(screen_text(pilot).split())
        assert "How your season ended" in text
        card = app.session.book.card_info[chose.card].title
        assert f"▶ {card}" in text  # the last card answered, and what came of it, on the first screen
