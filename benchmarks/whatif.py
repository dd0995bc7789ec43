"""Turning points of a full season of the default city: the cost against one replay of the same season.

    python benchmarks/whatif.py [--seasons N]

For each persona, plays a full 30-day season with the random bot (several seeds), then times
`turning_points` — every decision played out again with each other choice open there, the player's
later answers kept where they still fit — against one plain replay of that season's actions in the
same process (`replay`, the one loop every face uses), so the ratio says how many seasons the
analysis costs. The goal: a full season's analysis in at most 2 s on this machine.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from game.content.city import open_city  # noqa: E402
from game.engine.season import play, replay  # noqa: E402
from game.engine.turn import new_game  # noqa: E402
from game.engine.whatif import decisions, turning_points  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seasons", type=int, default=3, help="seasons per persona (default 3)")
    args = parser.parse_args()
    book = open_city(None).book
    print(f"{'persona':<8} {'decisions':>9} {'flips':>6} {'analysis':>9} {'one replay':>11} {'ratio':>6}")
    worst = 0.0
    for persona in book.personas:
        for seed in range(1, args.seasons + 1):
            played = play(book, persona, seed, "random", 30)
            start, _ = new_game(book, persona, seed, 30)
            decs = decisions(book, start, played.actions)
            flips = sum(len(d.options) - 1 for d in decs)
            t0 = time.perf_counter()
            turning_points(book, start, played.actions)
            analysis = time.perf_counter() - t0
            replays = []
            for _ in range(5):
                t0 = time.perf_counter()
                for _taken in replay(book, start, played.actions):
                    pass
                replays.append(time.perf_counter() - t0)
            one = statistics.median(replays)
            worst = max(worst, analysis)
            print(f"{persona:<8} {len(decs):>9} {flips:>6} {analysis:>8.2f}s {one * 1000:>9.1f}ms {analysis / one:>6.0f}×")
    print(f"slowest full-season analysis: {worst:.2f} s (goal: at most 2 s)")


if __name__ == "__main__":
    main()
