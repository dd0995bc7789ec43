"""Provides the simulator: many seasons played by bots, summed into what an author needs to know.

Run `i` of a batch plays combination `i % len(combos)` with seed `seed + i`,
so the figures do not depend on how the runs are split between processes,
and the same command prints the same figures every time.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.pool
import os
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game.engine.book import Book
from game.engine.season import play

Combo = tuple[str, str]  # (persona, policy)

#: Below this many runs a second process costs more than it saves.
PARALLEL_FROM = 400


@dataclass
class Tally:
    """Everything counted over the runs of one persona × policy."""

    runs: int = 0
    decisions: int = 0
    endings: Counter[str] = field(default_factory=Counter)
    goals: Counter[str] = field(default_factory=Counter)
    all_goals: int = 0
    scores: dict[str, list[float]] = field(default_factory=dict)
    tiers: dict[str, Counter[str]] = field(default_factory=dict)
    rule_runs: Counter[str] = field(default_factory=Counter)
    rule_fires: Counter[str] = field(default_factory=Counter)
    card_runs: Counter[str] = field(default_factory=Counter)
    gate_passed: Counter[str] = field(default_factory=Counter)
    runs_with_error: int = 0
    erroneous: int = 0
    appeals_won: int = 0
    appeals_lost: int = 0
    withheld: int = 0

    def merge(self, other: Tally) -> None:
        self.runs += other.runs
        self.decisions += other.decisions
        self.all_goals += other.all_goals
        self.runs_with_error += other.runs_with_error
        self.erroneous += other.erroneous
        self.appeals_won += other.appeals_won
        self.appeals_lost += other.appeals_lost
        self.withheld += other.withheld
        for name in ("endings", "goals", "rule_runs", "rule_fires", "card_runs", "gate_passed"):
            getattr(self, name).update(getattr(other, name))
        for score, values in other.scores.items():
            self.scores.setdefault(score, []).extend(values)
        for score, counts in other.tiers.items():
            self.tiers.setdefault(score, Counter()).update(counts)


def combos_for(book: Book, personas: list[str], policies: list[str]) -> list[Combo]:
    return [(p, pol) for p in personas for pol in policies]


def run_range(book: Book, combos: list[Combo], seed: int, start: int, stop: int,
              days: int | None = None, progress: Callable[[int], None] | None = None) -> dict[Combo, Tally]:
    """Play runs `start`..`stop-1` of a batch and count them."""
    tallies: dict[Combo, Tally] = {c: Tally() for c in combos}
    goal_count = {p: len(book.personas[p].goals) for p, _ in combos}
    for i in range(start, stop):
        combo = combos[i % len(combos)]
        persona, policy = combo
        state = play(book, persona, seed + i, policy, days).state
        t = tallies[combo]
        t.runs += 1
        t.decisions += state.actions
        t.endings[state.ending or ""] += 1
        t.goals.update(state.goals)
        if len(state.goals) == goal_count[persona]:
            t.all_goals += 1
        for sid in book.score_ids:
            t.scores.setdefault(sid, []).append(state.vals[sid])
            t.tiers.setdefault(sid, Counter())[state.vals[sid + "_tier"]] += 1
        t.rule_runs.update(state.fired.keys())
        t.rule_fires.update(state.fired)
        t.card_runs.update(state.drawn.keys())
        t.gate_passed.update(state.gates_passed.keys())
        wrong = sum(1 for r in state.records if not r.true)
        t.erroneous += wrong
        t.runs_with_error += wrong > 0
        t.appeals_won += sum(1 for r in state.records if r.status == "overturned")
        t.appeals_lost += sum(1 for r in state.records if r.status == "upheld")
        t.withheld += len(state.withheld)
        if progress is not None:
            progress(1)
    return tallies


_WORKER_BOOK: Book | None = None


def _init_worker(path: str, rules: str | None = None) -> None:
    """Load the scenario once per worker process, not once per chunk.

    A worker ignores Ctrl+C: the terminal sends it to the whole process group, and the main
    process alone decides to stop, by ending the workers (see `simulate`).
    """
    global _WORKER_BOOK
    import signal

    from game.content.city import open_city

    signal.signal(signal.SIGINT, signal.SIG_IGN)

    _WORKER_BOOK = open_city(path, rules).book


def _worker(args: tuple[list[Combo], int, int, int, int | None]) -> dict[Combo, Tally]:
    combos, seed, start, stop, days = args
    assert _WORKER_BOOK is not None
    return run_range(_WORKER_BOOK, combos, seed, start, stop, days)


def _start_pool(workers: int, scenario_path: Path, rules: Path | None = None) -> multiprocessing.pool.Pool:
    """Start the workers with Ctrl+C already ignored, so none can die of it half-started.

    A worker that took a SIGINT before its initializer ran would die holding the task
    queue's lock, and `Pool.terminate` would then wait for that lock for ever. Ignoring the
    signal while the workers are forked (they inherit it; a spawned child keeps an ignored
    signal ignored) closes that window; the main process listens again straight after.
    """
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        return multiprocessing.Pool(workers, initializer=_init_worker, initargs=(str(scenario_path), str(rules) if rules else None))
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        return multiprocessing.Pool(workers, initializer=_init_worker, initargs=(str(scenario_path), str(rules) if rules else None))
    finally:
        signal.signal(signal.SIGINT, previous)


def simulate(book: Book, scenario_path: Path, combos: list[Combo], runs: int, seed: int,
             days: int | None = None, workers: int | None = None,
             progress: Callable[[int], None] | None = None, rules: Path | None = None) -> dict[Combo, Tally]:
    """Play `runs` seasons spread over `combos`; use a second core when that pays. `rules`: the rule pack
    `book` was compiled under, for the workers to compile it the same way."""
    workers = workers if workers is not None else min(os.cpu_count() or 1, 2)
    total: dict[Combo, Tally] = {c: Tally() for c in combos}
    if workers <= 1 or runs < PARALLEL_FROM:
        for combo, tally in run_range(book, combos, seed, 0, runs, days, progress).items():
            total[combo].merge(tally)
        return total
    # Chunks small enough for a live progress bar, merged in run order so lists stay in order.
    chunk = max(50, runs // (workers * 20))
    bounds = [(a, min(a + chunk, runs)) for a in range(0, runs, chunk)]
    pool = _start_pool(workers, scenario_path, rules)
    try:
        results = pool.imap(_worker, [(combos, seed, a, b, days) for a, b in bounds])
        for (a, b), result in zip(bounds, results, strict=True):
            for combo, tally in result.items():
                total[combo].merge(tally)
            if progress is not None:
                progress(b - a)
        pool.close()
    finally:
        # Ctrl+C, or a worker's error: end the workers now rather than wait for their chunks.
        pool.terminate()
        pool.join()
    return total


def total_variation(a: Counter[str], b: Counter[str]) -> float:
    """Total variation distance between two ending distributions (0 same, 1 disjoint)."""
    na, nb = sum(a.values()), sum(b.values())
    if not na or not nb:
        return 0.0
    keys = set(a) | set(b)
    return 0.5 * sum(abs(a[k] / na - b[k] / nb) for k in keys)


def percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


def summary(book: Book, tallies: dict[Combo, Tally]) -> dict[str, Any]:
    """The figures as plain data (for --json and for tests)."""
    everything = Tally()
    for t in tallies.values():
        everything.merge(t)
    by_combo = []
    for (persona, policy), t in tallies.items():
        by_combo.append({
            "persona": persona, "policy": policy, "runs": t.runs,
            "decisions_per_season": round(t.decisions / t.runs, 2) if t.runs else 0,
            "endings": {k: t.endings[k] for k in sorted(t.endings)},
            "goals": {k: t.goals[k] for k in sorted(t.goals)},
            "all_goals": t.all_goals,
            "scores": {s: {"mean": round(sum(v) / len(v), 1), "p10": percentile(v, 0.1),
                           "median": percentile(v, 0.5), "p90": percentile(v, 0.9)}
                       for s, v in t.scores.items() if v},
            "tiers": {s: dict(sorted(c.items())) for s, c in t.tiers.items()},
            "runs_with_error": t.runs_with_error, "appeals_won": t.appeals_won, "appeals_lost": t.appeals_lost,
        })
    personas = sorted({p for p, _ in tallies}, key=list(book.personas).index)
    tvd = {}
    for p in personas:
        a, b = tallies.get((p, "score-first")), tallies.get((p, "values-first"))
        if a is not None and b is not None:
            tvd[p] = round(total_variation(a.endings, b.endings), 3)
    runs = everything.runs
    def best_share(attr: str, key: str) -> float:
        """The highest share of runs in which `key` happened, over every persona × policy.

        Measured per persona, so a card or ending only one resident can meet is not
        diluted by the runs of residents who never could."""
        best = 0.0
        for t in tallies.values():
            if t.runs:
                best = max(best, getattr(t, attr)[key] / t.runs)
        return round(best, 4)

    rare = {
        "rules": [r for r in book.rules if best_share("rule_runs", r) < 0.01],
        "cards": [c.id for c in book.cards if best_share("card_runs", c.id) < 0.01],
        "endings": [e.id for e in book.endings if best_share("endings", e.id) < 0.01],
    }
    return {
        "runs": runs,
        "decisions": everything.decisions,
        "by_combo": by_combo,
        "score_first_vs_values_first_tvd": tvd,
        "rules": {r: {"runs": everything.rule_runs[r], "fires": everything.rule_fires[r],
                      "best_share": best_share("rule_runs", r)} for r in book.rules},
        "under_1_percent_everywhere": rare,
        "rules_never_fired": [r for r in book.rules if not everything.rule_runs[r]],
        "cards": {c.id: everything.card_runs[c.id] for c in book.cards},
        "cards_never_drawn": [c.id for c in book.cards if not everything.card_runs[c.id]],
        "endings_never_reached": [e.id for e in book.endings if not everything.endings[e.id]],
        "gates_passed": {g: everything.gate_passed[g] for g in book.gates},
        "runs_with_error": everything.runs_with_error,
        "erroneous_records": everything.erroneous,
        "appeals_won": everything.appeals_won,
        "appeals_lost": everything.appeals_lost,
        "withheld_changes": everything.withheld,
    }
