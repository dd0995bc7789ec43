"""Provides a game in progress for the faces: the book, the options, the state and every action so far.

The TUI and the save system hold a `Session`; the engine stays pure underneath.
Listeners (such as the autosaver) are told after every action that succeeded.
"""

from __future__ import annotations

import secrets
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


def new_game_id() -> str:
    """A game's id: 16 random hex digits (64 bits: thirty groups in a room never share one)."""
    return secrets.token_hex(8)


def clean_group(text: str | None) -> str | None:
    """A group label as the players typed it, trimmed to one line of at most 40 characters; None if empty."""
    if text is None:
        return None
    words = " ".join("".join(ch for ch in text if ch.isprintable()).split())[:40].strip()
    return words or None


@dataclass(frozen=True, slots=True)
class Answer:
    """What the players answered to one of a room's questions: 1 to 5 on its scale (or None), and a line."""

    scale: int | None
    text: str = ""


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
    # Who this game is: its own id from its first moment (every save of it carries the id), the group
    # playing it, and the game it branched from if it was continued in two places at once.
    game_id: str = field(default_factory=lambda: new_game_id())
    group: str | None = None
    branch_of: str | None = None
    # The autosave file this game is kept in, and the sha256 of the bytes it last had there
    # (set when saved, or when loaded from its autosave): the autosaver writes there only while it
    # still holds exactly those bytes.
    origin: tuple[Path, str] | None = None
    # The workshop room it is played in (the room's code) and the round, and the answers to the room's
    # question before play and after the debrief, once given.
    room: str | None = None
    round: int | None = None
    before: Answer | None = None
    after: Answer | None = None

    @classmethod
    def new(cls, city: City, persona: str, seed: int, opacity: Opacity | None = None,
            days: int | None = None, group: str | None = None, room: str | None = None,
            round_no: int | None = None) -> Session:
        state, events = new_game(city.book, persona, seed, days)
        return cls(city, persona, seed, opacity or city.book.scenario.scenario.default_opacity,
                   days, state, [], [events], group=group, room=room, round=round_no if room else None)

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
