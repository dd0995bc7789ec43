"""Provides the rule pack format: a folder of YAML that adds, changes or removes a scenario's rules, gates,
score tiers, appeal and record keeping, by id. A pack is data, validated like a scenario; never code.

One file holds `pack:` (what it is and which city it is for); any file may hold `remove:`, `change:` and
`add:`, applied in that order, file by file. A change names an item by `id` and gives the fields it
replaces; everything it does not name stays as the city wrote it.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field

from game.model.scenario import Gate, Id, Line, Rule, Strict, Text


class PackMeta(Strict):
    """What the pack is: its id, its title, the scenario it changes and what it models."""

    id: Id
    title: Line
    scenario: Id = Field(description="The id of the scenario (city) this pack changes.")
    about: Text = Field(description="What the pack models, and on what basis: shown where the pack is chosen.")


Patch = Annotated[dict[str, Any], Field(description="`id:` the item to change, and the fields that replace the city's.")]


class PackRemove(Strict):
    """Items of the scenario taken out, by id."""

    rules: list[Id] = Field(default_factory=list)
    gates: list[Id] = Field(default_factory=list)


class PackChange(Strict):
    """Items of the scenario changed: each names its `id` and gives the fields that replace the city's."""

    rules: list[Patch] = Field(default_factory=list)
    gates: list[Patch] = Field(default_factory=list)
    scores: list[Patch] = Field(default_factory=list, description="e.g. `{id: civic, tiers: [...]}`: new tier cut-offs.")
    appeal: dict[str, Any] | None = Field(None, description="Fields of the scenario's `appeal:` that replace its own.")
    records: dict[str, Any] | None = Field(None, description="Fields of the scenario's `records:` that replace its own.")


class PackAdd(Strict):
    """New items, written as in a scenario."""

    rules: list[Rule] = Field(default_factory=list)
    gates: list[Gate] = Field(default_factory=list)


class PackFile(Strict):
    """One YAML file of a rule pack."""

    pack: PackMeta | None = None
    remove: PackRemove | None = None
    change: PackChange | None = None
    add: PackAdd | None = None


__all__ = ["PackAdd", "PackChange", "PackFile", "PackMeta", "PackRemove"]
