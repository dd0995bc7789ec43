"""What the hostile-text tests share: the text fields of the tiny city, hostile words, and the checks.

Used by `tests/test_hostile_text.py` (headless) and `tests/tui/test_hostile_screens.py` (Pilot).
"""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from game.__main__ import main
from game.model.text import UNSAFE_IN_LINES
from tests.conftest import tiny_scenario

# What a terminal takes as orders, less the line feed and tab every transcript has; and Rich's markup, which
# would show as style, not letters, if anything parsed it.
ORDERS = UNSAFE_IN_LINES

#: Text fields of the tiny city, as paths into its data. Ids, conditions and numbers are not text.
FIELDS: list[tuple[str | int, ...]] = [
    ("scenario", "title"), ("calendar", "rest", "text"),
    ("stats", 0, "name"), ("scores", 0, "name"), ("scores", 0, "tiers", 0, "name"), ("sources", 0, "name"),
    ("personas", 0, "name"), ("personas", 0, "situation"), ("personas", 0, "goals", 0, "text"),
    ("cards", 0, "title"), ("cards", 0, "text"), ("cards", 0, "choices", 0, "text"), ("cards", 0, "choices", 1, "text"),
    ("rules", 0, "name"), ("rules", 0, "reason"), ("rules", 0, "source_note"), ("rules", 0, "category"),
    ("rules", 0, "record", "text"), ("gates", 0, "name"), ("gates", 0, "refusal"),
    ("endings", 0, "title"), ("endings", 0, "text"), ("endings", 1, "title"), ("endings", 1, "text"),
]

HOSTILE_PIECES = [
    "\x1b[2J", "\x1b]0;T\x07", "\x1b]8;;file:///etc/passwd\x1b\\x\x1b]8;;\x1b\\", "\x1b[31m", "\a", "\b", "\r", "\0",
    "\x7f", "\x85", "\x9b", "\u202e", "\u2066", "\u2028", "\u2029", "\t", "\n", "[b]", "[/]", "[/b]", "<[/]>",
    "[link=file:///etc/passwd]x[/link]", "[bold red]", "[@click=app.quit]", "\\[", "%s", "{0}", "$(ls)", "`x`",
    "**", "#", "&lt;", "<script>", "Mira", " ", "ü", "漢字", "🙂",
]
HOSTILE = st.lists(st.one_of(st.sampled_from(HOSTILE_PIECES), st.text(max_size=3)), min_size=1, max_size=6).map("".join)


def put(data: Any, path: tuple[str | int, ...], value: str) -> None:
    for key in path[:-1]:
        data = data[key]
    data[path[-1]] = value


def run(*argv: str) -> tuple[int, str]:
    """The command as a player types it, in this process: its exit code and everything it printed."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(argv))
        except SystemExit as exc:  # argparse's own exits
            code = int(exc.code or 0)
    return code, out.getvalue() + err.getvalue()


def assert_only_letters(text: str) -> None:
    found = ORDERS.search(text)
    assert found is None, f"{found.group()!r} reached the output at {found.start()}: {text[max(found.start() - 40, 0):found.start() + 40]!r}"


_serial = [0]  # a new folder per example


def new_folder(tmp_path: Path, kind: str) -> Path:
    """A fresh folder under `tmp_path` (hypothesis runs many examples in one test's tmp_path)."""
    _serial[0] += 1
    folder = tmp_path / f"{kind}{_serial[0]}"
    folder.mkdir()
    return folder


def city_with(tmp_path: Path, field: tuple[str | int, ...], value: str) -> Path:
    """The tiny city with `value` in `field`, written as a one-file city in a new folder."""
    data = tiny_scenario()
    put(data, field, value)
    folder = new_folder(tmp_path, "city")
    (folder / "scenario.yaml").write_text(json.dumps(data, indent=1), encoding="utf-8")  # JSON is YAML 1.2
    return folder


#: The words a save carries for its lists, as paths into its data: all of them from whoever wrote the file.
SAVE_WORDS = [("summary", "persona_name"), ("summary", "ending"), ("name",), ("group",), ("scenario", "title")]


def make_save(folder: Path) -> dict[str, Any]:
    """One short season of the default city played headless into `folder`: its save, as data."""
    code, out = run("play", "--headless", "--policy", "random", "--seed", "4", "--days", "14", "--saves", str(folder))
    assert code == 0, out
    (path,) = folder.glob("*.json")
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def poisoned(save: dict[str, Any], words: dict[str, str]) -> dict[str, Any]:
    """A copy of `save` with `words` (dotted path → text, cut to 40 characters) in its words."""
    data: dict[str, Any] = json.loads(json.dumps(save))
    for dotted, value in words.items():
        put(data, tuple(dotted.split(".")), value[:40])
    return data
