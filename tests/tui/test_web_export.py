"""In a browser tab (`serve`), the debrief's export is delivered to the browser as a download."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from test_play import play_to_debrief
from tui_helpers import GOOD, wait_for

from game.tui.app import GoodStandingApp, Options
from game.tui.screens.intro import IntroScreen


async def test_the_debrief_export_downloads_in_the_browser(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The game as textual-serve's web driver runs it: `is_web`, and what is delivered recorded.
    delivered: list[tuple[str, dict[str, Any]]] = []

    def deliver_text(self: GoodStandingApp, path_or_file: Any, **kwargs: Any) -> str:
        delivered.append((path_or_file.read(), kwargs))
        return "key"

    monkeypatch.setattr(GoodStandingApp, "is_web", property(lambda self: True))
    monkeypatch.setattr(GoodStandingApp, "deliver_text", deliver_text)
    app = GoodStandingApp(Options(scenario=GOOD, persona="vendor", opacity="partial", seed=5, days=2))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, IntroScreen)
        await pilot.press("enter")
        await play_to_debrief(pilot)
        await pilot.press("e")
        await pilot.pause()
        [exported] = list((tmp_path / "saves").glob("debrief-*.md"))  # a copy stays with the saves
        [(text, how)] = delivered
        assert text == exported.read_text(encoding="utf-8") and "## The ledger" in text
        assert how["save_filename"] == exported.name and how["open_method"] == "download"
        assert how["mime_type"] == "text/markdown"
        assert any("browser downloads it" in str(n.message) for n in app._notifications)


pytestmark = pytest.mark.asyncio
