"""Hostile text is only text: arbitrary words (control characters, C1, bidi, markup) in any text field of
a city or a save never raise, never reach the terminal as orders, and never pass as markup.

A city with such a character in a text field is refused by `validate` with one escaped line per problem;
one with markup plays a season, and its words come out as written. A save holding such text in its words
(the persona's name, the save's name, the ending, the group, the city's title) is listed, replayed and
debriefed with each control character written out. `tui/test_hostile_screens.py` opens the title screen
and the load list over such a folder, and the table over such a city.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.saves.listing import list_saves
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


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(field=st.sampled_from(FIELDS), value=HOSTILE)
def test_any_text_in_any_field_is_refused_in_one_escaped_line_or_plays_as_written(
        tmp_path: Path, field: tuple[str | int, ...], value: str) -> None:
    folder = city_with(tmp_path, field, value)
    code, out = run("validate", str(folder))
    assert_only_letters(out)
    if code == 1:  # refused: each problem on one line that names the file, line and column
        problems = out.splitlines()[:-1]
        assert problems and all(re.match(rf"{re.escape(str(folder))}/scenario\.yaml:\d+:\d+: ", p) for p in problems)
        return
    assert code == 0, out
    assert not ORDERS.search(value), "validate let a control character through"
    code, out = run("play", "--headless", "--scenario", str(folder), "--policy", "random", "--seed", "3")
    assert code == 0, out
    assert_only_letters(out)
    one_line = " ".join(value.split())
    if field in {("personas", 0, "name"), ("scenario", "title")} and len(one_line) < 30:
        assert one_line in " ".join(out.split())  # shown as written: markup is letters


@pytest.fixture(scope="module")
def a_save(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return make_save(tmp_path_factory.mktemp("saves"))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(words=st.fixed_dictionaries({".".join(f): HOSTILE for f in SAVE_WORDS}))
def test_words_in_a_save_are_shown_as_letters_when_listed_replayed_and_debriefed(
        tmp_path: Path, a_save: dict[str, Any], words: dict[str, str]) -> None:
    folder = new_folder(tmp_path, "saves")
    path = folder / "poisoned.json"
    path.write_text(json.dumps(poisoned(a_save, words)), encoding="utf-8")
    for info in list_saves(folder):
        assert_only_letters(info.label())
        assert_only_letters(f"{info.persona_name} {info.name} {info.ending} {info.group} {info.scenario_title}")
    for argv in (("replay", "--verify", str(path)), ("debrief", str(path))):
        code, out = run(*argv)
        assert code in (0, 2), out  # a refused save is one line, exit 2
        assert_only_letters(out)
