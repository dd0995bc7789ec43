"""Provides saves on disk: where they live, atomic writes with a backup, autosave, the load list, and loads that replay.

Writing: the new save goes to a temporary file in the same folder, is flushed
and fsynced, the current file (if it is a good save) becomes `<file>.bak`, and
the temporary file replaces the current one with `os.replace`. A reader (or a
crash at any moment) sees either the old save or the new one, never half of
one, and a damaged file is never rotated over a good backup.

Loading: the scenario is found and its content hash compared with the save's;
the actions are replayed from the seed and the result compared with the
snapshot. Every problem is a `SaveError` with one line naming the file; the
file is only ever opened for reading.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import time
import weakref
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from game.content.fingerprint import content_hash
from game.content.loader import display_path, load_scenario
from game.content.paths import available_scenarios
from game.content.problems import ScenarioError, UnusableInput
from game.engine.actions import Rest, decode, encode
from game.engine.book import Book, compile_book
from game.engine.state import State
from game.engine.turn import InvalidAction, new_game, step
from game.model.scenario import Opacity
from game.saves.compare import first_difference
from game.saves.format import (
    FORMAT_VERSION,
    MAX_SAVE_BYTES,
    BadSave,
    Options,
    SaveFile,
    ScenarioRef,
    Summary,
    canonical,
    dump_save,
    parse_save,
)
from game.saves.snapshot import shape_problem
from game.session import Session

ENV_SAVES = "GOOD_STANDING_SAVES"
AUTOSAVE_PREFIX = "autosave-"
BACKUP_SUFFIX = ".bak"
#: A temporary file this old was left by a process that died while saving; it is removed.
STALE_TEMP_SECONDS = 60.0


# ------------------------------------------------------------------ errors


class SaveError(Exception):
    """A save that cannot be written, read or played, as one line naming the file."""

    def __init__(self, path: Path | str, reason: str, *, backup: Path | None = None) -> None:
        self.path = Path(path)
        self.reason = reason
        self.backup = backup  # a good `.bak` of a damaged file, to offer instead
        text = f"{display_path(self.path)}: {reason}"
        if backup is not None:
            text += f"; its backup {display_path(backup)} is good: load that instead"
        super().__init__(text)


class ScenarioChanged(SaveError):
    """The scenario's files differ from the ones the game was played with; the snapshot can still be continued."""

    def __init__(self, path: Path, scenario: str, saved_version: str, current_version: str) -> None:
        self.scenario = scenario
        self.saved_version = saved_version
        self.current_version = current_version
        versions = (f"version {saved_version} then, {current_version} now" if saved_version != current_version
                    else f"its files differ, though both are version {current_version}")
        super().__init__(path, f"scenario `{scenario}` has changed since this game was saved ({versions}), "
                               "so its actions may not replay; it can continue from its snapshot instead")


class ReplayDiffers(SaveError):
    """The actions, replayed from the seed, do not lead to the snapshot the save holds."""

    def __init__(self, path: Path, day: int, detail: str) -> None:
        self.day = day
        self.detail = detail
        super().__init__(path, f"replay differs from the snapshot from day {day}: {detail}")


# ------------------------------------------------------------------ where


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


def _slug(text: str, fallback: str = "save") -> str:
    slug = re.sub(r"[^\w.-]+", "-", text.strip().lower()).strip("-._")[:60].strip("-._")
    return slug or fallback


def named_save_path(folder: Path | str, name: str) -> Path:
    """Where a save named `name` goes: a safe file name made from it (ask before replacing one that exists)."""
    slug = _slug(name)
    if slug.startswith(AUTOSAVE_PREFIX.rstrip("-")) or slug.upper() in _RESERVED:
        slug = f"save-{slug}"
    return Path(folder) / f"{slug}.json"


_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}


# ------------------------------------------------------------------ scenarios


# A book is compiled once per scenario text: keyed by folder and content hash, so a
# changed scenario is never served from here. Books are never changed after compiling.
_BOOKS: OrderedDict[tuple[str, str], Book] = OrderedDict()
_BOOKS_KEPT = 8
# The content hash of the scenario text each live book was compiled from (by id, as books are unhashable).
_HASHES: dict[int, str] = {}


def _remember(book: Book, digest: str) -> None:
    if id(book) not in _HASHES:
        _HASHES[id(book)] = digest
        weakref.finalize(book, _HASHES.pop, id(book), None)


def open_book(scenario_path: Path | str) -> Book:
    """Load and compile a scenario, noting its content hash now, before the game starts.

    Faces may use `game.cli.common.load_book` instead; then the hash is taken at
    the first save, which is the same unless the files were edited meanwhile.
    Raises UnusableInput or ScenarioError like `load_scenario`.
    """
    path = Path(scenario_path)
    before = content_hash(path)
    key = (str(path.resolve()), before)
    book = _BOOKS.get(key)
    if book is None:
        book = compile_book(load_scenario(path))
        if content_hash(path) != before:
            raise UnusableInput(f"{display_path(path)}: the scenario changed while it was being read; try again")
        _BOOKS[key] = book
        while len(_BOOKS) > _BOOKS_KEPT:
            _BOOKS.popitem(last=False)
    _BOOKS.move_to_end(key)
    _remember(book, before)
    return book


def _book_hash(session: Session) -> str:
    digest = _HASHES.get(id(session.book))
    if digest is None:
        try:
            digest = content_hash(session.scenario_path)
        except (UnusableInput, OSError) as exc:
            raise SaveError(session.scenario_path, f"cannot read the scenario to save the game: {exc}") from None
        _remember(session.book, digest)
    return digest


# ------------------------------------------------------------------ save data


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
        scenario=ScenarioRef(id=meta.id, version=meta.version, title=meta.title, content_hash=_book_hash(session),
                             path=str(Path(session.scenario_path).resolve())),
        seed=session.seed,
        options=Options(persona=session.persona, opacity=Opacity(session.opacity).value, days=session.days),
        summary=Summary(day=state.day, days=state.days, persona_name=persona.name, over=state.over, ending=ending,
                        actions=len(session.actions)),
        actions=[encode(a) for a in session.actions],
        start=session.start.to_dict() if session.start is not None else None,
        snapshot=state.to_dict(),
    )


# ------------------------------------------------------------------ writing


def _fsync_folder(folder: Path) -> None:
    # Makes the rename itself durable; not possible (nor needed) on Windows.
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _temp_for(path: Path) -> Path:
    return path.with_name(f".{path.name}.{os.getpid()}-{secrets.token_hex(4)}.tmp")


def _write_new(path: Path, data: bytes) -> None:
    """Write a file that did not exist, all the way to the disk."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o644)
    with os.fdopen(fd, "wb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())


def _is_good(path: Path) -> bool:
    try:
        read_save(path)
    except SaveError:
        return False
    return True


def _keep_backup(path: Path) -> None:
    """Make `<file>.bak` the current file, if the current file is a good save (never a damaged one)."""
    if not _is_good(path):
        return
    bak = backup_path(path)
    temp = _temp_for(bak)
    try:
        try:
            os.link(path, temp)  # the same bytes under a second name: cheap, and complete by construction
        except OSError:
            _write_new(temp, path.read_bytes())  # file systems without hard links
        os.replace(temp, bak)
    finally:
        with contextlib.suppress(OSError):
            temp.unlink(missing_ok=True)


def _sweep(path: Path) -> None:
    """Remove temporary files left by processes that died while saving this file."""
    cutoff = time.time() - STALE_TEMP_SECONDS
    for pattern in (f".{path.name}.*.tmp", f".{path.name}{BACKUP_SUFFIX}.*.tmp"):
        for temp in path.parent.glob(pattern):
            with contextlib.suppress(OSError):
                if temp.stat().st_mtime < cutoff:
                    temp.unlink()


def write_save(path: Path | str, save: SaveFile) -> None:
    """Write `save` to `path` atomically, keeping the previous good save as `<path>.bak`."""
    path = Path(path)
    data = dump_save(save)
    try:
        if parse_save(data) != save:
            raise BadSave("it would not read back the same")
    except BadSave as exc:  # a bug, but it must not cost the player the save they have
        raise SaveError(path, f"not saved: the new save is not valid ({exc})") from None
    temp = _temp_for(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.is_dir():
            raise SaveError(path, "not saved: a folder has that name")
        _write_new(temp, data)
        _keep_backup(path)
        os.replace(temp, path)
        _fsync_folder(path.parent)
    except OSError as exc:
        raise SaveError(path, f"not saved: {exc.strerror or exc}") from None
    finally:
        with contextlib.suppress(OSError):
            temp.unlink(missing_ok=True)
    _sweep(path)


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
    base = f"{AUTOSAVE_PREFIX}{_slug(save.scenario.id)}-{_slug(save.options.persona)}-{save.seed}"
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


# ------------------------------------------------------------------ reading


def read_save(path: Path | str) -> SaveFile:
    """Read and validate a save file, without its scenario or any replay. Raises SaveError."""
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
        return parse_save(raw)
    except BadSave as exc:
        raise SaveError(path, str(exc)) from None


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

    @classmethod
    def of(cls, path: Path, save: SaveFile, backup: bool = False) -> SaveInfo:
        s = save.summary
        return cls(path, save.scenario.id, save.scenario.title, save.options.persona, s.persona_name, s.day,
                   s.days, s.over, s.ending, save.saved_time, save.name, save.name is None, s.actions, backup)

    def label(self) -> str:
        """e.g. `Harbour Town · Sam Lee · day 3 of 10 · saved 2025-03-01 14:05`."""
        where = self.scenario_title or self.scenario
        when = self.saved_at.astimezone().strftime("%Y-%m-%d %H:%M")
        day = f"over: {self.ending}" if self.over and self.ending else ("over" if self.over else
                                                                         f"day {self.day} of {self.days}")
        title = f"“{self.name}” · " if self.name else ""
        return f"{title}{where} · {self.persona_name} · {day} · saved {when}"


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


def latest_save(folder: Path | str, *, unfinished: bool = False) -> SaveInfo | None:
    """The newest save (what `continue` resumes); with `unfinished`, the newest whose season is not over."""
    for info in list_saves(folder):
        if not (unfinished and info.over):
            return info
    return None


# ------------------------------------------------------------------ loading


def _with_backup(exc: SaveError, path: Path) -> SaveError:
    if path.name.endswith(BACKUP_SUFFIX) or exc.reason == "is a folder, not a save file":
        return exc
    bak = backup_path(path)
    if bak.is_file() and _is_good(bak):
        return SaveError(path, exc.reason, backup=bak)
    return exc


def _find_book(save: SaveFile, path: Path, scenario_path: Path | str | None) -> tuple[Path, Book, str]:
    """The scenario the save was played in: the folder given, else the one recorded, else by id."""
    want = save.scenario.id
    if scenario_path is not None:
        candidates = [Path(scenario_path)]
    else:
        candidates = []
        with contextlib.suppress(OSError):
            if save.scenario.path and Path(save.scenario.path).exists():
                candidates.append(Path(save.scenario.path))
        with contextlib.suppress(OSError):
            by_id = available_scenarios().get(want)
            if by_id is not None and all(by_id.resolve() != c.resolve() for c in candidates):
                candidates.append(by_id)
        if not candidates:
            raise SaveError(path, f"its scenario `{want}` was not found (not under scenarios/ nor at "
                                  f"{save.scenario.path or 'a recorded folder'}); say where it is with --scenario")
    mismatch = ""
    for folder in candidates:
        try:
            book = open_book(folder)
        except (UnusableInput, ScenarioError, OSError) as exc:
            raise SaveError(path, f"its scenario {display_path(folder)} cannot be loaded: {exc}") from None
        if book.scenario.scenario.id == want:
            return folder, book, _HASHES[id(book)]
        mismatch = mismatch or f"{display_path(folder)} is scenario `{book.scenario.scenario.id}`"
    raise SaveError(path, f"this save is for scenario `{want}`, but {mismatch}")


def _actions(save: SaveFile, path: Path) -> list[Any]:
    out = []
    for n, text in enumerate(save.actions, start=1):
        try:
            out.append(decode(text))
        except ValueError:
            raise SaveError(path, f"action {n} `{text[:40]}` is not an action "
                                  "(choose:N, gate:ID, appeal:N or rest)") from None
    return out


def _session(save: SaveFile, path: Path, folder: Path, book: Book, state: State, actions: list[Any],
             log: list[list[Any]], start: State | None) -> Session:
    return Session(book, folder, save.options.persona, save.seed, Opacity(save.options.opacity), save.options.days,
                   state, actions, log, [], save.name, start)


def _state_from(data: dict[str, Any], what: str, save: SaveFile, path: Path, book: Book) -> State:
    """A state from a save's snapshot or start, checked to belong to this game and to fit this scenario."""
    problem = shape_problem(data)
    if problem is not None:
        raise SaveError(path, f"its {what} is damaged ({problem})")
    try:
        state = State.from_dict(data)
        same = canonical(state.to_dict()) == canonical(data)
    except (KeyError, TypeError, ValueError, AttributeError, RecursionError) as exc:
        detail = f"missing {exc}" if isinstance(exc, KeyError) else str(exc)[:80]
        raise SaveError(path, f"its {what} is damaged ({detail})") from None
    if not same:
        raise SaveError(path, f"its {what} is damaged (it does not read back the same)")
    ours = (state.scenario, state.persona, state.seed)
    if ours != (save.scenario.id, save.options.persona, save.seed):
        raise SaveError(path, f"its {what} is of another game (scenario `{state.scenario}`, persona "
                              f"`{state.persona}`, seed {state.seed})")
    try:
        _fit(state, book)
    except _Misfit as exc:
        raise SaveError(path, f"its {what} does not fit scenario `{book.scenario.scenario.id}`: {exc}") from None
    except Exception as exc:  # noqa: BLE001 - a state no replay vouches for: any failure means it does not fit
        raise SaveError(path, f"its {what} does not fit scenario `{book.scenario.scenario.id}` "
                              f"({type(exc).__name__}: {str(exc)[:60]})") from None
    return state


class _Misfit(Exception):
    """A saved state that the (changed) scenario cannot play on, and why."""


def _fit(state: State, book: Book) -> None:
    """Fit a saved state to the scenario as it is now, or raise _Misfit; a trial step must work."""
    try:
        fresh, _ = new_game(book, state.persona, state.seed, state.days)
    except InvalidAction as exc:
        raise _Misfit(str(exc)) from None
    # What the scenario gained since (a new stat, flag or score) starts as in a new game.
    state.vals = {**fresh.vals, **state.vals}
    for key, value in fresh.vals.items():
        have = state.vals[key]
        number = (int, float)
        if value is not None and type(have) is not type(value) and not (
                isinstance(value, number) and not isinstance(value, bool)
                and isinstance(have, number) and not isinstance(have, bool)):
            raise _Misfit(f"`{key}` is {json_type(have)}, not {json_type(value)}")
    length = max((len(h) for h in state.history.values()), default=1)
    for sid in book.score_ids:
        state.history.setdefault(sid, [state.vals[sid]] * length)
    unknown = [c for c in state.hand if c not in book.card_by_id]
    if unknown:
        raise _Misfit(f"card `{unknown[0]}` is not in it")
    if not state.over:
        if not state.hand:
            raise _Misfit("the season is not over, yet no card is in hand")
        with contextlib.suppress(InvalidAction):  # a trial step finds what the checks above cannot name
            step(book, state, Rest())


def json_type(value: Any) -> str:
    return {bool: "true/false", str: "text", list: "a list", dict: "an object",
            type(None): "null"}.get(type(value), "a number")


def _replay(save: SaveFile, path: Path, folder: Path, book: Book) -> Session:
    actions = _actions(save, path)
    persona = save.options.persona
    if persona not in book.personas:
        raise SaveError(path, f"persona `{persona}` is not in scenario `{save.scenario.id}`")
    start = None
    if save.start is None:
        state, opening = new_game(book, persona, save.seed, save.options.days)
    else:
        start = _state_from(save.start, "start", save, path, book)
        state, opening = start, []
    log = [opening]
    for n, action in enumerate(actions, start=1):
        try:
            state, events = step(book, state, action)
        except InvalidAction as exc:
            raise SaveError(path, f"action {n} `{save.actions[n - 1]}` cannot be taken on day {state.day}: "
                                  f"{exc}") from None
        except Exception as exc:  # noqa: BLE001
            if start is None:
                raise  # from the seed the engine is on its own ground: this is a bug, not a bad save
            raise SaveError(path, f"its start state does not work with this scenario "
                                  f"({type(exc).__name__}: {str(exc)[:60]})") from None
        log.append(events)
    replayed = state.to_dict()
    try:
        same = canonical(replayed) == canonical(save.snapshot)
    except (TypeError, ValueError, RecursionError):
        same = False
    if not same:
        try:
            found = first_difference(replayed, save.snapshot)
        except RecursionError:
            found = None
        day, detail = found or (state.day, "the snapshot cannot be compared")
        raise ReplayDiffers(path, day, detail)
    return _session(save, path, folder, book, state, actions, log, start)


def load_session(path: Path | str, scenario_path: Path | str | None = None, *,
                 from_snapshot: bool = False) -> Session:
    """Load a save into a session, replaying its actions and checking them against the snapshot.

    The scenario is `scenario_path` if given, else the folder recorded in the save,
    else found by its id under `scenarios/`. Raises `SaveError` (one line naming the
    file); `ScenarioChanged` when the scenario's files changed since the save, and then
    `from_snapshot=True` continues from the snapshot instead of replaying; `ReplayDiffers`
    when the replay does not give the snapshot. The file is only read.
    """
    path = Path(path)
    try:
        save = read_save(path)
    except SaveError as exc:
        raise _with_backup(exc, path) from None
    folder, book, digest = _find_book(save, path, scenario_path)
    if from_snapshot:
        state = _state_from(save.snapshot, "snapshot", save, path, book)
        # From here the actions start from this state, not from the seed.
        return _session(save, path, folder, book, state, [], [[]], state.copy())
    if digest != save.scenario.content_hash:
        raise ScenarioChanged(path, save.scenario.id, save.scenario.version, book.scenario.scenario.version)
    return _replay(save, path, folder, book)


__all__ = [
    "AUTOSAVE_PREFIX", "ENV_SAVES", "Autosaver", "ReplayDiffers", "SaveError", "SaveInfo", "SaveList",
    "ScenarioChanged", "backup_path", "latest_save", "list_saves", "load_session", "named_save_path", "open_book",
    "read_save", "save_session", "saves_dir", "scan_saves", "session_save", "write_save",
]
