"""Names are text, never markup: a persona or save named "NAME<[/]>" or "Mira [b]Salt" shows as written, everywhere."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from tui_helpers import GOOD, screen_text, wait_for

from game.tui.app import GoodStandingApp, Options
from game.tui.screens.intro import IntroScreen
from game.tui.screens.persona import PersonaScreen
from game.tui.screens.save_as import SaveAsScreen
from game.tui.screens.saves import SavesScreen
from game.tui.screens.table import TableScreen
from game.tui.screens.title import TitleScreen

HOSTILE = "NAME<[/]>"
BOLD = "Mira [b]Salt"


def marked_city(tmp_path: Path) -> str:
    city = tmp_path / "city"
    shutil.copytree(GOOD, city)
    people = city / "people.yaml"
    text = people.read_text().replace("name: Ana Ferreira", f'name: "{HOSTILE}"')
    people.write_text(text.replace("name: Ben Okoro", f'name: "{BOLD}"'))
    scenario = city / "scenario.yaml"
    scenario.write_text(scenario.read_text().replace("title: Harbour Town", 'title: "Harbour [i]Town[/i] [link=file:///etc/passwd]x[/link]"', 1))
    return str(city)


async def _seen(pilot, words: str) -> str:  # noqa: ANN001 - a Pilot
    for _ in range(100):
        text = screen_text(pilot)
        if words in text:
            return text
        await pilot.pause(0.02)
    return screen_text(pilot)


@pytest.mark.slow
async def test_marked_up_names_show_as_written_in_the_picker_the_table_the_title_and_the_load_list(
        tmp_path: Path) -> None:
    city = marked_city(tmp_path)
    app = GoodStandingApp(Options(scenario=city))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, TitleScreen)
        await pilot.press("n")
        await wait_for(pilot, PersonaScreen)
        text = await _seen(pilot, HOSTILE)
        assert HOSTILE in text and BOLD in text and "[link=file:///etc/passwd]x[/link]" in text
        await pilot.press("enter")  # the first persona: NAME<[/]>
        await pilot.pause(0.1)
        await pilot.press("enter")  # the suggested opacity
        await wait_for(pilot, IntroScreen)
        await pilot.press("enter")
        await wait_for(pilot, TableScreen)
        assert HOSTILE in screen_text(pilot)
        await pilot.press("s")
        await wait_for(pilot, SaveAsScreen)
        await pilot.press(*BOLD, "enter")
        await wait_for(pilot, TableScreen)
        await pilot.press("q", "y")
        await wait_for(pilot, TitleScreen)
    second = GoodStandingApp(Options(scenario=city))
    async with second.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, TitleScreen)
        assert f"Continue: {HOSTILE}, day 1" in await _seen(pilot, "Continue: ")
        await pilot.press("l")
        await wait_for(pilot, SavesScreen)
        listed = await _seen(pilot, f"“{BOLD}”")
        assert f"{HOSTILE} · " in listed and f"“{BOLD}”" in listed  # "[b]" shown, so never read as markup
