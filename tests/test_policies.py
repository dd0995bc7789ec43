"""The bots know no stat by name: `cautious` rests when a stat that the scenario's own `rest` raises runs low."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from conftest import tiny_scenario

from game.engine.actions import Choose, Rest
from game.engine.book import Book
from game.engine.policies import POLICIES, policy_stream
from game.engine.turn import new_game


def city(rest: dict[str, Any], stats: list[dict[str, Any]]) -> dict[str, Any]:
    data = tiny_scenario()
    data["stats"] = stats
    data["calendar"]["rest"] = {"text": "You sit down.", "stats": rest}
    data["cards"][0]["choices"][1]["cost"] = {"coins": 5}
    return data


STATS = [{"id": "coins", "name": "Coins", "min": 0, "max": 100, "start": 20},
         {"id": "stamina", "name": "Stamina", "min": 0, "max": 20, "start": 10},
         {"id": "worry", "name": "Worry", "min": 0, "max": 10, "start": 0}]


def cautious(book: Book, **vals: float) -> object:
    state, _ = new_game(book, "resident", 1)
    state.vals.update(vals)
    return POLICIES["cautious"](book, state, policy_stream(state, "cautious"))


@pytest.mark.parametrize(("stamina", "rests"), [(0, True), (4, True), (5, False), (20, False)])
def test_cautious_rests_when_what_rest_restores_is_in_its_lowest_fifth(make_city: Callable[..., Book],
                                                                       stamina: int, rests: bool) -> None:
    book = make_city(city({"stamina": 3, "worry": -2}, STATS))  # no stat called energy here
    assert "energy" not in book.stats
    action = cautious(book, stamina=stamina)
    assert (action == Rest()) is rests
    if not rests:
        assert isinstance(action, Choose)


def test_a_stat_that_rest_lowers_or_leaves_is_not_what_makes_cautious_rest(make_city: Callable[..., Book]) -> None:
    book = make_city(city({"stamina": 3, "worry": -2}, STATS))
    assert isinstance(cautious(book, worry=0, coins=0, stamina=10), Choose)


def test_a_rest_that_restores_nothing_never_tempts_cautious(make_city: Callable[..., Book]) -> None:
    book = make_city(city({"worry": -2}, STATS))
    assert isinstance(cautious(book, stamina=0), Choose)


def test_an_amount_written_as_an_expression_is_read_now(make_city: Callable[..., Book]) -> None:
    book = make_city(city({"stamina": "3 if day < 3 else 0"}, STATS))
    assert cautious(book, stamina=0) == Rest()
    assert isinstance(cautious(book, stamina=0, day=4), Choose)  # resting would no longer raise it
