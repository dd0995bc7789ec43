"""Benchmark: time to the first interactive screen, against a bare Textual hello-world app.

Run: python benchmarks/startup.py [--runs N] [--scenario S]
Each run is a fresh Python process, timed from its start until Textual's
`Ready` event: the first screen has been displayed and takes keys (headless;
the app prints READY then and exits). Runs of the two apps alternate so that a busy machine
slows both alike. The target: the game's median within 1.3× the hello-world's.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = 1.3

HELLO = """
from textual.app import App
from textual.widgets import Static

class Hello(App):
    def compose(self):
        yield Static("Hello, world")

    def on_ready(self):
        print("READY", flush=True)
        self.exit()

Hello().run(headless=True)
"""

# The same road as `python -m game`: the command-line parser, then the app's first screen.
# Textual sends `Ready` once the first frame has been displayed; the game's own `on_ready`
# only starts background work (compiling the city), which the player does not wait for.
GAME = """
import sys
from game.cli import build_parser

args = build_parser().parse_args(["play", *sys.argv[1:]])
from game.tui.launch import make_app
from game.tui.screens.title import TitleScreen

app = make_app(args)


class Timed(type(app)):
    def on_ready(self):
        assert isinstance(self.screen, TitleScreen)
        print("READY", flush=True)
        self.exit()


app.__class__ = Timed  # after __init__, so the styles are still found beside the real app
app.run(headless=True)
"""


def time_to_ready(code: str, extra: list[str]) -> float:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code, *extra], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.strip() == "READY":
            elapsed = time.perf_counter() - start
            break
    else:
        proc.wait()
        raise SystemExit(f"the app never became ready:\n{proc.stderr.read() if proc.stderr else ''}")
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs of each app (default 7)")
    parser.add_argument("--scenario", help="scenario for the game (default: the default city)")
    args = parser.parse_args()
    extra = ["--scenario", args.scenario] if args.scenario else []
    # One untimed run of each warms the file cache and the bytecode.
    time_to_ready(HELLO, [])
    time_to_ready(GAME, extra)
    hello: list[float] = []
    game: list[float] = []
    for _ in range(args.runs):
        hello.append(time_to_ready(HELLO, []))
        game.append(time_to_ready(GAME, extra))
    h, g = statistics.median(hello), statistics.median(game)
    ratio = g / h
    print(f"hello-world  median {h * 1000:6.0f} ms   min {min(hello) * 1000:6.0f} ms   ({args.runs} runs)")
    print(f"Good Standing median {g * 1000:6.0f} ms   min {min(game) * 1000:6.0f} ms   ({args.runs} runs)")
    verdict = "within" if ratio <= TARGET else "OVER"
    print(f"ratio {ratio:.2f}× ({verdict} the {TARGET}× target)")
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
