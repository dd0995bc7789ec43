"""The debrief names the season's turning points and lets the player flip any decision and see both seasons."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from textual.widgets import OptionList
from tui_helpers import screen_text, wait_for

from game.tui.app import GoodStandingApp, Options
from game.tui.screens.debrief import DebriefScreen
from game.tui.screens.whatif import WhatIfScreen

ROOT = Path(__file__).resolve().parents[2]


def finished_save(folder: Path) -> Path:
    """A whole 30-day rider season (seed 12, the random bot), saved in `folder` as the game would have."""
    subprocess.run([sys.executable, "-m", "game", "play", "--headless", "--saves", str(folder), "--persona", "rider",
                    "--opacity", "partial", "--seed", "12", "--policy", "random"], check=True, capture_output=True,
                   cwd=ROOT)
    return next(folder.glob("*.json"))


@pytest.mark.slow
async def test_the_debrief_shows_turning_points_and_a_decision_can_be_flipped(tmp_path: Path) -> None:
    save = finished_save(tmp_path)
    app = GoodStandingApp(Options(load=str(save), saves=str(tmp_path)))
    async with app.run_test(size=(80, 24)) as pilot:
        debrief = await wait_for(pilot, DebriefScreen)
        assert isinstance(debrief, DebriefScreen)
        for _ in range(200):  # worked out in a thread
            if debrief.debrief.turns:
                break
            await pilot.pause(0.05)
        assert debrief.debrief.turns, "the turning points never arrived"
        assert "Your turning points" in debrief.markdown and debrief.debrief.turns[0].text in debrief.markdown
        await pilot.press("w")
        screen = await wait_for(pilot, WhatIfScreen)
        assert isinstance(screen, WhatIfScreen)
        assert "★" in screen_text(pilot)  # the turning points are marked in the list
        await pilot.press("enter")  # a decision
        await pilot.pause()
        assert screen.level == "choices"
        await pilot.press("enter", "enter")  # a choice; the second Enter of the burst must not pick anything else
        await pilot.pause()
        assert screen.level == "result"
        shown = screen.shown
        assert "The seasons part on Day" in shown and "Your season:" in shown
        await pilot.press("escape")
        await pilot.pause()
        assert screen.level == "choices"
        await pilot.press("escape")
        await pilot.pause()
        assert screen.level == "decisions"
        assert screen.query_one("#whatif-list", OptionList).highlighted is not None
        await pilot.press("escape")
        await wait_for(pilot, DebriefScreen)


@pytest.mark.slow
async def test_the_debrief_offers_the_season_again_under_a_rule_pack(tmp_path: Path) -> None:
    from game.tui.screens.packs import PacksScreen

    save = finished_save(tmp_path)
    app = GoodStandingApp(Options(load=str(save), saves=str(tmp_path)))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, DebriefScreen)
        await pilot.press("r")
        screen = await wait_for(pilot, PacksScreen)
        assert isinstance(screen, PacksScreen)
        assert {p[0] for p in screen.packs} >= {"reform", "market"}
        assert "The reform" in screen_text(pilot) or "The market" in screen_text(pilot)
        await pilot.press("enter", "enter")  # a burst: one replay
        for _ in range(200):
            if screen.level == "result":
                break
            await pilot.pause(0.05)
        assert screen.level == "result"
        shown = screen.shown
        assert "Your season:" in shown and "Under “The " in shown
        await pilot.press("escape")
        await pilot.pause()
        assert screen.level == "packs"
        await pilot.press("escape")
        await wait_for(pilot, DebriefScreen)
