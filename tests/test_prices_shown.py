"""A first-timer never chooses without seeing the price.

Every card of the default city, to every persona: a choice's row names its cost and each
change it makes for certain against what the persona wants (a loss of money, energy,
family…, a rise of a stat they want low, like stress), worked out here from the scenario
as written — in the outcome, or in both results of its dice — not by the view's own code.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from game.content.city import open_city
from game.content.loader import load_scenario
from game.engine.turn import new_game
from game.model.scenario import Opacity
from game.report.view import card_view
from game.tui.widgets.card import choice_label

CITY = Path(__file__).resolve().parents[1] / "scenarios" / "lanshui"
SCENARIO = load_scenario(CITY)
NAMES = {s.id: s.name for s in SCENARIO.stats}


def by_hand(choice, cares: dict[str, float]) -> dict[str, float]:  # noqa: ANN001 - a scenario Choice
    sure: dict[str, float] = dict(choice.outcome.stats) if choice.outcome else {}
    if choice.check is not None:
        win, lose = dict(choice.check.success.stats), dict(choice.check.failure.stats)
        for k in win.keys() & lose.keys():
            sure[k] = sure.get(k, 0) + (min if cares.get(k, 1) < 0 else max)(win[k], lose[k])
    return {k: v for k, v in sure.items() if (v > 0 if cares.get(k, 1) < 0 else v < 0)}


@pytest.mark.parametrize("persona", [p.id for p in SCENARIO.personas])
def test_every_choice_shows_its_cost_and_what_it_takes_for_certain(persona: str) -> None:
    book = open_city(CITY).book
    cares = next(p for p in SCENARIO.personas if p.id == persona).cares
    unseen = []
    for card in SCENARIO.cards:
        if card.personas and persona not in card.personas:
            continue
        state, _ = new_game(book, persona, 1)
        state.hand = [card.id]
        view = card_view(book, state, Opacity.partial)
        assert view is not None
        for choice, shown in zip(card.choices, view.choices, strict=True):
            label = choice_label(shown).plain
            # a cost and a certain loss of the same stat are two prices: "costs Money 180; then Money −200"
            prices = [(k, v, True) for k, v in choice.cost.items()] + [(k, v, False) for k, v in by_hand(choice, cares).items()]
            for stat, value, is_cost in prices:
                if not isinstance(value, int | float):
                    continue  # an amount worked out from the state; the view's own test covers those
                words = f"{NAMES[stat]} {abs(value):,g}" if is_cost else f"{NAMES[stat]} {value:+,g}"
                words = words.replace("-", "−")
                if words not in label:
                    unseen.append(f"{card.id}/{choice.id}: {words!r} not in {label!r}")
    assert not unseen, "\n".join(unseen[:20])
