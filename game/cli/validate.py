"""Provides `validate`: check scenarios and list every problem as path:line:col: message."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from game.cli import EXIT_FOUND, EXIT_OK, EXIT_USAGE
from game.model.text import shown, terminal_safe


def add_parser(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH",
                        help="scenario folders (or single files), or ids of the game's cities (e.g. lanshui)")
    parser.add_argument("--json", action="store_true", help="print a JSON summary instead of text")


def summarise(scenario: Any) -> dict[str, int]:
    return {
        "cards": len(scenario.cards),
        "rules": len(scenario.rules),
        "gates": len(scenario.gates),
        "personas": len(scenario.personas),
        "endings": len(scenario.endings),
        "scores": len(scenario.scores),
        "prompts": len(scenario.prompts),
    }


def run(args: argparse.Namespace) -> int:
    from game.content.checks import scenario_warnings
    from game.content.loader import check, display_path
    from game.content.paths import available_scenarios, lexists
    from game.content.problems import UnusableInput

    results: list[dict[str, Any]] = []
    worst = EXIT_OK
    for raw in args.paths:
        path = Path(raw)
        if raw.strip() and not lexists(path):  # an id: a city under ./scenarios or one of the game's own
            path = available_scenarios().get(raw, path)
        try:
            if not raw.strip():  # Path("") is the working folder: an empty argument names no scenario
                raise UnusableInput("an empty path is not a scenario folder: give a folder, a file or a city's id")
            scenario, problems = check(path)
        except UnusableInput as exc:
            results.append({"path": raw, "usable": False, "problems": [{"message": str(exc)}]})
            if not args.json:
                print(f"{exc}")
            worst = max(worst, EXIT_USAGE)
            continue
        warnings = scenario_warnings(path) if scenario is not None else []
        entry: dict[str, Any] = {"path": display_path(path), "usable": True, "ok": not problems,
                                 "problems": [p.as_dict() for p in problems],
                                 "warnings": [w.as_dict() for w in warnings]}
        if scenario is not None:
            entry["id"] = scenario.scenario.id
            entry["version"] = scenario.scenario.version
            entry["counts"] = summarise(scenario)
        results.append(entry)
        if problems:
            worst = max(worst, EXIT_FOUND)
        if not args.json:
            for problem in problems:
                print(problem)
            for w in warnings:
                print(f"{shown(w.file)}:{w.line}:{w.col}: warning: {shown(w.message)}")
            if scenario is not None:
                counts = ", ".join(f"{n} {k}" for k, n in summarise(scenario).items())
                print(f"{shown(display_path(path))}: ok — {shown(scenario.scenario.title)} {scenario.scenario.version}: "
                      f"{counts}")
            else:
                print(f"{shown(display_path(path))}: {len(problems)} problem{'s' if len(problems) != 1 else ''}")
    if args.json:
        print(terminal_safe(json.dumps({"scenarios": results}, indent=2, ensure_ascii=False)))
    return worst
