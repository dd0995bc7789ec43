"""Saves on disk: where they go, autosave after every action, named saves, continue, backups, and loads."""

from __future__ import annotations

import json
import os
import shutil
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import platformdirs
import pytest

from game.content.city import open_city
from game.engine.actions import Action, decode, encode
from game.engine.policies import POLICIES, policy_stream
from game.saves import (
    Autosaver,
    SaveError,
    ScenarioChanged,
    backup_path,
    latest_save,
    list_saves,
    load_session,
    named_save_path,
    read_save,
    save_session,
    saves_dir,
    scan_saves,
)
from game.session import Session

ROOT = Path(__file__).resolve().parents[1]
GOOD = ROOT / "tests" / "scenarios" / "good"
T0 = datetime(2025, 3, 1, 9, 0, tzinfo=timezone.utc)


def new_session(persona: str = "dockworker", seed: int = 7, scenario: Path = GOOD) -> Session:
    return Session.new(open_city(scenario), persona, seed)


def bot_move(session: Session) -> Action:
    return POLICIES["random"](session.book, session.state, policy_stream(session.state, "random"))


def play(session: Session, n: int) -> None:
    for _ in range(n):
        if session.state.over:
            return
        session.act(bot_move(session))


def autosaved(folder: Path, persona: str = "dockworker", seed: int = 7, n: int = 6) -> tuple[Session, Path]:
    session = new_session(persona, seed)
    saver = Autosaver(folder)
    session.listeners.append(saver)
    play(session, n)
    assert saver.path is not None
    return session, saver.path


# ------------------------------------------------------------------ where saves go


def test_saves_go_to_the_folder_given_first(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("GOOD_STANDING_SAVES", str(tmp_path / "env"))
    assert saves_dir(str(tmp_path / "given")) == tmp_path / "given"


def test_then_to_the_folder_in_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("GOOD_STANDING_SAVES", str(tmp_path / "env"))
    monkeypatch.chdir(ROOT)
    assert saves_dir() == tmp_path / "env"


def test_then_to_saves_in_a_checkout(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GOOD_STANDING_SAVES")
    monkeypatch.chdir(ROOT)
    assert saves_dir() == ROOT / "saves"


def test_else_to_the_user_data_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("GOOD_STANDING_SAVES")
    monkeypatch.chdir(tmp_path)
    assert saves_dir() == Path(platformdirs.user_data_dir("good-standing", appauthor=False)) / "saves"


def test_finding_the_folder_does_not_create_it_but_saving_does(tmp_path: Path) -> None:
    folder = tmp_path / "new" / "saves"
    assert saves_dir(str(folder)) == folder and not folder.exists()
    save_session(new_session(), folder)
    assert folder.is_dir()


# ------------------------------------------------------------------ autosave


def test_the_game_is_autosaved_after_every_action(tmp_path: Path) -> None:
    session = new_session()
    saver = Autosaver(tmp_path)
    session.listeners.append(saver)
    for n in range(1, 8):
        session.act(bot_move(session))
        assert saver.path is not None
        save = read_save(saver.path)
        assert save.actions == [encode(a) for a in session.actions] and save.summary.actions == n
        assert save.snapshot == json.loads(session.state.to_json())


def test_loading_an_autosave_gives_the_identical_game(tmp_path: Path) -> None:
    session, path = autosaved(tmp_path, n=12)
    loaded = load_session(path)
    assert loaded.state.to_json() == session.state.to_json()
    assert loaded.actions == session.actions and loaded.log == session.log
    assert (loaded.persona, loaded.seed, loaded.opacity, loaded.days) == (
        session.persona, session.seed, session.opacity, session.days)
    assert loaded.scenario_path.resolve() == GOOD and loaded.name is None and loaded.start is None


def test_a_loaded_game_plays_on_into_the_same_autosave(tmp_path: Path) -> None:
    session, path = autosaved(tmp_path, n=4)
    loaded = load_session(path)
    loaded.listeners.append(Autosaver(tmp_path))
    session.listeners.clear()  # the first player has left
    play(loaded, 3)
    play(session, 3)  # the same bot from the same state makes the same moves
    assert [p.name for p in tmp_path.glob("*.json")] == [path.name]
    assert load_session(path).state.to_json() == session.state.to_json()


def test_a_save_continued_in_two_places_at_once_goes_on_as_a_branch_and_loses_nothing(tmp_path: Path) -> None:
    _, path = autosaved(tmp_path, n=4)
    here, there = load_session(path), load_session(path)
    branches: list[Path] = []
    mine, theirs = Autosaver(tmp_path), Autosaver(tmp_path, on_branch=branches.append)
    here.listeners.append(mine)
    there.listeners.append(theirs)
    here.act(decode("rest"))
    play(there, 2)
    assert mine.path == path and theirs.path != path and branches == [theirs.path]
    assert load_session(path).actions == here.actions
    branch = load_session(theirs.path)
    assert branch.actions == there.actions and branch.branch_of == here.game_id != branch.game_id
    assert "a branch" in next(i for i in list_saves(tmp_path) if i.path == theirs.path).label()


def test_the_previous_save_is_kept_as_a_backup(tmp_path: Path) -> None:
    session, path = autosaved(tmp_path, n=5)
    backup = read_save(backup_path(path))
    assert backup.actions == [encode(a) for a in session.actions[:4]]
    assert load_session(backup_path(path)).state.actions == 4


def test_a_game_loaded_from_an_earlier_save_and_played_differently_gets_its_own_autosave(tmp_path: Path) -> None:
    session, path = autosaved(tmp_path, n=3)
    named = save_session(session, tmp_path, "at three")
    play(session, 5)
    later = path.read_bytes()
    branch = load_session(named)
    saver = Autosaver(tmp_path)
    branch.listeners.append(saver)
    branch.act(decode("rest"))
    assert saver.path == path.with_name(path.stem + "-2.json")
    assert path.read_bytes() == later  # the game that went on is not lost
    assert read_save(saver.path).actions[-1] == "rest"


def test_an_autosave_that_fails_is_reported_and_the_action_still_happens(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the saves folder should be")
    session = new_session()
    session.listeners.append(Autosaver(blocker))
    with pytest.raises(SaveError, match=r"not-a-folder.*not saved"):
        session.act(bot_move(session))
    assert len(session.actions) == 1

    errors: list[SaveError] = []
    quiet = Autosaver(blocker, on_error=errors.append)
    session.listeners[:] = [quiet]
    session.act(bot_move(session))
    assert len(session.actions) == 2 and len(errors) == 1 and quiet.error is errors[0]


# ------------------------------------------------------------------ named saves, continue


def test_a_named_save_gets_a_safe_file_name_and_keeps_its_name(tmp_path: Path) -> None:
    session = new_session()
    play(session, 2)
    path = save_session(session, tmp_path, "Before the ferry: Ana's choice!")
    assert path == tmp_path / "before-the-ferry-ana-s-choice.json"
    assert session.name == "Before the ferry: Ana's choice!"
    assert load_session(path).name == "Before the ferry: Ana's choice!"
    [info] = list_saves(tmp_path)
    assert not info.autosave and info.name == "Before the ferry: Ana's choice!"


@pytest.mark.parametrize("name, file", [
    ("../../etc/passwd", "etc-passwd.json"),
    ("   ", "save.json"),
    ("autosave-harbour-dockworker-7", "save-autosave-harbour-dockworker-7.json"),
    ("CON", "save-con.json"),
    ("Überfahrt 渡口", "überfahrt-渡口.json"),
    ("x" * 300, "x" * 60 + ".json"),
])
def test_a_save_name_never_leaves_the_folder_nor_poses_as_an_autosave(name: str, file: str, tmp_path: Path) -> None:
    assert named_save_path(tmp_path, name) == tmp_path / file


def test_the_load_list_shows_scenario_persona_day_and_date(tmp_path: Path) -> None:
    session = new_session("vendor", 3)
    play(session, 3)
    save_session(session, tmp_path, now=T0)
    [info] = list_saves(tmp_path)
    assert (info.scenario, info.scenario_title, info.persona, info.persona_name) == (
        "harbour", "Harbour Town", "vendor", "Ben Okoro")
    assert (info.day, info.days, info.over, info.autosave) == (session.state.day, 10, False, True)
    assert info.saved_at == T0 and info.actions == 3
    assert info.label().startswith(f"Ben Okoro · partial · seed 3 · day {session.state.day} of 10 · Harbour Town · "
                                   "saved 2025-03-0")
    session.group = "Table 4"
    save_session(session, tmp_path, "before the loan", now=T0)
    labels = [i.label() for i in list_saves(tmp_path)]
    assert any(label.startswith(f"Table 4 · Ben Okoro · partial · seed 3 · day {session.state.day} of 10 · "
                                "“before the loan” · Harbour Town") for label in labels)


def test_continue_picks_the_newest_save_by_the_time_it_was_saved(tmp_path: Path) -> None:
    a, b, c = new_session(seed=1), new_session(seed=2), new_session(seed=3)
    save_session(b, tmp_path, "b", now=T0 + timedelta(minutes=2))
    save_session(c, tmp_path, "c", now=T0)
    save_session(a, tmp_path, "a", now=T0 + timedelta(minutes=1))
    os.utime(tmp_path / "c.json", (time.time() + 3600, time.time() + 3600))  # the file's own time is not the save's
    latest = latest_save(tmp_path)
    assert latest is not None and latest.path == tmp_path / "b.json"
    assert [i.name for i in list_saves(tmp_path)] == ["b", "a", "c"]


def test_continue_after_more_play_resumes_the_game_just_played(tmp_path: Path) -> None:
    old, _ = autosaved(tmp_path, seed=1, n=3)
    current, path = autosaved(tmp_path, seed=2, n=2)
    latest = latest_save(tmp_path)
    assert latest is not None and latest.path == path
    assert load_session(latest.path).state.to_json() == current.state.to_json()


def test_continue_can_skip_finished_seasons(tmp_path: Path) -> None:
    unfinished, _ = autosaved(tmp_path, seed=1, n=2)
    finished, done = autosaved(tmp_path, seed=2, n=10_000)
    assert finished.state.over
    latest = latest_save(tmp_path)
    assert latest is not None and latest.path == done and latest.over
    first_unfinished = latest_save(tmp_path, unfinished=True)
    assert first_unfinished is not None and first_unfinished.persona == "dockworker" and not first_unfinished.over


def test_an_empty_or_missing_folder_has_no_saves(tmp_path: Path) -> None:
    assert list_saves(tmp_path / "nowhere") == [] and latest_save(tmp_path) is None


# ------------------------------------------------------------------ damage


def test_an_unreadable_file_is_left_out_of_the_list_and_reported(tmp_path: Path) -> None:
    autosaved(tmp_path, n=2)
    (tmp_path / "notes.json").write_text("{not json", encoding="utf-8")
    listing = scan_saves(tmp_path)
    assert len(listing.saves) == 1
    assert [str(e) for e in listing.broken] == [
        f"{tmp_path / 'notes.json'}: not a Good Standing save (line 1: the file ends too early; was it cut short?)"]


def test_a_damaged_save_with_a_good_backup_says_so_and_lists_the_backup(tmp_path: Path) -> None:
    _, path = autosaved(tmp_path, n=4)
    path.write_bytes(path.read_bytes()[:100])
    with pytest.raises(SaveError) as caught:
        load_session(path)
    assert caught.value.backup == backup_path(path)
    assert str(caught.value).endswith(f"; its backup {backup_path(path)} is good: load that instead")
    [info] = list_saves(tmp_path)
    assert info.backup and info.path == backup_path(path) and info.actions == 3
    assert load_session(info.path).state.actions == 3


def test_a_damaged_save_is_never_rotated_over_a_good_backup(tmp_path: Path) -> None:
    session, path = autosaved(tmp_path, n=4)
    good_backup = backup_path(path).read_bytes()
    path.write_bytes(b"\x00" * 50)
    session.act(bot_move(session))
    assert backup_path(path).read_bytes() == good_backup
    assert load_session(path).state.to_json() == session.state.to_json()


def test_a_new_save_that_would_not_read_back_never_replaces_the_good_one(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    session, path = autosaved(tmp_path, n=3)
    before = path.read_bytes(), backup_path(path).read_bytes()
    monkeypatch.setattr("game.saves.autosave.dump_save", lambda save: b'{"format_version": 1, "half": ')
    with pytest.raises(SaveError, match=r": not saved: the new save is not valid \(not a Good Standing save"):
        session.act(bot_move(session))
    assert (path.read_bytes(), backup_path(path).read_bytes()) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name, backup_path(path).name]


def test_a_write_that_fails_leaves_the_old_save_and_no_temporary_file(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    session, path = autosaved(tmp_path, n=3)
    before = path.read_bytes()

    def full_disk(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("game.saves.files.os.replace", full_disk)
    with pytest.raises(SaveError, match=r": not saved: No space left on device$"):
        session.act(bot_move(session))
    assert path.read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if p.suffix == ".tmp"]


def test_temporary_files_left_by_a_dead_process_are_swept_later(tmp_path: Path) -> None:
    session, path = autosaved(tmp_path, n=1)
    stale = tmp_path / f".{path.name}.999-deadbeef.tmp"
    fresh = tmp_path / f".{path.name}.998-cafef00d.tmp"
    stale.write_text("half a sa")
    fresh.write_text("being writ")
    old = time.time() - 600
    os.utime(stale, (old, old))
    session.act(bot_move(session))
    assert not stale.exists() and fresh.exists()


# ------------------------------------------------------------------ a changed scenario


@pytest.fixture
def city(tmp_path: Path) -> Path:
    folder = tmp_path / "harbour"
    shutil.copytree(GOOD, folder)
    return folder


def test_a_changed_scenario_is_named_and_the_snapshot_can_be_continued(city: Path, tmp_path: Path) -> None:
    session = new_session(scenario=city)
    play(session, 4)
    saved = save_session(session, tmp_path / "saves")
    cards = city / "cards" / "home.yaml"
    cards.write_text(cards.read_text(encoding="utf-8") + "\n# an author's note\n", encoding="utf-8")
    with pytest.raises(ScenarioChanged) as caught:
        load_session(saved)
    assert str(caught.value) == (
        f"{saved}: scenario `harbour` has changed since this game was saved (its files differ, though both are "
        "version 1.0), so its actions may not replay; it can continue from its snapshot instead")

    resumed = load_session(saved, from_snapshot=True)
    assert resumed.state.to_json() == session.state.to_json()
    assert resumed.actions == [] and resumed.start is not None
    saver = Autosaver(tmp_path / "saves")
    resumed.listeners.append(saver)
    play(resumed, 3)
    assert saver.path is not None and saver.path != saved  # the old game's save stays as it was
    again = load_session(saver.path)  # its actions replay from the snapshot it continued
    assert again.state.to_json() == resumed.state.to_json() and len(again.actions) == len(resumed.actions)


def test_a_stat_added_to_the_scenario_starts_as_in_a_new_game_when_continuing(city: Path, tmp_path: Path) -> None:
    session = new_session(scenario=city)
    play(session, 3)
    saved = save_session(session, tmp_path)
    main = city / "scenario.yaml"
    main.write_text(main.read_text(encoding="utf-8").replace(
        "  - {id: conscience,", "  - {id: luck, name: Luck, min: 0, max: 10, start: 3}\n  - {id: conscience,"),
        encoding="utf-8")
    resumed = load_session(saved, from_snapshot=True)
    assert resumed.state.vals["luck"] == 3


def test_a_snapshot_that_cannot_fit_the_changed_scenario_is_refused(city: Path, tmp_path: Path) -> None:
    session = new_session(scenario=city)
    saved = save_session(session, tmp_path)
    data = json.loads(saved.read_text(encoding="utf-8"))
    data["snapshot"]["hand"] = ["card_that_was_removed"]
    saved.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(SaveError, match=r"its snapshot does not fit scenario `harbour`: card `card_that_was_removed` "
                                        r"is not in it$"):
        load_session(saved, from_snapshot=True)


def test_the_scenario_is_found_by_its_id_when_the_recorded_folder_is_gone(city: Path, tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    session = new_session(scenario=city)
    play(session, 2)
    saved = save_session(session, tmp_path / "saves")
    moved = tmp_path / "elsewhere" / "scenarios" / "harbour"
    moved.parent.mkdir(parents=True)
    city.rename(moved)
    monkeypatch.chdir(moved.parents[1])
    assert load_session(saved).scenario_path.resolve() == moved.resolve()
    shutil.rmtree(moved)
    with pytest.raises(SaveError, match=r"its scenario `harbour` was not found .*; say where it is with --scenario$"):
        load_session(saved)


def test_an_export_on_a_full_disk_keeps_the_old_file_and_leaves_no_temporary_file(tmp_path: Path,
                                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from game.saves import write_export

    out = tmp_path / "debrief.md"
    out.write_text("the debrief from before\n", encoding="utf-8")

    def full_disk(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("game.saves.files.os.replace", full_disk)
    with pytest.raises(SaveError, match=r"debrief.md: cannot write the debrief \(No space left on device\)$"):
        write_export(out, "a new debrief\n" * 1000)
    assert out.read_text(encoding="utf-8") == "the debrief from before\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["debrief.md"]


def test_exports_of_one_game_get_new_names_and_never_replace_a_file(tmp_path: Path) -> None:
    from game.saves import export_debrief

    session = new_session()
    session.group = "Table 4"
    first = export_debrief(session, tmp_path, "one\n")
    second = export_debrief(session, tmp_path, "two\n")
    assert first != second and first.read_text() == "one\n" and second.read_text() == "two\n"
    assert first.name.startswith("debrief-harbour-table-4-dockworker-partial-7-day1-")


def test_the_load_list_sweeps_what_a_killed_game_left(tmp_path: Path) -> None:
    _, path = autosaved(tmp_path, n=1)
    stale = tmp_path / f".{path.name}.999-deadbeef.tmp"
    stale.write_text("half a sa")
    old = time.time() - 600
    os.utime(stale, (old, old))
    list_saves(tmp_path)
    assert not stale.exists()
