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
    content_hash: str  # with a rule pack: one hash over the city's files and the pack's
    pack: str | None = None  # the rule pack it is played under: its id (None: the city's own rulebook)
    pack_folder: Path | None = None
    pack_title: str | None = None  # the pack's title, e.g. "The reform"

    @property
    def id(self) -> str:
        return self.book.scenario.scenario.id


_CACHE: OrderedDict[tuple[str, str, str], tuple[Book, str | None, str | None]] = OrderedDict()
_CACHE_KEPT = 8


def open_city(scenario: str | os.PathLike[str] | None = None, rules: str | os.PathLike[str] | None = None) -> City:
    """The city at a path, or by id under `scenarios/`, or the default one (None); under the rule pack
    `rules` (a pack folder or id), if given.

    Raises `UnusableInput` (no such city or pack, unreadable folder) or `ScenarioError`
    (every problem found), each naming the file.
    """
    folder = Path(resolve_scenario(None if scenario is None else os.fspath(scenario)))
    pack_folder = None
    if rules is not None:
        from game.content.packs import resolve_pack

        pack_folder = resolve_pack(os.fspath(rules))

    def fingerprint() -> str:
        city = content_hash(folder)
        if pack_folder is None:
            return city
        from game.content.packs import combined_hash

        return combined_hash(city, content_hash(pack_folder))  # a pack's files are hashed as a city's are

    before = fingerprint()
    key = (str(folder.resolve()), str(pack_folder.resolve()) if pack_folder else "", before)
    kept = _CACHE.get(key)
    if kept is None:
        pack_id = pack_title = None
        if pack_folder is None:
            book = compile_book(load_scenario(folder))
        else:
            from game.content.packs import read_pack

            book = compile_book(load_scenario(folder, pack_folder))
            laid, _ = read_pack(pack_folder)  # it read cleanly just now, or loading would have raised
            pack_id = laid.meta.id if laid.meta is not None else pack_folder.name
            pack_title = laid.meta.title if laid.meta is not None else pack_id
        if fingerprint() != before:
            raise UnusableInput(f"{display_path(folder)}: the scenario changed while it was being read; try again")
        kept = _CACHE[key] = (book, pack_id, pack_title)
        while len(_CACHE) > _CACHE_KEPT:
            _CACHE.popitem(last=False)
    _CACHE.move_to_end(key)
    book, pack_id, pack_title = kept
    return City(book, folder, before, pack_id, pack_folder, pack_title)


def city_problem(exc: UnusableInput | ScenarioError) -> str:
    """The one line a face shows when a city cannot be opened."""
    if isinstance(exc, ScenarioError):
        return f"{exc} — run `python -m game validate` on it for every problem"
    return str(exc)


__all__ = ["City", "city_problem", "open_city"]
