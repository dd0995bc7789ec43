"""Provides the rules engine: pure, deterministic turns over a compiled scenario.

No Textual, no Rich, no file system and no clock here (a test proves it):
every face — the Textual game, the command line, the simulator, the tests —
drives the same functions.
"""

from game.engine.actions import Action, Appeal, Choose, Rest, TryGate, decode, encode
from game.engine.book import Book, compile_book
from game.engine.turn import (
    InvalidAction,
    appeal_blocker,
    available,
    gate_blocker,
    gate_shown,
    gate_status,
    new_game,
    step,
)

__all__ = [
    "Action", "Appeal", "Book", "Choose", "InvalidAction", "Rest", "TryGate", "appeal_blocker", "available",
    "compile_book", "decode", "encode", "gate_blocker", "gate_shown", "gate_status", "new_game", "step",
]
