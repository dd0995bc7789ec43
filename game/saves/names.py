"""Provides where saves live and what their files are called."""

from __future__ import annotations

import os
import re
from pathlib import Path

ENV_SAVES = "GOOD_STANDING_SAVES"
AUTOSAVE_PREFIX = "autosave-"
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


def named_save_path(folder: Path | str, name: str) -> Path:
    """Where a save named `name` goes: a safe file name made from it (ask before replacing one that exists)."""
    made = slug(name)
    if made.startswith(AUTOSAVE_PREFIX.rstrip("-")) or made.upper() in _RESERVED:
        made = f"save-{made}"
    return Path(folder) / f"{made}.json"


__all__ = ["AUTOSAVE_PREFIX", "BACKUP_SUFFIX", "ENV_SAVES", "backup_path", "named_save_path", "saves_dir", "slug"]
