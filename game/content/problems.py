"""Provides the problem report every loader and check speaks: `path:line:col: message`."""

from __future__ import annotations

from dataclasses import dataclass

from game.model.text import shown


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    """One thing wrong with a scenario, at the place an author can fix it."""

    file: str
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        # A file name or a quoted value may hold any character: the line stays one line of letters.
        return f"{shown(self.file)}:{self.line}:{self.col}: {shown(self.message)}"

    def as_dict(self) -> dict[str, object]:
        return {"file": self.file, "line": self.line, "col": self.col, "message": self.message}


class ScenarioError(Exception):
    """A scenario that cannot be played, with every problem found (not only the first)."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems), key=lambda p: (p.file, p.line, p.col, p.message))
        first = str(self.problems[0]) if self.problems else "invalid scenario"
        more = f" (and {len(self.problems) - 1} more)" if len(self.problems) > 1 else ""
        super().__init__(first + more)


class UnusableInput(Exception):
    """Input that cannot even be looked at: a missing path, a folder with no scenario files."""

    def __str__(self) -> str:
        return shown(super().__str__())
