"""Provides the turn: (book, state, action) → (new state, what happened).

The day runs: start of day (delayed effects arrive, routines such as income
and rent) → cards dealt by eligibility → the player's answers, gates,
appeals or rest → facts emitted → rules fire → end of day (condition rules,
scores recorded) → the next day, or the season's ending. The input state is
never changed; every random draw comes from the seed.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from game.engine.actions import Action, Appeal, Choose, Rest, TryGate
from game.engine.book import (
    AmountC,
    Book,
    CheckC,
    ChoiceC,
    EvidenceC,
    GateC,
    OutcomeC,
    RuleC,
    Values,
    amount,
    pick_words,
)
from game.engine.dice import Stream, roll
from game.engine.events import (
    AppealDecided,
    CardDealt,
    Chose,
    DayEnded,
    DayStarted,
    DiceRolled,
    Event,
    FactEmitted,
    GateChanged,
    GateOpened,
    GateResult,
    GateTried,
    Reason,
    RecordExpired,
    RecordFiled,
    Rested,
    Routine,
    RuleFired,
    ScoreChanged,
    ScoreWithheld,
    SeasonEnded,
    StatsChanged,
    Story,
    TierChanged,
)
from game.engine.state import Decision, GateOverride, LedgerEntry, Pending, Record, State, Withheld
from game.model.names import tier_name
from game.model.scenario import Visibility

#: How many rules may set each other off through facts before the chain is cut.
MAX_CHAIN = 8
#: The most rule firings one cascade may hold: everything one outcome, routine, answer, gate, appeal,
#: rest or day-end rule sets off through facts. `validate` refuses a rulebook in which any cascade could
#: go further (it counts fan-out × depth), so a checked city never reaches it; one that does stops here.
MAX_CASCADE = 1000


class InvalidAction(ValueError):
    """An action that is not possible now; the state is left as it was."""


class CascadeLimit(RuntimeError):
    """A cascade of rules went past `MAX_CASCADE` firings: the scenario's rulebook, not the player, is at fault."""

    def __init__(self, rule: str, fact: str | None) -> None:
        cause = f" (set off through the fact `{fact}`)" if fact else ""
        super().__init__(f"rule `{rule}` would be firing number {MAX_CASCADE + 1:,} of one cascade{cause}; "
                         f"a cascade may hold at most {MAX_CASCADE:,} rule firings — run `validate` on the scenario")
        self.rule = rule
        self.fact = fact

    def __reduce__(self) -> tuple[type[CascadeLimit], tuple[str, str | None]]:
        return (CascadeLimit, (self.rule, self.fact))  # so it crosses from a simulation's worker intact


# ------------------------------------------------------------------ new game


def new_game(book: Book, persona: str, seed: int, days: int | None = None) -> tuple[State, list[Event]]:
    """Start a season for `persona` with `seed`; returns the state at the first decision."""
    p = book.personas.get(persona)
    if p is None:
        raise InvalidAction(f"unknown persona `{persona}`; choose one of: {', '.join(book.personas)}")
    length = book.days if days is None else days
    if not 1 <= length <= 365:
        raise InvalidAction(f"a season lasts 1 to 365 days, not {length}")
    meta = book.scenario.scenario
    s = State(scenario=meta.id, version=meta.version, persona=persona, seed=seed, days=length)
    s.vals = dict(p.values)
    s.vals["day"] = 1
    s.vals["days"] = length
    s.vals.update(book.moment_values(length))
    s.vals["record"] = frozenset()
    s.history = {sid: [s.vals[sid]] for sid in book.score_ids}
    events: list[Event] = []
    _start_day(book, s, events)
    return s, events


# ------------------------------------------------------------------ the step


def step(book: Book, state: State, action: Action) -> tuple[State, list[Event]]:
    """Apply one action. Raises `InvalidAction` (state untouched) if it is not possible now."""
    if state.over:
        raise InvalidAction("the season is over")
    s = state.copy()
    events: list[Event] = []
    shown_before = _goal_gates_shown(book, state)
    if isinstance(action, Choose):
        _choose(book, s, action.index, events)
    elif isinstance(action, TryGate):
        _try_gate(book, s, action.gate, events)
    elif isinstance(action, Appeal):
        _appeal(book, s, action.record, events)
    elif isinstance(action, Rest):
        _rest(book, s, events)
    else:  # pragma: no cover - the Action union is closed
        raise InvalidAction(f"unknown action {action!r}")
    s.actions += 1
    _announce_gates(book, s, shown_before, events)
    return s, events


def _goal_gates_shown(book: Book, state: State) -> tuple[str, ...]:
    """The persona's own gates that can be tried now (shown, and not passed for good)."""
    if state.over:
        return ()
    out = []
    for gate_id in book.personas[state.persona].gates:
        gate = book.gates[gate_id]
        if gate_id in state.gates_passed and not gate.repeatable:
            continue
        override = state.gate_overrides.get(gate_id)
        if override is not None and override.action == "close":
            continue  # not open to you, whatever the calendar says; announced if the rule lets go
        if gate.shown_when is None or gate.shown_when(state.vals):
            out.append(gate_id)
    return tuple(out)


def _announce_gates(book: Book, s: State, before: tuple[str, ...], events: list[Event]) -> None:
    """Tell the player, on the day, that a gate they want has opened to them: after the day's start, if one began."""
    opened = [g for g in _goal_gates_shown(book, s) if g not in before]
    if not opened:
        return
    at = len(events)
    for i in range(len(events) - 1, -1, -1):
        if isinstance(events[i], DayStarted):
            at = i + 1
            break
    events[at:at] = [GateOpened(g) for g in opened]


# ------------------------------------------------------------------ choices


def available(book: Book, state: State) -> list[int]:
    """Indices of the current card's choices the player can take now."""
    card_id = state.card
    if card_id is None:
        return []
    card = book.card_by_id[card_id]
    return [i for i, ch in enumerate(card.choices) if choice_open(book, state, ch)]


@dataclass(frozen=True, slots=True)
class Shortfall:
    """A cost you cannot pay now: paying `need` of `stat` would take it below `floor`."""

    stat: str  # stat id
    need: float  # the cost, worked out now (an amount written as an expression is read here)
    have: float
    floor: float  # the lowest the stat may go


@dataclass(frozen=True, slots=True)
class ChoiceClosed:
    """Why a choice cannot be taken now: a condition that does not hold, or costs you cannot pay (or both)."""

    unmet: bool  # the choice's `requires` condition does not hold
    condition: str | None  # that condition as written (None when it holds)
    explain: str | None  # the author's words for it, if given (None when it holds)
    short: tuple[Shortfall, ...]  # the costs you cannot pay


def shortfalls(book: Book, v: dict[str, Any], cost: tuple[AmountC, ...]) -> tuple[Shortfall, ...]:
    """The parts of `cost` that would take a stat below its floor, with the amounts read now."""
    out = []
    for a in cost:
        need = amount(a, v)
        floor = book.stats[a.key][0]
        if v[a.key] - need < floor:
            out.append(Shortfall(a.key, need, v[a.key], floor))
    return tuple(out)


def choice_blocker(book: Book, state: State, ch: ChoiceC) -> ChoiceClosed | None:
    """Why the choice is closed now, or None if the player can take it. The one place this is decided."""
    if ch.free:
        return None
    v = state.vals
    unmet = ch.requires is not None and not ch.requires(v)
    short = shortfalls(book, v, ch.cost)
    if not unmet and not short:
        return None
    return ChoiceClosed(unmet, ch.requires_text if unmet else None, ch.explain if unmet else None, short)


def choice_open(book: Book, state: State, ch: ChoiceC) -> bool:
    return choice_blocker(book, state, ch) is None


def _affordable(book: Book, v: dict[str, Any], cost: tuple[AmountC, ...]) -> bool:
    return not shortfalls(book, v, cost)


def _choose(book: Book, s: State, index: int, events: list[Event]) -> None:
    card_id = s.card
    if card_id is None:  # pragma: no cover - a live season always has a card in hand
        raise InvalidAction("there is no card to answer")
    card = book.card_by_id[card_id]
    if not 0 <= index < len(card.choices):
        raise InvalidAction(f"choice {index + 1} is not on this card; choose 1 to {len(card.choices)}")
    choice = card.choices[index]
    if not choice_open(book, s, choice):
        raise InvalidAction(f"choice {index + 1} is not open now (it costs more than you have, or needs something you lack)")
    from game.engine.predict import picks

    score_pick, values_pick = picks(book, s, [card.choices[i] for i in available(book, s)])
    s.decisions.append(Decision(s.day, card.id, choice.id, score_pick.id, values_pick.id))
    events.append(Chose(card.id, choice.id, pick_words(choice.variants, choice.text, s.vals)))
    _pay(book, s, choice.cost, events)
    _apply(book, s, choice.outcome, events)
    if choice.check is not None:
        c = choice.check
        stream = Stream(s.seed, s.day, f"check:{card.id}:{s.actions}")
        rolls = roll(stream, c.dice)
        modifier, target = _check_terms(c, s.vals)
        total = sum(rolls) + modifier
        success = total >= target
        events.append(DiceRolled(c.dice, tuple(rolls), modifier, total, target, success, c.label))
        _apply(book, s, c.success if success else c.failure, events)
    s.hand.pop(0)
    if not s.hand:
        _end_day(book, s, events)


def _check_terms(c: CheckC, vals: Values) -> tuple[float, float]:
    """A check's modifier and target from the values as they stand when the dice are rolled."""
    return amount(c.modifier, vals), amount(c.target, vals)


def check_terms(book: Book, state: State, choice: ChoiceC) -> tuple[float, float] | None:
    """What a choice's dice will be rolled against if it is taken now: its cost paid and its outcome
    applied first, as taking it does (so "roll 2d6 +2, need 8" is what is rolled). None without dice."""
    if choice.check is None:
        return None
    trial = state.copy()
    scratch: list[Event] = []
    _pay(book, trial, choice.cost, scratch)
    _apply(book, trial, choice.outcome, scratch)
    return _check_terms(choice.check, trial.vals)


def _pay(book: Book, s: State, cost: tuple[AmountC, ...], events: list[Event]) -> None:
    if not cost:
        return
    v = s.vals
    changes = tuple((a.key, -amount(a, v)) for a in cost)
    _change_stats(book, s, changes, events)


def _change_stats(book: Book, s: State, changes: tuple[tuple[str, float], ...], events: list[Event]) -> None:
    v = s.vals
    applied = []
    for stat, delta in changes:
        low, high = book.stats[stat]
        old = v[stat]
        new = min(high, max(low, old + delta))
        if new != old:
            v[stat] = new
            applied.append((stat, new - old))
    if applied:
        events.append(StatsChanged(tuple(applied)))


def _apply(book: Book, s: State, o: OutcomeC, events: list[Event], depth: int = 0, story: bool = True) -> None:
    """Apply an outcome: story, stat changes, flags, then the facts it emits."""
    text = pick_words(o.variants, o.text, s.vals) if o.variants else o.text  # type: ignore[arg-type]
    if text and story:
        events.append(Story(text))
    _stats_and_flags(book, s, o.stats, o.set, o.clear, events)
    if o.facts:
        _facts(book, s, o.facts, events, depth)


def _stats_and_flags(book: Book, s: State, stats: tuple[AmountC, ...], set_: tuple[str, ...],
                     clear: tuple[str, ...], events: list[Event]) -> None:
    """What outcomes and rules share: stat changes (amounts read now), then flags set and cleared."""
    v = s.vals
    if stats:
        _change_stats(book, s, tuple((a.key, amount(a, v)) for a in stats), events)
    for flag in set_:
        v[flag] = True
    for flag in clear:
        v[flag] = False


# ------------------------------------------------------------------ rules


def _facts(book: Book, s: State, facts: tuple[str, ...], events: list[Event], depth: int,
           budget: list[int] | None = None) -> None:
    if depth > MAX_CHAIN:
        return
    # One budget per cascade: made where a cascade starts, shared by every firing it sets off.
    budget = [MAX_CASCADE] if budget is None else budget
    for fact in facts:
        events.append(FactEmitted(fact))
        for rule in book.rules_by_fact.get(fact, ()):
            _fire(book, s, rule, events, depth, budget, fact)


def _fire(book: Book, s: State, rule: RuleC, events: list[Event], depth: int,
          budget: list[int] | None = None, fact: str | None = None) -> None:
    if rule.once and s.fired.get(rule.id):
        return
    if rule.when is not None and rule.triggered and not rule.when(s.vals):
        return
    budget = [MAX_CASCADE] if budget is None else budget
    budget[0] -= 1
    if budget[0] < 0:
        raise CascadeLimit(rule.id, fact)
    count = s.fired.get(rule.id, 0)
    s.fired[rule.id] = count + 1
    erroneous = False
    if rule.wrong_when is not None and rule.record_kind is not None and rule.wrong_when(s.vals):
        erroneous = True  # the story says so: the card told the player the record is false
    elif rule.error_rate > 0 and rule.record_kind is not None:
        erroneous = Stream(s.seed, s.day, f"error:{rule.id}:{count}").random() < rule.error_rate
    due = s.day + rule.delay
    events.append(RuleFired(rule.id, s.day, due, erroneous, due > s.days))
    if rule.delay:
        s.seq += 1
        s.pending.append(Pending(due, rule.id, s.day, erroneous, s.seq))
    else:
        _land(book, s, rule, s.day, erroneous, events, depth, budget)


def _land(book: Book, s: State, rule: RuleC, day: int, erroneous: bool, events: list[Event], depth: int,
          budget: list[int] | None = None) -> None:
    """A fired rule's effect reaches the records, scores and gates."""
    v = s.vals
    visible = rule.visibility is not Visibility.hidden
    record_no = None
    if rule.record_kind is not None:
        s.seq += 1
        record_no = s.seq
        known = erroneous and rule.wrong_when is not None and bool(rule.wrong_when(v))
        rec = Record(record_no, rule.record_kind, rule.id, rule.record_text or "", day, s.day, not erroneous,
                     visible, known, "active", rule.appealable)
        s.records.append(rec)
        v["record"] = v["record"] | {rule.record_kind}
        events.append(RecordFiled(rec))
    reach = book.reach[rule.source]
    for a in rule.scores:
        score = book.scores[a.key]
        asked = amount(a, v)
        if score.keeper not in reach:
            s.withheld.append(Withheld(s.day, rule.id, score.id, asked))
            events.append(ScoreWithheld(rule.id, score.id, asked))
            continue
        _move_score(book, s, score.id, asked, rule, day, visible, record_no, not erroneous, None, events)
    _stats_and_flags(book, s, rule.stats, rule.set, rule.clear, events)
    for gate, action in rule.gates:
        if action == "reset":
            s.gate_overrides.pop(gate, None)
        else:
            s.gate_overrides[gate] = GateOverride(action, rule.id)
        events.append(GateChanged(gate, action, rule.id))
    if rule.facts:
        _facts(book, s, rule.facts, events, depth + 1, budget)


def _move_score(book: Book, s: State, score_id: str, asked: float, rule: RuleC, day: int, visible: bool,
                record_no: int | None, true: bool, reverses: int | None, events: list[Event]) -> None:
    score = book.scores[score_id]
    v = s.vals
    old = v[score_id]
    new = min(score.max, max(score.min, old + asked))
    if isinstance(new, float) and new.is_integer():
        new = int(new)
    s.seq += 1
    entry = LedgerEntry(s.seq, rule.id, rule.source, score_id, new - old, asked, day, s.day,
                        s.day if visible else None, record_no, true, reverses)
    s.ledger.append(entry)
    v[score_id] = new
    events.append(ScoreChanged(entry, new))
    tier_key = tier_name(score_id)
    old_tier = v[tier_key]
    new_tier = score.tier(new)
    if new_tier != old_tier:
        v[tier_key] = new_tier
        events.append(TierChanged(score_id, old_tier, new_tier))


# ------------------------------------------------------------------ the day


def _start_day(book: Book, s: State, events: list[Event]) -> None:
    while True:
        v = s.vals
        v["day"] = s.day
        s.tried_today = []
        events.append(DayStarted(s.day))
        due = [p for p in s.pending if p.due <= s.day]
        if due:
            s.pending = [p for p in s.pending if p.due > s.day]
            for p in sorted(due, key=lambda p: (p.due, p.seq)):
                _land(book, s, book.rules[p.rule], p.day, p.erroneous, events, 0)
        _expire_records(book, s, events)
        # All routines are checked before any applies, so paying rent cannot also trigger "can't pay".
        routines = book.routines + book.personas[s.persona].routines
        firing = [r for r in routines if r.when is None or r.when(v)]
        for r in firing:
            before = len(events)
            _apply(book, s, r.outcome, events, story=False)
            # The routine's own stat changes travel with it, so faces show them once, with their cause.
            changes: tuple[tuple[str, float], ...] = ()
            first = events[before] if len(events) > before else None
            if isinstance(first, StatsChanged):
                changes = first.changes
                del events[before]
            events.insert(before, Routine(r.id, r.text, changes))
        s.hand = _deal(book, s)
        for card in s.hand:
            s.drawn[card] = s.drawn.get(card, 0) + 1
            s.last_drawn[card] = s.day
        if s.hand:
            events.append(CardDealt(s.hand[0]))
            return
        # A day with no eligible card passes by itself.
        if not _close_day(book, s, events):
            return


def _deal(book: Book, s: State) -> list[str]:
    v = s.vals
    forced: list[str] = []
    pool: list[tuple[str, int]] = []
    for card in book.cards_for[s.persona]:
        last = s.last_drawn.get(card.id)
        if last is not None and (card.once or s.day - last <= card.cooldown):
            continue
        if card.limit is not None and last is not None and s.drawn.get(card.id, 0) >= amount(card.limit, v):
            continue
        if card.when is not None and not card.when(v):
            continue
        if card.forced:
            forced.append(card.id)
        elif card.weight > 0:
            pool.append((card.id, card.weight))
    hand = forced[: book.cards_per_day] if len(forced) > book.cards_per_day else forced
    if len(hand) < book.cards_per_day and pool:
        stream = Stream(s.seed, s.day, "deal")
        while pool and len(hand) < book.cards_per_day:
            i = stream.weighted_index([w for _, w in pool])
            hand.append(pool.pop(i)[0])
    return hand


def _end_day(book: Book, s: State, events: list[Event]) -> None:
    if _close_day(book, s, events):
        _start_day(book, s, events)


def _close_day(book: Book, s: State, events: list[Event]) -> bool:
    """End the day; return True if another day follows."""
    v = s.vals
    armed = set(s.armed)
    for rule in book.condition_rules:
        holds = bool(rule.when(v)) if rule.when is not None else False
        if holds and rule.id not in armed:
            armed.add(rule.id)
            _fire(book, s, rule, events, 0)
        elif not holds:
            armed.discard(rule.id)
    s.armed = sorted(armed)
    for sid in book.score_ids:
        s.history[sid].append(v[sid])
    events.append(DayEnded(s.day))
    if s.day >= s.days:
        _finish(book, s, events)
        return False
    s.day += 1
    return True


def _finish(book: Book, s: State, events: list[Event]) -> None:
    v = s.vals
    s.over = True
    s.hand = []
    for ending in book.endings:
        if ending.personas and s.persona not in ending.personas:
            continue
        if ending.when is None or ending.when(v):
            s.ending = ending.id
            break
    s.goals = [gid for gid, cond in book.personas[s.persona].goals if cond(v)]
    events.append(SeasonEnded(s.ending or "", tuple(s.goals)))


# ------------------------------------------------------------------ rest


def _rest(book: Book, s: State, events: list[Event]) -> None:
    set_aside = tuple(s.hand)
    events.append(Rested(set_aside))
    s.hand = []
    _apply(book, s, book.rest, events)
    for card_id in set_aside:
        ignored = book.card_by_id[card_id].ignored
        if ignored is not None:
            _apply(book, s, ignored, events)
    _facts(book, s, ("rested",), events, 0)
    _end_day(book, s, events)


# ------------------------------------------------------------------ gates


def gate_shown(book: Book, state: State, gate_id: str) -> bool:
    gate = book.gates[gate_id]
    return gate.shown_when is None or bool(gate.shown_when(state.vals))


def gate_status(book: Book, state: State, gate_id: str) -> GateResult:
    """Would the gate open now, and if not, why — in full; faces filter by opacity."""
    gate = book.gates[gate_id]
    v = state.vals
    override = state.gate_overrides.get(gate_id)
    if override is not None:
        action, rule_id = override.action, override.rule
        if action == "open":
            return GateResult(gate_id, True, ())
        name = book.rule_names.get(rule_id, rule_id)
        return GateResult(gate_id, False, (Reason("closed", f"closed by the rule \"{name}\"", None, rule_id),),
                          book.words(f"refusal:{gate_id}", book.gate_info[gate_id].refusal, v))
    reasons: list[Reason] = []
    for req in gate.requires:
        if req.score is not None:
            score = book.scores[req.score]
            current = v[tier_name(req.score)]
            if score.rank(current) > req.tier_rank:
                name = book.score_names[req.score]
                words = req.explain or f"{name} tier {current}; needs {req.tier_id} or above"
                reasons.append(Reason("tier", words, req.score))
        elif req.when is not None and not req.when(v):
            words = req.explain or f"needs {req.text}"
            reasons.append(Reason("condition", words, req.scores_named[0] if req.scores_named else None))
    if not reasons:
        return GateResult(gate_id, True, ())
    return GateResult(gate_id, False, tuple(reasons), book.words(f"refusal:{gate_id}", book.gate_info[gate_id].refusal, v))


@dataclass(frozen=True, slots=True)
class Blocked:
    """Why a gate cannot even be tried, or a record appealed, now (not a gate's requirements).

    `kind` is one of: unknown, hidden, passed, tried_today, cost (gates); no_record, decided,
    not_appealable, closed, cost (appeals). `status` is a decided appeal's outcome; `short` what a cost lacks.
    """

    kind: str
    status: str | None = None
    short: tuple[Shortfall, ...] = ()


def gate_block(book: Book, state: State, gate_id: str) -> Blocked | None:
    """Why the gate cannot even be tried now (not the requirements), or None. The one place this is decided."""
    gate: GateC | None = book.gates.get(gate_id)
    if gate is None:
        return Blocked("unknown")
    if not gate_shown(book, state, gate_id):
        return Blocked("hidden")
    if gate_id in state.gates_passed and not gate.repeatable:
        return Blocked("passed")
    if gate_id in state.tried_today:
        return Blocked("tried_today")
    short = shortfalls(book, state.vals, gate.cost)
    if short:
        return Blocked("cost", short=short)
    return None


def gate_blocker(book: Book, state: State, gate_id: str) -> str | None:
    """`gate_block` in the engine's words (for errors and the command line), or None."""
    block = gate_block(book, state, gate_id)
    if block is None:
        return None
    return {
        "unknown": f"unknown gate `{gate_id}`; gates are: {', '.join(book.gates)}",
        "hidden": f"`{gate_id}` is not open to you",
        "passed": f"you already passed `{gate_id}` this season",
        "tried_today": f"you already tried `{gate_id}` today; try again tomorrow",
        "cost": f"you cannot afford to try `{gate_id}` now",
    }[block.kind]


def _try_gate(book: Book, s: State, gate_id: str, events: list[Event]) -> None:
    blocker = gate_blocker(book, s, gate_id)
    if blocker is not None:
        raise InvalidAction(blocker)
    gate = book.gates[gate_id]
    s.tried_today.append(gate_id)
    s.gates_tried[gate_id] = s.gates_tried.get(gate_id, 0) + 1
    _pay(book, s, gate.cost, events)
    result = gate_status(book, s, gate_id)
    events.append(GateTried(result))
    if result.open:
        s.gates_passed[gate_id] = s.day
        _apply(book, s, gate.on_open, events)
        _facts(book, s, ("gate_passed",), events, 0)
    else:
        # Refused by a rule's closure, you learn that the rule has filed something on you,
        # as people found out they were listed only when a ticket was refused.
        for reason in result.reasons:
            if reason.kind == "closed" and reason.rule is not None:
                _reveal(s, reason.rule)
        _apply(book, s, gate.on_refused, events)
        _facts(book, s, ("gate_refused",), events, 0)


def _reveal(s: State, rule_id: str) -> None:
    """The player learns of a rule's records and score changes (not whether they are true)."""
    for rec in s.records:
        if rec.rule == rule_id and not rec.seen:
            s.replace_record(replace(rec, seen=True))
    s.ledger = [replace(e, learned=s.day) if e.rule == rule_id and e.learned is None else e for e in s.ledger]


# ------------------------------------------------------------------ appeals


def appeal_block(book: Book, state: State, record_no: int) -> Blocked | None:
    """Why this record cannot be appealed now, or None. The one place this is decided."""
    rec = state.record(record_no)
    if rec is None or not rec.seen:
        return Blocked("no_record")
    if rec.status != "active":
        return Blocked("decided", status=rec.status)
    if not rec.appealable:
        return Blocked("not_appealable")
    a = book.appeal
    if a.when is not None and not a.when(state.vals):
        return Blocked("closed")
    short = shortfalls(book, state.vals, a.cost)
    if short:
        return Blocked("cost", short=short)
    return None


def appeal_blocker(book: Book, state: State, record_no: int) -> str | None:
    """`appeal_block` in the engine's words (for errors and the command line), or None."""
    block = appeal_block(book, state, record_no)
    if block is None:
        return None
    return {
        "no_record": f"there is no record {record_no} in your dossier",
        "decided": f"record {record_no} was already appealed ({block.status})",
        "not_appealable": f"record {record_no} cannot be appealed",
        "closed": "appeals are not open to you now",
        "cost": "you cannot afford an appeal now",
    }[block.kind]


def evidence_for(book: Book, state: State, rec: Record) -> EvidenceC | None:
    """The evidence the player holds now for this record, if any: the first of the scenario's that holds."""
    for ev in book.appeal.evidence:
        if rec.kind in ev.records and ev.when(state.vals):
            return ev
    return None


def _strike(book: Book, s: State, rec: Record, visible: bool, events: list[Event]) -> None:
    """Take record `rec` (already given its new status) off the file: its points given back, its kind gone
    from `record` if no other of its kind is active, the doors its rule changed reset."""
    s.replace_record(rec)
    rule = book.rules[rec.rule]
    for entry in [e for e in s.ledger if e.record == rec.no and e.reverses is None]:
        _move_score(book, s, entry.score, -entry.delta, rule, s.day, visible, rec.no, rec.true, entry.seq, events)
    if not any(r.kind == rec.kind and r.status == "active" for r in s.records):
        s.vals["record"] = s.vals["record"] - {rec.kind}
    for gate, override in list(s.gate_overrides.items()):
        if override.rule == rec.rule:
            del s.gate_overrides[gate]
            events.append(GateChanged(gate, "reset", rec.rule))


def _expire_records(book: Book, s: State, events: list[Event]) -> None:
    """Records past the scenario's `records.expire_after` are struck out by themselves, oldest first."""
    life = book.record_life
    if life is None:
        return
    for rec in list(s.records):
        if rec.status in ("active", "upheld") and s.day - rec.filed >= life:  # an upheld record is still on file
            events.append(RecordExpired(rec.no, rec.seen))
            _strike(book, s, replace(rec, status="expired"), rec.seen, events)


def _appeal(book: Book, s: State, record_no: int, events: list[Event]) -> None:
    blocker = appeal_blocker(book, s, record_no)
    if blocker is not None:
        raise InvalidAction(blocker)
    a = book.appeal
    rec = s.record(record_no)
    assert rec is not None
    _pay(book, s, a.cost, events)
    chance = a.chance if not rec.true else a.chance_if_true
    ev = evidence_for(book, s, rec)
    if ev is not None:
        if not rec.true:
            chance = ev.chance
        elif ev.chance_if_true is not None:
            chance = ev.chance_if_true
    if a.wins_when is not None and a.wins_when(s.vals):
        chance = 1.0
    draw = Stream(s.seed, s.day, f"appeal:{record_no}").random()
    won = draw < chance
    events.append(AppealDecided(record_no, won, chance, draw, ev.text if ev is not None else None))
    if won:
        _strike(book, s, replace(rec, status="overturned", error_known=not rec.true), True, events)
        _apply(book, s, a.won, events)
        _facts(book, s, ("appeal_won",), events, 0)
    else:
        s.replace_record(replace(rec, status="upheld"))
        _apply(book, s, a.lost, events)
        _facts(book, s, ("appeal_lost",), events, 0)
