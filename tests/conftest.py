"""Shared fixtures: the small test city, compiled once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.content.city import open_city
from game.engine.book import Book

ROOT = Path(__file__).resolve().parents[1]
GOOD = ROOT / "tests" / "scenarios" / "good"


@pytest.fixture(scope="session")
def book() -> Book:
    return open_city(GOOD).book


@pytest.fixture(autouse=True)
def _own_saves_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Keep a developer's own saves out of tests, and tests' saves out of theirs.
    monkeypatch.setenv("GOOD_STANDING_SAVES", str(tmp_path / "saves"))
