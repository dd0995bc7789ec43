"""The title screen comes up without the scenario machinery: the city is compiled in a worker meanwhile."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tui_helpers import GOOD, wait_for

from game.tui.app import GoodStandingApp, Options
from game.tui.screens.title import TitleScreen

ROOT = Path(__file__).resolve().parents[2]


def test_the_road_to_the_title_screen_imports_no_scenario_machinery() -> None:
    code = (
        "import sys\n"
        "from game.cli import build_parser\n"
        "build_parser().parse_args(['play'])\n"
        "import game.tui.launch, game.tui.screens.title\n"
        "heavy = ('pydantic', 'ruamel', 'game.engine', 'game.session', 'markdown_it')\n"
        "print(','.join(m for m in heavy if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


async def test_no_color_is_honoured(monkeypatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = GoodStandingApp(Options(scenario=GOOD))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, TitleScreen)
        assert app.no_color


async def test_the_city_is_compiled_while_the_title_screen_is_up() -> None:
    app = GoodStandingApp(Options(scenario=GOOD))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, TitleScreen)
        for _ in range(200):
            if app._books:
                break
            await pilot.pause(0.02)
        assert GOOD in app._books
