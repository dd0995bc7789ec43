"""Replay: a save re-runs from its seed and actions to exactly its snapshot; `replay` tells the story or verifies."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from game.cli import run
from game.content.city import open_city
from game.engine.actions import encode
from game.engine.season import play
from game.saves import load_session, save_session
from game.saves.compare import first_difference
from game.session import Session

ROOT = Path(__file__).resolve().parents[1]
GOOD = ROOT / "tests" / "scenarios" / "good"


def saved_game(folder: Path, persona: str, seed: int, policy: str = "random", cut: int | float = 1.0,
               name: str | None = None, days: int | None = None) -> tuple[Path, Session]:
    """A season played by a bot, saved after `cut` actions (an int) or that share of them (a float)."""
    city = open_city(GOOD)
    actions = play(city.book, persona, seed, policy, days).actions
    session = Session.new(city, persona, seed, days=days)
    for action in actions[:cut if isinstance(cut, int) else round(cut * len(actions))]:
        session.act(action)
    return save_session(session, folder, name), session


def saves_replay(folder: Path, games: int) -> None:
    """`games` bot games of every kind, each saved under its own name, loaded back and compared."""
    rng = random.Random(20250301)
    personas = sorted(open_city(GOOD).book.personas)
    kinds: set[tuple[bool, int]] = set()
    for seed in range(games):
        persona = personas[seed % len(personas)]
        days = rng.choice([None, None, 3, 15])
        cut = rng.choice([1.0, rng.random()])  # finished seasons and games in progress
        path, session = saved_game(folder, persona, seed, cut=cut, name=f"game {seed}", days=days)
        loaded = load_session(path)  # replays from the seed and checks the snapshot; raises if they differ
        assert loaded.state.to_json() == session.state.to_json()
        assert [encode(a) for a in loaded.actions] == [encode(a) for a in session.actions]
        kinds.add((session.state.over, session.state.days))
    # finished and unfinished games of each length were saved, and no save took another's file
    assert kinds == {(over, days) for over in (True, False) for days in (3, 10, 15)}
    assert len(list(folder.glob("*.json"))) == games


def test_saves_from_sixty_random_games_all_replay_to_their_snapshots(tmp_path: Path) -> None:
    saves_replay(tmp_path, 60)


@pytest.mark.slow
def test_saves_from_a_thousand_random_games_all_replay_to_their_snapshots(tmp_path: Path) -> None:
    saves_replay(tmp_path, 1000)


def test_verify_says_the_replay_matches(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path, session = saved_game(tmp_path, "vendor", 5, cut=6)
    assert run(["replay", str(path), "--verify"]) == 0
    out = capsys.readouterr().out
    assert out == f"{path}: the replay matches the snapshot (6 actions, day {session.state.day} of 10)\n"


def test_verify_names_the_first_day_the_replay_differs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path, session = saved_game(tmp_path, "dockworker", 9)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["snapshot"]["history"]["civic"][4] += 25  # the civic score at the end of day 4
    data["snapshot"]["vals"]["money"] += 1
    path.write_text(json.dumps(data, indent=1), encoding="utf-8")
    assert run(["replay", str(path), "--verify"]) == 1
    out = capsys.readouterr().out
    was = session.state.history["civic"][4]
    assert out == (f"{path}: replay differs from the snapshot from day 4: history.civic[4] is {was} in the replay, "
                   f"{was + 25} in the snapshot\n")


def test_verify_as_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path, _ = saved_game(tmp_path, "vendor", 2)
    assert run(["replay", str(path), "--verify", "--json"]) == 0
    verdict = json.loads(capsys.readouterr().out)
    assert (verdict["save"], verdict["matches"], verdict["first_differing_day"]) == (str(path), True, None)


def test_replay_prints_the_transcript_of_the_saved_game(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path, session = saved_game(tmp_path, "vendor", 3, policy="cautious")
    assert run(["replay", str(path)]) == 0
    text = capsys.readouterr().out
    assert text.startswith("Good Standing — Harbour Town 1.0\nYou are Ben Okoro. Seed 3 · partial · replay of "
                           f"{len(session.actions)} saved actions\n")
    assert "— Day 10 (Wed) —" in text and "Scores: Civic score" in text


def test_replay_as_json_lists_every_saved_action(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path, session = saved_game(tmp_path, "dockworker", 4, cut=5)
    assert run(["replay", str(path), "--json", "--opacity", "transparent"]) == 0
    data = json.loads(capsys.readouterr().out)
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert data["actions"] == saved["actions"] and data["opacity"] == "transparent"
    assert len(data["steps"]) == 6 and not data["over"]


def test_replay_finds_a_named_save_in_the_saves_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    saved_game(tmp_path, "vendor", 8, cut=2, name="Market day")
    assert run(["replay", "--saves", str(tmp_path), "Market day", "--verify"]) == 0
    assert capsys.readouterr().out.startswith(f"{tmp_path / 'market-day.json'}: the replay matches")


def test_a_game_continued_from_a_snapshot_replays_from_there(tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    path, _ = saved_game(tmp_path, "vendor", 6, cut=4)
    resumed = load_session(path, from_snapshot=True)
    for action in play(resumed.book, "vendor", 6, "random").actions[4:7]:
        resumed.act(action)
    again = save_session(resumed, tmp_path, "resumed")
    assert run(["replay", str(again), "--verify"]) == 0
    capsys.readouterr()
    assert run(["replay", str(again)]) == 0
    text = capsys.readouterr().out
    assert f"continued on day {resumed.start.day if resumed.start else 0} from a snapshot, then 3 saved actions" in text


def test_the_first_difference_is_dated_by_the_day_stamped_parts_of_the_state() -> None:
    replay = {"day": 7, "vals": {"money": 5}, "ledger": [{"day": 2, "delta": 3}, {"day": 5, "delta": 1}],
              "history": {"civic": [1000, 1000, 990]}}
    assert first_difference(replay, json.loads(json.dumps(replay))) is None
    snapshot = json.loads(json.dumps(replay))
    snapshot["vals"]["money"] = 6
    assert first_difference(replay, snapshot) == (7, "vals.money is 5 in the replay, 6 in the snapshot")
    snapshot["ledger"][1]["delta"] = 4
    assert first_difference(replay, snapshot) == (5, "ledger[1].delta is 1 in the replay, 4 in the snapshot")
    snapshot["history"]["civic"].append(980)
    assert first_difference(replay, snapshot) == (3, "history.civic[3] is nothing in the replay, 980 in the snapshot")
    snapshot["vals"]["money"] = 5.0  # the same number, written differently, is still a difference
    assert first_difference({"vals": {"money": 5}}, {"vals": {"money": 5.0}}) == (
        1, "vals.money is 5 in the replay, 5.0 in the snapshot")
