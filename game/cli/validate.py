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
                        help="scenario folders (or single files), or ids of the game's cities (e.g. lanshui); "
                             "a rule pack's folder is checked laid over the city it names")
    parser.add_argument("--scenario", metavar="S",
                        help="for a rule pack: the city to lay it over, if not the one it names by id")
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
    for raw in _with_packs_of(args.paths):
        path = Path(raw)
        if raw.strip() and not lexists(path):  # an id: a city under ./scenarios or one of the game's own
            path = available_scenarios().get(raw, path)
        try:
            if not raw.strip():  # Path("") is the working folder: an empty argument names no scenario
                raise UnusableInput("an empty path is not a scenario folder: give a folder, a file or a city's id")
            pack = None
            from game.content.packs import is_pack

            if is_pack(path):
                pack, path = path, _pack_city(path, args.scenario)
            scenario, problems = check(path, pack)
        except UnusableInput as exc:
            results.append({"path": raw, "usable": False, "problems": [{"message": str(exc)}]})
            if not args.json:
                print(f"{exc}")
            worst = max(worst, EXIT_USAGE)
            continue
        warnings = scenario_warnings(path) if scenario is not None and pack is None else []
        shown_path = display_path(pack if pack is not None else path)
        entry: dict[str, Any] = {"path": shown_path, "usable": True, "ok": not problems,
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
            under = f" (the pack laid over {shown(display_path(path))})" if pack is not None else ""
            if scenario is not None:
                counts = ", ".join(f"{n} {k}" for k, n in summarise(scenario).items())
                print(f"{shown(shown_path)}: ok — {shown(scenario.scenario.title)} {scenario.scenario.version}{under}: "
                      f"{counts}")
            else:
                print(f"{shown(shown_path)}: {len(problems)} problem{'s' if len(problems) != 1 else ''}{under}")
    if args.json:
        print(terminal_safe(json.dumps({"scenarios": results}, indent=2, ensure_ascii=False)))
    return worst


def _pack_city(pack: Path, scenario: str | None) -> Path:
    """The city a pack is laid over: `--scenario`, else the city its `pack:` names by id."""
    from game.content.packs import read_pack
    from game.content.paths import resolve_scenario
    from game.content.problems import UnusableInput

    if scenario is not None:
        return resolve_scenario(scenario)
    laid, problems = read_pack(pack)
    if laid.meta is None:
        if problems:  # the pack's own problems say why its city is not known: they are the answer
            raise UnusableInput("; ".join(str(p) for p in problems[:3]))
        raise UnusableInput(f"{pack}: the pack has no `pack:` section naming its scenario")
    try:
        return resolve_scenario(laid.meta.scenario)
    except UnusableInput:
        raise UnusableInput(f"{pack}: its scenario `{laid.meta.scenario}` was not found; "
                            "give it with --scenario") from None


def _with_packs_of(paths: list[str]) -> list[str]:
    """The paths given, with a folder of rule packs (like `scenarios/_packs/`) standing for each pack in it."""
    from game.content.loader import SCENARIO_SUFFIXES
    from game.content.packs import is_pack

    out = []
    for raw in paths:
        folder = Path(raw)
        try:
            packs = ([] if not raw.strip() or not folder.is_dir() or is_pack(folder)
                     or any(p.suffix in SCENARIO_SUFFIXES for p in folder.iterdir())
                     else sorted(p for p in folder.iterdir() if p.is_dir() and is_pack(p)))
        except OSError:
            packs = []
        out += [str(p) for p in packs] or [raw]
    return out
