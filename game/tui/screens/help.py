"""Provides the help screen: the game's words (stats, the two scores and their tiers, dice, appeals,
opacity) in the city's own names, and every key. Opened with ? anywhere."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from game.tui.screens.once import Once

if TYPE_CHECKING:
    from game.engine.book import Book
    from game.tui.app import GoodStandingApp

WHAT = ("A season in a city that scores its residents: each day brings cards and you choose; rules you may "
        "never see move your scores, file records and open or close gates. The debrief at the end shows it all.")

WORDS = [
    ("Stats", "what you have and how you are; choices spend and earn them. A choice you cannot pay is closed."),
    ("Scores", "what the city thinks of you, each kept by one office. Its tier (a band) is what banks and "
               "schools read."),
    ("Dice", "\"roll 2d6 +2, need 8\": two six-sided dice plus 2 must reach 8."),
    ("Gates", "a ticket, a loan, a place (g). A refusal says why, as far as the city tells you."),
    ("Records", "what the system holds on you (d). Some are wrong; you may appeal them."),
    ("Goals", "what you hope for, on the left. ✓ means it holds now; it counts at the season's end, so it can "
              "still be lost. Stats drift by themselves too: friends and family left untended, stress, bills."),
    ("Opacity", "how much you see. Opaque: a number moves. Partial: your tier and the kind of reason. "
                "Transparent: every rule and cut-off. The debrief always shows everything."),
]

KEYS = """\
  1–9 answer · ↓↑ Enter the same · g gates · d dossier · b rulebook
  r rest · s save · q leave · PgUp PgDn read the log · ? help · Esc back
  Ctrl+T theme · Ctrl+Q quit"""


def help_sections(book: Book | None) -> list[tuple[str, list[tuple[str, str]]]]:
    """The help's sections: a heading and its terms with their words (the city's own, once a city is open)."""
    from game.report.view import help_terms

    sections = [("The game's words", list(WORDS))]
    if book is not None:
        sections.append((f"In {book.scenario.scenario.title}", [(t.term, t.words) for t in help_terms(book)]))
    return sections


def help_text(book: Book | None) -> Text:
    """The help as plain text: never markup, since the city's names are somebody else's words."""
    text = Text()
    text.append(WHAT + "\n\n")
    for heading, terms in help_sections(book):
        text.append(f"{heading}\n", style="bold")
        for term, words in terms:
            text.append(f"  {term}: ", style="bold")
            text.append(words + "\n")
        text.append("\n")
    text.append("Keys\n", style="bold")
    text.append(KEYS)
    return text


def help_page(book: Book | None) -> Group:
    """The help as shown: each term in a column of its own, its words wrapping beside it (a hanging indent)."""
    parts: list[Text | Table] = [Text(WHAT + "\n")]
    for heading, terms in help_sections(book):
        parts.append(Text(heading, style="bold"))
        grid = Table.grid(padding=(0, 1), pad_edge=False)
        grid.add_column(width=min(15, max(len(t) for t, _ in terms) + 1) if terms else 10, style="bold",
                        overflow="fold")
        grid.add_column(ratio=1)
        for term, words in terms:
            grid.add_row(Text(f"{term}:"), Text(words))
        parts += [grid, Text("")]
    parts += [Text("Keys", style="bold"), Text(KEYS)]
    return Group(*parts)


class HelpScreen(ModalScreen[None], Once):
    """How to play, the game's words, and the keys."""

    app: GoodStandingApp
    BINDINGS = [Binding("escape,question_mark,q", "dismiss", "Close")]

    def compose(self) -> ComposeResult:
        book = self.app.book
        if book is None and self.app._books:  # on the title screen: the city compiled meanwhile
            book = next(iter(self.app._books.values())).book
        self.text = help_text(book).plain  # what the page says, as plain text
        with Vertical(classes="dialog wide", id="help-box"):
            yield Static("How to play", classes="dialog-title")
            with VerticalScroll(id="help-scroll"):
                yield Static(help_page(book), id="help-text")
            yield Button("Close (Esc)", id="close")

    def on_mount(self) -> None:
        self.query_one("#help-scroll").focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(None)
