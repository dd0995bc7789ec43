"""Provides what the player may see during play, as plain data: the faces' reading of book and state.

Each function here is pure (book, state, opacity → data) and decides nothing
about the game: it only filters what the engine knows down to what the
opacity allows. The Textual game draws these; tests check them without a
terminal. The debrief (always transparent) is `game.report.debrief`.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from dataclasses import dataclass

from game.engine.book import AmountC, Book, ChoiceC, amount, pick_words
from game.engine.events import Event, ScoreChanged
from game.engine.predict import outcome_losses, sure_losses
from game.engine.state import State
from game.engine.turn import (
    Blocked,
    ChoiceClosed,
    Shortfall,
    appeal_block,
    choice_blocker,
    evidence_for,
    gate_block,
    gate_shown,
)
from game.model.names import tier_name
from game.model.scenario import Opacity, Visibility
from game.report.notices import day_label, number, signed

OPAQUE, PARTIAL, TRANSPARENT = Opacity.opaque, Opacity.partial, Opacity.transparent

#: One line each, for the new-game screen and the help.
OPACITY_WORDS = {
    OPAQUE: "You see a number move, rarely why. Like most real scoring systems.",
    PARTIAL: "You see your tier and the kind of reason (transit, conduct…), not the rule.",
    TRANSPARENT: "You see every rule, its source and each change as it happens.",
}


def untold_words(opacity: Opacity | str) -> str:
    """What to say of a change or record the city never told the resident of.

    In transparent play the player saw it happen anyway, so the words say both: the resident was not
    told, and the player sees it only because of how they chose to see the city.
    """
    if Opacity(opacity) is TRANSPARENT:
        return "kept from residents; you saw it only because you play transparent"
    return "the city never notified you"


# ------------------------------------------------------------------ calendar


@dataclass(frozen=True, slots=True)
class CalendarView:
    day: int
    days: int
    label: str  # "Day 3 (Wed)"
    weekday: str | None


def calendar_view(book: Book, state: State) -> CalendarView:
    names = book.scenario.calendar.day_names
    day = min(state.day, state.days)
    weekday = names[(day - 1) % len(names)] if names else None
    return CalendarView(day, state.days, day_label(book, day), weekday)


# ------------------------------------------------------------------ stats


@dataclass(frozen=True, slots=True)
class StatView:
    id: str
    name: str
    value: float
    low: int
    high: int
    unit: str | None


def stats_view(book: Book, state: State) -> list[StatView]:
    units = {s.id: s.unit for s in book.scenario.stats}
    return [StatView(sid, book.stat_names[sid], state.vals[sid], low, high, units.get(sid))
            for sid, (low, high) in book.stats.items()]


# ------------------------------------------------------------------ goals


@dataclass(frozen=True, slots=True)
class GoalView:
    """A goal of the persona's, and where the player stands on it now (when the city says)."""

    text: str
    progress: str | None
    short: str  # for a small window: the goal's `short` form, or its text when it has none
    met: bool = False  # it holds now (a goal counts at the season's end, so this can still change)


def goals_view(book: Book, state: State) -> list[GoalView]:
    persona = book.scenario.persona(state.persona)
    holds = dict(book.personas[state.persona].goals)
    return [GoalView(g.text, None if g.progress is None
                     else book.words(f"progress:{persona.id}:{g.id}", g.progress, state.vals), g.short or g.text,
                     bool(holds[g.id](state.vals)))
            for g in persona.goals]


# ------------------------------------------------------------------ scores


@dataclass(frozen=True, slots=True)
class ScoreView:
    """A score as the opacity shows it: `value` and `tier` are None when not shown."""

    id: str
    name: str
    value: float | None
    tier: str | None
    tier_name: str | None
    moved: float  # the change the last action made (its direction is all opaque players get)
    reasons: tuple[str, ...]  # partial: categories; transparent: "−40 Fare evasion"


def score_shown(book: Book, score_id: str, opacity: Opacity) -> bool:
    return opacity is TRANSPARENT or book.scores[score_id].visibility is not Visibility.hidden


def score_moves(events: Iterable[Event]) -> dict[str, float]:
    """How much each score moved in a run of events (the truth: opaque players see the number move)."""
    moved: dict[str, float] = {}
    for e in events:
        if isinstance(e, ScoreChanged):
            moved[e.entry.score] = moved.get(e.entry.score, 0) + e.entry.delta
    return moved


def scores_view(book: Book, state: State, opacity: Opacity, last: Iterable[Event] = ()) -> list[ScoreView]:
    """The score panel: opaque a number that moves, partial a tier and categories, transparent the rules."""
    last = list(last)
    moved = score_moves(last)
    out = []
    for sid in book.score_ids:
        if not score_shown(book, sid, opacity):
            continue
        score = book.scores[sid]
        tier = state.vals[tier_name(sid)]
        names = {t.id: t.name for s in book.scenario.scores if s.id == sid for t in s.tiers
                 if t.name and t.name.lower() != t.id.lower()}
        reasons: list[str] = []
        if opacity is PARTIAL:
            for e in last:
                if isinstance(e, ScoreChanged) and e.entry.score == sid and e.entry.learned is not None:
                    category = book.rule_info[e.entry.rule].category
                    if category not in reasons:
                        reasons.append(category)
        elif opacity is TRANSPARENT:
            entries = [e for e in state.ledger if e.score == sid][-3:]
            reasons = [f"{signed(e.delta)} {book.rule_names[e.rule]} (day {e.landed})" for e in reversed(entries)]
        show_tier = opacity is not OPAQUE
        out.append(ScoreView(
            sid, book.score_names[sid],
            None if opacity is PARTIAL else state.vals[sid],
            tier if show_tier else None, names.get(tier) if show_tier else None,
            moved.get(sid, 0), tuple(reasons),
        ))
        del score
    return out


# ------------------------------------------------------------------ the card


@dataclass(frozen=True, slots=True)
class ChoiceView:
    index: int  # 0-based, as `Choose` takes it
    text: str
    open: bool
    cost: str  # "Money 10", or ""
    loses: str  # what it takes for certain after that, "Family −1, Stress +1", or ""
    check: str  # "roll 2d6 +2, need 7 to beat the cameras", or ""
    why_not: str  # why it is closed, or ""


@dataclass(frozen=True, slots=True)
class CardView:
    id: str
    title: str
    text: str
    choices: tuple[ChoiceView, ...]
    left_today: int  # cards still in hand, this one included


def cost_words(book: Book, state: State, cost: tuple[AmountC, ...]) -> str:
    """A cost as the player reads it, amounts worked out now: "Money 10, Energy 2", or "" if free."""
    return ", ".join(f"{book.stat_names[a.key]} {number(amount(a, state.vals))}" for a in cost)


def shortfall_words(book: Book, short: tuple[Shortfall, ...]) -> str:
    """What a cost lacks: "not enough Money: you have 70"."""
    return "; ".join(f"not enough {book.stat_names[s.stat]}: you have {number(s.have)}" for s in short)


def _humane(name: str) -> str:
    return name.replace("_", " ")


def _name_words(book: Book, name: str) -> str:
    if name in book.stat_names:
        return book.stat_names[name]
    if name in book.score_names:
        return book.score_names[name]
    if name.endswith("_tier") and name[:-5] in book.score_names:
        return f"{book.score_names[name[:-5]]} tier"
    flag = next((f for f in book.scenario.flags if f.id == name), None)
    if flag is not None and flag.description:
        words = flag.description.rstrip(".")
        return words[0].lower() + words[1:] if len(words) > 1 and not words[1].isupper() else words
    return {"day": "the day", "days": "the season's length"}.get(name, _humane(name))


_COMPARE = {ast.GtE: "{} {} or more", ast.Gt: "{} more than {}", ast.LtE: "{} {} or less", ast.Lt: "{} less than {}",
            ast.Eq: "{} {}", ast.NotEq: "{} not {}"}


def condition_words(book: Book, text: str) -> str:
    """A condition as words with the scenario's names: `civic >= 1030` → "Lanshui Trust Points 1,030 or more".
    What it cannot put into words it gives back with its names made readable."""
    def words(node: ast.AST) -> str:
        if isinstance(node, ast.BoolOp):
            joiner = " and " if isinstance(node.op, ast.And) else ", or "
            return joiner.join(words(v) for v in node.values)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            return f"not {words(node.operand)}"
        if isinstance(node, ast.Name):
            return _name_words(book, node.id)
        if isinstance(node, ast.Constant):
            if isinstance(node.value, bool):
                return "yes" if node.value else "no"
            if isinstance(node.value, int | float):
                return number(node.value)
            return str(node.value)
        if isinstance(node, ast.Compare) and len(node.ops) == 1:
            left, op, right = node.left, node.ops[0], node.comparators[0]
            if isinstance(op, ast.In | ast.NotIn) and isinstance(right, ast.Name) and right.id == "record":
                kind = _humane(words(left))
                return f"{'a' if isinstance(op, ast.In) else 'no'} “{kind}” record on file"
            if isinstance(left, ast.Name) and left.id == "day" and isinstance(op, ast.GtE | ast.Lt):
                return f"{'from' if isinstance(op, ast.GtE) else 'before'} day {words(right)}"
            pattern = _COMPARE.get(type(op))
            if pattern is not None:
                return pattern.format(words(left), words(right))
        raise ValueError(ast.dump(node))

    try:
        return words(ast.parse(text.strip(), mode="eval").body)
    except (SyntaxError, ValueError, RecursionError):
        return _humane(text)


def closed_words(book: Book, closed: ChoiceClosed, opacity: Opacity) -> str:
    """Why a choice is closed, from the engine's reason: an unmet condition first, then what you cannot pay."""
    if closed.unmet:
        # The author's words, when written, say it (the condition put into words can read like code: "the
        # day late season or less"); the condition in words at full transparency when the author wrote none.
        if closed.explain and opacity is not OPAQUE:
            return closed.explain
        if opacity is TRANSPARENT and closed.condition is not None:
            return f"needs {condition_words(book, closed.condition)}"
        return "not open to you now"
    return shortfall_words(book, closed.short)


def gate_block_words(book: Book, block: Blocked) -> str:
    """Why a gate cannot be tried today, in words (never its requirements)."""
    if block.kind == "cost":
        return shortfall_words(book, block.short)
    return {"passed": "you passed it already this season", "tried_today": "you tried it today; try again tomorrow",
            "hidden": "it is not open to you", "unknown": "there is no such gate"}[block.kind]


def appeal_block_words(book: Book, block: Blocked) -> str:
    """Why a record cannot be appealed now, in words."""
    if block.kind == "cost":
        return shortfall_words(book, block.short)
    if block.kind == "decided":
        return {"upheld": "you appealed it already, and the appeal was turned down",
                "overturned": "your appeal struck it out already"}.get(block.status or "", "it was appealed already")
    return {"no_record": "there is no such record in your dossier",
            "not_appealable": "this kind of record cannot be appealed",
            "closed": "appeals are not open to you now"}[block.kind]


def check_words(book: Book, state: State, ch: ChoiceC) -> str:
    from game.engine.turn import check_terms

    c = ch.check
    terms = check_terms(book, state, ch)
    if c is None or terms is None:
        return ""
    mod, target = terms  # as they will be when the dice roll: after the choice's cost and outcome
    label = f" for “{c.label}”" if c.label else ""
    return f"roll {c.dice}{' ' + signed(mod) if mod else ''}, need {number(target)}{label}"


def card_view(book: Book, state: State, opacity: Opacity) -> CardView | None:
    """The card in hand with each choice's cost, dice and — when closed — why."""
    card_id = state.card
    if card_id is None:
        return None
    card = book.card_by_id[card_id]
    info = book.card_info[card_id]
    choices = []
    for i, ch in enumerate(card.choices):
        closed = choice_blocker(book, state, ch)
        why = closed_words(book, closed, opacity) if closed is not None else ""
        text = pick_words(ch.variants, ch.text, state.vals)
        loses = changes_words(book, sure_losses(book, state, ch))
        choices.append(ChoiceView(i, text, closed is None, cost_words(book, state, ch.cost), loses,
                                  check_words(book, state, ch), why))
    return CardView(card_id, info.title, pick_words(card.variants, info.text, state.vals), tuple(choices),
                    len(state.hand))


# ------------------------------------------------------------------ gates


def requirement_words(book: Book, gate_id: str) -> tuple[str, ...]:
    """Every requirement of a gate in words, with the numbers (for transparent play and the debrief)."""
    out = []
    for req in book.gates[gate_id].requires:
        if req.needs:  # the author's words for what it takes
            out.append(req.needs.rstrip("."))
        elif req.score is not None and req.tier_id is not None:
            score = book.scores[req.score]
            low = next(m for m, tid in score.tiers if tid == req.tier_id)
            out.append(f"{book.score_names[req.score]} tier {req.tier_id} or above ({number(low)} or more)")
        else:  # a condition: in words as a need (`explain` says why it failed, not what it takes)
            out.append(condition_words(book, req.text or ""))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class GateView:
    id: str
    name: str
    description: str
    cost: str
    blocker: str | None  # why it cannot even be tried now (never the requirements)
    passed: bool
    wanted: bool  # the persona hopes to pass it
    requires: tuple[str, ...] = ()  # what it takes, in words: shown in transparent play only
    if_open: str = ""  # what opening takes from you for certain, "Money −300", or ""
    if_refused: str = ""  # what a refusal takes, "Stress +1", or ""


def changes_words(book: Book, changes: dict[str, float]) -> str:
    """Stat changes as the player reads them: "Family −1, Stress +1"."""
    return ", ".join(f"{book.stat_names[k]} {signed(v)}" for k, v in changes.items())


def rest_words(book: Book, state: State) -> str:
    """What resting does to the stats, worked out now and held to their ranges: "Energy +4, Stress −2",
    "Energy +2 (to its top, 10)", or "" — the price shown is what the player will get."""
    out = []
    for a in book.rest.stats:
        asked = amount(a, state.vals)
        if not asked:
            continue
        low, high = book.stats[a.key]
        now = state.vals[a.key]
        got = max(low, min(high, now + asked)) - now
        name = book.stat_names[a.key]
        if got == asked:
            out.append(f"{name} {signed(got)}")
        elif got:
            edge = f"to its top, {number(high)}" if asked > 0 else f"to its floor, {number(low)}"
            out.append(f"{name} {signed(got)} ({edge})")
    return ", ".join(out)



def gates_view(book: Book, state: State, opacity: Opacity = OPAQUE) -> list[GateView]:
    """The gates the player can see, wanted ones first; the requirements stay secret until tried,
    except in transparent play."""
    wanted = book.personas[state.persona].gates
    out = []
    for gid, info in book.gate_info.items():
        if not gate_shown(book, state, gid):
            continue
        gate = book.gates[gid]
        block = gate_block(book, state, gid)
        cost = cost_words(book, state, gate.cost)
        description = book.words(f"gate:{gid}", info.description or "", state.vals)
        out.append(GateView(gid, info.name, description, cost,
                            gate_block_words(book, block) if block else None, gid in state.gates_passed,
                            gid in wanted, requirement_words(book, gid) if opacity is TRANSPARENT else (),
                            changes_words(book, outcome_losses(book, state, gate.on_open)),
                            changes_words(book, outcome_losses(book, state, gate.on_refused))))
    out.sort(key=lambda g: not g.wanted)
    return out


# ------------------------------------------------------------------ dossier


@dataclass(frozen=True, slots=True)
class RecordView:
    no: int
    day: int
    filed: int
    text: str
    source: str | None  # the department, when the opacity shows it
    category: str | None
    status: str
    wrong_known: bool  # the player knows this record is wrong
    told: bool  # the player was told of it (false ones show only in transparent play)
    appeal_blocker: str | None
    evidence: str | None = None  # what the player holds that speaks against it, in the scenario's words


def appeal_cost(book: Book, state: State) -> str:
    """What an appeal costs now, worked out: "costs Energy 2", or "free"."""
    cost = cost_words(book, state, book.appeal.cost)
    return f"costs {cost}" if cost else "free"


def appeal_terms(book: Book, state: State, record_no: int, opacity: Opacity) -> str:
    """What the player stakes on appealing this record, said before they agree.

    The cost, what a turned-down appeal takes for certain, and in transparent play the odds
    as the rulebook has them, for a wrong record and for a true one (which this one is, the
    player may not know), with their evidence if they hold some.
    """
    from game.engine.turn import evidence_for

    a = book.appeal
    out = [f"An appeal {appeal_cost(book, state)}, and a clerk decides."]
    lost = changes_words(book, outcome_losses(book, state, a.lost))
    if lost:
        out.append(f"If it is turned down: {lost}.")
    if opacity is TRANSPARENT:
        rec = state.record(record_no)
        ev = evidence_for(book, state, rec) if rec is not None else None
        wrong = ev.chance if ev is not None else a.chance
        true = ev.chance_if_true if ev is not None and ev.chance_if_true is not None else a.chance_if_true
        if a.wins_when is not None and a.wins_when(state.vals):
            out.append("The rulebook: this appeal wins whatever the record says.")
        else:
            with_ev = " with your evidence" if ev is not None else ""
            out.append(f"The rulebook: an appeal{with_ev} wins {wrong:.0%} of the time if the record is wrong, "
                       f"{true:.0%} if it is true.")
    return " ".join(out)


def dossier_view(book: Book, state: State, opacity: Opacity) -> list[RecordView]:
    """What the system holds on you: the records you were told of; in transparent play, all of them."""
    out = []
    for r in state.records:
        if not r.seen and opacity is not TRANSPARENT:
            continue
        rule = book.rule_info[r.rule]
        block = appeal_block(book, state, r.no)
        blocker = appeal_block_words(book, block) if block is not None else None
        if not r.seen:
            blocker = "the city never notified you of this record, so you cannot appeal it"
        # Partial play names the department and kind of reason, except for a hidden rule's record.
        named = opacity is TRANSPARENT or (opacity is PARTIAL and rule.visibility is not Visibility.hidden)
        out.append(RecordView(
            r.no, r.day, r.filed, r.text,
            book.source_names[rule.source] if named else None,
            rule.category if named else None,
            r.status, r.error_known, r.seen, blocker,
            ev.text if (ev := evidence_for(book, state, r)) is not None else None,
        ))
    return out


# ------------------------------------------------------------------ rulebook


@dataclass(frozen=True, slots=True)
class RuleView:
    id: str
    name: str
    source: str
    category: str
    reason: str
    visibility: str
    fired: int  # times it fired so far
    learned: int | None  # the day you first learned of it
    changes: str = ""  # transparent play: what it does to the scores now, e.g. "Lanshui Trust Points −40"


def learned_rules(book: Book, state: State) -> dict[str, int]:
    """Rules the player has learned of (a change they were told about, or a record of theirs they were
    told of): rule id → first day learned."""
    out: dict[str, int] = {}
    for e in state.ledger:
        if e.learned is not None and e.reverses is None and e.rule not in out:
            out[e.rule] = e.learned
    for r in state.records:  # a rule that only files a record is learned of when the record is shown
        if book.rule_info[r.rule].visibility is Visibility.hidden:
            continue  # its record may come to light (a refusal names it), its rule does not
        if r.seen and (r.rule not in out or r.filed < out[r.rule]):
            out[r.rule] = r.filed
    return out


def rulebook_view(book: Book, state: State, opacity: Opacity) -> list[RuleView]:
    """The rules you have learned of, in the order you learned them; in transparent play, every rule."""
    learned = learned_rules(book, state)
    if opacity is TRANSPARENT:
        ids = list(book.rule_info)
    else:
        ids = sorted(learned, key=lambda r: learned[r])
    out = []
    for rid in ids:
        r = book.rule_info[rid]
        changes = ""
        if opacity is TRANSPARENT:
            changes = rule_effects(book, rid, state)
        out.append(RuleView(rid, r.name, book.source_names[r.source], r.category, r.reason, r.visibility.value,
                            state.fired.get(rid, 0), learned.get(rid), changes))
    return out


def rule_effects(book: Book, rule_id: str, state: State) -> str:
    """What a rule does, in words, worked out now: its score and stat changes, the doors it opens or closes,
    the record it files. A rule that only sets off others says so."""
    rule = book.rules[rule_id]
    parts = [f"{book.score_names[a.key]} {signed(amount(a, state.vals))}" for a in rule.scores]
    parts += [f"{book.stat_names.get(a.key, a.key)} {signed(amount(a, state.vals))}" for a in rule.stats]
    verbs = {"open": "opens", "close": "closes", "reset": "resets"}
    parts += [f"{verbs.get(action, action)} “{book.gate_info[gate].name}”" for gate, action in rule.gates]
    if rule.record_text:
        parts.append(f"files “{rule.record_text}”")
    if not parts and (rule.facts or rule.set or rule.clear):
        parts.append("sets off other rules" if rule.facts else "changes what the city knows of you")
    return ", ".join(parts)


@dataclass(frozen=True, slots=True)
class RoutineView:
    text: str  # the author's words: "A night's sleep."
    changes: str  # its stat changes in words, as they came: "Energy +3"
    days: int  # on how many days of the season so far it happened


def routines_view(book: Book, log: Iterable[Iterable[Event]]) -> list[RoutineView]:
    """What has happened by itself at the start of the season's days (income, rent, sleep, friends drifting…),
    from the season's events, in the order the book lists them.

    These move the stats the player already watches, not the city's scores, so every opacity sees them.
    Only what happened is listed: another persona's routines, or ones whose time has not come, would
    read as threats the season never makes.
    """
    from game.engine.events import Routine

    seen: dict[str, tuple[Routine, int]] = {}
    for events in log:
        for e in events:
            if isinstance(e, Routine):
                first, n = seen.get(e.id, (e, 0))
                seen[e.id] = (first, n + 1)
    order: dict[str, int] = {}
    for r in (*book.routines, *(r for p in book.personas.values() for r in p.routines)):
        order.setdefault(r.id, len(order))
    out = []
    for rid, (e, n) in sorted(seen.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0])):
        changes = ", ".join(f"{book.stat_names.get(k, k)} {signed(v)}" for k, v in e.stats)
        out.append(RoutineView(e.text or _humane(rid), changes, n))
    return out


@dataclass(frozen=True, slots=True)
class TierView:
    score: str  # the score's name
    tiers: tuple[tuple[str, int], ...]  # (tier, lowest value), top tier first


def tiers_view(book: Book, opacity: Opacity) -> list[TierView]:
    """The tier cut-offs of each score: transparent play only (otherwise none)."""
    if opacity is not TRANSPARENT:
        return []
    return [TierView(book.score_names[sid], tuple((tid, low) for low, tid in book.scores[sid].tiers))
            for sid in book.score_ids]


# ------------------------------------------------------------------ help


@dataclass(frozen=True, slots=True)
class HelpTerm:
    term: str
    words: str


def help_terms(book: Book) -> list[HelpTerm]:
    """The city's own words for the help screen: its stats, its scores and their tiers, and what an appeal costs."""
    out = []
    for s in book.scenario.stats:
        out.append(HelpTerm(s.name, f"{s.description or ''} ({number(s.min)} to {number(s.max)})".strip()))
    for sc in book.scenario.scores:
        tiers = " · ".join(t.id + (f" “{t.name}”" if t.name and t.name.lower() != t.id.lower() else "")
                           for t in sc.tiers)
        out.append(HelpTerm(sc.name, f"{sc.description or ''} Tiers, best first: {tiers}.".strip()))
    fixed = all(a.fn is None for a in book.appeal.cost)  # an amount worked out in play is shown in the dossier
    cost = ", ".join(f"{book.stat_names[a.key]} {number(a.constant)}" for a in book.appeal.cost) if fixed else ""
    out.append(HelpTerm("Appeal", f"d, then a: a clerk may strike out a record{' (costs ' + cost + ')' if cost else ''}"
                                  ". Wrong records are struck out more often; evidence you kept helps."))
    return out


# ------------------------------------------------------------------ the next step


def next_step_hint(book: Book, state: State) -> str:
    """One line telling a first-time player what they can do now."""
    if state.over:
        return "The season is over. Read your debrief: what the city knew, and what it cost you."
    card = state.card
    if card is None:
        return "Nothing to answer: rest (r) to end the day."
    n = len(book.card_by_id[card].choices)
    more = len(state.hand) - 1
    tail = f" {more} more card{'s' if more != 1 else ''} today." if more else " Last card of the day."
    keys = "Press 1" if n == 1 else f"Choose 1–{n}"
    from game.engine.policies import worn_out

    low = worn_out(book, state)
    if low:  # a first-timer stuck at Energy 0 is told the way out
        stat = low[0]
        return f"{keys}.{tail} Low on {book.stat_names[stat]}: r rests ({rest_words(book, state)})."
    return f"{keys}.{tail} Also: g gate · d dossier · b rules · r rest"


def log_lines(book: Book, events: Iterable[Event], opacity: Opacity) -> list[str]:
    """The notices of an action, led by what you chose, so the log reads as the story of your season."""
    from game.engine.events import Chose
    from game.report.notices import notice

    out = []
    for e in events:
        if isinstance(e, Chose):
            card = book.card_info[e.card]
            text = e.words or next((c.text for c in card.choices if c.id == e.choice), e.choice)
            colon = "" if card.title.rstrip()[-1:] in "?!:" else ":"  # "Link your contacts? Not now."
            out.append(f"▶ {card.title}{colon} {text}")
            continue
        line = notice(book, e, opacity)
        if line:
            out.append(line)
    return out


__all__ = [
    "CalendarView", "CardView", "ChoiceView", "GateView", "GoalView", "goals_view", "OPACITY_WORDS", "RecordView", "RuleView", "ScoreView",
    "HelpTerm", "StatView", "TierView", "appeal_block_words", "appeal_cost", "calendar_view", "card_view", "check_words",
    "closed_words", "condition_words", "cost_words", "dossier_view", "gate_block_words", "gates_view", "help_terms",
    "learned_rules", "log_lines", "next_step_hint", "number", "requirement_words", "rulebook_view", "score_moves",
    "score_shown", "scores_view", "shortfall_words", "stats_view", "tiers_view",
]
