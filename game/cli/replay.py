"""Provides `replay`: re-run a save from its seed and actions, print the story, or verify it against its snapshot."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from game.cli import EXIT_FOUND, EXIT_OK, UsageError


def add_parser(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("save", metavar="SAVE", help="a save file, or the name of one in the saves folder")
    parser.add_argument("--verify", action="store_true",
                        help="only check that the replay gives the save's snapshot: exit 0 if it does, "
                             "1 (with the first differing day) if not")
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    parser.add_argument("--scenario", metavar="S",
                        help="the scenario folder (default: the one recorded in the save, else its id)")
    parser.add_argument("--opacity", choices=["opaque", "partial", "transparent"],
                        help="how much of the rulebook the transcript shows (default: the save's)")
    parser.add_argument("--saves", metavar="DIR", help="folder for saves (default: see README)")


def find_save(text: str, saves: str | None) -> Path:
    """SAVE as given if it exists (file or not), else a save of that name in the saves folder."""
    from game.saves.store import named_save_path, saves_dir

    given = Path(text)
    if given.exists() or given.is_symlink() or given.parent != Path("."):
        return given
    folder = saves_dir(saves)
    for candidate in (folder / text, folder / f"{text}.json", named_save_path(folder, text)):
        if candidate.exists():
            return candidate
    return given


def run(args: argparse.Namespace) -> int:
    from game.model.scenario import Opacity
    from game.report.transcript import json_transcript, text_transcript
    from game.saves.store import ReplayDiffers, SaveError, load_session

    path = find_save(args.save, args.saves)
    try:
        session = load_session(path, args.scenario)
    except ReplayDiffers as exc:
        if not args.verify:
            raise UsageError(f"{exc} (see --verify)") from None
        if args.json:
            print(json.dumps(_verdict(exc.path, False, exc.day, str(exc)), indent=1, ensure_ascii=False))
        else:
            print(exc)
        return EXIT_FOUND
    except SaveError as exc:
        raise UsageError(str(exc)) from None
    if args.verify:
        from game.content.loader import display_path

        where = display_path(path)
        state = session.state
        message = (f"{where}: the replay matches the snapshot ({len(session.actions)} actions, "
                   f"day {state.day} of {state.days}{', season over' if state.over else ''})")
        if args.json:
            print(json.dumps(_verdict(path, True, None, message), indent=1, ensure_ascii=False))
        else:
            print(message)
        return EXIT_OK
    opacity = Opacity(args.opacity) if args.opacity else session.opacity
    if session.start is not None:
        return _from_start(session, opacity, args.json)
    how = f"replay of {len(session.actions)} saved actions"
    if args.json:
        data, _ = json_transcript(session.book, session.persona, session.seed, session.actions, opacity, session.days)
        print(json.dumps(data, indent=1, ensure_ascii=False))
    else:
        lines, _ = text_transcript(session.book, session.persona, session.seed, session.actions, opacity, how,
                                   session.days)
        print("\n".join(lines))
    return EXIT_OK


def _verdict(path: Path, ok: bool, day: int | None, message: str) -> dict[str, Any]:
    from game.content.loader import display_path

    return {"save": display_path(path), "matches": ok, "first_differing_day": day, "message": message}


def _from_start(session: Any, opacity: Any, as_json: bool) -> int:
    """The transcript of a game continued from a snapshot: its story starts there, not at the seed."""
    from game.engine.actions import encode
    from game.report.notices import notices
    from game.engine.turn import step
    from game.report.transcript import describe_action, footer, header

    book, state = session.book, session.start
    how = f"continued on day {state.day} from a snapshot, then {len(session.actions)} saved actions"
    lines = header(book, state, opacity, how)
    steps: list[dict[str, Any]] = []
    for action in session.actions:
        before = state
        state, events = step(book, before, action)
        told = notices(book, events, opacity)
        lines += describe_action(book, before, action, opacity) + [f"  {line}" for line in told]
        steps.append({"day": before.day, "card": before.card, "action": encode(action), "notices": told})
    if as_json:
        print(json.dumps({"scenario": state.scenario, "version": state.version, "persona": session.persona,
                          "seed": session.seed, "opacity": opacity.value, "continued_from_day": session.start.day,
                          "steps": steps, "over": state.over, "ending": state.ending, "goals": state.goals,
                          "actions": [encode(a) for a in session.actions]}, indent=1, ensure_ascii=False))
    else:
        print("\n".join(lines + footer(book, state)))
    return EXIT_OK
