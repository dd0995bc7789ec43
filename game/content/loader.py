"""Provides scenario loading: a folder of YAML files → a checked `Scenario`, or every problem.

Each file is read by the strict reader, each item of each section is
validated on its own (so one bad card does not hide the next), and the items
that pass go on to the consistency checks of `game.content.checks`. Every
problem carries the file, line and column of the value at fault.
"""

from __future__ import annotations

import difflib
import errno
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from game.content.problems import Problem, ScenarioError, UnusableInput
from game.content.yaml_reader import MAX_FILE_BYTES, Document, YamlProblem, read_yaml
from game.model.scenario import LIST_SECTIONS, REQUIRED_SECTIONS, SECTION_ITEM, SINGLE_SECTIONS, Scenario

SCENARIO_SUFFIXES = (".yaml", ".yml")
REQUIRED = REQUIRED_SECTIONS


@dataclass(frozen=True, slots=True)
class Where:
    """Where an item was written: its file, the document's position table and its path in it."""

    file: str
    doc: Document
    path: tuple[str | int, ...]

    def at(self, *sub: str | int, key: bool = False) -> tuple[str, int, int]:
        line, col = self.doc.where((*self.path, *sub), key=key)
        return self.file, line, col

    def problem(self, message: str, *sub: str | int, key: bool = False, offset: int = 0) -> Problem:
        file, line, col = self.at(*sub, key=key)
        return Problem(file, line, col + offset, message)


@dataclass
class Draft:
    """The items that passed schema validation, each with where it was written.

    `broken` holds, per list section, the ids of items written but refused by their
    schema: they exist, so naming them is not a second problem. `unreadable` says a
    file could not be read at all, so anything might be missing; `complete` says every
    file was read and every item passed, so lints about the whole scenario can be trusted.
    """

    singles: dict[str, tuple[BaseModel, Where]]
    lists: dict[str, list[tuple[BaseModel, Where]]]
    first_file: str
    broken: dict[str, set[str]] = field(default_factory=dict)
    unreadable: bool = False
    complete: bool = True


def display_path(path: Path) -> str:
    """A path as a person typed it: relative to the working folder when inside it."""
    try:
        # abspath, not resolve: a link is named as the link, never as what it points to.
        return str(Path(os.path.abspath(path)).relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):  # outside the working folder, or no working folder at all
        return str(path)


#: The most files and folders a scan looks at, and how deep it goes: a scenario is far smaller.
MAX_SCAN_ENTRIES = 10_000
MAX_SCAN_DEPTH = 12

_KINDS = ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a device"),
          (stat.S_ISBLK, "a device"))


def _kind(mode: int) -> str:
    return next((what for test, what in _KINDS if test(mode)), "not a regular file")


@dataclass
class Scan:
    """The scenario files found in a folder, in load order, and every path that could not be one."""

    files: list[Path]
    problems: list[Problem]


def scan(path: Path) -> Scan:
    """Find the YAML files of a scenario folder (or the single file given) without ever following it out.

    Raises `UnusableInput` (one line) for a path that is no scenario at all: missing, empty, not a
    folder or file, a folder with no `*.yaml` at its top, or one too big to be a scenario. Every other
    path that cannot be read is a problem naming it: a link leaving the folder, a link to a folder, a
    folder or special file with a scenario file's name, a folder that cannot be read. Names starting
    with `.` (editor locks, version control) are not read.
    """
    raw = os.fspath(path)
    if not raw.strip():
        raise UnusableInput("an empty path is not a scenario folder: give a folder, a file or a city's id")
    shown = display_path(path)
    try:
        st = path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            raise UnusableInput(f"{shown}: a link to something that does not exist") from None
        raise UnusableInput(f"{shown}: no such file or folder") from None
    except (OSError, RuntimeError) as exc:
        raise UnusableInput(f"{shown}: cannot be read: {getattr(exc, 'strerror', None) or exc}") from None
    if stat.S_ISREG(st.st_mode):
        return Scan([path], [])
    if not stat.S_ISDIR(st.st_mode):
        raise UnusableInput(f"{shown}: {_kind(st.st_mode)}, not a scenario folder or file")
    try:
        root = Path(os.path.realpath(path))
        with os.scandir(path) as listing:
            top = [e.name for e in listing]
    except OSError as exc:
        raise UnusableInput(f"{shown}: cannot read the folder: {exc.strerror or exc}") from None
    # A scenario keeps its files at its top (scenario.yaml first): `validate /` is not a scan of the disk.
    if not any(name.endswith(SCENARIO_SUFFIXES) and not name.startswith(".") for name in top):
        raise UnusableInput(f"{shown}: no scenario files (*.yaml) in this folder")
    files: list[Path] = []
    problems: list[Problem] = []
    seen = 0

    def problem(where: Path, message: str) -> None:
        problems.append(Problem(display_path(where), 1, 1, message))

    pending: list[tuple[Path, int]] = [(path, 0)]
    while pending:
        folder, depth = pending.pop()
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            problem(folder, f"cannot read the folder: {exc.strerror or exc}")
            continue
        for entry in entries:
            seen += 1
            if seen > MAX_SCAN_ENTRIES:
                raise UnusableInput(f"{shown}: more than {MAX_SCAN_ENTRIES:,} files and folders; "
                                    f"a scenario folder holds its own files only")
            if entry.name.startswith("."):
                continue
            here = folder / entry.name
            named = entry.name.endswith(SCENARIO_SUFFIXES)
            try:
                if entry.is_symlink():
                    target = Path(os.path.realpath(here))
                    if target != root and root not in target.parents:
                        if named:
                            problem(here, "a link to a file outside the scenario folder, which is not read: "
                                          "scenario files must be inside their folder")
                        elif os.path.isdir(here):
                            problem(here, "a link to a folder outside the scenario folder, which is not read")
                        continue
                    mode = os.stat(here).st_mode
                    if stat.S_ISDIR(mode):
                        problem(here, "a link to a folder, which is not read: put the files themselves in the "
                                      "scenario folder")
                        continue
                else:
                    mode = entry.stat(follow_symlinks=False).st_mode
            except (OSError, RuntimeError) as exc:
                if named:
                    problem(here, f"cannot follow the link: {getattr(exc, 'strerror', None) or exc}")
                continue
            if stat.S_ISDIR(mode):
                if named:
                    problem(here, "a folder with a scenario file's name; a scenario file is a file")
                elif depth + 1 > MAX_SCAN_DEPTH:
                    problem(here, f"folders nested more than {MAX_SCAN_DEPTH} deep are not read")
                else:
                    pending.append((here, depth + 1))
            elif named:
                if stat.S_ISREG(mode):
                    files.append(here)
                else:
                    problem(here, f"{_kind(mode)}, not a file: a scenario file is a regular file")
    if not files and not problems:
        raise UnusableInput(f"{shown}: no scenario files (*.yaml) in this folder")
    # scenario.yaml first, so an author's main file leads and its endings come first.
    files.sort(key=lambda p: (p.name not in ("scenario.yaml", "scenario.yml"), str(p.relative_to(path))))
    return Scan(files, problems)


def scenario_files(path: Path) -> list[Path]:
    """The YAML files of a scenario folder (or the single file given), in load order; see `scan`."""
    return scan(path).files


def read_scenario_file(file: Path) -> bytes:
    """A scenario file's bytes: only a regular file, opened without waiting (a pipe swapped in never blocks).

    Raises `OSError`, or `YamlProblem` for a file over `MAX_FILE_BYTES` (which is not read).
    """
    fd = os.open(file, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise OSError(errno.EINVAL, f"{_kind(st.st_mode)}, not a file")
        if st.st_size > MAX_FILE_BYTES:
            raise YamlProblem(f"the file is {st.st_size:,} bytes; a scenario file may be at most {MAX_FILE_BYTES:,}")
        chunks, size = [], 0
        while size <= MAX_FILE_BYTES:
            chunk = os.read(fd, 1 << 16)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        return b"".join(chunks)  # a file grown past the limit since fstat is refused by read_yaml
    finally:
        os.close(fd)


#: Messages in an author's words for the type errors they meet most.
_PLAIN = {
    "bool_type": "should be true or false",
    "int_type": "should be a whole number",
    "float_type": "should be a number",
    "string_type": "should be text (quote it if it looks like a number or true/false)",
    "list_type": "should be a list, e.g. [a, b] or one `- item` a line",
    "dict_type": "should be a mapping of `key: value` lines",
    "model_type": "should be a mapping of `key: value` lines",
}


def _message(err: Any, model: type[BaseModel], loc: tuple[Any, ...]) -> str:
    kind = err["type"]
    field = next((str(x) for x in reversed(loc) if isinstance(x, str)), None)
    if kind == "extra_forbidden" and field is not None:
        known = _fields_at(model, loc[:-1])
        close = difflib.get_close_matches(field, known, n=1)
        hint = f"; did you mean `{close[0]}`?" if close else (f"; known keys: {', '.join(known)}" if known else "")
        return f"unknown key `{field}`{hint}"
    if kind == "missing" and field is not None:
        return f"missing required key `{field}`"
    msg = _PLAIN.get(kind) or str(err["msg"])
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, "):]
    if kind.startswith("string_pattern") and field == "id" or kind == "string_pattern_mismatch" and field in (None, "id"):
        msg = "an id is lower case letters, digits and _, starting with a letter"
    inp = err.get("input")
    shown = f" (got {inp!r})" if isinstance(inp, (int, float, str, bool)) and kind != "missing" else ""
    prefix = f"`{field}`: " if field is not None else ""
    return f"{prefix}{msg}{shown}"


def _fields_at(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The field names of the model reached by following `loc` (for 'did you mean')."""
    current: Any = model
    for part in loc:
        if isinstance(part, int) or current is None:
            continue
        fields = getattr(current, "model_fields", None)
        if not fields or part not in fields:
            return []
        current = _inner_model(fields[part].annotation)
    fields = getattr(current, "model_fields", None)
    return list(fields) if fields else []


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _validate(model: type[BaseModel], data: Any, where: Where, problems: list[Problem]) -> BaseModel | None:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            loc = tuple(err["loc"])
            is_key = err["type"] == "extra_forbidden"
            if err["type"] == "missing":
                file, line, col = where.at(*loc[:-1])
            else:
                file, line, col = where.at(*loc, key=is_key)
            problems.append(Problem(file, line, col, _message(err, model, loc)))
        return None


def read_draft(path: Path) -> tuple[Draft, list[Problem]]:
    """Read every file of a scenario and validate each item against its model."""
    found = scan(path)
    files = found.files
    problems: list[Problem] = list(found.problems)
    singles: dict[str, tuple[BaseModel, Where]] = {}
    single_seen: dict[str, tuple[str, int]] = {}
    lists: dict[str, list[tuple[BaseModel, Where]]] = {name: [] for name in LIST_SECTIONS}
    known = list(SINGLE_SECTIONS) + list(LIST_SECTIONS)
    seen_sections: list[dict[str, Any]] = []
    broken: dict[str, set[str]] = {name: set() for name in LIST_SECTIONS}
    # A path the scan could not read might hold any section.
    unreadable = bool(found.problems)
    for file in files:
        shown = display_path(file)
        try:
            doc = read_yaml(read_scenario_file(file))
        except YamlProblem as exc:
            problems.append(Problem(shown, exc.line, exc.col, exc.message))
            unreadable = True
            continue
        except OSError as exc:
            problems.append(Problem(shown, 1, 1, f"cannot read the file: {exc.strerror or exc}"))
            unreadable = True
            continue
        problems.extend(Problem(shown, line, col, message) for message, line, col in doc.problems)
        if doc.data is None:
            problems.append(Problem(shown, 1, 1, "the file is empty; give it sections such as `cards:`"))
            continue
        if not isinstance(doc.data, dict):
            problems.append(Problem(shown, 1, 1, "a scenario file is a mapping of sections (scenario:, cards:, rules: …)"))
            continue
        seen_sections.append(doc.data)
        for section, value in doc.data.items():
            where = Where(shown, doc, (section,))
            if section not in SECTION_ITEM:
                close = difflib.get_close_matches(section, known, n=1)
                hint = f"; did you mean `{close[0]}`?" if close else f"; sections are: {', '.join(known)}"
                problems.append(where.problem(f"unknown section `{section}`{hint}", key=True))
                continue
            model = SECTION_ITEM[section]
            if section in SINGLE_SECTIONS:
                if section in single_seen:
                    other, line = single_seen[section]
                    problems.append(where.problem(f"`{section}` is given twice (also in {other}:{line})", key=True))
                    continue
                single_seen[section] = (shown, where.at(key=True)[1])
                item = _validate(model, value, where, problems)
                if item is not None:
                    singles[section] = (item, where)
                continue
            if value is None:
                continue
            if not isinstance(value, list):
                problems.append(where.problem(f"`{section}` must be a list of items (each starting with `- `)"))
                continue
            for index, element in enumerate(value):
                item_where = Where(shown, doc, (section, index))
                item = _validate(model, element, item_where, problems)
                if item is not None:
                    lists[section].append((item, item_where))
                elif isinstance(element, dict) and isinstance(element.get("id"), str):
                    broken[section].add(element["id"])
    complete = not problems
    first = display_path(files[0]) if files else display_path(path)
    # A file that could not be read may hold any section: say nothing of missing ones.
    for section in () if unreadable else REQUIRED:
        present = section in single_seen if section in SINGLE_SECTIONS else bool(lists.get(section))
        # A section that was written but whose items all failed has its own problems already.
        written = section in single_seen or any(section in data for data in seen_sections)
        if not present and not written:
            problems.append(Problem(first, 1, 1, f"the scenario has no `{section}` section"))
    return Draft(singles, lists, first, broken, unreadable, complete), problems


def check(path: Path, pack: Path | None = None) -> tuple[Scenario | None, list[Problem]]:
    """Load and check a scenario (under the rule pack at `pack`, if given); return it when there are no
    problems, and every problem found."""
    from game.content.checks import check_draft

    draft, problems = read_draft(path)
    if pack is not None:
        from game.content.packs import apply_pack, read_pack

        laid, pack_problems = read_pack(pack)
        problems.extend(pack_problems)
        if not problems:  # a pack is laid over a city that reads cleanly, or its problems would be guesses
            meta = draft.singles.get("scenario")
            problems.extend(apply_pack(draft, laid, getattr(meta[0], "id", None) if meta else None))
    # Consistency checks need every file: with one unreadable, they would only guess.
    if not draft.unreadable:
        problems.extend(check_draft(draft))
    if problems:
        return None, sorted(set(problems), key=lambda p: (p.file, p.line, p.col, p.message))
    data: dict[str, Any] = {name: item for name, (item, _) in draft.singles.items()}
    for name, items in draft.lists.items():
        data[name] = [item for item, _ in items]
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as exc:  # only section-level limits can fail here (e.g. no cards left)
        return None, [Problem(draft.first_file, 1, 1, _message(e, Scenario, tuple(e["loc"]))) for e in exc.errors()]
    return scenario, []


def load_scenario(path: Path | str, pack: Path | str | None = None) -> Scenario:
    """Load a scenario for play (under a rule pack, if given); raise `ScenarioError` with every problem,
    or `UnusableInput`."""
    scenario, problems = check(Path(path), Path(pack) if pack is not None else None)
    if scenario is None:
        raise ScenarioError(problems)
    return scenario
