"""What if: one choice flipped, later actions kept where they still make sense, and the turning points."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from lanshui_city import lanshui_book

from game.engine.actions import Choose
from game.engine.season import play, replay
from game.engine.turn import new_game
from game.engine.whatif import decisions, flipped, follow, meanings, parted, turning_points

ROOT = Path(__file__).resolve().parents[1]
SEASONS = [(p, seed) for p in ("rider", "stall", "student", "teacher") for seed in (3, 8)]


def _season(persona: str, seed: int, policy: str = "random"):  # noqa: ANN202 - (start, actions, final state)
    book = lanshui_book()
    played = play(book, persona, seed, policy)
    start, _ = new_game(book, persona, seed)
    return start, played.actions, played.state


@pytest.mark.parametrize(("persona", "seed"), SEASONS)
def test_a_season_kept_to_its_own_actions_is_the_same_season(persona: str, seed: int) -> None:
    book = lanshui_book()
    start, actions, final = _season(persona, seed)
    steps = list(follow(book, start, meanings(book, start, actions)))
    assert [s.action for s in steps] == actions
    assert not any(s.bot for s in steps)
    assert steps[-1].after == final


@pytest.mark.parametrize(("persona", "seed"), SEASONS)
def test_flipping_a_choice_to_itself_gives_the_identical_season(persona: str, seed: int) -> None:
    book = lanshui_book()
    start, actions, final = _season(persona, seed)
    plan = meanings(book, start, actions)
    for dec in decisions(book, start, actions)[::7]:
        same = actions[dec.at]
        assert isinstance(same, Choose)
        season = flipped(book, start, actions, dec.at, same.index, plan)
        assert season.state == final
        assert [s.action for s in season.steps] == actions


@pytest.mark.parametrize(("persona", "seed"), SEASONS)
def test_a_flip_parts_the_seasons_on_the_flipped_decisions_day(persona: str, seed: int) -> None:
    book = lanshui_book()
    start, actions, _ = _season(persona, seed)
    plan = meanings(book, start, actions)
    base = flipped(book, start, actions, 0, actions[0].index, plan) if isinstance(actions[0], Choose) else None
    assert base is not None
    for dec in decisions(book, start, actions)[::5]:
        for option in dec.options:
            if book.card_by_id[dec.card].choices[option].id == dec.choice:
                continue
            other = flipped(book, start, actions, dec.at, option, plan)
            assert parted(base.steps, other.steps) == dec.day
            # the other season is a season the engine itself would play: its actions replay to its state
            again = list(replay(book, start, [s.action for s in other.steps]))
            assert again[-1].after == other.state
            assert other.state.over
            break


def test_the_turning_points_are_flips_that_change_the_outcome_and_are_ranked() -> None:
    book = lanshui_book()
    start, actions, final = _season("rider", 12)
    base, turns = turning_points(book, start, actions, top=5)
    assert base.state == final
    assert 1 <= len(turns) <= 5
    weights = [t.weight for t in turns]
    assert weights == sorted(weights, reverse=True) and weights[-1] > 0
    for t in turns:
        other = t.season.state
        changed = (other.ending != final.ending or set(other.goals) != set(final.goals)
                   or any(other.vals[s] != final.vals[s] for s in book.score_ids))
        assert changed, t.decision


def _save(tmp_path: Path, persona: str = "rider", seed: int = 12) -> Path:
    subprocess.run([sys.executable, "-m", "game", "play", "--headless", "--saves", str(tmp_path), "--persona", persona,
                    "--opacity", "partial", "--seed", str(seed), "--policy", "random"], check=True, capture_output=True,
                   cwd=ROOT)
    return next(p for p in tmp_path.glob("*.json"))


def _whatif(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "game", "whatif", *args], capture_output=True, text=True, cwd=ROOT)


@pytest.mark.slow
def test_whatif_on_the_command_line_lists_turning_points_and_flips_one(tmp_path: Path) -> None:
    save = _save(tmp_path)
    listed = _whatif(str(save), "--json")
    assert listed.returncode == 0, listed.stderr
    points = json.loads(listed.stdout)["turning_points"]
    assert points and all(p["changes"] for p in points)
    first = points[0]
    flip = _whatif(str(save), "--at", str(first["decision"]), "--choose", str(first["instead_choice"]), "--json")
    assert flip.returncode == 0, flip.stderr
    data = json.loads(flip.stdout)
    assert data["parted"] == first["day"]
    assert data["changes"] == first["changes"]  # the list and the flip tell the same story
    text = _whatif(str(save), "--at", str(first["decision"]), "--choose", str(first["instead_choice"]))
    assert text.returncode == 0 and "The seasons part on Day" in text.stdout


@pytest.mark.slow
@pytest.mark.parametrize(("args", "words"), [
    (["--at", "999", "--choose", "1"], "this season has decisions 1 to"),
    (["--at", "1"], "--at needs --choose K"),
    (["--choose", "2"], "--choose needs --at N"),
    (["--at", "1", "--choose", "9"], "had choices"),
])
def test_whatif_mistakes_are_one_line_and_exit_2(tmp_path: Path, args: list[str], words: str) -> None:
    save = _save(tmp_path)
    done = _whatif(str(save), *args)
    assert done.returncode == 2
    assert words in done.stderr and len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert "Traceback" not in done.stderr


def test_the_same_answers_under_another_rulebook_are_not_called_the_same_season() -> None:
    from lanshui_city import CITY

    from game.content.city import open_city
    from game.engine.whatif import Season, carried
    from game.report.whatif import compare, comparison_text

    book = lanshui_book()
    market = open_city(CITY, ROOT / "scenarios" / "_packs" / "market").book
    start, actions, final = _season("teacher", 24, "cautious")
    plan = meanings(book, start, actions)
    steps = tuple(follow(book, start, plan))
    mine = Season(steps[-1].after, steps)
    start2, _ = new_game(market, "teacher", 24)
    theirs = carried(market, start2, plan)
    text = comparison_text(market, compare(book, mine, theirs, "Your season", "Under the market", market))
    assert "The two seasons are the same" not in text
    same = comparison_text(book, compare(book, mine, mine, "Your season", "Again"))
    assert same.startswith("The two seasons are the same")


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=25, deadline=None)
@given(persona=st.sampled_from(["rider", "stall", "student", "teacher"]), seed=st.integers(0, 2**31 - 1),
       policy=st.sampled_from(["random", "cautious", "values-first"]), pick=st.integers(0, 10_000),
       days=st.integers(1, 14))
def test_any_flip_of_any_season_is_a_whole_season_the_engine_would_play(persona: str, seed: int, policy: str,
                                                                         pick: int, days: int) -> None:
    book = lanshui_book()
    played = play(book, persona, seed, policy, days)
    start, _ = new_game(book, persona, seed, days)
    decs = decisions(book, start, played.actions)
    if not decs:
        return
    dec = decs[pick % len(decs)]
    option = dec.options[pick % len(dec.options)]
    season = flipped(book, start, played.actions, dec.at, option)
    assert season.state.over
    assert [s.action for s in season.steps[: dec.at]] == played.actions[: dec.at]  # the past is the player's
    again = list(replay(book, start, [s.action for s in season.steps]))
    assert again[-1].after == season.state  # and the rest is a season the one loop plays the same way


def test_a_comparison_draws_each_scores_path_on_one_scale_for_both_seasons() -> None:
    from game.report.whatif import compare, comparison_text

    book = lanshui_book()
    start, actions, _ = _season("rider", 12)
    plan = meanings(book, start, actions)
    dec = next(d for d in decisions(book, start, actions) if len(d.options) > 1)
    base = flipped(book, start, actions, dec.at, actions[dec.at].index, plan)  # type: ignore[union-attr]
    other_choice = next(i for i in dec.options if book.card_by_id[dec.card].choices[i].id != dec.choice)
    other = flipped(book, start, actions, dec.at, other_choice, plan)
    text = comparison_text(book, compare(book, base, other, "Your season", "With choice 2"))
    charts = [line.strip() for line in text.splitlines() if line.startswith("    ") and set(line.strip()) <= set("▁▂▃▄▅▆▇█")]
    assert len(charts) == 2 * len(book.score_ids)
    days = len(base.state.history[book.score_ids[0]])
    assert all(len(c) == days for c in charts[: len(book.score_ids)])
