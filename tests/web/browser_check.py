"""Plays into a room in headless Chromium through `serve --lan`; run by tests/web/test_browser.py.

    python tests/web/browser_check.py OUT_DIR

Usually run in a network namespace that has only loopback (`unshare -rn`), so the network is cut
for real. Chromium is Debian's (/usr/bin/chromium), driven by Playwright; every request the page
makes is recorded. Prints one JSON object: the requests, the screenshots taken, what was saved.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.web.web_helpers import serve  # noqa: E402

CHROMIUM = os.environ.get("GOOD_STANDING_CHROMIUM", "/usr/bin/chromium")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--disable-default-apps",
         # names resolve to nothing: a request to any host but the server's own address fails at once
         "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"]


def saves_in(folder: Path) -> list[dict]:
    return [json.loads(p.read_text()) for p in sorted(folder.glob("*.json")) if p.name != "room.json"]


def wait(until, timeout: float = 30.0, what: str = "") -> None:  # noqa: ANN001
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if until():
            return
        time.sleep(0.1)
    raise TimeoutError(what)


def main(out: Path) -> dict:
    from playwright.sync_api import sync_playwright

    saves = out / "saves"
    saves.mkdir(parents=True, exist_ok=True)
    made = subprocess.run([sys.executable, "-m", "game", "room", "new", "--groups", "4", "--seed", "3",
                           "--season", "short", "--rounds", "opaque", "--saves", str(saves)],
                          cwd=ROOT, capture_output=True, text=True, check=True)
    [room] = list((saves / "rooms").iterdir())
    code = json.loads((room / "room.json").read_text())["code"]
    served = serve(saves, "--lan", "--host", "127.0.0.1", "--room", code)
    requests: list[str] = []
    failed: list[str] = []
    shots: list[str] = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
            context = browser.new_context(viewport={"width": 1000, "height": 640})
            page = context.new_page()
            page.on("request", lambda r: requests.append(r.url))
            page.on("requestfailed", lambda r: failed.append(r.url))

            def shot(name: str) -> None:
                path = out / f"{len(shots) + 1}-{name}.png"
                page.screenshot(path=str(path))
                shots.append(str(path))

            page.goto(f"{served.base}/?token={served.token}")
            page.wait_for_selector("body.-first-byte", timeout=30_000)
            time.sleep(1.0)
            shot("join")
            page.click("#terminal")
            page.keyboard.type("1 Owls")
            page.keyboard.press("Enter")
            wait(lambda: saves_in(room), what="no save after joining")
            time.sleep(1.5)
            shot("intro")
            page.keyboard.press("Enter")
            time.sleep(1.5)
            shot("table")
            page.keyboard.press("1")
            wait(lambda: any(s["actions"] for s in saves_in(room)), what="the first answer was not saved")
            time.sleep(1.0)
            shot("answered")
            room_page = context.new_page()  # the same browser: the game page's cookie lets it in
            room_page.set_viewport_size({"width": 1280, "height": 720})
            room_page.on("request", lambda r: requests.append(r.url))
            room_page.goto(f"{served.base}/room")  # the cookie from the game's page lets it in
            shot_room = out / f"{len(shots) + 1}-room.png"
            room_page.screenshot(path=str(shot_room))
            shots.append(str(shot_room))
            room_text = room_page.inner_text("body")
            browser.close()
    finally:
        served.process.send_signal(signal.SIGINT)
        served.process.wait(20)
    games = saves_in(room)
    return {"base": served.base, "code": code, "requests": requests, "failed": failed, "shots": shots,
            "games": [{"group": g.get("group"), "actions": len(g["actions"])} for g in games],
            "room_page": room_text[:400], "made": made.stdout[-200:]}


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]))))
