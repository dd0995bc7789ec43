"""Provides the actions a player can take: answer a card, try a gate, appeal a record, rest."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Choose:
    """Answer the current card with its choice at `index` (0-based, in the card's own order)."""

    index: int


@dataclass(frozen=True, slots=True)
class TryGate:
    """Try a gate: buy the ticket, apply for the loan, enrol the child."""

    gate: str


@dataclass(frozen=True, slots=True)
class Appeal:
    """Appeal a dossier record by its number."""

    record: int


@dataclass(frozen=True, slots=True)
class Rest:
    """Rest for the rest of the day: the day's remaining cards are set aside."""


Action = Choose | TryGate | Appeal | Rest


def encode(action: Action) -> str:
    """A short, stable text form used in saves and on the command line."""
    if isinstance(action, Choose):
        return f"choose:{action.index + 1}"
    if isinstance(action, TryGate):
        return f"gate:{action.gate}"
    if isinstance(action, Appeal):
        return f"appeal:{action.record}"
    return "rest"


def decode(text: str) -> Action:
    """Parse `choose:N` (1-based), a bare `N`, `gate:ID`, `appeal:N` or `rest`. Raises ValueError."""
    text = text.strip()
    if text == "rest":
        return Rest()
    if text.isdigit():
        return _choice(text)
    kind, sep, arg = text.partition(":")
    if sep and kind == "choose" and arg.isdigit():
        return _choice(arg)
    if sep and kind == "gate" and arg:
        return TryGate(arg)
    if sep and kind == "appeal" and arg.isdigit():
        return Appeal(int(arg))
    raise ValueError(f"`{text}` is not an action; use a choice number, gate:ID, appeal:N or rest")


def _choice(digits: str) -> Choose:
    n = int(digits)
    if n < 1:
        raise ValueError("choices are numbered from 1")
    return Choose(n - 1)
