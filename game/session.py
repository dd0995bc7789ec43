"""Provides a game in progress for the faces: the book, the options, the state and every action so far.

The TUI and the save system hold a `Session`; the engine stays pure underneath.
Listeners (such as the autosaver) are told after every action that succeeded.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from game.content.city import City
from game.engine.actions import Action
from game.engine.book import Book
from game.engine.events import Event
from game.engine.state import State
from game.engine.turn import new_game, step
from game.model.scenario import Opacity


@dataclass
class Session:
    """One season being played: replaying `actions` from `seed` (or from `start`) gives `state`."""

    city: City
    persona: str
    seed: int
    opacity: Opacity
    days: int | None
    state: State
    actions: list[Action] = field(default_factory=list)
    log: list[list[Event]] = field(default_factory=list)
    listeners: list[Callable[[Session], None]] = field(default_factory=list)
    name: str | None = None  # a named save's name, if the player gave one
    # The state `actions` start from when it is not a new game from the seed: the game was
    # continued from a save's snapshot because its scenario had changed (see game.saves).
    start: State | None = None

    @classmethod
    def new(cls, city: City, persona: str, seed: int, opacity: Opacity | None = None,
            days: int | None = None) -> Session:
        state, events = new_game(city.book, persona, seed, days)
        return cls(city, persona, seed, opacity or city.book.scenario.scenario.default_opacity,
                   days, state, [], [events])

    @property
    def book(self) -> Book:
        return self.city.book

    @property
    def scenario_path(self) -> Path:
        return self.city.folder

    def beginning(self) -> tuple[State, list[Event]]:
        """The state the actions start from, and the events that opened it (none for a snapshot)."""
        if self.start is not None:
            return self.start, []
        return new_game(self.book, self.persona, self.seed, self.days)

    def act(self, action: Action) -> list[Event]:
        """Take an action; raises `InvalidAction` and changes nothing if it is not possible now."""
        state, events = step(self.book, self.state, action)
        self.state = state
        self.actions.append(action)
        self.log.append(events)
        for listener in list(self.listeners):
            listener(self)
        return events
