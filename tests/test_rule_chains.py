"""Rules that set each other off: the engine's cut-off, the warning `validate` gives for a loop, and
condition rules (no `on`) that arm at the end of a day, fire once, and arm again only after letting go."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import tiny_scenario

from game.cli import run
from game.content.checks import scenario_warnings
from game.engine.actions import Choose, Rest
from game.engine.book import Book
from game.engine.events import FactEmitted, RuleFired
from game.engine.state import State
from game.engine.turn import MAX_CHAIN, new_game, step


def rule(rule_id: str, **fields: Any) -> dict[str, Any]:
    return {"id": rule_id, "name": rule_id.title(), "source": "city", "basis": "invented",
            "source_note": "A test rule.", "category": "test", "reason": "Because.", **fields}


def city(rules: list[dict[str, Any]], first_fact: str = "ping", days: int = 5) -> dict[str, Any]:
    data = tiny_scenario()
    data["calendar"]["days"] = days
    data["cards"] = [{"id": "start", "title": "A start", "text": "Something begins.", "cooldown": 0,
                      "choices": [{"id": "go", "text": "Begin.", "outcome": {"facts": [first_fact]}},
                                  {"id": "wait", "text": "Wait."}]}]
    data["rules"] = [*rules, rule("fine", on=["fare_evasion"], set=["fined"])]  # keeps the base city's flag set
    data["cards"][0]["choices"][1]["outcome"] = {"facts": ["fare_evasion"]}
    return data


def go(book: Book, state: State) -> tuple[State, list]:
    return step(book, state, Choose(0))


# ------------------------------------------------------------------ the cut-off


def test_a_rule_that_sets_itself_off_is_cut_after_max_chain_steps(make_city: Callable[..., Book]) -> None:
    book = make_city(city([rule("echo", on=["ping"], facts=["ping"], scores={"civic": -1})]))
    state, _ = new_game(book, "resident", 1)
    after, events = go(book, state)
    fired = [e for e in events if isinstance(e, RuleFired)]
    assert len(fired) == MAX_CHAIN + 1 == after.fired["echo"]  # the first firing and MAX_CHAIN more
    assert sum(isinstance(e, FactEmitted) and e.fact == "ping" for e in events) == MAX_CHAIN + 1
    assert after.vals["civic"] == state.vals["civic"] - (MAX_CHAIN + 1)
    # the next cascade starts afresh: the cut-off is per chain, not per season
    again, _ = go(book, after)
    assert again.fired["echo"] == 2 * (MAX_CHAIN + 1)


def test_two_rules_that_set_each_other_off_share_the_cut_off(make_city: Callable[..., Book]) -> None:
    book = make_city(city([rule("tick", on=["ping"], facts=["pong"], scores={"civic": -1}),
                           rule("tock", on=["pong"], facts=["ping"], scores={"civic": -1})]))
    after, events = go(book, new_game(book, "resident", 1)[0])
    order = [e.rule for e in events if isinstance(e, RuleFired)]
    assert order == [("tick", "tock")[i % 2] for i in range(MAX_CHAIN + 1)]


def test_a_chain_shorter_than_the_cut_off_runs_to_its_end(make_city: Callable[..., Book]) -> None:
    names = [f"r{i}" for i in range(MAX_CHAIN)]
    rules = [rule(n, on=[f"f{i}"], facts=[f"f{i + 1}"] if i + 1 < len(names) else [], scores={"civic": -1})
             for i, n in enumerate(names)]
    book = make_city(city(rules, first_fact="f0"))
    _, events = go(book, new_game(book, "resident", 1)[0])
    assert [e.rule for e in events if isinstance(e, RuleFired)] == names


def test_a_once_rule_fires_once_whatever_sets_it_off(make_city: Callable[..., Book]) -> None:
    book = make_city(city([rule("echo", on=["ping"], facts=["ping"], once=True, scores={"civic": -1})]))
    state, _ = new_game(book, "resident", 1)
    state, _ = go(book, state)
    state, _ = go(book, state)
    assert state.fired["echo"] == 1


def test_a_delayed_loop_goes_on_day_after_day(make_city: Callable[..., Book]) -> None:
    book = make_city(city([rule("reminder", on=["ping"], facts=["ping"], delay=1, scores={"civic": -1})], days=6))
    state, _ = new_game(book, "resident", 1)
    state, _ = go(book, state)  # fires on day 1, lands on day 2, fires again, lands on day 3…
    while not state.over:
        state, _ = step(book, state, Rest())
    assert state.fired["reminder"] == 6  # once a day, days 1 to 6; never a runaway chain


# ------------------------------------------------------------------ the warning


@pytest.mark.parametrize(("rules", "fact", "expected"), [
    ([rule("echo", on=["ping"], facts=["ping"], scores={"civic": -1})], "ping",
     "rule `echo` sets itself off in a loop: `echo` (fact `ping`) → `echo`; once set off the engine cuts the "
     f"chain after {MAX_CHAIN + 1} rules in a row, unless a `when` stops it — make one of them `once`, or end the chain"),
    ([rule("tick", on=["ping"], facts=["pong"], scores={"civic": -1}),
      rule("tock", on=["pong"], facts=["ping"], scores={"civic": -1})], "pong",
     "rule `tick` and other rules set each other off in a loop: `tick` (fact `pong`) → `tock` (fact `ping`) → "
     f"`tick`; once set off the engine cuts the chain after {MAX_CHAIN + 1} rules in a row, unless a `when` stops "
     "it — make one of them `once`, or end the chain"),
    ([rule("reminder", on=["ping"], facts=["ping"], delay=2, scores={"civic": -1})], "ping",
     "rule `reminder` sets itself off in a loop: `reminder` (fact `ping`) → `reminder`; once set off it fires "
     "again after each delay for the rest of the season (`reminder` waits), unless a `when` stops it — make one "
     "of them `once`, or end the chain"),
])
def test_validate_warns_of_rules_in_a_loop(write_city: Callable[..., Path], rules: list[dict[str, Any]], fact: str,
                                          expected: str) -> None:
    folder = write_city(city(rules))
    warnings = scenario_warnings(folder)
    assert [w.message for w in warnings] == [expected]
    # at the fact in the first rule's `facts` that goes round
    lines = (folder / "scenario.yaml").read_text(encoding="utf-8").splitlines()
    assert lines[warnings[0].line - 1].strip() == f'"{fact}"'
    assert lines[warnings[0].line - 2].strip() == '"facts": ['


@pytest.mark.parametrize("rules", [
    [rule("echo", on=["ping"], facts=["ping"], once=True, scores={"civic": -1})],  # once breaks it
    [rule("a", on=["ping"], facts=["pong"], scores={"civic": -1}),
     rule("b", on=["pong"], scores={"civic": -1})],  # a chain, not a loop
    [rule("a", on=["ping"], facts=["pong"], scores={"civic": -1}),
     rule("b", on=["pong"], facts=["ping"], once=True, scores={"civic": -1})],
])
def test_no_warning_without_a_loop(write_city: Callable[..., Path], rules: list[dict[str, Any]]) -> None:
    assert scenario_warnings(write_city(city(rules))) == []


def test_the_shipped_cities_have_no_loop() -> None:
    root = Path(__file__).resolve().parents[1]
    for folder in (root / "tests" / "scenarios" / "good", root / "scenarios" / "lanshui"):
        assert scenario_warnings(folder) == [], folder


def test_validate_prints_the_warning_and_still_exits_0(write_city: Callable[..., Path],
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    folder = write_city(city([rule("echo", on=["ping"], facts=["ping"], scores={"civic": -1})]))
    assert run(["validate", str(folder)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 2 and ": warning: rule `echo` sets itself off in a loop" in out[0]
    assert out[0].startswith(f"{folder / 'scenario.yaml'}:") and out[1].endswith(": 1 cards, 2 rules, 1 gates, "
                                                                             "1 personas, 2 endings, 1 scores, 0 prompts")
    assert run(["validate", "--json", str(folder)]) == 0
    entry = json.loads(capsys.readouterr().out)["scenarios"][0]
    assert entry["ok"] is True and entry["problems"] == []
    assert [w["message"].split(":")[0] for w in entry["warnings"]] == ["rule `echo` sets itself off in a loop"]


# ------------------------------------------------------------------ condition rules arm


def watched(make_city: Callable[..., Book], **fields: Any) -> Book:
    return make_city(city([rule("broke", when="money < 10", scores={"civic": -10}, **fields)], days=8))


def end_day_with(book: Book, state: State, money: int) -> State:
    """Set the money, then end the day (a rest), as if the day had left it there."""
    state = state.copy()
    state.vals["money"] = money
    after, _ = step(book, state, Rest())
    return after


def test_a_condition_rule_fires_when_its_condition_comes_to_hold_and_not_again_while_it_holds(
        make_city: Callable[..., Book]) -> None:
    book = watched(make_city)
    state, _ = new_game(book, "resident", 1)
    fired = []
    for money in (50, 5, 5, 5, 50, 50, 5, 5):  # the money at the end of each day
        state = end_day_with(book, state, money)
        fired.append(state.fired.get("broke", 0))
    assert fired == [0, 1, 1, 1, 1, 1, 2, 2]  # armed on day 2; let go on day 5; again on day 7
    assert state.over


def test_a_condition_rule_is_armed_at_the_end_of_the_day_not_before(make_city: Callable[..., Book]) -> None:
    book = watched(make_city)
    state, _ = new_game(book, "resident", 1)
    state.vals["money"] = 5
    after, events = step(book, state, Choose(0))  # the day's one card: the day ends with the answer
    assert after.fired.get("broke") == 1 and "broke" in after.armed
    kinds = [e.rule if isinstance(e, RuleFired) else type(e).__name__ for e in events]
    assert kinds.index("Chose") < kinds.index("broke") < kinds.index("DayEnded")
    still = end_day_with(book, after, 5)
    assert still.fired["broke"] == 1 and "broke" in still.armed
    let_go = end_day_with(book, still, 50)
    assert "broke" not in let_go.armed


def test_a_once_condition_rule_never_fires_twice(make_city: Callable[..., Book]) -> None:
    book = watched(make_city, once=True)
    state, _ = new_game(book, "resident", 1)
    for money in (5, 50, 5, 50, 5):
        state = end_day_with(book, state, money)
    assert state.fired["broke"] == 1
