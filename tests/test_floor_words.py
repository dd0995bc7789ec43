"""Money below zero is told as the rules apply it: a fee larger than what you have says what was due."""

from __future__ import annotations

from game.content.city import open_city
from game.engine.actions import Rest
from game.engine.events import Routine
from game.engine.turn import new_game, step
from game.model.scenario import Opacity
from game.report.notices import notice, notices


def test_a_fee_held_at_the_floor_says_what_was_due() -> None:
    book = open_city(None).book
    state, _ = new_game(book, "stall", 1)
    while state.day < 9:
        state, _ = step(book, state, Rest())
    state.vals["money"] = 32
    _, events = step(book, state, Rest())  # day 10: the pitch fee of 700
    fee = next(e for e in events if isinstance(e, Routine) and e.id == "pitch_fee")
    paid = -dict(fee.stats)["money"]
    assert 0 < paid < 700  # the day's takings came first; the fee took all there was
    line = notice(book, fee, Opacity.opaque)
    assert line == f"The pitch fee and the gas bill. Money −{paid:g} (Money −700 was due; Money cannot go below 0)"
    assert line in notices(book, events, Opacity.opaque)


def test_a_fee_paid_in_full_says_nothing_more() -> None:
    book = open_city(None).book
    assert notice(book, Routine("pitch_fee", "The pitch fee and the gas bill.", (("money", -700),)),
                  Opacity.opaque) == "The pitch fee and the gas bill. Money −700"
