"""Pilot tests of saving at the table: a failing autosave is never hidden, and Leave says the game is not saved."""

from __future__ import annotations

from pathlib import Path

from tui_helpers import GOOD, open_choice_keys, screen_text, wait_for

from game.tui.app import GoodStandingApp, Options
from game.tui.screens.confirm import ChoiceScreen, ConfirmScreen
from game.tui.screens.intro import IntroScreen
from game.tui.screens.table import TableScreen
from game.tui.screens.title import TitleScreen


async def _to_table(pilot) -> None:
    await wait_for(pilot, IntroScreen)
    await pilot.press("enter")
    await wait_for(pilot, TableScreen)


async def test_a_failing_autosave_stays_on_the_table_and_leave_says_the_game_is_not_saved(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the saves folder should be")  # saving there fails, even as root
    app = GoodStandingApp(Options(scenario=GOOD, persona="dockworker", opacity="partial", seed=8,
                                  saves=str(blocker)))
    async with app.run_test(size=(100, 32)) as pilot:
        await _to_table(pilot)
        for _ in range(3):
            await pilot.press(open_choice_keys(pilot)[0])
            await pilot.pause()
        assert app.save_problem is not None
        assert "NOT SAVED" in screen_text(pilot)
        assert len(app._notifications) <= 1  # one toast, not one per move
        await pilot.press("q")
        await wait_for(pilot, ChoiceScreen)
        text = app.screen.text
        assert "NOT saved" in text and "saved after every move" not in text
        await pilot.press("escape")  # stay
        await wait_for(pilot, TableScreen)
        blocker.unlink()  # the folder can be made now
        await pilot.press("q")
        await wait_for(pilot, ChoiceScreen)
        await pilot.click("#answer-retry")
        await wait_for(pilot, ConfirmScreen)  # saved: the ordinary question
        assert app.save_problem is None and "saved after every move" in app.screen.text
        await pilot.press("y")
        await wait_for(pilot, TitleScreen)
    assert list(blocker.glob("autosave-*.json"))


async def test_continue_with_a_group_resumes_that_groups_game_and_says_which(tmp_path: Path) -> None:
    for group, seed in (("Table 1", 8), ("Table 2", 9)):
        app = GoodStandingApp(Options(scenario=GOOD, persona="dockworker", opacity="partial", seed=seed,
                                      saves=str(tmp_path), group=group))
        async with app.run_test(size=(100, 32)) as pilot:
            await _to_table(pilot)
            await pilot.press(open_choice_keys(pilot)[0])
            await pilot.pause()
    again = GoodStandingApp(Options(scenario=GOOD, saves=str(tmp_path), group="table 1"))
    async with again.run_test(size=(100, 32)) as pilot:
        await wait_for(pilot, TitleScreen)
        await pilot.pause(0.3)
        again.continue_latest()
        await wait_for(pilot, TableScreen)
        assert again.session is not None and again.session.group == "Table 1" and again.session.seed == 8


async def test_every_answer_of_the_not_saved_dialog_is_whole_at_80_by_24(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the saves folder should be")
    app = GoodStandingApp(Options(scenario=GOOD, persona="dockworker", opacity="partial", seed=8,
                                  saves=str(blocker)))
    async with app.run_test(size=(80, 24)) as pilot:
        await _to_table(pilot)
        await pilot.press(open_choice_keys(pilot)[0])
        await pilot.pause()
        await pilot.press("q")
        await wait_for(pilot, ChoiceScreen)
        await pilot.pause()
        shown = screen_text(pilot)
        for words in ("Try saving again", "Save under a name", "Stay", "Leave without saving"):
            assert words in shown, f"{words!r} is cut off at 80×24"


async def test_the_load_list_names_a_file_it_cannot_open_instead_of_hiding_it(tmp_path: Path) -> None:
    from game.tui.screens.saves import SavesScreen

    (tmp_path / "autosave-table-3.json").write_text("{ not json", encoding="utf-8")
    app = GoodStandingApp(Options(scenario=GOOD, saves=str(tmp_path)))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, TitleScreen)
        await pilot.press("l")
        await wait_for(pilot, SavesScreen)
        await pilot.pause(0.3)
        text = " ".join(screen_text(pilot).split())
        assert "cannot be opened" in text and "autosave-table-3.json" in text
        assert "No saved games here yet" not in text
