"""Build an offline bundle: a folder of wheels that installs Good Standing with no network.

    python scripts/bundle.py OUT                 # the game and every dependency, for every platform below
    python scripts/bundle.py OUT --game-only     # just the game's own wheel (what the install test uses)

The folder holds the game's wheel (its cities inside it) and, for Linux (x86_64, aarch64),
macOS (Intel, Apple silicon) and Windows (x64) under CPython 3.11, 3.12 and 3.13, every
dependency as a wheel, fetched with `pip download --only-binary=:all:` (so nothing is
compiled on the day). Only `pydantic-core` is built per platform; the rest are pure Python
and shared. On the day, with the network off:

    python3 -m venv gs && . gs/bin/activate && pip install --no-index --find-links OUT good-standing

(the README's "Installing without a network" has the macOS and Windows lines). Building the
bundle needs the network (or a package index pip is configured for) and a Python ≥ 3.11 with pip.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: What building the game's wheel reads; a copy of just these keeps a stale build/ out of the wheel.
BUILD_INPUTS = ["pyproject.toml", "setup.py", "README.md", "game", "scenarios"]

#: A room's machines: a name, and the oldest platform tag each accepts. pip also takes every
#: older tag of the same family (manylinux_2_17 … , macOS 10.12 …), so the wheels fetched run on
#: glibc 2.17 or newer, macOS 10.12 (Intel) or 11 (Apple silicon) or newer, and 64-bit Windows.
PLATFORMS = {
    "linux-x86_64": "manylinux_2_17_x86_64",
    "linux-aarch64": "manylinux_2_17_aarch64",
    "macos-x86_64": "macosx_10_12_x86_64",
    "macos-arm64": "macosx_11_0_arm64",
    "windows-amd64": "win_amd64",
}
PYTHONS = ["3.11", "3.12", "3.13"]

INSTALL_TXT = """\
Good Standing, offline. Install with no network, from the folder that holds `{here}`:

Linux and macOS:
  python3 -m venv gs && . gs/bin/activate && pip install --no-index --find-links {here} good-standing
  python -m game
Windows (PowerShell or cmd):
  py -m venv gs
  gs\\Scripts\\activate
  pip install --no-index --find-links {here} good-standing
  python -m game

Built for CPython {pythons} on {platforms}.
"""


def pip(*args: str) -> None:
    command = [sys.executable, "-m", "pip", *args]
    print("bundle:", " ".join(command), flush=True)
    subprocess.run(command, check=True)


def build_game_wheel(out: Path) -> Path:
    """The game's own wheel, built from a clean copy of the checkout, into `out`."""
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="good-standing-build-") as tmp:
        source = Path(tmp) / "source"
        source.mkdir()
        for name in BUILD_INPUTS:
            if (ROOT / name).is_dir():
                shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
            else:
                shutil.copy2(ROOT / name, source / name)
        for old in out.glob("good_standing-*.whl"):
            old.unlink()
        pip("wheel", "--no-deps", "--wheel-dir", str(out), str(source))
    (wheel,) = out.glob("good_standing-*.whl")
    return wheel


def download_dependencies(wheel: Path, out: Path, platforms: list[str], pythons: list[str]) -> None:
    """Every dependency of `wheel` as a binary wheel, for each platform and Python, into `out`."""
    for name in platforms:
        for version in pythons:
            pip("download", "--only-binary=:all:", "--dest", str(out), "--platform", PLATFORMS[name],
                "--python-version", version, "--implementation", "cp", str(wheel))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build a folder of wheels that installs the game offline.")
    parser.add_argument("out", type=Path, help="the folder to fill (made if missing)")
    parser.add_argument("--game-only", action="store_true", help="build only the game's own wheel")
    parser.add_argument("--platform", action="append", choices=sorted(PLATFORMS), dest="platforms",
                        help="only this platform (repeatable; default: all)")
    parser.add_argument("--python", action="append", choices=PYTHONS, dest="pythons",
                        help="only this CPython version (repeatable; default: all)")
    args = parser.parse_args(argv)
    out: Path = args.out.resolve()
    try:
        wheel = build_game_wheel(out)
        if not args.game_only:
            platforms = args.platforms or list(PLATFORMS)
            pythons = args.pythons or PYTHONS
            download_dependencies(wheel, out, platforms, pythons)
            (out / "INSTALL.txt").write_text(INSTALL_TXT.format(here=out.name, pythons=", ".join(pythons),
                                                                platforms=", ".join(platforms)), encoding="utf-8")
    except subprocess.CalledProcessError as exc:
        print(f"bundle: {' '.join(map(str, exc.cmd))} failed (exit {exc.returncode}); see pip's message above",
              file=sys.stderr)
        return 1
    wheels = sorted(out.glob("*.whl"))
    size = sum(w.stat().st_size for w in wheels)
    print(f"bundle: {out}: {len(wheels)} wheels, {size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
