"""Provides the rulebook compiled for play: the scenario as plain, cheap data.

The pydantic scenario is checked once at load; the turn loop then works on
these slotted records, compiled condition functions and look-up tables, so a
decision costs dict look-ups and function calls, never model validation.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, NamedTuple

from game.model.condition import Compiled, T, compile_amount, compile_condition
from game.model.names import SEASON_NAMES, declared_names, tier_name
from game.model.scenario import Card, Ending, Gate, Outcome, Rule, Scenario, Visibility

Values = Mapping[str, Any]
Cond = Callable[[Values], Any]
#: Variants of a text, compiled: (condition, words), the first that holds wins.
VariantsC = tuple[tuple[Cond, str], ...]


class AmountC(NamedTuple):
    """A compiled amount: what it applies to, and a constant or a function of the values (exactly one is used)."""

    key: str
    constant: float
    fn: Cond | None


@dataclass(frozen=True, slots=True)
class OutcomeC:
    text: str | None
    variants: VariantsC
    stats: tuple[AmountC, ...]
    set: tuple[str, ...]
    clear: tuple[str, ...]
    facts: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CheckC:
    dice: str
    modifier: AmountC
    target: AmountC
    label: str | None
    success: OutcomeC
    failure: OutcomeC


@dataclass(frozen=True, slots=True)
class ChoiceC:
    id: str
    text: str
    requires: Cond | None
    cost: tuple[AmountC, ...]
    outcome: OutcomeC
    check: CheckC | None
    free: bool
    variants: VariantsC = ()
    requires_text: str | None = None  # the condition as written, for words about a closed choice
    explain: str | None = None  # the author's words for why it is closed


@dataclass(frozen=True, slots=True)
class CardC:
    id: str
    index: int
    when: Cond | None
    personas: frozenset[str]
    weight: int
    cooldown: int
    once: bool
    forced: bool
    choices: tuple[ChoiceC, ...]
    ignored: OutcomeC | None
    limit: AmountC | None = None  # most deals a season (a function of days and the moments), or None
    variants: VariantsC = ()


@dataclass(frozen=True, slots=True)
class RuleC:
    id: str
    source: str
    when: Cond | None
    triggered: bool  # has `on` facts; otherwise checked at the end of each day
    delay: int  # the rule's own delay plus its source's lag
    error_rate: float
    visibility: Visibility
    once: bool
    scores: tuple[AmountC, ...]
    stats: tuple[AmountC, ...]
    set: tuple[str, ...]
    clear: tuple[str, ...]
    facts: tuple[str, ...]
    gates: tuple[tuple[str, str], ...]
    record_kind: str | None
    record_text: str | None
    appealable: bool
    wrong_when: Cond | None = None  # the story says the record is wrong (and the player knows)


@dataclass(frozen=True, slots=True)
class RequirementC:
    score: str | None
    tier_rank: int  # with a score: the lowest acceptable tier's rank (0 = top tier)
    tier_id: str | None
    when: Cond | None
    text: str | None
    explain: str | None
    scores_named: tuple[str, ...]  # scores a `when` condition mentions (for partial opacity)
    needs: str | None = None  # what it takes, in the author's words


@dataclass(frozen=True, slots=True)
class GateC:
    id: str
    shown_when: Cond | None
    cost: tuple[AmountC, ...]
    requires: tuple[RequirementC, ...]
    on_open: OutcomeC
    on_refused: OutcomeC
    repeatable: bool


@dataclass(frozen=True, slots=True)
class ScoreC:
    id: str
    min: int
    max: int
    start: int
    keeper: str
    tiers: tuple[tuple[int, str], ...]  # (min, id), highest first
    visibility: Visibility

    def tier(self, value: float) -> str:
        for low, tier_id in self.tiers:
            if value >= low:
                return tier_id
        return self.tiers[-1][1]

    def rank(self, tier_id: str) -> int:
        for i, (_, t) in enumerate(self.tiers):
            if t == tier_id:
                return i
        raise KeyError(tier_id)


@dataclass(frozen=True, slots=True)
class RoutineC:
    id: str
    when: Cond | None
    outcome: OutcomeC
    text: str | None


@dataclass(frozen=True, slots=True)
class EndingC:
    id: str
    when: Cond | None
    personas: frozenset[str]


@dataclass(frozen=True, slots=True)
class PersonaC:
    id: str
    values: dict[str, Any]  # starting condition values: stats, scores, tiers, flags, attributes
    routines: tuple[RoutineC, ...]
    cares: dict[str, float]
    gates: tuple[str, ...]
    goals: tuple[tuple[str, Cond], ...]


@dataclass(frozen=True, slots=True)
class EvidenceC:
    id: str
    records: frozenset[str]
    when: Cond
    chance: float
    chance_if_true: float | None
    text: str


@dataclass(frozen=True, slots=True)
class AppealC:
    cost: tuple[AmountC, ...]
    chance: float
    chance_if_true: float
    when: Cond | None
    wins_when: Cond | None
    won: OutcomeC
    lost: OutcomeC
    evidence: tuple[EvidenceC, ...] = ()


@dataclass
class Book:
    """Everything the engine needs to play one scenario, compiled once."""

    scenario: Scenario
    days: int
    cards_per_day: int
    stats: dict[str, tuple[int, int]]  # id → (min, max)
    scores: dict[str, ScoreC]
    reach: dict[str, frozenset[str]]  # source → keepers its data reaches
    cards: tuple[CardC, ...]
    card_by_id: dict[str, CardC]
    rules: dict[str, RuleC]
    rules_by_fact: dict[str, tuple[RuleC, ...]]
    condition_rules: tuple[RuleC, ...]
    gates: dict[str, GateC]
    routines: tuple[RoutineC, ...]
    rest: OutcomeC
    appeal: AppealC
    record_life: int | None  # days a record stays on file before it expires; None: for ever
    personas: dict[str, PersonaC]
    endings: tuple[EndingC, ...]
    cards_for: dict[str, tuple[CardC, ...]] = field(default_factory=dict)  # persona → cards they can draw
    score_ids: tuple[str, ...] = field(default=())
    score_names: dict[str, str] = field(default_factory=dict)
    rule_names: dict[str, str] = field(default_factory=dict)
    # The scenario's own items by id, for faces that show their words.
    rule_info: dict[str, Rule] = field(default_factory=dict)
    card_info: dict[str, Card] = field(default_factory=dict)
    gate_info: dict[str, Gate] = field(default_factory=dict)
    ending_info: dict[str, Ending] = field(default_factory=dict)
    source_names: dict[str, str] = field(default_factory=dict)
    stat_names: dict[str, str] = field(default_factory=dict)
    # Season lengths by name, the calendar's named moments (compiled over `days`), and text variants of
    # items the faces show: "intro", "ending:ID", "refusal:GATE", "gate:GATE" (description).
    seasons: dict[str, int] = field(default_factory=dict)
    moments: tuple[tuple[str, Cond | float], ...] = ()
    variants: dict[str, VariantsC] = field(default_factory=dict)

    def season_days(self, season: str | int | None) -> int:
        """The length of a named season (or a number of days, or None for the scenario's own)."""
        if season is None:
            return self.days
        if isinstance(season, int):
            return season
        if season not in self.seasons:
            known = ", ".join(self.seasons) or "none are named"
            raise KeyError(f"unknown season `{season}`; this scenario's seasons: {known}")
        return self.seasons[season]

    def moment_values(self, days: int) -> dict[str, int]:
        """The calendar's moments for a season of `days` days, each a whole day."""
        vals: dict[str, Any] = {"days": days}
        out: dict[str, int] = {}
        for name, fn in self.moments:
            value = int(fn(vals)) if callable(fn) else int(fn)
            vals[name] = out[name] = value
        return out

    def words(self, key: str, base: str, vals: Values) -> str:
        """The text for an item shown now: the first variant whose condition holds, or the plain text."""
        return pick_words(self.variants.get(key, ()), base, vals)


def pick_words(variants: VariantsC, base: str, vals: Values) -> str:
    for cond, text in variants:
        if cond(vals):
            return text
    return base


def _amounts(values: Mapping[str, Any], names: Any) -> tuple[AmountC, ...]:
    out: list[AmountC] = []
    for key, raw in values.items():
        compiled = compile_amount(raw, names)
        if isinstance(compiled, Compiled):
            out.append(AmountC(key, 0.0, compiled.fn))
        else:
            out.append(AmountC(key, compiled, None))
    return tuple(out)


def _cond(text: str | None, names: Any) -> Cond | None:
    return None if text is None else compile_condition(text, names, T.bool).fn


def _variants(variants: Any, names: Any) -> VariantsC:
    return tuple((compile_condition(v.when, names, T.bool).fn, v.text) for v in variants)


def _outcome(o: Outcome | None, names: Any) -> OutcomeC:
    if o is None:
        return OutcomeC(None, (), (), (), (), ())
    return OutcomeC(o.text, _variants(o.variants, names), _amounts(o.stats, names), tuple(o.set), tuple(o.clear),
                    tuple(o.facts))


@lru_cache(maxsize=64)
def dice_tail(dice: str) -> tuple[int, tuple[float, ...]]:
    """For NdS: the lowest total and, for each total from it, the chance of rolling at least that."""
    count, sides = (int(x) for x in dice.split("d"))
    dist = {0: 1}
    for _ in range(count):
        nxt: dict[int, int] = {}
        for total, ways in dist.items():
            for face in range(1, sides + 1):
                nxt[total + face] = nxt.get(total + face, 0) + ways
        dist = nxt
    whole = sides**count
    tail, acc = [], 0
    for total in range(count * sides, count - 1, -1):
        acc += dist[total]
        tail.append(acc / whole)
    return count, tuple(reversed(tail))


def chance_at_least(dice: str, need: float) -> float:
    """The chance that rolling `dice` gives `need` or more."""
    low, tail = dice_tail(dice)
    index = math.ceil(need) - low
    if index <= 0:
        return 1.0
    if index >= len(tail):
        return 0.0
    return tail[index]


def _routines(routines: Any, names: Any) -> tuple[RoutineC, ...]:
    return tuple(RoutineC(r.id, _cond(r.when, names), _outcome(r.outcome, names), r.text or r.outcome.text)
                 for r in routines)


def amount(a: AmountC, values: Values) -> float:
    """The value of a compiled amount now."""
    return a.constant if a.fn is None else a.fn(values)


def compile_book(scenario: Scenario) -> Book:
    """Compile a checked scenario for play. Assumes `game.content` found no problems."""
    names = declared_names(scenario)
    sources = {s.id: s for s in scenario.sources}
    reach = {sid: frozenset({sid, *s.shares_with}) for sid, s in sources.items()}

    scores = {
        s.id: ScoreC(s.id, s.min, s.max, s.start, s.keeper, tuple((t.min, t.id) for t in s.tiers), s.visibility)
        for s in scenario.scores
    }
    cards: list[CardC] = []
    for index, card in enumerate(scenario.cards):
        choices = []
        for ch in card.choices:
            check = None
            if ch.check is not None:
                c = ch.check
                check = CheckC(
                    c.dice,
                    _amounts({"modifier": c.modifier}, names)[0],
                    _amounts({"target": c.target}, names)[0],
                    c.label,
                    _outcome(c.success, names),
                    _outcome(c.failure, names),
                )
            choices.append(
                ChoiceC(ch.id, ch.text, _cond(ch.requires, names), _amounts(ch.cost, names),
                        _outcome(ch.outcome, names), check, ch.requires is None and not ch.cost,
                        _variants(ch.variants, names), ch.requires, ch.explain)
            )
        limit = card.limit if card.limit is not None else None if card.recurring else scenario.calendar.card_limit
        cards.append(
            CardC(card.id, index, _cond(card.when, names), frozenset(card.personas), card.weight, card.cooldown,
                  card.once, card.forced, tuple(choices), _outcome(card.ignored, names) if card.ignored else None,
                  None if limit is None else _amounts({"limit": limit}, names)[0], _variants(card.variants, names))
        )

    rules: dict[str, RuleC] = {}
    by_fact: dict[str, list[RuleC]] = {}
    for r in scenario.rules:
        rc = RuleC(
            r.id, r.source, _cond(r.when, names), bool(r.on), r.delay + sources[r.source].lag, r.error_rate,
            r.visibility, r.once, _amounts(r.scores, names), _amounts(r.stats, names), tuple(r.set),
            tuple(r.clear), tuple(r.facts), tuple((g, a.value) for g, a in r.gates.items()),
            r.record.id if r.record else None, r.record.text if r.record else None,
            r.record.appealable if r.record else False, _cond(r.wrong_when, names),
        )
        rules[r.id] = rc
        for fact in r.on:
            by_fact.setdefault(fact, []).append(rc)

    gates: dict[str, GateC] = {}
    for g in scenario.gates:
        reqs = []
        for req in g.requires:
            if req.score is not None:
                sc = scores[req.score]
                reqs.append(RequirementC(req.score, sc.rank(req.tier_at_least or ""), req.tier_at_least, None, None,
                                         req.explain, (req.score,), req.needs))
            else:
                compiled = compile_condition(req.when or "", names, T.bool)
                named = tuple(n for n in sorted(compiled.names) if n in scores or n.removesuffix("_tier") in scores)
                reqs.append(RequirementC(None, 0, None, compiled.fn, req.when, req.explain,
                                         tuple(dict.fromkeys(n.removesuffix("_tier") for n in named)), req.needs))
        gates[g.id] = GateC(g.id, _cond(g.shown_when, names), _amounts(g.cost, names), tuple(reqs),
                            _outcome(g.on_open, names), _outcome(g.on_refused, names), g.repeatable)

    personas: dict[str, PersonaC] = {}
    attr_defaults = {a.id: a.default for a in scenario.attributes}
    for p in scenario.personas:
        values: dict[str, Any] = {}
        for stat in scenario.stats:
            values[stat.id] = p.stats.get(stat.id, stat.start)
        for score in scenario.scores:
            v = p.scores.get(score.id, score.start)
            values[score.id] = v
            values[tier_name(score.id)] = scores[score.id].tier(v)
        for flag in scenario.flags:
            values[flag.id] = flag.id in p.flags
        for attr, default in attr_defaults.items():
            values[attr] = p.attributes.get(attr, default)
        values["persona"] = p.id
        personas[p.id] = PersonaC(
            p.id, values,
            _routines(p.routines, names),
            dict(p.cares), tuple(p.gates),
            tuple((g.id, compile_condition(g.when, names, T.bool).fn) for g in p.goals),
        )

    a = scenario.appeal
    season_names: dict[str, Any] = dict(SEASON_NAMES)
    moments: list[tuple[str, Any]] = []
    for name, raw in scenario.calendar.moments.items():
        moment = compile_amount(raw, season_names)
        moments.append((name, moment.fn if isinstance(moment, Compiled) else moment))
        season_names[name] = names[name]
    variants: dict[str, VariantsC] = {"intro": _variants(scenario.scenario.intro_variants, names)}
    for e in scenario.endings:
        variants[f"ending:{e.id}"] = _variants(e.variants, names)
    for p in scenario.personas:
        for goal in p.goals:
            variants[f"progress:{p.id}:{goal.id}"] = _variants(goal.progress_variants, names)
    for g in scenario.gates:
        variants[f"refusal:{g.id}"] = _variants(g.refusal_variants, names)
        variants[f"gate:{g.id}"] = _variants(g.description_variants, names)
    evidence = tuple(EvidenceC(ev.id, frozenset(ev.records), compile_condition(ev.when, names, T.bool).fn, ev.chance,
                               ev.chance_if_true, ev.text) for ev in a.evidence)
    return Book(
        scenario=scenario,
        days=scenario.calendar.days,
        cards_per_day=scenario.calendar.cards_per_day,
        stats={s.id: (s.min, s.max) for s in scenario.stats},
        scores=scores,
        reach=reach,
        cards=tuple(cards),
        card_by_id={c.id: c for c in cards},
        cards_for={p.id: tuple(c for c in cards if not c.personas or p.id in c.personas) for p in scenario.personas},
        rules=rules,
        rules_by_fact={f: tuple(rs) for f, rs in by_fact.items()},
        condition_rules=tuple(r for r in rules.values() if not r.triggered),
        gates=gates,
        routines=_routines(scenario.calendar.routines, names),
        rest=_outcome(scenario.calendar.rest, names),
        record_life=scenario.records.expire_after,
        appeal=AppealC(_amounts(a.cost, names), a.chance, a.chance_if_true, _cond(a.when, names), _cond(a.wins_when, names),
                       _outcome(a.won, names), _outcome(a.lost, names), evidence),
        personas=personas,
        endings=tuple(EndingC(e.id, _cond(e.when, names), frozenset(e.personas)) for e in scenario.endings),
        score_ids=tuple(s.id for s in scenario.scores),
        score_names={s.id: s.name for s in scenario.scores},
        rule_names={r.id: r.name for r in scenario.rules},
        rule_info={r.id: r for r in scenario.rules},
        card_info={c.id: c for c in scenario.cards},
        gate_info={g.id: g for g in scenario.gates},
        ending_info={e.id: e for e in scenario.endings},
        source_names={src.id: src.name for src in scenario.sources},
        stat_names={st.id: st.name for st in scenario.stats},
        seasons={"full": scenario.calendar.days, **scenario.calendar.seasons},
        moments=tuple(moments),
        variants={k: v for k, v in variants.items() if v},
    )
