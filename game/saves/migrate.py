"""Provides the fit of a saved state to its scenario as it is now: what a changed city gained starts as new.

A game continued from its snapshot after the city was edited plays on under the
new rules. Values the city gained since (a stat, a flag, a score) start as they
would in a new game; a value whose kind changed, a card that is gone, or a state
the engine cannot take one step from is refused with the reason.
"""

from __future__ import annotations

import contextlib
from typing import Any

from game.engine.actions import Rest
from game.engine.book import Book
from game.engine.state import State
from game.engine.turn import InvalidAction, new_game, step


class Misfit(Exception):
    """A saved state that the (changed) scenario cannot play on, and why."""


def json_type(value: Any) -> str:
    return {bool: "true/false", str: "text", list: "a list", dict: "an object",
            type(None): "null"}.get(type(value), "a number")


def fit(state: State, book: Book) -> None:
    """Fit a saved state to the scenario as it is now, in place, or raise Misfit; a trial step must work."""
    try:
        fresh, _ = new_game(book, state.persona, state.seed, state.days)
    except InvalidAction as exc:
        raise Misfit(str(exc)) from None
    state.vals = {**fresh.vals, **state.vals}
    for key, value in fresh.vals.items():
        have = state.vals[key]
        number = (int, float)
        if value is not None and type(have) is not type(value) and not (
                isinstance(value, number) and not isinstance(value, bool)
                and isinstance(have, number) and not isinstance(have, bool)):
            raise Misfit(f"`{key}` is {json_type(have)}, not {json_type(value)}")
    # A state no replay vouches for is read as the game would hold it: within the season and the ranges.
    if not 1 <= state.days <= 365:
        raise Misfit(f"a season of {state.days} days is not one the game plays (1 to 365)")
    if not 1 <= state.day <= state.days + 1:
        raise Misfit(f"day {state.day} is not in a season of {state.days} days")
    for key, (low, high) in book.stats.items():
        if not low <= state.vals[key] <= high:
            raise Misfit(f"{book.stat_names[key]} is {state.vals[key]}, outside its range {low} to {high}")
    for key in book.score_ids:
        score = book.scores[key]
        if not score.min <= state.vals[key] <= score.max:
            raise Misfit(f"{book.score_names[key]} is {state.vals[key]}, outside its range {score.min} to "
                         f"{score.max}")
        tier = state.vals.get(f"{key}_tier")
        if tier not in {t for _, t in score.tiers}:
            raise Misfit(f"{book.score_names[key]}'s tier is {tier!r}, which it does not have")
        state.vals[f"{key}_tier"] = score.tier(state.vals[key])  # cut-offs the city changed since apply now
    length = max((len(h) for h in state.history.values()), default=1)
    for sid in book.score_ids:
        state.history.setdefault(sid, [state.vals[sid]] * length)
    unknown = [c for c in state.hand if c not in book.card_by_id]
    if unknown:
        raise Misfit(f"card `{unknown[0]}` is not in it")
    if not state.over:
        if not state.hand:
            raise Misfit("the season is not over, yet no card is in hand")
        with contextlib.suppress(InvalidAction):  # a trial step finds what the checks above cannot name
            step(book, state, Rest())


__all__ = ["Misfit", "fit", "json_type"]
