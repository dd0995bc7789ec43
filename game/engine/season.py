"""Provides the one loop that steps a season: replaying actions from a state, then (if asked) a bot to the end.

Every face that plays or replays a season — the simulator, headless play,
transcripts, `replay` and the saves — walks `replay`; none steps actions itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from game.engine.actions import Action
from game.engine.book import Book
from game.engine.events import Event
from game.engine.policies import POLICIES, policy_stream
from game.engine.state import State
from game.engine.turn import new_game, step

#: A season can never need more actions than this; a bot that loops is cut off.
MAX_ACTIONS = 5000


@dataclass(frozen=True, slots=True)
class Step:
    """One action taken: the state before it, the action, what it made happen, and the state after."""

    before: State
    action: Action
    events: list[Event]
    after: State
    bot: bool = False  # chosen by the bot, not given


def replay(book: Book, start: State, actions: Iterable[Action] = (), policy: str | None = None,
           limit: int = MAX_ACTIONS) -> Iterator[Step]:
    """Step `actions` from `start`, then, with `policy`, the bot until the season ends (or `limit` actions).

    Each step is yielded as it is taken. An action that is not possible raises
    `InvalidAction` from `step`: the caller knows which one by the steps it has seen.
    """
    state = start
    taken = 0
    for action in actions:
        after, events = step(book, state, action)
        yield Step(state, action, events, after)
        state, taken = after, taken + 1
    if policy is None:
        return
    bot = POLICIES[policy]
    while not state.over and taken < limit:
        action = bot(book, state, policy_stream(state, policy))
        after, events = step(book, state, action)
        yield Step(state, action, events, after, bot=True)
        state, taken = after, taken + 1


@dataclass
class Played:
    """A season played: its final state, every action, and (if kept) the events of the opening and of each action."""

    state: State
    actions: list[Action] = field(default_factory=list)
    events: list[list[Event]] = field(default_factory=list)


def play(book: Book, persona: str, seed: int, policy: str, days: int | None = None,
         keep_events: bool = False) -> Played:
    """Play a whole season with the bot `policy` from a new game."""
    state, opening = new_game(book, persona, seed, days)
    played = Played(state, events=[opening] if keep_events else [])
    for taken in replay(book, state, policy=policy):
        played.actions.append(taken.action)
        if keep_events:
            played.events.append(taken.events)
        played.state = taken.after
    return played


__all__ = ["MAX_ACTIONS", "Played", "Step", "play", "replay"]
