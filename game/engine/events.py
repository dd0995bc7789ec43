"""Provides what an action makes happen: the events every face shows in its own way.

Events carry the full truth (rule ids, deltas, whether a record is wrong);
`game.report.notices` decides how much of each a player sees.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.engine.state import LedgerEntry, Record


@dataclass(frozen=True, slots=True)
class DayStarted:
    day: int


@dataclass(frozen=True, slots=True)
class Routine:
    id: str
    text: str | None
    stats: tuple[tuple[str, float], ...]


@dataclass(frozen=True, slots=True)
class CardDealt:
    card: str


@dataclass(frozen=True, slots=True)
class Chose:
    card: str
    choice: str
    words: str = ""  # the choice as the player read it (its variant for this persona and state)


@dataclass(frozen=True, slots=True)
class Story:
    """A line of story from an outcome."""

    text: str


@dataclass(frozen=True, slots=True)
class StatsChanged:
    changes: tuple[tuple[str, float], ...]


@dataclass(frozen=True, slots=True)
class DiceRolled:
    dice: str
    rolls: tuple[int, ...]
    modifier: float
    total: float
    target: float
    success: bool
    label: str | None


@dataclass(frozen=True, slots=True)
class FactEmitted:
    fact: str


@dataclass(frozen=True, slots=True)
class RuleFired:
    rule: str
    day: int
    due: int
    erroneous: bool
    after_season: bool = False  # a delayed effect due after the season's last day: it never lands


@dataclass(frozen=True, slots=True)
class ScoreChanged:
    entry: LedgerEntry
    value: float


@dataclass(frozen=True, slots=True)
class ScoreWithheld:
    """A rule's change that never reached a score: its source does not share with the keeper."""

    rule: str
    score: str
    amount: float


@dataclass(frozen=True, slots=True)
class TierChanged:
    score: str
    old: str
    new: str


@dataclass(frozen=True, slots=True)
class RecordFiled:
    record: Record


@dataclass(frozen=True, slots=True)
class GateChanged:
    gate: str
    action: str
    rule: str


@dataclass(frozen=True, slots=True)
class Reason:
    """Why a gate refused: the words at full transparency, and the score at fault if any."""

    kind: str  # tier | condition | closed
    text: str
    score: str | None
    rule: str | None = None


@dataclass(frozen=True, slots=True)
class GateResult:
    gate: str
    open: bool
    reasons: tuple[Reason, ...]
    refusal: str | None = None  # the refusal's words for this player now (its variants decided)


@dataclass(frozen=True, slots=True)
class GateTried:
    result: GateResult


@dataclass(frozen=True, slots=True)
class RecordExpired:
    """A record reached the end of its life on file and was struck out by itself."""

    record: int
    seen: bool  # the player knew of the record


@dataclass(frozen=True, slots=True)
class AppealDecided:
    record: int
    won: bool
    chance: float
    roll: float
    evidence: str | None = None  # the evidence that counted, in the scenario's words


@dataclass(frozen=True, slots=True)
class GateOpened:
    """A gate the player wants became available to try today (its `shown_when` began to hold)."""

    gate: str


@dataclass(frozen=True, slots=True)
class Rested:
    set_aside: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class DayEnded:
    day: int


@dataclass(frozen=True, slots=True)
class SeasonEnded:
    ending: str
    goals: tuple[str, ...]


Event = (
    DayStarted | Routine | CardDealt | Chose | Story | StatsChanged | DiceRolled | FactEmitted | RuleFired
    | ScoreChanged | ScoreWithheld | TierChanged | RecordFiled | RecordExpired | GateChanged | GateTried | AppealDecided
    | Rested | DayEnded | SeasonEnded | GateOpened
)
