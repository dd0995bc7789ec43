"""Esc goes back one step; the debrief's New game opens a new game."""

from __future__ import annotations

import pytest
from textual.widgets import OptionList
from tui_helpers import GOOD, open_choice_keys, wait_for

from game.tui.app import GoodStandingApp, Options
from game.tui.screens.debrief import DebriefScreen
from game.tui.screens.intro import IntroScreen
from game.tui.screens.opacity import OpacityScreen
from game.tui.screens.persona import PersonaScreen
from game.tui.screens.table import TableScreen
from game.tui.screens.title import TitleScreen


async def test_escape_steps_back_from_opacity_to_the_persona_list_then_to_the_title() -> None:
    app = GoodStandingApp(Options(scenario=GOOD))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, TitleScreen)
        await pilot.press("n")
        await wait_for(pilot, PersonaScreen)
        await pilot.press("down", "enter")  # not the suggested persona
        await wait_for(pilot, OpacityScreen)
        await pilot.press("escape")
        screen = await wait_for(pilot, PersonaScreen)
        menu = screen.query_one("#personas", OptionList)
        assert menu.highlighted is not None
        assert menu.get_option_at_index(menu.highlighted).id == "vendor"  # the one picked before
        assert [type(s) for s in app.screen_stack] == [TitleScreen, PersonaScreen]
        await pilot.press("escape")
        await wait_for(pilot, TitleScreen)
        assert len(app.screen_stack) == 1


@pytest.mark.slow
async def test_new_game_from_the_debrief_asks_who_you_are() -> None:
    app = GoodStandingApp(Options(scenario=GOOD, persona="vendor", opacity="opaque", seed=2, days=1))
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
        await pilot.press("n")
        await wait_for(pilot, PersonaScreen)
        assert [type(s) for s in app.screen_stack] == [TitleScreen, PersonaScreen]
        await pilot.press("enter")
        await wait_for(pilot, OpacityScreen)  # asked again, not the command line's answer
        await pilot.press("escape", "escape")
        await wait_for(pilot, TitleScreen)


async def test_escape_on_the_intro_goes_back_to_the_title_and_continue_begins_the_kept_game(tmp_path) -> None:  # noqa: ANN001
    app = GoodStandingApp(Options(persona="teacher", opacity="partial", seed=3, saves=tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, IntroScreen)
        await pilot.press("escape", "escape", "escape")  # a burst: the first goes back, the rest do nothing harmful
        await wait_for(pilot, TitleScreen)
        await pilot.pause()
        assert [type(s) for s in app.screen_stack] == [TitleScreen]
        saves = [p for p in tmp_path.glob("*.json") if not p.name.endswith(".bak")]
        assert len(saves) == 1  # the game was kept, not begun and not lost
        await pilot.press("c")
        table = await wait_for(pilot, TableScreen)
        assert app.session is not None and app.session.actions == [] and app.session.state.day == 1
        assert table is app.screen
