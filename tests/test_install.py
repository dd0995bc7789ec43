"""The game as a user installs it: a built wheel, in a fresh virtual environment, run from a
folder outside the checkout. The wheel must carry its cities (`scenarios/` ships as
`game/cities/`), so `validate` finds the default city by id and a headless season plays to
its end, word for word the season the checkout plays.

Slow (builds a wheel, makes a venv, installs the dependencies from the configured index).
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEASON = ["play", "--headless", "--policy", "random", "--seed", "1"]


def _run(command: list[str], cwd: Path, env: dict[str, str], timeout: float = 300) -> subprocess.CompletedProcess:
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, encoding="utf-8",
                            timeout=timeout)
    assert result.returncode == 0, f"{' '.join(command)} → {result.returncode}\n{result.stdout}\n{result.stderr}"
    return result


def _clean_env(saves: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME") and not k.startswith("GOOD_STANDING_")}
    env["GOOD_STANDING_SAVES"] = str(saves)
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    env["PYTHONIOENCODING"] = "utf-8"
    return env


def _venv_python(venv: Path) -> Path:
    return venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


@pytest.mark.slow
def test_built_wheel_carries_its_cities_and_plays_a_season_outside_the_checkout(tmp_path: Path) -> None:
    assert not tmp_path.resolve().is_relative_to(ROOT), "the install must happen outside the checkout"
    env = _clean_env(tmp_path / "saves")

    wheels = tmp_path / "wheels"  # built as the offline bundle builds it, from a clean copy of the checkout
    _run([sys.executable, str(ROOT / "scripts" / "bundle.py"), "--game-only", str(wheels)], tmp_path, env)
    (wheel,) = wheels.glob("good_standing-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for city_file in (ROOT / "scenarios").rglob("*"):
        if city_file.is_file() and city_file.suffix in (".yaml", ".md", ".txt"):
            assert "game/cities/" + city_file.relative_to(ROOT / "scenarios").as_posix() in names

    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", str(venv)], tmp_path, env)
    python = str(_venv_python(venv))
    _run([python, "-m", "pip", "install", "--quiet", str(wheel)], tmp_path, env)

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    where = _run([python, "-c", "import game.content.paths as p; print(p.game_scenarios())"], elsewhere, env)
    cities = Path(where.stdout.strip())
    assert cities.is_relative_to(venv.resolve()) or cities.is_relative_to(venv), cities
    assert cities.name == "cities"

    validated = _run([python, "-m", "game", "validate", "lanshui"], elsewhere, env)
    assert "lanshui: ok — Lanshui" in validated.stdout

    season = _run([python, "-m", "game", *SEASON], elsewhere, env)
    assert "The season is over:" in season.stdout
    from_checkout = _run([sys.executable, "-m", "game", *SEASON], ROOT, env)
    assert season.stdout == from_checkout.stdout

    # The browser face serves its own page (templates ship in the wheel) from the installed game.
    assert "game/web/templates/index.html" in names and "game/web/templates/notice.html" in names
    _serves_a_page(python, elsewhere, env)

    # An author's own folder, given as a path, plays from the installed game as it does from a checkout.
    authored = _run([python, "-m", "game", "play", "--headless", "--scenario", str(ROOT / "tests/scenarios/good"),
                     "--policy", "cautious", "--seed", "2"], elsewhere, env)
    assert "The season is over:" in authored.stdout


def _serves_a_page(python: str, cwd: Path, env: dict[str, str]) -> None:
    import signal
    import socket
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([python, "-m", "game", "serve", "--port", str(port)], cwd=cwd, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        assert server.stdout is not None
        first = server.stdout.readline()
        assert f"served at http://127.0.0.1:{port}/" in first, first + server.stdout.read()
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=30) as page:
            assert page.status == 200 and b"data-session-websocket-url" in page.read()
    finally:
        server.send_signal(signal.SIGINT)
        assert server.wait(30) == 0
