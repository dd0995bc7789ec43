"""Provides the game state: the full truth of one season, as plain data.

The state holds what the city knows (scores, the dossier, the ledger) and
what really happened (which records are wrong), whatever the player is shown.
It is copied shallowly once per action; records and ledger entries are
immutable, so a copy never shares anything a later action mutates.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, fields, replace
from typing import Any, NamedTuple


@dataclass(frozen=True, slots=True)
class LedgerEntry:
    """One score change, named by the rule that caused it."""

    seq: int
    rule: str
    source: str
    score: str
    delta: int | float  # what was applied, after clamping to the score's range
    asked: int | float  # what the rule asked for
    day: int  # the day the behaviour happened (the rule fired)
    landed: int  # the day the change reached the score
    learned: int | None  # the day the player learned of it, or None
    record: int | None  # the dossier record behind it
    true: bool  # whether that record is true
    reverses: int | None = None  # for an appeal's reversal: the entry it undoes


@dataclass(frozen=True, slots=True)
class Record:
    """One entry of the dossier: what the system holds on you, true or not."""

    no: int
    kind: str
    rule: str
    text: str
    day: int  # the day of the behaviour it describes
    filed: int  # the day it reached the dossier
    true: bool
    seen: bool  # the player knows the record exists
    error_known: bool  # the player knows it is wrong
    status: str = "active"  # active | overturned | upheld
    appealable: bool = True


@dataclass(frozen=True, slots=True)
class Pending:
    """A rule that fired and whose effect is still on its way (departments that lag)."""

    due: int
    rule: str
    day: int
    erroneous: bool
    seq: int


@dataclass(frozen=True, slots=True)
class Decision:
    """A card answered: what was chosen, and what protecting the score or the persona's values would pick."""

    day: int
    card: str
    choice: str
    score_pick: str
    values_pick: str


def _as_dict(item: Any) -> dict[str, Any]:
    """A record's fields as a dict: what `dataclasses.asdict` gives for these flat records, without its deep copy."""
    names = _FIELD_NAMES.get(type(item))
    if names is None:
        names = _FIELD_NAMES[type(item)] = tuple(f.name for f in fields(item))
    return {name: getattr(item, name) for name in names}


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def canonical_json(data: Any) -> str:
    """The one canonical JSON of the game: sorted keys, no spaces, text as it is."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


class Withheld(NamedTuple):
    """A score change that never landed: its source does not share with the score's keeper."""

    day: int
    rule: str
    score: str
    amount: int | float


class GateOverride(NamedTuple):
    """A rule that opened or closed a gate whatever its requirements (until the record behind it is overturned)."""

    action: str  # open | close
    rule: str


@dataclass(slots=True)
class State:
    """One season in progress."""

    scenario: str
    version: str
    persona: str
    seed: int
    days: int
    day: int = 1
    over: bool = False
    ending: str | None = None
    vals: dict[str, Any] = field(default_factory=dict)
    hand: list[str] = field(default_factory=list)
    records: list[Record] = field(default_factory=list)
    ledger: list[LedgerEntry] = field(default_factory=list)
    pending: list[Pending] = field(default_factory=list)
    last_drawn: dict[str, int] = field(default_factory=dict)
    drawn: dict[str, int] = field(default_factory=dict)
    fired: dict[str, int] = field(default_factory=dict)
    armed: list[str] = field(default_factory=list)
    gate_overrides: dict[str, GateOverride] = field(default_factory=dict)
    gates_tried: dict[str, int] = field(default_factory=dict)
    gates_passed: dict[str, int] = field(default_factory=dict)
    tried_today: list[str] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    withheld: list[Withheld] = field(default_factory=list)
    history: dict[str, list[int | float]] = field(default_factory=dict)  # score → value at each day's end
    goals: list[str] = field(default_factory=list)
    actions: int = 0
    seq: int = 0

    def copy(self) -> State:
        """A copy safe to change: containers are new, their immutable items shared."""
        return replace(
            self, vals=dict(self.vals), hand=list(self.hand), records=list(self.records), ledger=list(self.ledger),
            pending=list(self.pending), last_drawn=dict(self.last_drawn), drawn=dict(self.drawn),
            fired=dict(self.fired), armed=list(self.armed), gate_overrides=dict(self.gate_overrides),
            gates_tried=dict(self.gates_tried), gates_passed=dict(self.gates_passed),
            tried_today=list(self.tried_today), decisions=list(self.decisions), withheld=list(self.withheld),
            history={k: list(v) for k, v in self.history.items()}, goals=list(self.goals),
        )

    # ------------------------------------------------------------ look-ups

    @property
    def card(self) -> str | None:
        """The card the player must answer now, if any."""
        return self.hand[0] if self.hand else None

    def record(self, no: int) -> Record | None:
        for r in self.records:
            if r.no == no:
                return r
        return None

    def replace_record(self, new: Record) -> None:
        self.records = [new if r.no == new.no else r for r in self.records]

    # ---------------------------------------------------------------- JSON

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name == "vals":
                value = {k: sorted(v) if isinstance(v, (set, frozenset)) else v for k, v in value.items()}
            elif f.name in ("records", "ledger", "pending", "decisions"):
                value = [_as_dict(item) for item in value]
            elif f.name == "withheld":
                value = [list(w) for w in value]
            elif f.name == "gate_overrides":
                value = {gate: list(o) for gate, o in value.items()}
            out[f.name] = value
        return out

    def to_json(self) -> str:
        """Canonical JSON: the same state always gives the same bytes."""
        return canonical_json(self.to_dict())

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> State:
        """Rebuild a state from `to_dict` output. Raises KeyError/TypeError/ValueError on bad data."""
        kwargs = dict(data)
        vals = dict(kwargs["vals"])
        if "record" in vals:
            vals["record"] = frozenset(vals["record"])
        kwargs["vals"] = vals
        kwargs["records"] = [Record(**r) for r in kwargs["records"]]
        kwargs["ledger"] = [LedgerEntry(**e) for e in kwargs["ledger"]]
        kwargs["pending"] = [Pending(**p) for p in kwargs["pending"]]
        kwargs["decisions"] = [Decision(**d) for d in kwargs["decisions"]]
        kwargs["withheld"] = [Withheld(*w) for w in kwargs["withheld"]]
        kwargs["gate_overrides"] = {gate: GateOverride(*o) for gate, o in kwargs["gate_overrides"].items()}
        known = {f.name for f in fields(cls)}
        unknown = set(kwargs) - known
        if unknown:
            raise ValueError(f"unknown state fields: {', '.join(sorted(unknown))}")
        return cls(**kwargs)


__all__ = ["canonical_json", "Decision", "GateOverride", "LedgerEntry", "Pending", "Record", "State", "Withheld"]
