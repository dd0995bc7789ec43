"""Provides the save file format: versioned, readable JSON, and the chain of migrations between versions.

A save holds what is needed to re-create the game exactly (the scenario's id,
version and content hash; the seed; the options; every action in order) and a
snapshot of the state those actions lead to, so a load can check the replay
and a changed scenario can still continue from the snapshot. Nothing here
touches files: `parse_save` takes bytes, `dump_save` gives bytes.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Annotated, Any, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from game.engine.state import canonical_json
from game.saves.errors import location

#: The format this game writes. Bump it only with a migration from the previous one in MIGRATIONS.
FORMAT_VERSION: Final = 3

#: Far above any real save (a long season is tens of kilobytes); refuses a file that cannot be one.
MAX_SAVE_BYTES = 16 * 1024 * 1024

#: Far above any season a person can play (a year of full days is a few thousand actions).
MAX_ACTIONS = 100_000

Migration = Callable[[dict[str, Any]], dict[str, Any]]

#: A game's identity in its saves: 16 hex digits, random when the game starts.
GAME_ID = r"^[0-9a-f]{16}$"


def _v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    """Format 2 gives every game an id, a group and a branch. A format-1 save gets an id made from
    what made it that game (scenario text, seed, options, its first save time), so the same old file
    always gets the same id; it had no group and was nobody's branch."""
    scenario = data.get("scenario")
    made_of = json.dumps([scenario.get("content_hash") if isinstance(scenario, dict) else None, data.get("seed"),
                          data.get("options"), data.get("saved_at"), data.get("start") is not None],
                         sort_keys=True, default=repr)
    return {**data, "format_version": 2, "game_id": hashlib.sha256(made_of.encode()).hexdigest()[:16],
            "group": None, "branch_of": None}


def _v2_to_v3(data: dict[str, Any]) -> dict[str, Any]:
    """Format 3 records the workshop room a game was played in (its code and round) and the answers to the
    room's questions before and after play. A format-2 save was played in no room and answered nothing."""
    return {**data, "format_version": 3, "room": None, "before": None, "after": None}


#: format n → a function turning a format-n save (as parsed JSON) into format n+1.
#: Keep every tests/saves/fixtures/format-N.json loading.
MIGRATIONS: dict[int, Migration] = {1: _v1_to_v2, 2: _v2_to_v3}


class BadSave(Exception):
    """What is wrong with a save's content, without the file name (the store adds that)."""


class _Strict(BaseModel):
    # strict: a hand-edited "7" is not quietly taken for the number 7.
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


Id = Annotated[str, Field(min_length=1, max_length=64)]


class RulesRef(_Strict):
    """The rule pack a game was played under: its id, and where it was loaded from, as a first guess."""

    id: Id
    path: Annotated[str, Field(max_length=4096)] | None = None


class ScenarioRef(_Strict):
    """Which city the game was played in, and exactly which text of it (with a rule pack: the hash covers both)."""

    id: Id
    version: Annotated[str, Field(min_length=1, max_length=32)]
    title: Annotated[str, Field(max_length=200)] | None = None
    content_hash: Annotated[str, Field(pattern=r"^sha256:[0-9a-f]{64}$")]
    path: Annotated[str, Field(max_length=4096)] | None = None  # where it was loaded from, as a first guess
    rules: RulesRef | None = None  # the rule pack it was played under, if any


class Options(_Strict):
    """The options the game was started with."""

    persona: Id
    opacity: Literal["opaque", "partial", "transparent"]
    days: Annotated[int, Field(ge=1, le=365)] | None = None  # None: the scenario's own season length


class RoomRef(_Strict):
    """The workshop room a game was played in: the room's code (the plan every group joined) and the round."""

    code: Annotated[str, Field(pattern=r"^[2-9A-HJ-NP-Z]{3}-[2-9A-HJ-NP-Z]{4}$")]
    round: Annotated[int, Field(ge=1, le=9)]


class Answer(_Strict):
    """A room's question answered: on a scale of 1 to 5 (or not), and a line of words (or none)."""

    scale: Annotated[int, Field(ge=1, le=5)] | None = None
    text: Annotated[str, Field(max_length=500)] = ""


class Summary(_Strict):
    """What a load list shows without replaying anything (taken from the snapshot when saved)."""

    day: Annotated[int, Field(ge=0)]
    days: Annotated[int, Field(ge=1)]
    persona_name: Annotated[str, Field(max_length=200)]
    over: bool
    ending: Annotated[str, Field(max_length=200)] | None = None  # the ending's title, once over
    actions: Annotated[int, Field(ge=0)]


class SaveFile(_Strict):
    """One save: replaying `actions` from `seed` (or from `start`) gives `snapshot`."""

    format_version: Literal[3]
    saved_at: str
    # The game's own id: every save of one game carries it, and no other game's file is ever written over.
    game_id: Annotated[str, Field(pattern=GAME_ID)]
    # The group that plays it (a workshop's table), as the players wrote it.
    group: Annotated[str, Field(min_length=1, max_length=40)] | None = None
    # The game this one branched from: it was continued in two places at once and this copy went on apart.
    branch_of: Annotated[str, Field(pattern=GAME_ID)] | None = None
    name: Annotated[str, Field(min_length=1, max_length=200)] | None = None  # None: an autosave
    # The room it was played in, and what the players answered to the room's questions before and after.
    room: RoomRef | None = None
    before: Answer | None = None
    after: Answer | None = None
    scenario: ScenarioRef
    seed: Annotated[int, Field(ge=0, lt=2**63)]
    options: Options
    summary: Summary
    actions: Annotated[list[Annotated[str, Field(min_length=1, max_length=80)]], Field(max_length=MAX_ACTIONS)]
    # None: a new game from the seed. Otherwise the state the actions start from: the game was
    # continued from a snapshot after its scenario changed, so the seed alone no longer replays it.
    start: dict[str, Any] | None = None
    snapshot: dict[str, Any]

    @field_validator("saved_at")
    @classmethod
    def _utc_timestamp(cls, value: str) -> str:
        try:
            when = datetime.fromisoformat(value)
        except ValueError:
            raise ValueError("must be an ISO 8601 time such as 2025-01-31T09:30:00Z") from None
        if when.utcoffset() != timedelta(0):
            raise ValueError("must be in UTC (ending in Z or +00:00)")
        return value

    @property
    def saved_time(self) -> datetime:
        return datetime.fromisoformat(self.saved_at)


# ------------------------------------------------------------------ reading


def _no_constants(name: str) -> Any:
    raise BadSave(f"not a Good Standing save ({name} is not a number JSON allows)")


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise BadSave(f"not a Good Standing save (the key `{key[:40]}` appears twice in one object)")
        out[key] = value
    return out


def parse_json(raw: bytes) -> Any:
    """The JSON value of a save file's bytes; raises BadSave with a reason a person can act on."""
    if len(raw) > MAX_SAVE_BYTES:
        raise BadSave(f"too large to be a save ({len(raw):,} bytes)")
    if not raw.strip():
        raise BadSave("empty file: not a Good Standing save")
    if raw.startswith(b"\xef\xbb\xbf"):  # an editor's byte-order mark is harmless
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadSave(f"not a Good Standing save (not UTF-8 text: bad byte at offset {exc.start})") from None
    body = text.strip()
    if body[:1] not in ("{", "["):
        raise BadSave("not a Good Standing save (not a JSON object: a save starts with `{`)")
    try:
        return json.loads(text, parse_constant=_no_constants, object_pairs_hook=_no_duplicates)
    except json.JSONDecodeError as exc:
        # A save ends with the `}` that closes it; without it the file was cut short.
        if exc.pos >= len(body) or (body[0] == "{" and not body.endswith("}")):
            raise BadSave(f"not a Good Standing save (line {exc.lineno}: the file ends too early; "
                          "was it cut short?)") from None
        message = exc.msg[0].lower() + exc.msg[1:]
        raise BadSave(f"not a Good Standing save (line {exc.lineno} column {exc.colno}: {message})") from None
    except RecursionError:
        raise BadSave("not a Good Standing save (nested too deeply)") from None
    except ValueError:  # e.g. an integer of thousands of digits
        raise BadSave("not a Good Standing save (a number is too long)") from None


def migrate(data: dict[str, Any], migrations: dict[int, Migration] | None = None,
            current: int = FORMAT_VERSION) -> dict[str, Any]:
    """Bring parsed save data up to format `current`, one version at a time."""
    chain = MIGRATIONS if migrations is None else migrations
    version = data.get("format_version")
    if "format_version" not in data:
        raise BadSave("not a Good Standing save (no format_version)")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise BadSave(f"not a Good Standing save (format_version must be a whole number from 1, "
                      f"not {json.dumps(version)[:40]})")
    if version > current:
        raise BadSave(f"made by a newer version of the game (save format {version}; this game reads "
                      f"formats up to {current}): update the game to load it")
    while version < current:
        step = chain.get(version)
        if step is None:
            raise BadSave(f"save format {version} can no longer be read (no migration to format {version + 1})")
        try:
            data = step(dict(data))
        except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
            raise BadSave(f"cannot bring save format {version} up to {version + 1}: {exc}") from None
        version += 1
        if data.get("format_version") != version:
            raise BadSave(f"the migration from format {version - 1} did not give format {version}")
    return data


def validation_reason(exc: ValidationError) -> str:
    errors = exc.errors(include_url=False)
    first = errors[0]
    message = first["msg"].removeprefix("Value error, ")
    if first["type"] == "literal_error" and first["loc"] == ("format_version",):
        message = f"must be {FORMAT_VERSION}"
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    return f"not a valid save: {location(tuple(first['loc']))}: {message}{more}"


def parse_save(raw: bytes) -> SaveFile:
    """A save from a file's bytes: parsed, migrated to the current format and validated."""
    data = parse_json(raw)
    if not isinstance(data, dict):
        kind = {list: "a list", str: "a string", bool: "true or false", type(None): "null"}.get(type(data), "a number")
        raise BadSave(f"not a Good Standing save (the file holds {kind}, not an object)")
    data = migrate(data)
    try:
        return SaveFile.model_validate(data)
    except ValidationError as exc:
        raise BadSave(validation_reason(exc)) from None


# ------------------------------------------------------------------ writing


#: The large parts of a save: written one key a line, each value on its line, so a year-long season
#: is written by the C encoder in milliseconds (an indented dump of it takes the pure-Python one).
_ONE_KEY_A_LINE = ("start", "snapshot")


def dump_save(save: SaveFile) -> bytes:
    """The file's bytes: indented for a reader, keys in the model's order, one final newline.

    The snapshot (and a start state) are written one key a line, each value compact.
    """
    # The states are plain JSON already: taken as they are, not walked by the serializer.
    data = save.model_dump(mode="json", exclude_none=False, exclude=set(_ONE_KEY_A_LINE))
    data = {key: getattr(save, key) if key in _ONE_KEY_A_LINE else data[key] for key in SaveFile.model_fields}
    if data["scenario"].get("rules") is None:  # a game under the city's own rulebook is written as it always was
        data["scenario"].pop("rules", None)
    parts = []
    for key, value in data.items():
        if key in _ONE_KEY_A_LINE and isinstance(value, dict) and value:
            inner = ",\n".join(f"  {json.dumps(k, ensure_ascii=False)}: {json.dumps(v, ensure_ascii=False)}"
                               for k, v in value.items())
            text = f"{{\n{inner}\n }}"
        else:
            text = json.dumps(value, indent=1, ensure_ascii=False).replace("\n", "\n ")
        parts.append(f" {json.dumps(key, ensure_ascii=False)}: {text}")
    return ("{\n" + ",\n".join(parts) + "\n}\n").encode("utf-8")


canonical = canonical_json  # for comparing a snapshot with a replay, exactly as `State.to_json` writes states


__all__ = [
    "FORMAT_VERSION", "MAX_ACTIONS", "MAX_SAVE_BYTES", "MIGRATIONS", "Answer", "BadSave", "Migration", "Options",
    "RoomRef", "SaveFile", "ScenarioRef", "Summary", "canonical", "dump_save", "migrate", "parse_json", "parse_save",
]
