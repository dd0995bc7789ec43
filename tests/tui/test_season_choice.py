"""The new game's last screen offers the season lengths the city names (short for a workshop's hour)."""

from __future__ import annotations

from textual.widgets import Select
from tui_helpers import GOOD, wait_for

from game.tui.app import GoodStandingApp, Options
from game.tui.screens.intro import IntroScreen
from game.tui.screens.opacity import OpacityScreen


async def test_the_short_season_is_chosen_on_the_new_game_screen(tmp_path) -> None:  # noqa: ANN001
    app = GoodStandingApp(Options(persona="stall", seed=4, saves=str(tmp_path)))  # the default city: short and full
    async with app.run_test(size=(80, 24)) as pilot:
        app.start_new_game()
        screen = await wait_for(pilot, OpacityScreen)
        season = screen.query_one("#season", Select)
        assert season.value == "full" and season.region.bottom <= 24  # the city's own length, in view at 80×24
        season.value = "short"
        await pilot.pause()
        await pilot.press("enter")  # the opacity list has the focus: Enter starts
        await wait_for(pilot, IntroScreen)
        assert app.session is not None and app.session.state.days == 14 and app.session.days == 14
        assert "two weeks away" in app.session.book.words("intro", app.session.book.scenario.scenario.intro,
                                                          app.session.state.vals)


async def test_a_city_with_one_length_and_a_length_given_ask_nothing(tmp_path) -> None:  # noqa: ANN001
    app = GoodStandingApp(Options(scenario=GOOD, persona="dockworker", saves=str(tmp_path)))
    async with app.run_test(size=(80, 24)) as pilot:
        app.start_new_game()
        screen = await wait_for(pilot, OpacityScreen)
        assert not screen.query("#season")
    app = GoodStandingApp(Options(persona="stall", days=20, saves=str(tmp_path)))
    async with app.run_test(size=(80, 24)) as pilot:
        app.start_new_game()
        screen = await wait_for(pilot, OpacityScreen)
        assert not screen.query("#season")
        await pilot.press("enter")
        await wait_for(pilot, IntroScreen)
        assert app.session is not None and app.session.state.days == 20
