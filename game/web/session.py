"""Provides one browser tab's game: the Textual app that a forked child (or, plain, a fresh interpreter) runs.

`python -m game.web.session OPTIONS_JSON` is the plain way (one interpreter per tab, as
textual-serve itself starts apps); the preloaded server calls `run_session` in a forked child.
Either way the app talks textual-serve's protocol on stdin/stdout (TEXTUAL_DRIVER is the
web driver, set by whoever started the process).
"""

from __future__ import annotations

import json
import sys
from dataclasses import asdict, dataclass
from typing import Any

WEB_ENVIRONMENT = {
    # What textual-serve sets for an app it starts (textual_serve.app_service._build_environment).
    "TEXTUAL_DRIVER": "textual.drivers.web_driver:WebDriver",
    "TEXTUAL_FPS": "60",
    "TEXTUAL_COLOR_SYSTEM": "truecolor",
    "TERM_PROGRAM": "textual",
}


@dataclass(frozen=True)
class TabOptions:
    """What every tab of one server plays: the same city, saves folder and room."""

    saves: str | None = None
    scenario: str | None = None
    rules: str | None = None
    room: str | None = None  # a room code: every tab joins it (the group is asked on the first screen)

    def to_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> TabOptions:
        data: dict[str, Any] = json.loads(text)
        return cls(**{k: data.get(k) for k in ("saves", "scenario", "rules", "room")})


def preload(options: TabOptions) -> None:
    """Import everything a tab needs and compile its city, so that a forked child starts with them."""
    import game.tui.app  # noqa: F401  (Textual, the screens, the styles' parser)
    from game.content.city import open_city
    from game.content.problems import ScenarioError, UnusableInput
    from game.tui.screens import debrief, gates, intro, join, persona, table, title  # noqa: F401

    scenarios = {options.scenario}
    if options.room is not None:
        from game.room.seat import RoomProblem, room_scenario

        try:
            scenarios.add(room_scenario(options.room, options.saves) or options.scenario)
        except RoomProblem:
            pass  # the tab says what is wrong with the room when it joins
    for scenario in scenarios:
        try:
            open_city(scenario, options.rules)  # kept in open_city's cache, which each child inherits
        except (UnusableInput, ScenarioError):
            pass  # the tab shows the problem, as the terminal game does


def warm(options: TabOptions) -> None:
    """Draw the first screen once, off screen, so that what every tab computes the same way (the style
    sheets parsed, Rich's and Textual's caches of styles and cell widths) is done before the fork, once."""
    import asyncio

    from game.tui.app import GoodStandingApp, Options

    async def first_screen() -> None:
        app = GoodStandingApp(Options(saves=options.saves, scenario=options.scenario, rules=options.rules,
                                      room=options.room))
        async with app.run_test(size=(80, 24)) as pilot:
            for _ in range(200):
                if app.ready:
                    break
                await pilot.pause(0.01)
            await pilot.pause(0.05)

    try:
        asyncio.run(first_screen())
    except Exception:  # noqa: S110 - only a head start: a tab that starts cold is slower, not wrong
        pass


def run_session(options: TabOptions) -> int:
    """Play one tab's game until the tab leaves; the app's return code."""
    from game.tui.app import GoodStandingApp, Options

    app = GoodStandingApp(Options(saves=options.saves, scenario=options.scenario, rules=options.rules,
                                  room=options.room))
    result = app.run()
    if app.return_code not in (None, 0):
        return app.return_code or 1
    return int(result or 0)


def main(argv: list[str]) -> int:
    import os

    for name, value in WEB_ENVIRONMENT.items():
        os.environ.setdefault(name, value)
    return run_session(TabOptions.from_json(argv[0] if argv else "{}"))


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
