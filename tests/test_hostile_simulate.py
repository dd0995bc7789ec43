"""simulate stops on Ctrl+C, workers included, and refuses a number of runs it could never finish."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from game.cli import run as cli_run

REPO = Path(__file__).resolve().parent.parent


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc to find the workers")
@pytest.mark.parametrize("to_group", [True, pytest.param(False, marks=pytest.mark.slow)],
                         ids=["ctrl-c-to-the-group", "sigint-to-the-main-process"])
def test_ctrl_c_stops_simulate_and_its_workers_at_once_with_exit_130(to_group: bool) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "game", "simulate", "--scenario", "tests/scenarios/good", "--runs", "200000",
         "--workers", "2", "--seed", "0"],
        cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 30
        while len(children(proc.pid)) < 2 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.05)
        assert len(children(proc.pid)) >= 2, "the workers never started"
        time.sleep(0.3)  # the workers are inside their first chunks
        sent = time.monotonic()
        (os.killpg if to_group else os.kill)(proc.pid, signal.SIGINT)
        _, err = proc.communicate(timeout=10)
        stopped = time.monotonic() - sent
    finally:
        if group_alive(proc.pid):
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == 130
    assert err.strip().splitlines()[-1] == "interrupted" and "Traceback" not in err
    assert stopped < 1.5  # a hang guard with room for a busy machine: it stops in about 0.1 s
    deadline = time.monotonic() + 2
    while group_alive(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not group_alive(proc.pid), "a worker was left running"


def test_runs_are_bounded(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        cli_run(["simulate", "--runs", "1000000000000"])
    assert caught.value.code == 2
    assert "at most 1,000,000 runs, not 1,000,000,000,000" in capsys.readouterr().err
