"""Provides what-if seasons: the same seed and actions with one decision flipped, and the turning points.

A season is its seed and its actions, so "what if I had paid the fare on day 3?" has an exact
answer: replay the season with the other choice there, and keep the player's later actions
where they still make sense. "Where they still make sense" is decided day by day (`follow`):

- the player's gates, appeals and rests of a day are taken in their place among the day's actions,
  when they can be taken now;
- an answer is kept when the same card is on the table and the same choice is open on it: the
  player's first answer to *this* card not yet used, whichever day they gave it (cards come in
  another order, or on another day, once the seasons part);
- where the player's season has no answer for the card on the table (another card was dealt, the
  choice is closed, the player had rested), a stated stand-in answers: the bot that plays by the
  persona's cares (`values-first`);
- a gate, appeal or rest of a day the other season has already closed is dropped.

The unflipped season follows its own actions exactly, so flipping a choice to itself gives the
identical season. Everything here is pure: no clock, no files.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from game.engine.actions import Action, Appeal, Choose, Rest, TryGate
from game.engine.book import Book
from game.engine.policies import POLICIES, policy_stream
from game.engine.season import MAX_ACTIONS, Step, replay
from game.engine.state import State
from game.engine.turn import appeal_blocker, available, choice_open, gate_blocker, step

#: The bot that answers where the player's own season has no answer: it plays by the persona's cares.
STAND_IN = "values-first"


@dataclass(frozen=True, slots=True)
class Taken:
    """An action of the player's season with what it meant: the day, and for an answer the card and choice."""

    action: Action
    day: int
    card: str | None = None
    choice: str | None = None


@dataclass(frozen=True, slots=True)
class Season:
    """A season played out: its final state and each step taken (`Step.bot` marks the stand-in's)."""

    state: State
    steps: tuple[Step, ...]


@dataclass(frozen=True, slots=True)
class Decision:
    """A card the player answered: its number among the season's answers (from 1) and where it stands."""

    number: int
    at: int  # its index in the season's actions
    day: int
    card: str
    choice: str  # the choice id taken
    options: tuple[int, ...]  # the choice indexes that were open then (0-based)


def meanings_of(book: Book, steps: Sequence[Step]) -> list[Taken]:
    """Each action of a season's steps with what it meant when it was taken."""
    out = []
    for taken in steps:
        action, state = taken.action, taken.before
        if isinstance(action, Choose) and state.card is not None:
            card = book.card_by_id[state.card]
            out.append(Taken(action, state.day, card.id, card.choices[action.index].id))
        else:
            out.append(Taken(action, state.day))
    return out


def decisions_of(book: Book, steps: Sequence[Step]) -> list[Decision]:
    """The answers among a season's steps, numbered from 1, with the choices that were open for each."""
    out: list[Decision] = []
    for at, taken in enumerate(steps):
        action, state = taken.action, taken.before
        if isinstance(action, Choose) and state.card is not None:
            card = book.card_by_id[state.card]
            out.append(Decision(len(out) + 1, at, state.day, card.id, card.choices[action.index].id,
                                tuple(available(book, state))))
    return out


def meanings(book: Book, start: State, actions: Sequence[Action]) -> list[Taken]:
    """Each action of a season with what it meant when it was taken (the season replayed by `replay`)."""
    return meanings_of(book, list(replay(book, start, actions)))


def decisions(book: Book, start: State, actions: Sequence[Action]) -> list[Decision]:
    """The answers of a season, numbered from 1, with the choices that were open for each."""
    return decisions_of(book, list(replay(book, start, actions)))


def _kept(book: Book, state: State, taken: Taken) -> Action | None:
    """`taken` as an action that means the same now, or None if it cannot be taken now."""
    action = taken.action
    if isinstance(action, Choose):
        if state.card is None or state.card != taken.card:
            return None
        card = book.card_by_id[state.card]
        index = next((i for i, c in enumerate(card.choices) if c.id == taken.choice), None)
        if index is None or not choice_open(book, state, card.choices[index]):
            return None
        return Choose(index)
    if isinstance(action, TryGate):
        return action if gate_blocker(book, state, action.gate) is None else None
    if isinstance(action, Appeal):
        return action if appeal_blocker(book, state, action.record) is None else None
    return action  # a rest can always be taken


def follow(book: Book, start: State, plan: Sequence[Taken], stand_in: str = STAND_IN,
           limit: int = MAX_ACTIONS) -> Iterator[Step]:
    """Play from `start` keeping the actions of `plan` where they still make sense (see the module's rules),
    the stand-in bot answering the rest, to the end of the season."""
    bot = POLICIES[stand_in]
    left = list(range(len(plan)))  # the plan's actions not yet taken or dropped, in their order
    state = start
    taken = 0
    while not state.over and taken < limit:
        # A gate, an appeal or a rest belongs to its day: a day already closed keeps none of them.
        left = [i for i in left if plan[i].day >= state.day or isinstance(plan[i].action, Choose)]
        action: Action | None = None
        today = [i for i in left if plan[i].day == state.day]
        if today and not isinstance(plan[today[0]].action, Choose):
            left.remove(today[0])
            action = _kept(book, state, plan[today[0]])
            if action is None:
                continue  # a gate or appeal that cannot be taken now is dropped
        elif state.card is not None:
            # The player's answer to the card on the table: the first not yet used, whichever day it was given.
            mine = next((i for i in left if plan[i].card == state.card), None)
            if mine is not None:
                action = _kept(book, state, plan[mine])
                left.remove(mine)
        if action is None:
            action = Rest() if state.card is None else bot(book, state, policy_stream(state, stand_in))
            after, events = step(book, state, action)
            yield Step(state, action, events, after, bot=True)
        else:
            after, events = step(book, state, action)
            yield Step(state, action, events, after)
        state, taken = after, taken + 1


def flipped(book: Book, start: State, actions: Sequence[Action], at: int, choice: int,
            plan: Sequence[Taken] | None = None, played: Sequence[Step] | None = None) -> Season:
    """The season of `actions` from `start` with the answer at action index `at` replaced by `choice`
    (0-based, open on that card), then the player's later actions kept where they still make sense.
    `plan` and `played` (the season's own steps), when the caller has them, spare replaying it again.

    Raises `InvalidAction` if that choice is not open there.
    """
    if played is None:
        played = list(replay(book, start, actions[:at]))
    if plan is None:
        plan = meanings(book, start, actions)
    steps = list(played[:at])
    state = steps[-1].after if steps else start
    action = Choose(choice)
    after, events = step(book, state, action)
    steps.append(Step(state, action, events, after))
    steps.extend(follow(book, after, plan[at + 1:]))
    return Season(steps[-1].after, tuple(steps))


def carried(book: Book, start: State, plan: Sequence[Taken]) -> Season:
    """The season of `plan` (actions with their meanings, worked out under the rulebook they were played in)
    played from `start` — e.g. a new game under another rulebook — each action kept where it still makes
    sense and the stand-in answering the rest, to the end of the season."""
    steps = tuple(follow(book, start, plan))
    return Season(steps[-1].after if steps else start, steps)


def under_other(book: Book, start: State, actions: Sequence[Action], other: Book,
                other_start: State) -> tuple[Season, Season]:
    """A season as played (carried to its end by the stand-in if unfinished), and the same seed and actions
    from `other_start` under the rulebook `other` (a rule pack), kept where they still make sense."""
    plan = meanings(book, start, actions)
    return carried(book, start, plan), carried(other, other_start, plan)


def parted(a: Sequence[Step], b: Sequence[Step]) -> int | None:
    """The first day the two seasons differ: another card on the table, another action, or another state
    after the same action (another rulebook did something else with it); None if they never do."""
    for x, y in zip(a, b, strict=False):
        if x.action != y.action or x.before.card != y.before.card:
            return x.before.day
        if x.after.vals != y.after.vals or len(x.after.ledger) != len(y.after.ledger):
            return x.before.day
    if len(a) != len(b):
        shorter = a if len(a) < len(b) else b
        return shorter[-1].after.day if shorter else 1
    return None


# ------------------------------------------------------------------ how far apart two seasons end


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a season came to: the things a debrief compares."""

    ending: str | None
    goals: frozenset[str]
    gates: frozenset[str]  # gates passed at least once
    scores: tuple[tuple[str, float, str], ...]  # (score, final value, final tier)


def outcome(book: Book, state: State) -> Outcome:
    goals = frozenset(state.goals) if state.over else frozenset(
        gid for gid, cond in book.personas[state.persona].goals if cond(state.vals))
    return Outcome(state.ending, goals, frozenset(g for g, n in state.gates_passed.items() if n),
                   tuple((s, float(state.vals[s]), str(state.vals[s + "_tier"])) for s in book.score_ids))


#: How much each kind of difference weighs when ranking turning points: an ending outweighs a goal,
#: a goal a gate, a gate a tier; a score's value counts by the share of its range it moved.
WEIGHTS = {"ending": 100.0, "goal": 30.0, "gate": 15.0, "tier": 10.0, "score": 20.0}


def distance(book: Book, a: Outcome, b: Outcome) -> float:
    """How far apart two seasons ended, by `WEIGHTS`; 0 for the same outcome."""
    d = WEIGHTS["ending"] * (a.ending != b.ending)
    d += WEIGHTS["goal"] * len(a.goals ^ b.goals)
    d += WEIGHTS["gate"] * len(a.gates ^ b.gates)
    for (sid, va, ta), (_, vb, tb) in zip(a.scores, b.scores, strict=True):
        score = book.scores[sid]
        d += WEIGHTS["tier"] * (ta != tb)
        d += WEIGHTS["score"] * abs(va - vb) / max(1, score.max - score.min)
    return d


@dataclass(frozen=True, slots=True)
class Turn:
    """One decision's weight: the other choice there that changes the season most, and by how much."""

    decision: Decision
    choice: int  # the other choice's index (0-based)
    weight: float
    season: Season


def turning_points(book: Book, start: State, actions: Sequence[Action], top: int = 3) -> tuple[Season, list[Turn]]:
    """The season as played (an unfinished one carried to its end by the stand-in, as every flip is), and
    its `top` decisions that mattered most: for each answer, every other
    choice open there is played out (`flipped`), and decisions are ranked by the largest change in
    outcome (`distance`). Decisions whose flips change nothing are left out; ties go to the earlier."""
    steps = list(replay(book, start, actions))  # the season once; its meanings, decisions and prefixes from it
    plan = meanings_of(book, steps)
    played = steps + list(follow(book, steps[-1].after if steps else start, ()))  # an unfinished one: the stand-in
    state = played[-1].after if played else start
    base = outcome(book, state)
    turns = []
    for dec in decisions_of(book, steps):
        best: Turn | None = None
        for option in dec.options:
            if book.card_by_id[dec.card].choices[option].id == dec.choice:
                continue
            season = flipped(book, start, actions, dec.at, option, plan, steps)
            weight = distance(book, base, outcome(book, season.state))
            if best is None or weight > best.weight:
                best = Turn(dec, option, weight, season)
        if best is not None and best.weight > 0:
            turns.append(best)
    turns.sort(key=lambda t: (-t.weight, t.decision.number))
    return Season(state, tuple(played)), turns[:top]


__all__ = ["STAND_IN", "WEIGHTS", "Decision", "Outcome", "Season", "Taken", "Turn", "carried", "decisions", "decisions_of",
           "distance", "flipped", "follow", "meanings", "meanings_of", "outcome", "parted", "turning_points", "under_other"]
