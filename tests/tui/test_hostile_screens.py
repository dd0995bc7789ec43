"""Hostile text on the screens: a poisoned save in the folder leaves the title screen and the load list whole,
with its words shown as letters; markup in a city's words shows as written on the intro and the table.
The headless half, and the strategies, are in `tests/test_hostile_text.py`.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tui_helpers import wait_for

from tests.hostile_text import (
    FIELDS,
    HOSTILE,
    ORDERS,
    SAVE_WORDS,
    assert_only_letters,
    city_with,
    make_save,
    new_folder,
    poisoned,
    run,
)


@pytest.fixture(scope="module")
def a_save(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return make_save(tmp_path_factory.mktemp("saves"))


def screen_words(app: Any) -> str:
    return "\n".join(strip.text for screen in app.screen_stack for strip in screen._compositor.render_strips())


async def _title_and_load_list(folder: Path, shown: list[str]) -> None:
    from game.tui.app import GoodStandingApp, Options
    from game.tui.screens.saves import SavesScreen
    from game.tui.screens.title import TitleScreen

    app = GoodStandingApp(Options(saves=str(folder)))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, TitleScreen)
        await pilot.pause(0.1)
        shown.append(screen_words(app))
        await pilot.press("l")
        await wait_for(pilot, SavesScreen)
        await pilot.pause(0.2)
        shown.append(screen_words(app))


@pytest.mark.slow
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(words=st.fixed_dictionaries({".".join(f): HOSTILE for f in SAVE_WORDS}))
def test_a_poisoned_save_leaves_the_title_and_load_list_whole(tmp_path: Path, a_save: dict[str, Any],
                                                              words: dict[str, str]) -> None:
    folder = new_folder(tmp_path, "room")
    (folder / "autosave-poisoned.json").write_text(json.dumps(poisoned(a_save, words)), encoding="utf-8")
    shown: list[str] = []
    asyncio.run(_title_and_load_list(folder, shown))
    title, listing = shown
    assert "New game" in title
    assert_only_letters(title)
    assert_only_letters(listing)
    from game.saves import SaveError, read_save

    try:
        read_save(folder / "autosave-poisoned.json")
    except SaveError:  # e.g. an empty group: the file is named as one that cannot be opened, never hidden
        assert "cannot be opened" in listing and "autosave-poisoned.json" in listing
        return
    raw = words["summary.persona_name"][:40]
    persona = " ".join(raw.split())
    # A name with control characters is shown with them written out as letters (assert_only_letters
    # holds that); a printable one, markup included, must appear as it is.
    if persona and raw.isprintable() and not ORDERS.search(persona) and len(persona) < 20:
        assert persona in " ".join(listing.split())  # markup shown as letters


async def _play_a_day(city: Path, shown: list[str]) -> None:
    from game.tui.app import GoodStandingApp, Options
    from game.tui.screens.intro import IntroScreen
    from game.tui.screens.table import TableScreen

    app = GoodStandingApp(Options(scenario=str(city), persona="resident", opacity="transparent", seed=1))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, IntroScreen)
        shown.append(screen_words(app))
        await pilot.press("enter")
        await wait_for(pilot, TableScreen)
        await pilot.pause(0.1)
        shown.append(screen_words(app))
        await pilot.press("1")
        await pilot.pause(0.2)
        shown.append(screen_words(app))


@pytest.mark.slow
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(field=st.sampled_from([f for f in FIELDS if f[0] in ("personas", "cards", "scenario", "stats", "scores")]),
       value=HOSTILE.filter(lambda v: not ORDERS.search(v) and v.strip() and "\n" not in v and "\t" not in v))
def test_markup_in_a_city_s_words_shows_as_letters_on_the_intro_and_the_table(
        tmp_path: Path, field: tuple[str | int, ...], value: str) -> None:
    value = value[:30]
    city = city_with(tmp_path, field, value)
    code, out = run("validate", str(city))
    if code != 0:
        return  # e.g. a name with markup but too long for its field: refused in one line, tested above
    shown: list[str] = []
    asyncio.run(_play_a_day(city, shown))
    for words in shown:
        assert_only_letters(words)
    seen = " ".join(" ".join(shown).split())
    one_line = " ".join(value.split())
    if field in {("personas", 0, "name"), ("cards", 0, "title")} and len(one_line) < 20:
        assert one_line in seen
