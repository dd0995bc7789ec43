"""Dealing the day's cards: forced cards first, `once` and `cooldown` kept, weight 0 never drawn, weights followed.

Each test plays whole seasons of a tiny city made for it and reads the hand of every morning.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest
from conftest import tiny_scenario

from game.engine.book import Book
from game.engine.season import replay
from game.engine.turn import new_game

SEEDS = range(80)


def card(card_id: str, **fields: Any) -> dict[str, Any]:
    return {"id": card_id, "title": card_id.replace("_", " ").title(), "text": "Something happens.",
            "choices": [{"id": "go", "text": "Go on.", "outcome": {"facts": ["fare_evasion"]}}], **fields}


def city(cards: list[dict[str, Any]], days: int = 12, per_day: int = 2) -> dict[str, Any]:
    data = tiny_scenario()
    data["calendar"].update(days=days, cards_per_day=per_day)
    data["cards"] = cards
    return data


def mornings(book: Book, seed: int) -> list[tuple[int, list[str]]]:
    """(day, the hand dealt that morning) for every day of one season, answered by the first choice."""
    state, _ = new_game(book, "resident", seed)
    out = [(state.day, list(state.hand))]
    for taken in replay(book, state, policy="random"):
        after = taken.after
        if not after.over and after.day != taken.before.day:
            out.append((after.day, list(after.hand)))
    return out


@pytest.fixture
def dealt(make_city: Callable[[dict[str, Any]], Book]) -> Callable[..., list[list[tuple[int, list[str]]]]]:
    def deal(cards: list[dict[str, Any]], **calendar: int) -> list[list[tuple[int, list[str]]]]:
        book = make_city(city(cards, **calendar))
        return [mornings(book, seed) for seed in SEEDS]

    return deal


def test_a_forced_card_is_dealt_every_morning_it_may_be_and_first(dealt) -> None:
    seasons = dealt([card("filler_a", cooldown=0), card("daily", forced=True, cooldown=0), card("filler_b", cooldown=0)])
    for season in seasons:
        assert len(season) == 12
        for day, hand in season:
            assert hand[0] == "daily" and len(hand) == 2, (day, hand)


def test_forced_cards_beyond_the_days_hand_wait_in_the_order_they_are_written(dealt) -> None:
    seasons = dealt([card("first", forced=True, cooldown=0), card("second", forced=True, cooldown=0),
                     card("third", forced=True, cooldown=0), card("drawn", cooldown=0)], per_day=2)
    for season in seasons:
        assert all(hand == ["first", "second"] for _, hand in season)


def test_a_card_of_weight_zero_is_never_drawn(dealt) -> None:
    seasons = dealt([card("zero", weight=0, cooldown=0), card("a", cooldown=0), card("b", cooldown=0)])
    hands = [hand for season in seasons for _, hand in season]
    assert all("zero" not in hand for hand in hands)
    assert all(sorted(hand) == ["a", "b"] for hand in hands)  # the day still gets its two cards


def test_a_card_of_weight_zero_is_not_drawn_even_when_nothing_else_is_left(dealt) -> None:
    seasons = dealt([card("zero", weight=0, cooldown=0), card("a", cooldown=0)], per_day=2)
    assert all(hand == ["a"] for season in seasons for _, hand in season)  # a hand of one, not a zero


def test_a_card_of_weight_zero_can_still_be_forced(dealt) -> None:
    seasons = dealt([card("zero", weight=0, forced=True, cooldown=0), card("a", cooldown=0)], per_day=1)
    assert all(hand == ["zero"] for season in seasons for _, hand in season)


def test_a_once_card_comes_at_most_once_a_season(dealt) -> None:
    seasons = dealt([card("once", once=True, weight=50), card("a", cooldown=0), card("b", cooldown=0),
                     card("c", cooldown=0)], per_day=1)
    counts = [sum(hand.count("once") for _, hand in season) for season in seasons]
    assert max(counts) == 1
    assert sum(counts) >= 0.9 * len(seasons)  # its weight makes it likely: the test sees it dealt


def test_a_card_rests_for_its_cooldown_days_and_no_longer(dealt) -> None:
    seasons = dealt([card("cool", cooldown=2, weight=1000), card("a", cooldown=0), card("b", cooldown=0)],
                    per_day=1)
    gaps: Counter[int] = Counter()
    for season in seasons:
        days = [day for day, hand in season if "cool" in hand]
        gaps.update(b - a for a, b in zip(days, days[1:], strict=False))
    assert gaps and min(gaps) == 3  # dealt on day d: not on d+1 or d+2, again from d+3
    assert gaps[3] > sum(gaps.values()) / 2  # its weight brings it back as soon as it may


@pytest.mark.parametrize(("cooldown", "days"), [(0, list(range(1, 13))), (1, [1, 3, 5, 7, 9, 11]),
                                                (5, [1, 7])])
def test_a_lone_card_comes_back_as_its_cooldown_allows(dealt, cooldown: int, days: list[int]) -> None:
    for season in dealt([card("lone", cooldown=cooldown)], per_day=1):
        assert season == [(day, ["lone"]) for day in days]


def test_weighted_draws_follow_the_weights(dealt) -> None:
    seasons = dealt([card("light", weight=10, cooldown=0), card("heavy", weight=30, cooldown=0)], per_day=1)
    drawn = Counter(hand[0] for season in seasons for _, hand in season)
    assert drawn["light"] + drawn["heavy"] == 12 * len(SEEDS)
    assert drawn["heavy"] / (drawn["light"] + drawn["heavy"]) == pytest.approx(0.75, abs=0.04)


def test_a_day_with_no_card_that_may_be_dealt_passes_by_itself(make_city) -> None:
    book = make_city(city([card("rare", cooldown=4)], days=10, per_day=1))
    for seed in range(20):
        days = [day for day, _ in mornings(book, seed)]
        assert days == [1, 6]  # day 1, then days 2–5 pass without a card, day 6, then 7–10
        # the season still ends on its last day
        state, _ = new_game(book, "resident", seed)
        for taken in replay(book, state, policy="random"):
            state = taken.after
        assert state.over and state.day == 10
