"""Provides the engine's reading of a choice: what it would do to the scores, and to what the persona cares about.

Bots use it to play, and the debrief uses it to find "choices the score bent":
the times a player took the option that protected the score over the one that
protected what their persona cares about. The estimate is one step deep: the
rules a choice's facts trigger now (their conditions checked now), dice
outcomes weighted by their chance.
"""

from __future__ import annotations

from collections.abc import Sequence

from game.engine.book import Book, ChoiceC, OutcomeC, amount, chance_at_least
from game.engine.state import State


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
