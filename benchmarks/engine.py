"""Benchmark: the time of one decision, and simulate throughput in decisions per second.

Run: python benchmarks/engine.py [--scenario S] [--seasons N]
The peer: ChoiceScript's randomtest plays its small sample game at about 28,600
decisions a second on this kind of machine. First step: one decision ≤ 1 ms
median, 10,000 seasons of a 30-day city ≤ 60 s on 2 cores. Aim: ≤ 70 µs a decision.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from game.content.city import open_city  # noqa: E402
from game.engine.policies import POLICIES, policy_stream  # noqa: E402
from game.engine.turn import new_game, step  # noqa: E402
from game.sim.simulate import combos_for, simulate  # noqa: E402

CHOICESCRIPT_RANDOMTEST = 28_600  # decisions per second, its own sample game


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scenario", default=None)
    parser.add_argument("--seasons", type=int, default=10_000)
    args = parser.parse_args()
    city = open_city(args.scenario)
    book, path = city.book, city.folder
    print(f"scenario: {book.scenario.scenario.id} ({len(book.cards)} cards, {len(book.rules)} rules, "
          f"{book.days} days)")

    # One decision: the step alone, timed per call over many random-policy seasons.
    times: list[float] = []
    bot_times: list[float] = []
    for seed in range(300):
        persona = list(book.personas)[seed % len(book.personas)]
        state, _ = new_game(book, persona, seed)
        while not state.over:
            t0 = time.perf_counter()
            action = POLICIES["random"](book, state, policy_stream(state, "random"))
            t1 = time.perf_counter()
            state, _ = step(book, state, action)
            t2 = time.perf_counter()
            bot_times.append(t1 - t0)
            times.append(t2 - t1)
    times.sort()
    print(f"one decision (engine step): median {statistics.median(times) * 1e6:.1f} µs, "
          f"p90 {times[int(0.9 * len(times))] * 1e6:.1f} µs, p99 {times[int(0.99 * len(times))] * 1e6:.1f} µs "
          f"over {len(times):,} decisions (goal ≤ 1000 µs, aim ≤ 70 µs)")
    print(f"random bot's own choosing: median {statistics.median(bot_times) * 1e6:.1f} µs")

    combos = combos_for(book, list(book.personas), list(POLICIES))
    for workers in (1, 2):
        seasons = args.seasons if workers == 2 else max(1000, args.seasons // 5)
        t0 = time.perf_counter()
        tallies = simulate(book, path, combos, seasons, 0, workers=workers)
        elapsed = time.perf_counter() - t0
        decisions = sum(t.decisions for t in tallies.values())
        rate = decisions / elapsed
        print(f"simulate, {workers} worker{'s' if workers > 1 else ''}: {seasons:,} seasons, {decisions:,} decisions "
              f"in {elapsed:.1f} s = {rate:,.0f} decisions/s, {decisions / seasons:.1f} decisions a season "
              f"({rate / CHOICESCRIPT_RANDOMTEST:.2f}× ChoiceScript randomtest's {CHOICESCRIPT_RANDOMTEST:,}/s)")
        if workers == 2:
            print(f"  → 10,000 seasons would take {elapsed * 10_000 / seasons:.1f} s on 2 cores (goal ≤ 60 s, aim ≤ 21 s)")


if __name__ == "__main__":
    main()
