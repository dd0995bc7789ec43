"""Provides what-if seasons in words: the turning points of a season, and two seasons side by side.

The seasons themselves are played by `game.engine.whatif`; this module only says what differs, in
the scenario's names, for the debrief, the command line and (as data) `--json`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from game.engine.book import Book, pick_words
from game.engine.state import State
from game.engine.whatif import Outcome, Season, Turn, outcome, parted
from game.report.notices import day_label, number


def choice_words(book: Book, state: State, card: str, index: int) -> str:
    choice = book.card_by_id[card].choices[index]
    return pick_words(choice.variants, choice.text, state.vals).strip()


def _ending(book: Book, ending: str | None) -> str:
    return book.ending_info[ending].title if ending in book.ending_info else "no ending yet"


def differences(book: Book, persona: str, mine: Outcome, other: Outcome, other_book: Book | None = None) -> list[str]:
    """What the other season came to that this one did not, each as a clause: ending, goals, gates, scores.
    `other_book`: the rulebook the other season was played under, when it is another (a rule pack)."""
    out = []
    ob = other_book or book
    gate_names = {**{g: i.name for g, i in ob.gate_info.items()}, **{g: i.name for g, i in book.gate_info.items()}}
    order = list(dict.fromkeys([*book.gate_info, *ob.gate_info]))
    if mine.ending != other.ending:
        out.append(f"the season would have ended “{_ending(book, other.ending)}”, not “{_ending(book, mine.ending)}”")
    goals = {g.id: g for g in book.scenario.persona(persona).goals}
    for gid in sorted(other.goals - mine.goals, key=list(goals).index):
        out.append(f"you would have reached “{goals[gid].short or goals[gid].text}”")
    for gid in sorted(mine.goals - other.goals, key=list(goals).index):
        out.append(f"you would have missed “{goals[gid].short or goals[gid].text}”")
    for gate in sorted(other.gates - mine.gates, key=order.index):
        out.append(f"you would have got “{gate_names[gate]}”")
    for gate in sorted(mine.gates - other.gates, key=order.index):
        out.append(f"you would not have got “{gate_names[gate]}”")
    for (sid, va, ta), (_, vb, tb) in zip(mine.scores, other.scores, strict=True):
        if ta != tb:
            out.append(f"{book.score_names[sid]} would have ended at {number(vb)}, tier {tb} (not {number(va)}, tier {ta})")
    return out


@dataclass(frozen=True, slots=True)
class TurnWords:
    """A turning point as the debrief says it."""

    number: int  # the decision's number in the season, from 1
    day: int
    card: str  # the card's title
    chose: str  # what the player chose, in the words they read
    instead: str  # the other choice, in its words then
    instead_number: int  # its number on the card, from 1
    changes: tuple[str, ...]
    stand_in: int  # how many later actions the stand-in took in the other season
    text: str  # the whole sentence


def turn_words(book: Book, base: Season, turn: Turn) -> TurnWords:
    dec = turn.decision
    before = base.steps[dec.at].before
    card = book.card_by_id[dec.card]
    chosen = next(i for i, c in enumerate(card.choices) if c.id == dec.choice)
    chose = choice_words(book, before, dec.card, chosen)
    instead = choice_words(book, before, dec.card, turn.choice)
    changes = differences(book, before.persona, outcome(book, base.state), outcome(book, turn.season.state))
    if not changes:  # the weight came from scores that moved within their tiers
        changes = ["your scores would have ended elsewhere within the same tiers"]
    title = book.card_info[dec.card].title
    stop = "" if chose[-1:] in ".!?…" else "."
    bot = sum(1 for s in turn.season.steps if s.bot)
    if any(s.bot for s in base.steps):  # an unfinished season: both are carried to the end by the stand-in
        by = (" (Your season was not over: both were played to its end by a stand-in that plays by your "
              "cares.)")
    else:
        by = (f" (A stand-in that plays by your cares gave {bot} of the later answers, where your own no "
              f"longer fitted.)" if bot else "")
    text = (f"On {day_label(book, dec.day)}, at “{title}”, you chose “{chose}”{stop} Had you chosen “{instead}” "
            f"instead, {'; '.join(changes)}.{by}")
    return TurnWords(dec.number, dec.day, title, chose, instead, turn.choice + 1, tuple(changes), bot, text)


# ------------------------------------------------------------------ two seasons side by side


@dataclass(frozen=True, slots=True)
class Side:
    """One season of a comparison."""

    label: str
    ending: str
    goals: tuple[str, ...]  # the goals reached
    gates: tuple[str, ...]  # the gates passed
    scores: tuple[tuple[str, tuple[float, ...]], ...]  # score name → its value at each day's end
    fired_only_here: tuple[tuple[str, int], ...]  # rules that fired here and not in the other: (name, times)
    stand_in: int  # how many actions the stand-in took
    stats: tuple[tuple[str, float], ...] = ()  # each stat's name and its value at the end


@dataclass(frozen=True, slots=True)
class Comparison:
    parted: int | None  # the first day the two seasons take different actions
    left: Side
    right: Side
    changes: tuple[str, ...]  # what the right season came to that the left did not

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def _side(book: Book, label: str, season: Season, other: Season) -> Side:
    """One season's side, named from `book`, the rulebook it was played under."""
    state = season.state
    goals = {g.id: g for g in book.scenario.persona(state.persona).goals}
    reached = outcome(book, state).goals
    only = tuple((book.rule_names[r], n) for r, n in state.fired.items() if n and not other.state.fired.get(r))
    return Side(
        label,
        _ending(book, state.ending),
        tuple(goals[g].short or goals[g].text for g in goals if g in reached),
        tuple(book.gate_info[g].name for g in book.gate_info if state.gates_passed.get(g)),
        tuple((book.score_names[s], tuple(float(v) for v in state.history.get(s, []))) for s in book.score_ids),
        only,
        sum(1 for s in season.steps if s.bot),
        tuple((book.stat_names[k], float(state.vals[k])) for k in book.stats),
    )


def compare(book: Book, left: Season, right: Season, left_label: str, right_label: str,
            right_book: Book | None = None) -> Comparison:
    """Two seasons of one persona side by side; `right_book`: the rulebook the right one was played under,
    when it is another (a rule pack)."""
    rb = right_book or book
    return Comparison(
        parted(left.steps, right.steps),
        _side(book, left_label, left, right),
        _side(rb, right_label, right, left),
        tuple(differences(book, left.state.persona, outcome(book, left.state), outcome(rb, right.state), rb)),
    )


def comparison_text(book: Book, c: Comparison) -> str:
    """The comparison as lines for a terminal (80 columns): the day they part, then each side."""
    out = []
    alike = not c.changes and not c.left.fired_only_here and not c.right.fired_only_here \
        and c.left.scores == c.right.scores
    if c.parted is None and alike:
        out.append("The two seasons are the same: every action, every roll.")
    elif c.parted is None:
        out.append("Every answer was the same in both seasons; what differs is what the rulebook did with them.")
    else:
        out.append(f"The seasons part on {day_label(book, c.parted)}.")
    out.append("")
    if c.changes:
        out.append(f"{c.right.label}, compared with {c.left.label.lower()}:")
        out += [f"  - {line}" for line in c.changes]
        out.append("")
    from game.report.debrief import sparkline

    scale: dict[str, tuple[float, float]] = {}
    for side in (c.left, c.right):
        for name, values in side.scores:
            if values:
                low, high = scale.get(name, (min(values), max(values)))
                scale[name] = (min(low, *values), max(high, *values))
    for side in (c.left, c.right):
        out.append(f"{side.label}: “{side.ending}”")
        out.append(f"  goals reached: {', '.join(side.goals) if side.goals else 'none'}")
        out.append(f"  got: {', '.join(side.gates) if side.gates else 'none of the doors'}")
        out.append(f"  ended with: {', '.join(f'{name} {number(v)}' for name, v in side.stats)}")
        for name, values in side.scores:
            if values:
                out.append(f"  {name}: {number(values[0])} → {number(values[-1])} "
                           f"(lowest {number(min(values))}, highest {number(max(values))})")
                low, high = scale[name]  # one scale for both sides, so the two lines compare by eye
                out.append(f"    {sparkline(values, low, high)}")
        if side.fired_only_here:
            out.append("  rules that fired only here: " + ", ".join(
                f"“{name}” ×{n}" for name, n in side.fired_only_here))
        if side.stand_in:
            out.append(f"  a stand-in that plays by your cares gave {side.stand_in} of the answers, where "
                       "yours no longer fitted")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


__all__ = ["Comparison", "Side", "TurnWords", "choice_words", "compare", "comparison_text", "differences",
           "turn_words"]
