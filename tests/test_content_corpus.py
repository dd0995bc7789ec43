"""The broken-scenario corpus: every way a scenario can be wrong is reported, with its place."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from game.content.loader import check
from game.content.yaml_reader import MAX_FILE_BYTES

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "tests" / "broken"
CASES = sorted(p.name for p in CORPUS.iterdir() if p.is_dir() and not p.name.startswith("_"))


@pytest.fixture(autouse=True)
def _from_the_repo_root(monkeypatch: pytest.MonkeyPatch) -> None:
    # Problems name files relative to the working folder, as the CLI prints them.
    monkeypatch.chdir(REPO)


def expected_lines(case: str) -> list[str]:
    return (CORPUS / case / "expected.txt").read_text(encoding="utf-8").splitlines()


def validate(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "game", "validate", *args],
        cwd=REPO, capture_output=True, text=True, timeout=120, env=env,
    )


@dataclass(frozen=True)
class Ran:
    returncode: int
    stdout: str
    stderr: str


def validate_here(capsys: pytest.CaptureFixture[str], *args: str) -> Ran:
    """`validate` run in this process, through the same entry point (a real process: `validate` above)."""
    from game.__main__ import main

    capsys.readouterr()
    try:
        code = main(["validate", *args])
    except SystemExit as exc:  # argparse's own exits
        code = int(exc.code or 0)
    out = capsys.readouterr()
    return Ran(code, out.out, out.err)


# ------------------------------------------------------------------ the corpus through check()


def test_the_base_every_case_is_copied_from_is_clean() -> None:
    scenario, problems = check(Path("tests/broken/_base"))
    assert problems == []
    assert scenario is not None and scenario.scenario.id == "tiny"


@pytest.mark.parametrize("case", CASES)
def test_each_broken_scenario_reports_exactly_its_expected_problems(case: str) -> None:
    scenario, problems = check(Path("tests/broken") / case)
    assert scenario is None
    assert [str(p) for p in problems] == expected_lines(case)


def test_several_problems_in_several_files_are_all_reported_in_one_run() -> None:
    _, problems = check(Path("tests/broken/several_problems_many_files"))
    assert {Path(p.file).name for p in problems} == {"cards.yaml", "endings.yaml", "rules.yaml", "scenario.yaml"}
    assert len(problems) == 7


def test_unreadable_files_and_refused_items_in_several_files_are_all_reported_in_one_run() -> None:
    _, problems = check(Path("tests/broken/several_problems_reading"))
    assert {Path(p.file).name for p in problems} == {"cards.yaml", "endings.yaml", "rules.yaml"}
    assert len(problems) == 5


def test_problems_are_listed_by_file_then_line() -> None:
    _, problems = check(Path("tests/broken/several_problems_many_files"))
    assert problems == sorted(problems, key=lambda p: (p.file, p.line, p.col, p.message))


def test_the_corpus_covers_at_least_28_ways_to_be_wrong() -> None:
    assert len(CASES) >= 28
    for case in CASES:
        assert (CORPUS / case / "expected.txt").is_file(), f"{case} has no expected.txt"


# ------------------------------------------------------------------ hostile files


def test_the_alias_bomb_is_refused_without_hanging() -> None:
    started = time.perf_counter()
    _, problems = check(Path("tests/broken/alias_bomb"))
    # A hang guard, not a benchmark: expanding the aliases would need gigabytes.
    assert time.perf_counter() - started < 5
    assert [p.message for p in problems] == ["anchors (`&a`) are not allowed; write the value out"]


def test_a_ten_megabyte_file_is_refused_by_its_size_without_being_read(tmp_path: Path) -> None:
    shutil.copytree(CORPUS / "_base", tmp_path / "city")
    huge = tmp_path / "city" / "huge.yaml"
    line = b"  - {id: filler, name: Filler flag that pads the file out}\n"
    with huge.open("wb") as out:
        out.write(b"flags:\n")
        while out.tell() < 10 * 1024 * 1024:
            out.write(line)
    size = huge.stat().st_size
    started = time.perf_counter()
    _, problems = check(tmp_path / "city")
    assert time.perf_counter() - started < 5
    assert [str(p) for p in problems] == [
        f"{huge}:1:1: the file is {size:,} bytes; a scenario file may be at most {MAX_FILE_BYTES:,}"
    ]


def test_a_folder_with_a_huge_file_beside_a_good_scenario_is_not_otherwise_reported(tmp_path: Path) -> None:
    # The consistency checks wait for every file: a missing file could hold anything.
    shutil.copytree(CORPUS / "_base", tmp_path / "city")
    (tmp_path / "city" / "huge.yaml").write_bytes(b"#" * (MAX_FILE_BYTES + 1))
    _, problems = check(tmp_path / "city")
    assert len(problems) == 1 and "a scenario file may be at most" in problems[0].message


# ------------------------------------------------------------------ the same through the command line


def test_validate_prints_every_expected_line_and_exits_1_for_the_whole_corpus() -> None:
    result = validate(*(f"tests/broken/{case}" for case in CASES))
    assert result.returncode == 1, result.stderr
    printed = result.stdout.splitlines()
    for case in CASES:
        for line in expected_lines(case):
            assert line in printed, f"{case}: {line!r} was not printed"
    assert "Traceback" not in result.stdout + result.stderr


@pytest.mark.parametrize("case", ["yaml_syntax_error", "python_tag", "alias_bomb", "condition_string_bomb", "not_utf8"])
def test_validate_refuses_a_hostile_or_broken_scenario_with_exit_1_and_no_traceback(case: str, capsys: pytest.CaptureFixture[str]) -> None:
    result = validate_here(capsys, f"tests/broken/{case}")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        *expected_lines(case),
        f"tests/broken/{case}: {len(expected_lines(case))} problem{'s' if len(expected_lines(case)) > 1 else ''}",
    ]
    assert "Traceback" not in result.stdout + result.stderr


def test_validate_json_lists_every_problem_of_every_scenario(capsys: pytest.CaptureFixture[str]) -> None:
    result = validate_here(capsys, "--json", "tests/broken/several_problems_many_files", "tests/scenarios/good")
    assert result.returncode == 1
    report = json.loads(result.stdout)["scenarios"]
    broken, good = report
    assert broken["ok"] is False
    assert [f"{p['file']}:{p['line']}:{p['col']}: {p['message']}" for p in broken["problems"]] == expected_lines(
        "several_problems_many_files"
    )
    assert good["ok"] is True and good["problems"] == []


def test_validate_exits_2_for_a_path_that_does_not_exist(capsys: pytest.CaptureFixture[str]) -> None:
    result = validate_here(capsys, "tests/broken/no_such_case")
    assert result.returncode == 2
    assert result.stdout.strip() == "tests/broken/no_such_case: no such file or folder"
    assert "Traceback" not in result.stdout + result.stderr


def test_validate_exits_2_for_a_folder_with_no_scenario_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "notes.txt").write_text("not a scenario\n")
    result = validate_here(capsys, str(tmp_path))
    assert result.returncode == 2
    assert result.stdout.strip() == f"{tmp_path}: no scenario files (*.yaml) in this folder"
    assert "Traceback" not in result.stdout + result.stderr


def test_validate_exits_2_when_one_of_several_paths_is_unusable_even_if_another_has_problems(capsys: pytest.CaptureFixture[str]) -> None:
    result = validate_here(capsys, "tests/broken/wrong_type", "tests/broken/no_such_case")
    assert result.returncode == 2
    assert expected_lines("wrong_type")[0] in result.stdout.splitlines()


def test_validate_exits_0_for_the_good_scenario(capsys: pytest.CaptureFixture[str]) -> None:
    result = validate_here(capsys, "tests/scenarios/good")
    assert result.returncode == 0, result.stdout
    assert result.stdout.startswith("tests/scenarios/good: ok")
