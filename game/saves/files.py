"""Provides save files on disk: reading one, and writing one atomically with a backup of the last good one.

Writing: the new bytes go to a temporary file in the same folder, are flushed
and fsynced, the current file (if it is a good save) becomes `<file>.bak`, and
the temporary file replaces the current one with `os.replace`. A reader (or a
crash at any moment) sees either the old save or the new one, never half of
one, and a damaged file is never rotated over a good backup.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import secrets
import time
from pathlib import Path

from game.saves.errors import SaveError
from game.saves.format import MAX_SAVE_BYTES, BadSave, SaveFile, dump_save, parse_save
from game.saves.names import BACKUP_SUFFIX, backup_path

#: A temporary file this old was left by a process that died while saving; it is removed.
STALE_TEMP_SECONDS = 60.0


def read_save(path: Path | str) -> SaveFile:
    """Read and validate a save file, without its scenario or any replay. Raises SaveError."""
    return read_save_bytes(path)[0]


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_save_bytes(path: Path | str) -> tuple[SaveFile, bytes]:
    """A save file read and validated, with the bytes it was read from. Raises SaveError."""
    path = Path(path)
    try:
        if path.is_dir():
            raise SaveError(path, "is a folder, not a save file")
        if path.exists() and not path.is_file():
            raise SaveError(path, "is not a regular file")
        with open(path, "rb") as f:
            raw = f.read(MAX_SAVE_BYTES + 1)
    except FileNotFoundError:
        raise SaveError(path, "no such save file") from None
    except OSError as exc:
        raise SaveError(path, f"cannot be read ({exc.strerror or exc})") from None
    try:
        return parse_save(raw), raw
    except BadSave as exc:
        raise SaveError(path, str(exc)) from None


def is_save(data: bytes) -> bool:
    """Whether these bytes are a readable save."""
    try:
        parse_save(data)
    except BadSave:
        return False
    return True


def is_good(path: Path) -> bool:
    try:
        read_save(path)
    except SaveError:
        return False
    return True


def fsync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable; not possible (nor needed) on Windows."""
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def temp_for(path: Path) -> Path:
    return path.with_name(f".{path.name}.{os.getpid()}-{secrets.token_hex(4)}.tmp")


def write_new(path: Path, data: bytes, durable: bool = True) -> None:
    """Write a file that did not exist, all the way to the disk (fails if anything has the name)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o644)
    with os.fdopen(fd, "wb") as out:
        out.write(data)
        out.flush()
        if durable:
            os.fsync(out.fileno())


def _keep_backup(path: Path, known_good: bool = False) -> None:
    """Make `<file>.bak` the current file, if the current file is a good save (never a damaged one).

    `known_good`: the caller knows the file holds exactly the bytes of a good save it wrote itself.
    """
    if not known_good and not is_good(path):
        return
    bak = backup_path(path)
    temp = temp_for(bak)
    try:
        try:
            os.link(path, temp)  # the same bytes under a second name: cheap, and complete by construction
        except OSError:
            write_new(temp, path.read_bytes())  # file systems without hard links
        os.replace(temp, bak)
    finally:
        with contextlib.suppress(OSError):
            temp.unlink(missing_ok=True)


def sweep(path: Path) -> None:
    """Remove temporary files left by processes that died while saving this file."""
    cutoff = time.time() - STALE_TEMP_SECONDS
    for pattern in (f".{path.name}.*.tmp", f".{path.name}{BACKUP_SUFFIX}.*.tmp"):
        for temp in path.parent.glob(pattern):
            with contextlib.suppress(OSError):
                if temp.stat().st_mtime < cutoff:
                    temp.unlink()


def create_exclusive(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Write a new file whole under a name nobody has: complete at once, or not there at all.

    Raises FileExistsError if the name is taken (even by a file made at the same instant
    by another process), or OSError. The bytes go to a temporary file, which is then
    hard-linked to the name (a link never replaces); where the file system has no hard
    links (FAT on a USB stick), the file is created exclusively and written in place.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = temp_for(path)
    try:
        write_new(temp, data, durable)
        try:
            os.link(temp, path)
        except FileExistsError:
            raise
        except OSError:
            temp.unlink()
            write_new(path, data, durable)
        if durable:
            fsync_folder(path.parent)
    finally:
        with contextlib.suppress(OSError):
            temp.unlink(missing_ok=True)


def sweep_folder(folder: Path) -> None:
    """Remove what processes that died while saving left in `folder`: old temporary files and locks."""
    cutoff = time.time() - STALE_TEMP_SECONDS
    with contextlib.suppress(OSError):
        for leftover in folder.glob(".*.tmp"):
            with contextlib.suppress(OSError):
                if leftover.stat().st_mtime < cutoff:
                    leftover.unlink()


def write_atomic(path: Path, data: bytes, *, keep_backup: bool = False, known_good: bool = False) -> None:
    """Replace `path` with `data` all at once: temp file, fsync, rename. On failure `path` is untouched.

    With `keep_backup`, the file there (if it is a good save, or `known_good`) becomes `<path>.bak`.
    Raises OSError; no temporary file is left behind.
    """
    temp = temp_for(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.is_dir():
            raise IsADirectoryError(21, "a folder has that name")
        write_new(temp, data)
        if keep_backup and path.exists():
            _keep_backup(path, known_good)
        os.replace(temp, path)
        fsync_folder(path.parent)
    finally:
        with contextlib.suppress(OSError):
            temp.unlink(missing_ok=True)


def write_save(path: Path | str, save: SaveFile) -> None:
    """Write `save` to `path` atomically, keeping the previous good save as `<path>.bak`."""
    path = Path(path)
    data = dump_save(save)
    try:
        if parse_save(data) != save:
            raise BadSave("it would not read back the same")
    except BadSave as exc:  # a bug, but it must not cost the player the save they have
        raise SaveError(path, f"not saved: the new save is not valid ({exc})") from None
    try:
        write_atomic(path, data, keep_backup=True)
    except OSError as exc:
        raise SaveError(path, f"not saved: {exc.strerror or exc}") from None
    sweep(path)


__all__ = ["STALE_TEMP_SECONDS", "create_exclusive", "digest", "fsync_folder", "is_good", "read_save",
           "read_save_bytes", "sweep", "sweep_folder", "temp_for", "write_atomic",
           "write_new", "write_save"]
