"""Provides where saves live and what their files are called."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from game.saves.format import SaveFile

ENV_SAVES = "GOOD_STANDING_SAVES"
AUTOSAVE_PREFIX = "autosave-"
EXPORT_PREFIX = "debrief-"
BACKUP_SUFFIX = ".bak"

_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}


def saves_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The saves folder: `--saves DIR`, else $GOOD_STANDING_SAVES, else ./saves in a checkout, else user data."""
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get(ENV_SAVES)
    if env:
        return Path(env).expanduser()
    here = Path.cwd()
    if (here / "pyproject.toml").is_file() and (here / "game" / "__init__.py").is_file():
        return here / "saves"
    import platformdirs

    return Path(platformdirs.user_data_dir("good-standing", appauthor=False)) / "saves"


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + BACKUP_SUFFIX)


def slug(text: str, fallback: str = "save") -> str:
    """A safe, lower-case piece of a file name made from `text` (letters, digits, `.`, `_`, `-`)."""
    made = re.sub(r"[^\w.-]+", "-", text.strip().lower()).strip("-._")[:60].strip("-._")
    return made or fallback


def _group_part(group: str | None) -> str:
    return f"{slug(group, 'group')}-" if group else ""


def named_save_path(folder: Path | str, name: str, group: str | None = None) -> Path:
    """Where a save named `name` goes: a safe file name made from the group and the name (ask before replacing)."""
    made = _group_part(group) + slug(name)
    if made.startswith(AUTOSAVE_PREFIX.rstrip("-")) or made.startswith(EXPORT_PREFIX.rstrip("-")) \
            or made.upper() in _RESERVED:
        made = f"save-{made}"
    return Path(folder) / f"{made}.json"


def autosave_base(save: SaveFile) -> str:
    """An autosave's file name without `.json`: scenario, group, persona, seed and the game's own id."""
    return (f"{AUTOSAVE_PREFIX}{slug(save.scenario.id)}-{_group_part(save.group)}{slug(save.options.persona)}"
            f"-{save.seed}-{save.game_id[:8]}")


def export_base(save: SaveFile) -> str:
    """A debrief export's file name without `.md`: what tells one game's export from another's."""
    return (f"{EXPORT_PREFIX}{slug(save.scenario.id)}-{_group_part(save.group)}{slug(save.options.persona)}"
            f"-{save.options.opacity}-{save.seed}-day{save.summary.day}-{save.game_id[:8]}")


__all__ = ["AUTOSAVE_PREFIX", "BACKUP_SUFFIX", "ENV_SAVES", "EXPORT_PREFIX", "autosave_base", "backup_path",
           "export_base", "named_save_path", "saves_dir", "slug"]
