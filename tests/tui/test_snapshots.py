"""SVG snapshots of the main screens at a fixed size: title, table, dossier, debrief (80×24 and 100×30)."""

from __future__ import annotations

from textual.pilot import Pilot
from tui_helpers import GOOD, wait_for

from game.tui.app import GoodStandingApp, Options
from game.tui.screens.debrief import DebriefScreen
from game.tui.screens.dossier import DossierScreen
from game.tui.screens.intro import IntroScreen
from game.tui.screens.table import TableScreen
from game.tui.screens.title import TitleScreen

# Three days of a dockworker's season, seed 3: the fare dodged, a light dashed, a record filed.
KEYS = ["1", "1", "1", "1", "1", "1"]


def game(opacity: str = "partial") -> GoodStandingApp:
    return GoodStandingApp(Options(scenario=GOOD, persona="dockworker", opacity=opacity, seed=3))


def test_title_screen(snap_compare) -> None:
    async def ready(pilot: Pilot) -> None:
        await wait_for(pilot, TitleScreen)

    assert snap_compare(GoodStandingApp(Options(scenario=GOOD)), terminal_size=(80, 24), run_before=ready)


def test_table_at_80_by_24(snap_compare) -> None:
    async def ready(pilot: Pilot) -> None:
        await wait_for(pilot, IntroScreen)
        await pilot.press("enter")
        await wait_for(pilot, TableScreen)

    assert snap_compare(game(), terminal_size=(80, 24), run_before=ready)


def test_table_after_three_days_transparent(snap_compare) -> None:
    async def ready(pilot: Pilot) -> None:
        await wait_for(pilot, IntroScreen)
        await pilot.press("enter", *KEYS)
        await wait_for(pilot, TableScreen)

    assert snap_compare(game("transparent"), terminal_size=(100, 30), run_before=ready)


def test_dossier(snap_compare) -> None:
    async def ready(pilot: Pilot) -> None:
        await wait_for(pilot, IntroScreen)
        await pilot.press("enter", *KEYS, "d")
        await wait_for(pilot, DossierScreen)

    assert snap_compare(game("partial"), terminal_size=(100, 30), run_before=ready)


def test_debrief(snap_compare) -> None:
    async def ready(pilot: Pilot) -> None:
        await wait_for(pilot, IntroScreen)
        await pilot.press("enter")
        for _ in range(40):
            await pilot.pause()
            if isinstance(pilot.app.screen, DebriefScreen):
                break
            await pilot.press("1")
        screen = await wait_for(pilot, DebriefScreen)
        assert isinstance(screen, DebriefScreen)
        for _ in range(400):  # the turning points are worked out in a thread: the page is drawn once they are in
            if not screen.turns_pending:
                break
            await pilot.pause(0.02)
        assert not screen.turns_pending
        await pilot.pause()

    assert snap_compare(game("opaque"), terminal_size=(100, 30), run_before=ready)
