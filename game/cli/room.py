"""Provides `room`: set up a workshop room (`room new`) and report on the whole room's season (`room report`)."""

from __future__ import annotations

import argparse
import random
import sys
from datetime import datetime, timezone
from pathlib import Path

from game.cli import UsageError
from game.cli.common import load_city, season_days, whole_number
from game.model.text import shown, terminal_safe


def _groups(text: str) -> int:
    from game.room.plan import MAX_GROUPS

    value = whole_number(text)
    if not 1 <= value <= MAX_GROUPS:
        raise argparse.ArgumentTypeError(f"a room has 1 to {MAX_GROUPS} groups, not {value}")
    return value


def _room_seed(text: str) -> int:
    from game.room.plan import MAX_SEED

    value = whole_number(text)
    if not 0 <= value <= MAX_SEED:
        raise argparse.ArgumentTypeError(f"a room's seed is 0 to {MAX_SEED} (it goes into the room's code), "
                                         f"not {value}")
    return value


def add_parser(parser: argparse.ArgumentParser) -> None:
    from game.room.plan import ROUND_PLAN_HELP, ROUND_PLANS

    sub = parser.add_subparsers(dest="room_command", metavar="new|report", parser_class=type(parser))
    new = sub.add_parser("new", help="set up a room: its code, board sheet and printable handout",
                         description="Set up a workshop room: a code for the board, which persona and opacity "
                                     "each group plays, a board sheet (printed) and a handout (handout.html).")
    new.add_argument("--groups", metavar="N", type=_groups, default=8, help="number of groups (default 8)")
    new.add_argument("--seed", metavar="N", type=_room_seed,
                     help="the seed every group shares, 0 to 1023 (default: chosen at random)")
    new.add_argument("--days", metavar="D", type=season_days, help="season length in days (default: the city's)")
    new.add_argument("--season", metavar="NAME", help="a season length the city names, e.g. short (instead of --days)")
    new.add_argument("--rounds", choices=ROUND_PLANS, default="split",
                     help="how opacity is given out: " + "; ".join(f"{k}: {v}" for k, v in ROUND_PLAN_HELP.items())
                          + " (default split)")
    new.add_argument("--questions", action="store_true",
                     help="ask each group a question before play and one after the debrief (1–5 and a line)")
    new.add_argument("--scenario", metavar="S", help="scenario folder or id (default: the default city)")
    new.add_argument("--saves", metavar="DIR", help="saves folder the room goes in (default: see README)")
    report = sub.add_parser("report", help="the whole room's season from its saves (Markdown, HTML, JSON, CSV)",
                            description="Report on a room from its saves: a room folder, or any folders and files "
                                        "of saves collected from the room's laptops. Each game counts once.")
    report.add_argument("paths", metavar="PATH", nargs="+", help="a room folder, saves folders or save files")
    report.add_argument("--code", metavar="CODE", help="the room to report on, when the folders hold several")
    report.add_argument("--html", metavar="FILE", help="also write the projector page (one self-contained HTML file)")
    report.add_argument("--md", metavar="FILE", help="write the Markdown to FILE instead of printing it")
    report.add_argument("--json", action="store_true", help="print every figure as JSON instead")
    report.add_argument("--csv", action="store_true", help="print one row per game as CSV instead")
    report.add_argument("--names", action="store_true",
                        help="the facilitator's own copy: add every game by its group name (not for the projector)")
    report.add_argument("--scenario", metavar="S", help="the city's folder, if not where the saves say")
    report.add_argument("--rules", metavar="PACK",
                        help="add what the room's seasons would have been under a rule pack (a folder or id: "
                             "reform, market)")


def run(args: argparse.Namespace) -> int:
    if args.room_command == "new":
        return run_new(args)
    if args.room_command == "report":
        return run_report(args)
    raise UsageError("say `room new` (set up a room) or `room report PATH` (report on one)")


def run_new(args: argparse.Namespace) -> int:
    from game.cli.common import apply_season
    from game.room.folder import BadRoom, describe, make_room, room_folder
    from game.room.plan import Plan
    from game.room.sheets import board_sheet, handout

    city = load_city(args.scenario)
    days = apply_season(city.book, args) or 0
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(1024)
    plan = Plan(seed=seed, groups=args.groups, days=days, rounds=args.rounds, questions=args.questions)
    room = describe(city, plan, datetime.now(timezone.utc))
    folder = room_folder(args.saves, plan.code)
    board = board_sheet(room, str(folder))
    try:
        folder, made = make_room(args.saves, room, board, handout(room, city))
    except BadRoom as exc:
        raise UsageError(str(exc)) from None
    print(terminal_safe(board), end="")
    print(f"\n{'Made' if made else 'Opened the existing'} room {plan.code}: {shown(folder)} "
          f"(board.txt, handout.html to print)", file=sys.stderr)
    return 0


def run_report(args: argparse.Namespace) -> int:
    from game.room.folder import BadRoom
    from game.room.pages import json_text, to_csv, to_html, to_markdown
    from game.room.report import build_report, collect
    from game.saves.files import write_atomic

    if args.json and args.csv:
        raise UsageError("give --json or --csv, not both")
    try:
        collected = collect(args.paths, args.code, args.scenario)
    except BadRoom as exc:
        raise UsageError(str(exc)) from None
    report = build_report(collected)
    if args.rules is not None and collected.sessions:
        from dataclasses import replace

        from game.cli.common import load_city
        from game.room.report import under_pack

        other = load_city(str(collected.sessions[0][1].city.folder), args.rules)
        report = replace(report, under=under_pack(collected, other.book, other.pack or args.rules,
                                                  other.pack_title or args.rules))
    for path, text in ((args.html, to_html(report, args.names) if args.html else ""),
                       (args.md, to_markdown(report, args.names) if args.md else "")):
        if path:
            try:
                write_atomic(Path(path), text.encode("utf-8"))
            except OSError as exc:
                raise UsageError(f"{path}: cannot be written ({exc.strerror or exc})") from None
            print(f"wrote {shown(path)}", file=sys.stderr)
    if args.json:
        print(terminal_safe(json_text(report, args.names)), end="")
    elif args.csv:
        print(terminal_safe(to_csv(report, args.names)), end="")
    elif not args.md:
        print(terminal_safe(to_markdown(report, args.names)), end="")
    return 0
