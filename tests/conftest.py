"""Shared fixtures: the small test city, compiled once per session, and tiny cities made to measure."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from game.content.city import open_city
from game.content.yaml_reader import read_yaml
from game.engine.book import Book

ROOT = Path(__file__).resolve().parents[1]
GOOD = ROOT / "tests" / "scenarios" / "good"
TINY = ROOT / "tests" / "broken" / "_base" / "scenario.yaml"


@pytest.fixture(scope="session")
def book() -> Book:
    return open_city(GOOD).book


@pytest.fixture(autouse=True)
def _own_saves_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Keep a developer's own saves out of tests, and tests' saves out of theirs.
    monkeypatch.setenv("GOOD_STANDING_SAVES", str(tmp_path / "saves"))


def tiny_scenario() -> dict[str, Any]:
    """The clean one-file city the broken corpus is copied from, as data to change (a fresh copy each call)."""
    return copy.deepcopy(read_yaml(TINY.read_text(encoding="utf-8")).data)


@pytest.fixture
def write_city(tmp_path: Path) -> Callable[[dict[str, Any]], Path]:
    """Write a scenario (data) as a one-file city in its own folder; returns the folder."""
    made = [0]

    def write(data: dict[str, Any]) -> Path:
        made[0] += 1
        folder = tmp_path / f"city{made[0]}"
        folder.mkdir()
        # JSON is YAML 1.2: the loader reads it like any scenario file.
        (folder / "scenario.yaml").write_text(json.dumps(data, indent=1), encoding="utf-8")
        return folder

    return write


@pytest.fixture
def make_city(write_city: Callable[[dict[str, Any]], Path]) -> Callable[[dict[str, Any]], Book]:
    """Compile a scenario (data) through the one way every face opens a city."""
    return lambda data: open_city(write_city(data)).book
