"""The intro reads to the end with the usual keys from the start, and Enter always begins the season."""

from __future__ import annotations

import pytest
from textual.containers import VerticalScroll
from tui_helpers import screen_text, wait_for

from game.tui.app import GoodStandingApp, Options
from game.tui.screens.intro import IntroScreen
from game.tui.screens.table import TableScreen


@pytest.mark.slow
@pytest.mark.parametrize("keys", [["pagedown"], ["down", "down"]])
async def test_the_intro_scrolls_with_the_usual_keys_at_once(keys: list[str]) -> None:
    app = GoodStandingApp(Options(persona="teacher", opacity="partial", seed=1))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, IntroScreen)
        scroll = app.screen.query_one("#intro-scroll", VerticalScroll)
        for _ in range(50):  # the Markdown is laid out a few frames after the screen
            if scroll.max_scroll_y > 0:
                break
            await pilot.pause(0.02)
        assert scroll.max_scroll_y > 0, "the intro should not fit 80×24 for this test to mean anything"
        assert "How a day works" not in screen_text(pilot)
        await pilot.press(*keys)
        await pilot.pause(0.3)  # scrolling is animated
        assert scroll.scroll_y > 0
        await pilot.press("end")
        await pilot.pause(0.3)
        assert "How a day works" in screen_text(pilot)
        await pilot.press("enter")
        await wait_for(pilot, TableScreen)


@pytest.mark.parametrize("before", [["tab"], ["pagedown", "tab", "tab"]])
async def test_enter_always_begins_the_season(before: list[str]) -> None:
    app = GoodStandingApp(Options(persona="teacher", opacity="partial", seed=1))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, IntroScreen)
        await pilot.press(*before, "enter")
        await wait_for(pilot, TableScreen)
        assert app.session is not None and app.session.actions == []
