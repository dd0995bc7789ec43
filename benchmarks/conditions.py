"""Benchmark: compiled conditions against plain Python lambdas, and loading a scenario.

Run: python benchmarks/conditions.py [SCENARIO]
Prints figures and ratios; it asserts nothing (speed is measured here, not in tests).
"""

from __future__ import annotations

import statistics
import sys
import time
import timeit
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from game.model.condition import T, Var, compile_condition  # noqa: E402

NAMES = {
    "civic": Var(T.num, "score"), "money": Var(T.num, "stat"), "rent": Var(T.num, "stat"),
    "day": Var(T.num, "day"), "stress": Var(T.num, "stat"), "blacklisted": Var(T.bool, "flag"),
    "record": Var(T.set, "records", frozenset({"fare_evasion", "jaywalk"})),
    "persona": Var(T.str, "persona", frozenset({"rider", "student"})),
    "civic_tier": Var(T.str, "tier", frozenset({"A", "B", "C", "D"})),
}
VALUES = {"civic": 840, "money": 120, "rent": 90, "day": 13, "stress": 4, "blacklisted": False,
          "record": frozenset({"fare_evasion"}), "persona": "rider", "civic_tier": "C"}
CASES = [
    ('civic < 850 and "fare_evasion" in record', lambda v: v["civic"] < 850 and "fare_evasion" in v["record"]),
    ("money >= rent", lambda v: v["money"] >= v["rent"]),
    ("day % 7 == 6", lambda v: v["day"] % 7 == 6),
    ('not blacklisted and civic_tier in ["A", "B"]', lambda v: not v["blacklisted"] and v["civic_tier"] in {"A", "B"}),
    ("max(stress - 2, 0) * 3 + money // 10 > 20", lambda v: max(v["stress"] - 2, 0) * 3 + v["money"] // 10 > 20),
    ('persona == "rider" or civic >= 1000 and money > 50 and day > 3',
     lambda v: v["persona"] == "rider" or v["civic"] >= 1000 and v["money"] > 50 and v["day"] > 3),
]


def best_of(fn, number: int = 200_000, repeat: int = 7) -> float:  # type: ignore[no-untyped-def]
    return min(timeit.repeat(lambda: fn(VALUES), number=number, repeat=repeat)) / number


def main() -> None:
    print("Condition evaluation: compiled condition vs a plain Python lambda on the same dict")
    print(f"{'expression':52} {'condition':>10} {'lambda':>10} {'throughput ratio':>17}")
    ratios = []
    for text, plain in CASES:
        compiled = compile_condition(text, NAMES, T.bool if "+" not in text or ">" in text else T.num)
        assert compiled.fn(VALUES) == plain(VALUES), text
        t_cond = best_of(compiled.fn)
        t_plain = best_of(plain)
        ratio = t_plain / t_cond  # condition throughput as a share of the lambda's
        ratios.append(ratio)
        print(f"{text[:52]:52} {t_cond * 1e9:8.1f}ns {t_plain * 1e9:8.1f}ns {ratio:16.2f}x")
    print(f"geometric mean throughput ratio (condition / lambda): {statistics.geometric_mean(ratios):.2f} "
          f"(goal: at least 0.50)")

    started = time.perf_counter()
    for _ in range(2000):
        compile_condition(CASES[0][0], NAMES)
    print(f"compiling a condition: {(time.perf_counter() - started) / 2000 * 1e6:.1f} µs")

    from game.content.loader import check
    from game.content.paths import resolve_scenario

    for target in sys.argv[1:] or [str(ROOT / "tests" / "scenarios" / "good"), None]:
        path = resolve_scenario(target)
        times = []
        for _ in range(5):
            t0 = time.perf_counter()
            scenario, problems = check(path)
            times.append(time.perf_counter() - t0)
        assert scenario is not None, problems
        from game.engine.book import compile_book

        t0 = time.perf_counter()
        compile_book(scenario)
        t_compile = time.perf_counter() - t0
        print(f"load + validate {path.name}: median {statistics.median(times) * 1e3:.1f} ms "
              f"({len(scenario.cards)} cards, {len(scenario.rules)} rules); compile for play {t_compile * 1e3:.1f} ms")


if __name__ == "__main__":
    main()
