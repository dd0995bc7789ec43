"""Provides the bot players: random, score-first, values-first and cautious.

They are instruments for authors and workshops: `score-first` always takes
the option that protects the scores, `values-first` the option that protects
what the persona cares about (family, friends, money, conscience), whatever
the score. Comparing them shows whether a city's trade-offs are real.
`cautious` avoids dice and score losses, and rests when a stat that the
scenario's `rest` outcome raises is worn low. No bot knows a stat by name.
"""

from __future__ import annotations

from collections.abc import Callable

from game.engine.actions import Action, Appeal, Choose, Rest, TryGate
from game.engine.book import Book, ChoiceC, amount
from game.engine.dice import Stream
from game.engine.predict import best_for_score, best_for_values, impact
from game.engine.state import State
from game.engine.turn import appeal_blocker, available, gate_blocker, gate_status

Policy = Callable[[Book, State, Stream], Action]


def _wanted_gates(book: Book, state: State) -> list[str]:
    return [g for g in book.personas[state.persona].gates if gate_blocker(book, state, g) is None]


def _appealable(book: Book, state: State, only_wrong: bool) -> list[int]:
    return [r.no for r in state.records
            if r.seen and (not only_wrong or not r.true) and appeal_blocker(book, state, r.no) is None]


def _choices(book: Book, state: State) -> list[ChoiceC]:
    card = book.card_by_id[state.hand[0]]
    return [card.choices[i] for i in available(book, state)]


def _index(book: Book, state: State, choice_id: str) -> int:
    card = book.card_by_id[state.hand[0]]
    return next(i for i, ch in enumerate(card.choices) if ch.id == choice_id)


def worn_out(book: Book, state: State) -> list[str]:
    """The stats resting would raise that are in the lowest fifth of their range now (the scenario's `rest` says which).

    Bots rest on it, and the table's hint tells a player it is time to rest.
    """
    v = state.vals
    out = []
    for a in book.rest.stats:
        if amount(a, v) > 0:
            low, high = book.stats[a.key]
            if v[a.key] <= low + (high - low) // 5:
                out.append(a.key)
    return out


def _worn_out(book: Book, state: State) -> bool:
    return bool(worn_out(book, state))


def random_policy(book: Book, state: State, stream: Stream) -> Action:
    records = _appealable(book, state, only_wrong=False)
    if records and stream.random() < 0.3:
        return Appeal(records[stream.randint(0, len(records) - 1)])
    gates = [g for g in book.gates if gate_blocker(book, state, g) is None]
    if gates and stream.random() < 0.2:
        return TryGate(gates[stream.randint(0, len(gates) - 1)])
    if stream.random() < 0.03:
        return Rest()
    options = available(book, state)
    return Choose(options[stream.randint(0, len(options) - 1)])


def score_first(book: Book, state: State, stream: Stream) -> Action:
    records = _appealable(book, state, only_wrong=False)
    if records:
        return Appeal(records[0])
    for gate in _wanted_gates(book, state):
        if gate_status(book, state, gate).open:
            return TryGate(gate)
    return Choose(_index(book, state, best_for_score(book, state, _choices(book, state)).id))


def values_first(book: Book, state: State, stream: Stream) -> Action:
    records = _appealable(book, state, only_wrong=True)
    if records:
        return Appeal(records[0])
    if state.day % 2 == 1:
        for gate in _wanted_gates(book, state):
            return TryGate(gate)
    return Choose(_index(book, state, best_for_values(book, state, _choices(book, state)).id))


def cautious(book: Book, state: State, stream: Stream) -> Action:
    records = _appealable(book, state, only_wrong=True)
    if records:
        return Appeal(records[0])
    for gate in _wanted_gates(book, state):
        if gate_status(book, state, gate).open:
            return TryGate(gate)
    if _worn_out(book, state) and state.day < state.days:
        return Rest()
    choices = _choices(book, state)

    def risk(ch: object) -> tuple[bool, bool, float, float]:
        sc, va = impact(book, state, ch)  # type: ignore[arg-type]
        return (ch.check is None, sc >= 0, va, sc)  # type: ignore[attr-defined]

    best = max(choices, key=risk)
    return Choose(_index(book, state, best.id))


POLICIES: dict[str, Policy] = {
    "random": random_policy,
    "score-first": score_first,
    "values-first": values_first,
    "cautious": cautious,
}


def policy_stream(state: State, name: str) -> Stream:
    """The bot's own dice for its next decision: from the seed, never from the clock."""
    return Stream(state.seed, state.day, f"policy:{name}:{state.actions}")
