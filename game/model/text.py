"""Provides what text may hold, and how any text is shown on a terminal: one table for both.

A terminal takes some characters as orders, not letters: C0 controls (ESC starts
the sequences that clear the screen, move the cursor, recolour, set the window
title or make a link; BEL, backspace and carriage return overwrite what is
shown), DEL, the C1 controls (U+0080–U+009F, where U+009B is a one-character
ESC [), and the Unicode line and paragraph separators. The bidirectional
embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) reorder the
letters around them, so a name can read as something it is not.

Scenario text may hold none of them except a line break and a tab, and those
only in texts that may have lines (`validate` says which field and which
character). Text from anywhere else — a save from another machine, a file name,
the command line — is shown with each such character written out as `\\uXXXX`
(`\\n`, `\\r`, `\\t` for the three everyone knows), so it reaches the screen as
letters. Within JSON, `\\uXXXX` is the character's own escape, so JSON stays JSON.
"""

from __future__ import annotations

import re

#: Characters a terminal may take as orders (see the module's docstring); tab and line feed are among them.
UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
#: The same, less the line feed and the tab: what may not stay even in text that has lines.
UNSAFE_IN_LINES = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_NAMES = {
    0x00: "null", 0x07: "bell", 0x08: "backspace", 0x09: "tab", 0x0A: "line break", 0x0B: "vertical tab",
    0x0C: "form feed", 0x0D: "carriage return", 0x1B: "escape", 0x7F: "delete", 0x85: "next line",
    0x9B: "control sequence introducer", 0x2028: "line separator", 0x2029: "paragraph separator",
    0x202A: "left-to-right embedding", 0x202B: "right-to-left embedding", 0x202C: "pop directional formatting",
    0x202D: "left-to-right override", 0x202E: "right-to-left override", 0x2066: "left-to-right isolate",
    0x2067: "right-to-left isolate", 0x2068: "first strong isolate", 0x2069: "pop directional isolate",
}


def _escape(match: re.Match[str]) -> str:
    ch = match.group()
    return _NAMED.get(ch) or f"\\u{ord(ch):04x}"


def shown(value: object) -> str:
    """`value` as one line of plain letters, for a message: every control character written out, line breaks too."""
    return UNSAFE.sub(_escape, str(value))


def terminal_safe(text: str) -> str:
    """Text with lines, for a terminal or a file a terminal will show: line breaks and tabs kept, the rest written out."""
    return UNSAFE_IN_LINES.sub(_escape, text)


def char_name(ch: str) -> str:
    """A control character as a person can name it, e.g. `U+001B (escape)`."""
    code = ord(ch)
    name = _NAMES.get(code) or ("a control character" if code < 0x20 or 0x7F <= code <= 0x9F else "a format character")
    return f"U+{code:04X} ({name})"


def first_unsafe(text: str, lines: bool = False) -> tuple[int, str] | None:
    """The first character of `text` a terminal would take as an order, and where; line breaks and tabs pass if `lines`."""
    match = (UNSAFE_IN_LINES if lines else UNSAFE).search(text)
    return None if match is None else (match.start(), match.group())


__all__ = ["UNSAFE", "UNSAFE_IN_LINES", "char_name", "first_unsafe", "shown", "terminal_safe"]
