"""The folder scan never leaves the scenario folder, never blocks and never raises: each bad path is one line."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from game.content import loader
from game.content.city import open_city
from game.content.fingerprint import content_hash
from game.content.loader import check
from game.content.problems import ScenarioError, UnusableInput

REPO = Path(__file__).resolve().parent.parent
BASE = REPO / "tests" / "broken" / "_base"


@pytest.fixture()
def city(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    shutil.copytree(BASE, tmp_path / "city")
    return Path("city")


def lines(folder: Path) -> list[str]:
    scenario, problems = check(folder)
    assert scenario is None
    return [str(p) for p in problems]


def game(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, "-m", "game", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=60, env=env, stdin=subprocess.DEVNULL)


def test_a_link_to_a_file_outside_the_folder_is_refused_and_never_read(city: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.env"
    secret.write_text("AWS_SECRET_ACCESS_KEY: hunter2\n")
    (city / "cards").mkdir()
    (city / "cards" / "passwd.yaml").symlink_to("/etc/passwd")
    (city / "keys.yaml").symlink_to(secret)
    assert lines(city) == [
        "city/cards/passwd.yaml:1:1: a link to a file outside the scenario folder, which is not read: "
        "scenario files must be inside their folder",
        "city/keys.yaml:1:1: a link to a file outside the scenario folder, which is not read: "
        "scenario files must be inside their folder",
    ]
    result = game("validate", "city", cwd=tmp_path)
    assert result.returncode == 1 and "hunter2" not in result.stdout and "AWS" not in result.stdout
    result = game("play", "--headless", "--scenario", "city", "--policy", "random", cwd=tmp_path)
    assert result.returncode == 2 and len(result.stderr.splitlines()) == 1 and "hunter2" not in result.stderr


def test_a_link_inside_the_folder_is_read_as_the_file_it_names(city: Path) -> None:
    (city / "scenario.yaml").rename(city / "main.txt")
    (city / "scenario.yaml").symlink_to("main.txt")
    assert check(city)[1] == []


def test_links_to_folders_are_named_not_followed(city: Path, tmp_path: Path) -> None:
    (city / "sub").mkdir()
    (city / "again").symlink_to("sub")
    (city / "elsewhere").symlink_to(tmp_path)
    assert lines(city) == [
        "city/again:1:1: a link to a folder, which is not read: put the files themselves in the scenario folder",
        "city/elsewhere:1:1: a link to a folder outside the scenario folder, which is not read",
    ]


def test_folders_pipes_and_devices_with_a_scenario_name_are_named(city: Path) -> None:
    (city / "x.yaml").mkdir()
    os.mkfifo(city / "pipe.yaml")
    (city / "zero.yaml").symlink_to("/dev/zero")
    started = time.perf_counter()
    assert lines(city) == [
        "city/pipe.yaml:1:1: a named pipe, not a file: a scenario file is a regular file",
        "city/x.yaml:1:1: a folder with a scenario file's name; a scenario file is a file",
        "city/zero.yaml:1:1: a link to a file outside the scenario folder, which is not read: "
        "scenario files must be inside their folder",
    ]
    assert time.perf_counter() - started < 5  # a pipe is never opened for reading, so nothing waits on it


def test_scenario_yaml_as_a_folder_is_reported_as_such(city: Path) -> None:
    (city / "scenario.yaml").rename(city / "main.yaml")
    (city / "scenario.yaml").mkdir()
    assert lines(city) == ["city/scenario.yaml:1:1: a folder with a scenario file's name; a scenario file is a file"]


def test_links_that_cannot_be_followed_are_one_line_each(city: Path) -> None:
    (city / "long.yaml").symlink_to("a" * 300)
    (city / "loop.yaml").symlink_to("loop.yaml")
    (city / "gone.yaml").symlink_to("nowhere.yaml")
    assert lines(city) == [
        "city/gone.yaml:1:1: cannot follow the link: No such file or directory",
        "city/long.yaml:1:1: cannot follow the link: File name too long",
        "city/loop.yaml:1:1: cannot follow the link: Too many levels of symbolic links",
    ]


def test_an_unreadable_folder_is_named_once_with_no_follow_on_problems(city: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    # Root reads any folder, so the refusal the kernel gives other users is played here.
    (city / "cards").mkdir()
    real = os.scandir

    def scandir(path: object) -> object:
        if Path(str(path)).name == "cards":
            raise PermissionError(13, "Permission denied")
        return real(path)  # type: ignore[arg-type]

    monkeypatch.setattr(loader.os, "scandir", scandir)
    assert lines(city) == ["city/cards:1:1: cannot read the folder: Permission denied"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any folder")
def test_a_folder_listable_but_not_enterable_is_named(city: Path) -> None:  # pragma: no cover - not as root
    (city / "cards").mkdir()
    (city / "cards" / "more.yaml").write_text("flags: []\n")
    (city / "cards").chmod(0o644)
    try:
        assert len(lines(city)) == 1
    finally:
        (city / "cards").chmod(0o755)


def test_a_file_name_with_escapes_and_a_line_break_stays_one_line(city: Path) -> None:
    (city / "bad\x1b[31m\nname.yaml").write_text("flags:\n  - {id: fined}\n")
    problems = lines(city)
    assert problems and all(p.startswith("city/bad\\u001b[31m\\nname.yaml:") for p in problems)
    assert not any("\x1b" in p or "\n" in p for p in problems)


def test_the_scan_is_bounded(city: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loader, "MAX_SCAN_ENTRIES", 50)
    (city / "many").mkdir()
    for i in range(60):
        (city / "many" / f"{i}.txt").write_text("")
    with pytest.raises(UnusableInput, match=r"^city: more than 50 files and folders"):
        check(city)


def test_hidden_files_are_not_read(city: Path) -> None:
    (city / ".#scenario.yaml").symlink_to("/etc/passwd")  # an editor's lock file
    (city / ".git").mkdir()
    (city / ".git" / "x.yaml").write_text("nonsense: [")
    assert check(city)[1] == []


def test_the_root_of_the_disk_and_an_empty_path_are_one_line_and_exit_2(tmp_path: Path) -> None:
    for args, expected in (
        (["validate", "/"], "/: no scenario files (*.yaml) in this folder"),
        (["validate", ""], "an empty path is not a scenario folder: give a folder, a file or a city's id"),
    ):
        started = time.perf_counter()
        result = game(*args, cwd=tmp_path)
        assert time.perf_counter() - started < 30
        assert (result.returncode, result.stdout.strip(), result.stderr) == (2, expected, ""), args
    result = game("play", "--headless", "--scenario", "", "--policy", "random", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip() == ("good-standing play: an empty --scenario is not a scenario folder: "
                                     "give a folder, a file or a city's id")


def test_opening_a_city_with_an_unreadable_file_names_it(city: Path) -> None:
    os.mkfifo(city / "pipe.yaml")
    content_hash(city)  # the hash never opens the pipe
    with pytest.raises(ScenarioError, match="pipe.yaml:1:1: a named pipe"):
        open_city(city)
