"""What `validate` warns an author of: score changes that can never land, gates that can never open.

Each warning names the file, line and column of the place to look, and the scenario still loads
(exit 0). The default city withholds two changes on purpose and says so with `withheld`.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import tiny_scenario
from hypothesis import given, settings
from hypothesis import strategies as st

from game.cli import run
from game.content.checks import scenario_warnings
from game.content.loader import check
from game.model.condition import T, Var, compile_condition, decide

REPO = Path(__file__).resolve().parent.parent


def rule(rule_id: str, **fields: Any) -> dict[str, Any]:
    return {"id": rule_id, "name": rule_id.title(), "basis": "invented", "source_note": "A test rule.",
            "category": "test", "reason": "Because.", "on": ["fare_evasion"], **fields}


def with_rule(**fields: Any) -> dict[str, Any]:
    data = tiny_scenario()
    data["sources"].append({"id": "app", "name": "ShopApp"})  # shares with nobody
    data["rules"].append(rule("app_report", **fields))
    return data


def line_of(folder: Path, line: int) -> str:
    return (folder / "scenario.yaml").read_text(encoding="utf-8").splitlines()[line - 1].strip()


# ------------------------------------------------------------ changes that never land


def test_a_change_whose_source_does_not_share_with_the_keeper_is_warned_of(write_city: Callable[..., Path]) -> None:
    folder = write_city(with_rule(source="app", scores={"civic": -10}))
    warnings = scenario_warnings(folder)
    assert [w.message for w in warnings] == [
        "rule `app_report`'s change to `civic` can never land: its source `app` does not share with `city`, which "
        "keeps `civic`, so the change is always withheld — add `city` to `app`'s `shares_with`, or list `civic` in "
        "the rule's `withheld` if that is the point"]
    assert line_of(folder, warnings[0].line).startswith('"civic"')  # at the score's key in `scores`


def test_validate_prints_the_warning_and_still_passes(write_city: Callable[..., Path],
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    folder = write_city(with_rule(source="app", scores={"civic": -10}))
    assert run(["validate", str(folder)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 2
    assert out[0].startswith(f"{folder / 'scenario.yaml'}:") and ": warning: rule `app_report`'s change" in out[0]
    assert out[1].endswith("ok — Tiny Town 1.0: 1 cards, 2 rules, 1 gates, 1 personas, 2 endings, 1 scores, 0 prompts")


@pytest.mark.parametrize("fields", [
    {"source": "app", "scores": {"civic": -10}, "withheld": ["civic"]},  # said to be the point
    {"source": "transit", "scores": {"civic": -10}},  # transit shares with the city
    {"source": "city", "scores": {"civic": -10}},  # the keeper itself
])
def test_no_warning_for_a_change_that_lands_or_is_meant_not_to(write_city: Callable[..., Path],
                                                              fields: dict[str, Any]) -> None:
    folder = write_city(with_rule(**fields))
    assert check(folder)[1] == []
    assert scenario_warnings(folder) == []


@pytest.mark.parametrize(("fields", "message"), [
    ({"source": "transit", "scores": {"civic": -10}, "withheld": ["civic"]},
     "`withheld` says the change to `civic` never lands, but `transit` shares with its keeper `city`, so it always "
     "lands: drop it from `withheld`"),
    ({"source": "city", "scores": {"civic": -10}, "withheld": ["civic"]},
     "`withheld` says the change to `civic` never lands, but `city` keeps it, so it always lands: drop it from "
     "`withheld`"),
    ({"source": "app", "stats": {"money": -1}, "withheld": ["civic"]},
     "`withheld` names `civic`, but the rule changes no such score (its scores: none)"),
])
def test_a_wrong_withheld_is_a_problem(write_city: Callable[..., Path], fields: dict[str, Any], message: str) -> None:
    folder = write_city(with_rule(**fields))
    problems = check(folder)[1]
    assert [p.message for p in problems] == [message]
    assert line_of(folder, problems[0].line) == '"civic"'  # at the entry of `withheld`


def test_the_default_city_warns_of_nothing() -> None:
    # Lanshui withholds two civic changes on purpose (LotusPay and the home village share with nobody).
    assert scenario_warnings(REPO / "scenarios" / "lanshui") == []
    rules = {r.id: r for r in check(REPO / "scenarios" / "lanshui")[0].rules}  # type: ignore[union-attr]
    assert rules["dispute_flag"].withheld == ["civic"] and rules["hometown_deed"].withheld == ["civic"]


# ------------------------------------------------------------ gates that never open


def with_gate(gate: dict[str, Any], attributes: list[dict[str, Any]] | None = None,
              personas: list[dict[str, Any]] | None = None, rules: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    data = tiny_scenario()
    data["gates"].append({"id": "loan", "name": "A loan", "refusal": "No.", **gate})
    data["attributes"] = attributes or [{"id": "migrant", "default": False}, {"id": "age", "default": 30}]
    resident = data["personas"][0]
    data["personas"] = [resident, *(personas or [])]
    data["rules"] += rules or []
    return data


VISITOR = {"id": "visitor", "name": "Ana Ruiz", "situation": "You are passing through.",
           "goals": [{"id": "home", "text": "Get home.", "when": "not fined"}], "attributes": {"migrant": True, "age": 70}}


@pytest.mark.parametrize(("gate", "message", "at"), [
    ({"requires": [{"when": "migrant"}]},
     "gate `loan` can never be passed: `migrant` is false for every persona (each persona's id and attributes "
     "decide it)", '"when": "migrant"'),
    ({"shown_when": 'persona != "resident"'},
     "gate `loan` can never be passed: `persona != \"resident\"` is false for every persona (each persona's id and "
     "attributes decide it)", '"shown_when": "persona != \\"resident\\""'),
    ({"requires": [{"when": "False"}]},
     "gate `loan` can never be passed: `False` is false for every persona (each persona's id and attributes "
     "decide it)", '"when": "False"'),
    ({"requires": [{"when": "age > 60 and money > 5"}]},  # the day's money does not save it: age rules it out
     "gate `loan` can never be passed: `age > 60 and money > 5` is false for every persona (each persona's id and "
     "attributes decide it)", '"when": "age > 60 and money > 5"'),
])
def test_a_gate_no_persona_can_pass_is_warned_of(write_city: Callable[..., Path], gate: dict[str, Any],
                                                message: str, at: str) -> None:
    folder = write_city(with_gate(gate))
    warnings = scenario_warnings(folder)
    assert [w.message for w in warnings] == [message]
    assert line_of(folder, warnings[0].line) == at


def test_a_tier_above_the_score_s_highest_is_warned_of(write_city: Callable[..., Path]) -> None:
    data = with_gate({"requires": [{"score": "civic", "tier_at_least": "AAA"}]})
    data["scores"][0]["tiers"].insert(0, {"id": "AAA", "min": 1200})  # the score stops at 1,000
    folder = write_city(data)
    warnings = scenario_warnings(folder)
    assert [w.message for w in warnings] == [
        "gate `loan` can never open: tier AAA of `civic` starts at 1,200, above its highest, 1,000"]
    assert line_of(folder, warnings[0].line) == '"tier_at_least": "AAA"'


def test_each_persona_s_reason_is_named_when_they_differ(write_city: Callable[..., Path]) -> None:
    folder = write_city(with_gate({"shown_when": "migrant", "requires": [{"when": "age < 60"}]}, personas=[VISITOR]))
    assert [w.message for w in scenario_warnings(folder)] == [
        "gate `loan` can never be passed: for every persona a condition is false: resident: `migrant`; "
        "visitor: `age < 60` (each persona's id and attributes decide it)"]


@pytest.mark.parametrize("gate", [
    {"requires": [{"when": "migrant"}]},  # the visitor is a migrant
    {"requires": [{"when": "age > 60 or money > 5"}]},  # the resident's money may do it
    {"shown_when": 'persona == "resident" and day >= 3', "requires": [{"when": "money > 200"}]},  # money's max is 100: not worked out
    {"requires": [{"score": "civic", "tier_at_least": "A"}]},
])
def test_no_warning_for_a_gate_someone_may_pass(write_city: Callable[..., Path], gate: dict[str, Any]) -> None:
    folder = write_city(with_gate(gate, personas=[VISITOR]))
    assert check(folder)[1] == []
    assert scenario_warnings(folder) == []


def test_a_rule_that_opens_the_gate_opens_it_whatever_it_requires(write_city: Callable[..., Path]) -> None:
    opener = rule("waiver", source="city", gates={"loan": "open"})
    folder = write_city(with_gate({"requires": [{"when": "migrant"}]}, rules=[opener]))
    assert scenario_warnings(folder) == []
    # but not whatever it shows: a gate never shown is never opened
    folder = write_city(with_gate({"shown_when": "migrant"}, rules=[opener]))
    assert [w.message for w in scenario_warnings(folder)] == [
        "gate `loan` can never be opened: `migrant` is false for every persona (each persona's id and attributes "
        "decide it)"]


# ------------------------------------------------------------ decide, the three-valued reading

NAMES = {"persona": Var(T.str, "the persona", frozenset({"a", "b"})), "migrant": Var(T.bool, "attribute"),
         "age": Var(T.num, "attribute"), "day": Var(T.num, "day"), "money": Var(T.num, "stat"),
         "fined": Var(T.bool, "flag")}
CONDITIONS = [
    'persona == "a" and day >= 5', "not migrant or money > 10", "migrant and (age > 60 or fined)",
    "not (age < 18 and not fined)", 'persona != "b" or migrant', "max(age, money) > 50 and migrant",
    "age > 60 and money > 5 and not migrant", '(persona == "a") == migrant or day == 3', "True", "fined",
]
VALUES = st.fixed_dictionaries({"persona": st.sampled_from(["a", "b"]), "migrant": st.booleans(),
                                "age": st.integers(0, 100), "day": st.integers(1, 30),
                                "money": st.integers(-50, 200), "fined": st.booleans()})


@settings(max_examples=300, deadline=None)
@given(values=VALUES, known_names=st.sets(st.sampled_from(sorted(NAMES))))
def test_what_decide_settles_holds_whatever_the_rest(values: dict[str, Any], known_names: set[str]) -> None:
    known = {k: values[k] for k in known_names}
    for text in CONDITIONS:
        settled = decide(text, NAMES, known)
        truth = bool(compile_condition(text, NAMES)(values))
        if settled is not None:
            assert settled == truth, (text, known)
        if known_names == set(NAMES):
            assert settled == truth  # with every name known it always settles


def test_decide_follows_and_or_not_through_unknown_parts() -> None:
    known = {"persona": "b", "migrant": False, "age": 30}
    assert decide('persona == "a" and day >= 5', NAMES, known) is False
    assert decide("not migrant or money > 10", NAMES, known) is True
    assert decide("migrant or money > 10", NAMES, known) is None
    assert all(decide(text, NAMES, {}) in (None, True) for text in CONDITIONS if text != "fined")
    # every combination of the attributes settles a condition on attributes alone
    for migrant, age in itertools.product((False, True), (10, 70)):
        assert decide("migrant and age > 60", NAMES, {"migrant": migrant, "age": age}) is (migrant and age > 60)
