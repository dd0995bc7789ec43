"""Pilot tests: a whole season from the title screen to the debrief, pressing keys as a player would."""

from __future__ import annotations

from pathlib import Path

import pytest
from tui_helpers import GOOD, open_choice_keys, screen_text, wait_for

from game.tui.app import GoodStandingApp, Options
from game.tui.screens.debrief import DebriefScreen
from game.tui.screens.dossier import DossierScreen
from game.tui.screens.gates import GatesScreen
from game.tui.screens.intro import IntroScreen
from game.tui.screens.opacity import OpacityScreen
from game.tui.screens.persona import PersonaScreen
from game.tui.screens.refusal import RefusalScreen
from game.tui.screens.rulebook import RulebookScreen
from game.tui.screens.table import TableScreen
from game.tui.screens.title import TitleScreen


async def play_to_debrief(pilot, pick=lambda keys, day: keys[0], visit=False) -> list[str]:
    """Answer cards until the debrief; returns the text of every screen seen on the way."""
    seen: list[str] = []
    app = pilot.app
    for _ in range(200):
        await pilot.pause()
        if isinstance(app.screen, DebriefScreen):
            return seen
        if isinstance(app.screen, RefusalScreen):
            seen.append(screen_text(pilot))
            await pilot.press("enter")
            continue
        assert isinstance(app.screen, TableScreen), type(app.screen).__name__
        seen.append(screen_text(pilot))
        if visit:
            for key, kind in (("d", DossierScreen), ("b", RulebookScreen), ("g", GatesScreen)):
                await pilot.press(key)
                await wait_for(pilot, kind)
                seen.append(screen_text(pilot))
                await pilot.press("escape")
                await wait_for(pilot, TableScreen)
            await pilot.press("g")
            await wait_for(pilot, GatesScreen)
            await pilot.press("enter")  # try the first gate that can be tried today, if any
            await pilot.pause()
            if isinstance(app.screen, GatesScreen):
                await pilot.press("escape")
            await pilot.pause()
            seen.append(screen_text(pilot))
            if isinstance(app.screen, RefusalScreen):
                await pilot.press("enter")
            if isinstance(app.screen, DebriefScreen):
                return seen
        keys = open_choice_keys(pilot)
        await pilot.press(pick(keys, app.session.state.day))
    raise AssertionError("the season did not end")


async def test_a_season_from_the_title_screen_to_the_debrief(tmp_path: Path) -> None:
    app = GoodStandingApp(Options(scenario=GOOD))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, TitleScreen)
        await pilot.press("enter")  # New game
        await wait_for(pilot, PersonaScreen)
        assert "Ana Ferreira" in screen_text(pilot)
        await pilot.press("enter")  # the suggested persona
        await wait_for(pilot, OpacityScreen)
        await pilot.press("tab", "4", "2", "enter")  # a seed, so the game is the same every run
        await wait_for(pilot, IntroScreen)
        assert "Take the ferry to see your mother" in screen_text(pilot)
        await pilot.press("enter")
        await wait_for(pilot, TableScreen)
        assert app.session is not None and app.session.seed == 42
        assert "Day 1 of 10" in screen_text(pilot)
        await play_to_debrief(pilot)
        state = app.session.state
        assert state.over and state.ending
        text = screen_text(pilot)
        assert app.session.book.ending_info[state.ending].title in text
        assert "To talk about" in text  # the summary comes first; the details follow
        await pilot.press("e")
        await pilot.pause()
        exported = list((tmp_path / "saves").glob("debrief-*.md"))
        assert len(exported) == 1
        assert "## The ledger" in exported[0].read_text(encoding="utf-8")


@pytest.mark.slow
async def test_the_same_seed_and_keys_give_the_same_season() -> None:
    endings = []
    for _ in range(2):
        app = GoodStandingApp(Options(scenario=GOOD, persona="vendor", opacity="partial", seed=5))
        async with app.run_test(size=(100, 30)) as pilot:
            await wait_for(pilot, IntroScreen)
            await pilot.press("enter")
            await play_to_debrief(pilot, pick=lambda keys, day: keys[-1])
            endings.append(app.session.state.to_json())
    assert endings[0] == endings[1]


REFUSAL = {
    # The cold-store loan needs a gold shop score; a dockworker starts plain.
    "opaque": (["The bank's letter regrets."], ["shop score", "tier"]),
    "partial": (["The bank's letter regrets.", "Shop score too low."], ["tier plain"]),
    "transparent": (["The bank's letter regrets.", "Shop score tier plain; needs gold or above"], []),
}


@pytest.mark.parametrize("opacity", list(REFUSAL))
async def test_refused_gate_says_why_at_the_opacity(opacity: str) -> None:
    shown, hidden = REFUSAL[opacity]
    app = GoodStandingApp(Options(scenario=GOOD, persona="dockworker", opacity=opacity, seed=1))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, IntroScreen)
        await pilot.press("enter")
        await wait_for(pilot, TableScreen)
        await pilot.press("g")
        await wait_for(pilot, GatesScreen)
        gates = [o.id for o in pilot.app.screen.query_one("#gates").options]
        await pilot.press(*["down"] * gates.index("loan"), "enter")
        await wait_for(pilot, RefusalScreen)
        text = screen_text(pilot)
        for words in shown:
            assert words in text
        refusal = str(app.screen.query_one("#refusal-text").content)
        for words in hidden:
            assert words not in refusal.lower()
        await pilot.press("enter")
        await wait_for(pilot, TableScreen)
        assert "Cold-store loan: refused" in "\n".join(app.screen.query_one("#log").lines_written)


@pytest.mark.slow
async def test_no_hidden_rule_is_named_before_the_debrief_in_opaque_play() -> None:
    # A smoke test of the screens: the views they draw are checked on every step of many seasons,
    # at every opacity, in tests/test_hidden_rules.py. Two days are enough for a hidden rule to fire.
    app = GoodStandingApp(Options(scenario=GOOD, persona="dockworker", opacity="opaque", seed=3, days=2))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, IntroScreen)
        seen = [screen_text(pilot)]
        await pilot.press("enter")
        await wait_for(pilot, TableScreen)
        book = app.session.book
        hidden = {r.id: r.name for r in book.rule_info.values() if r.visibility.value == "hidden"}
        # Always the first open choice (dash across, dodge the fare: the hidden rules' trade) until one fires…
        while not hidden.keys() & app.session.state.fired:
            seen.append(screen_text(pilot))
            await pilot.press(open_choice_keys(pilot)[0])
            await pilot.pause()
            assert isinstance(app.screen, TableScreen), "the season should outlast the first hidden rule"
        # …then every screen that could name it, and on to the debrief.
        for key, kind in (("d", DossierScreen), ("b", RulebookScreen), ("g", GatesScreen)):
            await pilot.press(key)
            await wait_for(pilot, kind)
            seen.append(screen_text(pilot))
            await pilot.press("escape")
            await wait_for(pilot, TableScreen)
        seen += await play_to_debrief(pilot)
        fired_hidden = {hidden[r] for r in app.session.state.fired if r in hidden}
        before = "\n".join(seen)
        for name in hidden.values():
            assert name not in before
        debrief = screen_text(pilot) + app.screen.markdown
        for name in fired_hidden:
            assert name in debrief


async def test_the_table_fits_80_by_24() -> None:
    app = GoodStandingApp(Options(scenario=GOOD, persona="dockworker", opacity="partial", seed=1))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, IntroScreen)
        await pilot.press("enter")
        await wait_for(pilot, TableScreen)
        text = screen_text(pilot)
        assert "Day 1 of 10" in text
        assert "1  Meet him for dinner" in text
        assert "Gates" in text  # the footer's bindings are on screen
        for button in app.screen.query("ChoiceButton"):
            if button.display:
                assert button.region.height >= 1 and button.region.right <= 80


async def test_help_opens_with_question_mark_and_closes_with_escape() -> None:
    from game.tui.screens.help import HelpScreen

    app = GoodStandingApp(Options(scenario=GOOD))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, TitleScreen)
        await pilot.press("question_mark")
        await wait_for(pilot, HelpScreen)
        assert "How to play" in screen_text(pilot)
        await pilot.press("escape")
        await wait_for(pilot, TitleScreen)


async def test_theme_toggles_between_dark_and_light() -> None:
    app = GoodStandingApp(Options(scenario=GOOD))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, TitleScreen)
        before = app.theme
        await pilot.press("ctrl+t")
        assert app.theme != before
        await pilot.press("ctrl+t")
        assert app.theme == before


async def test_a_choice_can_be_clicked() -> None:
    app = GoodStandingApp(Options(scenario=GOOD, persona="dockworker", opacity="transparent", seed=1))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, IntroScreen)
        await pilot.click("#begin")
        await wait_for(pilot, TableScreen)
        actions = len(app.session.actions)
        await pilot.click("#choice-2")
        await pilot.pause()
        assert len(app.session.actions) == actions + 1


async def test_continue_picks_up_the_last_game_where_it_was_left() -> None:
    first = GoodStandingApp(Options(scenario=GOOD, persona="dockworker", opacity="partial", seed=8))
    async with first.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, IntroScreen)
        await pilot.press("enter")
        await wait_for(pilot, TableScreen)
        for _ in range(3):
            await pilot.press(open_choice_keys(pilot)[0])
            await pilot.pause()
        left = first.session.state.to_json()
        await pilot.press("q", "y")
        await wait_for(pilot, TitleScreen)
        menu = first.screen.query_one("#menu")
        for _ in range(100):  # back from the game, Enter goes on with it rather than starting another
            if menu.highlighted == menu.get_option_index("continue"):
                break
            await pilot.pause(0.02)
        assert menu.highlighted == menu.get_option_index("continue")
        await pilot.press("enter")
        await wait_for(pilot, TableScreen)
        assert first.session.state.to_json() == left
    second = GoodStandingApp(Options(scenario=GOOD))
    async with second.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, TitleScreen)
        for _ in range(100):
            if "Continue: Ana Ferreira" in screen_text(pilot):
                break
            await pilot.pause(0.02)
        assert "Continue: Ana Ferreira" in screen_text(pilot)
        await pilot.press("c")
        await wait_for(pilot, TableScreen)
        assert second.session.state.to_json() == left


async def test_a_save_is_loaded_from_the_list_with_enter() -> None:
    from game.tui.screens.saves import SavesScreen

    first = GoodStandingApp(Options(scenario=GOOD, persona="vendor", opacity="opaque", seed=9))
    async with first.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, IntroScreen)
        await pilot.press("enter")
        await wait_for(pilot, TableScreen)
        await pilot.press(open_choice_keys(pilot)[0])
        await pilot.pause()
        left = first.session.state.to_json()
    second = GoodStandingApp(Options(scenario=GOOD))
    async with second.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, TitleScreen)
        await pilot.press("l")
        await wait_for(pilot, SavesScreen)
        for _ in range(100):
            if "Ben Okoro" in screen_text(pilot):
                break
            await pilot.pause(0.02)
        await pilot.press("enter")
        await wait_for(pilot, TableScreen)
        assert second.session.state.to_json() == left


async def test_a_named_save_is_made_on_request_and_found_in_the_load_list(tmp_path: Path) -> None:
    import os

    from game.saves import list_saves, saves_dir
    from game.tui.screens.save_as import SaveAsScreen
    from game.tui.screens.saves import SavesScreen

    app = GoodStandingApp(Options(scenario=GOOD, persona="dockworker", opacity="partial", seed=5))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, IntroScreen)
        await pilot.press("enter")
        await wait_for(pilot, TableScreen)
        await pilot.press(open_choice_keys(pilot)[0])
        await pilot.pause()
        await pilot.press("s")
        await wait_for(pilot, SaveAsScreen)
        await pilot.press(*"group 3", "enter")
        await wait_for(pilot, TableScreen)
        left = app.session.state.to_json()
    folder = saves_dir(os.environ["GOOD_STANDING_SAVES"])
    named = [info for info in list_saves(folder) if info.name == "group 3"]
    assert len(named) == 1 and named[0].path.name == "group-3.json"
    from game.saves import load_session

    assert load_session(named[0].path).state.to_json() == left
    second = GoodStandingApp(Options(scenario=GOOD))
    async with second.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, TitleScreen)
        await pilot.press("l")
        await wait_for(pilot, SavesScreen)
        for _ in range(100):
            if "group 3" in screen_text(pilot):
                break
            await pilot.pause(0.02)
        assert "group 3" in screen_text(pilot)
