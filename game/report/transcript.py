"""Provides transcripts: a season told as a story, in text or as JSON, at the opacity chosen.

A transcript is made by replaying the actions from the seed, so it always
tells exactly the game the actions make.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable
from dataclasses import asdict, is_dataclass
from typing import Any

from game.engine.actions import Action, Appeal, Choose, Rest, TryGate, encode
from game.engine.book import Book
from game.engine.events import Event
from game.engine.season import replay
from game.engine.state import State
from game.model.scenario import Opacity
from game.report.notices import notices, number, signed
from game.report.view import card_view

WIDTH = 78


def _wrap(text: str, prefix: str = "") -> list[str]:
    return textwrap.wrap(" ".join(text.split()), WIDTH - len(prefix), initial_indent=prefix,
                         subsequent_indent=prefix) or [prefix]


def describe_card(book: Book, state: State, opacity: Opacity, chosen: int | None = None) -> list[str]:
    """The current card as a player reads it, with its choices numbered from 1."""
    view = card_view(book, state, opacity)
    assert view is not None
    lines = [f"┌ {view.title}"]
    lines += _wrap(view.text, "│ ")
    for ch in view.choices:
        mark = "→" if ch.index == chosen else " "
        extra = [part for part in (f"costs {ch.cost}" if ch.cost else "", f"then {ch.loses}" if ch.loses else "",
                                   ch.check, ch.why_not) if part]
        suffix = f"  ({'; '.join(extra)})" if extra else ""
        lines.append(f"│ {mark}{ch.index + 1}. {ch.text}{suffix}")
    return lines


def describe_action(book: Book, state: State, action: Action, opacity: Opacity) -> list[str]:
    if isinstance(action, Choose):
        return describe_card(book, state, opacity, action.index)
    if isinstance(action, TryGate):
        return [f"▶ You try: {book.gate_info[action.gate].name}."]
    if isinstance(action, Appeal):
        return [f"▶ You appeal record #{action.record}."]
    if isinstance(action, Rest):
        lines = describe_card(book, state, opacity) if state.hand else []
        return lines + ["▶ You rest."]
    return []


def header(book: Book, state: State, opacity: Opacity, how: str) -> list[str]:
    meta = book.scenario.scenario
    persona = book.scenario.persona(state.persona)
    lines = [f"Good Standing — {meta.title} {meta.version}",
             f"You are {persona.name}. Seed {state.seed} · {opacity.value} · {how}", ""]
    lines += _wrap(persona.situation)
    lines += [f"  Goal: {g.text}" for g in persona.goals]
    if meta.intro:
        lines += [""] + _wrap(book.words("intro", meta.intro, state.vals))
    return lines + [""]


def footer(book: Book, state: State) -> list[str]:
    lines = [""]
    if state.over:
        ending = book.ending_info[state.ending] if state.ending else None
        if ending is not None:
            lines += [f"═ {ending.title} ═"] + _wrap(book.words(f"ending:{ending.id}", ending.text, state.vals))
        persona = book.scenario.persona(state.persona)
        for g in persona.goals:
            lines.append(f"  [{'x' if g.id in state.goals else ' '}] {g.text}")
    else:
        lines.append(f"(The season stops on day {state.day}: no more actions were given.)")
    scores = ", ".join(f"{book.score_names[s]} {number(state.vals[s])} ({state.vals[s + '_tier']})" for s in book.score_ids)
    stats = ", ".join(f"{book.stat_names[k]} {number(state.vals[k])}" for k in book.stats)
    lines += ["", f"Scores: {scores}", f"Stats: {stats}"]
    return lines


def text_transcript(book: Book, start: State, opening: Iterable[Event], actions: Iterable[Action],
                    opacity: Opacity, how: str) -> tuple[list[str], State]:
    """The season from `start` (a new game, whose `opening` events are told first, or a snapshot) as a story."""
    lines = header(book, start, opacity, how)
    told: list[tuple[Action | None, State | None, list[Event]]] = [(None, None, list(opening))]
    final = start
    for taken in replay(book, start, actions):
        told.append((taken.action, taken.before, taken.events))
        final = taken.after
    for action, before, events in told:
        if action is not None and before is not None:
            lines += describe_action(book, before, action, opacity)
        for line in notices(book, events, opacity):
            lines += _wrap(line, "  ") if not line.startswith("—") else ["", line]
    return lines + footer(book, final), final


def _plain(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return {"type": type(value).__name__, **{k: _plain(v) for k, v in asdict(value).items()}}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def json_transcript(book: Book, start: State, opening: Iterable[Event], actions: Iterable[Action],
                    opacity: Opacity, continued: bool = False) -> tuple[dict[str, Any], State]:
    """The season from `start` as JSON: every step's notices and events, the end and the actions.

    With `continued` (the game went on from a save's snapshot), the first step is not
    a new game's opening and `continued_from_day` says where the story starts.
    """
    actions = list(actions)
    out: list[dict[str, Any]] = []
    if not continued:
        out.append(_json_step(book, start.day, None, None, list(opening), opacity))
    final = start
    for taken in replay(book, start, actions):
        out.append(_json_step(book, taken.before.day, taken.before.card, taken.action, taken.events, opacity))
        final = taken.after
    data: dict[str, Any] = {"scenario": final.scenario, "version": final.version, "persona": start.persona,
                            "seed": start.seed, "opacity": opacity.value}
    if continued:
        data["continued_from_day"] = start.day
    data.update({
        "steps": out, "over": final.over, "ending": final.ending,
        "goals": final.goals, "scores": {s: final.vals[s] for s in book.score_ids},
        "stats": {k: final.vals[k] for k in book.stats}, "actions": [encode(a) for a in actions],
    })
    return data, final


def _json_step(book: Book, day: int, card: str | None, action: Action | None, events: list[Event],
               opacity: Opacity) -> dict[str, Any]:
    return {"day": day, "card": card, "action": encode(action) if action is not None else None,
            "notices": notices(book, events, opacity), "events": [_plain(e) for e in events]}


__all__ = ["describe_card", "json_transcript", "signed", "text_transcript"]
