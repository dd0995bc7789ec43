"""The teacher's and the student's cards say only what their state allows.

Each kind of contradiction a play-tester found in the transcripts of Sun Huiqin (teacher.yaml) and
Chen Xi (student.yaml) is pinned here: words that outlive Peng's listing, a son sent south who is
still spoken to in person, a neighbour taught to pay whose card still offers to pay the old bill,
a guarantee whose court order came the next day, a friend who defaults and acts as if nothing
happened, a price the card never mentions, and a station scene before the day of the ticket.
"""

from __future__ import annotations

import pytest

from game.engine.actions import Rest
from game.engine.book import Book
from game.engine.events import Story
from game.engine.season import play, replay
from game.engine.state import State
from game.engine.turn import new_game, step
from game.model.opacity import Opacity
from game.report.view import CardView, card_view
from tests.lanshui_city import choose, lanshui_book, with_card


@pytest.fixture(scope="module")
def book() -> Book:
    return lanshui_book()




def _view(book: Book, state: State, card: str) -> CardView:
    view = card_view(book, with_card(state, card), Opacity.partial)
    assert view is not None
    return view


def _choose(book: Book, state: State, card: str, choice: str) -> tuple[State, str]:
    """Answer `card` with `choice`; the state after and the story lines it told."""
    after, events = choose(book, state, card, choice)
    return after, " ".join(e.text for e in events if isinstance(e, Story))


def _days_pass(book: Book, state: State, n: int) -> State:
    for _ in range(n):
        state, _ = step(book, state, Rest())
    return state


def _teacher(book: Book, days: int = 30) -> State:
    state, _ = new_game(book, "teacher", 5, days)
    state.vals["money"] = 5000
    state.vals["energy"] = 10
    return state


def _lifted(book: Book) -> State:
    """A teacher who paid Peng's debt, days enough ago for the court to take him off its list."""
    state, _ = _choose(book, _teacher(book), "gran_peng_debt", "pay")
    state = _days_pass(book, state, 3)
    assert not state.vals["son_listed"]
    state.vals["energy"] = 10
    return state


# ------------------------------------------------------------------ a listing lifted is not spoken of as standing


def test_yucais_officer_flags_the_father_only_while_he_is_listed(book: Book) -> None:
    listed = _teacher(book)
    before = _view(book, listed, "gran_yucai_visit")
    assert "flag on the father" in before.text
    _, said = _choose(book, listed, "gran_yucai_visit", "ask")
    assert "Clear the father's name" in said

    lifted = _lifted(book)
    after = _view(book, lifted, "gran_yucai_visit")
    assert "flag on the father" not in after.text
    assert "clear now" in after.text and "tier A" in after.text and "fee" in after.text
    _, said = _choose(book, lifted, "gran_yucai_visit", "ask")
    assert "Clear the father's name" not in said and "Pay the fee" in said


def test_haorans_mother_speaks_of_the_list_in_its_present_state(book: Book) -> None:
    assert "The list follows people" in _view(book, _teacher(book), "gran_daughter_in_law").text
    after = _view(book, _lifted(book), "gran_daughter_in_law").text
    assert "The list follows people" not in after and "off the list" in after


def test_the_playground_taunt_knows_the_list_is_lifted(book: Book) -> None:
    assert "Peng's name is off the list" not in _view(book, _teacher(book), "gran_haoran_fight").text
    assert "Peng's name is off the list" in _view(book, _lifted(book), "gran_haoran_fight").text


# ------------------------------------------------------------------ Peng sent south is not at the court or job-hunting here


@pytest.mark.parametrize(("choice", "south"), [("buy", True), ("coach", True), ("refuse", False)])
def test_sending_peng_south_is_remembered(book: Book, choice: str, south: bool) -> None:
    after, _ = _choose(book, _teacher(book), "gran_peng_ticket", choice)
    assert after.vals["peng_south"] is south


def test_peng_gone_south_asks_for_the_debt_from_afar(book: Book) -> None:
    here = _teacher(book)
    assert "can't look at you" in _view(book, here, "gran_peng_debt").text
    _, said = _choose(book, here, "gran_peng_debt", "pay")
    assert "waiting room" in said

    south, _ = _choose(book, _teacher(book), "gran_peng_ticket", "buy")
    view = _view(book, south, "gran_peng_debt")
    assert "can't look at you" not in view.text and "voice message" in view.text
    _, said = _choose(book, south, "gran_peng_debt", "pay")
    assert "waiting room" not in said and "voice message" in said


@pytest.mark.parametrize("paid", [False, True])
def test_peng_at_the_door_after_the_south_is_back_from_the_site(book: Book, paid: bool) -> None:
    if paid:
        state = _lifted(book)
        state.vals["peng_south"] = True  # sent south before the debt was paid (the ticket needs him listed)
    else:
        state, _ = _choose(book, _teacher(book), "gran_peng_ticket", "coach")
    text = " ".join(_view(book, state, "gran_peng_door").text.split())
    assert "can't take the train to look for work" not in text
    assert "starts next week" not in text
    assert "the south" in text
    assert ("off the court's list" in text) is paid


def test_no_season_speaks_to_peng_in_person_once_he_is_gone_south(book: Book) -> None:
    """Over many seasons: once he has gone south, no card asks for him to look away or look for work here."""
    seen = 0
    for seed in range(1, 61):
        state, _ = new_game(book, "teacher", seed, 30)
        for taken in replay(book, state, policy="values-first"):
            card = taken.before.card
            if card not in ("gran_peng_debt", "gran_peng_door"):
                continue
            gone = "gran_peng_ticket" in taken.before.drawn and taken.before.vals["peng_south"]
            if card == "gran_peng_debt" and taken.before.vals["peng_back"]:
                gone = False  # back at the door since: he may ask in person
            words = " ".join(card_view(book, taken.before, Opacity.partial).text.split())
            told = " ".join(e.text for e in taken.events if isinstance(e, Story))
            if gone:
                seen += 1
                assert "can't look at you" not in words, (seed, card)
                assert "can't take the train to look for work" not in words, (seed, card)
                assert "starts next week" not in words, (seed, card)
                assert "waiting room" not in told, (seed, card)
    assert seen, "no season dealt Peng's cards after he went south: the test saw nothing"


# ------------------------------------------------------------------ a lesson learned changes the offer


def test_mrs_fang_taught_is_not_offered_the_heating_bill_again(book: Book) -> None:
    state = _teacher(book)
    first = _view(book, state, "gran_mrs_fang")
    assert "heating bill" in first.text and first.choices[0].text == "Pay it from your phone."
    state, _ = _choose(book, state, "gran_mrs_fang", "teach")
    assert state.vals["taught_fang"]
    again = _view(book, state, "gran_mrs_fang")
    assert "herself" in again.text and "water bill" in again.text
    assert again.choices[0].text != "Pay it from your phone." and "water bill" in again.choices[0].text
    assert again.choices[0].cost == first.choices[0].cost == "Money 120"
    # the title fits both: neither "heating bill" (paid already) nor anything the second visit contradicts
    assert "heating" not in again.title and again.title == first.title


# ------------------------------------------------------------------ a guarantee, then days, then the court


@pytest.mark.parametrize("days", [14, 30])
def test_the_court_order_comes_at_least_three_days_after_the_signature(book: Book, days: int) -> None:
    seasons = both = 0
    for seed in range(60):
        state = play(book, "student", seed, "values-first", days).state
        seasons += 1
        signed = state.last_drawn.get("uni_cosign")
        court = state.last_drawn.get("uni_court_text")
        if court is not None:
            assert signed is not None and court - signed >= 3, (seed, signed, court)
            both += 1
    assert both / seasons > 0.5, f"the guarantee and the court order were both dealt in only {both}/{seasons}"


def test_the_windows_keep_three_days_apart_at_every_length(book: Book) -> None:
    cosign, court = book.card_by_id["uni_cosign"], book.card_by_id["uni_court_text"]
    for days in range(14, 31):
        state, _ = new_game(book, "student", 1, days)
        state.vals["co_signed"] = True
        last_sign = max(d for d in range(1, days + 1) if cosign.when({**state.vals, "day": d}))
        first_court = min(d for d in range(1, days + 1) if court.when({**state.vals, "day": d}))
        assert first_court - last_sign >= 3, days


# ------------------------------------------------------------------ Zhao Lei remembers the loan and the default


@pytest.mark.parametrize("card", ["uni_skewers", "uni_card_lend"])
def test_zhao_lei_acknowledges_the_signature_and_the_default(book: Book, card: str) -> None:
    state, _ = new_game(book, "student", 1, 30)
    plain = _view(book, state, card).text
    assert "signed" not in plain and "court" not in plain
    state = _days_pass(book, state, 2)
    assert state.day == 3
    state, _ = _choose(book, state, "uni_cosign", "sign")
    signed = _view(book, state, card).text
    assert "signed" in signed and "court" not in signed
    state = _days_pass(book, state, 30 // 3 + 4 - state.day)
    assert state.last_drawn.get("uni_court_text") == state.day, "the court's text is dealt on its first day"
    after = _view(book, state, card).text
    assert "court" in after and "default" in after


def test_zhao_lei_never_speaks_of_the_default_before_the_court_has_written(book: Book) -> None:
    seen = {"before": 0, "after": 0}
    for days in (14, 30):
        for seed in range(40):
            state, _ = new_game(book, "student", seed, days)
            for taken in replay(book, state, policy="values-first"):
                if taken.before.card not in ("uni_skewers", "uni_card_lend"):
                    continue
                words = " ".join(card_view(book, taken.before, Opacity.partial).text.split())
                if "uni_court_text" in taken.before.drawn:
                    seen["after"] += 1
                    assert "default" in words, (seed, days, taken.before.card)
                else:
                    seen["before"] += 1
                    assert "default" not in words and "court" not in words, (seed, days, taken.before.card)
    assert seen["before"] and seen["after"], seen


# ------------------------------------------------------------------ a price the card names


def _money_cost(book: Book, state: State, card: str, i: int) -> str:
    return _view(book, state, card).choices[i].cost


@pytest.mark.parametrize("persona", ["student", "teacher"])
def test_a_choice_pays_for_nothing_its_card_never_mentions(book: Book, persona: str) -> None:
    """A choice that pays a "deposit" is on a card that speaks of one (the SIM card once did not)."""
    state, _ = new_game(book, persona, 1, 30)
    for card in book.scenario.cards:
        if card.personas != [persona]:
            continue
        view = _view(book, state, card.id)
        for choice in view.choices:
            if "deposit" in choice.text:
                assert "deposit" in view.text, (card.id, choice.text)


def test_keeping_the_old_phone_plan_costs_what_the_card_says(book: Book) -> None:
    state, _ = new_game(book, "student", 1, 30)
    view = _view(book, state, "uni_new_sim")
    keep = view.choices[1]
    assert keep.cost == "Money 100" and "100 yuan" in view.text and "100 yuan" in keep.text
    assert "deposit" not in keep.text


# ------------------------------------------------------------------ the student lives in a dorm, and leaves on the last day


def test_the_students_own_cards_speak_of_a_dorm_not_a_home_or_a_downstairs(book: Book) -> None:
    state, _ = new_game(book, "student", 1, 30)
    for card in book.scenario.cards:
        if card.personas != ["student"]:
            continue
        view = _view(book, state, card.id)
        words = " ".join([view.text, *(c.text for c in view.choices)])
        for phrase in ("at home", "stay home", "downstairs", "Director Hu", "Haoran", "the people at home"):
            assert phrase not in words, (card.id, phrase)


def test_the_station_is_the_morning_of_the_ticket_not_a_week_before(book: Book) -> None:
    station = book.card_by_id["uni_station"]
    for days in (14, 30):
        state, _ = new_game(book, "student", 1, days)
        state.vals["ticket_home"] = True
        open_days = [d for d in range(1, days + 1) if station.when({**state.vals, "day": d})]
        assert open_days == [days], (days, open_days)
    dealt = 0
    for seed in range(40):
        played = play(book, "student", seed, "cautious", 14)
        if "uni_station" in played.state.last_drawn:
            dealt += 1
            assert played.state.last_drawn["uni_station"] == 14
    assert dealt, "no season reached the station: the test saw nothing"
