"""Provides notices: the words the player is told of events, at the opacity chosen (the engine holds only events).

- `opaque`: a number moves, with no reason; hidden rules leave no trace at all.
- `partial`: the tier and a category of reason; hidden rules give no category.
- `transparent`: the rule, its source and the delta.

The state always keeps the full truth; only these words differ. The debrief
is not built from notices: it always shows everything.
"""

from __future__ import annotations

from collections.abc import Iterable

from game.engine.book import Book
from game.engine.events import (
    AppealDecided,
    DayStarted,
    DiceRolled,
    Event,
    GateChanged,
    GateOpened,
    GateResult,
    GateTried,
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
from game.model.scenario import Opacity, Visibility

OPAQUE, PARTIAL, TRANSPARENT = Opacity.opaque, Opacity.partial, Opacity.transparent


def number(value: float) -> str:
    """A number as a player reads it: 1,030 and 2.5, never 1030.0 or 1.03e+06."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{round(value, 2):,}"


def signed(x: float) -> str:
    x = int(x) if float(x).is_integer() else round(x, 1)
    return f"+{x:,}" if x > 0 else f"−{abs(x):,}" if x < 0 else "±0"


def stat_changes(book: Book, changes: Iterable[tuple[str, float]]) -> str:
    return ", ".join(f"{book.stat_names.get(stat, stat)} {signed(delta)}" for stat, delta in changes)


def _held(book: Book, event: Routine) -> str:
    """When a routine took less than it asked because a stat hit its floor, say so: "(Money −700 was due;
    Money cannot go below 0)". Only a fixed amount is known here; an amount worked out from the day is not."""
    routine = next((r for r in (*book.routines, *(x for p in book.personas.values() for x in p.routines))
                    if r.id == event.id), None)
    if routine is None:
        return ""
    applied = dict(event.stats)
    out = []
    for a in routine.outcome.stats:  # only what is taken: a gain held at a cap is not news
        if a.fn is not None or a.constant >= 0 or a.constant == applied.get(a.key, 0):
            continue
        name = book.stat_names.get(a.key, a.key)
        out.append(f"{name} {signed(a.constant)} was due; {name} cannot go below {number(book.stats[a.key][0])}")
    return f"({'; '.join(out)})" if out else ""


def day_label(book: Book, day: int) -> str:
    names = book.scenario.calendar.day_names
    return f"Day {day} ({names[(day - 1) % len(names)]})" if names else f"Day {day}"


def _rule_visible(book: Book, rule_id: str) -> bool:
    return book.rule_info[rule_id].visibility is not Visibility.hidden


def _score_shown(book: Book, score_id: str, opacity: Opacity) -> bool:
    return opacity is TRANSPARENT or book.scores[score_id].visibility is not Visibility.hidden


def sentence(line: str) -> str:
    """A reason as a sentence of its own: a capital first letter and a full stop, so lines read one after another."""
    line = line.strip()
    if not line:
        return line
    line = line[0].upper() + line[1:]
    # a closing quote or bracket ends the sentence only after its own full stop: '…”' alone gets one
    if line[-1] in ".!?…" or (line[-1] in "”\"')" and len(line) > 1 and line[-2] in ".!?…"):
        return line
    return line + "."


def refusal_lines(book: Book, result: GateResult, opacity: Opacity) -> list[str]:
    """Why a gate refused, in the words the opacity allows ("why can't I?"), each line a sentence."""
    return [sentence(line) for line in _refusal_lines(book, result, opacity)]


def _refusal_lines(book: Book, result: GateResult, opacity: Opacity) -> list[str]:
    gate = book.gate_info[result.gate]
    lines = [result.refusal or gate.refusal]
    if opacity is OPAQUE:
        return lines
    if opacity is TRANSPARENT:
        return lines + [r.text for r in result.reasons]
    seen: set[str] = set()
    for r in result.reasons:
        if r.kind == "closed" and r.rule is not None:
            line = (f"Closed to you: {book.rule_info[r.rule].category}." if _rule_visible(book, r.rule)
                    else "Something on your record closes it.")
        elif r.score is not None and _score_shown(book, r.score, opacity):
            line = f"{book.score_names[r.score]} too low."
        else:
            line = r.text if r.kind == "condition" and r.score is None else "A requirement is not met."
        if line not in seen:
            seen.add(line)
            lines.append(line)
    return lines


def notice(book: Book, event: Event, opacity: Opacity) -> str | None:
    """One event as the player sees it, or None when they see nothing."""
    if isinstance(event, DayStarted):
        return f"— {day_label(book, event.day)} —"
    if isinstance(event, Routine):
        parts = [p for p in (event.text, stat_changes(book, event.stats), _held(book, event)) if p]
        return " ".join(parts) if parts else None
    if isinstance(event, Story):
        return event.text
    if isinstance(event, StatsChanged):
        return stat_changes(book, event.changes) + "."
    if isinstance(event, DiceRolled):
        rolls = " + ".join(map(str, event.rolls))
        mod = f" {signed(event.modifier)}" if event.modifier else ""
        label = f" for “{event.label}”" if event.label else ""  # as the card said it: "need 8 for “…”"
        verdict = "success" if event.success else "failure"
        # One die and nothing added: its face is the total ("2 against 3"), not a sum of one.
        total = f" = {signed(event.total).lstrip('+')}" if len(event.rolls) > 1 or event.modifier else ""
        return f"You roll {event.dice}{label}: {rolls}{mod}{total} against {number(event.target)} — {verdict}."
    if isinstance(event, RuleFired):
        if opacity is TRANSPARENT and event.after_season:
            return f"Rule “{book.rule_names[event.rule]}” fired; its effect would land on day {event.due}, after the season ends."
        if opacity is TRANSPARENT and event.due > event.day:
            return f"Rule “{book.rule_names[event.rule]}” fired; its effect lands on day {event.due}."
        return None
    if isinstance(event, ScoreChanged):
        return _score_notice(book, event, opacity)
    if isinstance(event, ScoreWithheld):
        if opacity is not TRANSPARENT:
            return None
        rule = book.rule_info[event.rule]
        keeper = book.source_names[book.scores[event.score].keeper]
        return (f"“{rule.name}” ({book.source_names[rule.source]}) never reached your "
                f"{book.score_names[event.score]}: {keeper} gets no data from it.")
    if isinstance(event, TierChanged):
        if opacity is OPAQUE or not _score_shown(book, event.score, opacity):
            return None
        return f"{book.score_names[event.score]}: tier {event.old} → {event.new}."
    if isinstance(event, RecordFiled):
        rec = event.record
        rule = book.rule_info[rec.rule]
        if opacity is TRANSPARENT:
            return f"Dossier: record #{rec.no} filed by {book.source_names[rule.source]} — {rec.text}"
        if not rec.seen:
            return None
        if opacity is PARTIAL:
            return f"A record was added to your dossier ({rule.category})."
        return "A letter says something was added to your file."
    if isinstance(event, GateChanged):
        gate = book.gate_info[event.gate].name
        if opacity is TRANSPARENT:
            return f"“{book.rule_names[event.rule]}” {_gate_verb(event.action)} {gate}."
        if opacity is PARTIAL and _rule_visible(book, event.rule):
            return f"{gate}: {_gate_state(event.action)}."
        return None
    if isinstance(event, GateTried):
        tried = book.gate_info[event.result.gate]
        if event.result.open:
            return f"{tried.name}: granted."
        return f"{tried.name}: refused. " + " ".join(refusal_lines(book, event.result, opacity))
    if isinstance(event, RecordExpired):
        if not event.seen and opacity is not TRANSPARENT:
            return None
        return f"Record #{event.record} has expired: it is off your file, and what it cost comes back."
    if isinstance(event, AppealDecided):
        verdict = "won: the record is struck out" if event.won else "turned down"
        odds = f" (chance {event.chance:.0%})" if opacity is TRANSPARENT else ""
        evidence = f" Your evidence: {event.evidence}." if event.evidence else ""
        return f"Your appeal of record #{event.record} is {verdict}{odds}.{evidence}"
    if isinstance(event, GateOpened):
        opened = book.gate_info[event.gate]
        return f"Open to you from today: {opened.name}. You can try it whenever you are ready."
    if isinstance(event, Rested):
        # Only the card on the table is named: the others of the day were never turned over.
        if not event.set_aside:
            return "You rest for the rest of the day."
        unseen = len(event.set_aside) - 1
        rest = (f", and {unseen} card{'s' if unseen != 1 else ''} you had not turned over" if unseen else "")
        return f"You rest for the rest of the day. Set aside: {book.card_info[event.set_aside[0]].title}{rest}."
    if isinstance(event, SeasonEnded):
        ending = book.ending_info.get(event.ending)
        return f"The season is over: {ending.title if ending else event.ending}."
    return None


def _score_notice(book: Book, event: ScoreChanged, opacity: Opacity) -> str | None:
    e = event.entry
    name = book.score_names[e.score]
    rule = book.rule_info[e.rule]
    if e.reverses is not None:
        return f"{name} {signed(e.delta)}: record #{e.record} struck out." if _score_shown(book, e.score, opacity) else None
    if opacity is TRANSPARENT:
        return (f"{name} {signed(e.delta)} → {number(event.value)} · “{rule.name}” ({book.source_names[rule.source]}, "
                f"{rule.visibility.value}): {rule.reason}")
    if rule.visibility is Visibility.hidden or not _score_shown(book, e.score, opacity):
        return None
    if opacity is PARTIAL:
        direction = "rose" if e.delta > 0 else "fell" if e.delta < 0 else "held"
        tier = book.scores[e.score].tier(event.value)
        return f"{name} {direction} ({rule.category}); tier {tier}."
    if rule.visibility is Visibility.hinted:
        return f"{name}: {number(event.value)}. Something was noted."
    return f"{name}: {number(event.value)}."


def _gate_verb(action: str) -> str:
    return {"open": "opened", "close": "closed", "reset": "restored the usual checks for"}[action]


def _gate_state(action: str) -> str:
    return {"open": "open to you", "close": "closed to you", "reset": "back to the usual checks"}[action]


def notices(book: Book, events: Iterable[Event], opacity: Opacity) -> list[str]:
    """The lines the player reads for a run of events."""
    out = []
    for event in events:
        line = notice(book, event, opacity)
        if line:
            out.append(line)
    return out
