"""Pilot tests of a room in the Textual game: joining from the title screen, and the room's two questions."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import pytest
from tui_helpers import GOOD, screen_text, wait_for

from game.room.plan import Plan
from game.tui.app import GoodStandingApp, Options
from game.tui.screens.debrief import DebriefScreen
from game.tui.screens.intro import IntroScreen
from game.tui.screens.join import JoinScreen
from game.tui.screens.question import QuestionScreen
from game.tui.screens.table import TableScreen


def cli(*args: str) -> str:
    from game.__main__ import main

    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        assert main(list(args)) == 0
    return out.getvalue()


def make_room(saves: Path, questions: bool = True) -> str:
    args = ["room", "new", "--scenario", GOOD, "--groups", "4", "--seed", "2", "--saves", str(saves)]
    return cli(*args, *(["--questions"] if questions else [])).split()[1]


async def type_in(pilot, selector: str, text: str) -> None:
    pilot.app.screen.query_one(selector).focus()
    for ch in text:
        await pilot.press(ch if ch != " " else "space")


@pytest.mark.slow  # about 4 s: typing every letter of the code and the group, three times
async def test_join_a_room_from_the_title_screen_checks_the_code_and_plays_the_groups_seat(tmp_path: Path) -> None:
    code = make_room(tmp_path)
    plan = Plan(seed=2, groups=4, days=0, rounds="split", questions=True)
    assert code == plan.code
    app = GoodStandingApp(Options(saves=str(tmp_path)))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j")
        await wait_for(pilot, JoinScreen)
        await type_in(pilot, "#join-code", code[:-1] + ("2" if code[-1] != "2" else "3"))
        await type_in(pilot, "#join-group", "2 Herons")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, JoinScreen) and "letter by letter" in app.screen.problem
        app.screen.query_one("#join-code").value = ""
        await type_in(pilot, "#join-code", code.lower())
        app.screen.query_one("#join-group").value = ""
        await type_in(pilot, "#join-group", "9 Herons")
        await pilot.press("enter")
        await pilot.pause()
        assert "groups 1 to 4, not 9" in app.screen.problem
        app.screen.query_one("#join-group").value = ""
        await type_in(pilot, "#join-group", "2 Herons")
        await pilot.press("enter")
        await wait_for(pilot, IntroScreen)
        session = app.session
        assert session is not None and session.room == code and session.round == 1
        assert session.group == "2 Herons" and session.seed == 2 and session.opacity.value == "transparent"
        assert app.saves_folder == tmp_path / "rooms" / code  # Continue, the load list and exports: the room's
        await pilot.press("enter")  # the intro read: the room's question before play
        await wait_for(pilot, QuestionScreen)
        assert "How do you expect" in screen_text(pilot)
        await pilot.press("enter")  # an Enter carried over answers nothing: it skips
        await wait_for(pilot, TableScreen)
        assert session.before is None
    saved = [json.loads(p.read_text()) for p in (tmp_path / "rooms" / code).glob("autosave-*.json")]
    assert len(saved) == 1 and saved[0]["room"] == {"code": code, "round": 1} and saved[0]["group"] == "2 Herons"


async def test_the_question_before_play_is_saved_at_once(tmp_path: Path) -> None:
    code = make_room(tmp_path)
    cli("play", "--room", code, "--group", "1", "--saves", str(tmp_path), "--headless", "--choices", "1")
    app = GoodStandingApp(Options(saves=str(tmp_path)))
    async with app.run_test(size=(80, 24)) as pilot:
        app.join_room(code, "3")
        await wait_for(pilot, IntroScreen)
        await pilot.press("enter")
        await wait_for(pilot, QuestionScreen)
        await pilot.press("2")
        await type_in(pilot, "#question-line", "it will not see me")
        await pilot.press("enter")
        await wait_for(pilot, TableScreen)
    mine = [json.loads(p.read_text()) for p in (tmp_path / "rooms" / code).glob("autosave-*.json")]
    mine = [s for s in mine if s["group"] == "3"]
    assert len(mine) == 1 and mine[0]["before"] == {"scale": 2, "text": "it will not see me"}


async def test_the_question_after_comes_when_the_debrief_is_left_and_is_asked_once(tmp_path: Path) -> None:
    code = make_room(tmp_path)
    cli("play", "--room", code, "--group", "4", "--saves", str(tmp_path), "--headless", "--policy", "cautious")
    path = next((tmp_path / "rooms" / code).glob("autosave-*.json"))
    app = GoodStandingApp(Options(saves=str(tmp_path), load=str(path)))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, DebriefScreen)
        await pilot.press("escape")  # leave the debrief: the room asks first
        await wait_for(pilot, QuestionScreen)
        assert "How did the city's score treat you?" in screen_text(pilot)
        await pilot.press("5")
        await pilot.press("enter")
        await pilot.pause(0.2)
        assert not isinstance(app.screen, QuestionScreen)
    assert json.loads(path.read_text())["after"] == {"scale": 5, "text": ""}


async def test_a_room_without_questions_asks_nothing(tmp_path: Path) -> None:
    code = make_room(tmp_path, questions=False)
    app = GoodStandingApp(Options(saves=str(tmp_path)))
    async with app.run_test(size=(80, 24)) as pilot:
        app.join_room(code, "1")
        await wait_for(pilot, IntroScreen)
        await pilot.press("enter")
        await wait_for(pilot, TableScreen)
        await pilot.pause(0.1)
        assert not any(isinstance(s, QuestionScreen) for s in app.screen_stack)
