"""Provides joining a room: from a code and a group name to what this group plays, and where its games are kept.

One path for every face: `python -m game play --room CODE --group NAME`, the
TUI's "Join a room" and the tests all call `room_scenario` (which city the
room plays, when the laptop has its room file) and `take_seat`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from game.content.city import City
from game.room.folder import BadRoom, RoomFile, read_room, room_folder
from game.room.plan import BadCode, Plan, decode, group_number
from game.saves.listing import list_saves
from game.session import Session, clean_group


@dataclass(frozen=True, slots=True)
class Seat:
    """What one group plays in one round of a room."""

    code: str
    plan: Plan
    group: str  # as the group wrote it, e.g. "3 Kestrels"
    number: int  # the group's number in the plan
    round: int
    persona: str
    opacity: str
    seed: int
    days: int | None  # None: the scenario's own season
    folder: Path  # the room's folder: the games are saved here
    room: RoomFile | None  # the room file, when this laptop has it

    def session(self, city: City) -> Session:
        """A new game in this seat (raises the engine's InvalidAction if the city cannot start it)."""
        from game.model.scenario import Opacity

        return Session.new(city, self.persona, self.seed, Opacity(self.opacity), self.days, self.group,
                           room=self.code, round_no=self.round)

    def words(self, city: City) -> str:
        """One line for the player: who they are and what they see, e.g. for the start of the game."""
        name = city.book.scenario.persona(self.persona).name
        rnd = f", round {self.round} of {self.plan.round_count}" if self.plan.round_count > 1 else ""
        return f"Room {self.code}, group {self.number}{rnd}: you play {name}, {self.opacity}"


class RoomProblem(ValueError):
    """Why a group cannot join: one line to show as it is."""


def room_scenario(code: str, saves: Path | str | None) -> str | None:
    """The scenario the room plays if this laptop has the room's file (its folder, else its id); None if not."""
    try:
        room = read_room(room_folder(saves, code))
    except (BadCode, BadRoom) as exc:
        raise RoomProblem(str(exc)) from None
    if room is None:
        return None
    if Path(room.scenario.path).is_dir():
        return room.scenario.path
    return room.scenario.id


def take_seat(code: str, group: str, city: City, saves: Path | str | None, round_no: int | None = None) -> Seat:
    """The seat of `group` in room `code`: persona, opacity, seed and season as the room's plan gives them.

    Without `round_no`, a group plays round 1, or round 2 once its round-1 game in this room is over.
    """
    try:
        plan = decode(code)
        folder = room_folder(saves, code)
        room = read_room(folder)
    except (BadCode, BadRoom) as exc:
        raise RoomProblem(str(exc)) from None
    label = clean_group(group)
    if label is None:
        raise RoomProblem("a group name needs a letter or a digit, e.g. `3` or `3 Kestrels`")
    try:
        number = group_number(label, plan)
    except ValueError as exc:
        raise RoomProblem(str(exc)) from None
    if room is not None and room.scenario.id != city.id:
        raise RoomProblem(f"room {plan.code} plays {room.scenario.title} (`{room.scenario.id}`), not `{city.id}`")
    personas = list(city.book.personas)
    if round_no is None:
        round_no = _next_round(folder, plan, label)
    try:
        opacity = plan.opacity(number, round_no)
        persona = plan.persona(number, personas)
        days = city.book.season_days(plan.days) if plan.days else None
    except ValueError as exc:
        raise RoomProblem(str(exc)) from None
    return Seat(plan.code, plan, label, number, round_no, persona, opacity, plan.seed, days, folder, room)


def _next_round(folder: Path, plan: Plan, label: str) -> int:
    if plan.round_count == 1:
        return 1
    mine = [s for s in list_saves(folder) if s.group is not None and s.group.casefold() == label.casefold()]
    return 2 if any(s.over for s in mine) else 1


__all__ = ["RoomProblem", "Seat", "room_scenario", "take_seat"]
