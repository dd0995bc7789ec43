"""Provides `play`: the Textual game, or with --headless a transcript played by given choices or a bot."""

from __future__ import annotations

import argparse
import json
import random
import sys
from typing import Any

from game.cli import UsageError
from game.cli.common import add_scenario_options, apply_season, check_persona, group_name, load_city, policy_name
from game.model.opacity import OPACITY_LEVELS
from game.model.text import shown, terminal_safe


def add_parser(parser: argparse.ArgumentParser) -> None:
    add_scenario_options(parser)
    parser.add_argument("--opacity", choices=OPACITY_LEVELS,
                        help="how much of the rulebook you see while playing (default: the scenario's)")
    parser.add_argument("--load", metavar="SAVE", help="continue a saved game")
    parser.add_argument("--saves", metavar="DIR",
                        help="folder for saves (default: see README); with --headless, the season is saved there "
                             "(without it, headless play writes nothing)")
    parser.add_argument("--group", metavar="NAME", type=group_name,
                        help="the group playing (a workshop table): recorded in the save and its file name; "
                             "Continue resumes this group's newest game")
    parser.add_argument("--headless", action="store_true", help="no terminal UI: print a transcript")
    parser.add_argument("--choices", metavar="LIST",
                        help="headless: actions in order, comma-separated: a choice number (1-9), "
                             "gate:ID, appeal:N or rest")
    parser.add_argument("--policy", metavar="NAME", type=policy_name,
                        help="headless: a bot plays (after --choices, if given): random, score-first, "
                             "values-first, cautious")
    parser.add_argument("--json", action="store_true", help="headless: print a JSON transcript")


def parse_choices(text: str) -> list:
    from game.engine.actions import decode

    actions = []
    for n, part in enumerate(text.split(","), start=1):
        if not part.strip():
            raise UsageError(f"--choices: item {n} is empty (write e.g. 1,2,gate:loan,rest)")
        try:
            actions.append(decode(part))
        except ValueError as exc:
            raise UsageError(f"--choices: item {n}: {exc}") from None
    return actions


def run(args: argparse.Namespace) -> int:
    if not args.headless:
        if args.choices or args.policy or args.json:
            raise UsageError("--choices, --policy and --json need --headless")
        # Textual reads keys from stdin and draws on stderr: without a terminal there it would wait forever.
        if not _is_terminal(sys.__stdin__) or not _is_terminal(sys.__stderr__):
            raise UsageError("the game needs a terminal to play in (its input or screen is not one here); "
                             "for a transcript use --headless with --policy or --choices")
        from game.tui.launch import launch

        if getattr(args, "season", None) is not None:
            apply_season(load_city(args.scenario).book, args)
        return launch(args)
    return run_headless(args)


def _is_terminal(stream: Any) -> bool:
    try:
        return stream is not None and bool(stream.isatty())
    except (ValueError, OSError):  # closed
        return False


def run_headless(args: argparse.Namespace) -> int:
    from game.engine.season import replay
    from game.engine.turn import InvalidAction, new_game
    from game.model.scenario import Opacity
    from game.report.transcript import json_transcript, text_transcript

    if args.load:
        raise UsageError("--load is for the Textual game; use `python -m game replay SAVE` for a transcript")
    city = load_city(args.scenario)
    book = city.book
    apply_season(book, args)
    persona = check_persona(book, args.persona)
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(2**31)
    opacity = Opacity(args.opacity) if args.opacity else book.scenario.scenario.default_opacity
    given = parse_choices(args.choices) if args.choices else []
    if not given and not args.policy:
        raise UsageError("headless play needs --choices LIST or --policy NAME")
    try:
        start, opening = new_game(book, persona, seed, args.days)
    except InvalidAction as exc:
        raise UsageError(str(exc)) from None
    # Play it all first, so a bad given action is one clear line, not half a transcript.
    actions = []
    state = start
    try:
        for taken in replay(book, start, given, args.policy):
            actions.append(taken.action)
            state = taken.after
    except InvalidAction as exc:
        n = len(actions) + 1
        if state.over:
            raise UsageError(f"--choices: item {n}: the season is already over") from None
        raise UsageError(f"--choices: item {n} on day {state.day}: {exc}") from None
    saved = _save_headless(city, persona, seed, opacity, args, actions, state) if args.saves else None
    how = " then ".join(filter(None, [f"{len(given)} given choices" if given else "",
                                      f"policy {args.policy}" if args.policy else ""]))
    if args.json:
        data, _ = json_transcript(book, start, opening, actions, opacity)
        print(terminal_safe(json.dumps(data, indent=1, ensure_ascii=False)))
    else:
        lines, _ = text_transcript(book, start, opening, actions, opacity, how)
        print(terminal_safe("\n".join(lines)))
    if saved is not None:
        print(f"saved to {shown(saved)}", file=sys.stderr)
    return 0


def _save_headless(city: Any, persona: str, seed: int, opacity: Any, args: argparse.Namespace,
                   actions: list[Any], final: Any) -> Any:
    """A real save of the headless season, as the game would have autosaved it (replay and debrief take it)."""
    from game.saves import SaveError, save_session, saves_dir
    from game.session import Session

    session = Session(city, persona, seed, opacity, args.days, final, list(actions), group=args.group)
    try:
        return save_session(session, saves_dir(args.saves))
    except SaveError as exc:
        raise UsageError(str(exc)) from None
