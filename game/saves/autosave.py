"""Provides saving a session: the save data of a game as it is now, named saves, and the autosaver."""

from __future__ import annotations

import contextlib
import weakref
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

from game.engine.actions import encode
from game.model.scenario import Opacity
from game.saves.errors import SaveError
from game.saves.files import read_save, write_save
from game.saves.format import FORMAT_VERSION, Options, SaveFile, ScenarioRef, Summary
from game.saves.names import AUTOSAVE_PREFIX, backup_path, named_save_path, slug
from game.session import Session


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="microseconds").replace("+00:00", "Z")


def session_save(session: Session, name: str | None = None, *, now: datetime | None = None) -> SaveFile:
    """The save of a session as it is now (nothing written)."""
    book, state = session.book, session.state
    meta = book.scenario.scenario
    persona = book.scenario.persona(session.persona)
    ending = book.ending_info[state.ending].title if state.ending and state.ending in book.ending_info else None
    saved_at = _now() if now is None else now.astimezone(timezone.utc).isoformat().replace("+00:00", "Z")
    return SaveFile(
        format_version=FORMAT_VERSION,
        saved_at=saved_at,
        name=name,
        scenario=ScenarioRef(id=meta.id, version=meta.version, title=meta.title,
                             content_hash=session.city.content_hash, path=str(Path(session.scenario_path).resolve())),
        seed=session.seed,
        options=Options(persona=session.persona, opacity=Opacity(session.opacity).value, days=session.days),
        summary=Summary(day=state.day, days=state.days, persona_name=persona.name, over=state.over, ending=ending,
                        actions=len(session.actions)),
        actions=[encode(a) for a in session.actions],
        start=session.start.to_dict() if session.start is not None else None,
        snapshot=state.to_dict(),
    )


def _continues(existing: SaveFile, new: SaveFile) -> bool:
    """Whether `new` is the same game as `existing`, played on: overwriting loses nothing."""
    return (existing.name is None and existing.scenario.id == new.scenario.id
            and existing.scenario.content_hash == new.scenario.content_hash and existing.seed == new.seed
            and existing.options == new.options and existing.start == new.start
            and new.actions[:len(existing.actions)] == existing.actions)


def _autosave_path(folder: Path, save: SaveFile) -> Path:
    """The game's own autosave file: the first one it continues, else the first free name.

    A game loaded from an earlier save and played differently gets a file of its own,
    so the later game in the old file is not lost.
    """
    base = f"{AUTOSAVE_PREFIX}{slug(save.scenario.id)}-{slug(save.options.persona)}-{save.seed}"
    try:
        return _free_or_ours(folder, base, save)
    except OSError as exc:
        raise SaveError(folder / f"{base}.json", f"not saved: {exc.strerror or exc}") from None


def _free_or_ours(folder: Path, base: str, save: SaveFile) -> Path:
    for n in range(1, 1000):
        path = folder / (f"{base}.json" if n == 1 else f"{base}-{n}.json")
        taken, owner = False, None
        for candidate in (path, backup_path(path)):
            if candidate.exists() or candidate.is_symlink():
                taken = True
                with contextlib.suppress(SaveError):  # unreadable: not provably ours, so leave it be
                    owner = read_save(candidate)
                break
        if not taken or (owner is not None and _continues(owner, save)):
            return path
    raise SaveError(folder / f"{base}.json", "not saved: too many autosaves of this game")


def save_session(session: Session, folder: Path | str, name: str | None = None, *,
                 now: datetime | None = None) -> Path:
    """Save the session: under `name` if given (a named save), else as the game's autosave. Returns the file."""
    folder = Path(folder)
    save = session_save(session, name, now=now)
    if name is None:
        path = _autosave_path(folder, save)
    else:
        path = named_save_path(folder, name)
    write_save(path, save)
    if name is not None:
        session.name = name
    return path


class Autosaver:
    """A session listener that writes the game's autosave after every action.

    `session.listeners.append(Autosaver(folder))`; call it once yourself right after
    starting or loading a game to have a save before the first action. A save that
    fails raises `SaveError` from `session.act` (the action itself has happened),
    unless `on_error` is given, which is then called with the error instead.
    """

    def __init__(self, folder: Path | str, on_error: Callable[[SaveError], None] | None = None) -> None:
        self.folder = Path(folder)
        self.on_error = on_error
        self.path: Path | None = None  # the autosave file, once known
        self.error: SaveError | None = None  # the last failure, until a save succeeds again
        self._session: weakref.ref[Session] | None = None

    def __call__(self, session: Session) -> None:
        try:
            save = session_save(session)
            if self.path is None or self._session is None or self._session() is not session:
                self.path = _autosave_path(self.folder, save)
                self._session = weakref.ref(session)
            write_save(self.path, save)
        except SaveError as exc:
            self.error = exc
            if self.on_error is None:
                raise
            self.on_error(exc)
        else:
            self.error = None


__all__ = ["Autosaver", "save_session", "session_save"]
