"""Many players, one saves folder: games started at the same instant with identical options all survive.

Each run starts N processes, lets them all load the game and wait, then releases them
together; each plays its own random moves into the one folder. Afterwards the folder
must hold N games, each replaying to exactly one player's actions.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from game.engine.actions import encode
from game.saves import list_saves, load_session

ROOT = Path(__file__).resolve().parents[1]
CHILD = ROOT / "tests" / "saves" / "race_child.py"
GOOD = ROOT / "tests" / "scenarios" / "good"


def race(folder: Path, players: int, moves: int, round_no: int, export: bool = False) -> list[dict[str, object]]:
    args = ["export"] if export else []
    procs = [subprocess.Popen([sys.executable, str(CHILD), str(folder), str(GOOD), str(moves),
                               str(round_no * 1000 + n), *args],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for n in range(players)]
    for p in procs:  # everyone has loaded the city and waits at the barrier
        assert p.stdout is not None and p.stdout.readline().strip() == "ready"
    for p in procs:  # released together
        assert p.stdin is not None
        p.stdin.write("go\n")
        p.stdin.flush()
    results = []
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
        results.append(json.loads(out.strip().splitlines()[-1]))
    return results


@pytest.mark.slow
@pytest.mark.parametrize("round_no", range(4))
def test_twelve_games_started_together_with_identical_options_leave_twelve_games(tmp_path: Path,
                                                                                  round_no: int) -> None:
    results = race(tmp_path, 12, 6, round_no)
    files = {r["file"] for r in results}
    assert len(files) == 12, "two players were given the same file"
    saves = list_saves(tmp_path)
    assert len(saves) == 12 and len({s.game_id for s in saves}) == 12
    for r in results:
        replayed = load_session(Path(str(r["file"])))  # replays from the seed and checks the snapshot
        assert r["actions"] == [encode(a) for a in replayed.actions]


@pytest.mark.slow
def test_exports_of_games_with_identical_options_never_replace_each_other(tmp_path: Path) -> None:
    results = race(tmp_path, 10, 2, 9, export=True)
    exports = sorted(tmp_path.glob("debrief-*.md"))
    assert len(exports) == 10 == len({r["export"] for r in results})
    assert sorted(p.read_text(encoding="utf-8") for p in exports) == sorted(
        f"debrief of {9000 + n}\n" for n in range(10))
