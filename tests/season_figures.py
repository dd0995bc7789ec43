"""Figures of a city's seasons, by persona, policy and season length: what the README and the balance tests read.

Run as a script for the README's tables:

    python tests/season_figures.py --runs 500 --season short

Each figure comes from playing whole seasons with the engine's bots (no face involved):
decisions per season, repeats of a card (recurring cards aside), the share of days a stat
spends at its cap or its floor, the endings reached and how often the main goal's gate opened.
"""

from __future__ import annotations

import argparse
import statistics
from collections import Counter
from dataclasses import dataclass, field

from game.engine.actions import Choose
from game.engine.book import Book
from game.engine.season import replay
from game.engine.turn import new_game

POLICIES = ("random", "score-first", "values-first", "cautious")


@dataclass
class Figures:
    runs: int = 0
    endings: Counter[str] = field(default_factory=Counter)
    decisions: list[int] = field(default_factory=list)
    actions: list[int] = field(default_factory=list)
    max_repeat: Counter[str] = field(default_factory=Counter)  # card → most deals in one season
    at_edge: Counter[str] = field(default_factory=Counter)  # "stat:cap" / "stat:floor" → days, summed over runs
    days: int = 0  # days summed over runs
    main_gate: int = 0  # runs in which the persona's first gate was passed
    all_goals: int = 0

    def edge_share(self) -> dict[str, float]:
        return {k: v / self.days for k, v in sorted(self.at_edge.items())}


def recurring(book: Book) -> set[str]:
    return {c.id for c in book.scenario.cards if c.recurring}


def season(book: Book, persona: str, seed: int, policy: str, days: int, fig: Figures) -> None:
    state, _ = new_game(book, persona, seed, days)
    decisions = actions = 0
    last_day = state.day
    for taken in replay(book, state, policy=policy):
        actions += 1
        decisions += isinstance(taken.action, Choose)
        after = taken.after
        if after.day != last_day or after.over:
            for stat, (low, high) in book.stats.items():
                value = taken.before.vals[stat]
                if value >= high:
                    fig.at_edge[f"{stat}:cap"] += 1
                elif value <= low:
                    fig.at_edge[f"{stat}:floor"] += 1
            fig.days += 1
            last_day = after.day
        state = after
    fig.runs += 1
    fig.endings[state.ending or ""] += 1
    fig.decisions.append(decisions)
    fig.actions.append(actions)
    skip = recurring(book)
    for card, n in state.drawn.items():
        if card not in skip:
            fig.max_repeat[card] = max(fig.max_repeat[card], n)
    gates = book.personas[persona].gates
    if gates and gates[0] in state.gates_passed:
        fig.main_gate += 1
    if len(state.goals) == len(book.personas[persona].goals):
        fig.all_goals += 1


def measure(book: Book, persona: str, policy: str, days: int, runs: int, seed: int = 0) -> Figures:
    fig = Figures()
    for i in range(runs):
        season(book, persona, seed + i, policy, days, fig)
    return fig


def total_variation(a: Counter[str], b: Counter[str]) -> float:
    na, nb = sum(a.values()) or 1, sum(b.values()) or 1
    return 0.5 * sum(abs(a[k] / na - b[k] / nb) for k in set(a) | set(b))


def main() -> None:
    from game.content.city import open_city

    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--season", default="short")
    parser.add_argument("--scenario", default=None)
    args = parser.parse_args()
    book = open_city(args.scenario).book
    days = book.season_days(args.season)
    print(f"season {args.season}: {days} days, {args.runs} runs per persona × policy")
    for persona in book.personas:
        figs = {p: measure(book, persona, p, days, args.runs) for p in POLICIES}
        tv = total_variation(figs["score-first"].endings, figs["values-first"].endings)
        print(f"\n## {persona}  TV(score-first, values-first) = {tv:.2f}")
        for policy, f in figs.items():
            ends = ", ".join(f"{k} {100 * v / f.runs:.1f}" for k, v in f.endings.most_common())
            edges = ", ".join(f"{k} {v:.0%}" for k, v in f.edge_share().items() if v >= 0.05)
            top = f.max_repeat.most_common(3)
            print(f"  {policy:12} decisions median {statistics.median(f.decisions):.0f} "
                  f"(actions {statistics.median(f.actions):.0f}); main gate {f.main_gate / f.runs:.0%}; "
                  f"all goals {f.all_goals}; repeats max {top}")
            print(f"  {'':12} endings: {ends}")
            print(f"  {'':12} at cap/floor ≥5%: {edges or 'none'}")


if __name__ == "__main__":
    main()
