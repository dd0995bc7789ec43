"""Transparent play shows the numbers: each rule's score change, the tier cut-offs, what each gate takes.
Partial and opaque play do not."""

from __future__ import annotations

import pytest
from tui_helpers import GOOD, screen_text, wait_for

from game.tui.app import GoodStandingApp, Options
from game.tui.screens.gates import GatesScreen
from game.tui.screens.intro import IntroScreen
from game.tui.screens.rulebook import RulebookScreen
from game.tui.screens.table import TableScreen


async def _open(opacity: str, key: str, kind: type) -> str:
    app = GoodStandingApp(Options(scenario=GOOD, persona="dockworker", opacity=opacity, seed=1))
    async with app.run_test(size=(100, 40)) as pilot:
        await wait_for(pilot, IntroScreen)
        await pilot.press("enter")
        await wait_for(pilot, TableScreen)
        await pilot.press(key)
        await wait_for(pilot, kind)
        await pilot.pause()
        return screen_text(pilot)


@pytest.mark.parametrize("opacity", ["transparent", "partial"])
async def test_the_rulebook_shows_score_changes_and_tier_cut_offs_only_in_transparent_play(opacity: str) -> None:
    text = await _open(opacity, "b", RulebookScreen)
    shown = opacity == "transparent"
    assert ("Civic score tiers: A from 1,050 · B from 950" in text) is shown
    assert ("does: Civic score −40" in text) is shown  # fare evasion


@pytest.mark.parametrize("opacity", ["transparent", "opaque"])
async def test_the_gates_say_what_they_take_only_in_transparent_play(opacity: str) -> None:
    text = await _open(opacity, "g", GatesScreen)
    shown = opacity == "transparent"
    assert ("It takes: Civic score tier B or above (950 or more)" in text) is shown
    assert ("The checks behind each door are not posted" in text) is not shown
