"""A day's work is bounded: one cascade of rules holds at most MAX_CASCADE firings, found by validate, held by the engine."""

from __future__ import annotations

import pickle
import time
from pathlib import Path
from typing import Any

import pytest

from game.cli import run as cli_run
from game.content.city import open_city
from game.content.loader import check, read_draft
from game.engine import turn
from game.engine.book import compile_book
from game.engine.season import play
from game.engine.turn import MAX_CASCADE, CascadeLimit
from game.model.scenario import Scenario

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _from_the_repo_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)


def unchecked_book(folder: str) -> Any:
    """A book compiled without the consistency checks: what the engine meets if validate is ever wrong."""
    draft, problems = read_draft(Path(folder))
    assert not problems
    data: dict[str, Any] = {name: item for name, (item, _) in draft.singles.items()}
    data.update({name: [item for item, _ in items] for name, items in draft.lists.items()})
    return compile_book(Scenario.model_validate(data))


@pytest.mark.parametrize("case", ["cascade_fan_out", "cascade_levels"])
def test_validate_refuses_a_cascade_that_could_pass_the_bound_without_running_it(case: str) -> None:
    started = time.perf_counter()
    _, problems = check(Path("tests/broken") / case)
    assert time.perf_counter() - started < 5  # a hang guard: the reproduction ran out of memory
    assert len(problems) == 1
    assert f"the engine stops a cascade at {MAX_CASCADE:,}" in problems[0].message


def test_the_cities_of_the_game_are_far_inside_the_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(turn, "MAX_CASCADE", 10)
    for city in ("scenarios/lanshui", "tests/scenarios/good"):
        assert check(Path(city))[1] == []


def test_the_engine_stops_a_runaway_cascade_with_the_rule_named() -> None:
    book = unchecked_book("tests/broken/cascade_fan_out")
    started = time.perf_counter()
    with pytest.raises(CascadeLimit) as caught:
        play(book, "resident", 1, "random")
    assert time.perf_counter() - started < 5
    assert caught.value.rule == "echo_rule" and caught.value.fact == "echo"
    assert f"at most {MAX_CASCADE:,} rule firings" in str(caught.value)


def test_the_limit_crosses_from_a_worker_process_intact() -> None:
    again = pickle.loads(pickle.dumps(CascadeLimit("echo_rule", "echo")))
    assert (again.rule, again.fact, str(again)) == ("echo_rule", "echo", str(CascadeLimit("echo_rule", "echo")))


def test_the_bound_is_exactly_what_validate_counts(monkeypatch: pytest.MonkeyPatch) -> None:
    # The good city's largest cascade fits a bound of 5 (validate says so), so the engine never reaches it.
    monkeypatch.setattr(turn, "MAX_CASCADE", 5)
    book = open_city("tests/scenarios/good").book
    for seed in range(20):
        for persona in book.personas:
            play(book, persona, seed, "random")


def test_play_and_simulate_stop_with_one_line_and_exit_2(monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    open_city("tests/scenarios/good")  # checked and cached with the real bound
    monkeypatch.setattr(turn, "MAX_CASCADE", 0)
    for argv in (["play", "--headless", "--scenario", "tests/scenarios/good", "--policy", "random", "--seed", "1"],
                 ["simulate", "--scenario", "tests/scenarios/good", "--runs", "4", "--workers", "1"]):
        assert cli_run(argv) == 2
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and "the scenario's rules stopped the game" in err[0], err
        assert "a cascade may hold at most 0 rule firings" in err[0]
