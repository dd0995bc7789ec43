"""Provides the comparison of a replayed state with a save's snapshot: the first day they part, and how.

Both sides are plain `State.to_dict()` data. The state keeps day-stamped
history (scores at each day's end, the ledger, the dossier, the decisions),
so a difference found there names the day it happened; anything else is
dated to the day the game had reached.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from game.saves.errors import location

_MISSING = object()
#: Lists of day-stamped items, and where each item keeps its day.
_DATED = {"ledger": "day", "records": "day", "decisions": "day", "pending": "day", "withheld": 0}
_DEEPEST = 40  # below this, two values are compared whole (a hand-edited snapshot can nest anything)

Path = tuple[str | int, ...]


def _walk(a: Any, b: Any, path: Path) -> Iterator[tuple[Path, Any, Any]]:
    if len(path) < _DEEPEST and isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b), key=str):
            yield from _walk(a.get(key, _MISSING), b.get(key, _MISSING), (*path, key))
    elif len(path) < _DEEPEST and isinstance(a, list) and isinstance(b, list):
        for i in range(max(len(a), len(b))):
            yield from _walk(a[i] if i < len(a) else _MISSING, b[i] if i < len(b) else _MISSING, (*path, i))
    elif _text(a) != _text(b):
        yield path, a, b


def _text(value: Any) -> str:
    if value is _MISSING:
        return "nothing"
    try:
        return json.dumps(value, sort_keys=True, ensure_ascii=False)
    except (TypeError, ValueError, RecursionError):
        return repr(value)


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _day_of(path: Path, replay: dict[str, Any], snapshot: dict[str, Any]) -> int:
    top = path[0] if path else None
    if top == "history" and len(path) >= 3 and isinstance(path[2], int):
        return max(1, path[2])  # entry 0 is the start; entry n is the score at the end of day n
    if top in _DATED and len(path) >= 2 and isinstance(path[1], int):
        key = _DATED[top]
        for side in (replay, snapshot):
            items = side.get(str(top))
            if isinstance(items, list) and path[1] < len(items):
                item = items[path[1]]
                day = None
                if isinstance(item, dict) and isinstance(key, str):
                    day = _int(item.get(key))
                elif isinstance(item, list) and isinstance(key, int) and item:
                    day = _int(item[key])
                if day is not None:
                    return day
    days = [d for d in (_int(replay.get("day")), _int(snapshot.get("day"))) if d is not None]
    return min(days) if days else 1


def _short(value: Any) -> str:
    text = _text(value)
    return text if len(text) <= 40 else text[:37] + "..."


def first_difference(replay: dict[str, Any], snapshot: dict[str, Any]) -> tuple[int, str] | None:
    """None when the two are the same; else the first day they differ and one line saying how."""
    best: tuple[int, str] | None = None
    for path, a, b in _walk(replay, snapshot, ()):
        day = _day_of(path, replay, snapshot)
        if best is None or day < best[0]:
            best = (day, f"{location(path, 'the state')} is {_short(a)} in the replay, {_short(b)} in the snapshot")
    return best


__all__ = ["first_difference"]
