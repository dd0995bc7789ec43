"""A room of browser tabs against `serve`, beside plain textual-serve serving the same game, in one run.

    python benchmarks/serve.py [--clients 30] [--keys 60] [--only ours|plain]

For each server, on a fresh port and saves folder:
1. `--clients` websocket clients speaking textual-serve's protocol (game.web.client, as a browser
   tab speaks it) join at once; each waits for its full first screen (the title's menu through
   "Quit"). Figure: the time from the start until the last of them has it.
2. Each presses Enter (the persona chooser opens), then one key a second (down, up, down, …),
   each client at its own phase in the second. Figure: key → screen, the time from a key sent to
   the first frame drawn after it; median, p95 and the slowest.
3. Memory after the keys: the proportional set size (PSS: a page shared by n processes counts 1/n
   to each, so copy-on-write sharing is counted once) of the server and every process under it.
Then the server gets SIGINT and the script checks that no process under it is left.

Plain textual-serve is `textual_serve.server.Server` with the command `python -m game.web.session …`:
a fresh interpreter per tab that imports Textual and compiles the city. Ours is
`python -m game serve`, which forks each tab from a process that has done both once.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import shlex
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.web.client import open_tab  # noqa: E402
from game.web.session import TabOptions  # noqa: E402
from tests.web.web_helpers import free_port, process_tree  # noqa: E402  (the tests' own, one way to count)

GOALS = {"joins": 3.0, "p95": 0.200, "memory": 1.5 * 2**30}
FIRST_SCREEN = ("New game", "How to play", "Quit")


def memory(pid: int) -> tuple[int, int, int]:
    """(PSS, RSS, processes) of `pid` and everything under it, in bytes."""
    pss = rss = n = 0
    for p in [pid, *process_tree(pid)]:
        try:
            for line in Path(f"/proc/{p}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    pss += int(line.split()[1]) * 1024
                elif line.startswith("Rss:"):
                    rss += int(line.split()[1]) * 1024
            n += 1
        except OSError:
            pass
    return pss, rss, n


def start(kind: str, port: int, saves: str) -> subprocess.Popen[bytes]:
    if kind == "ours":
        argv = [sys.executable, "-m", "game", "serve", "--port", str(port), "--saves", saves, "--max-sessions", "100"]
    else:
        command = f"{shlex.quote(sys.executable)} -m game.web.session {shlex.quote(TabOptions(saves=saves).to_json())}"
        code = ("import logging, sys; from textual_serve.server import Server; "
                f"Server({command!r}, host='127.0.0.1', port={port}).serve()")
        argv = [sys.executable, "-c", code]
    return subprocess.Popen(argv, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


async def wait_listening(port: int, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            _, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.close()
            return
        except OSError:
            await asyncio.sleep(0.1)
    raise TimeoutError(f"nothing listens on port {port}")


async def one_client(http: aiohttp.ClientSession, base: str, t0: float, keys: int, go: asyncio.Event,
                     latencies: list[float], joined: list[float], measured: asyncio.Event) -> None:
    tab, reader = await open_tab(http, base)
    t = await tab.wait_for(*FIRST_SCREEN, timeout=120)
    joined.append(t - t0)
    await go.wait()
    await asyncio.sleep(random.random())  # each tab at its own phase in the second
    n = len(tab.frames)
    await tab.key("enter")
    await tab.wait_for("Back", since=n, timeout=60)  # the persona chooser
    for i in range(keys):
        tick = time.perf_counter()
        n = len(tab.frames)
        await tab.key("down" if i % 2 == 0 else "up")
        arrived = await tab.wait_frame(n, timeout=60)
        latencies.append(arrived - tick)
        await asyncio.sleep(max(0.0, 1.0 - (time.perf_counter() - tick)))
    await measured.wait()  # every tab stays open until the memory has been read
    await tab.ws.close()
    await reader


async def measure(kind: str, clients: int, keys: int) -> dict[str, float]:
    port = free_port()
    with tempfile.TemporaryDirectory() as saves:
        server = start(kind, port, saves)
        try:
            await wait_listening(port)
            await asyncio.sleep(1.0 if kind == "ours" else 0.5)  # ours: the app server preloads first
            base = f"http://127.0.0.1:{port}"
            idle, _, _ = memory(server.pid)  # the server (and ours: its app server) before any tab
            latencies: list[float] = []
            joined: list[float] = []
            go, measured = asyncio.Event(), asyncio.Event()
            async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=None)) as http:
                t0 = time.perf_counter()
                tasks = [asyncio.create_task(one_client(http, base, t0, keys, go, latencies, joined, measured))
                         for _ in range(clients)]
                while len(joined) < clients:
                    await asyncio.sleep(0.05)
                    failed = [t for t in tasks if t.done() and t.exception()]
                    if failed:
                        raise failed[0].exception()  # type: ignore[misc]
                last_join = max(joined)
                go.set()
                # memory is read once every client has sent all its keys (before they close)
                while len(latencies) < clients * keys:
                    await asyncio.sleep(0.2)
                    failed = [t for t in tasks if t.done() and t.exception()]
                    if failed:
                        raise failed[0].exception()  # type: ignore[misc]
                pss, rss, processes = memory(server.pid)
                under = process_tree(server.pid)
                measured.set()
                await asyncio.gather(*tasks)
        finally:
            server.send_signal(signal.SIGINT)
            try:
                server.wait(20)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
    time.sleep(0.5)
    left = [p for p in under if Path(f"/proc/{p}").exists()]
    latencies.sort()
    return {"joins": last_join, "p50": statistics.median(latencies),
            "p95": latencies[int(0.95 * (len(latencies) - 1))], "max": latencies[-1],
            "pss": pss, "rss": rss, "processes": processes, "left": len(left), "idle": idle,
            "per_tab": (pss - idle) / clients, "per_gib": 2**30 / ((pss - idle) / clients)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=30)
    parser.add_argument("--keys", type=int, default=60)
    parser.add_argument("--only", choices=("ours", "plain"))
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    kinds = [args.only] if args.only else ["plain", "ours"]
    results = {}
    for kind in kinds:
        print(f"{kind}: {args.clients} clients, {args.keys} keys each…", file=sys.stderr, flush=True)
        results[kind] = asyncio.run(measure(kind, args.clients, args.keys))
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    names = {"plain": "plain textual-serve", "ours": "game serve (preloaded)"}
    rows = [
        ("last of the joins (s)", "joins", lambda v: f"{v:.2f}", f"≤ {GOALS['joins']:.0f}"),
        ("key → screen p50 (ms)", "p50", lambda v: f"{v * 1000:.0f}", ""),
        ("key → screen p95 (ms)", "p95", lambda v: f"{v * 1000:.0f}", f"≤ {GOALS['p95'] * 1000:.0f}"),
        ("key → screen max (ms)", "max", lambda v: f"{v * 1000:.0f}", ""),
        ("memory, PSS (GiB)", "pss", lambda v: f"{v / 2**30:.2f}", "≤ 1.5"),
        ("memory, RSS summed (GiB)", "rss", lambda v: f"{v / 2**30:.2f}", ""),
        ("memory before any tab (MiB)", "idle", lambda v: f"{v / 2**20:.0f}", ""),
        ("memory per tab, PSS (MiB)", "per_tab", lambda v: f"{v / 2**20:.1f}", ""),
        ("tabs per GiB", "per_gib", lambda v: f"{v:.0f}", ""),
        ("processes", "processes", lambda v: f"{v:.0f}", ""),
        ("left after SIGINT", "left", lambda v: f"{v:.0f}", "0"),
    ]
    head = f"{'':28}" + "".join(f"{names[k]:>24}" for k in kinds) + f"{'goal':>10}"
    print(head)
    for label, key, fmt, goal in rows:
        print(f"{label:28}" + "".join(f"{fmt(results[k][key]):>24}" for k in kinds) + f"{goal:>10}")
    if len(kinds) == 2:
        p, o = results["plain"], results["ours"]
        print(f"ours against plain: joins ×{p['joins'] / o['joins']:.1f} faster, key p95 ×{p['p95'] / o['p95']:.1f}, "
              f"memory ×{p['pss'] / o['pss']:.1f} less")
    if "ours" in results:
        o = results["ours"]
        met = o["joins"] <= GOALS["joins"] and o["p95"] <= GOALS["p95"] and o["pss"] <= GOALS["memory"]
        print("goals met" if met and not o["left"] else "GOALS NOT MET")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
