"""The served page in headless Chromium with the network cut: it renders, a group joins the room and plays.

Chromium is Debian's package (`.ci/run` installs it); Playwright drives it. The check runs in a
network namespace with only loopback (`unshare -rn`, no internet, no local network) where the
machine allows one, and everywhere with every host name resolving to nothing; either way every
request the page made is listed and must be to the server itself. Where Chromium or Playwright
is missing the test is skipped, unless GOOD_STANDING_BROWSER_TEST=required (as in CI): then it fails.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.web.web_helpers import ROOT

CHROMIUM = os.environ.get("GOOD_STANDING_CHROMIUM", "/usr/bin/chromium")
pytestmark = pytest.mark.slow


def _missing() -> str | None:
    if not Path(CHROMIUM).exists():
        return f"no Chromium at {CHROMIUM} (apt install chromium)"
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "Playwright is not installed (pip install -e '.[test]')"
    return None


def _namespace() -> list[str]:
    """The command prefix that cuts the network (a new namespace with only loopback), or [] if none is allowed."""
    if shutil.which("unshare") is None or shutil.which("ip") is None:
        return []
    probe = subprocess.run(["unshare", "-rn", "sh", "-c", "ip link set lo up"], capture_output=True)
    return ["unshare", "-rn", "sh", "-c", 'ip link set lo up && exec "$0" "$@"'] if probe.returncode == 0 else []


def test_the_page_renders_and_a_group_plays_with_the_network_cut(tmp_path: Path) -> None:
    missing = _missing()
    if missing:
        if os.environ.get("GOOD_STANDING_BROWSER_TEST") == "required":
            pytest.fail(missing)
        pytest.skip(missing)
    cut = _namespace()
    if not cut and os.environ.get("GOOD_STANDING_BROWSER_TEST") == "required":
        pytest.fail("no network namespace can be made here (unshare -rn), so the network cannot be cut")
    out = subprocess.run([*cut, sys.executable, str(ROOT / "tests" / "web" / "browser_check.py"), str(tmp_path)],
                         cwd=ROOT, capture_output=True, text=True, timeout=240)
    assert out.returncode == 0, out.stdout[-2000:] + out.stderr[-4000:]
    result = json.loads(out.stdout.strip().splitlines()[-1])
    origin = urlsplit(result["base"]).netloc
    outside = [u for u in result["requests"] if urlsplit(u).scheme not in ("data", "blob")
               and urlsplit(u).netloc != origin]
    assert outside == [], "the page asked for something outside the server"
    assert result["failed"] == []
    paths = {urlsplit(u).path for u in result["requests"]}
    assert {"/", "/static/js/textual.js", "/static/css/xterm.css"} <= paths
    assert any(p.startswith("/static/fonts/RobotoMono") for p in paths), "the font comes from the server"
    assert result["games"] == [{"group": "1 Owls", "actions": 1}], "the group's first answer is saved"
    assert f"Room {result['code']}" in result["room_page"] and "1 game from 1 group" in result["room_page"]
    for shot in result["shots"]:
        assert Path(shot).stat().st_size > 5_000  # a drawn screen, not an empty page
