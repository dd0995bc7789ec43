"""Provides `play`: the Textual game, or with --headless a transcript played by given choices or a bot."""

from __future__ import annotations

import argparse
import json
import random
import sys
from typing import TYPE_CHECKING, Any

from game.cli import UsageError
from game.cli.common import (
    add_rules_option,
    add_scenario_options,
    apply_season,
    check_persona,
    group_name,
    load_city,
    policy_name,
    positive_int,
)
from game.model.opacity import OPACITY_LEVELS
from game.model.text import shown, terminal_safe

if TYPE_CHECKING:
    from game.engine.actions import Action


def add_parser(parser: argparse.ArgumentParser) -> None:
    add_scenario_options(parser)
    add_rules_option(parser)
    parser.add_argument("--opacity", choices=OPACITY_LEVELS,
                        help="how much of the rulebook you see while playing (default: the scenario's)")
    parser.add_argument("--load", metavar="SAVE", help="continue a saved game")
    parser.add_argument("--saves", metavar="DIR",
                        help="folder for saves (default: see README); with --headless, the season is saved there "
                             "(without it, headless play writes nothing)")
    parser.add_argument("--group", metavar="NAME", type=group_name,
                        help="the group playing (a workshop table): recorded in the save and its file name; "
                             "Continue resumes this group's newest game")
    parser.add_argument("--room", metavar="CODE",
                        help="join a workshop room with the code on the board (with --group): the room's plan "
                             "gives persona, opacity, seed and season, and the game is saved in the room's folder")
    parser.add_argument("--round", metavar="N", type=positive_int,
                        help="with --room: the round to play (default: 1, or 2 once this group's round 1 is over)")
    parser.add_argument("--before", metavar="ANSWER",
                        help="headless, in a room that asks: the answer before play, `N` or `N: text` (N 1 to 5)")
    parser.add_argument("--after", metavar="ANSWER",
                        help="headless, in a room that asks: the answer after the season, `N` or `N: text`")
    parser.add_argument("--headless", action="store_true", help="no terminal UI: print a transcript")
    parser.add_argument("--choices", metavar="LIST",
                        help="headless: actions in order, comma-separated: a choice number (1-9), "
                             "gate:ID, appeal:N or rest")
    parser.add_argument("--policy", metavar="NAME", type=policy_name,
                        help="headless: a bot plays (after --choices, if given): random, score-first, "
                             "values-first, cautious")
    parser.add_argument("--json", action="store_true", help="headless: print a JSON transcript")


def parse_choices(text: str) -> list[Action]:
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
    seat = join_room(args) if args.room else None
    if seat is None and (args.round or args.before or args.after):
        raise UsageError("--round, --before and --after are for a game in a room (--room CODE)")
    if not args.headless and (args.before or args.after):
        raise UsageError("--before and --after are for --headless; the game asks its questions itself")
    if not args.headless:
        if args.choices or args.policy or args.json:
            raise UsageError("--choices, --policy and --json need --headless")
        # Textual reads keys from stdin and draws on stderr: without a terminal there it would wait forever.
        if not _is_terminal(sys.__stdin__) or not _is_terminal(sys.__stderr__):
            raise UsageError("the game needs a terminal to play in (its input or screen is not one here); "
                             "for a transcript use --headless with --policy or --choices")
        from game.tui.launch import launch

        if seat is None and getattr(args, "season", None) is not None:
            apply_season(load_city(args.scenario, args.rules).book, args)
        return launch(args)
    return run_headless(args)


def _is_terminal(stream: Any) -> bool:
    try:
        return stream is not None and bool(stream.isatty())
    except (ValueError, OSError):  # closed
        return False


def join_room(args: argparse.Namespace) -> Any:
    """The seat of `--group` in `--room`: the plan's persona, opacity, seed and season go into `args`."""
    from game.room.seat import RoomProblem, room_scenario, take_seat

    if not args.group:
        raise UsageError("--room needs --group NAME: your group's number from the board, e.g. --group '3 Kestrels'")
    if args.load:
        raise UsageError("--room starts a game in the room; to continue one, leave out --load (Continue finds it)")
    fixed = [f"--{o}" for o in ("persona", "opacity", "seed", "days", "season") if getattr(args, o, None) is not None]
    if fixed:
        raise UsageError(f"the room's plan gives persona, opacity, seed and season; leave out {', '.join(fixed)}")
    try:
        scenario = room_scenario(args.room, args.saves)
        if scenario is not None and args.scenario is not None:
            raise UsageError("the room's file says which city it plays; leave out --scenario")
        city = load_city(scenario or args.scenario)
        seat = take_seat(args.room, args.group, city, args.saves, args.round)
    except RoomProblem as exc:
        raise UsageError(f"--room: {exc}") from None
    args.room, args.group, args.round = seat.code, seat.group, seat.round
    args.scenario = scenario or args.scenario
    args.persona, args.opacity, args.seed, args.days = seat.persona, seat.opacity, seat.seed, seat.days
    args.seat = seat
    return seat


def parse_answer(option: str, text: str) -> Any:
    """`4`, `4: it will punish small mistakes` or just text: an answer to a room's question."""
    from game.session import Answer

    head, sep, tail = text.partition(":")
    if head.strip().isdigit() and (sep or not tail):
        scale, words = int(head.strip()), tail.strip()
        if not 1 <= scale <= 5:
            raise UsageError(f"{option}: the scale is 1 to 5, not {scale}")
    else:
        scale, words = None, text.strip()
    if len(words) > 500 or any(not ch.isprintable() for ch in words):
        raise UsageError(f"{option}: the answer is one line of at most 500 characters")
    return Answer(scale, words)


def run_headless(args: argparse.Namespace) -> int:
    from game.engine.season import replay
    from game.engine.turn import InvalidAction, new_game
    from game.model.scenario import Opacity
    from game.report.transcript import json_transcript, text_transcript

    if args.load:
        raise UsageError("--load is for the Textual game; use `python -m game replay SAVE` for a transcript")
    city = load_city(args.scenario, args.rules)
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
    saved = (_save_headless(city, persona, seed, opacity, args, actions, state)
             if args.saves or getattr(args, "seat", None) else None)
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

    seat = getattr(args, "seat", None)
    session = Session(city, persona, seed, opacity, args.days, final, list(actions), group=args.group)
    folder = saves_dir(args.saves)
    if seat is not None:
        session.room, session.round, folder = seat.code, seat.round, seat.folder
        if seat.plan.questions:
            session.before = parse_answer("--before", args.before) if args.before else None
            if args.after and not final.over:
                raise UsageError("--after: the season is not over; the question after comes with the debrief")
            session.after = parse_answer("--after", args.after) if args.after else None
        elif args.before or args.after:
            raise UsageError(f"room {seat.code} asks no questions; leave out --before and --after")
    try:
        return save_session(session, folder)
    except SaveError as exc:
        raise UsageError(str(exc)) from None
