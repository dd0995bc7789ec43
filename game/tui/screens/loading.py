"""Provides the loading screen shown while a city or a save is being opened in a worker."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import LoadingIndicator, Static


class LoadingScreen(ModalScreen[None]):
    """A message and a loading indicator; the app pops it when the work is done."""

    def __init__(self, message: str, key: Any = None) -> None:
        super().__init__()
        self.message = message
        self.key = key

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="loading-box"):
            yield Static(self.message, classes="dialog-title", markup=False)
            yield LoadingIndicator()
