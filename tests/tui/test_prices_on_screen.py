"""The price of a gate and of resting is on the screen before the player decides."""

from __future__ import annotations

from tui_helpers import screen_text, wait_for

from game.tui.app import GoodStandingApp, Options
from game.tui.screens.confirm import ConfirmScreen
from game.tui.screens.gates import GatesScreen
from game.tui.screens.intro import IntroScreen
from game.tui.screens.table import TableScreen


async def _table(app: GoodStandingApp, pilot) -> TableScreen:  # noqa: ANN001 - a Pilot
    await wait_for(pilot, IntroScreen)
    await pilot.press("enter")
    return await wait_for(pilot, TableScreen)


async def test_the_gates_say_what_opening_and_refusal_take_at_every_opacity() -> None:
    for opacity in ("opaque", "transparent"):
        app = GoodStandingApp(Options(persona="rider", opacity=opacity, seed=5))
        async with app.run_test(size=(100, 40)) as pilot:
            table = await _table(app, pilot)
            assert app.session is not None
            state = app.session.state
            state.day = state.days - 2  # late in the season, every goal's gate is offered
            if "day" in state.vals:
                state.vals["day"] = state.day
            table.refresh_view()
            await pilot.press("g")
            await wait_for(pilot, GatesScreen)
            await pilot.pause()
            text = " ".join(screen_text(pilot).split())
            assert "If you are refused: Stress +1." in text, opacity
            if "train ticket" in text.lower():
                assert "If it opens: Money −550." in text


async def test_rest_says_what_it_gives_before_the_player_agrees() -> None:
    app = GoodStandingApp(Options(persona="stall", opacity="partial", seed=2))
    async with app.run_test(size=(80, 24)) as pilot:
        await _table(app, pilot)
        await pilot.press("r")
        await wait_for(pilot, ConfirmScreen)
        # The stall keeper starts at Energy 9 of 10: the price shown is what resting will give, held to the top.
        assert "Resting gives Energy +1 (to its top, 10), Stress −2." in app.screen.text, app.screen.text
