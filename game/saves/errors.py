"""Provides the errors of saves: one line naming the file, and what the face can offer instead."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from game.content.loader import display_path


def location(path: Iterable[int | str], whole: str = "the save") -> str:
    """Where in a save's JSON: `snapshot.records[3].day`; `whole` for the top."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or whole


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

    def __init__(self, path: Path, scenario: str, saved_version: str, current_version: str,
                 pack: str | None = None) -> None:
        self.scenario = scenario
        self.saved_version = saved_version
        self.current_version = current_version
        versions = (f"version {saved_version} then, {current_version} now" if saved_version != current_version
                    else f"its files differ, though both are version {current_version}")
        what = f"scenario `{scenario}` or its rule pack `{pack}`" if pack else f"scenario `{scenario}`"
        super().__init__(path, f"{what} has changed since this game was saved ({versions}), "
                               "so its actions may not replay; it can continue from its snapshot instead")


class ReplayDiffers(SaveError):
    """The actions, replayed from the seed, do not lead to the snapshot the save holds."""

    def __init__(self, path: Path, day: int, detail: str) -> None:
        self.day = day
        self.detail = detail
        super().__init__(path, f"replay differs from the snapshot from day {day}: {detail}")


__all__ = ["location", "ReplayDiffers", "SaveError", "ScenarioChanged"]
