"""Time of `room report` over a room of 30 games and of 300 (a large event), against replaying the same saves.

    python benchmarks/room_report.py [--games 30 300] [--days D]

For each size, a room of the default city is made in a temporary saves folder
and filled with bot games (every group of the plan, both opacities, the bots
in turn, one game in ten stopped halfway), each saved as the game saves it.
Then, in this process: every save loaded and replayed (`load_session`, what the
report cannot do without), against the whole report (collect, replay, add up,
Markdown and HTML). And as a command, as a facilitator runs it:
`python -m game room report FOLDER --html F`, wall clock, start-up included.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from game.content.city import open_city  # noqa: E402
from game.engine.season import play  # noqa: E402
from game.engine.turn import new_game, step  # noqa: E402
from game.model.scenario import Opacity  # noqa: E402
from game.room.folder import describe, make_room  # noqa: E402
from game.room.pages import to_html, to_markdown  # noqa: E402
from game.room.plan import Plan  # noqa: E402
from game.room.report import build_report, collect  # noqa: E402
from game.room.sheets import board_sheet, handout  # noqa: E402
from game.saves import load_session, save_session  # noqa: E402
from game.session import Session  # noqa: E402

POLICIES = ("random", "score-first", "values-first", "cautious")


def fill_room(saves: Path, games: int, days: int) -> Path:
    city = open_city(None)
    groups = min(games, 64)
    plan = Plan(seed=11, groups=groups, days=days, rounds="split", questions=True)
    room = describe(city, plan, datetime.now(timezone.utc))
    folder, _ = make_room(saves, room, board_sheet(room, str(saves)), handout(room, city))
    for n in range(games):
        group = n % groups + 1
        persona = plan.persona(group, list(city.book.personas))
        opacity = plan.opacity(group)
        season = city.book.season_days(days) if days else None
        played = play(city.book, persona, plan.seed, POLICIES[n % 4], season)
        actions = list(played.actions)
        state = played.state
        if n % 10 == 9:  # still playing: stopped halfway
            actions = actions[: len(actions) // 2]
            state, _ = new_game(city.book, persona, plan.seed, season)
            for a in actions:
                state, _ = step(city.book, state, a)
        session = Session(city, persona, plan.seed, Opacity(opacity), season, state, actions,
                          group=f"{group} Group{n}", room=plan.code, round=1)
        save_session(session, folder)
    return folder


def measure(games: int, days: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        folder = fill_room(Path(tmp), games, days)
        made = time.perf_counter() - t0
        saves = sorted(p for p in folder.glob("*.json") if p.name != "room.json")

        t0 = time.perf_counter()
        for p in saves:
            load_session(p)
        replay_only = time.perf_counter() - t0

        t0 = time.perf_counter()
        report = build_report(collect([folder]))
        md, html = to_markdown(report), to_html(report)
        in_process = time.perf_counter() - t0

        out = Path(tmp) / "room.html"
        t0 = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "game", "room", "report", str(folder), "--html", str(out)],
                              cwd=ROOT, capture_output=True, text=True)
        command = time.perf_counter() - t0
        assert done.returncode == 0, done.stderr
        assert len(report.games) == games, (len(report.games), games)
        print(f"{games:>4} games ({report.finished} finished, {len(saves)} save files, made in {made:.1f} s): "
              f"replay every save {replay_only:.2f} s · whole report in process {in_process:.2f} s "
              f"({in_process / replay_only:.2f}× the replays; Markdown {len(md):,} chars, HTML {len(html):,}) · "
              f"`room report --html` command {command:.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--games", type=int, nargs="+", default=[30, 300])
    parser.add_argument("--days", type=int, default=0, help="season length (default: the city's own)")
    args = parser.parse_args()
    for n in args.games:
        measure(n, args.days)


if __name__ == "__main__":
    main()
