"""Provides whole seasons played by a bot, and replays of recorded actions: the loop every headless face shares."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from game.engine.actions import Action
from game.engine.book import Book
from game.engine.events import Event
from game.engine.policies import POLICIES, policy_stream
from game.engine.state import State
from game.engine.turn import new_game, step

#: A season can never need more actions than this; a bot that loops is cut off.
MAX_ACTIONS = 5000


@dataclass
class Played:
    """A season played: the final state, every action in order, and (if kept) every event per action."""

    state: State
    actions: list[Action] = field(default_factory=list)
    events: list[list[Event]] = field(default_factory=list)


def play(book: Book, persona: str, seed: int, policy: str, days: int | None = None,
         keep_events: bool = False, first: Iterable[Action] = ()) -> Played:
    """Play a season: the `first` actions as given, then the bot `policy` to the end."""
    bot = POLICIES[policy]
    state, opening = new_game(book, persona, seed, days)
    played = Played(state)
    if keep_events:
        played.events.append(opening)
    for action in first:
        if state.over:
            break
        state, events = step(book, state, action)
        played.actions.append(action)
        if keep_events:
            played.events.append(events)
    while not state.over and len(played.actions) < MAX_ACTIONS:
        action = bot(book, state, policy_stream(state, policy))
        state, events = step(book, state, action)
        played.actions.append(action)
        if keep_events:
            played.events.append(events)
    played.state = state
    return played
