"""Provides a room's question: a 1–5 scale and a line of words, before play or after the debrief; never required."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from game.session import Answer
from game.tui.screens.once import Once


class LineInput(Input):
    """The answer's line: while it is empty, 1–5 pick on the scale instead (after that they are letters)."""

    async def _on_key(self, event: events.Key) -> None:
        if not self.value and event.character is not None and event.character in "12345":
            event.stop()
            event.prevent_default()
            await self.screen.run_action(f"pick({event.character})")
            return
        await super()._on_key(event)


class QuestionScreen(ModalScreen[Answer | None], Once):
    """Returns the answer (a scale of 1–5 or none, and a line), or None when skipped with Esc."""

    BINDINGS = [Binding("escape", "skip", "Skip"), *(Binding(str(n), f"pick({n})", show=False) for n in range(1, 6))]

    def __init__(self, when: str, question: str, scale: tuple[str, ...]) -> None:
        super().__init__()
        self.when, self.question, self.scale = when, question, scale
        self.picked: int | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide", id="question-box"):
            yield Static(Text(f"The room asks — {self.when}"), classes="dialog-title")
            yield Static(Text(self.question), classes="dialog-text", id="question-text")
            with Horizontal(classes="dialog-buttons", id="question-scale"):
                for n, words in enumerate(self.scale, start=1):
                    yield Button(words, id=f"scale-{n}", classes="scale")
            yield Static("Press 1–5 (or click), then a line in your words if you like, and Enter. "
                         "Esc skips: you can play without answering.", classes="dialog-sub", id="question-hint")
            yield LineInput(placeholder="a line of your own (optional)", id="question-line", max_length=200)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Done (Enter)", variant="primary", id="done")
                yield Button("Skip (Esc)", id="skip")

    def on_mount(self) -> None:
        # The line has the focus, not a scale button: an Enter carried over from the screen before
        # answers nothing (an empty answer is a skip), while 1–5 still pick on the scale.
        self.query_one("#question-line", Input).focus()

    def pick(self, n: int) -> None:
        self.picked = n
        for i in range(1, len(self.scale) + 1):
            self.query_one(f"#scale-{i}", Button).variant = "success" if i == n else "default"
        self.query_one("#question-line", Input).focus()

    def action_pick(self, n: int) -> None:
        if 1 <= n <= len(self.scale):
            self.pick(n)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        bid = event.button.id or ""
        if bid.startswith("scale-"):
            self.pick(int(bid.removeprefix("scale-")))
        elif bid == "done":
            self.done()
        else:
            self.dismiss(None)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.done()

    def done(self) -> None:
        text = " ".join(self.query_one("#question-line", Input).value.split())
        if self.picked is None and not text:
            self.dismiss(None)
            return
        self.dismiss(Answer(self.picked, text))

    def action_skip(self) -> None:
        self.dismiss(None)
