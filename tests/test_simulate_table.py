"""`simulate`'s tables read at 100 columns: endings down, policies across, one table per persona,
only the endings that persona can reach."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def simulate(*args: str) -> str:
    env = {**os.environ, "COLUMNS": "100"}
    out = subprocess.run([sys.executable, "-m", "game", "simulate", "--runs", "80", "--seed", "0", *args],
                         capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)
    assert out.returncode == 0, out.stderr
    return out.stdout


def test_the_tables_fit_100_columns_and_nothing_is_cut() -> None:
    text = simulate()
    assert max(len(line) for line in text.splitlines()) <= 100
    endings_part = text[: text.index("Final scores")]
    assert "…" not in endings_part
    for title in ("Yucai's red gate", "A desk by the window", "An ordinary winter in Lanshui"):
        assert title in endings_part
    assert "score-first" in endings_part and "values-first" in endings_part


def test_one_persona_shows_only_the_endings_it_can_reach() -> None:
    text = simulate("--persona", "teacher")
    endings_part = text[: text.index("Final scores")]
    assert "Yucai's red gate" in endings_part and "An ordinary winter in Lanshui" in endings_part
    assert "A desk by the window" not in endings_part  # the rider's
