"""Provides the one way every face opens a city: found, loaded, checked, compiled, with its content hash.

`open_city` is what the TUI, the command line, the saves and the simulator call.
The hash is taken before the files are read and checked again after, so the
book is known to be compiled from exactly the text the hash names (a save
records it to notice a city edited since). Books are cached per folder and
hash: a changed scenario is never served from the cache, and a book is never
changed after compiling.
"""

from __future__ import annotations

import os
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from game.content.fingerprint import content_hash
from game.content.loader import display_path, load_scenario
from game.content.paths import resolve_scenario
from game.content.problems import ScenarioError, UnusableInput
from game.engine.book import Book, compile_book


@dataclass(frozen=True, slots=True)
class City:
    """A compiled scenario, the folder it came from, and the hash of the files it was compiled from."""

    book: Book
    folder: Path
    content_hash: str

    @property
    def id(self) -> str:
        return self.book.scenario.scenario.id


_CACHE: OrderedDict[tuple[str, str], Book] = OrderedDict()
_CACHE_KEPT = 8


def open_city(scenario: str | os.PathLike[str] | None = None) -> City:
    """The city at a path, or by id under `scenarios/`, or the default one (None).

    Raises `UnusableInput` (no such city, unreadable folder) or `ScenarioError`
    (every problem found), each naming the file.
    """
    folder = Path(resolve_scenario(None if scenario is None else os.fspath(scenario)))
    before = content_hash(folder)
    key = (str(folder.resolve()), before)
    book = _CACHE.get(key)
    if book is None:
        book = compile_book(load_scenario(folder))
        if content_hash(folder) != before:
            raise UnusableInput(f"{display_path(folder)}: the scenario changed while it was being read; try again")
        _CACHE[key] = book
        while len(_CACHE) > _CACHE_KEPT:
            _CACHE.popitem(last=False)
    _CACHE.move_to_end(key)
    return City(book, folder, before)


def city_problem(exc: UnusableInput | ScenarioError) -> str:
    """The one line a face shows when a city cannot be opened."""
    if isinstance(exc, ScenarioError):
        return f"{exc} — run `python -m game validate` on it for every problem"
    return str(exc)


__all__ = ["City", "city_problem", "open_city"]
