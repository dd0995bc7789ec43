"""Why a choice is closed: the engine decides it once (`choice_blocker`), the faces only put it into words."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

from game.content.city import open_city
from game.engine.book import Book
from game.engine.season import replay
from game.engine.turn import ChoiceClosed, Shortfall, available, choice_blocker, choice_open, new_game
from game.model.scenario import Opacity
from game.report.view import appeal_cost, card_view, closed_words

GOOD = Path(__file__).resolve().parent / "scenarios" / "good"


def _choice(book: Book, card: str, choice: str):  # noqa: ANN202 - a compiled choice
    return next(ch for ch in book.card_by_id[card].choices if ch.id == choice)


def test_a_cost_you_cannot_pay_names_the_stat_the_amount_and_what_you_have(book: Book) -> None:
    state, _ = new_game(book, "vendor", 1)
    card = next(c for c in book.cards for ch in c.choices if any(a.key == "money" for a in ch.cost))
    ch = next(ch for ch in card.choices if any(a.key == "money" for a in ch.cost))
    need = next(a.constant for a in ch.cost if a.key == "money")
    state.vals["money"] = need - 1
    closed = choice_blocker(book, state, ch)
    assert closed == ChoiceClosed(False, None, None, (Shortfall("money", need, need - 1, book.stats["money"][0]),))
    assert not choice_open(book, state, ch)
    assert closed_words(book, closed, Opacity.partial) == f"not enough Money: you have {need - 1:g}"
    state.vals["money"] = need
    assert choice_blocker(book, state, ch) is None and choice_open(book, state, ch)


def test_an_unmet_condition_carries_the_condition_as_written_and_the_authors_words(book: Book) -> None:
    card = next(c for c in book.cards for ch in c.choices if ch.explain)
    ch = next(ch for ch in card.choices if ch.explain)
    state, _ = new_game(book, "vendor", 1)
    state.vals["volunteered"], state.vals["stress"] = True, 0
    closed = choice_blocker(book, state, ch)
    assert closed is not None and closed.unmet
    assert closed.condition == "not volunteered or stress > 5"
    assert closed.explain == "only if you have not signed up, or you are worn out"
    # the author's words say it, at transparency too; the condition in words stands in only when none are written
    assert closed_words(book, closed, Opacity.transparent) == closed.explain
    bare = dataclasses.replace(closed, explain=None)
    assert closed_words(book, bare, Opacity.transparent) == "needs not volunteered, or Stress more than 5"
    assert closed_words(book, bare, Opacity.partial) == "not open to you now"
    assert closed_words(book, closed, Opacity.partial) == closed.explain
    assert closed_words(book, closed, Opacity.opaque) == "not open to you now"


def test_open_closed_and_the_words_agree_on_every_card_of_many_seasons(book: Book) -> None:
    seen_closed = 0
    for persona in book.personas:
        for seed in range(12):
            start, _ = new_game(book, persona, seed)
            for step in replay(book, start, policy="random"):
                s = step.before
                if s.card is None:
                    continue
                card = book.card_by_id[s.card]
                view = card_view(book, s, Opacity.transparent)
                assert view is not None
                opened = available(book, s)
                for i, ch in enumerate(card.choices):
                    closed = choice_blocker(book, s, ch)
                    assert (closed is None) == (i in opened) == view.choices[i].open
                    assert bool(view.choices[i].why_not) == (closed is not None)
                    seen_closed += closed is not None
    assert seen_closed > 0  # the seasons did meet closed choices


def test_the_appeal_cost_is_the_compiled_amount_not_the_text_written(tmp_path: Path) -> None:
    city = tmp_path / "good"
    shutil.copytree(GOOD, city)
    scenario = city / "scenario.yaml"
    scenario.write_text(scenario.read_text().replace("cost: {energy: 2}", 'cost: {energy: "1 + day"}'))
    book = open_city(city).book
    state, _ = new_game(book, "vendor", 1)
    assert appeal_cost(book, state) == "costs Energy 2"
    state.vals["day"] = 4
    assert appeal_cost(book, state) == "costs Energy 5"
