"""Provides the debrief: the whole season laid on the table, always fully transparent.

`build_debrief` turns a finished (or stopped) season into plain data; the
Textual game and `python -m game debrief` both render it, and `to_markdown`
gives the file a workshop can print or share. Nothing here is hidden from
the player: every rule is named with its basis, every wrong record priced.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from game.engine.book import Book
from game.engine.events import DayStarted, Event, GateTried
from game.engine.state import State
from game.engine.turn import evidence_for
from game.model.scenario import Opacity
from game.report.notices import day_label, number, signed
from game.report.view import requirement_words, untold_words

if TYPE_CHECKING:
    from game.engine.actions import Action
    from game.report.whatif import TurnWords

SPARKS = "▁▂▃▄▅▆▇█"
#: How many of the season's questions the one-screen summary shows; the rest close the debrief.
SUMMARY_PROMPTS = 4


@dataclass(frozen=True, slots=True)
class Chart:
    """One score over the season: its value at the start and at each day's end."""

    score: str
    name: str
    values: tuple[float, ...]
    low: int
    high: int
    start_tier: str
    end_tier: str
    line: str  # a text sparkline, one mark per day


@dataclass(frozen=True, slots=True)
class LedgerLine:
    seq: int
    day: int  # the behaviour
    landed: int  # the change reached the score
    rule: str
    rule_name: str
    visibility: str
    basis: str
    source_note: str
    source: str
    score: str
    delta: float
    reason: str
    true: bool
    learned: int | None
    record: int | None
    reversal: bool
    expired: bool = False  # a reversal because the record expired (not an appeal)


@dataclass(frozen=True, slots=True)
class RuleLine:
    """A rule that fired this season, revealed."""

    id: str
    name: str
    visibility: str
    basis: str
    source_note: str
    source: str
    category: str
    fired: int
    total: dict[str, float]  # score name → net change


@dataclass(frozen=True, slots=True)
class BentChoice:
    day: int
    card: str
    chose: str
    would_have: str  # what protecting the persona's values would have picked


@dataclass(frozen=True, slots=True)
class WrongRecord:
    no: int
    text: str
    rule_name: str
    day: int
    status: str
    known: bool  # found out during play
    charged: dict[str, float]  # score name → what the wrong record cost
    returned: dict[str, float]  # score name → what an appeal gave back
    evidence: str | None = None  # what the player held that spoke against it
    seen: bool = False  # the player saw it on file (perhaps without knowing it was wrong)
    closed: tuple[str, ...] = ()  # the gates its rule closes


@dataclass(frozen=True, slots=True)
class Withheld:
    day: int
    rule_name: str
    score: str
    amount: float
    keeper: str


@dataclass(frozen=True, slots=True)
class GateTry:
    """The tries of one gate that went the same way: when, what it required, what failed, what you were told."""

    gate: str  # the gate's name
    wanted: bool  # the persona hoped to pass it
    days: tuple[int, ...]  # the days it was tried this way (empty when only the count is known)
    tries: int
    opened: bool
    required: tuple[str, ...]  # every requirement, in words
    failed: tuple[str, ...]  # the requirements that failed (or the rule that closed it)
    told: tuple[str, ...]  # what the refusal said, at the opacity of play


@dataclass(frozen=True, slots=True)
class Moment:
    """One of the moments that mattered most: a day, and what happened."""

    day: int
    text: str


@dataclass(frozen=True, slots=True)
class Debrief:
    scenario: str
    persona: str
    situation: str
    seed: int
    opacity: str  # what the player saw while playing
    days: int
    day: int
    over: bool
    ending_title: str
    ending_text: str
    goals: tuple[tuple[str, bool], ...]
    stats: tuple[tuple[str, float], ...]
    charts: tuple[Chart, ...]
    rules: tuple[RuleLine, ...]
    ledger: tuple[LedgerLine, ...]
    bent: tuple[BentChoice, ...]
    decisions: int
    wrong: tuple[WrongRecord, ...]
    withheld: tuple[Withheld, ...]
    records_unseen: int  # records filed that the player was never told of
    prompts: tuple[str, ...]
    gates: tuple[GateTry, ...] = ()
    moments: tuple[Moment, ...] = ()
    turns: tuple[TurnWords, ...] = ()  # the decisions that mattered most, each flipped and played out
    pack: str | None = None  # the rule pack's title, when the season was played under one


def sparkline(values: tuple[float, ...] | list[float], low: float, high: float) -> str:
    """One block per value, scaled to the score's range, so charts of one score compare across games."""
    span = (high - low) or 1
    out = []
    for v in values:
        i = round((v - low) / span * (len(SPARKS) - 1))
        out.append(SPARKS[max(0, min(len(SPARKS) - 1, i))])
    return "".join(out)


def _charts(book: Book, state: State) -> tuple[Chart, ...]:
    charts = []
    for sid in book.score_ids:
        values = tuple(state.history.get(sid, [state.vals[sid]]))
        score = book.scores[sid]
        # Scale to the range the season actually used (with some room), or a 10-point move is a flat line.
        lo, hi = min(values), max(values)
        pad = max((hi - lo) * 0.1, (score.max - score.min) * 0.02)
        low, high = max(score.min, lo - pad), min(score.max, hi + pad)
        charts.append(Chart(sid, book.score_names[sid], values, score.min, score.max, score.tier(values[0]),
                            score.tier(values[-1]), sparkline(values, low, high)))
    return tuple(charts)


def _ledger(book: Book, state: State) -> tuple[LedgerLine, ...]:
    out = []
    expired = {r.no for r in state.records if r.status == "expired"}
    for e in state.ledger:
        r = book.rule_info[e.rule]
        out.append(LedgerLine(e.seq, e.day, e.landed, e.rule, r.name, r.visibility.value, r.basis.value,
                              r.source_note, book.source_names[r.source], book.score_names[e.score], e.delta,
                              r.reason, e.true, e.learned, e.record, e.reverses is not None,
                              e.reverses is not None and e.record in expired))
    return tuple(out)


def _rules(book: Book, state: State) -> tuple[RuleLine, ...]:
    totals: dict[str, dict[str, float]] = {}
    for e in state.ledger:
        t = totals.setdefault(e.rule, {})
        name = book.score_names[e.score]
        t[name] = t.get(name, 0) + e.delta
    out = []
    for rid, count in state.fired.items():
        r = book.rule_info[rid]
        out.append(RuleLine(rid, r.name, r.visibility.value, r.basis.value, r.source_note,
                            book.source_names[r.source], r.category, count, totals.get(rid, {})))
    return tuple(out)


def choice_text(book: Book, card_id: str, choice_id: str) -> str:
    for ch in book.card_info[card_id].choices:
        if ch.id == choice_id:
            return ch.text
    return choice_id


def bent_choices(book: Book, state: State) -> tuple[BentChoice, ...]:
    """The choices the score bent this season: the score's pick taken over the values' pick, a real trade.

    Which option was each side's pick is recorded when the card was answered; whether the
    trade was real (`game.engine.predict.bent`) is read with the season's last state.
    """
    from game.engine.predict import bent

    out = []
    for d in state.decisions:
        if not d.choice == d.score_pick != d.values_pick:
            continue
        options = {c.id: c for c in book.card_by_id[d.card].choices}
        if d.choice in options and d.values_pick in options and bent(book, state, options[d.choice],
                                                                      options[d.values_pick]):
            out.append(BentChoice(d.day, book.card_info[d.card].title, choice_text(book, d.card, d.choice),
                                  choice_text(book, d.card, d.values_pick)))
    return tuple(out)


def _wrong(book: Book, state: State) -> tuple[WrongRecord, ...]:
    out = []
    for rec in state.records:
        if rec.true:
            continue
        charged: dict[str, float] = {}
        returned: dict[str, float] = {}
        for e in state.ledger:
            if e.record != rec.no or e.true:
                continue
            bucket = returned if e.reverses is not None else charged
            name = book.score_names[e.score]
            bucket[name] = bucket.get(name, 0) + e.delta
        ev = evidence_for(book, state, rec)
        closed = tuple(book.gate_info[g].name for g, action in book.rules[rec.rule].gates if action == "close")
        out.append(WrongRecord(rec.no, rec.text, book.rule_names[rec.rule], rec.day, rec.status,
                               rec.error_known, charged, returned, ev.text if ev is not None else None,
                               rec.seen, closed))
    return tuple(out)


def _gate_tries(book: Book, state: State, opacity: Opacity,
                log: Iterable[Iterable[Event]] | None) -> tuple[GateTry, ...]:
    """Each gate tried, grouped by how the try went; from the season's events, else from the counts alone."""
    from game.report.notices import refusal_lines

    wanted = set(book.personas[state.persona].gates)
    if log is None:
        return tuple(GateTry(book.gate_info[g].name, g in wanted, (), n, g in state.gates_passed,
                             requirement_words(book, g), (), ()) for g, n in state.gates_tried.items())
    groups: dict[tuple[str, bool, tuple[str, ...]], tuple[list[int], list[str]]] = {}
    day = 1
    for events in log:
        for e in events:
            if isinstance(e, DayStarted):
                day = e.day
            elif isinstance(e, GateTried):
                r = e.result
                days, told = groups.setdefault((r.gate, r.open, tuple(x.text for x in r.reasons)), ([], []))
                days.append(day)
                if not r.open:  # each thing said once, though the clerk's words vary from try to try
                    told += [line for line in refusal_lines(book, r, opacity) if line not in told]
    out = []
    seen: dict[str, int] = {}
    for (gid, opened, failed), (days, told) in groups.items():
        seen[gid] = seen.get(gid, 0) + len(days)
        out.append(GateTry(book.gate_info[gid].name, gid in wanted, tuple(days), len(days), opened,
                           requirement_words(book, gid), failed, tuple(told)))
    # Tries the events do not hold (a game continued from its snapshot keeps the counts, not the days).
    for gid, n in state.gates_tried.items():
        if n > seen.get(gid, 0):
            opened = gid in state.gates_passed and not any(t.opened for t in out if t.gate == book.gate_info[gid].name)
            out.append(GateTry(book.gate_info[gid].name, gid in wanted, (), n - seen.get(gid, 0), opened,
                               requirement_words(book, gid), (), ()))
    return tuple(out)


def _moments(book: Book, state: State, gates: tuple[GateTry, ...]) -> tuple[Moment, ...]:
    """The three moments that mattered most: tier changes, wrong records, the biggest moves, wanted gates."""
    scored: list[tuple[float, int, str]] = []
    value = {sid: float(state.history.get(sid, [state.vals[sid]])[0]) for sid in book.score_ids}
    for e in state.ledger:
        score = book.scores[e.score]
        before = score.tier(value[e.score])
        value[e.score] += e.delta
        after = score.tier(value[e.score])
        weight = abs(e.delta) / ((score.max - score.min) or 1) * 10
        rule = book.rule_names[e.rule]
        words = f"{book.score_names[e.score]} {signed(e.delta)}: {rule}"
        if e.reverses is not None:
            words = f"an appeal gave back {book.score_names[e.score]} {signed(e.delta)} ({rule})"
        if after != before:
            weight += 2
            words += f", tier {before} → {after}"
        if not e.true and e.reverses is None:
            weight += 1
            words += " — a wrong record"
        scored.append((weight, e.landed, words))
    for g in gates:
        if g.wanted and g.days:
            if g.opened:
                scored.append((3.0, g.days[0], f"{g.gate}: open to you"))
            else:
                scored.append((1.5, g.days[0], f"{g.gate}: refused" + (f" ({g.failed[0].rstrip('.')})" if g.failed
                                                                        else "")))
    best = sorted(scored, key=lambda m: (-m[0], m[1]))[:3]
    return tuple(Moment(day, text) for _, day, text in sorted(best, key=lambda m: m[1]))


def raised_prompts(book: Book, state: State) -> tuple[str, ...]:
    """The discussion prompts this season raised: by cards drawn, rules fired, gates tried or the ending."""
    # A card counts when it was answered, not only dealt: a card set aside (resting) raised nothing.
    happened = {d.card for d in state.decisions} | set(state.fired) | set(state.gates_tried)
    if state.ending:
        happened.add(state.ending)
    return tuple(p.text for p in book.scenario.prompts if happened.intersection(p.raised_by))


def season_turns(book: Book, start: State, actions: Sequence[Action], top: int = 3) -> tuple[TurnWords, ...]:
    """The season's turning points in words: its `top` decisions that mattered most (see `game.engine.whatif`)."""
    from game.engine.whatif import turning_points
    from game.report.whatif import turn_words

    if not actions:
        return ()
    base, turns = turning_points(book, start, actions, top)
    return tuple(turn_words(book, base, t) for t in turns)


def build_debrief(book: Book, state: State, opacity: Opacity | str,
                  log: Iterable[Iterable[Event]] | None = None,
                  start: State | None = None, actions: Sequence[Action] | None = None,
                  pack: str | None = None) -> Debrief:
    """Everything about the season, revealed. `log` (the events of the season, as a session keeps them)
    gives each gate's tries their days and reasons; without it only how often each gate was tried is known.
    With the season's `start` and `actions`, its turning points are worked out too (about half a second
    for a 30-day season)."""
    persona = book.scenario.persona(state.persona)
    ending = book.ending_info.get(state.ending) if state.ending else None
    if ending is not None:
        title, text = ending.title, book.words(f"ending:{ending.id}", ending.text, state.vals)
    elif state.over:
        title, text = "The season is over", ""
    else:
        title, text = "The season is not over yet", f"This debrief stops on day {state.day} of {state.days}."
    withheld = tuple(
        Withheld(int(day), book.rule_names[rule], book.score_names[score], amount,
                 book.source_names[book.scores[score].keeper])
        for day, rule, score, amount in state.withheld
    )
    gates = _gate_tries(book, state, Opacity(opacity), log)
    return Debrief(
        scenario=book.scenario.scenario.title,
        persona=persona.name,
        situation=persona.situation,
        seed=state.seed,
        opacity=Opacity(opacity).value,
        days=state.days,
        day=state.day,
        over=state.over,
        ending_title=title,
        ending_text=text,
        goals=tuple((g.text, g.id in state.goals) for g in persona.goals),
        stats=tuple((book.stat_names[k], state.vals[k]) for k in book.stats),
        charts=_charts(book, state),
        rules=_rules(book, state),
        ledger=_ledger(book, state),
        bent=bent_choices(book, state),
        decisions=len(state.decisions),
        wrong=_wrong(book, state),
        withheld=withheld,
        records_unseen=sum(1 for r in state.records if not r.seen),
        prompts=raised_prompts(book, state),
        gates=gates,
        moments=_moments(book, state, gates),
        turns=season_turns(book, start, actions) if start is not None and actions else (),
        pack=pack,
    )


# ------------------------------------------------------------------ Markdown


def _changes(changes: dict[str, float]) -> str:
    return ", ".join(f"{name} {signed(d)}" if d else f"{name} by nothing in all (its changes cancelled out)"
                     for name, d in changes.items()) or "nothing"


def md_text(text: str) -> str:
    """Scenario or player text as Markdown text: nothing in it reads as markup (a leading - or + no list)."""
    for ch in "\\*_`[]<>#|~":
        text = text.replace(ch, "\\" + ch)
    return "\\" + text if text[:1] in ("-", "+", "=") else text


def day_runs(days: tuple[int, ...] | list[int]) -> str:
    """Days as a reader counts them: "day 4", "days 1–3, 6 and 9"."""
    runs: list[list[int]] = []
    for n in sorted(set(days)):
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    parts = [p for r in runs for p in ([f"{r[0]}–{r[-1]}"] if len(r) > 2 else map(str, r))]
    words = ", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else parts[0] if parts else ""
    return ("day " if len(set(days)) == 1 else "days ") + words


def times(n: int) -> str:
    return {1: "once", 2: "twice"}.get(n, f"{n} times")


def _sentences(parts: tuple[str, ...]) -> str:
    """Words from several places as sentences: each capitalised and closed, so they read apart."""
    out = []
    for part in parts:
        part = part.strip()
        if part:
            out.append(md_text(part[0].upper() + part[1:] + ("" if part[-1] in ".!?\"”" else ".")))
    return " ".join(out)


def _gates_md(d: Debrief) -> list[str]:
    out = ["## The gates you tried", ""]
    if not d.gates:
        return out + ["You tried no gate this season.", ""]
    for g in d.gates:
        when = f" — {day_runs(g.days)}" if g.days else ""
        hoped = " (you hoped to pass it)" if g.wanted else ""
        if g.opened:
            out.append(f"- **{md_text(g.gate)}**{hoped}: open to you, {times(g.tries)}{when}.")
            continue
        out.append(f"- **{md_text(g.gate)}**{hoped}: refused {times(g.tries)}{when}.")
        if g.required:
            out.append(f"  - It required: {_sentences(g.required)}")
        if g.failed:
            out.append(f"  - What failed: {_sentences(g.failed)}")
        if g.told:
            out.append(f"  - You were told ({d.opacity}): {' '.join(md_text(r) for r in g.told)}")
    return out + [""]


def to_markdown(d: Debrief, book: Book | None = None, turns_pending: bool = False) -> str:
    """The debrief as Markdown, in the order a room uses it: a one-screen summary (ending, goals, the
    moments that mattered most, the questions), then the details, the full ledger last."""
    def day(n: int) -> str:
        return day_label(book, n) if book is not None else f"Day {n}"

    out: list[str] = [f"# Debrief — {md_text(d.scenario)}", ""]
    under = f", under the rule pack *{md_text(d.pack)}*" if d.pack else ""
    out += [f"You played **{md_text(d.persona)}**, seeing the city *{d.opacity}*{under}. Seed {d.seed}, "
            f"{d.days} days.", ""]
    out += [f"## {md_text(d.ending_title)}", ""]
    if d.ending_text:
        out += [md_text(d.ending_text), ""]
    out += ["**Goals**", ""]
    out += [f"- [{'x' if reached else ' '}] {md_text(text)}" for text, reached in d.goals] + [""]
    if d.moments:
        out += ["**The moments that mattered most**", ""]
        out += [f"- {day(m.day)}: {md_text(m.text)}" for m in d.moments] + [""]
    out += ["**To talk about**", ""]
    if d.prompts:
        out += [f"- {md_text(p)}" for p in d.prompts[:SUMMARY_PROMPTS]]
        if len(d.prompts) > SUMMARY_PROMPTS:
            more = len(d.prompts) - SUMMARY_PROMPTS
            out.append(f"- … and {more} more question{'s' if more != 1 else ''} at the end.")
    else:
        out.append("- What did you expect the city to notice, and what did it notice?")
    out.append("")
    # After the questions, so they stay on the summary's first screen; before the details, as a room argues them.
    if d.turns:
        out += ["**Your turning points** — each decision played out again with another choice", ""]
        out += [f"- {md_text(t.text)}" for t in d.turns] + ["", "*Flip any decision: w on the debrief screen, or `python -m game whatif SAVE --at N --choose K`.*", ""]
    elif turns_pending:
        out += ["**Your turning points**", "", "- *Being worked out: each decision played out again with "
                "another choice…*", ""]
    out += ["", "---", "", "*The details: your scores, the choices the score bent, the gates, the records, "
            "the rules, and last the full ledger.*", ""]

    out += ["## Your scores over the season", "", "```"]
    for c in d.charts:
        # Two lines a score, so a 30-day season still fits an 80-column terminal.
        out.append(f"{c.name}  (tier {c.start_tier} → {c.end_tier})")
        out.append(f"  {number(c.values[0])} {c.line} {number(c.values[-1])}")
    out += ["```", ""]
    out += ["Where you ended: " + ", ".join(f"{name} {value:,g}" for name, value in d.stats) + ".", ""]

    out += ["## Choices the score bent", ""]
    if d.bent:
        out += [f"{len(d.bent)} of your {d.decisions} choice{'s' if d.decisions != 1 else ''} gave up something "
                "you care about to protect a score: another option was better by what you care about (by two "
                "points or more of what matters most to you), and the one you took was better for the score:", ""]
        out += [f"- {day(b.day)}, *{md_text(b.card)}*: you chose “{md_text(b.chose)}” — not “{md_text(b.would_have)}”"
                for b in d.bent]
    elif d.decisions == 1:
        out.append("Your one choice did not trade what you care about for the score.")
    else:
        out.append(f"None of your {d.decisions} choices traded what you care about for the score.")
    out.append("")

    out += _gates_md(d)

    out += ["## Wrong records and what they cost", ""]
    if d.wrong:
        for w in d.wrong:
            known = ("you found out it was wrong during the season" if w.known
                     else "you saw it on file, but not that it was wrong" if w.seen
                     else "you never saw it until now")
            doors = ", ".join(f"“{md_text(g)}”" for g in w.closed)
            cost = _changes(w.charged) if w.charged or not doors else "no points"
            shut = (f", and closed {doors}" if w.charged else f", but closed {doors}") if doors else ""
            back = f"; an appeal gave back {_changes(w.returned)}" if w.returned else ""
            back += f"; your evidence: {md_text(w.evidence)}" if w.evidence else ""
            out.append(f"- Record #{w.no}, {day(w.day)}: “{md_text(w.text)}” — filed by the rule "
                       f"**{md_text(w.rule_name)}**, and wrong. It cost {cost}{shut}{back}. "
                       f"Status: {w.status}; {known}.")
    else:
        out.append("No record in your dossier was wrong this season.")
    if d.records_unseen:
        out.append("")
        were = "record was" if d.records_unseen == 1 else "records were"
        out.append(f"{d.records_unseen} {were} filed on you without you ever being told.")
    out.append("")

    out += ["## The rules that fired, revealed", ""]
    if d.rules:
        for r in d.rules:
            out.append(f"- **{md_text(r.name)}** — {r.visibility}, {r.basis}; {md_text(r.source)}, {r.category}. "
                       f"Fired {r.fired}×, moved {_changes(r.total)}. *{md_text(r.source_note)}*")
    else:
        out.append("No rule fired this season.")
    out.append("")

    if d.withheld:
        out += ["## Data that never arrived", ""]
        out += [f"- {day(w.day)}: **{md_text(w.rule_name)}** would have moved {w.score} by {signed(w.amount)}, "
                f"but {w.keeper} never got the data." for w in d.withheld]
        out.append("")

    out += ["## The ledger: every change to your scores", ""]
    if d.ledger:
        for e in d.ledger:
            when = day(e.day) + (f", landed day {e.landed}" if e.landed != e.day else "")
            if e.reversal:
                what = f"record #{e.record} expired" if e.expired else f"appeal struck out record #{e.record}"
            else:
                what = md_text(e.reason)
            flags = [e.visibility, e.basis]
            if not e.true:
                flags.append("WRONG RECORD")
            told = f"told day {e.learned}" if e.learned is not None else untold_words(d.opacity)
            out.append(f"- {when}: {e.score} {signed(e.delta)} · **{md_text(e.rule_name)}** "
                       f"({md_text(e.source)}; {', '.join(flags)}; {told}) — {what}")
    else:
        out.append("Your scores never moved.")
    out.append("")
    if len(d.prompts) > SUMMARY_PROMPTS:
        out += ["## More to talk about", ""]
        out += [f"- {md_text(p)}" for p in d.prompts[SUMMARY_PROMPTS:]] + [""]
    return "\n".join(out)


def debrief_filename(state: State) -> str:
    """A stable file name for a season's debrief export."""
    return f"debrief-{state.scenario}-{state.persona}-{state.seed}-day{state.day}.md"


__all__ = [
    "Debrief", "GateTry", "Moment", "bent_choices", "build_debrief", "choice_text", "md_text", "debrief_filename", "raised_prompts",
    "sparkline", "to_markdown",
]
