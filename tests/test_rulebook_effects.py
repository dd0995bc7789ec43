"""Transparent means the numbers: every rule in the rulebook says what it does, worked out from the rule as
written — its scores and stats, the doors it opens or closes, the record it files."""

from __future__ import annotations

from pathlib import Path

from game.content.city import open_city
from game.engine.turn import new_game
from game.model.opacity import Opacity
from game.report.view import rulebook_view

CITY = Path(__file__).resolve().parents[1] / "scenarios" / "lanshui"


def test_every_rule_of_the_default_city_says_what_it_does_in_transparent_play() -> None:
    book = open_city(CITY).book
    state, _ = new_game(book, "stall", 1)
    rules = {r.id: r for r in rulebook_view(book, state, Opacity.transparent)}
    assert set(rules) == set(book.rule_info)
    assert not [rid for rid, r in rules.items() if not r.changes]
    scenario = book.scenario
    for rule in scenario.rules:
        shown = rules[rule.id].changes
        for gate in rule.gates:  # a door a rule closes is named by its name
            assert book.gate_info[gate].name in shown, (rule.id, shown)
        if rule.record is not None:
            assert rule.record.text in shown, (rule.id, shown)
        for stat in rule.stats:
            assert book.stat_names[stat] in shown, (rule.id, shown)
    assert all(r.changes == "" for r in rulebook_view(book, state, Opacity.partial))


def test_the_rulebook_lists_what_happened_by_itself_this_season_and_nothing_else() -> None:
    from lanshui_city import lanshui_book

    from game.engine.events import Routine
    from game.engine.season import play
    from game.report.view import routines_view

    book = lanshui_book()
    played = play(book, "rider", 4, "random", keep_events=True)
    counted: dict[str, int] = {}
    for events in played.events:  # counted here from the events, not by the view's code
        for e in events:
            if isinstance(e, Routine):
                counted[e.id] = counted.get(e.id, 0) + 1
    shown = routines_view(book, played.events)
    texts = {r.text: r.days for r in shown}
    assert texts["A night's sleep."] == counted["sleep"] == played.state.days
    assert not any("Haoran" in t for t in texts)  # the teacher's grandson never appears in a rider's season
    assert sum(texts.values()) == sum(counted.values())
    sleep = next(r for r in shown if r.text == "A night's sleep.")
    assert sleep.changes.startswith("Energy +")
