"""Provides saving a session: its save data, named saves, and the autosaver that keeps each game in a file of its own.

Every game has an id from its first moment. Its autosave file is created
exclusively (no other process can take the name, even at the same instant)
and named after the game, and every later write first checks, under a short
lock, that the file still holds exactly what this game last wrote there. If
somebody else wrote it meanwhile (the same save continued in two places),
this game goes on in a branch of its own file: nothing is ever written over.
"""

from __future__ import annotations

import contextlib
import os
import socket
import time
import weakref
from collections.abc import Callable, Iterator
from datetime import datetime, timezone
from pathlib import Path

from game.engine.actions import encode
from game.model.opacity import Opacity
from game.saves.errors import SaveError
from game.saves.files import create_exclusive, digest, is_save, sweep, write_atomic, write_save
from game.saves.format import (
    FORMAT_VERSION,
    Answer,
    BadSave,
    Options,
    RoomRef,
    RulesRef,
    SaveFile,
    ScenarioRef,
    Summary,
    dump_save,
    parse_save,
)
from game.saves.names import autosave_base, export_base, named_save_path
from game.session import Answer as SessionAnswer
from game.session import Session, new_game_id

#: A lock older than this was left by a process that died while saving (a save takes milliseconds).
LOCK_STALE_SECONDS = 10.0
#: How long a save waits for another process's save of the same file to finish.
LOCK_WAIT_SECONDS = 5.0


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
        game_id=session.game_id,
        group=session.group,
        branch_of=session.branch_of,
        name=name,
        room=RoomRef(code=session.room, round=session.round or 1) if session.room else None,
        before=_answer(session.before),
        after=_answer(session.after),
        scenario=ScenarioRef(id=meta.id, version=meta.version, title=meta.title,
                             content_hash=session.city.content_hash, path=str(Path(session.scenario_path).resolve()),
                             rules=_rules_ref(session)),
        seed=session.seed,
        options=Options(persona=session.persona, opacity=Opacity(session.opacity).value, days=session.days),
        summary=Summary(day=state.day, days=state.days, persona_name=persona.name, over=state.over, ending=ending,
                        actions=len(session.actions)),
        actions=[encode(a) for a in session.actions],
        start=session.start.to_dict() if session.start is not None else None,
        snapshot=state.to_dict(),
    )


def _rules_ref(session: Session) -> RulesRef | None:
    city = session.city
    if city.pack is None:
        return None
    return RulesRef(id=city.pack, path=str(Path(city.pack_folder).resolve()) if city.pack_folder else None)


def _answer(answer: SessionAnswer | None) -> Answer | None:
    return None if answer is None else Answer(scale=answer.scale, text=answer.text)


def _checked_bytes(path: Path, save: SaveFile) -> bytes:
    """The file's bytes, read back before anything is written: a save that would not load is never written."""
    data = dump_save(save)
    try:
        if parse_save(data) != save:
            raise BadSave("it would not read back the same")
    except BadSave as exc:  # a bug, but it must not cost the player the save they have
        raise SaveError(path, f"not saved: the new save is not valid ({exc})") from None
    return data


def claim_new(folder: Path, base: str, data: bytes, suffix: str = ".json") -> Path:
    """Create `<base>.json` (or `<base>-2.json`, …) exclusively with `data`; returns the file made."""
    for n in range(1, 1000):
        path = folder / (f"{base}{suffix}" if n == 1 else f"{base}-{n}{suffix}")
        try:
            create_exclusive(path, data)
        except FileExistsError:
            continue
        except OSError as exc:
            raise SaveError(path, f"not saved: {exc.strerror or exc}") from None
        return path
    raise SaveError(folder / f"{base}.json", "not saved: a thousand files already have this game's name")


# ------------------------------------------------------------------ the short lock around a write


def _lock_path(path: Path) -> Path:
    return path.with_name(f".{path.name}.lock")


def _stale(lock: Path) -> bool:
    try:
        text = lock.read_text(encoding="utf-8", errors="replace")
        age = time.time() - lock.stat().st_mtime
    except OSError:
        return False
    host, _, pid = text.partition(" ")
    if host == socket.gethostname() and pid.strip().isdigit():
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            return True  # its process is gone
        except OSError:
            pass
    return age > LOCK_STALE_SECONDS


@contextlib.contextmanager
def file_lock(path: Path) -> Iterator[None]:
    """Hold `.<file>.lock` while checking and replacing `path`: one writer at a time, across processes."""
    lock = _lock_path(path)
    deadline = time.monotonic() + LOCK_WAIT_SECONDS
    mark = f"{socket.gethostname()} {os.getpid()}".encode()
    while True:
        try:
            create_exclusive(lock, mark, durable=False)  # whole at once: a lock never lacks its owner
        except FileExistsError:
            if _stale(lock):
                with contextlib.suppress(OSError):
                    lock.unlink()
                continue
            if time.monotonic() > deadline:
                raise SaveError(path, "not saved: another game has been saving this file for seconds "
                                      f"(if no game is running, remove {lock.name})") from None
            time.sleep(0.01)
            continue
        except OSError as exc:
            raise SaveError(path, f"not saved: {exc.strerror or exc}") from None
        break
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            lock.unlink()


# ------------------------------------------------------------------ saving


def save_session(session: Session, folder: Path | str, name: str | None = None, *,
                 now: datetime | None = None) -> Path:
    """Save the session now: under `name` if given (a named save, replacing one of that name), else as a new
    file of this game's own (use an `Autosaver` to keep saving one game into one file). Returns the file."""
    folder = Path(folder)
    save = session_save(session, name, now=now)
    if name is None:
        path = claim_new(folder, autosave_base(save), _checked_bytes(folder, save))
    else:
        path = named_save_path(folder, name, session.group)
        write_save(path, save)
        session.name = name
    return path


def export_debrief(session: Session, folder: Path | str, text: str) -> Path:
    """Write a debrief's Markdown as a new file named after the game; never replaces a file. Returns it."""
    return claim_new(Path(folder), export_base(session_save(session)), text.encode("utf-8"), ".md")


def write_export(path: Path | str, text: str) -> None:
    """Write a debrief to the file the user named: whole or not at all (the old file is kept on failure)."""
    path = Path(path)
    try:
        write_atomic(path, text.encode("utf-8"))
    except OSError as exc:
        raise SaveError(path, f"cannot write the debrief ({exc.strerror or exc})") from None


class Autosaver:
    """A session listener that writes the game's autosave after every action, into the game's own file.

    `session.listeners.append(Autosaver(folder))`; call it once yourself right after
    starting or loading a game to have a save before the first action. A save that
    fails raises `SaveError` from `session.act` (the action itself has happened),
    unless `on_error` is given, which is then called with the error instead; `error`
    holds the last failure until a save succeeds again. When the file turns out to have
    been written by another process (the same save continued in two places), the game
    goes on as a branch in a new file and `on_branch` is called with it.
    """

    def __init__(self, folder: Path | str, on_error: Callable[[SaveError], None] | None = None,
                 on_branch: Callable[[Path], None] | None = None) -> None:
        self.folder = Path(folder)
        self.on_error = on_error
        self.on_branch = on_branch
        self.path: Path | None = None  # the game's file, once made
        self.error: SaveError | None = None  # the last failure, until a save succeeds again
        self.branched: Path | None = None  # the branch's file, if this game had to go on apart
        self._digest: str | None = None  # sha256 of the bytes this game last wrote to `path`
        self._session: weakref.ref[Session] | None = None

    def __call__(self, session: Session) -> None:
        try:
            if self._session is None or self._session() is not session:
                self._session = weakref.ref(session)
                self.path, self._digest = None, None
                origin = session.origin
                if origin is not None and origin[0].parent.resolve() == self.folder.resolve():
                    self.path, self._digest = origin
            self._write(session)
        except SaveError as exc:
            self.error = exc
            if self.on_error is None:
                raise
            self.on_error(exc)
        else:
            self.error = None

    def _write(self, session: Session) -> None:
        save = session_save(session)
        if self.path is None:
            data = _checked_bytes(self.folder, save)
            self.path = claim_new(self.folder, autosave_base(save), data)
            self._digest = digest(data)
            session.origin = (self.path, self._digest)
            return
        path = self.path
        data = _checked_bytes(path, save)
        with file_lock(path):
            try:
                current = path.read_bytes()
            except FileNotFoundError:
                current = None
            except OSError as exc:
                raise SaveError(path, f"not saved: {exc.strerror or exc}") from None
            ours = current is not None and digest(current) == self._digest
            # Another save there (the same game continued elsewhere, or another game): never written over.
            theirs = current is not None and not ours and is_save(current)
            if not theirs:
                try:
                    if current is None:
                        create_exclusive(path, data)  # removed meanwhile: made again, unless another game took it
                    else:  # ours: it becomes the backup; damaged: replaced, the good backup kept
                        write_atomic(path, data, keep_backup=ours, known_good=ours)
                except FileExistsError:
                    theirs = True
                except OSError as exc:
                    raise SaveError(path, f"not saved: {exc.strerror or exc}") from None
        if theirs:
            self._branch(session)
            return
        self._digest = digest(data)
        session.origin = (path, self._digest)
        sweep(path)

    def _branch(self, session: Session) -> None:
        """Another process wrote this game's file: this game goes on apart, in a file of its own."""
        session.branch_of, session.game_id = session.game_id, new_game_id()
        save = session_save(session)
        data = _checked_bytes(self.folder, save)
        self.path = claim_new(self.folder, autosave_base(save), data)
        self._digest = digest(data)
        session.origin = (self.path, self._digest)
        self.branched = self.path
        if self.on_branch is not None:
            self.on_branch(self.path)


__all__ = ["LOCK_STALE_SECONDS", "Autosaver", "claim_new", "export_debrief", "file_lock", "save_session",
           "session_save", "write_export"]
