"""The engine's reading of a choice, and the debrief's "choices the score bent" that rests on it.

A tiny city with one dilemma, worked out by hand: what each answer does to the score (rules its
facts set off, scaled by the score's range, only where the rule's source reaches the score's keeper),
and to what the persona cares about (stats × the persona's weights, scaled by each stat's range,
dice outcomes weighted by their odds). The expected figures below are arithmetic, not engine calls.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from conftest import tiny_scenario

from game.engine.actions import Choose
from game.engine.book import Book, ChoiceC
from game.engine.predict import best_for_score, best_for_values, impact, picks
from game.engine.state import State
from game.engine.turn import available, new_game, step
from game.model.scenario import Opacity
from game.report.debrief import build_debrief, to_markdown

P_2D6_7 = 21 / 36  # rolling 7 or more on 2d6: 21 of the 36 rolls


def rule(rule_id: str, on: str, source: str, **fields: Any) -> dict[str, Any]:
    return {"id": rule_id, "name": rule_id.title(), "source": source, "basis": "invented",
            "source_note": "A test rule.", "category": "test", "reason": "Because.", "on": [on], **fields}


def dilemma_city() -> dict[str, Any]:
    data = tiny_scenario()
    data["calendar"].update(days=3, cards_per_day=1)
    data["stats"].append({"id": "family", "name": "Family", "min": 0, "max": 10, "start": 5})
    data["sources"].append({"id": "shop", "name": "Shop app"})  # shares with nobody
    data["personas"][0]["cares"] = {"family": 2, "money": 1}
    data["cards"] = [{
        "id": "dilemma", "title": "A dilemma", "text": "Your sister needs you at the hour of the civic meeting.",
        "cooldown": 0,
        "choices": [
            {"id": "comply", "text": "Go to the meeting.", "outcome": {"stats": {"family": -3}, "facts": ["complied"]}},
            {"id": "refuse", "text": "Go to your sister.", "outcome": {"stats": {"family": 1}, "facts": ["refused"]}},
            {"id": "gamble", "text": "Try to do both.",
             "check": {"dice": "2d6", "target": 7, "success": {"stats": {"money": 20}},
                       "failure": {"facts": ["refused"]}}},
            {"id": "shopping", "text": "Buy her a present in the app.", "outcome": {"facts": ["bought"]}},
            {"id": "paid", "text": "Pay someone to stand in for you at the meeting.", "cost": {"money": 10},
             "outcome": {"facts": ["complied"]}},
            {"id": "window", "text": "Look at presents in the app.", "outcome": {"facts": ["bought"]}},
        ],
    }]
    data["rules"] = [
        rule("reward", "complied", "city", scores={"civic": 50}),
        rule("penalty", "refused", "transit", scores={"civic": -100}, set=["fined"]),
        rule("loyalty", "bought", "shop", scores={"civic": 200}),  # the shop's data does not reach the city
    ]
    return data


@pytest.fixture
def dilemma(make_city: Callable[[dict[str, Any]], Book]) -> Book:
    return make_city(dilemma_city())


def start(book: Book) -> State:
    state, _ = new_game(book, "resident", 1)
    assert state.card == "dilemma"
    return state


def choices(book: Book) -> dict[str, ChoiceC]:
    return {ch.id: ch for ch in book.card_by_id["dilemma"].choices}


def test_each_choice_is_read_for_the_score_and_for_what_the_persona_cares_about(dilemma: Book) -> None:
    state = start(dilemma)
    expected = {
        "comply": (50 / 1000, 2 * -3 / 10),
        "refuse": (-100 / 1000, 2 * 1 / 10),
        "gamble": ((1 - P_2D6_7) * -100 / 1000, P_2D6_7 * 1 * 20 / 100),
        "shopping": (0.0, 0.0),  # the shop's +200 is withheld from the city's score: it counts for nothing
        "paid": (50 / 1000, 1 * -10 / 100),  # the cost is a loss of money, which the persona cares about
        "window": (0.0, 0.0),
    }
    for cid, ch in choices(dilemma).items():
        assert impact(dilemma, state, ch) == pytest.approx(expected[cid]), cid


def test_a_rule_that_will_not_fire_counts_for_nothing(make_city: Callable[[dict[str, Any]], Book]) -> None:
    data = dilemma_city()
    data["rules"][0]["once"] = True
    data["rules"][1]["when"] = "money > 50"
    book = make_city(data)
    state = start(book)
    ch = choices(book)
    assert impact(book, state, ch["refuse"]) == pytest.approx((0.0, 0.2))  # `when` does not hold now
    assert impact(book, state, ch["comply"])[0] == pytest.approx(0.05)
    state.fired["reward"] = 1  # a `once` rule that already fired
    assert impact(book, state, ch["comply"]) == pytest.approx((0.0, -0.6))


def test_the_best_for_the_score_and_the_best_for_the_values_differ(dilemma: Book) -> None:
    state = start(dilemma)
    options = list(choices(dilemma).values())
    # comply and paid protect the score equally; paid costs the persona less, so it wins the tie
    assert best_for_score(dilemma, state, options).id == "paid"
    assert best_for_values(dilemma, state, options).id == "refuse"
    assert [c.id for c in picks(dilemma, state, options)] == ["paid", "refuse"]


def test_ties_go_to_the_first_choice_listed(dilemma: Book) -> None:
    state = start(dilemma)
    ch = choices(dilemma)
    assert [c.id for c in picks(dilemma, state, [ch["shopping"], ch["gamble"]])] == ["shopping", "gamble"]
    # shopping and window read the same in every way: the one listed first is both picks
    assert [c.id for c in picks(dilemma, state, [ch["shopping"], ch["window"]])] == ["shopping", "shopping"]
    assert [c.id for c in picks(dilemma, state, [ch["window"], ch["shopping"]])] == ["window", "window"]


def answer(book: Book, state: State, choice_id: str) -> State:
    index = [c.id for c in book.card_by_id["dilemma"].choices].index(choice_id)
    after, _ = step(book, state, Choose(index))
    return after


def test_each_decision_records_the_two_picks_among_the_choices_open_then(dilemma: Book) -> None:
    state = answer(dilemma, start(dilemma), "comply")
    d = state.decisions[-1]
    assert (d.day, d.card, d.choice, d.score_pick, d.values_pick) == (1, "dilemma", "comply", "paid", "refuse")
    poor = start(dilemma)
    poor.vals["money"] = 5  # "paid" costs 10: closed, so it is no one's pick
    assert 4 not in available(dilemma, poor)
    d = answer(dilemma, poor, "comply").decisions[-1]
    assert (d.score_pick, d.values_pick) == ("comply", "refuse")


def sister_city(family: int) -> dict[str, Any]:
    """The dilemma, with going to your sister worth `family` points of Family."""
    data = dilemma_city()
    data["cards"][0]["choices"][1]["outcome"]["stats"]["family"] = family
    return data


@pytest.mark.parametrize(("taken", "bent"), [("paid", True), ("refuse", False), ("gamble", False),
                                             ("comply", False)])
def test_a_choice_the_score_bent_is_the_scores_pick_taken_over_the_values_pick(
        make_city: Callable[[dict[str, Any]], Book], taken: str, bent: bool) -> None:
    dilemma = make_city(sister_city(2))
    state = answer(dilemma, start(dilemma), taken)
    d = build_debrief(dilemma, state, Opacity.partial)
    if bent:
        assert [(b.day, b.card, b.chose, b.would_have) for b in d.bent] == [
            (1, "A dilemma", "Pay someone to stand in for you at the meeting.", "Go to your sister.")]
        assert "Choices the score bent" in to_markdown(d, dilemma)
    else:
        assert d.bent == ()  # comply protects the score as well as paid, but it is not the score's pick
    assert d.decisions == 1


def test_when_the_score_and_the_values_agree_nothing_is_bent(make_city: Callable[[dict[str, Any]], Book]) -> None:
    data = dilemma_city()
    data["rules"][1]["scores"] = {"civic": 100}  # now going to your sister is also what the score rewards
    book = make_city(data)
    state = start(book)
    assert [c.id for c in picks(book, state, list(choices(book).values()))] == ["refuse", "refuse"]
    after = answer(book, state, "refuse")
    assert after.decisions[-1].score_pick == after.decisions[-1].values_pick == "refuse"
    assert build_debrief(book, after, Opacity.partial).bent == ()


@pytest.mark.parametrize(("family", "bent"), [(1, False), (2, True), (3, True)])
def test_a_choice_counts_as_bent_only_when_it_gave_up_two_points_of_what_the_persona_cares_about_most(
        make_city: Callable[[dict[str, Any]], Book], family: int, bent: bool) -> None:
    # Family weighs 2 on 0..10: one point reads 0.2, and it is what this persona cares about most (money
    # weighs 1 on a far wider range). Paying the stand-in costs 10 money (0.01); going to the sister gains
    # `family` points. Two points or more given up for the score is a trade; one point is not.
    book = make_city(sister_city(family))
    state = answer(book, start(book), "paid")
    assert state.decisions[-1].score_pick == "paid" and state.decisions[-1].values_pick == "refuse"
    assert bool(build_debrief(book, state, Opacity.partial).bent) is bent
