"""Every word a player reads is words: no ids, no code operators, no float artefacts, plurals that agree.

Scans every view function (and the log's lines and the debrief) at every step of many seeded seasons
of the default city, at each opacity, with the bots choosing, including gates and appeals.
"""

from __future__ import annotations

import re

import pytest

from game.content.city import open_city
from game.engine.actions import Appeal, TryGate
from game.engine.book import Book
from game.engine.season import replay
from game.engine.state import State
from game.engine.turn import InvalidAction, new_game, step
from game.model.scenario import Opacity
from game.report.debrief import build_debrief, to_markdown
from game.report.view import (
    calendar_view,
    card_view,
    dossier_view,
    gates_view,
    log_lines,
    next_step_hint,
    rulebook_view,
    scores_view,
    stats_view,
)

PLURALS = r"choices|records|cards|days|times|rules|gates|points|questions|seasons"
BAD = [
    (re.compile(r"`"), "a backtick"),
    (re.compile(r"(>=|<=|==|!=|\b(?:and|or)\b\s*\(|\)\s*(?:and|or)\b)"), "a code operator"),
    (re.compile(r"\b\d+\.0\b|\de[+-]\d"), "a float artefact"),
    (re.compile(rf"\b1 (?:{PLURALS})\b"), "a plural after 1"),
    (re.compile(r"\bof your 1 \w+s\b|\b1 \w+ were\b"), "a plural after 1"),
    (re.compile(r"\b0 (?:choice|record|card|day|time|rule|gate)\b"), "a singular after 0"),
]


def ids_of(book: Book) -> set[str]:
    """Ids a player must never read: every id with an underscore (others are plain words too)."""
    s = book.scenario
    found = {x.id for group in (s.cards, s.gates, s.rules, s.personas, s.flags, s.stats, s.scores, s.endings)
             for x in group}
    found |= {c.id for card in s.cards for c in card.choices}
    found |= {r.record.kind for r in s.rules if getattr(r, "record", None) is not None
              and getattr(r.record, "kind", None)}
    return {i for i in found if "_" in i}


def views(book: Book, state: State, opacity: Opacity) -> list[str]:
    out: list[str] = [calendar_view(book, state).label, next_step_hint(book, state)]
    card = card_view(book, state, opacity)
    if card is not None:
        out += [card.title, card.text] + [w for c in card.choices for w in (c.text, c.cost, c.check, c.why_not)]
    out += [w for g in gates_view(book, state) for w in (g.name, g.description, g.cost, g.blocker or "")]
    out += [w for r in dossier_view(book, state, opacity)
            for w in (r.text, r.source or "", r.category or "", r.appeal_blocker or "", r.evidence or "")]
    out += [w for r in rulebook_view(book, state, opacity) for w in (r.name, r.source, r.reason)]
    out += [w for s in scores_view(book, state, opacity) for w in (s.name, s.tier_name or "", *s.reasons)]
    out += [s.name for s in stats_view(book, state)]
    return out


def names_of(book: Book) -> set[str]:
    """Names of several words with capitals (a gate, a score): shown in lower case, they read as ids."""
    s = book.scenario
    return {x.name for group in (s.gates, s.scores) for x in group if " " in x.name and x.name != x.name.lower()}


def problems_in(texts: list[str], ids: set[str], names: set[str] = frozenset()) -> set[str]:
    found = set()
    for text in texts:
        for name in names:
            if name.lower() in text and name not in text:
                found.add(f"the name {name!r} in lower case: {text!r}")
    id_word = re.compile(r"\b(" + "|".join(map(re.escape, sorted(ids, key=len, reverse=True))) + r")\b")
    for text in texts:
        for pattern, what in BAD:
            if pattern.search(text):
                found.add(f"{what}: {text!r}")
        if ids and (m := id_word.search(text)):
            found.add(f"the id {m.group(1)}: {text!r}")
    return found


@pytest.mark.slow
@pytest.mark.parametrize("opacity", list(Opacity))
def test_no_view_shows_ids_operators_or_bad_plurals(opacity: Opacity) -> None:
    book = open_city(None).book
    ids, names = ids_of(book), names_of(book)
    assert ids and names
    found: set[str] = set()
    for persona in book.personas:
        for seed in range(3):
            state, opening = new_game(book, persona, seed)
            texts = log_lines(book, opening, opacity)
            for taken in replay(book, state, policy=("random", "cautious", "score-first")[seed]):
                s = taken.before
                texts += views(book, s, opacity) + log_lines(book, taken.events, opacity)
                # Try what the bots do not: every gate and every appeal, to read the words they give.
                for gate in book.gates if s.actions % 4 == 0 else ():
                    try:
                        texts += log_lines(book, step(book, s, TryGate(gate))[1], opacity)
                    except InvalidAction:
                        pass
                for r in s.records[:3]:
                    try:
                        texts += log_lines(book, step(book, s, Appeal(r.no))[1], opacity)
                    except InvalidAction:
                        pass
            last = taken.after
            texts += views(book, last, opacity)
            texts += [line for line in to_markdown(build_debrief(book, last, opacity), book).splitlines() if line != "```"]
            found |= problems_in(texts, ids, names)
    assert not found, "\n".join(sorted(found)[:40])


def test_the_scan_finds_what_it_looks_for() -> None:
    book = open_city(None).book
    ids, names = ids_of(book), names_of(book)
    bad = ["for Trust Points (civic >= 1030)", "None of your 1 choices", "1 records were filed", "1030.0 points",
           "you already passed `school_place` this season", "never reached your lanshui trust points",
           "a late_payment on file"]
    assert len(problems_in(bad, ids, names)) == len(bad)
    assert not problems_in(["Lanshui Trust Points 1,030 or more", "1 record was filed", "days 1–3"], ids, names)


def test_a_goal_says_where_the_player_stands_when_the_city_says_so() -> None:
    """The stall's grade (a flag, in no panel) shows under its goal, in the words of the state it is in."""
    from dataclasses import replace

    from game.content.city import open_city
    from game.engine.turn import new_game
    from game.report.view import goals_view

    book = open_city("lanshui").book
    state, _ = new_game(book, "stall", 1)
    grade = next(g for g in goals_view(book, state) if "Grade A" in g.text)
    assert grade.progress == "(Now: B.)"
    for flag, words in (("grade_a", "A, green"), ("grade_c", "C, yellow")):
        vals = {**state.vals, flag: True, "grade_b": False}
        shown = next(g for g in goals_view(book, replace(state, vals=vals)) if "Grade A" in g.text)
        assert words in (shown.progress or "")
    rider, _ = new_game(book, "rider", 1)
    assert all(g.progress is None for g in goals_view(book, rider))  # no progress line unless the city writes one


def test_a_requirement_reads_as_what_it_takes_not_as_why_it_failed() -> None:
    """`explain` is the refusal's reason; the gates screen and the debrief list needs (`needs`, or the condition)."""
    from game.content.city import open_city
    from game.report.view import requirement_words

    book = open_city("lanshui").book
    school = requirement_words(book, "private_school")
    assert school[0] == "the child's father off the court's list of dishonest judgment defaulters"
    assert "Money 2,000 or more" in school
    loan = requirement_words(book, "microloan")
    assert "a food-safety grade of B or better" in loan and "no late payment of a bill on file" in loan
    assert not any(w.startswith(("The stall's food-safety grade is C", "There is a late payment")) for w in loan)


def test_the_hint_says_when_to_rest_and_what_resting_gives() -> None:
    from game.content.city import open_city
    from game.engine.turn import new_game
    from game.report.view import next_step_hint

    book = open_city("lanshui").book
    state, _ = new_game(book, "student", 1)
    assert "Low on" not in next_step_hint(book, state)
    state.vals["energy"] = 0
    hint = next_step_hint(book, state)
    assert hint.endswith("Low on Energy: r rests (Energy +4, Stress −2).") and len(hint) <= 78


def test_rest_says_what_it_will_give_held_to_each_stats_range() -> None:
    from lanshui_city import lanshui_book

    from game.engine.turn import new_game
    from game.report.view import rest_words

    book = lanshui_book()
    state, _ = new_game(book, "stall", 1)
    state.vals["energy"], state.vals["stress"] = 2, 5
    assert rest_words(book, state) == "Energy +4, Stress −2"
    state.vals["energy"], state.vals["stress"] = 9, 1
    assert rest_words(book, state) == "Energy +1 (to its top, 10), Stress −1 (to its floor, 0)"
    state.vals["energy"], state.vals["stress"] = 10, 0
    assert rest_words(book, state) == ""
