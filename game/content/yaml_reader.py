"""Provides a strict, safe YAML reader that remembers where every value stands.

Values are built from the parser's events, not by a YAML constructor, so
nothing in a file can ask for an object to be made: any tag (`!!python/...`
included) or anchor/alias is refused where it stands, before anything is
built, which also makes an alias bomb ("billion laughs") harmless. Plain
scalars are typed by the YAML 1.2 core schema: `no` and `on` stay text and
`010` is the number ten. Duplicate keys, oversized files, deep nesting and
very long values are errors with their line and column. A value or key holding
a character a terminal would take as an order (ESC, the other C0 and C1
controls, DEL, bidirectional overrides, line separators; see `game.model.text`)
is a problem at its place, though the rest of the file is still read; a line
break or a tab may stand only in a value (the models say which values may have lines).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)

from game.model.text import char_name, first_unsafe

MAX_FILE_BYTES = 1_000_000
MAX_DEPTH = 32
MAX_NODES = 200_000
MAX_SCALAR = 20_000

Path = tuple[str | int, ...]

_NULL = re.compile(r"^(~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT10 = re.compile(r"^[-+]?[0-9]+$")
_INT8 = re.compile(r"^0o[0-7]+$")
_INT16 = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
_INF = re.compile(r"^[-+]?(\.inf|\.Inf|\.INF)$")
_NAN = re.compile(r"^(\.nan|\.NaN|\.NAN)$")


class YamlProblem(Exception):
    """A file that cannot be read as scenario YAML; line and column are 1-based."""

    def __init__(self, message: str, line: int = 1, col: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.col = col


@dataclass
class Document:
    """The values of one file, and where each value (and each mapping key) was written."""

    data: Any
    values: dict[Path, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path, tuple[int, int]] = field(default_factory=dict)
    styles: dict[Path, str] = field(default_factory=dict)
    #: What is wrong with values that could still be read (control characters): (message, line, col).
    problems: list[tuple[str, int, int]] = field(default_factory=list)

    def where(self, path: Path, key: bool = False) -> tuple[int, int]:
        """The nearest known position of `path`, walking up to its parents."""
        table = self.keys if key else self.values
        p = tuple(path)
        while p:
            if p in table:
                return table[p]
            if not key and p in self.keys:
                return self.keys[p]
            p = p[:-1]
        return self.values.get((), (1, 1))


def resolve_plain(text: str) -> Any:
    """Type a plain (unquoted) scalar by the YAML 1.2 core schema."""
    if _NULL.match(text):
        return None
    if text in _BOOL:
        return _BOOL[text]
    digits = text.lstrip("+-")
    if _INT10.match(text) or _INT8.match(text) or _INT16.match(text) or _FLOAT.match(text):
        if len(digits) > 24:
            raise ValueError(f"the number {text[:30]}… is too long")
    if _INT10.match(text):
        return int(text, 10)
    if _INT8.match(text):
        return int(text[2:], 8)
    if _INT16.match(text):
        return int(text[2:], 16)
    if _FLOAT.match(text):
        return float(text)
    if _INF.match(text):
        return float("-inf") if text.startswith("-") else float("inf")
    if _NAN.match(text):
        return float("nan")
    return text


def _pos(event: Any) -> tuple[int, int]:
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1)


def read_yaml(text: str | bytes) -> Document:
    """Read one YAML document into plain dicts, lists and scalars, with positions."""
    if isinstance(text, bytes):
        if len(text) > MAX_FILE_BYTES:
            raise YamlProblem(f"the file is {len(text):,} bytes; a scenario file may be at most {MAX_FILE_BYTES:,}")
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as exc:
            # Point at the first bad byte, so an author can find the é saved as Latin-1.
            raw: bytes = exc.object
            line = raw.count(b"\n", 0, exc.start) + 1
            col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
            raise YamlProblem("the file is not UTF-8 text; save it as UTF-8", line, col) from None
    if len(text) > MAX_FILE_BYTES:
        raise YamlProblem(f"the file is {len(text):,} characters; a scenario file may be at most {MAX_FILE_BYTES:,}")

    doc = Document(data=None)
    # Each frame: [container, path, pending key (for mappings) or None, key position]
    stack: list[list[Any]] = []
    nodes = 0
    documents = 0
    root_set = False
    parser = YAML(typ="safe", pure=True)

    def place(value: Any, path_hint: tuple[int, int], event: Any) -> Path | None:
        """Put a finished value into its parent; return its path (None if it was a key)."""
        nonlocal root_set
        if not stack:
            doc.data = value
            root_set = True
            doc.values[()] = path_hint
            return ()
        frame = stack[-1]
        container, path = frame[0], frame[1]
        if isinstance(container, list):
            child = (*path, len(container))
            container.append(value)
            doc.values[child] = path_hint
            return child
        if frame[2] is _NO_KEY:
            if isinstance(value, (dict, list)):
                raise YamlProblem("a mapping key must be a plain value, not a list or mapping", *path_hint)
            if value is None or isinstance(value, float):
                raise YamlProblem(f"`{_show(value)}` cannot be a key", *path_hint)
            key = value if isinstance(value, str) else str(value)
            if key in container:
                first = doc.keys.get((*path, key), (0, 0))[0]
                raise YamlProblem(f"duplicate key `{key}` (first given on line {first})", *path_hint)
            frame[2], frame[3] = key, path_hint
            return None
        key = frame[2]
        child = (*path, key)
        container[key] = value
        doc.keys[child] = frame[3]
        doc.values[child] = path_hint
        frame[2] = _NO_KEY
        return child

    try:
        for event in parser.parse(text):
            if isinstance(event, DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise YamlProblem("a scenario file holds one YAML document; split it into files instead", *_pos(event))
                continue
            if isinstance(event, AliasEvent):
                raise YamlProblem(f"aliases (`*{event.anchor}`) are not allowed; write the value out", *_pos(event))
            anchor = getattr(event, "anchor", None)
            if anchor is not None:
                raise YamlProblem(f"anchors (`&{anchor}`) are not allowed; write the value out", *_pos(event))
            tag = getattr(event, "tag", None)
            if tag is not None and tag != "!":
                raise YamlProblem(f"tags (`{_short_tag(tag)}`) are not allowed in scenario files", *_pos(event))
            if isinstance(event, (MappingStartEvent, SequenceStartEvent, ScalarEvent)):
                nodes += 1
                if nodes > MAX_NODES:
                    raise YamlProblem(f"the file has more than {MAX_NODES:,} values", *_pos(event))
            if isinstance(event, ScalarEvent):
                value_text = event.value
                if len(value_text) > MAX_SCALAR:
                    raise YamlProblem(f"a value is {len(value_text):,} characters long (at most {MAX_SCALAR:,})", *_pos(event))
                expects_key = bool(stack) and isinstance(stack[-1][0], dict) and stack[-1][2] is _NO_KEY
                bad = first_unsafe(value_text, lines=not expects_key)
                if bad is not None:
                    what = "key" if expects_key else "text"
                    doc.problems.append((f"the {what} holds {char_name(bad[1])} at character {bad[0] + 1}; scenario "
                                         f"text may not hold control characters (line breaks and tabs only in "
                                         f"texts that have lines)", *_pos(event)))
                if expects_key:
                    # A key is a name, as written (`true:` stays "true"); null and decimals cannot be names.
                    plain = event.style is None and event.implicit[0]
                    resolved = resolve_plain(value_text) if plain and len(value_text) < 30 else value_text
                    value = resolved if resolved is None or isinstance(resolved, float) else value_text
                elif event.style is None and event.implicit[0]:
                    try:
                        value = resolve_plain(value_text)
                    except ValueError as exc:
                        raise YamlProblem(str(exc), *_pos(event)) from None
                else:
                    value = value_text
                child = place(value, _pos(event), event)
                if child is not None and event.style:
                    doc.styles[child] = event.style
            elif isinstance(event, (MappingStartEvent, SequenceStartEvent)):
                if len(stack) >= MAX_DEPTH:
                    raise YamlProblem(f"the file is nested more than {MAX_DEPTH} levels deep", *_pos(event))
                container: dict[str, Any] | list[Any] = {} if isinstance(event, MappingStartEvent) else []
                parent_path = _child_path(stack, container)
                stack.append([container, parent_path, _NO_KEY, None, _pos(event)])
            elif isinstance(event, (MappingEndEvent, SequenceEndEvent)):
                frame = stack.pop()
                place(frame[0], frame[4], event)
    except YamlProblem:
        raise
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        what = exc.problem or exc.context or "invalid YAML"
        if exc.problem and "'\\t'" in exc.problem:
            what = "a tab cannot indent YAML; use spaces"
        elif exc.context and exc.problem:
            start = exc.context_mark
            # Where the unclosed bracket or quote began is often far above where YAML noticed.
            if start is not None and mark is not None and start.line != mark.line:
                what = f"{exc.problem} ({exc.context} that starts at line {start.line + 1}, column {start.column + 1})"
            else:
                what = f"{exc.problem} ({exc.context})"
        raise YamlProblem(f"YAML syntax: {what}", line, col) from None
    except YAMLError as exc:
        raise YamlProblem(f"YAML: {str(exc).splitlines()[0] if str(exc) else 'unreadable'}") from None
    except RecursionError:
        raise YamlProblem(f"the file is nested more than {MAX_DEPTH} levels deep") from None
    if not root_set:
        doc.data = None
    return doc


class _NoKey:
    __slots__ = ()


_NO_KEY = _NoKey()


def _child_path(stack: list[list[Any]], container: Any) -> Path:
    """The path a new container will have once it is placed in the current parent."""
    if not stack:
        return ()
    frame = stack[-1]
    parent, path = frame[0], frame[1]
    if isinstance(parent, list):
        return (*path, len(parent))
    if frame[2] is _NO_KEY:
        # A mapping or list used as a key; `place` will refuse it with its position.
        return (*path, "?")
    return (*path, frame[2])


def _short_tag(tag: str) -> str:
    return "!!" + tag[len("tag:yaml.org,2002:"):] if tag.startswith("tag:yaml.org,2002:") else tag


def _show(value: Any) -> str:
    return "null" if value is None else str(value)
