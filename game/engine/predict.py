"""Provides the engine's reading of a choice: what it would do to the scores, and to what the persona cares about.

Bots use it to play, and the debrief uses it to find "choices the score bent":
the times a player gave up something their persona cares about to protect a
score (see `bent`). The estimate is one step deep: the rules a choice's facts
trigger now (their conditions checked now), dice outcomes weighted by their
chance.
"""

from __future__ import annotations

from collections.abc import Sequence

from game.engine.book import Book, ChoiceC, OutcomeC, amount, chance_at_least
from game.engine.state import State


def sure_losses(book: Book, state: State, choice: ChoiceC) -> dict[str, float]:
    """What taking `choice` costs the player for certain, beyond its cost: stat id → signed change.

    A loss is a change against what the persona wants of a stat: down for most stats, up for
    one they care to keep low (a negative weight in `cares`, like stress). A change in the
    choice's outcome is certain; so is one in both results of its dice (the milder of the
    two). Rules are not read: what the city does in return is the rulebook's to show or
    hide. A player must see this price before choosing.
    """
    v = state.vals
    cares = book.personas[state.persona].cares
    certain: dict[str, float] = {}
    for a in choice.outcome.stats:
        certain[a.key] = certain.get(a.key, 0.0) + amount(a, v)
    c = choice.check
    if c is not None:
        success: dict[str, float] = {}
        failure: dict[str, float] = {}
        for results, outcome in ((success, c.success), (failure, c.failure)):
            for a in outcome.stats:
                results[a.key] = results.get(a.key, 0.0) + amount(a, v)
        for key in success.keys() & failure.keys():
            up = cares.get(key, 1) < 0
            milder = max(success[key], failure[key]) if not up else min(success[key], failure[key])
            certain[key] = certain.get(key, 0.0) + milder
    return _against(book, state, certain)


def outcome_losses(book: Book, state: State, outcome: OutcomeC) -> dict[str, float]:
    """The changes an outcome (a gate opening or refusing) makes against what the persona wants."""
    changes: dict[str, float] = {}
    for a in outcome.stats:
        changes[a.key] = changes.get(a.key, 0.0) + amount(a, state.vals)
    return _against(book, state, changes)


def _against(book: Book, state: State, changes: dict[str, float]) -> dict[str, float]:
    cares = book.personas[state.persona].cares
    return {k: changes[k] for k in book.stats if k in changes
            and (changes[k] > 0 if cares.get(k, 1) < 0 else changes[k] < 0)}


def _weighted_outcomes(choice: ChoiceC, state: State) -> list[tuple[float, OutcomeC]]:
    out = [(1.0, choice.outcome)]
    c = choice.check
    if c is not None:
        need = amount(c.target, state.vals) - amount(c.modifier, state.vals)
        p = chance_at_least(c.dice, need)
        out.append((p, c.success))
        out.append((1.0 - p, c.failure))
    return out


def impact(book: Book, state: State, choice: ChoiceC) -> tuple[float, float]:
    """(score impact, values impact) of a choice, each scaled so a whole range counts 1."""
    v = state.vals
    cares = book.personas[state.persona].cares
    stats = book.stats
    score_total = 0.0
    values_total = 0.0
    for a in choice.cost:
        w = cares.get(a.key)
        if w:
            low, high = stats[a.key]
            values_total -= w * amount(a, v) / ((high - low) or 1)
    for p, o in _weighted_outcomes(choice, state):
        if not p:
            continue
        for a in o.stats:
            w = cares.get(a.key)
            if w:
                low, high = stats[a.key]
                values_total += p * w * amount(a, v) / ((high - low) or 1)
        for fact in o.facts:
            for rule in book.rules_by_fact.get(fact, ()):
                if rule.once and state.fired.get(rule.id):
                    continue
                if rule.when is not None and not rule.when(v):
                    continue
                reach = book.reach[rule.source]
                for a in rule.scores:
                    score = book.scores[a.key]
                    if score.keeper in reach:
                        score_total += p * amount(a, v) / ((score.max - score.min) or 1)
                for a in rule.stats:
                    w = cares.get(a.key)
                    if w:
                        low, high = stats[a.key]
                        values_total += p * w * amount(a, v) / ((high - low) or 1)
    return score_total, values_total


def picks(book: Book, state: State, choices: Sequence[ChoiceC]) -> tuple[ChoiceC, ChoiceC]:
    """(best for the score, best for the values) among `choices`, reading each choice once."""
    impacts = [impact(book, state, ch) for ch in choices]
    by_score = max(range(len(choices)), key=lambda i: (round(impacts[i][0], 9), round(impacts[i][1], 9), -i))
    by_values = max(range(len(choices)), key=lambda i: (round(impacts[i][1], 9), -i))
    return choices[by_score], choices[by_values]


def best_for_score(book: Book, state: State, choices: Sequence[ChoiceC]) -> ChoiceC:
    """The choice that best protects the scores (then the values, then the first listed)."""
    return picks(book, state, choices)[0]


def best_for_values(book: Book, state: State, choices: Sequence[ChoiceC]) -> ChoiceC:
    """The choice that best protects what the persona cares about, whatever the score."""
    return picks(book, state, choices)[1]


#: How much a choice must give up, in points of what the persona cares about most, to count as bent.
BENT_POINTS = 2


def one_point(book: Book, persona: str) -> float:
    """One point of the stat the persona cares about most, on the scale `impact` reads values on."""
    cares = book.personas[persona].cares
    return max((abs(w) / ((book.stats[k][1] - book.stats[k][0]) or 1) for k, w in cares.items()), default=0.0)


def bent(book: Book, state: State, chosen: ChoiceC, preferred: ChoiceC) -> bool:
    """Whether taking `chosen` over `preferred` traded what the persona cares about for a score.

    Both must hold: `chosen` reads better for the scores than `preferred` (the score had
    something to protect), and `preferred` reads better by the persona's cares by at least
    `BENT_POINTS` points of what they care about most (something real was given up). Paying
    a bus fare or sorting the rubbish a little late is not a trade a room would call bent.
    """
    chosen_score, chosen_values = impact(book, state, chosen)
    preferred_score, preferred_values = impact(book, state, preferred)
    gave_up = preferred_values - chosen_values
    return chosen_score > preferred_score + 1e-9 and gave_up >= BENT_POINTS * one_point(book, state.persona) - 1e-9
