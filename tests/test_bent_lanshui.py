"""Choices the score bent, labelled by hand on the default city's cards.

A room argues with a count that calls paying a bus fare "bent". Each line below is a choice
taken over the one its persona's cares prefer, labelled by reading the card as a player:
is this giving up something the person cares about to keep a score? The debrief's reading
(`game.engine.predict.bent`) must agree with every label.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from game.content.city import open_city
from game.engine.predict import bent
from game.engine.turn import new_game

CITY = Path(__file__).resolve().parents[1] / "scenarios" / "lanshui"

LABELS = [
    # persona, card, the choice taken, the choice the persona's cares prefer, a real trade?
    ("teacher", "c_bus_backdoor", "pay_front", "back_door", False),  # paying the fare
    ("student", "c_bus_backdoor", "pay_front", "back_door", False),
    ("teacher", "c_rubbish", "sort", "drop", False),  # sorting the rubbish, a little late
    ("rider", "c_rubbish", "sort", "drop", False),
    ("stall", "c_rubbish", "sort", "drop", False),
    ("teacher", "c_metro_faces", "walk_her", "film", False),  # walking a stranger to the bus stop
    ("stall", "c_metro_faces", "walk_her", "film", False),
    ("teacher", "c_electric_bill", "pay", "later", False),  # paying a bill on time
    ("stall", "c_electric_bill", "pay", "later", False),
    ("rider", "c_red_man", "wait", "cross", True),  # a cold dinner and a cold welcome, for the camera
    ("teacher", "gran_peng_door", "guesthouse", "stay", True),  # a brother sent to a guesthouse
    ("teacher", "c_old_gao", "busy", "vouch", True),  # not vouching for an old friend
    ("rider", "ride_recital", "ride", "go", True),  # a daughter's first recital, for the acceptance rate
    ("rider", "ride_night_shift", "neighbour", "stay_home", True),
    ("student", "uni_sit_in", "mute", "join", True),  # staying out of the sit-in
    ("teacher", "gran_tablet", "accurate", "kind", True),  # typing the neighbours' faults into the tablet
    ("teacher", "c_census", "list_him", "leave_off", True),
]


@pytest.fixture(scope="module")
def book():  # noqa: ANN201 - the default city's book
    return open_city(CITY).book


@pytest.mark.parametrize(("persona", "card", "took", "preferred", "real"), LABELS,
                         ids=[f"{p}-{c}-{t}" for p, c, t, _, _ in LABELS])
def test_the_debrief_counts_only_real_trades_as_bent(book, persona: str, card: str, took: str,  # noqa: ANN001
                                                      preferred: str, real: bool) -> None:
    state, _ = new_game(book, persona, 1)
    options = {c.id: c for c in book.card_by_id[card].choices}
    assert bent(book, state, options[took], options[preferred]) is real
