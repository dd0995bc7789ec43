"""Helpers for Pilot tests: wait for a screen, read every screen's text, play a card as a player would."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.screen import Screen

ROOT = Path(__file__).resolve().parents[2]
GOOD = str(ROOT / "tests" / "scenarios" / "good")


async def wait_for(pilot: Pilot, kind: type[Screen], tries: int = 200) -> Screen:
    """Let the app run until the active screen is a `kind` (workers and animations finish)."""
    for _ in range(tries):
        await pilot.pause()
        if isinstance(pilot.app.screen, kind):
            return pilot.app.screen
        await pilot.pause(0.02)
    raise AssertionError(f"expected {kind.__name__}, the screen is {type(pilot.app.screen).__name__}")


def screen_text(pilot: Pilot) -> str:
    """Everything drawn on every screen in the stack, as plain text."""
    out = []
    for screen in pilot.app.screen_stack:
        out += [strip.text for strip in screen._compositor.render_strips()]
    return "\n".join(out)


def open_choice_keys(pilot: Pilot) -> list[str]:
    """The number keys of the choices on the table that are open, read from the buttons."""
    from game.tui.widgets.card import ChoiceButton

    return [str(b.slot + 1) for b in pilot.app.screen.query(ChoiceButton) if b.display and not b.disabled]
