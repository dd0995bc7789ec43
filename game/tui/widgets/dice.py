"""Provides the dice tray: the last roll, its dice faces and the target it had to meet."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import Static

if TYPE_CHECKING:
    from game.engine.events import DiceRolled

D6 = "⚀⚁⚂⚃⚄⚅"


def faces(dice: str, rolls: tuple[int, ...]) -> str:
    if dice.endswith("d6"):
        return " ".join(D6[r - 1] for r in rolls)
    return " ".join(f"[{r}]" for r in rolls)


class DiceTray(Static):
    """Shown only after an action that rolled dice."""

    def show(self, roll: DiceRolled | None) -> None:
        self.display = roll is not None
        if roll is None:
            return
        text = Text()
        label = f" for “{roll.label}”" if roll.label else ""
        text.append(f"Dice{label}: ", style="bold")
        text.append(faces(roll.dice, roll.rolls) + "  ", style="bold")
        mod = roll.modifier
        sums = " + ".join(map(str, roll.rolls))
        if mod:
            sums += f" {'+' if mod > 0 else '−'} {abs(mod):g}"
        # One die and nothing added: its face is the total ("⚃ 4, needed 3"), not a sum of one.
        total = f"{sums} = {roll.total:,g}" if len(roll.rolls) > 1 or mod else sums
        text.append(f"{total}, needed {roll.target:,g} → ")
        text.append("success" if roll.success else "failure", style="bold reverse")
        self.update(text)
