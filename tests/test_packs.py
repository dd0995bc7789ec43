"""Rule packs: data laid over a city by id, validated like a scenario, played, replayed and compared."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from lanshui_city import CITY, lanshui_book

from game.content.city import open_city
from game.content.loader import check
from game.engine.season import play
from game.engine.turn import new_game
from game.engine.whatif import carried, meanings

ROOT = Path(__file__).resolve().parents[1]
PACKS = ROOT / "scenarios" / "_packs"
BROKEN = ROOT / "tests" / "broken_packs"


def _pack(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "pack"
    folder.mkdir(exist_ok=True)
    (folder / "pack.yaml").write_text(text, encoding="utf-8")
    return folder


META = "pack: {id: t, title: A test pack, scenario: lanshui, about: For the tests.}\n"


@pytest.mark.parametrize("pack", ["reform", "market"])
def test_the_default_citys_packs_validate(pack: str) -> None:
    scenario, problems = check(CITY, PACKS / pack)
    assert problems == [] and scenario is not None


def test_a_pack_that_changes_nothing_gives_the_identical_season(tmp_path: Path) -> None:
    same = open_city(CITY, _pack(tmp_path, META)).book
    book = lanshui_book()
    for persona in book.personas:
        assert play(same, persona, 5, "random").state == play(book, persona, 5, "random").state


def test_a_pack_removing_a_rule_removes_exactly_its_ledger_entries_when_nothing_depends_on_it(tmp_path: Path) -> None:
    # Nothing can depend on a change that lands on the season's last day: taking the rule out must take out
    # exactly its entries, and leave every other change to the scores as it was.
    book = lanshui_book()
    gone = "volunteering"
    without = open_city(CITY, _pack(tmp_path, META + f"remove: {{rules: [{gone}]}}\n")).book
    assert gone not in without.rules
    checked = 0
    for seed in range(400):
        persona = list(book.personas)[seed % 4]
        base = play(book, persona, seed, "random", days=6)
        mine = [e for e in base.state.ledger if e.rule == gone]
        if not mine or any(e.landed != base.state.days for e in mine):
            continue
        start, _ = new_game(book, persona, seed, 6)
        start2, _ = new_game(without, persona, seed, 6)
        other = carried(without, start2, meanings(book, start, base.actions))
        kept = [(e.seq, e.day, e.rule, e.score, e.delta) for e in base.state.ledger if e.rule != gone]
        assert [(e.day, e.rule, e.score, e.delta) for e in other.state.ledger] == [k[1:] for k in kept], (persona, seed)
        checked += 1
        if checked == 5:
            break
    assert checked >= 2, "too few seasons where the removed rule fired only on the last day"


def test_the_reform_decides_appeals_by_the_truth_and_lets_records_expire() -> None:
    reform = open_city(CITY, PACKS / "reform").book
    assert (reform.appeal.chance, reform.appeal.chance_if_true, reform.appeal.evidence) == (1.0, 0.0, ())
    assert reform.record_life == 10
    assert not {"sheltering_defaulter", "vouching_for_defaulter", "low_circle", "guarantor_exposure",
                "defaulters_children", "failed_appeal_noted"} & set(reform.rules)
    school = reform.gate_info["school_place"]
    assert all(req.score is None and "record" not in (req.when or "") for req in school.requires)


def test_the_market_has_no_rule_that_moves_the_citys_score() -> None:
    market = open_city(CITY, PACKS / "market").book
    assert all(a.key != "civic" for rule in market.rules.values() for a in rule.scores)
    for gate in market.gate_info.values():
        assert all(req.score != "civic" for req in gate.requires), gate.id


@pytest.mark.parametrize(("case", "scenario", "expected"), [
    ("remove_unknown", None, "pack.yaml:3:25: there is no rule `no_such_rule` in the scenario to remove"),
    ("change_unknown", None, "pack.yaml:4:11: there is no gate `moon_ticket` in the scenario to change"),
    ("add_existing", None, "pack.yaml:4:11: the scenario already has a rule `fare_evasion`: to change it, "
                           "put it under `change:`"),
    ("bad_field", None, "pack.yaml:5:7: unknown key `requirez`; did you mean `requires`?"),
    # a mistake outside `pack:` must not hide what the pack is (its city is still found and named)
    ("section_misspelt", None, "pack.yaml:3:3: unknown key `gatez`; did you mean `gates`?"),
    ("wrong_scenario", "lanshui", "pack.yaml:1:51: this pack is for scenario `rongcheng`, not `lanshui`"),
    ("text_escape", None, "pack.yaml:1:23: the text holds U+001B (escape) at character 8; scenario text may not "
                          "hold control characters (line breaks and tabs only in texts that have lines)"),
])
def test_a_pack_with_a_mistake_is_named_by_file_and_line(case: str, scenario: str | None, expected: str) -> None:
    args = [sys.executable, "-m", "game", "validate", str(BROKEN / case)] + (["--scenario", scenario] if scenario else [])
    done = subprocess.run(args, capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 1
    first = done.stdout.splitlines()[0]
    assert first == f"{BROKEN.relative_to(ROOT) / case}/{expected}" or first.endswith(f"{case}/{expected}"), first


@pytest.mark.slow
@pytest.mark.parametrize("pack", ["reform", "market"])
def test_a_season_played_under_a_pack_is_saved_with_it_and_replays(tmp_path: Path, pack: str) -> None:
    play_args = [sys.executable, "-m", "game", "play", "--headless", "--saves", str(tmp_path), "--persona", "stall",
                 "--seed", "4", "--policy", "cautious", "--rules", pack]
    subprocess.run(play_args, check=True, capture_output=True, cwd=ROOT)
    save = next(tmp_path.glob("*.json"))
    assert f'"id": "{pack}"' in save.read_text(encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "game", "replay", str(save), "--verify"], capture_output=True,
                          text=True, cwd=ROOT)
    assert done.returncode == 0 and "the replay matches the snapshot" in done.stdout, done.stdout + done.stderr


def test_validate_on_a_folder_of_packs_checks_each_pack_in_it() -> None:
    done = subprocess.run([sys.executable, "-m", "game", "validate", str(PACKS)], capture_output=True, text=True,
                          cwd=ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert [line.split(":")[0] for line in lines] == [str((PACKS / p).relative_to(ROOT)) for p in ("market", "reform")]
    assert all(": ok — " in line for line in lines)
