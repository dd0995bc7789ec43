"""Provides where scenarios are found: a path as given, or a scenario id under `scenarios/`.

The game's own cities (the default one among them) are the checkout's `scenarios/` folder.
A built wheel ships that folder inside the package as `game/cities/` (see setup.py), so an
installed game finds them there, from any working folder; a checkout, or an editable
install, finds them in `scenarios/` beside the package.
"""

from __future__ import annotations

import os
from pathlib import Path

from game.content.problems import UnusableInput

_GAME = Path(__file__).resolve().parents[1]

#: Where an installed wheel holds the game's cities.
PACKAGED_SCENARIOS = _GAME / "cities"
#: Where a checkout (or an editable install) holds them: `scenarios/` beside the package.
CHECKOUT_SCENARIOS = _GAME.parent / "scenarios"


def game_scenarios() -> Path | None:
    """The folder of the game's own cities, installed or in a checkout; None if neither is there."""
    for root in (PACKAGED_SCENARIOS, CHECKOUT_SCENARIOS):
        if root.is_dir():
            return root
    return None


def scenario_roots() -> list[Path]:
    """Where scenario ids are looked up, in order: ./scenarios (an author's own), then the game's cities."""
    roots = [Path.cwd() / "scenarios"] + [root for root in [game_scenarios()] if root is not None]
    seen: list[Path] = []
    for root in roots:
        if root.is_dir() and root.resolve() not in [s.resolve() for s in seen]:
            seen.append(root)
    return seen


def available_scenarios() -> dict[str, Path]:
    """Scenario ids (folder names) found under the scenarios folders."""
    found: dict[str, Path] = {}
    for root in scenario_roots():
        for folder in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))):
            found.setdefault(folder.name, folder)
    return found


def default_scenario() -> Path:
    """The scenario `python -m game` plays: $GOOD_STANDING_SCENARIO, scenarios/default.txt, or the only one."""
    wanted = os.environ.get("GOOD_STANDING_SCENARIO")
    if wanted:
        return resolve_scenario(wanted)
    for root in scenario_roots():
        marker = root / "default.txt"
        if marker.is_file():
            return resolve_scenario(marker.read_text(encoding="utf-8").strip())
    found = available_scenarios()
    if not found:
        raise UnusableInput("no scenarios found: run from the game's folder, or pass --scenario PATH")
    return next(iter(found.values()))


def lexists(path: Path) -> bool:
    """Whether anything (a broken link included) stands at `path`; a name too long or unreachable is nothing."""
    try:
        return os.path.lexists(path)
    except (OSError, ValueError):  # ValueError: a NUL in the name
        return False


def resolve_scenario(name: str | None) -> Path:
    """A scenario folder from a path or an id; raises UnusableInput with the choices."""
    if name is None:
        return default_scenario()
    if not name.strip():
        raise UnusableInput("an empty --scenario is not a scenario folder: give a folder, a file or a city's id")
    path = Path(name)
    if lexists(path):
        return path
    found = available_scenarios()
    if name in found:
        return found[name]
    known = ", ".join(found) or "none found"
    raise UnusableInput(f"{name}: no such scenario folder or id (known ids: {known})")
