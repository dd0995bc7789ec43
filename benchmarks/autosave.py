"""Autosave cost per action at day 30 and at day 365, against the plain cost of the action itself.

    python benchmarks/autosave.py [--actions N]

Plays the default city's teacher with the random bot for a 30-day and a 365-day
season, then times autosaves of the game as it stands at its last day (the
largest save of the season), in a temporary folder: the autosaver's own write
(check the file is still the game's, back it up, write, rename) against one
engine step in the same process, so the ratio says what saving adds to a move.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from game.content.city import open_city  # noqa: E402
from game.engine.season import play  # noqa: E402
from game.engine.turn import step  # noqa: E402
from game.saves import Autosaver  # noqa: E402
from game.session import Session  # noqa: E402


def measure(days: int, writes: int) -> None:
    city = open_city(None)
    persona = city.book.scenario.scenario.default_persona or next(iter(city.book.personas))
    played = play(city.book, persona, 7, "random", days)
    session = Session(city, persona, 7, city.book.scenario.scenario.default_opacity, days, played.state,
                      list(played.actions))
    with tempfile.TemporaryDirectory() as folder:
        saver = Autosaver(folder)
        saver(session)
        times = []
        for _ in range(writes):
            t0 = time.perf_counter()
            saver(session)
            times.append(time.perf_counter() - t0)
        size = saver.path.stat().st_size if saver.path else 0
    # An engine step from a state of the same day, for the ratio.
    before = played.state
    replayed = play(city.book, persona, 7, "random", days)
    steps = []
    state = None
    from game.engine.turn import new_game

    state, _ = new_game(city.book, persona, 7, days)
    for action in replayed.actions:
        t0 = time.perf_counter()
        state, _ = step(city.book, state, action)
        steps.append(time.perf_counter() - t0)
    assert state.to_json() == before.to_json()
    med = statistics.median(times) * 1e3
    p90 = sorted(times)[int(len(times) * 0.9)] * 1e3
    step_ms = statistics.median(steps) * 1e3
    print(f"day {days:>3}: {len(played.actions):>4} actions, save {size / 1024:,.0f} KiB: autosave median {med:.2f} ms, "
          f"p90 {p90:.2f} ms; one engine step {step_ms:.3f} ms (autosave = {med / step_ms:,.0f}× a step)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--writes", type=int, default=60)
    args = parser.parse_args()
    for days in (30, 365):
        measure(days, args.writes)


if __name__ == "__main__":
    main()
