"""The kill test's player: plays season after season, autosaving after every action, until it is killed.

Usage: kill_child.py SAVES_FOLDER SCENARIO FIRST_SEED DAYS

It continues the autosave of FIRST_SEED if there is one (as `continue` would),
and reports on stdout, flushed at once, so the test knows what was done:

    game SEED N PATH    a game is ready: N actions so far, autosaved to PATH
    act K ACTION        action number K is about to be taken
    saved K             action K has been taken and its autosave written
"""

from __future__ import annotations

import sys
from itertools import count
from pathlib import Path


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def main(folder: Path, scenario: Path, first_seed: int, days: int) -> None:
    from game.content.city import open_city
    from game.engine.actions import encode
    from game.engine.policies import POLICIES, policy_stream
    from game.saves import Autosaver, load_session
    from game.session import Session

    city = open_city(scenario)
    bot = POLICIES["random"]
    for seed in count(first_seed):
        found = sorted(folder.glob(f"autosave-harbour-dockworker-{seed}-*.json"))
        assert len(found) <= 1, f"a game was forked: {found}"
        autosave = found[0] if found else None
        if autosave is not None:
            session = load_session(autosave, scenario)
            if session.state.over:
                continue
        else:
            session = Session.new(city, "dockworker", seed, days=days)
        saver = Autosaver(folder)
        session.listeners.append(saver)
        saver(session)  # a save before the first action, as the game makes when it starts
        say(f"game {seed} {len(session.actions)} {saver.path}")
        while not session.state.over:
            action = bot(session.book, session.state, policy_stream(session.state, "random"))
            say(f"act {len(session.actions) + 1} {encode(action)}")
            session.act(action)
            say(f"saved {len(session.actions)}")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]))
