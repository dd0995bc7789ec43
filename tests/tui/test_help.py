"""Help explains the game's words — stats, scores and tiers, dice, gates, appeals, opacity — in the city's names."""

from __future__ import annotations

from tui_helpers import GOOD, wait_for

from game.tui.app import GoodStandingApp, Options
from game.tui.screens.help import HelpScreen
from game.tui.screens.intro import IntroScreen
from game.tui.screens.table import TableScreen


async def test_help_at_the_table_names_the_citys_stats_scores_tiers_and_the_appeal_cost() -> None:
    app = GoodStandingApp(Options(scenario=GOOD, persona="dockworker", opacity="opaque", seed=1))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, IntroScreen)
        await pilot.press("enter")
        await wait_for(pilot, TableScreen)
        await pilot.press("question_mark")
        screen = await wait_for(pilot, HelpScreen)
        text = screen.text
        for words in ("Dice:", "Opacity:", "Scores:", "In Harbour Town", "Conscience", "Civic score",
                      "A “Trustworthy” · B · C · D “Discredited”", "Appeal: d, then a", "(costs Energy 2)"):
            assert words in text, words
        assert len(text.split()) < 450  # read in a minute or two
        await pilot.press("escape")
        await wait_for(pilot, TableScreen)
