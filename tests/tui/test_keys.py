"""Keys as they really arrive: Enter never answers a card by accident, and bursts never break the screen stack.

Over ssh, in a browser or on a slow laptop, keys come in bursts: several are queued before
the first is handled. `burst` posts them all at once, as a terminal would deliver them.
"""

from __future__ import annotations

import random

import pytest
from textual import events
from textual.pilot import Pilot
from tui_helpers import GOOD, open_choice_keys, wait_for

from game.engine.actions import Choose, TryGate
from game.tui.app import GoodStandingApp, Options
from game.tui.screens.debrief import DebriefScreen
from game.tui.screens.gates import GatesScreen
from game.tui.screens.intro import IntroScreen
from game.tui.screens.refusal import RefusalScreen
from game.tui.screens.table import TableScreen
from game.tui.screens.title import TitleScreen
from game.tui.widgets.card import ChoiceButton
from game.tui.widgets.log import NoticeLog

CHARS = {"enter": "\r", "escape": "\x1b", "tab": "\t"}


async def burst(pilot: Pilot, *keys: str) -> None:
    """Post every key before any is handled, then let the app settle."""
    for key in keys:
        pilot.app.post_message(events.Key(key, CHARS.get(key, key if len(key) == 1 else None)))
    for _ in range(6):
        await pilot.pause()
    await pilot.pause(0.05)


def sane(app: GoodStandingApp) -> list[str]:
    """What is wrong with the screen stack now: the title at the bottom, the table (if any) right on it."""
    stack = app.screen_stack
    names = [type(s).__name__ for s in stack]
    problems = []
    if not stack or not isinstance(stack[0], TitleScreen):
        problems.append(f"the title screen is not at the bottom: {names}")
    tables = [i for i, s in enumerate(stack) if isinstance(s, TableScreen)]
    if tables and tables != [1]:
        problems.append(f"the table is not right above the title: {names}")
    if app.session is not None and not app.session.state.over and len(stack) > 1 and not tables:
        if not any(type(s).__name__ in {"LoadingScreen", "MessageScreen"} for s in stack):
            problems.append(f"a game is on but its table is gone: {names}")
    if len(names) != len(set(names)):
        problems.append(f"a screen is stacked twice: {names}")
    return problems


async def begin(pilot: Pilot) -> TableScreen:
    await wait_for(pilot, IntroScreen)
    await pilot.press("enter")
    screen = await wait_for(pilot, TableScreen)
    assert isinstance(screen, TableScreen)
    return screen


@pytest.mark.parametrize("size", [(80, 24), (100, 32)])
async def test_enter_after_a_refused_gate_answers_nothing(size: tuple[int, int]) -> None:
    # The rider, seed 5: g, Enter tries the gate, Enter closes the refusal, Enter again — nothing is chosen.
    app = GoodStandingApp(Options(persona="rider", opacity="partial", seed=5))
    async with app.run_test(size=size) as pilot:
        await begin(pilot)
        assert app.session is not None
        await pilot.press("g")
        await wait_for(pilot, GatesScreen)
        await pilot.press("enter")
        await wait_for(pilot, RefusalScreen)
        await pilot.press("enter")
        await wait_for(pilot, TableScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert [type(a) for a in app.session.actions] == [TryGate]
        assert not isinstance(app.focused, ChoiceButton)


async def test_enter_answers_the_choice_the_player_moved_the_focus_to() -> None:
    app = GoodStandingApp(Options(persona="rider", opacity="partial", seed=5))
    async with app.run_test(size=(80, 24)) as pilot:
        await begin(pilot)
        assert app.session is not None
        await pilot.press("enter")  # no choice picked yet: nothing
        assert app.session.actions == []
        keys = open_choice_keys(pilot)
        await pilot.press("down")
        focused = app.focused
        assert isinstance(focused, ChoiceButton) and str(focused.slot + 1) == keys[0]
        if len(keys) > 1:
            await pilot.press("down")
            assert isinstance(app.focused, ChoiceButton) and str(app.focused.slot + 1) == keys[1]
        slot = app.focused.slot
        await pilot.press("enter")
        await pilot.pause()
        assert app.session.actions == [Choose(slot)]
        assert not isinstance(app.focused, ChoiceButton)  # the next card starts with no choice picked


@pytest.mark.parametrize("enters", [2, 5])
async def test_a_burst_of_enters_on_the_gates_tries_one_gate_and_keeps_the_table(enters: int) -> None:
    # `play --persona stall --opacity opaque --seed 1`, g, then Enters in one burst.
    app = GoodStandingApp(Options(persona="stall", opacity="opaque", seed=1))
    async with app.run_test(size=(100, 32)) as pilot:
        await begin(pilot)
        assert app.session is not None
        await pilot.press("g")
        await wait_for(pilot, GatesScreen)
        await burst(pilot, *["enter"] * enters)
        assert sane(app) == []
        assert [type(a) for a in app.session.actions] == [TryGate]
        await burst(pilot, "escape", "escape")
        assert isinstance(app.screen, TableScreen)


KEYS = ["enter"] * 5 + ["escape"] * 3 + list("123456789") + ["tab"]


async def _reach(pilot: Pilot, how: str) -> None:
    """Go from a fresh table to the screen `how` names."""
    opening = {"gates": "g", "dossier": "d", "rulebook": "b", "rest": "r", "save": "s", "leave": "q",
               "help": "question_mark"}
    if how == "table":
        return
    if how == "refusal":
        await pilot.press("g")
        await wait_for(pilot, GatesScreen)
        await pilot.press("enter")
        await pilot.pause()
        return
    await pilot.press(opening[how])
    await pilot.pause()


@pytest.mark.slow
@pytest.mark.parametrize("where", ["table", "gates", "refusal", "dossier", "rulebook", "rest", "save", "leave",
                                   "help"])
async def test_bursts_of_keys_at_every_screen_of_a_season_never_break_the_stack(where: str) -> None:
    rng = random.Random(where)
    app = GoodStandingApp(Options(persona="stall", opacity="transparent", seed=1))
    async with app.run_test(size=(80, 24)) as pilot:
        await begin(pilot)
        for _ in range(6):
            if isinstance(app.screen, DebriefScreen) or app.session is None:
                break
            if isinstance(app.screen, TableScreen):
                await _reach(pilot, where)
            await burst(pilot, *rng.choices(KEYS, k=8))
            assert sane(app) == [], where
            while not isinstance(app.screen, (TableScreen, TitleScreen, DebriefScreen)):
                await burst(pilot, "escape")
                assert sane(app) == [], where
            if isinstance(app.screen, TitleScreen):
                break


@pytest.mark.slow
@pytest.mark.parametrize("start", ["title", "persona", "opacity", "intro", "load", "debrief"])
async def test_bursts_of_keys_on_the_way_in_and_out_never_break_the_stack(start: str) -> None:
    rng = random.Random(start)
    options = {"intro": Options(persona="stall", opacity="opaque", seed=2),
               "debrief": Options(scenario=GOOD, persona="vendor", opacity="opaque", seed=2, days=1)}
    app = GoodStandingApp(options.get(start, Options()))
    async with app.run_test(size=(80, 24)) as pilot:
        if start == "intro":
            await wait_for(pilot, IntroScreen)
        elif start == "debrief":
            await begin(pilot)
            while not isinstance(app.screen, DebriefScreen):
                await pilot.press(open_choice_keys(pilot)[0] if open_choice_keys(pilot) else "escape")
                await pilot.pause()
        else:
            await wait_for(pilot, TitleScreen)
            await pilot.press({"title": "escape", "persona": "n", "opacity": "n", "load": "l"}[start])
            await pilot.pause(0.1)
            if start == "opacity":
                await pilot.press("enter")
                await pilot.pause(0.1)
        for _ in range(5):
            await burst(pilot, *rng.choices([k for k in KEYS if k != "tab"], k=6))
            assert sane(app) == [], start


async def test_a_closed_choice_pressed_says_why_in_the_cards_words() -> None:
    app = GoodStandingApp(Options(persona="teacher", opacity="partial", seed=1))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await begin(pilot)
        session = app.session
        assert session is not None
        card = next(c for c in session.book.cards_for["teacher"]
                    if any(ch.cost and any(a.key == "money" for a in ch.cost) for ch in c.choices))
        slot = next(i for i, ch in enumerate(card.choices) if any(a.key == "money" for a in ch.cost))
        session.state.hand = [card.id]
        session.state.vals["money"] = 0
        screen.refresh_view()
        await pilot.pause()
        await pilot.press(str(slot + 1))
        await pilot.pause()
        assert session.actions == []
        said = [n.message for n in app._notifications]
        assert any(m.startswith(f"Choice {slot + 1} is closed: not enough Money: you have 0") for m in said), said
        for _ in range(4):  # pressed again and again: one toast, not a stack over the card
            await pilot.press(str(slot + 1))
        await pilot.pause()
        assert [n.title for n in app._notifications].count("Not now") == 1


async def test_enter_on_the_appeal_question_cancels_it() -> None:
    from game.tui.screens.confirm import ConfirmScreen

    screen = ConfirmScreen("Appeal record #1?", yes="Appeal", no="Cancel", safe=True)
    results: list[bool] = []
    from textual.app import App

    class Host(App[None]):
        def on_mount(self) -> None:
            self.push_screen(screen, results.append)

    app = Host()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
    assert results == [False]


async def test_page_down_in_the_log_keeps_the_last_line_read_in_sight() -> None:
    app = GoodStandingApp(Options(persona="rider", opacity="transparent", seed=5))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, IntroScreen)
        await pilot.press("enter")
        table = await wait_for(pilot, TableScreen)
        log = table.query_one(NoticeLog)
        log.add([f"line {n}" for n in range(40)])
        await pilot.pause()
        log.scroll_to(y=0, animate=False)
        await pilot.pause()
        height = log.scrollable_content_region.height
        assert height >= 3
        await pilot.press("pagedown")
        await pilot.pause()
        assert log.scroll_y == height - 1  # the page's last line is now its first
        await pilot.press("pageup")
        await pilot.pause()
        assert log.scroll_y == 0
