"""Provides the table of names a scenario's conditions may use, with their types."""

from __future__ import annotations

from game.model.condition import T, Var
from game.model.scenario import Scenario


def tier_name(score_id: str) -> str:
    """The condition name of a score's current tier, e.g. `civic_tier`."""
    return f"{score_id}_tier"


#: The names a calendar's moments and card limit may use: only the season's length.
SEASON_NAMES = {"days": Var(T.num, "the number of days in the season")}


def declared_names(scenario: Scenario) -> dict[str, Var]:
    """Every name a condition may use in this scenario, mapped to its type.

    Later kinds do not overwrite earlier ones; `game.content` reports clashes.
    """
    names: dict[str, Var] = {
        "day": Var(T.num, "the day of the season, from 1"),
        "days": Var(T.num, "the number of days in the season"),
        "persona": Var(T.str, "the persona's id", frozenset(p.id for p in scenario.personas)),
        "record": Var(
            T.set,
            "kinds of record in your dossier",
            frozenset(r.record.id for r in scenario.rules if r.record is not None),
        ),
    }

    def add(name: str, var: Var) -> None:
        names.setdefault(name, var)

    calendar = getattr(scenario, "calendar", None)
    for moment in getattr(calendar, "moments", {}) or {}:
        add(moment, Var(T.num, "a moment of the calendar (a day, from the season's length)"))
    for stat in scenario.stats:
        add(stat.id, Var(T.num, f"stat {stat.name}"))
    for score in scenario.scores:
        add(score.id, Var(T.num, f"score {score.name}"))
        add(tier_name(score.id), Var(T.str, f"tier of {score.name}", frozenset(t.id for t in score.tiers)))
    for flag in scenario.flags:
        add(flag.id, Var(T.bool, "flag"))
    for attr in scenario.attributes:
        kind = T.bool if isinstance(attr.default, bool) else T.num if isinstance(attr.default, int) else T.str
        add(attr.id, Var(kind, "persona attribute"))
    return names
