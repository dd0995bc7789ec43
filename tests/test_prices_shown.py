"""The default city never takes money for a choice without showing the price first.

A sure loss of money in a choice's outcome is a price the player did not see: it belongs in
the choice's `cost` (shown as "costs Money N", and closing the choice when it cannot be
paid), or, for earnings given up rather than paid, in the choice's own words. One card
keeps its loss hidden on purpose: the scam call, whose lesson is that the price is hidden.
"""

from __future__ import annotations

import re

from game.content.loader import load_scenario
from pathlib import Path

LANSHUI = Path(__file__).resolve().parents[1] / "scenarios" / "lanshui"

HIDDEN_ON_PURPOSE = {("c_scam_call", "comply")}


def test_every_sure_loss_of_money_is_shown_before_the_choice() -> None:
    scenario = load_scenario(LANSHUI)
    unseen = []
    for card in scenario.cards:
        for choice in card.choices:
            if choice.outcome is None or (card.id, choice.id) in HIDDEN_ON_PURPOSE:
                continue
            loss = -choice.outcome.stats.get("money", 0)
            if loss > 0 and not re.search(rf"\b{loss}\b", choice.text):
                unseen.append(f"{card.id}/{choice.id}: takes {loss} yuan, says {choice.text!r}")
    assert not unseen, "\n".join(unseen)
