"""Fixtures for the Textual game's tests: steady cursors, and saves kept in the test's own folder."""

from __future__ import annotations

import pytest
from textual.widgets import Input


@pytest.fixture(autouse=True)
def _steady_cursors(monkeypatch: pytest.MonkeyPatch) -> None:
    # A blinking cursor makes two screenshots of the same screen differ.
    monkeypatch.setattr(Input, "cursor_blink", False)


@pytest.fixture(autouse=True)
def _dark_theme(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GOOD_STANDING_THEME", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
