"""The command line as a facilitator uses it: headless play, simulate, and one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GOOD = "tests/scenarios/good"


def game(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "game", *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=120)


def game_here(capsys: pytest.CaptureFixture[str], *args: str) -> subprocess.CompletedProcess[str]:
    """The same command run in this process, through the same entry point (`game` above is a real process)."""
    from game.__main__ import main

    capsys.readouterr()
    try:
        code = main(list(args))
    except SystemExit as exc:  # argparse's own exits
        code = int(exc.code or 0)
    out = capsys.readouterr()
    return subprocess.CompletedProcess(list(args), code, out.out, out.err)


def test_a_headless_game_reads_like_the_story_it_was() -> None:
    out = game("play", "--headless", "--scenario", GOOD, "--persona", "vendor", "--seed", "3", "--policy", "cautious")
    assert out.returncode == 0, out.stderr
    text = out.stdout
    assert text.startswith("Good Standing — Harbour Town 1.0\nYou are Ben Okoro. Seed 3 · partial · policy cautious")
    assert "— Day 1 (Mon) —" in text and "— Day 10 (Wed) —" in text
    assert "┌ Market day" in text and "│ →" in text
    assert "Scores: Civic score" in text


def test_given_choices_then_a_policy_play_to_the_end_and_json_is_machine_readable() -> None:
    out = game("play", "--headless", "--scenario", GOOD, "--seed", "5", "--choices", "1,gate:ferry,2",
               "--policy", "random", "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["actions"][:3] == ["choose:1", "gate:ferry", "choose:2"]
    assert data["over"] and data["ending"] in {"crossed", "listed", "ordinary"}
    assert all("notices" in s and "events" in s for s in data["steps"])


def test_the_same_headless_game_prints_the_same_transcript() -> None:
    args = ("play", "--headless", "--scenario", GOOD, "--seed", "11", "--policy", "random", "--opacity", "transparent")
    assert game(*args).stdout == game(*args).stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--choices", "1,x"), "--choices: item 2: `x` is not an action"),
        (("--choices", "9"), "--choices: item 1 on day 1: choice 9 is not on this card; choose 1 to"),
        (("--choices", "1,,2"), "--choices: item 2 is empty"),
        (("--policy", "greedy"), "unknown policy `greedy`; choose one of: random, score-first, values-first, cautious"),
        (("--persona", "mayor", "--policy", "random"), "unknown persona `mayor`; this scenario has: dockworker, vendor"),
        (("--seed", "abc", "--policy", "random"), "`abc` is not a whole number"),
        ((), "headless play needs --choices LIST or --policy NAME"),
    ],
)
def test_bad_headless_options_give_one_line_and_exit_2(args: tuple[str, ...], message: str,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    out = game_here(capsys, "play", "--headless", "--scenario", GOOD, *args)
    assert out.returncode == 2
    assert out.stdout == ""
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], out.stderr
    assert "Traceback" not in out.stderr


def test_an_unknown_scenario_is_one_line_and_exit_2() -> None:  # a real process: the whole way out
    out = game("play", "--headless", "--scenario", "atlantis", "--policy", "random")
    assert out.returncode == 2
    assert out.stderr.strip().startswith("good-standing play: atlantis: no such scenario folder or id")


@pytest.mark.parametrize("args", [(), ("play",), ("play", "--persona", "teacher")])
def test_the_game_without_a_terminal_says_so_and_exits_2_instead_of_waiting(args: tuple[str, ...]) -> None:
    # Input from /dev/null and output into a pipe: Textual would wait on keys that never come.
    out = subprocess.run([sys.executable, "-m", "game", *args], capture_output=True, text=True, cwd=ROOT,
                         timeout=60, stdin=subprocess.DEVNULL)
    assert out.returncode == 2
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and "needs a terminal" in lines[0] and "--headless" in lines[0]
    assert out.stdout == ""


@pytest.mark.slow  # two processes, one of them starting a pool of workers
def test_simulate_prints_the_same_thing_twice() -> None:
    from game.sim.simulate import PARALLEL_FROM

    assert 500 >= PARALLEL_FROM
    # 500 runs: over the simulator's PARALLEL_FROM, so the first is shared between worker processes
    first = game("simulate", "--scenario", GOOD, "--runs", "500", "--seed", "7")
    second = game("simulate", "--scenario", GOOD, "--runs", "500", "--seed", "7", "--workers", "1")
    assert first.returncode == 0, first.stderr
    assert first.stdout == second.stdout
    assert "Endings by persona and policy" in first.stdout
    assert "Rules that never fired:" in first.stdout
    assert "decisions/s" in first.stderr


def test_simulate_json_counts_rule_hits_and_lists_what_never_happened(capsys: pytest.CaptureFixture[str]) -> None:
    out = game_here(capsys, "simulate", "--scenario", GOOD, "--runs", "200", "--seed", "1", "--persona", "vendor",
               "--policy", "score-first", "--json")
    data = json.loads(out.stdout)
    assert data["runs"] == 200
    assert [(c["persona"], c["policy"]) for c in data["by_combo"]] == [("vendor", "score-first")]
    assert set(data["rules"]) == {"fare_dodging", "jaywalk_camera", "good_deed", "associates", "contacts_bonus",
                                  "blacklist", "hygiene", "rested_well", "appeal_lost_note"}
    assert set(data["rules_never_fired"]) == {r for r, hit in data["rules"].items() if hit["runs"] == 0}
    assert data["rules"]["contacts_bonus"]["runs"] > 0
