"""`python -m game serve` as a room uses it: real server processes, real websocket clients (textual-serve's protocol).

Each test starts its own server (a few seconds each), so most are `slow`: the full run (CI) has them all,
the fast loop one server start and the command line's mistakes.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import aiohttp
import pytest

from game.web.client import open_tab
from tests.web.web_helpers import ROOT, Served, process_tree, serve, state

FIRST = ("New game", "How to play", "Quit")  # the title screen, drawn whole


def run(coro):  # noqa: ANN001, ANN201
    return asyncio.run(coro)


def room_code(saves: Path, groups: int = 4, *season: str) -> str:
    out = subprocess.run([sys.executable, "-m", "game", "room", "new", "--groups", str(groups), "--seed", "7",
                          *(season or ("--season", "short")), "--rounds", "opaque", "--saves", str(saves)],
                         cwd=ROOT, capture_output=True, text=True, check=True)
    for folder in (saves / "rooms").iterdir():
        return json.loads((folder / "room.json").read_text())["code"]
    raise AssertionError(out.stdout + out.stderr)


@pytest.fixture
def saves(tmp_path: Path) -> Path:
    folder = tmp_path / "saves"
    folder.mkdir()
    return folder


def game_saves(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.json") if p.name != "room.json")


# ------------------------------------------------------------------ addresses, token, cap


def test_local_by_default_and_stops_on_ctrl_c(saves: Path) -> None:
    served = serve(saves)
    try:
        assert served.token is None
        assert "served at http://127.0.0.1:" in served.lines[0]
        assert any("Only this computer" in line for line in served.lines)

        async def go() -> str:
            async with aiohttp.ClientSession() as http:
                async with http.get(served.base + "/") as r:
                    assert r.status == 200
                    page = await r.text()
                tab, reader = await open_tab(http, served.base)
                await tab.wait_for(*FIRST)
                await tab.ws.close()
                await reader
                return page

        page = run(go())
        assert 'data-session-websocket-url="ws://127.0.0.1:' in page
    finally:
        assert served.stop() == 0


@pytest.mark.slow  # a real server and its tabs: in CI's full run, not the fast loop
def test_lan_needs_the_token_everywhere(saves: Path) -> None:
    served = serve(saves, "--lan", "--host", "127.0.0.1")
    token = served.token
    assert token and len(token) >= 16
    assert any("█" in line or "▀" in line for line in served.lines), "a QR code is printed"
    try:
        async def go() -> None:
            # a browser keeps a cookie from a numeric address; aiohttp only when told to
            async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as http:
                for path in ("/", "/ws", "/room", "/static/js/textual.js", "/download/x", f"/?token={token}x"):
                    async with http.get(served.base + path) as r:
                        assert r.status == 403, path
                        assert "token" in await r.text()
                async with http.get(served.base + f"/?token={token}") as r:
                    assert r.status == 200
                    assert r.cookies.get("good_standing_token") is not None
                # the page's script, font and websocket then go on the cookie, as a browser's do
                async with http.get(served.base + "/static/js/textual.js") as r:
                    assert r.status == 200
                tab, reader = await open_tab(http, served.base)
                await tab.wait_for(*FIRST)
                await tab.ws.close()
                await reader
            async with aiohttp.ClientSession() as stranger:  # no cookie: the websocket is refused
                with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                    await stranger.ws_connect(served.base.replace("http", "ws") + "/ws")
                assert refused.value.status == 403

        run(go())
    finally:
        assert served.stop() == 0


@pytest.mark.slow  # a real server and its tabs: in CI's full run, not the fast loop
def test_a_full_room_says_so(saves: Path) -> None:
    served = serve(saves, "--max-sessions", "2")
    try:
        async def go() -> None:
            async with aiohttp.ClientSession() as http:
                tabs = [await open_tab(http, served.base) for _ in range(2)]
                for tab, _ in tabs:
                    await tab.wait_for(*FIRST)
                async with http.get(served.base + "/") as r:
                    assert r.status == 503
                    page = await r.text()
                    assert "The room is full" in page and "All 2 places" in page and 'http-equiv="refresh"' in page
                with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                    await http.ws_connect(served.base.replace("http", "ws") + "/ws")
                assert refused.value.status == 503
                tab, reader = tabs[0]
                await tab.ws.close()
                await reader
                for _ in range(100):  # the place is given back
                    async with http.get(served.base + "/") as r:
                        if r.status == 200:
                            break
                    await asyncio.sleep(0.05)
                assert r.status == 200
                third, reader3 = await open_tab(http, served.base)
                await third.wait_for(*FIRST)
                for tab, reader in [tabs[1], (third, reader3)]:
                    await tab.ws.close()
                    await reader

        run(go())
    finally:
        assert served.stop() == 0


# ------------------------------------------------------------------ a room


async def join(http: aiohttp.ClientSession, served: Served, group: str):  # noqa: ANN201
    tab, reader = await open_tab(http, served.base)
    await tab.wait_for("Your group", timeout=30)
    n = len(tab.frames)
    await tab.type(group)
    await tab.key("enter")
    return tab, reader, n


@pytest.mark.slow  # a real server and its tabs: in CI's full run, not the fast loop
def test_room_tab_closed_mid_season_goes_on_and_the_room_page_shows_it(saves: Path) -> None:
    code = room_code(saves)
    served = serve(saves, "--room", code)
    assert any("/room" in line for line in served.lines)
    folder = saves / "rooms" / code
    try:
        async def go() -> None:
            async with aiohttp.ClientSession() as http:
                tab, reader, n = await join(http, served, "1 Kestrels")
                await tab.wait_for("Begin", since=n, timeout=30)  # the season's intro
                n = len(tab.frames)
                await tab.key("enter")
                await tab.wait_for("Day 1", since=n, timeout=30)
                n = len(tab.frames)
                await tab.key("1")  # answer the first card
                await tab.wait_frame(n)
                for _ in range(100):
                    if any(json.loads(p.read_text())["actions"] for p in game_saves(folder)):
                        break
                    await asyncio.sleep(0.05)
                await tab.ws.close()  # the tab is closed mid-season
                await reader
                [save] = game_saves(folder)
                played = json.loads(save.read_text())
                assert played["actions"] and played["group"] == "1 Kestrels"

                again, reader2, n = await join(http, served, "1 Kestrels")
                # the notice (its words wrap in the toast) and the table where the group left it
                await again.wait_for("Going on", "Choose 1", since=n, timeout=30)
                await again.ws.close()
                await reader2
                assert game_saves(folder) == [save], "the group's game goes on in its own file"

                async with http.get(served.base + "/room") as r:
                    assert r.status == 200
                    page = await r.text()
                assert code in page and 'http-equiv="refresh"' in page
                assert "1 game from 1 group: 0 finished, 1 still playing" in page

        run(go())
    finally:
        assert served.stop() == 0


@pytest.mark.slow  # a real server and its tabs: in CI's full run, not the fast loop
def test_room_page_counts_the_games_in_the_folder(saves: Path) -> None:
    """The page is the room report of the folder: checked against a count of the save files themselves."""
    code = room_code(saves)
    served = serve(saves, "--room", code)
    try:
        async def go() -> tuple[str, str]:
            async with aiohttp.ClientSession() as http:
                async with http.get(served.base + "/room") as r:
                    before = await r.text()
                for group in ("2", "3"):
                    tab, reader, n = await join(http, served, group)
                    await tab.wait_for("Begin", since=n, timeout=30)
                    await tab.ws.close()
                    await reader
                async with http.get(served.base + "/room") as r:
                    return before, await r.text()

        before, after = run(go())
        games = game_saves(saves / "rooms" / code)
        assert len(games) == 2  # independent count: two groups joined, two files
        assert "0 games from 0 groups" in before
        assert f"{len(games)} games from 2 groups: 0 finished, 2 still playing" in after
        assert "No game here from groups 1, 4" in after
    finally:
        assert served.stop() == 0


@pytest.mark.slow  # a real server and its tabs: in CI's full run, not the fast loop
def test_the_debrief_export_downloads_through_the_server(saves: Path) -> None:
    code = room_code(saves, 2, "--days", "1", "--scenario", str(ROOT / "tests" / "scenarios" / "good"))
    served = serve(saves, "--room", code)
    try:
        async def go() -> str:
            async with aiohttp.ClientSession() as http:
                tab, reader, n = await join(http, served, "1")
                await tab.wait_for("Begin", since=n, timeout=30)
                await tab.key("enter")
                begun = len(tab.frames)
                for _ in range(40):  # answer every card with its first choice until the debrief
                    await tab.key("1")
                    await asyncio.sleep(0.3)
                    if "e Export" in "".join(tab.texts[begun:]):
                        break
                await tab.wait_for("Goals", "e Export", since=begun, timeout=10)
                await tab.key("e")
                for _ in range(100):
                    if any("deliver_file_start" in m for m in tab.strings):
                        break
                    await asyncio.sleep(0.05)
                [key] = [json.loads(m)[1] for m in tab.strings if "deliver_file_start" in m]
                async with http.get(served.base + f"/download/{key}") as r:
                    assert r.status == 200
                    assert r.headers["Content-Disposition"].startswith('attachment; filename="debrief-')
                    body = await r.text()
                await tab.ws.close()
                await reader
                return body

        body = run(go())
        [copy] = list((saves / "rooms" / code).glob("debrief-*.md"))
        assert body == copy.read_text(encoding="utf-8") and "## The ledger" in body
    finally:
        assert served.stop() == 0


# ------------------------------------------------------------------ robust


@pytest.mark.slow  # a real server and its tabs: in CI's full run, not the fast loop
def test_one_tab_crashing_touches_no_other(saves: Path) -> None:
    served = serve(saves)
    try:
        async def go() -> None:
            async with aiohttp.ClientSession() as http:
                a, reader_a = await open_tab(http, served.base)
                await a.wait_for(*FIRST)
                before = set(process_tree(served.process.pid))
                b, reader_b = await open_tab(http, served.base)
                await b.wait_for(*FIRST)
                [b_pid] = set(process_tree(served.process.pid)) - before
                os.kill(b_pid, signal.SIGKILL)  # tab b's app dies
                await asyncio.wait_for(reader_b, 10)  # its websocket is closed: the page says the window closed
                assert b.closed
                n = len(a.frames)
                await a.key("enter")  # tab a plays on
                await a.wait_for("Back", since=n)
                c, reader_c = await open_tab(http, served.base)  # and new tabs still start
                await c.wait_for(*FIRST)
                for tab, reader in ((a, reader_a), (c, reader_c)):
                    await tab.ws.close()
                    await reader

        run(go())
    finally:
        assert served.stop() == 0


@pytest.mark.slow  # a real server and its tabs: in CI's full run, not the fast loop
def test_ctrl_c_leaves_no_process_behind(saves: Path) -> None:
    served = serve(saves)

    async def go() -> list[int]:
        async with aiohttp.ClientSession() as http:
            tabs = [await open_tab(http, served.base) for _ in range(3)]
            for tab, _ in tabs:
                await tab.wait_for(*FIRST)
            tree = process_tree(served.process.pid)
            assert len(tree) >= 4, tree  # the app server and three tabs
            served.process.send_signal(signal.SIGINT)
            for _, reader in tabs:
                await asyncio.wait_for(reader, 20)
            return tree

    tree = run(go())
    assert served.process.wait(20) == 0
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(state(p) is not None for p in tree):
        time.sleep(0.05)
    assert {p: state(p) for p in tree if state(p) is not None} == {}, "orphans or zombies left"


@pytest.mark.slow  # a real server and its tabs: in CI's full run, not the fast loop
def test_garbage_and_floods_are_bounded(saves: Path) -> None:
    served = serve(saves)
    try:
        async def go() -> None:
            async with aiohttp.ClientSession() as http:
                calm, calm_reader = await open_tab(http, served.base)
                await calm.wait_for(*FIRST)
                # garbage: not the protocol at all
                junk, junk_reader = await open_tab(http, served.base)
                await junk.wait_for(*FIRST)
                for message in ("not json", "{}", "[]", "[1, 2]", '["stdin", 5]', '["resize", "big"]',
                                '["resize", {"width": 99999999, "height": -4}]', '["nothing", 1]', "[" * 20_000):
                    await junk.ws.send_str(message)
                await junk.ws.send_bytes(b"\x00\xff" * 100)
                n = len(junk.frames)
                await junk.key("down")  # it still plays: a few bad messages are ignored
                await junk.wait_frame(n)
                for _ in range(60):  # many: the socket is closed
                    await junk.ws.send_str("garbage")
                await asyncio.wait_for(junk_reader, 10)
                assert junk.ws.close_code == 1008
                # too large a message: closed by the size limit
                big, big_reader = await open_tab(http, served.base)
                await big.wait_for(*FIRST)
                await big.ws.send_str(json.dumps(["stdin", "x" * 100_000]))
                await asyncio.wait_for(big_reader, 10)
                assert big.ws.close_code == 1009
                # a flood of keys, as fast as the socket takes them
                flood, flood_reader = await open_tab(http, served.base)
                await flood.wait_for(*FIRST)
                for _ in range(5000):
                    await flood.ws.send_str('["stdin", "\\u001b[B"]')
                # meanwhile the calm tab answers a key in good time
                n = len(calm.frames)
                tick = time.perf_counter()
                await calm.key("enter")
                await calm.wait_for("Back", since=n, timeout=10)
                assert time.perf_counter() - tick < 5
                for tab, reader in ((calm, calm_reader), (flood, flood_reader)):
                    await tab.ws.close()
                    await reader

        run(go())
        rss = int(next(line for line in Path(f"/proc/{served.process.pid}/status").read_text().splitlines()
                       if line.startswith("VmRSS:")).split()[1])
        assert rss < 200_000, f"the server holds {rss} KiB after the flood"
    finally:
        assert served.stop() == 0


# ------------------------------------------------------------------ mistakes on the command line


@pytest.mark.parametrize(("args", "words"), [
    (["--room", "nonsense"], "--room:"),
    (["--token", "short"], "--token: at least 8"),
    (["--scenario", "no-such-city"], "no-such-city"),
    (["--max-sessions", "0"], "--max-sessions"),
])
def test_bad_options_are_one_line_exit_2(saves: Path, args: list[str], words: str) -> None:
    out = subprocess.run([sys.executable, "-m", "game", "serve", "--saves", str(saves), *args], cwd=ROOT,
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 2
    assert words in out.stderr and len(out.stderr.strip().splitlines()) == 1 and "Traceback" not in out.stderr


@pytest.mark.slow  # a real server and its tabs: in CI's full run, not the fast loop
def test_a_port_in_use_is_one_line(saves: Path) -> None:
    served = serve(saves)
    try:
        port = served.base.rsplit(":", 1)[1]
        out = subprocess.run([sys.executable, "-m", "game", "serve", "--saves", str(saves), "--port", port],
                             cwd=ROOT, capture_output=True, text=True, timeout=60)
        assert out.returncode == 2 and f"port {port} is in use" in out.stderr
        assert len(out.stderr.strip().splitlines()) == 1
        # and no app server is left behind by the one that could not listen
    finally:
        assert served.stop() == 0
