"""Provides the load list: every save in a folder, newest first, with the ones that cannot be read."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from game.model.text import shown
from game.saves.errors import SaveError
from game.saves.files import read_save, sweep_folder
from game.saves.format import SaveFile
from game.saves.names import backup_path


@dataclass(frozen=True)
class SaveInfo:
    """One line of the load list."""

    path: Path
    scenario: str
    scenario_title: str | None
    persona: str
    persona_name: str
    day: int
    days: int
    over: bool
    ending: str | None
    saved_at: datetime
    name: str | None
    autosave: bool
    actions: int = 0
    backup: bool = False  # read from `<file>.bak` because the file itself is damaged
    game_id: str = ""
    group: str | None = None
    opacity: str = ""
    seed: int = 0
    branch_of: str | None = None
    room: str | None = None  # the workshop room's code, and the round, if it was played in one
    round: int | None = None

    @classmethod
    def of(cls, path: Path, save: SaveFile, backup: bool = False) -> SaveInfo:
        s = save.summary
        # A save may come from anywhere (a shared room folder): its words are shown as letters, never as orders
        # to the terminal, so each control character is written out here, where the list's words are made.
        def text(value: str | None) -> str | None:
            return None if value is None else shown(value)

        return cls(path, save.scenario.id, text(save.scenario.title), save.options.persona, shown(s.persona_name),
                   s.day, s.days, s.over, text(s.ending), save.saved_time, text(save.name), save.name is None,
                   s.actions, backup, save.game_id, text(save.group), save.options.opacity, save.seed, save.branch_of,
                   save.room.code if save.room else None, save.room.round if save.room else None)

    def label(self) -> str:
        """e.g. `Table 4 · Ma Jun · opaque · seed 12 · day 3 of 14 · “before the loan” · Lanshui · saved 2025-03-01 14:05`.

        Everything that tells one game from another in a shared folder: group, persona,
        opacity, seed, how far, the name if given, and when it was saved.
        """
        where = self.scenario_title or self.scenario
        when = self.saved_at.astimezone().strftime("%Y-%m-%d %H:%M")
        day = f"over: {self.ending}" if self.over and self.ending else ("over" if self.over else
                                                                         f"day {self.day} of {self.days}")
        parts = [self.group or "", self.persona_name, self.opacity, f"seed {self.seed}", day,
                 f"“{self.name}”" if self.name else "", "a branch" if self.branch_of else "", where,
                 f"saved {when}" + (" (from its backup)" if self.backup else "")]
        return " · ".join(p for p in parts if p)


@dataclass
class SaveList:
    """The saves in a folder, newest first, and the files that could not be read."""

    saves: list[SaveInfo] = field(default_factory=list)
    broken: list[SaveError] = field(default_factory=list)


def scan_saves(folder: Path | str) -> SaveList:
    """Every save in `folder`. A damaged file is listed in `broken`; if its backup is good, the backup is listed."""
    folder = Path(folder)
    found = SaveList()
    try:
        if not folder.is_dir():
            return found
        paths = sorted(folder.glob("*.json"))
    except OSError as exc:
        found.broken.append(SaveError(folder, f"the saves folder cannot be read ({exc.strerror or exc})"))
        return found
    sweep_folder(folder)
    order: dict[Path, int] = {}
    for path in paths:
        try:
            found.saves.append(SaveInfo.of(path, read_save(path)))
        except SaveError as exc:
            bak = backup_path(path)
            try:
                found.saves.append(SaveInfo.of(bak, read_save(bak), backup=True))
                exc = SaveError(exc.path, exc.reason, backup=bak)
            except SaveError:
                pass
            found.broken.append(exc)
    for info in found.saves:
        with contextlib.suppress(OSError):
            order[info.path] = info.path.stat().st_mtime_ns
    found.saves.sort(key=lambda i: (i.saved_at, order.get(i.path, 0), i.path.name), reverse=True)
    return found


def list_saves(folder: Path | str) -> list[SaveInfo]:
    """The saves in `folder`, newest first; unreadable files are left out (see `scan_saves`)."""
    return scan_saves(folder).saves


def latest_save(folder: Path | str, *, unfinished: bool = False, group: str | None = None) -> SaveInfo | None:
    """The newest save (what `continue` resumes); with `unfinished`, the newest whose season is not over;
    with `group`, the newest of that group's games (groups are compared as written, ignoring case)."""
    wanted = group.casefold() if group else None
    for info in list_saves(folder):
        if unfinished and info.over:
            continue
        if wanted is not None and (info.group or "").casefold() != wanted:
            continue
        return info
    return None


__all__ = ["SaveInfo", "SaveList", "latest_save", "list_saves", "scan_saves"]
