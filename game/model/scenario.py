"""Provides the pydantic models of a scenario: the city as data.

Every model forbids unknown keys, so a misspelt key is an error at the
value's line, not a silently ignored setting. Conditions and amounts are
kept here as text; `game.model.condition` compiles them, and
`game.content` checks them against the names the scenario declares.
"""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PlainValidator,
    StringConstraints,
    WithJsonSchema,
    model_validator,
)

from game.model.condition import MAX_INT
from game.model.opacity import Opacity

#: A stable identifier: saves, debriefs and translations refer to items by it.
Id = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", min_length=1, max_length=48),
    Field(description="A stable id: lower case letters, digits and _, starting with a letter."),
]
#: A condition in the condition language, e.g. `civic < 850 and "fare_evasion" in record`.
Condition = Annotated[
    str,
    Field(
        min_length=1,
        max_length=1000,
        description="A condition in the condition language, e.g. civic < 850 and money >= 10.",
    ),
]


def _amount(value: Any) -> int | float | str:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise ValueError("an amount is a number or an expression such as -rent // 2")
    return value


def _plain_value(value: Any) -> bool | int | str:
    if not isinstance(value, (bool, int, str)):
        raise ValueError("a value here is yes/no (true/false), a whole number, or text")
    return value


#: A number, or an expression in the condition language that gives a number (e.g. "-rent").
Amount = Annotated[
    int | float | str,
    PlainValidator(_amount),
    WithJsonSchema({"anyOf": [{"type": "number"}, {"type": "string", "minLength": 1}],
                    "description": "A number, or an expression that gives a number, e.g. -rent // 2."}),
]
#: A persona attribute's value.
PlainValue = Annotated[
    bool | int | str,
    PlainValidator(_plain_value),
    WithJsonSchema({"type": ["boolean", "integer", "string"]}),
]
Text = Annotated[str, Field(min_length=1, max_length=4000)]
#: A stat's or score's bound, start or tier: a whole number no larger than an amount may be (±10⁹),
#: so every sum of them stays a whole number.
Value = Annotated[int, Field(ge=-MAX_INT, le=MAX_INT)]


def _one_line(text: str) -> str:
    # Control characters other than these two are refused where the file is read (game.content.yaml_reader).
    if "\n" in text or "\t" in text:
        raise ValueError("this is shown on one line: no line breaks or tabs here (a `text` or `description` may have them)")
    return text


#: Checks that a name, title or label is one line (line breaks and tabs belong in longer texts).
OneLine = AfterValidator(_one_line)
#: A name or title: text shown on one line.
Line = Annotated[str, Field(min_length=1, max_length=4000), OneLine]

class Strict(BaseModel):
    """Base of every scenario model: unknown keys are errors, values are not coerced silently."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class Variant(Strict):
    """Words shown instead of the plain text when a condition holds (the first variant that holds wins)."""

    when: Condition = Field(description="Checked when the text is shown, e.g. persona == \"stall\" or days < 20.")
    text: Text


#: Variants of a text: each `when` is checked in order when the text is shown; none holding shows the plain text.
Variants = Annotated[list[Variant], Field(default_factory=list, max_length=32,
                                          description="Other words for this text, each shown when its `when` holds.")]


class Visibility(str, Enum):
    """How much the player is ever told about a rule or score outside the debrief."""

    public = "public"
    hinted = "hinted"
    hidden = "hidden"


class Basis(str, Enum):
    """What a rule rests on, shown in the debrief so a workshop can tell fact from fiction."""

    documented = "documented"
    pilot = "pilot"
    reported = "reported"
    invented = "invented"


# --------------------------------------------------------------------- metadata


class Meta(Strict):
    """Who the scenario is and how to start it."""

    id: Id
    title: Line
    version: Annotated[str, Field(pattern=r"^\d+(\.\d+){0,2}$", description="e.g. 1.0 or 1.2.3")]
    language: Annotated[str, Field(pattern=r"^[a-z]{2}(-[A-Z]{2})?$", description="e.g. en or en-GB")]
    summary: Text | None = None
    intro: Text | None = Field(None, description="Shown before the first day of a new game.")
    intro_variants: Variants
    default_persona: Id | None = None
    default_opacity: Annotated[Opacity, Field(strict=False)] = Opacity.partial


class Routine(Strict):
    """Something that happens by itself at the start of a day: income, rent, needs."""

    id: Id
    when: Condition | None = Field(None, description="Checked at the start of each day; all routines are checked before any applies.")
    text: Text | None = None
    outcome: Outcome


class Calendar(Strict):
    """How long a season is and how many cards a day brings."""

    days: Annotated[int, Field(ge=1, le=365)]
    cards_per_day: Annotated[int, Field(ge=1, le=9)]
    day_names: list[Annotated[str, Field(min_length=1, max_length=20), OneLine]] | None = Field(
        None, description="Names cycled through for day 1, 2, 3, … (e.g. Monday … Sunday)."
    )
    routines: list[Routine] = Field(default_factory=list)
    rest: Outcome | None = Field(
        None, description="What resting does: the rest of the day's cards are set aside (each with its `ignored` outcome)."
    )
    seasons: dict[Id, Annotated[int, Field(ge=1, le=365)]] = Field(
        default_factory=dict,
        description="Named season lengths a player may choose, e.g. {short: 14, full: 30}; `days` is the default.",
    )
    moments: dict[Id, Amount] = Field(
        default_factory=dict,
        description="Named days of the calendar, as expressions of `days` (the season's length), e.g. "
        "admissions: days - 9. Conditions read them like numbers: day >= admissions.",
    )
    card_limit: Amount | None = Field(
        None, description="How many times a card may be dealt in one season, an expression of `days` and the "
        "moments (e.g. 1 + days // 30); cards that are `recurring` or set their own `limit` are not held to it.",
    )


# ----------------------------------------------------------------- stats, scores


class Stat(Strict):
    """A quantity of the player's life: money, energy, stress, family…"""

    id: Id
    name: Line
    min: Value = 0
    max: Value = 100
    start: Value = 0
    description: Text | None = None
    unit: Annotated[str, Field(max_length=12), OneLine] | None = None

    @model_validator(mode="after")
    def _range(self) -> Stat:
        if self.min > self.max:
            raise ValueError(f"min ({self.min}) is above max ({self.max})")
        if not self.min <= self.start <= self.max:
            raise ValueError(f"start ({self.start}) is outside {self.min}..{self.max}")
        return self


class Tier(Strict):
    """A named band of a score, from `min` up to the next tier's min."""

    id: Annotated[str, Field(pattern=r"^[A-Za-z][A-Za-z0-9_+\-]*$", max_length=16)]
    min: Value
    name: Line | None = None


class Score(Strict):
    """A number the city or a platform keeps on the player."""

    id: Id
    name: Line
    min: Value
    max: Value
    start: Value
    keeper: Id = Field(description="The source that keeps this score; other sources reach it only if they share with it.")
    visibility: Annotated[Visibility, Field(strict=False)] = Visibility.public
    tiers: list[Tier] = Field(min_length=1)
    description: Text | None = None

    @model_validator(mode="after")
    def _check(self) -> Score:
        if self.min > self.max:
            raise ValueError(f"min ({self.min}) is above max ({self.max})")
        if not self.min <= self.start <= self.max:
            raise ValueError(f"start ({self.start}) is outside {self.min}..{self.max}")
        mins = [t.min for t in self.tiers]
        if mins != sorted(mins, reverse=True) or len(set(mins)) != len(mins):
            raise ValueError("tiers must be listed from the highest min to the lowest, each min different")
        if mins[-1] > self.min:
            raise ValueError(f"the lowest tier starts at {mins[-1]} but the score can fall to {self.min}")
        ids = [t.id for t in self.tiers]
        if len(set(ids)) != len(ids):
            raise ValueError("two tiers share an id")
        return self


class Source(Strict):
    """A department or company that feeds data to scores: bank, transit, cameras, platform…"""

    id: Id
    name: Line
    shares_with: list[Id] = Field(
        default_factory=list,
        description="Other sources this one passes its data to. A rule's score change lands only on scores "
        "kept by its own source or by one it shares with.",
    )
    lag: Annotated[int, Field(ge=0, le=60)] = Field(0, description="Days added to every rule of this source.")
    description: Text | None = None


class Attribute(Strict):
    """A fact about a persona usable in conditions, with a default for personas that do not set it."""

    id: Id
    default: PlainValue
    description: Text | None = None


class Flag(Strict):
    """A named yes/no fact of the story: has_ticket, owes_favour…"""

    id: Id
    description: Text | None = None


# ----------------------------------------------------------------- outcomes


class Outcome(Strict):
    """What happens: stat changes, flags set or cleared, facts emitted, a line of story."""

    text: Text | None = None
    variants: Variants
    stats: dict[Id, Amount] = Field(default_factory=dict, description="Stat changes: stat id → amount (+ or -).")
    set: list[Id] = Field(default_factory=list, description="Flags to set.")
    clear: list[Id] = Field(default_factory=list, description="Flags to clear.")
    facts: list[Id] = Field(default_factory=list, description="Facts emitted; rules listen for them.")


class Check(Strict):
    """A dice check: roll the dice, add the modifier, meet the target."""

    dice: Annotated[str, Field(pattern=r"^[1-9]d(4|6|8|10|12|20)$", description="e.g. 2d6")]
    modifier: Amount = 0
    target: Amount
    label: Line | None = Field(None, description="What is being tested, e.g. 'beat the light'.")
    success: Outcome
    failure: Outcome


class Choice(Strict):
    """One option on a card."""

    id: Id
    text: Annotated[str, Field(min_length=1, max_length=200), OneLine]
    variants: Variants
    requires: Condition | None = Field(None, description="The choice is offered only when this holds.")
    explain: Line | None = Field(
        None, description="Words for a player when `requires` does not hold, e.g. 'needs Lotus Credit of good or above'."
    )
    cost: dict[Id, Amount] = Field(default_factory=dict, description="Stats paid up front; unaffordable choices are not offered.")
    outcome: Outcome = Field(default_factory=lambda: Outcome.model_validate({}))
    check: Check | None = None


class Card(Strict):
    """An event card: a moment of the day and the choices it offers."""

    id: Id
    title: Annotated[str, Field(min_length=1, max_length=80), OneLine]
    text: Text
    variants: Variants
    when: Condition | None = Field(None, description="The card can be drawn only when this holds.")
    personas: list[Id] = Field(default_factory=list, description="Only these personas draw it (empty: everyone).")
    weight: Annotated[int, Field(ge=0, le=1000)] = 10
    cooldown: Annotated[int, Field(ge=0, le=365)] = Field(3, description="Days before it can be drawn again.")
    once: bool = Field(False, description="Drawn at most once a season.")
    limit: Amount | None = Field(None, description="Dealt at most this many times a season (an expression of `days` "
                                 "and the moments); overrides the calendar's `card_limit`.")
    recurring: bool = Field(False, description="A routine of the persona's life, not held to the calendar's `card_limit`.")
    forced: bool = Field(False, description="Always dealt when eligible, before weighted draws.")
    choices: list[Choice] = Field(min_length=1, max_length=9)
    ignored: Outcome | None = Field(None, description="What happens if the player rests instead of answering.")


class RecordSpec(Strict):
    """A dossier record a rule files: its kind (usable in `"kind" in record`) and its wording."""

    id: Id
    text: Text
    appealable: bool = True


class GateAction(str, Enum):
    open = "open"
    close = "close"
    reset = "reset"


class Rule(Strict):
    """One line of the rulebook: when a fact or condition holds, this happens."""

    id: Id
    name: Line
    source: Id
    basis: Annotated[Basis, Field(strict=False)]
    source_note: Annotated[str, Field(min_length=1, max_length=300), OneLine] = Field(
        description="One line: where the basis comes from, or what an invented rule extrapolates."
    )
    category: Annotated[str, Field(min_length=1, max_length=40), OneLine] = Field(
        description="A category of reason shown at partial opacity, e.g. transit, finance, conduct."
    )
    reason: Text = Field(description="The reason text the ledger records.")
    on: list[Id] = Field(default_factory=list, description="Facts that trigger the rule (any of them).")
    when: Condition | None = Field(None, description="Must hold when the rule would fire. With no `on`, checked at each day's end.")
    delay: Annotated[int, Field(ge=0, le=60)] = 0
    error_rate: Annotated[float, Field(ge=0.0, le=1.0)] = 0.0
    wrong_when: Condition | None = Field(
        None, description="If it holds when the rule fires, the record is wrong and the player knows it: the story "
        "decides (a receipt says you paid), not the `error_rate` dice.",
    )
    visibility: Annotated[Visibility, Field(strict=False)] = Visibility.public
    once: bool = False
    scores: dict[Id, Amount] = Field(default_factory=dict, description="Score changes: score id → amount.")
    withheld: list[Id] = Field(
        default_factory=list,
        description="Scores among `scores` whose change is meant never to land: the rule's source does not share "
        "with their keeper, and that is the point (the debrief shows it as data that never arrived). `validate` "
        "warns of any other change that can never land.",
    )
    stats: dict[Id, Amount] = Field(default_factory=dict, description="Stat changes, such as fines.")
    set: list[Id] = Field(default_factory=list)
    clear: list[Id] = Field(default_factory=list)
    facts: list[Id] = Field(default_factory=list, description="Facts this rule emits in turn.")
    gates: dict[Id, Annotated[GateAction, Field(strict=False)]] = Field(default_factory=dict, description="Gates this rule opens, closes or resets.")
    record: RecordSpec | None = None

    @model_validator(mode="after")
    def _does_something(self) -> Rule:
        if not (self.scores or self.stats or self.set or self.clear or self.facts or self.gates or self.record):
            raise ValueError("the rule does nothing: give it scores, stats, set, clear, facts, gates or record")
        if not self.on and self.when is None:
            raise ValueError("the rule has neither `on` (facts) nor `when` (a condition), so it can never fire")
        if self.error_rate > 0 and self.record is None:
            raise ValueError("`error_rate` is the chance the rule's record is wrong, but the rule files no `record`")
        if self.wrong_when is not None and self.record is None:
            raise ValueError("`wrong_when` says when the rule's record is wrong, but the rule files no `record`")
        return self


class Requirement(Strict):
    """One condition of a gate, with the words that explain a refusal."""

    score: Id | None = Field(None, description="With tier_at_least: the score whose tier is checked.")
    tier_at_least: str | None = None
    when: Condition | None = None
    explain: Line | None = Field(None, description="Words for a refusal, e.g. 'you are on the defaulters list'.")
    needs: Line | None = Field(None, description="The requirement as what it takes, for the gates screen in "
                               "transparent play and the debrief, e.g. 'no entry on the defaulters list' "
                               "(default: the condition in words).")

    @model_validator(mode="after")
    def _one_kind(self) -> Requirement:
        tiered = self.score is not None or self.tier_at_least is not None
        if tiered and (self.score is None or self.tier_at_least is None):
            raise ValueError("a tier requirement needs both `score` and `tier_at_least`")
        if tiered == (self.when is not None):
            raise ValueError("a requirement is either `score` + `tier_at_least` or `when`, not both or neither")
        return self


class Gate(Strict):
    """A named access check: a loan, a train ticket, a school place, a job, a lease."""

    id: Id
    name: Annotated[str, Field(min_length=1, max_length=80), OneLine]
    description: Text | None = None
    description_variants: Variants
    shown_when: Condition | None = Field(None, description="The gate is offered only when this holds.")
    cost: dict[Id, Amount] = Field(default_factory=dict, description="Stats paid to try.")
    requires: list[Requirement] = Field(default_factory=list)
    refusal: Text = Field(description="What the clerk or screen says when it refuses.")
    refusal_variants: Variants
    on_open: Outcome = Field(default_factory=lambda: Outcome.model_validate({}))
    on_refused: Outcome = Field(default_factory=lambda: Outcome.model_validate({}))
    repeatable: bool = Field(False, description="Can it be passed more than once a season?")


class Evidence(Strict):
    """Something the player kept that speaks for them in an appeal: a receipt, a photo, a witness."""

    id: Id
    records: list[Id] = Field(min_length=1, description="Kinds of record this evidence answers.")
    when: Condition = Field(description="The player holds the evidence when this holds, e.g. kept_receipt.")
    chance: Annotated[float, Field(ge=0.0, le=1.0)] = Field(
        description="Chance an appeal of a wrong record of these kinds wins with this evidence.")
    chance_if_true: Annotated[float, Field(ge=0.0, le=1.0)] | None = Field(
        None, description="Chance with this evidence if the record is true (default: the appeal's own).")
    text: Text = Field(description="What the evidence is, in the dossier's and debrief's words.")


class Appeal(Strict):
    """How appealing a dossier record works."""

    cost: dict[Id, Amount] = Field(default_factory=dict)
    chance: Annotated[float, Field(ge=0.0, le=1.0)] = Field(0.5, description="Chance an appeal of a wrong record wins.")
    chance_if_true: Annotated[float, Field(ge=0.0, le=1.0)] = Field(0.05, description="Chance an appeal of a true record wins.")
    when: Condition | None = Field(None, description="If given, an appeal can be made only when this holds.")
    wins_when: Condition | None = Field(
        None, description="If given and it holds when you appeal, the appeal wins whatever the dice (e.g. a lawyer, tier A)."
    )
    won: Outcome = Field(default_factory=lambda: Outcome.model_validate({}))
    lost: Outcome = Field(default_factory=lambda: Outcome.model_validate({}))
    evidence: list[Evidence] = Field(default_factory=list, description="Evidence that changes an appeal's chance; the first that holds counts.")


class RecordPolicy(Strict):
    """How long the dossier keeps a record."""

    expire_after: Annotated[int, Field(ge=1, le=365)] | None = Field(
        None, description="Days after it is filed that a record is struck out by itself, its points given back "
                          "and its doors reset (as a won appeal does); none: records are kept for ever.")


SHORT_GOAL = 25  # letters: one line of the side panel at 80 columns, after its bullet


class Goal(Strict):
    """Something a persona hopes for this season; reached when its condition holds at the end."""

    id: Id
    text: Line
    short: Annotated[str, Field(min_length=1, max_length=SHORT_GOAL), OneLine] | None = Field(
        None, description=f"The goal in at most {SHORT_GOAL} letters, for the table in a small window (80×24), "
        "where three goals in full do not fit beside the card, e.g. \"The loan for a shop\"; the full `text` "
        "everywhere else.")
    when: Condition
    progress: Line | None = Field(
        None, description="Where the player stands, shown under the goal on the table while playing, e.g. "
        "\"Your card now: B\"; with `progress_variants` for each state.")
    progress_variants: Variants


class Persona(Strict):
    """A resident whose life crosses the system in their own way."""

    id: Id
    name: Annotated[str, Field(min_length=1, max_length=80), OneLine]
    situation: Text
    goals: list[Goal] = Field(min_length=1)
    cares: dict[Id, float] = Field(
        default_factory=dict,
        description="What this person cares about: stat id → weight (negative for stats they want low, like stress).",
    )
    stats: dict[Id, Value] = Field(default_factory=dict, description="Starting stats that differ from the defaults.")
    scores: dict[Id, Value] = Field(default_factory=dict, description="Starting scores that differ from the defaults.")
    attributes: dict[Id, PlainValue] = Field(default_factory=dict)
    flags: list[Id] = Field(default_factory=list, description="Flags set at the start.")
    routines: list[Routine] = Field(default_factory=list, description="This persona's own daily routines (income, rent…).")
    gates: list[Id] = Field(default_factory=list, description="Gates this persona wants to pass; bots try them.")


class Ending(Strict):
    """How a season can end; the first ending whose condition holds is the one reached."""

    id: Id
    title: Annotated[str, Field(min_length=1, max_length=80), OneLine]
    text: Text
    variants: Variants
    when: Condition | None = Field(None, description="Omit on the last ending to make it the fallback.")
    personas: list[Id] = Field(default_factory=list)


class Prompt(Strict):
    """A discussion prompt for the debrief, raised by the cards, rules, gates or endings it names."""

    id: Id
    text: Text
    raised_by: list[Id] = Field(min_length=1, description="Ids of cards, rules, gates or endings.")


# ----------------------------------------------------------------- the whole


class ScenarioFile(Strict):
    """One YAML file of a scenario. A scenario folder may split its parts over many files;
    each file holds the parts it names at its top level, and lists are joined in file order."""

    scenario: Meta | None = None
    calendar: Calendar | None = None
    appeal: Appeal | None = None
    records: RecordPolicy | None = None
    stats: list[Stat] = Field(default_factory=list)
    scores: list[Score] = Field(default_factory=list)
    sources: list[Source] = Field(default_factory=list)
    attributes: list[Attribute] = Field(default_factory=list)
    flags: list[Flag] = Field(default_factory=list)
    personas: list[Persona] = Field(default_factory=list)
    cards: list[Card] = Field(default_factory=list)
    rules: list[Rule] = Field(default_factory=list)
    gates: list[Gate] = Field(default_factory=list)
    endings: list[Ending] = Field(default_factory=list)
    prompts: list[Prompt] = Field(default_factory=list)


class Scenario(Strict):
    """A whole scenario, joined from its files and checked for consistency by `game.content`."""

    scenario: Meta
    calendar: Calendar
    appeal: Appeal = Field(default_factory=lambda: Appeal())
    records: RecordPolicy = Field(default_factory=lambda: RecordPolicy())
    stats: list[Stat] = Field(min_length=1)
    scores: list[Score] = Field(min_length=1)
    sources: list[Source] = Field(min_length=1)
    attributes: list[Attribute] = Field(default_factory=list)
    flags: list[Flag] = Field(default_factory=list)
    personas: list[Persona] = Field(min_length=1)
    cards: list[Card] = Field(min_length=1)
    rules: list[Rule] = Field(default_factory=list)
    gates: list[Gate] = Field(default_factory=list)
    endings: list[Ending] = Field(min_length=1)
    prompts: list[Prompt] = Field(default_factory=list)

    def persona(self, persona_id: str) -> Persona:
        for p in self.personas:
            if p.id == persona_id:
                return p
        raise KeyError(persona_id)

    def item_kinds(self) -> dict[str, str]:
        """Every id a prompt may name, mapped to what it is."""
        kinds: dict[str, str] = {}
        for kind, items in (("card", self.cards), ("rule", self.rules), ("gate", self.gates), ("ending", self.endings)):
            for item in items:
                kinds.setdefault(item.id, kind)
        return kinds


#: Facts the engine itself emits, which rules may listen for like any other.
ENGINE_FACTS = {
    "rested": "the player rested for the day",
    "appeal_won": "an appeal overturned a record",
    "appeal_lost": "an appeal was turned down",
    "gate_refused": "any gate refused the player",
    "gate_passed": "any gate let the player through",
}

def _sections() -> tuple[tuple[str, ...], tuple[str, ...], dict[str, type[BaseModel]], tuple[str, ...]]:
    """The sections a scenario's files may hold, read off the `Scenario` model: one table, not five."""
    singles, lists, items, required = [], [], {}, []
    for name, info in Scenario.model_fields.items():
        annotation = info.annotation
        args = getattr(annotation, "__args__", ())
        if getattr(annotation, "__origin__", None) is list and args:
            lists.append(name)
            items[name] = args[0]
            if any(getattr(m, "min_length", 0) for m in info.metadata):
                required.append(name)
        else:
            singles.append(name)
            items[name] = annotation
            if info.is_required():
                required.append(name)
    return tuple(singles), tuple(lists), items, tuple(required)


Routine.model_rebuild()
Calendar.model_rebuild()
Scenario.model_rebuild()
SINGLE_SECTIONS, LIST_SECTIONS, SECTION_ITEM, REQUIRED_SECTIONS = _sections()

__all__ = [
    "ENGINE_FACTS", "Amount", "Appeal", "Evidence", "Variant", "Attribute", "Basis", "Calendar", "Card", "Check", "Choice",
    "Condition", "Ending", "Flag", "Gate", "GateAction", "Goal", "Id", "LIST_SECTIONS", "Meta",
    "Opacity", "Outcome", "Persona", "Prompt", "REQUIRED_SECTIONS", "RecordPolicy", "RecordSpec", "Requirement", "Routine", "Rule",
    "SECTION_ITEM", "SINGLE_SECTIONS", "Scenario", "ScenarioFile", "Score", "Source", "Stat",
    "Tier", "Visibility",
]
