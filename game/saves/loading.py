"""Provides loading a save into a session: its city found, its actions replayed and checked against its snapshot.

The scenario is found and its content hash compared with the save's; the
actions are replayed from the seed and the result compared with the snapshot.
Every problem is a `SaveError` with one line naming the file; the file is only
ever opened for reading.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

from game.content.city import City, open_city
from game.content.loader import display_path
from game.content.paths import available_scenarios
from game.content.problems import ScenarioError, UnusableInput
from game.engine.actions import Action, decode
from game.engine.events import Event
from game.engine.season import replay
from game.engine.state import State
from game.engine.turn import InvalidAction, new_game
from game.model.scenario import Opacity
from game.saves.compare import first_difference
from game.saves.errors import ReplayDiffers, SaveError, ScenarioChanged
from game.saves.files import digest, is_good, read_save_bytes
from game.saves.format import Answer as SaveAnswer
from game.saves.format import SaveFile, canonical
from game.saves.migrate import Misfit, fit
from game.saves.names import BACKUP_SUFFIX, backup_path
from game.saves.snapshot import shape_problem
from game.session import Answer, Session


def _with_backup(exc: SaveError, path: Path) -> SaveError:
    if path.name.endswith(BACKUP_SUFFIX) or exc.reason == "is a folder, not a save file":
        return exc
    bak = backup_path(path)
    if bak.is_file() and is_good(bak):
        return SaveError(path, exc.reason, backup=bak)
    return exc


def find_city(save: SaveFile, path: Path, scenario_path: Path | str | None) -> City:
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
    rules = _pack_of(save, path)
    mismatch = ""
    for folder in candidates:
        try:
            city = open_city(folder, rules)
        except (UnusableInput, ScenarioError, OSError) as exc:
            raise SaveError(path, f"its scenario {display_path(folder)} cannot be loaded: {exc}") from None
        if city.id == want:
            return city
        mismatch = mismatch or f"{display_path(folder)} is scenario `{city.id}`"
    raise SaveError(path, f"this save is for scenario `{want}`, but {mismatch}")


def _pack_of(save: SaveFile, path: Path) -> Path | None:
    """The rule pack a save was played under: the folder recorded, else the pack of that id; None for none."""
    ref = save.scenario.rules
    if ref is None:
        return None
    from game.content.packs import available_packs, is_pack

    with contextlib.suppress(OSError):
        if ref.path and is_pack(Path(ref.path)):
            return Path(ref.path)
    found = available_packs().get(ref.id)
    if found is None:
        raise SaveError(path, f"it was played under the rule pack `{ref.id}`, which was not found (not under "
                              f"scenarios/_packs/ nor at {ref.path or 'a recorded folder'})")
    return found


def _actions(save: SaveFile, path: Path) -> list[Action]:
    out = []
    for n, text in enumerate(save.actions, start=1):
        try:
            out.append(decode(text))
        except ValueError:
            raise SaveError(path, f"action {n} `{text[:40]}` is not an action "
                                  "(choose:N, gate:ID, appeal:N or rest)") from None
    return out


def _session(save: SaveFile, city: City, state: State, actions: list[Action], log: list[list[Event]],
             start: State | None, origin: tuple[Path, str] | None = None) -> Session:
    return Session(city, save.options.persona, save.seed, Opacity(save.options.opacity), save.options.days,
                   state, actions, log, [], save.name, start, game_id=save.game_id, group=save.group,
                   branch_of=save.branch_of, origin=origin, room=save.room.code if save.room else None,
                   round=save.room.round if save.room else None, before=_answer(save.before),
                   after=_answer(save.after))


def _answer(answer: SaveAnswer | None) -> Answer | None:
    return None if answer is None else Answer(answer.scale, answer.text)


def _state_from(data: dict[str, Any], what: str, save: SaveFile, path: Path, book: Any) -> State:
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
        fit(state, book)
    except Misfit as exc:
        raise SaveError(path, f"its {what} does not fit scenario `{book.scenario.scenario.id}`: {exc}") from None
    except Exception as exc:  # noqa: BLE001 - a state no replay vouches for: any failure means it does not fit
        raise SaveError(path, f"its {what} does not fit scenario `{book.scenario.scenario.id}` "
                              f"({type(exc).__name__}: {str(exc)[:60]})") from None
    return state


def _replay(save: SaveFile, path: Path, city: City, origin: tuple[Path, str] | None) -> Session:
    book = city.book
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
    try:
        for taken in replay(book, state, actions):
            log.append(taken.events)
            state = taken.after
    except InvalidAction as exc:
        n = len(log)
        raise SaveError(path, f"action {n} `{save.actions[n - 1]}` cannot be taken on day {state.day}: "
                              f"{exc}") from None
    except Exception as exc:  # noqa: BLE001
        if start is None:
            raise  # from the seed the engine is on its own ground: this is a bug, not a bad save
        raise SaveError(path, f"its start state does not work with this scenario "
                              f"({type(exc).__name__}: {str(exc)[:60]})") from None
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
    return _session(save, city, state, actions, log, start, origin)


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
        save, raw = read_save_bytes(path)
    except SaveError as exc:
        raise _with_backup(exc, path) from None
    # An autosave goes on in its own file (while nobody else writes there); a named save, a backup
    # or a game continued from its snapshot goes on in a new file of the game's.
    origin = (path, digest(raw)) if save.name is None and not path.name.endswith(BACKUP_SUFFIX) else None
    city = find_city(save, path, scenario_path)
    if from_snapshot:
        state = _state_from(save.snapshot, "snapshot", save, path, city.book)
        # From here the actions start from this state, not from the seed.
        return _session(save, city, state, [], [[]], state.copy())
    if city.content_hash != save.scenario.content_hash:
        raise ScenarioChanged(path, save.scenario.id, save.scenario.version, city.book.scenario.scenario.version,
                              save.scenario.rules.id if save.scenario.rules else None)
    return _replay(save, path, city, origin)


__all__ = ["find_city", "load_session"]
