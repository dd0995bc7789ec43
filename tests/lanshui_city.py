"""The default city for the tests that read its story: compiled once, and a card put on the table to answer."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from game.content.loader import check
from game.engine.actions import Choose
from game.engine.book import Book, compile_book
from game.engine.events import Event
from game.engine.state import State
from game.engine.turn import step

CITY = Path(__file__).resolve().parents[1] / "scenarios" / "lanshui"


@cache
def lanshui_book() -> Book:
    scenario, problems = check(CITY)
    assert problems == [] and scenario is not None
    return compile_book(scenario)


def with_card(state: State, card: str) -> State:
    """The same state with `card` at the top of the hand (as if dealt)."""
    s = state.copy()
    s.hand = [card] + s.hand[1:]
    return s


def choose(book: Book, state: State, card: str, choice: str) -> tuple[State, list[Event]]:
    """Answer `card` (put on the table) with the choice whose id is `choice`."""
    index = [c.id for c in book.card_by_id[card].choices].index(choice)
    return step(book, with_card(state, card), Choose(index))
