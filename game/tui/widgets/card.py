"""Provides the card on the table: its title, its text and its choices as numbered buttons."""

from __future__ import annotations

from typing import TYPE_CHECKING, Self

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Button, Static

if TYPE_CHECKING:
    from game.report.view import CardView, ChoiceView

MAX_CHOICES = 9


def choice_label(choice: ChoiceView) -> Text:
    """A choice's whole words: its number, text, cost and dice, and why it is closed if it is."""
    label = Text()
    label.append(f"{choice.index + 1} ", style="bold reverse")
    label.append(f" {choice.text}")
    extra = [p for p in (f"costs {choice.cost}" if choice.cost else "",
                         f"then {choice.loses}" if choice.loses else "", choice.check) if p]
    if extra:
        label.append("  (" + "; ".join(extra) + ")", style="italic")
    if not choice.open:
        label.append(f"  — {choice.why_not}", style="italic")
    return label


class ChoiceButton(Button):
    """One choice: its number key, its words, its cost and dice, and why it is closed if it is."""

    class Picked(Button.Pressed):
        """The choice was pressed while `card` (the table's key for the card then shown) was on the table."""

        def __init__(self, button: ChoiceButton, card: object) -> None:
            super().__init__(button)
            self.card = card
            self.choice = button  # the ChoiceButton itself (Button.Pressed types `button` as a plain Button)

    def __init__(self, slot: int) -> None:
        super().__init__("", id=f"choice-{slot + 1}", compact=True, classes="choice")
        self.slot = slot
        self.card: object = None  # which card this button shows now (set by the table)
        self.display = False

    def press(self) -> Self:
        # The press carries the card it was meant for: a second press queued in a burst of keys
        # arrives after the card has changed, and the table drops it instead of answering the next card.
        if self.disabled or not self.display:
            return self
        self._start_active_affect()
        self.post_message(ChoiceButton.Picked(self, self.card))
        return self

    def show(self, choice: ChoiceView | None, card: object = None) -> None:
        self.card = card
        self.display = choice is not None
        if choice is None:
            return
        self.label = choice_label(choice)
        self.disabled = not choice.open
        # A new label may need more or fewer rows than the last card's: Button repaints, it does not re-measure.
        self.refresh(layout=True)


class CardPanel(Vertical):
    """The card you must answer now."""

    def compose(self) -> ComposeResult:
        yield Static(id="card-title")
        yield Static(id="card-text")
        for slot in range(MAX_CHOICES):
            yield ChoiceButton(slot)

    def show(self, card: CardView | None, key: object = None, short: bool = False) -> None:
        """Show `card`; `key` names this showing of it (its choices' presses carry it).

        In a short window (`short`) the title sits on the card's border and no blank line follows the
        text, so two more lines of the log stay in sight below a long card.
        """
        title = self.query_one("#card-title", Static)
        text = self.query_one("#card-text", Static)
        if card is None:
            title.update("")
            text.update("No card to answer.")
            choices: tuple[ChoiceView, ...] = ()
        else:
            left = f"  · {card.left_today - 1} more today" if card.left_today > 1 else ""
            heading = Text.assemble((card.title, "bold"), (left, "dim"))
            title.update(heading)
            text.update(Text(card.text))
            choices = card.choices
        self.set_class(short, "short")
        self.border_title = heading if short and card is not None else None
        for button in self.query(ChoiceButton):
            button.show(choices[button.slot] if button.slot < len(choices) else None, key)
