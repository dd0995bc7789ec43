"""Provides what several commands share: loading a scenario for play, parsing seeds and policies."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from game.cli import UsageError

#: The longest season the engine plays (it refuses more).
MAX_DAYS = 365

if TYPE_CHECKING:
    from game.content.city import City
    from game.engine.book import Book


def add_scenario_options(parser: argparse.ArgumentParser, persona_all: bool = False) -> None:
    parser.add_argument("--scenario", metavar="S", help="scenario folder or id (default: the default city)")
    persona_help = "persona id, or `all`" if persona_all else "persona id (default: the scenario's default)"
    parser.add_argument("--persona", metavar="P", help=persona_help)
    parser.add_argument("--seed", metavar="N", type=seed_value, help="seed: the same seed and actions give the same game")
    parser.add_argument("--days", metavar="D", type=season_days,
                        help="season length in days, 1 to 365 (default: the scenario's)")
    parser.add_argument("--season", metavar="NAME",
                        help="a season length the scenario names, e.g. short or full (instead of --days)")


def whole_number(text: str) -> int:
    """An option's value as a whole number, or argparse's error saying it is not one."""
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"`{text}` is not a whole number") from None


def seed_value(text: str) -> int:
    value = whole_number(text)
    if not 0 <= value < 2**63:
        raise argparse.ArgumentTypeError(f"a seed is from 0 to 2^63-1, not {value}")
    return value


def positive_int(text: str) -> int:
    value = whole_number(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {value}")
    return value


#: The most seasons one `simulate` plays (the default city takes about 1½ hours for them on two cores).
MAX_RUNS = 1_000_000


def run_count(text: str) -> int:
    value = positive_int(text)
    if value > MAX_RUNS:
        raise argparse.ArgumentTypeError(f"at most {MAX_RUNS:,} runs, not {value:,} (split a larger study into seeds)")
    return value


def season_days(text: str) -> int:
    value = positive_int(text)
    if value > MAX_DAYS:
        raise argparse.ArgumentTypeError(f"a season lasts 1 to {MAX_DAYS} days, not {value}")
    return value


def group_name(text: str) -> str:
    from game.session import clean_group

    group = clean_group(text)
    if group is None:
        raise argparse.ArgumentTypeError("a group name needs a letter or a digit")
    return group


def policy_name(text: str) -> str:
    from game.engine.policies import POLICIES

    if text not in POLICIES:
        raise argparse.ArgumentTypeError(f"unknown policy `{text}`; choose one of: {', '.join(POLICIES)}")
    return text


def add_rules_option(parser: argparse.ArgumentParser, what: str = "play") -> None:
    parser.add_argument("--rules", metavar="PACK",
                        help=f"{what} under a rule pack: a pack's folder or id (e.g. reform, market); "
                             "see docs/packs.md")


def load_city(scenario: str | None, rules: str | None = None) -> City:
    """Open a scenario for play (under the rule pack `rules`, if given), turning every problem into one
    line for the user."""
    from game.content.city import city_problem, open_city
    from game.content.problems import ScenarioError, UnusableInput

    try:
        return open_city(scenario, rules)
    except (UnusableInput, ScenarioError) as exc:
        raise UsageError(city_problem(exc)) from None


def apply_season(book: Book, args: argparse.Namespace) -> int | None:
    """Turn `--season NAME` into `args.days` (the scenario names its lengths); returns the days chosen, or None."""
    season = getattr(args, "season", None)
    if season is None:
        days: int | None = getattr(args, "days", None)
        return days
    if getattr(args, "days", None) is not None:
        raise UsageError("give --season or --days, not both")
    try:
        chosen = book.season_days(season)
    except KeyError as exc:
        raise UsageError(str(exc.args[0])) from None
    args.days = chosen
    return chosen


def check_persona(book: Book, persona: str | None) -> str:
    if persona is None:
        return book.scenario.scenario.default_persona or book.scenario.personas[0].id
    if persona not in book.personas:
        raise UsageError(f"unknown persona `{persona}`; this scenario has: {', '.join(book.personas)}")
    return persona
