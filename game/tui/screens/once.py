"""Provides `Once`: a screen that answers once, and ignores every key, click or queued event after that.

Textual's `Screen.dismiss` pops whatever screen is on top. A second answer queued in a
burst of keys (a second Enter on a list, a click and a key together) would pop the screen
*under* this one — the table — or fail on an empty stack. Screens that return an answer
mix this in before `Screen`/`ModalScreen`: the first dismiss wins, later ones do nothing.
"""

from __future__ import annotations

from typing import Any

from textual.await_complete import AwaitComplete
from textual.screen import Screen


class Once(Screen[Any]):
    """Mixed in before a screen class: `dismiss` works once, and only while this screen is on top."""

    _decided = False

    @property
    def decided(self) -> bool:
        """True once this screen has given its answer (it may still be on screen for a moment)."""
        return self._decided

    def dismiss(self, result: Any = None) -> AwaitComplete:
        if self._decided or not self.is_attached or self.app.screen is not self:
            return AwaitComplete.nothing()  # type: ignore[no-untyped-call, no-any-return]  # untyped in Textual
        self._decided = True
        return super().dismiss(result)

    async def action_dismiss(self, result: Any = None) -> None:
        if not self._decided:
            await super().action_dismiss(result)
