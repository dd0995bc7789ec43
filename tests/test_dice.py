"""The dice: the odds the bots and the debrief reason with are the odds the engine rolls.

`chance_at_least` is checked against a count of every way the dice can fall (itertools.product),
not against the engine's own convolution; the streams are checked for range, determinism and
for falling as often as those odds say.
"""

from __future__ import annotations

import itertools
import math
from fractions import Fraction

import pytest

from game.engine.book import chance_at_least, dice_tail
from game.engine.dice import Stream, roll

DICE = ["1d2", "1d4", "1d6", "2d4", "2d6", "3d6", "2d10", "4d4", "1d20"]


def enumerated(dice: str, need: float) -> Fraction:
    """The share of all equally likely rolls whose total is `need` or more, by listing every roll."""
    count, sides = (int(x) for x in dice.split("d"))
    rolls = list(itertools.product(range(1, sides + 1), repeat=count))
    return Fraction(sum(1 for r in rolls if sum(r) >= need), len(rolls))


@pytest.mark.parametrize("dice", DICE)
def test_the_chance_of_at_least_a_total_is_the_share_of_every_roll_that_reaches_it(dice: str) -> None:
    count, sides = (int(x) for x in dice.split("d"))
    for need in range(count - 3, count * sides + 4):  # below the lowest total to above the highest
        assert chance_at_least(dice, need) == pytest.approx(float(enumerated(dice, need)), abs=1e-12), (dice, need)


@pytest.mark.parametrize(("dice", "need", "exact"), [
    ("2d6", 7, Fraction(21, 36)),
    ("2d6", 12, Fraction(1, 36)),
    ("2d6", 2, Fraction(1)),
    ("2d6", 13, Fraction(0)),
    ("3d6", 11, Fraction(1, 2)),
    ("1d20", 15, Fraction(6, 20)),
])
def test_known_odds(dice: str, need: int, exact: Fraction) -> None:
    assert chance_at_least(dice, need) == pytest.approx(float(exact), abs=1e-12)


def test_a_need_between_two_totals_needs_the_higher_one() -> None:
    # A target minus a modifier of 1.5 is 6.5: only 7 or more succeeds.
    assert chance_at_least("2d6", 6.5) == chance_at_least("2d6", 7) == pytest.approx(21 / 36)
    assert chance_at_least("2d6", 6.0001) == chance_at_least("2d6", 7)


def test_the_tail_falls_from_certainty_and_sums_to_the_mean() -> None:
    for dice in DICE:
        count, sides = (int(x) for x in dice.split("d"))
        low, tail = dice_tail(dice)
        assert low == count and len(tail) == count * (sides - 1) + 1
        assert tail[0] == 1.0 and all(a >= b for a, b in itertools.pairwise(tail))
        # E[X] = low + Σ_{k>low} P(X ≥ k): the tail carries the whole distribution.
        assert low + sum(tail[1:]) == pytest.approx(count * (sides + 1) / 2)


def test_a_roll_gives_count_dice_each_a_face_of_the_die() -> None:
    seen: set[int] = set()
    for seed in range(200):
        rolls = roll(Stream(seed, 1, "check:test"), "3d6")
        assert len(rolls) == 3 and all(1 <= r <= 6 for r in rolls)
        seen.update(rolls)
    assert seen == {1, 2, 3, 4, 5, 6}


def test_the_same_seed_day_and_purpose_give_the_same_dice_and_any_other_gives_others() -> None:
    def draws(seed: int, day: int, purpose: str) -> list[int]:
        s = Stream(seed, day, purpose)
        return [s.next64() for _ in range(8)]

    assert draws(5, 3, "deal") == draws(5, 3, "deal")
    others = [draws(6, 3, "deal"), draws(5, 4, "deal"), draws(5, 3, "check:x:0")]
    assert all(o != draws(5, 3, "deal") for o in others)
    # The streams are fixed: these numbers may never change, or every save would replay differently.
    assert draws(0, 1, "deal")[:2] == [16057912077202524470, 7293546246991512043]
    s = Stream(42, 3, "check:crossing:5")
    assert [s.randint(1, 6) for _ in range(6)] == [6, 3, 1, 5, 6, 5]


def test_randint_and_random_stay_in_their_ranges() -> None:
    s = Stream(1, 1, "range")
    ints = [s.randint(-2, 3) for _ in range(3000)]
    assert set(ints) == {-2, -1, 0, 1, 2, 3}
    floats = [s.random() for _ in range(3000)]
    assert all(0.0 <= f < 1.0 for f in floats)


@pytest.mark.parametrize(("dice", "need"), [("2d6", 7), ("2d6", 10), ("3d6", 14), ("1d20", 18)])
def test_dice_fall_as_often_as_the_odds_say(dice: str, need: int) -> None:
    n = 6000
    hits = sum(sum(roll(Stream(seed, 2, f"check:odds:{seed % 7}"), dice)) >= need for seed in range(n))
    p = chance_at_least(dice, need)
    # Four standard deviations: fixed seeds, so this never flickers; a biased die would be far outside.
    assert abs(hits / n - p) <= 4 * math.sqrt(p * (1 - p) / n), (hits / n, p)


def test_a_weighted_draw_never_picks_a_weight_of_zero_and_follows_the_weights() -> None:
    counts = [0, 0, 0, 0]
    for seed in range(8000):
        counts[Stream(seed, 1, "deal").weighted_index([0, 10, 0, 30])] += 1
    assert counts[0] == counts[2] == 0
    assert counts[3] / (counts[1] + counts[3]) == pytest.approx(0.75, abs=0.02)


def test_the_dice_shown_before_a_choice_are_the_dice_rolled_after_it() -> None:
    """The preview and the roll share one reading of a check: the cost is paid and the outcome applied first."""
    from game.content.city import open_city
    from game.engine.actions import Choose
    from game.engine.events import DiceRolled
    from game.engine.season import replay
    from game.engine.turn import check_terms, new_game

    book = open_city("lanshui").book
    compared = 0
    for persona in book.personas:
        for seed in range(6):
            start, _ = new_game(book, persona, seed, None)
            for taken in replay(book, start, (), "random"):
                rolled = [e for e in taken.events if isinstance(e, DiceRolled)]
                if not isinstance(taken.action, Choose) or not rolled:
                    continue
                card = book.card_by_id[taken.before.card or ""]
                before = taken.before.to_dict()
                shown = check_terms(book, taken.before, card.choices[taken.action.index])
                assert taken.before.to_dict() == before  # looking ahead changes nothing
                assert shown == (rolled[0].modifier, rolled[0].target)
                compared += 1
    assert compared > 50
