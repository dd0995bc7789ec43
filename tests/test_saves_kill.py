"""The kill test: a game killed with SIGKILL at any moment leaves a loadable save of its last or previous action.

A player process (tests/saves/kill_child.py) plays on and on, autosaving after
every action, and says on stdout which action it is about to take (`act K`) and
which it has saved (`saved K`). It is killed at random moments, many times; each
time it is started again it continues from its autosave, as `continue` would.

After each kill, with L the last action reported saved: the autosave must load
(replaying to its snapshot) and hold exactly the first L or L+1 actions taken —
L+1 only if action L+1 had been started, since the kill may land after its save
was in place but before `saved` was printed. Its backup, if any, must load too
and be the same or one action behind. Nothing else may be lost or forked.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from game.engine.actions import encode
from game.saves import backup_path, load_session

ROOT = Path(__file__).resolve().parents[1]
CHILD = ROOT / "tests" / "saves" / "kill_child.py"
GOOD = ROOT / "tests" / "scenarios" / "good"
KILLS = int(os.environ.get("GOOD_STANDING_KILLS", "60"))
DAYS = 60  # long seasons: each game lives through several kills


@dataclass
class Game:
    """What the test knows of one game from the player's reports."""

    seed: int
    path: Path
    taken: dict[int, str] = field(default_factory=dict)  # action number → action, as announced
    saved: int = 0  # the last action reported saved


def check(game: Game, kill: int) -> tuple[int, int]:
    """The save after a kill holds the last or the previous action; returns (actions in it, in its backup)."""
    where = f"kill {kill}, seed {game.seed}, last saved {game.saved}"
    session = load_session(game.path, GOOD)  # raises if unreadable or if the replay differs from the snapshot
    n = len(session.actions)
    assert n == game.saved or (n == game.saved + 1 and n in game.taken), f"{where}: the save holds {n} actions"
    assert [encode(a) for a in session.actions] == [game.taken[k] for k in range(1, n + 1)], f"{where}: other actions"
    bak = backup_path(game.path)
    m = -1
    if bak.exists():
        backup = load_session(bak, GOOD)
        m = len(backup.actions)
        assert m in (n - 1, n), f"{where}: the backup holds {m} actions, the save {n}"
        assert backup.actions == session.actions[:m], f"{where}: the backup is of another game"
    return n, m


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_game_killed_at_any_moment_keeps_its_last_or_previous_action(tmp_path: Path) -> None:
    folder = tmp_path / "saves"
    rng = random.Random(int(os.environ.get("GOOD_STANDING_KILL_SEED", "1")))
    games: dict[int, Game] = {}
    current: Game | None = None
    seed = 1
    # Where the kills landed, as far as can be seen from outside.
    landed = {"before any action": 0, "mid-write (a temporary file left)": 0,
              "after the save, before it was reported": 0}
    temps = 0
    started = time.monotonic()
    for kill in range(1, KILLS + 1):
        proc = subprocess.Popen([sys.executable, str(CHILD), str(folder), str(GOOD), str(seed), str(DAYS)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT, text=True)
        assert proc.stdout is not None
        ready = proc.stdout.readline()  # startup (imports, loading the save) is not where saving can fail
        if not ready.startswith("game "):
            pytest.fail(f"the player did not start: {ready!r} {proc.stderr.read() if proc.stderr else ''}")
        time.sleep(rng.uniform(0.0, 0.04))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        assert proc.returncode == -signal.SIGKILL, f"the player ended by itself: {proc.returncode}"
        lines = [ready.rstrip("\n")] + [line for line in proc.stdout.read().split("\n") if line]
        proc.stdout.close()
        if proc.stderr:
            proc.stderr.close()
        for line in lines:
            word, _, rest = line.partition(" ")
            if word == "game":
                s, n0, path = rest.split(" ", 2)
                if current is not None and int(s) != current.seed:
                    check(current, kill)  # the finished game's save is whole too
                current = games.setdefault(int(s), Game(int(s), Path(path)))
                assert current.path == Path(path), "a continued game must keep its autosave file"
                assert int(n0) in (current.saved, current.saved + 1), f"kill {kill}: resumed at {n0}"
                current.saved = int(n0)
            elif word == "act":
                assert current is not None
                k, action = rest.split(" ", 1)
                assert current.taken.setdefault(int(k), action) == action, "the same game must make the same moves"
            elif word == "saved":
                assert current is not None
                current.saved = int(rest)
        assert current is not None
        seed = current.seed
        n, _ = check(current, kill)
        left = len(list(folder.glob(".*.tmp")))
        landed["before any action"] += len(lines) == 1
        landed["mid-write (a temporary file left)"] += left > temps
        landed["after the save, before it was reported"] += n == current.saved + 1
        temps = left
    elapsed = time.monotonic() - started
    autosaves = sorted(p.name for p in folder.glob("autosave-*.json"))
    assert autosaves == sorted(g.path.name for g in games.values()), "a game was forked or lost on a restart"
    total = sum(g.saved for g in games.values())
    print(f"\nkill test: {KILLS} kills in {elapsed:.1f}s over {len(games)} games and {total} saved actions; "
          f"killed {landed}")
    assert total > KILLS, "the player must make progress between kills"
