"""Provides `whatif`: a save's turning points, or its season with one decision flipped, side by side."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from game.cli import UsageError
from game.model.text import terminal_safe

if TYPE_CHECKING:
    from game.engine.actions import Action
    from game.engine.state import State
    from game.session import Session


def add_parser(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("save", metavar="SAVE", help="a save file (see `play --saves`)")
    parser.add_argument("--at", metavar="N", type=int,
                        help="the decision to flip: its number in the season, from 1 (without it: the turning points)")
    parser.add_argument("--choose", metavar="K", type=int,
                        help="with --at: the choice to take there instead, by its number on the card")
    parser.add_argument("--top", metavar="N", type=int, default=3,
                        help="how many turning points to list (default 3)")
    parser.add_argument("--rules", metavar="PACK",
                        help="replay the same seed and actions under a rule pack (a folder or id: reform, market) "
                             "and show the two seasons side by side")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument("--scenario", metavar="S", help="the scenario folder, if it is not where the save says")
    parser.epilog = ("Later actions are kept where they still make sense (the same card, an open choice, a gate "
                     "that can be tried); where the season has no answer, a stand-in that plays by the "
                     "persona's cares answers, and says so.")


def run(args: argparse.Namespace) -> int:
    from game.engine.season import replay
    from game.engine.whatif import decisions_of, flipped, meanings_of, turning_points
    from game.report.notices import day_label
    from game.report.whatif import compare, comparison_text, turn_words
    from game.saves import SaveError, load_session

    if args.rules is not None and (args.at is not None or args.choose is not None):
        raise UsageError("--rules replays the whole season under the pack; flip a choice without it")
    if args.choose is not None and args.at is None:
        raise UsageError("--choose needs --at N: which decision to flip")
    if args.at is not None and args.choose is None:
        raise UsageError("--at needs --choose K: which choice to take there instead")
    if not 1 <= args.top <= 100:
        raise UsageError(f"--top must be 1 to 100, not {args.top}")
    try:
        session = load_session(args.save, args.scenario)
    except SaveError as exc:
        raise UsageError(str(exc)) from None
    if session.start is not None:
        raise UsageError(f"{args.save}: this save holds a state, not the season's start; a what-if needs its seed "
                         "and every action")
    book = session.book
    start, _ = session.beginning()
    actions = list(session.actions)
    if args.rules is not None:
        return _under_pack(args, session, start, actions)
    if args.at is None:
        base, turns = turning_points(book, start, actions, top=args.top)
        words = [turn_words(book, base, t) for t in turns]
        if args.json:
            print(json.dumps({"turning_points": [
                {"decision": w.number, "day": w.day, "card": w.card, "chose": w.chose, "instead": w.instead,
                 "instead_choice": w.instead_number, "changes": list(w.changes), "weight": round(t.weight, 2)}
                for w, t in zip(words, turns, strict=True)]}, ensure_ascii=False, indent=2))
            return 0
        if not words:
            print("No single other choice would have changed how this season ended.")
            return 0
        lines = [f"The {len(words)} decision{'s' if len(words) != 1 else ''} that mattered most:", ""]
        for w in words:
            lines += [f"{w.number}. {w.text}",
                      f"   (python -m game whatif {args.save} --at {w.number} --choose {w.instead_number})",
                      ""]
        sys.stdout.write(terminal_safe("\n".join(lines)))
        return 0
    steps = list(replay(book, start, actions))  # the season once: its decisions, meanings and prefixes
    decs = decisions_of(book, steps)
    if not decs:
        raise UsageError(f"{args.save}: no card has been answered yet, so there is no decision to flip")
    if not 1 <= args.at <= len(decs):
        raise UsageError(f"--at {args.at}: this season has decisions 1 to {len(decs)}")
    dec = decs[args.at - 1]
    card = book.card_by_id[dec.card]
    title = book.card_info[dec.card].title
    if not 1 <= args.choose <= len(card.choices) or args.choose - 1 not in dec.options:
        open_ = ", ".join(str(i + 1) for i in dec.options)
        raise UsageError(f"--choose {args.choose}: on {day_label(book, dec.day)} “{title}” had choices {open_} open")
    plan = meanings_of(book, steps)
    chosen = next(i for i, c in enumerate(card.choices) if c.id == dec.choice)
    mine = flipped(book, start, actions, dec.at, chosen, plan, steps)
    other = flipped(book, start, actions, dec.at, args.choose - 1, plan, steps)
    own = args.choose - 1 == chosen
    result = compare(book, mine, other, "Your season", f"With choice {args.choose}")
    if args.json:
        print(json.dumps({"decision": args.at, "day": dec.day, "card": title, "choose": args.choose,
                          **result.as_dict()}, ensure_ascii=False, indent=2))
        return 0
    head = (f"Decision {args.at}, {day_label(book, dec.day)}, “{title}”: choice {args.choose} "
            + ("— the one you made, so the same season.\n\n" if own else "instead.\n\n"))
    sys.stdout.write(terminal_safe(head + comparison_text(book, result)))
    return 0


def _under_pack(args: argparse.Namespace, session: Session, start: State, actions: list[Action]) -> int:
    """The season as played, against the same seed and actions under the rule pack `args.rules`."""
    from game.cli.common import load_city
    from game.engine.turn import new_game
    from game.engine.whatif import under_other
    from game.report.whatif import compare, comparison_text

    other = load_city(str(session.city.folder), args.rules)
    start2, _ = new_game(other.book, session.persona, session.seed, session.days)
    mine, theirs = under_other(session.book, start, actions, other.book, start2)
    book = session.book
    here = f"Your season (under “{session.city.pack_title}”)" if session.city.pack else "Your season"
    result = compare(book, mine, theirs, here, f"Under “{other.pack_title}”", other.book)
    if args.json:
        print(json.dumps({"rules": other.pack, **result.as_dict()}, ensure_ascii=False, indent=2))
        return 0
    head = (f"The same seed and choices under “{other.pack_title}” ({other.pack}); where that rulebook deals "
            "another card or closes a choice, a stand-in that plays by your cares answers.\n\n")
    sys.stdout.write(terminal_safe(head + comparison_text(other.book, result)))
    return 0
