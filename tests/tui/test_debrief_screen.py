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
