"""80×24 stays readable: the last outcome stays in view, the log reflows, titles and goals are whole;
below 80×24 the game says the window is too small and waits."""

from __future__ import annotations

import textwrap

import pytest
from tui_helpers import GOOD, open_choice_keys, screen_text, wait_for

from game.engine.policies import POLICIES, policy_stream
from game.tui.app import GoodStandingApp, Options
from game.tui.screens.intro import IntroScreen
from game.tui.screens.table import TableScreen
from game.tui.screens.too_small import TooSmallScreen
from game.tui.widgets.goals import GoalsPanel
from game.tui.widgets.log import NoticeLog


def region_lines(screen, widget) -> list[str]:  # noqa: ANN001 - a screen and a widget
    r = widget.content_region
    strips = screen._compositor.render_strips()
    return [strips[y].crop(r.x, r.right).text.rstrip() for y in range(r.y, r.bottom)]


async def begin(app: GoodStandingApp, pilot) -> TableScreen:  # noqa: ANN001 - a Pilot
    await wait_for(pilot, IntroScreen)
    await pilot.press("enter")
    return await wait_for(pilot, TableScreen)


async def test_below_80_by_24_the_game_says_so_and_waits() -> None:
    app = GoodStandingApp(Options(scenario=GOOD, persona="dockworker", opacity="partial", seed=1))
    async with app.run_test(size=(80, 24)) as pilot:
        await begin(app, pilot)
        await pilot.resize_terminal(70, 20)
        await wait_for(pilot, TooSmallScreen)
        assert "needs at least 80×24" in screen_text(pilot) and "70×20" in screen_text(pilot)
        await pilot.press("1", "enter", "question_mark")
        assert isinstance(app.screen, TooSmallScreen) and app.session is not None and app.session.actions == []
        await pilot.resize_terminal(80, 24)
        await wait_for(pilot, TableScreen)


async def test_the_last_outcome_of_a_day_stays_in_view_at_80_by_24() -> None:
    app = GoodStandingApp(Options(scenario=GOOD, persona="dockworker", opacity="transparent", seed=1))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await begin(app, pilot)
        assert app.session is not None
        day = app.session.state.day
        while app.session.state.day == day:  # answer the day's cards; the last one starts the next day
            await pilot.press(open_choice_keys(pilot)[0])
            await pilot.pause()
        await pilot.pause(0.1)
        log = screen.query_one(NoticeLog)
        written = log.lines_written
        chose = max(i for i, line in enumerate(written) if line.startswith("▶"))
        shown = " ".join(" ".join(region_lines(screen, log)).split())
        assert " ".join(written[chose].split())[:30] in shown  # what you chose last ...
        assert " ".join(written[chose + 1].split())[:20] in shown  # ... and what came of it


async def test_the_log_reflows_after_a_resize_and_the_side_panel_stays_whole() -> None:
    app = GoodStandingApp(Options(scenario=GOOD, persona="dockworker", opacity="transparent", seed=1))
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await begin(app, pilot)
        await pilot.press(open_choice_keys(pilot)[0])
        await pilot.pause()
        await pilot.resize_terminal(80, 24)
        await pilot.pause(0.1)
        log = screen.query_one(NoticeLog)
        assert all(len(line.rstrip()) <= log.content_region.width for line in region_lines(screen, log))
        assert max(s.cell_length for s in log.lines) <= log.scrollable_content_region.width
        text = screen_text(pilot)
        assert "Scores" in text and "transparent" in text and "transpare…" not in text
        goals = screen.query_one(GoalsPanel)
        width = goals.content_region.width
        wanted = 1 + sum(len(textwrap.wrap(g.text + (f" {g.progress}" if g.progress else ""), width,
                                           initial_indent="• ", subsequent_indent="  ")) for g in goals.goals)
        assert len([line for line in region_lines(screen, goals)]) == wanted  # wrapped once, to the width it has


async def test_a_city_opened_while_the_window_is_too_small_goes_on_once_it_is_large(monkeypatch) -> None:  # noqa: ANN001
    """The loading screen is not stranded under the notice: the opened city's next screen comes when it can."""
    import threading

    import game.content.city as city_module
    from game.tui.screens.loading import LoadingScreen
    from game.tui.screens.persona import PersonaScreen

    release = threading.Event()
    real = city_module.open_city

    def slow_open(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202 - the real function's own arguments
        release.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(city_module, "open_city", slow_open)
    app = GoodStandingApp(Options(scenario=GOOD))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await wait_for(pilot, LoadingScreen)
        await pilot.resize_terminal(60, 20)
        await wait_for(pilot, TooSmallScreen)
        release.set()
        for _ in range(50):  # the city opens behind the notice
            await pilot.pause(0.02)
            if city_module.open_city is slow_open and app._books:
                break
        await pilot.pause(0.1)
        await pilot.resize_terminal(80, 24)
        await wait_for(pilot, PersonaScreen)
        assert not any(isinstance(s, (LoadingScreen, TooSmallScreen)) for s in app.screen_stack)


async def test_a_continued_game_shows_its_last_move_in_the_log_and_pageup_reads_back(tmp_path) -> None:  # noqa: ANN001
    first = GoodStandingApp(Options(scenario=GOOD, persona="dockworker", opacity="transparent", seed=1,
                                    saves=str(tmp_path)))
    async with first.run_test(size=(80, 24)) as pilot:
        await begin(first, pilot)
        for _ in range(6):
            await pilot.press(open_choice_keys(pilot)[0])
            await pilot.pause()
    again = GoodStandingApp(Options(scenario=GOOD, saves=str(tmp_path)))
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.3)
        again.continue_latest()
        screen = await wait_for(pilot, TableScreen)
        await pilot.pause(0.2)
        log = screen.query_one(NoticeLog)
        written = log.lines_written
        chose = max(i for i, line in enumerate(written) if line.startswith("▶"))
        shown = " ".join(" ".join(region_lines(screen, log)).split())
        assert " ".join(written[chose].split())[:30] in shown  # the last move, not the season's first lines
        assert log.scroll_y > 0
        before = log.scroll_y
        await pilot.press("pageup")
        await pilot.pause()
        assert log.scroll_y < before
        await pilot.press("pagedown")
        await pilot.pause()
        assert log.scroll_y > 0 and again.session is not None and len(again.session.actions) == 6


@pytest.mark.parametrize("persona", ["rider", "stall", "student", "teacher"])
async def test_every_goal_stays_in_sight_at_80_by_24_with_transparent_rules_on_the_score_panel(persona: str) -> None:
    app = GoodStandingApp(Options(persona=persona, opacity="transparent", seed=5))  # the default city: two scores
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await begin(app, pilot)
        assert app.session is not None
        session = app.session
        for _ in range(40):  # a random player's moves, until each score has had rules fire on it
            if min(sum(e.score == s for e in session.state.ledger) for s in ("civic", "lotus")) >= 2:
                break
            session.act(POLICIES["random"](session.book, session.state, policy_stream(session.state, "random")))
        assert not session.state.over
        screen.refresh_view()
        await pilot.pause(0.1)
        goals = screen.query_one(GoalsPanel)
        side = screen.query_one("#side")
        assert goals.region.bottom <= side.region.bottom, "a goal was pushed below the side panel"
        shown = " ".join(" ".join(region_lines(screen, goals)).split())
        for goal in goals.goals:  # each in its short form, whole: three goals fit beside the card
            assert goal.short != goal.text and goal.short in shown
        # and in a tall window, the goals in full
        await pilot.resize_terminal(120, 40)
        await pilot.pause(0.1)
        shown = " ".join(" ".join(region_lines(screen, goals)).split())
        assert all(goal.text in shown for goal in goals.goals)


async def test_a_door_s_words_wrap_under_themselves_at_80_by_24() -> None:
    from textual.widgets import OptionList

    from game.tui.screens.gates import GatesScreen

    app = GoodStandingApp(Options(persona="student", opacity="transparent", seed=3, days=14))
    async with app.run_test(size=(80, 24)) as pilot:
        await begin(app, pilot)
        await pilot.press("g")
        screen = await wait_for(pilot, GatesScreen)
        await pilot.pause(0.1)
        menu = screen.query_one(OptionList)
        lines = [line for line in region_lines(screen, menu) if line.strip()]
        names = {o.id for o in menu._options}
        assert names and len(lines) > len(names)  # some door's words run over one line
        body = [line for line in lines if not any(app.session.book.gate_info[g].name in line for g in names)]
        assert body and all(line.startswith("  ") for line in body), body  # indented under the door's name
