"""Bad saves: each gives one line naming the file, exit 2 from `replay`, and is left exactly as it was.

The corpus under tests/saves/bad/ was made by tests/saves/make_corpus.py from a
real save; bad/expected.txt holds each file's reason as `replay` prints it.
"""

from __future__ import annotations

import atexit
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.cli import run
from game.saves import ReplayDiffers, SaveError, load_session

ROOT = Path(__file__).resolve().parents[1]
BAD = Path("tests/saves/bad")
FROZEN = "tests/saves/harbour"
FIXTURE = ROOT / "tests" / "saves" / "fixtures" / "format-2.json"
EXPECTED = dict(line.split(": ", 1) for line in (ROOT / BAD / "expected.txt").read_text(encoding="utf-8").splitlines())
CASES = sorted(p.name for p in (ROOT / BAD).iterdir() if p.name != "expected.txt")


def fingerprint(path: Path) -> tuple[Any, ...]:
    """What 'untouched' means: the same bytes, size and modification time (or the same folder listing)."""
    st_ = path.stat()
    if path.is_dir():
        return ("folder", sorted(p.name for p in path.iterdir()), st_.st_mtime_ns)
    return (path.read_bytes(), st_.st_size, st_.st_mtime_ns)


def test_the_corpus_covers_every_kind_of_damage() -> None:
    assert set(CASES) == set(EXPECTED) == {
        "a_folder.json", "action_impossible.json", "action_not_an_action.json", "corrupt_bytes.json",
        "duplicate_key.json", "empty.json", "missing_fields.json", "newer_format.json", "not_an_object.json",
        "not_json.json", "scenario_changed.json", "snapshot_edited.json", "truncated.json", "unknown_field.json",
        "wrong_scenario.json", "wrong_types.json"}


@pytest.mark.parametrize("case", CASES)
def test_a_bad_save_gives_its_one_line_reason_and_exit_2(case: str, monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(ROOT)
    path = BAD / case
    before = fingerprint(path)
    assert run(["replay", str(path), "--scenario", FROZEN]) == 2
    out, err = capsys.readouterr()
    hint = " (see --verify)" if case == "snapshot_edited.json" else ""
    assert (out, err) == ("", f"good-standing replay: {path}: {EXPECTED[case]}{hint}\n")
    assert fingerprint(path) == before


@pytest.mark.parametrize("case", CASES)
def test_verify_finds_a_changed_snapshot_and_refuses_the_rest(case: str, monkeypatch: pytest.MonkeyPatch,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(ROOT)
    path = BAD / case
    before = fingerprint(path)
    code = run(["replay", str(path), "--scenario", FROZEN, "--verify"])
    out, err = capsys.readouterr()
    if case == "snapshot_edited.json":
        assert (code, out, err) == (1, f"{path}: {EXPECTED[case]}\n", "")
    else:
        assert (code, out, err) == (2, "", f"good-standing replay: {path}: {EXPECTED[case]}\n")
    assert fingerprint(path) == before


def test_a_hand_edited_snapshot_is_dated_to_the_first_day_it_differs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    with pytest.raises(ReplayDiffers) as caught:
        load_session(BAD / "snapshot_edited.json", FROZEN)
    assert (caught.value.day, caught.value.detail) == (6, "vals.money is 80 in the replay, 999 in the snapshot")


def test_a_bad_save_from_the_real_command_line_is_one_line_and_no_traceback() -> None:
    out = subprocess.run([sys.executable, "-m", "game", "replay", str(BAD / "truncated.json"), "--scenario", FROZEN],
                         capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert (out.returncode, out.stdout) == (2, "")
    assert out.stderr == f"good-standing replay: {BAD / 'truncated.json'}: {EXPECTED['truncated.json']}\n"


def test_a_save_that_is_not_there_is_one_line_too(monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(ROOT)
    assert run(["replay", "tests/saves/bad/no_such_save.json"]) == 2
    assert capsys.readouterr().err == "good-standing replay: tests/saves/bad/no_such_save.json: no such save file\n"


# ------------------------------------------------------------------ fuzz

# The loader meets every byte string and every JSON value with SaveError, or a game.
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=12), inner, max_size=5),
    max_leaves=30,
)
FIELDS = ["format_version", "saved_at", "name", "scenario", "seed", "options", "summary", "actions", "start",
          "snapshot"]
GOOD_SAVE = json.loads(FIXTURE.read_text(encoding="utf-8"))
FUZZ_DIR = Path(tempfile.mkdtemp(prefix="good-standing-fuzz-"))  # hypothesis runs outlive function fixtures
atexit.register(shutil.rmtree, FUZZ_DIR, ignore_errors=True)


def try_to_load(raw: bytes) -> None:
    path = FUZZ_DIR / "fuzz.json"
    path.write_bytes(raw)
    for from_snapshot in (False, True):
        try:
            load_session(path, ROOT / FROZEN, from_snapshot=from_snapshot)
        except SaveError:
            pass
    assert path.read_bytes() == raw


FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(st.binary(max_size=300))
def test_arbitrary_bytes_give_only_save_errors(raw: bytes) -> None:
    try_to_load(raw)


@FUZZ
@given(json_values)
def test_arbitrary_json_gives_only_save_errors(value: Any) -> None:
    try_to_load(json.dumps(value).encode())


@FUZZ
@given(st.sampled_from(FIELDS), json_values)
def test_a_real_save_with_any_field_replaced_gives_only_save_errors_or_a_game(field: str, value: Any) -> None:
    try_to_load(json.dumps({**GOOD_SAVE, field: value}).encode())


@FUZZ
@given(st.sampled_from(sorted(GOOD_SAVE["snapshot"])), json_values)
def test_a_real_save_with_any_part_of_its_snapshot_replaced_gives_only_save_errors(key: str, value: Any) -> None:
    data = json.loads(json.dumps(GOOD_SAVE))
    data["snapshot"][key] = value
    try_to_load(json.dumps(data).encode())


@FUZZ
@given(st.lists(st.text(max_size=12) | st.sampled_from(["rest", "choose:1", "choose:2", "choose:9", "gate:loan",
                                                         "gate:ferry", "appeal:1", "appeal:99", "3", "0"]),
                max_size=40))
def test_a_real_save_with_any_action_list_gives_only_save_errors_or_a_game(actions: list[str]) -> None:
    try_to_load(json.dumps({**GOOD_SAVE, "actions": actions}).encode())


@FUZZ
@given(st.integers(min_value=0, max_value=4019), st.integers(min_value=0, max_value=255))
def test_a_real_save_with_any_byte_changed_gives_only_save_errors_or_a_game(at: int, byte: int) -> None:
    raw = bytearray(FIXTURE.read_bytes())
    raw[at % len(raw)] = byte
    try_to_load(bytes(raw))


def test_deep_nesting_and_huge_numbers_are_reasons_not_crashes(tmp_path: Path) -> None:
    for raw, reason in [(b"[" * 100_000, "not a Good Standing save (nested too deeply)"),
                        (b'{"format_version": 1' + b"1" * 5000 + b"}",
                         "not a Good Standing save (a number is too long)"),
                        (b'{"format_version": NaN}', "not a Good Standing save (NaN is not a number JSON allows)")]:
        path = tmp_path / "odd.json"
        path.write_bytes(raw)
        with pytest.raises(SaveError) as caught:
            load_session(path)
        assert str(caught.value) == f"{path}: {reason}"


@pytest.mark.skipif(os.name == "nt", reason="no FIFOs on Windows")
def test_a_special_file_is_refused_without_opening_it(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    with pytest.raises(SaveError, match="is not a regular file$"):
        load_session(fifo)


@pytest.mark.parametrize(("key", "value", "says"), [
    ("day", -5, "day -5 is not in a season of"),
    ("day", 400, "day 400 is not in a season of"),
    ("days", 0, "a season lasts 1 to 365 days, not 0"),
])
def test_a_snapshot_out_of_the_seasons_range_is_refused_from_the_snapshot_too(tmp_path: Path, key: str,
                                                                               value: int, says: str) -> None:
    """A state no replay vouches for is read only as the game could hold it (`debrief --from-snapshot`)."""
    data = json.loads(FIXTURE.read_text(encoding="utf-8"))
    data["snapshot"][key] = value
    path = tmp_path / "edited.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(SaveError, match=says):
        load_session(path, ROOT / FROZEN, from_snapshot=True)


def test_a_snapshot_with_a_stat_score_or_tier_out_of_its_range_is_refused(tmp_path: Path) -> None:
    data = json.loads(FIXTURE.read_text(encoding="utf-8"))
    for key, value, says in (("money", -300, "outside its range"), ("civic", 10**7, "outside its range"),
                             ("civic_tier", "ZZZ", "tier is 'ZZZ', which it does not have")):
        edited = json.loads(json.dumps(data))
        if key not in edited["snapshot"]["vals"]:
            pytest.skip(f"the fixture city has no `{key}`")
        edited["snapshot"]["vals"][key] = value
        path = tmp_path / f"{key}.json"
        path.write_text(json.dumps(edited), encoding="utf-8")
        with pytest.raises(SaveError, match=says):
            load_session(path, ROOT / FROZEN, from_snapshot=True)
