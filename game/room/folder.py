"""Provides a room's folder: `<saves>/rooms/<CODE>/` holds the room file, its board sheet, its handout and its games.

The room file (`room.json`) says what the room plays in full: the code, when it
was made, the city (id, title, content hash and where it was opened from), the
plan, and for each group its persona and its opacity in each round. A laptop
that never saw the folder plays the same from the code alone; the file is for
the facilitator, the report, and laptops that share the folder.

The file is written once, atomically, by the shared save writer; it is never
overwritten (a room that exists is opened, not made again).
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from game.content.city import City
from game.room.plan import MAX_DAYS, MAX_GROUPS, MAX_SEED, ROUND_PLANS, Plan, normal_code
from game.saves.files import write_atomic
from game.saves.names import saves_dir

ROOM_FILE = "room.json"
BOARD_FILE = "board.txt"
HANDOUT_FILE = "handout.html"
ROOMS = "rooms"
ROOM_FORMAT = 1

#: The room's two questions (the same on every laptop: the code says only whether they are asked).
BEFORE = "How do you expect the city's score to treat you?"
AFTER = "How did the city's score treat you?"
SCALE = ("1 very unfairly", "2 unfairly", "3 neither", "4 fairly", "5 very fairly")

Code = Annotated[str, Field(pattern=r"^[2-9A-HJ-NP-Z]{3}-[2-9A-HJ-NP-Z]{4}$")]
Opacity = Literal["opaque", "partial", "transparent"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RoomScenario(_Strict):
    id: str = Field(max_length=64)
    title: str = Field(max_length=200)
    hash: str = Field(pattern=r"^sha256:[0-9a-f]{64}$")
    path: str = Field(max_length=4096)


class RoomPlan(_Strict):
    seed: int = Field(ge=0, le=MAX_SEED)
    groups: int = Field(ge=1, le=MAX_GROUPS)
    days: int = Field(ge=0, le=MAX_DAYS)
    rounds: Literal[ROUND_PLANS]  # type: ignore[valid-type]
    questions: bool


class RoomGroup(_Strict):
    group: int = Field(ge=1, le=MAX_GROUPS)
    persona: str = Field(max_length=64)
    persona_name: str = Field(max_length=200)
    opacity: tuple[Opacity, ...] = Field(min_length=1, max_length=2)  # one per round


class RoomFile(_Strict):
    format: Literal[1] = 1  # ROOM_FORMAT
    code: Code
    created: str = Field(max_length=40)
    scenario: RoomScenario
    plan: RoomPlan
    season_days: int = Field(ge=1, le=MAX_DAYS)
    groups: tuple[RoomGroup, ...]
    questions: dict[str, str] | None = None

    def the_plan(self) -> Plan:
        return Plan(**self.plan.model_dump())


class BadRoom(ValueError):
    """A room that cannot be made or read: one line naming the file and what is wrong."""


def rooms_dir(saves: Path | str | None) -> Path:
    return saves_dir(saves) / ROOMS


def room_folder(saves: Path | str | None, code: str) -> Path:
    """Where the room's games and files live: `<saves>/rooms/<CODE>`."""
    return rooms_dir(saves) / normal_code(code)


def describe(city: City, plan: Plan, created: datetime) -> RoomFile:
    """The room file of `plan` over `city`: every group's persona and opacity per round."""
    book = city.book
    personas = list(book.personas)
    groups = tuple(
        RoomGroup(group=g, persona=(p := plan.persona(g, personas)), persona_name=book.scenario.persona(p).name,
                  opacity=tuple(plan.opacity(g, r) for r in range(1, plan.round_count + 1)))
        for g in range(1, plan.groups + 1)
    )
    meta = book.scenario.scenario
    return RoomFile(
        code=plan.code, created=created.isoformat(timespec="seconds"),
        scenario=RoomScenario(id=city.id, title=meta.title, hash=city.content_hash, path=str(city.folder)),
        plan=RoomPlan(seed=plan.seed, groups=plan.groups, days=plan.days, rounds=plan.rounds,
                      questions=plan.questions),
        season_days=book.season_days(plan.days or None), groups=groups,
        questions={"before": BEFORE, "after": AFTER} if plan.questions else None,
    )


def room_bytes(room: RoomFile) -> bytes:
    return (json.dumps(room.model_dump(mode="json"), indent=1, ensure_ascii=False) + "\n").encode("utf-8")


def read_room(folder: Path) -> RoomFile | None:
    """The room file in `folder`, or None when there is none; BadRoom (one line) when it cannot be read."""
    path = folder / ROOM_FILE
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise BadRoom(f"{path}: cannot be read ({exc.strerror or exc})") from None
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        line = f":{exc.lineno}" if isinstance(exc, json.JSONDecodeError) else ""
        raise BadRoom(f"{path}{line}: not a room file (it is not JSON)") from None
    try:
        room = RoomFile.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"]) or "the file"
        raise BadRoom(f"{path}: {where}: {err['msg']}") from None
    if room.code != room.the_plan().code or room.code != folder.name:
        raise BadRoom(f"{path}: its plan is not room {folder.name}'s (the file was edited or moved)")
    return room


def make_room(saves: Path | str | None, room: RoomFile, board: str, handout: str) -> tuple[Path, bool]:
    """Write the room's folder (room file, board sheet, handout); returns the folder and whether it was new.

    A room that exists already is kept as it is: its file is never overwritten (its games are in it).
    """
    folder = room_folder(saves, room.code)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BadRoom(f"{folder}: the room folder cannot be made ({exc.strerror or exc})") from None
    existing = read_room(folder)
    if existing is not None:
        if existing.scenario.hash != room.scenario.hash:
            raise BadRoom(f"{folder / ROOM_FILE}: room {room.code} exists for another version of "
                          f"{existing.scenario.title}; choose another seed for a new room")
        return folder, False
    try:
        write_atomic(folder / ROOM_FILE, room_bytes(room))
        write_atomic(folder / BOARD_FILE, board.encode("utf-8"))
        write_atomic(folder / HANDOUT_FILE, handout.encode("utf-8"))
    except OSError as exc:
        raise BadRoom(f"{folder}: the room cannot be written ({exc.strerror or exc})") from None
    return folder, True


__all__ = ["AFTER", "BEFORE", "BOARD_FILE", "BadRoom", "HANDOUT_FILE", "ROOM_FILE", "RoomFile", "SCALE",
           "describe", "make_room", "read_room", "room_bytes", "room_folder", "rooms_dir"]
