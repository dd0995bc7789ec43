"""The game's exit status: a crash inside the app is seen by the shell as a failure, a quit as success."""

from __future__ import annotations

import argparse

import pytest
from textual.app import App
from tui_helpers import GOOD

from game.tui import launch as launching
from game.tui.app import GoodStandingApp


def _headless(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(GoodStandingApp, "run", lambda self: App.run(self, headless=True, size=(80, 24)))


def test_a_crash_exits_non_zero(monkeypatch: pytest.MonkeyPatch) -> None:
    _headless(monkeypatch)

    def crash(self: GoodStandingApp) -> None:
        raise RuntimeError("a bug in a screen")

    monkeypatch.setattr(GoodStandingApp, "on_ready", crash)
    assert launching.launch(argparse.Namespace(scenario=GOOD)) != 0


def test_quitting_exits_zero(monkeypatch: pytest.MonkeyPatch) -> None:
    _headless(monkeypatch)
    monkeypatch.setattr(GoodStandingApp, "on_ready", lambda self: self.exit(0))
    assert launching.launch(argparse.Namespace(scenario=GOOD)) == 0
