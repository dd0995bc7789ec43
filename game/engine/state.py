"""Provides the game state: the full truth of one season, as plain data.

The state holds what the city knows (scores, the dossier, the ledger) and
what really happened (which records are wrong), whatever the player is shown.
It is copied shallowly once per action; records and ledger entries are
immutable, so a copy never shares anything a later action mutates.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from typing import Any


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
    gate_overrides: dict[str, list[str]] = field(default_factory=dict)  # gate → [action, rule]
    gates_tried: dict[str, int] = field(default_factory=dict)
    gates_passed: dict[str, int] = field(default_factory=dict)
    tried_today: list[str] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    withheld: list[list[Any]] = field(default_factory=list)  # [day, rule, score, amount]
    history: dict[str, list[int | float]] = field(default_factory=dict)  # score → value at each day's end
    goals: list[str] = field(default_factory=list)
    actions: int = 0
    seq: int = 0

    def copy(self) -> State:
        """A copy safe to change: containers are new, their immutable items shared."""
        return State(
            self.scenario, self.version, self.persona, self.seed, self.days, self.day, self.over, self.ending,
            dict(self.vals), list(self.hand), list(self.records), list(self.ledger), list(self.pending),
            dict(self.last_drawn), dict(self.drawn), dict(self.fired), list(self.armed),
            {k: list(v) for k, v in self.gate_overrides.items()}, dict(self.gates_tried), dict(self.gates_passed),
            list(self.tried_today), list(self.decisions), [list(w) for w in self.withheld],
            {k: list(v) for k, v in self.history.items()}, list(self.goals), self.actions, self.seq,
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
                value = [asdict(item) for item in value]
            out[f.name] = value
        return out

    def to_json(self) -> str:
        """Canonical JSON: the same state always gives the same bytes."""
        return json.dumps(self.to_dict(), sort_keys=True, separators=(",", ":"), ensure_ascii=False)

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
        known = {f.name for f in fields(cls)}
        unknown = set(kwargs) - known
        if unknown:
            raise ValueError(f"unknown state fields: {', '.join(sorted(unknown))}")
        return cls(**kwargs)


__all__ = ["Decision", "LedgerEntry", "Pending", "Record", "State"]
