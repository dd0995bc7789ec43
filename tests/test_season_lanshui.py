"""Seasons of the default city: lengths, moments, no repeats, stories that check their facts, words for the
person playing, and evidence that wins appeals. Each kind of contradiction from issue 11 is pinned here."""

from __future__ import annotations

import pytest

from game.engine.actions import Appeal, Rest
from game.engine.book import Book
from game.engine.events import GateOpened, Story
from game.engine.season import play
from game.engine.state import State
from game.engine.turn import available, gate_status, new_game, step
from game.model.opacity import Opacity
from game.report.debrief import build_debrief
from game.report.notices import notices
from game.report.view import card_view, dossier_view
from tests.lanshui_city import choose, lanshui_book, with_card


@pytest.fixture(scope="module")
def book() -> Book:
    return lanshui_book()


def _days_pass(book: Book, state: State, n: int) -> State:
    for _ in range(n):
        state, _ = step(book, state, Rest())
    return state


# ------------------------------------------------------------------ lengths and moments


def test_the_city_names_a_short_and_a_full_season(book: Book) -> None:
    assert book.season_days("short") == 14 and book.season_days("full") == 30 == book.days


def test_gates_open_at_the_same_point_of_any_season(book: Book) -> None:
    for days in (14, 20, 30):
        state, _ = new_game(book, "rider", 1, days)
        opens = state.vals["school_admissions"]
        assert opens == days * 2 // 3 + 1
        assert days - opens >= 4, "a short season still leaves days to try the school"


@pytest.mark.parametrize("persona", ["rider", "stall", "student", "teacher"])
def test_the_player_is_told_on_the_day_a_wanted_gate_opens(book: Book, persona: str) -> None:
    played = play(book, persona, 3, "cautious", 14, keep_events=True)
    opened = [e.gate for events in played.events for e in events if isinstance(e, GateOpened)]
    wanted = book.personas[persona].gates
    assert opened and set(opened) <= set(wanted)
    lines = notices(book, [GateOpened(opened[0])], Opacity.opaque)
    assert lines and "Open to you from today" in lines[0]


def test_the_intro_names_the_seasons_own_length(book: Book) -> None:
    short, _ = new_game(book, "rider", 1, 14)
    full, _ = new_game(book, "rider", 1, 30)
    intro = book.scenario.scenario.intro or ""
    assert "two weeks away" in book.words("intro", intro, short.vals)
    assert "a month away" in book.words("intro", intro, full.vals)


@pytest.mark.parametrize("persona", ["rider", "stall", "student", "teacher"])
def test_no_card_is_dealt_twice_in_a_short_season_nor_three_times_in_a_full_one(book: Book, persona: str) -> None:
    recurring = {c.id for c in book.scenario.cards if c.recurring}
    for policy in ("random", "score-first", "values-first"):
        for seed in range(6):
            for days, most in ((14, 1), (30, 2)):
                drawn = play(book, persona, seed, policy, days).state.drawn
                over = {c: n for c, n in drawn.items() if n > most and c not in recurring}
                assert not over, (persona, policy, seed, days, over)


# ------------------------------------------------------------------ the story checks its facts


def _teacher(book: Book) -> State:
    state, _ = new_game(book, "teacher", 5, 30)
    return state


def test_a_lifted_listing_is_not_punished_or_told_as_if_it_stood(book: Book) -> None:
    state = _teacher(book)
    state, _ = choose(book, state, "gran_peng_debt", "pay")
    state = _days_pass(book, state, 3)  # the court takes its days
    assert not state.vals["son_listed"]
    view = card_view(book, with_card(state, "gran_peng_door"), Opacity.transparent)
    assert view is not None and "Since the court listed him" not in view.text and "off the court's list" in view.text
    after, events = choose(book, state, "gran_peng_door", "stay")
    assert "sheltering_defaulter" not in after.fired
    # …while a listed son still brings the rule down on the household
    listed, _ = choose(book, _teacher(book), "gran_peng_door", "stay")
    assert listed.fired.get("sheltering_defaulter") == 1


def test_a_teaching_is_remembered(book: Book) -> None:
    state = _teacher(book)
    before = card_view(book, with_card(state, "gran_mrs_fang"), Opacity.partial)
    assert before is not None and "can't make her phone pay" in before.text
    state, _ = choose(book, state, "gran_mrs_fang", "teach")
    again = card_view(book, with_card(state, "gran_mrs_fang"), Opacity.partial)
    assert again is not None and "can't make her phone pay" not in again.text and "herself" in again.text


@pytest.mark.parametrize(("persona", "ending", "flag", "phrase"), [
    ("stall", "end_stall_regulars", "signed_lane_letter", "signed its letter together"),
    ("teacher", "end_teacher_yucai", "typed_neighbours", "typed into the tablet"),
    ("rider", "end_rider_home", "went_recital", "recital"),
    ("stall", "end_stall_both", "reported_zhang", "reporting Zhang"),
])
def test_an_ending_tells_an_event_only_if_it_happened(book: Book, persona: str, ending: str, flag: str,
                                                      phrase: str) -> None:
    state, _ = new_game(book, persona, 1, 14)
    text = book.ending_info[ending].text
    assert phrase not in book.words(f"ending:{ending}", text, state.vals)
    state.vals[flag] = True
    assert phrase in book.words(f"ending:{ending}", text, state.vals)


def test_the_debrief_tells_the_ending_in_its_variant(book: Book) -> None:
    state, _ = new_game(book, "stall", 1, 14)
    state.over, state.ending = True, "end_stall_regulars"
    assert "signed its letter" not in build_debrief(book, state, Opacity.partial).ending_text


# ------------------------------------------------------------------ words for the person playing


@pytest.mark.parametrize(("persona", "card", "absent", "present"), [
    ("rider", "c_overtime", "nowhere to be", "Xiaomei"),
    ("stall", "c_overtime", "nowhere to be", "shutter"),
    ("student", "c_dog_report", "downstairs neighbour", "campus"),
    ("student", "c_fire_lane_bikes", "Director Hu", "dorm"),
    ("rider", "c_dead_phone", "bus home", "orders"),
    ("student", "c_red_man", "waiting for you at home", "dorm"),
    ("teacher", "c_lost_wallet", "about your age", "young enough to be your son"),
    ("teacher", "c_census", "sofa", "nephew"),
])
def test_a_shared_card_speaks_to_the_persona(book: Book, persona: str, card: str, absent: str, present: str) -> None:
    state, _ = new_game(book, persona, 1, 30)
    view = card_view(book, with_card(state, card), Opacity.partial)
    assert view is not None and absent not in view.text and present in view.text


def test_the_teasing_for_leaving_the_game_early_fits_who_is_teased(book: Book) -> None:
    words = {}
    for persona in ("rider", "stall", "student"):
        state, _ = new_game(book, persona, 1, 30)
        _, events = choose(book, state, "c_game_night", "one_match")
        words[persona] = " ".join(e.text for e in events if isinstance(e, Story))
    assert "lightweight" in words["student"] and "Old Man Ma" in words["rider"] and "Big Sister Liu" in words["stall"]
    assert not any(w in " ".join(words.values()) for w in ("Grandma", "Auntie"))
    teacher = _teacher(book)
    assert not book.card_by_id["c_game_night"].when(teacher.vals)


def test_the_rider_is_not_dealt_the_bus_cards(book: Book) -> None:
    state, _ = new_game(book, "rider", 1, 30)
    for card in ("c_bus_backdoor", "c_bike_deposit"):
        assert not book.card_by_id[card].when(state.vals)


def test_the_card_clerk_says_nearly_there_only_when_it_is_so(book: Book) -> None:
    state = _teacher(book)
    far = gate_status(book, state, "honour_card")
    assert far.refusal is not None and "nearly there" not in far.refusal and "Auntie" not in far.refusal
    state.vals["civic"] = 1020
    near = gate_status(book, state, "honour_card")
    assert near.refusal is not None and "nearly there" in near.refusal and "Teacher Sun" in near.refusal


# ------------------------------------------------------------------ a wrong record is wrong because the story says so


def _appeal_last(book: Book, state: State, kind: str) -> tuple[State, list]:
    rec = next(r for r in reversed(state.records) if r.kind == kind)
    return step(book, state, Appeal(rec.no))


@pytest.mark.parametrize(("persona", "card", "choice", "kind", "evidence"), [
    ("rider", "c_face_match", "keep_receipt", "jaywalking", "order log"),
    ("stall", "stall_false_review", "reply", "food_complaint", "blue bowls"),
    ("student", "c_bank_error", "phone", "gas_overdue", "bank receipt"),
    ("teacher", "c_bank_error", "phone", "gas_overdue", "bank receipt"),
])
def test_evidence_the_player_kept_wins_the_appeal(book: Book, persona: str, card: str, choice: str, kind: str,
                                                 evidence: str) -> None:
    won = 0
    for seed in range(10):
        state, _ = new_game(book, persona, seed, 30)
        state.vals["energy"] = 10
        state, _ = choose(book, state, card, choice)
        state = _days_pass(book, state, 2)
        rec = next(r for r in state.records if r.kind == kind)
        assert not rec.true and rec.error_known, "the card said the record is false, so it is"
        view = next(v for v in dossier_view(book, state, Opacity.partial) if v.no == rec.no)
        assert view.evidence and evidence in view.evidence
        state.vals["energy"] = 10
        after, events = _appeal_last(book, state, kind)
        decided = next(e for e in events if type(e).__name__ == "AppealDecided")
        assert decided.evidence and decided.chance >= 0.9
        won += decided.won
        wrong = build_debrief(book, after, Opacity.partial).wrong
        assert any(w.evidence and evidence in w.evidence for w in wrong)
    assert won >= 8


def test_without_evidence_the_false_review_is_still_wrong_but_a_harder_appeal(book: Book) -> None:
    state, _ = new_game(book, "stall", 2, 30)
    state, _ = choose(book, state, "stall_false_review", "ignore")
    rec = next(r for r in state.records if r.kind == "food_complaint")
    assert not rec.true
    after, events = _appeal_last(book, state, "food_complaint")
    decided = next(e for e in events if type(e).__name__ == "AppealDecided")
    assert decided.evidence is None and decided.chance == book.appeal.chance
    assert "No record in your dossier was wrong" not in "\n".join(
        w.text for w in build_debrief(book, after, Opacity.partial).wrong)


def test_the_choices_of_a_card_stay_reachable(book: Book) -> None:
    state, _ = new_game(book, "rider", 1, 14)
    assert available(book, state)


def test_the_gas_receipt_speaks_for_the_gas_bill_only_not_a_late_electricity_bill(book: Book) -> None:
    import dataclasses

    from game.engine.turn import evidence_for

    state, _ = new_game(book, "teacher", 3, 30)
    state.vals["energy"] = 10
    state, _ = choose(book, state, "c_bank_error", "phone")
    state = _days_pass(book, state, 2)
    gas = next(r for r in state.records if r.kind == "gas_overdue")
    assert evidence_for(book, state, gas) is not None
    electricity = dataclasses.replace(gas, kind="late_payment", true=True, error_known=False)
    assert evidence_for(book, state, electricity) is None


def test_an_appeal_says_what_it_stakes_before_the_player_agrees(book: Book) -> None:
    from game.report.view import appeal_terms

    state, _ = new_game(book, "teacher", 3, 30)
    state.vals["energy"] = 10
    state, _ = choose(book, state, "c_bank_error", "phone")
    state = _days_pass(book, state, 2)
    gas = next(r for r in state.records if r.kind == "gas_overdue")
    partial = appeal_terms(book, state, gas.no, Opacity.partial)
    assert partial == "An appeal costs Energy 2, and a clerk decides. If it is turned down: Stress +2."
    transparent = appeal_terms(book, state, gas.no, Opacity.transparent)
    assert transparent.endswith("The rulebook: an appeal with your evidence wins 95% of the time if the record "
                                "is wrong, 8% if it is true.")


def test_a_student_keeps_sunday_for_a_call_home_not_for_people_at_home(book: Book) -> None:
    state, _ = new_game(book, "student", 1, 30)
    view = card_view(book, with_card(state, "c_overtime"), Opacity.partial)
    assert view is not None and view.choices[1].text == "Keep Sunday for the long video call home."


def test_a_gate_a_rule_has_closed_is_never_announced_as_open_and_is_once_the_rule_lets_go(book: Book) -> None:
    from game.engine.season import replay

    closed_seen = 0
    for persona in ("student", "teacher"):
        for seed in range(1, 31):
            state, _ = new_game(book, persona, seed, 30)
            for taken in replay(book, state, policy="random"):
                for e in taken.events:
                    if isinstance(e, GateOpened):
                        override = taken.after.gate_overrides.get(e.gate)
                        assert override is None or override.action != "close", (persona, seed, e.gate)
                closed_seen += sum(o.action == "close" for o in taken.after.gate_overrides.values())
    assert closed_seen, "no season closed a gate: the test saw nothing"


def test_a_delayed_effect_due_after_the_last_day_says_it_never_lands(book: Book) -> None:
    from game.engine.events import RuleFired

    late = []
    for seed in range(1, 41):
        played = play(book, "student", seed, "values-first", 14, keep_events=True)
        late += [e for events in played.events for e in events if isinstance(e, RuleFired) and e.due > 14]
    assert late and all(e.after_season for e in late)
    line = notices(book, [late[0]], Opacity.transparent)[0]
    assert "after the season ends" in line and f"day {late[0].due}" in line


def test_the_transcript_ends_with_the_ending_in_the_words_of_this_season(book: Book) -> None:
    from game.report.transcript import footer

    varied = 0
    for persona in ("stall", "teacher"):
        for seed in range(1, 41):
            state = play(book, persona, seed, "random", 14).state
            ending = book.ending_info[state.ending]
            words = book.words(f"ending:{ending.id}", ending.text, state.vals)
            shown = " ".join(" ".join(footer(book, state)).split())
            assert " ".join(words.split()) in shown
            varied += words != ending.text
    assert varied, "no season ended in a variant: the test saw nothing"


def _seasons(book: Book, runs: int = 24):
    """Seasons of every persona at both lengths, under a random and a values-first player, with their events."""
    for persona in ("rider", "stall", "student", "teacher"):
        for days in (14, 30):
            for policy in ("random", "values-first"):
                for seed in range(1, runs + 1):
                    yield persona, days, play(book, persona, seed, policy, days, keep_events=True)


@pytest.fixture(scope="module")
def seasons(book: Book) -> list:
    return list(_seasons(book))


def _met(played) -> dict[str, list[int]]:  # noqa: ANN001 - a Played season
    """Card → the days it was on the table: answered, or set aside by a rest."""
    from game.engine.events import Chose, DayStarted, Rested

    met: dict[str, list[int]] = {}
    day = 0
    for events in played.events:
        for e in events:
            if isinstance(e, DayStarted):
                day = e.day
            elif isinstance(e, Chose):
                met.setdefault(e.card, []).append(day)
            elif isinstance(e, Rested):
                for card in e.set_aside:
                    met.setdefault(card, []).append(day)
    return met


ONE_OFF = ("c_lost_wallet", "c_screen_shame", "c_metro_faces", "c_dog_report", "c_civilised_city",
           "c_refund_fight", "c_gift_shopping", "c_blood_bus")


def test_a_one_off_story_happens_once_a_season_and_a_weekend_offer_falls_inside_it(book: Book, seasons: list) -> None:
    for persona, days, played in seasons:
        dealt = _met(played)
        for card in ONE_OFF:
            assert len(dealt.get(card, [])) <= 1, (persona, days, card, dealt[card])
        for d in dealt.get("c_civilised_city", []):  # "the inspectors arrive on Saturday": day % 7 == 6
            assert d + (6 - d % 7) % 7 <= days
        for d in dealt.get("c_overtime", []):  # "an extra day on Sunday": day % 7 == 0
            assert d + (7 - d % 7) % 7 <= days
        assert "c_blood_bus" not in dealt or persona != "teacher"  # donors stop at sixty


def test_lotuspay_lends_to_nobody_it_has_passed_to_collections_and_asks_back_what_it_lent(book: Book) -> None:
    from game.engine.events import Chose
    from game.engine.season import replay

    repaid_small = lent_after_collections = 0
    for persona in ("rider", "stall", "student", "teacher"):
        for seed in range(1, 31):
            state, _ = new_game(book, persona, seed, 30)
            before, lent = state, 0
            for taken in replay(book, state, policy="random"):
                for e in (e for e in taken.events if isinstance(e, Chose)):
                    if (e.card, e.choice) in {("c_broke", "borrow"), ("c_instant_loan", "borrow")}:
                        # a record of collections on file (not struck out by an appeal) closes LotusPay's purse
                        assert "overdue" not in before.vals["record"], (persona, seed, e.card)
                        lent = 500 if e.card == "c_broke" else 1000
                    if (e.card, e.choice) == ("stall_flour_order", "later"):
                        lent = 1000  # the month's flour on pay-later
                    if e.card in ("c_repay_lotus", "c_repay_small"):
                        assert (e.card == "c_repay_small") == (lent == 500), (persona, seed, e.card, lent)
                        repaid_small += e.card == "c_repay_small"
                    lent_after_collections += e.card == "c_instant_loan" and "overdue" in before.vals["record"]
                before = taken.after
    assert repaid_small, "no season borrowed from the bottom of the wallet: the test saw nothing"
    assert lent_after_collections == 0


def test_an_ending_tells_only_what_this_season_held(book: Book, seasons: list) -> None:
    from game.engine.events import GateTried

    checked = 0
    for persona, days, played in seasons:
        state = played.state
        words = book.words(f"ending:{state.ending}", book.ending_info[state.ending].text, state.vals)
        tried = {e.result.gate: e.result.open for events in played.events for e in events if isinstance(e, GateTried)}
        dealt = set(_met(played))
        refused = any(not opened for opened in tried.values())
        if state.ending == "end_ordinary":
            assert ("doors you pushed" in words) == refused, (persona, days)
            checked += 1
        if state.ending == "end_stall_regulars":
            assert ("screen wanted a number" in words) == (tried.get("microloan") is False), (persona, days)
            assert "clearance" not in words or "stall_demolition" in dealt, (persona, days)
            checked += 1
        if state.ending == "end_stall_loan" and state.vals["friends"] >= 7:
            assert "now pay by phone" not in words
    assert checked > 20


def test_a_ticket_refused_for_the_fare_does_not_point_to_a_court(book: Book) -> None:
    state, _ = new_game(book, "student", 1, 14)
    for gate in ("train_ticket", "flight_home"):
        state.vals["money"] = 10  # the fare is out of reach; the ID is clean
        result = gate_status(book, state, gate)
        assert result.refusal is not None and "court" not in result.refusal, (gate, result.refusal)


def test_the_water_group_offers_a_post_only_after_the_interview(book: Book, seasons: list) -> None:
    from game.engine.events import Chose, GateTried

    offers = 0
    for persona, days, played in seasons:
        if persona != "student":
            continue
        interviewed = False
        for events in played.events:
            for e in events:
                if isinstance(e, Chose) and e.card == "uni_interview":
                    interviewed = True
                if isinstance(e, GateTried) and e.result.gate == "graduate_job":
                    assert interviewed, (days, "an offer before any interview")
                    offers += e.result.open
    assert offers, "no student season reached the Water Group: the test saw nothing"


def test_a_rest_names_only_the_card_on_the_table_and_a_quoted_rule_ends_its_sentence(book: Book) -> None:
    from game.engine.events import Rested
    from game.report.notices import sentence

    line = notices(book, [Rested(("c_blood_bus", "c_rubbish", "c_petition"))], Opacity.partial)[0]
    assert line == "You rest for the rest of the day. Set aside: The blood bus, and 2 cards you had not turned over."
    assert "1 card you" in notices(book, [Rested(("c_blood_bus", "c_rubbish"))], Opacity.partial)[0]
    assert sentence('closed by the rule "Key supervision"') == 'Closed by the rule "Key supervision".'
    assert sentence('"We regret."') == '"We regret."'


def test_the_log_names_a_choice_as_the_player_read_it(book: Book) -> None:
    from game.report.view import log_lines

    state, _ = new_game(book, "student", 1, 14)
    _, events = choose(book, state, "c_credit_night", "dinner")
    lines = log_lines(book, events, Opacity.partial)
    assert lines[0] == "▶ Credit Knowledge Night: Skip it and video-call home over dinner."


def test_the_goals_panel_ticks_a_goal_that_holds_now(book: Book) -> None:
    from game.report.view import goals_view

    state, _ = new_game(book, "stall", 1, 14)
    state.vals["friends"] = 6
    assert [g.met for g in goals_view(book, state)] == [False, False, False]
    state.vals["friends"], state.vals["loan_granted"] = 7, True
    assert [g.met for g in goals_view(book, state)] == [True, False, True]
