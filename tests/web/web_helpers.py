"""A `python -m game serve` process for a test: started on a free port, stopped with Ctrl+C (SIGINT)."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def process_tree(pid: int) -> list[int]:
    """Every process under `pid` (children, their children, …), read from /proc."""
    parents: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            parents.setdefault(int(stat.rsplit(")", 1)[1].split()[1]), []).append(int(entry))
    out, todo = [], [pid]
    while todo:
        for child in parents.get(todo.pop(), []):
            out.append(child)
            todo.append(child)
    return out


def state(pid: int) -> str | None:
    """A process's state letter (R, S, Z for a zombie…), or None once it is gone."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return None


@dataclass
class Served:
    process: subprocess.Popen[str]
    base: str  # http://127.0.0.1:PORT
    token: str | None
    lines: list[str]  # what it printed on start
    saves: Path

    def stop(self, timeout: float = 20.0) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
                raise AssertionError("serve did not stop within 20 s of Ctrl+C") from None
        return self.process.returncode


def serve(saves: Path, *args: str, env: dict[str, str] | None = None) -> Served:
    """Start `python -m game serve --saves SAVES ARGS…` on a free port; returns once it says it serves."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "game", "serve", "--saves", str(saves), "--port", str(port), *args],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, **(env or {})})
    lines: list[str] = []
    deadline = time.monotonic() + 60
    assert process.stdout is not None
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            raise AssertionError("serve ended before serving: " + "".join(lines))
        lines.append(line.rstrip("\n"))
        if line.startswith("Ctrl+C stops"):
            break
    found = re.search(r"served at http://[^:/]+:(\d+)/(\?token=([\w-]+))?", "\n".join(lines))
    assert found, lines
    stream = process.stdout

    def drain() -> None:  # what it prints later (a tab's messages) must never fill the pipe and stall it
        for line in stream:
            lines.append(line.rstrip("\n"))

    threading.Thread(target=drain, daemon=True).start()
    return Served(process, f"http://127.0.0.1:{found.group(1)}", found.group(3), lines, saves)
