"""Provides `replay`: re-run a save from its seed and actions, print the story, or verify it against its snapshot."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from game.cli import EXIT_FOUND, EXIT_OK, UsageError
from game.model.opacity import OPACITY_LEVELS
from game.model.text import shown, terminal_safe


def add_parser(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("save", metavar="SAVE", help="a save file, or the name of one in the saves folder")
    parser.add_argument("--verify", action="store_true",
                        help="only check that the replay gives the save's snapshot: exit 0 if it does, "
                             "1 (with the first differing day) if not")
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    parser.add_argument("--scenario", metavar="S",
                        help="the scenario folder (default: the one recorded in the save, else its id)")
    parser.add_argument("--opacity", choices=OPACITY_LEVELS,
                        help="how much of the rulebook the transcript shows (default: the save's)")
    parser.add_argument("--saves", metavar="DIR", help="folder for saves (default: see README)")


def find_save(text: str, saves: str | None) -> Path:
    """SAVE as given if it exists (file or not), else a save of that name in the saves folder."""
    from game.saves import named_save_path, saves_dir

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
    from game.saves import ReplayDiffers, SaveError, load_session

    path = find_save(args.save, args.saves)
    try:
        session = load_session(path, args.scenario)
    except ReplayDiffers as exc:
        if not args.verify:
            raise UsageError(f"{exc} (see --verify)") from None
        if args.json:
            print(terminal_safe(json.dumps(_verdict(exc.path, False, exc.day, str(exc)), indent=1, ensure_ascii=False)))
        else:
            print(shown(exc))
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
            print(terminal_safe(json.dumps(_verdict(path, True, None, message), indent=1, ensure_ascii=False)))
        else:
            print(shown(message))
        return EXIT_OK
    opacity = Opacity(args.opacity) if args.opacity else session.opacity
    start, opening = session.beginning()
    if session.start is not None:
        how = f"continued on day {start.day} from a snapshot, then {len(session.actions)} saved actions"
    else:
        how = f"replay of {len(session.actions)} saved actions"
    if args.json:
        data, _ = json_transcript(session.book, start, opening, session.actions, opacity,
                                  continued=session.start is not None)
        print(terminal_safe(json.dumps(data, indent=1, ensure_ascii=False)))
    else:
        lines, _ = text_transcript(session.book, start, opening, session.actions, opacity, how)
        print(terminal_safe("\n".join(lines)))
    return EXIT_OK


def _verdict(path: Path, ok: bool, day: int | None, message: str) -> dict[str, Any]:
    from game.content.loader import display_path

    return {"save": display_path(path), "matches": ok, "first_differing_day": day, "message": message}
