"""One player of the race test: waits for the start signal, then plays its own random moves into a shared folder.

    python race_child.py FOLDER SCENARIO MOVES RNG_SEED [export]

Every player starts the same game (same scenario, persona, seed, opacity). It prints
`ready`, waits for a line on stdin (all players are released at once), plays MOVES
random actions, each autosaved, and prints its actions as JSON (and, with `export`,
the debrief file it wrote).
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


def main(folder: Path, scenario: Path, moves: int, rng_seed: int, export: bool) -> None:
    from game.content.city import open_city
    from game.engine.actions import Choose, Rest, encode
    from game.engine.turn import available
    from game.saves import Autosaver, export_debrief
    from game.session import Session

    city = open_city(scenario)
    rng = random.Random(rng_seed)
    print("ready", flush=True)
    sys.stdin.readline()
    session = Session.new(city, "dockworker", 12)
    saver = Autosaver(folder)
    session.listeners.append(saver)
    saver(session)  # the game's first save, before any move, as the game makes it
    for _ in range(moves):
        if session.state.over:
            break
        options = available(city.book, session.state)
        action = Choose(rng.choice(options)) if options and rng.random() < 0.9 else Rest()
        session.act(action)
    out = {"actions": [encode(a) for a in session.actions], "file": str(saver.path)}
    if export:
        out["export"] = str(export_debrief(session, folder, f"debrief of {rng_seed}\n"))
    print(json.dumps(out), flush=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), "export" in sys.argv[5:])
