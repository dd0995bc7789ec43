"""Hidden rules stay hidden until the debrief: no view a player reads during play names them, at any opacity
below transparent — checked over every view function, the notices and the transcript, on every step of many
seeded seasons (the faces draw these views; tests/tui holds one short Pilot smoke test of the screens)."""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

from game.content.city import open_city
from game.engine.actions import Action, Choose
from game.engine.book import Book
from game.engine.events import Event
from game.engine.policies import POLICIES, policy_stream
from game.engine.state import State
from game.engine.turn import available, new_game, step
from game.model.scenario import Opacity, Visibility
from game.report import view
from game.report.debrief import build_debrief, to_markdown
from game.report.notices import notices
from game.report.transcript import json_transcript, text_transcript

ROOT = Path(__file__).resolve().parents[1]
BELOW = (Opacity.opaque, Opacity.partial)


def first_open(book: Book, state: State) -> Action:
    """Always the first open choice: dodge the fare, dash across — the trade the hidden rules watch."""
    return Choose(available(book, state)[0])


def bot(name: str) -> Callable[[Book, State], Action]:
    return lambda book, state: POLICIES[name](book, state, policy_stream(state, name))


PLAYERS = {"first-open": first_open, **{name: bot(name) for name in POLICIES}}


def season(book: Book, persona: str, seed: int, player: Callable[[Book, State], Action],
           days: int | None = None) -> Iterator[tuple[State, Action | None, list[Event]]]:
    """(state before, action, events) for the opening and each action of one season."""
    state, events = new_game(book, persona, seed, days)
    yield state, None, events
    while not state.over:
        action = player(book, state)
        after, events = step(book, state, action)
        yield state, action, events
        state = after
    yield state, None, []


def texts(value: Any, out: list[str] | None = None) -> list[str]:
    """Every piece of text in a view: its strings, through dataclasses, lists and mappings."""
    out = [] if out is None else out
    if isinstance(value, str):
        out.append(value)
    elif isinstance(value, (int, float)) or value is None:
        pass
    elif isinstance(value, (list, tuple, set, frozenset)):
        for v in value:
            texts(v, out)
    elif isinstance(value, dict):
        for k, v in value.items():
            texts(k, out)
            texts(v, out)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for name in _field_names(type(value)):
            texts(getattr(value, name), out)
    return out


@functools.cache
def _field_names(kind: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(kind))


def every_view(book: Book, state: State, events: list[Event], opacity: Opacity) -> list[str]:
    """What the faces can show during play at `opacity`: every view function of game.report.view, and the notices."""
    return texts([
        view.calendar_view(book, state),
        view.stats_view(book, state),
        view.scores_view(book, state, opacity, events),
        view.card_view(book, state, opacity),
        view.gates_view(book, state),
        view.dossier_view(book, state, opacity),
        view.rulebook_view(book, state, opacity),
        view.next_step_hint(book, state),
        view.appeal_cost(book, state),
        view.log_lines(book, events, opacity),
        notices(book, events, opacity),
    ])


def hidden_words(book: Book) -> set[str]:
    """Each hidden rule's name, reason and id."""
    return {w for r in book.scenario.rules if r.visibility is Visibility.hidden for w in (r.name, r.reason, r.id)}


def leaks(book: Book, lines: Iterable[str]) -> set[str]:
    """The hidden rules' words found in `lines`, each only as whole words."""
    return set(_pattern(frozenset(hidden_words(book))).findall("\n".join(lines)))


@functools.cache
def _pattern(words: frozenset[str]) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, sorted(words, key=len, reverse=True)))})(?!\w)")


CITIES = {"good": (ROOT / "tests" / "scenarios" / "good", range(12), None),
          "lanshui": (ROOT / "scenarios" / "lanshui", range(2), 14)}


@pytest.mark.parametrize("city", list(CITIES))
def test_no_view_names_a_hidden_rule_before_the_debrief(city: str) -> None:
    folder, seeds, days = CITIES[city]
    book = open_city(folder).book
    assert hidden_words(book), "the city should have hidden rules for this test to mean anything"
    fired_hidden: set[str] = set()
    transparent_named: set[str] = set()
    steps = 0
    for persona in book.personas:
        for name, player in PLAYERS.items():
            for seed in seeds:
                last: State | None = None
                for state, _action, events in season(book, persona, seed, player, days):
                    for opacity in BELOW:
                        found = leaks(book, every_view(book, state, events, opacity))
                        assert not found, (city, persona, name, seed, state.day, opacity.value, found)
                    steps += 1
                    if steps % 7 == 0:  # transparent play names them: the check above would see a leak
                        transparent_named |= leaks(book, every_view(book, state, events, Opacity.transparent))
                    last = state
                assert last is not None and last.over
                hidden = {r for r in last.fired if book.rules[r].visibility is Visibility.hidden}
                fired_hidden |= hidden
                if hidden and seed < 3:  # the debrief, even of an opaque game, names what fired
                    md = to_markdown(build_debrief(book, last, Opacity.opaque), book)
                    assert all(book.rule_names[r] in md for r in hidden)
    assert fired_hidden, "the seasons should fire hidden rules for this test to mean anything"
    assert transparent_named


def test_no_transcript_names_a_hidden_rule_below_transparent(book: Book) -> None:
    told_hidden = False
    for persona in book.personas:
        for seed in range(12):
            start, opening = new_game(book, persona, seed)
            actions = [a for _, a, _ in season(book, persona, seed, first_open) if a is not None]
            for opacity in BELOW:
                lines, final = text_transcript(book, start, opening, actions, opacity, "test")
                assert final.over
                assert not leaks(book, lines), (persona, seed, opacity.value)
                data, _ = json_transcript(book, start, opening, actions, opacity)
                assert not leaks(book, (n for s in data["steps"] for n in s["notices"])), (persona, seed, opacity)
            lines, _ = text_transcript(book, start, opening, actions, Opacity.transparent, "test")
            told_hidden |= bool(leaks(book, lines))
    assert told_hidden  # the transparent transcript does tell them: the check can see a name
