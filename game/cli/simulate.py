"""Provides `simulate`: many headless seasons by bots, with endings, scores and rule hit counts."""

from __future__ import annotations

import argparse
import json
import sys
import time

from game.cli import UsageError
from game.cli.common import add_rules_option, add_scenario_options, apply_season, load_city, positive_int, run_count


def add_parser(parser: argparse.ArgumentParser) -> None:
    add_scenario_options(parser, persona_all=True)
    add_rules_option(parser, "simulate")
    parser.add_argument("--runs", type=run_count, default=1000, metavar="N",
                        help="seasons in all, spread evenly over personas × policies (default 1000)")
    parser.add_argument("--policy", default="all", metavar="P",
                        help="random, score-first, values-first, cautious, or all (default)")
    parser.add_argument("--workers", type=positive_int, metavar="W",
                        help="processes to use (default: up to 2 cores when it pays)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")


def run(args: argparse.Namespace) -> int:
    from game.engine.policies import POLICIES
    from game.sim.simulate import combos_for, simulate, summary

    city = load_city(args.scenario, args.rules)
    book, path = city.book, city.folder
    apply_season(book, args)
    if args.persona in (None, "all"):
        personas = list(book.personas)
    elif args.persona in book.personas:
        personas = [args.persona]
    else:
        raise UsageError(f"unknown persona `{args.persona}`; this scenario has: {', '.join(book.personas)}, or all")
    if args.policy == "all":
        policies = list(POLICIES)
    elif args.policy in POLICIES:
        policies = [args.policy]
    else:
        raise UsageError(f"unknown policy `{args.policy}`; choose one of: {', '.join(POLICIES)}, or all")
    combos = combos_for(book, personas, policies)
    seed = args.seed if args.seed is not None else 0

    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    err = Console(stderr=True)
    started = time.perf_counter()
    with Progress(TextColumn("simulating"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  console=err, transient=True, disable=not err.is_terminal) as progress:
        task = progress.add_task("runs", total=args.runs)
        tallies = simulate(book, path, combos, args.runs, seed, args.days, args.workers,
                           progress=lambda n: progress.advance(task, n), rules=city.pack_folder)
    elapsed = time.perf_counter() - started
    data = summary(book, tallies)
    data["scenario"] = book.scenario.scenario.id
    if city.pack is not None:
        data["rules"] = city.pack
    data["seed"] = seed
    if args.json:
        print(json.dumps(data, indent=1, ensure_ascii=False))
    else:
        print_report(book, data, city.pack_title)
    # Timing differs run to run, so it goes to stderr and the report stays byte-identical.
    rate = data["decisions"] / elapsed if elapsed > 0 else 0.0
    print(f"{data['runs']} seasons, {data['decisions']} decisions in {elapsed:.2f} s "
          f"({rate:,.0f} decisions/s)", file=sys.stderr)
    return 0


def print_report(book, data, pack: str | None = None) -> None:  # type: ignore[no-untyped-def]
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console(width=max(100, Console().width), highlight=False, soft_wrap=False)
    runs = data["runs"]
    under = f" under the rule pack {pack}" if pack else ""
    console.print(Text.assemble((book.scenario.scenario.title, "bold"),
                                f"{under} — {runs} seasons from seed {data['seed']}"))

    # One table per persona, endings down and policies across: it reads at 100 columns however many
    # endings the city has, and shows only the endings that persona can reach.
    console.print("[bold]Endings by persona and policy[/] (% of runs; · none)")
    by_persona: dict[str, list[dict]] = {}  # type: ignore[type-arg]
    for row in data["by_combo"]:
        by_persona.setdefault(row["persona"], []).append(row)
    for persona, rows in by_persona.items():
        name = book.scenario.persona(persona).name
        table = Table(title=f"{name} ({persona})", title_justify="left")
        table.add_column("ending", overflow="fold")
        for row in rows:
            table.add_column(row["policy"], justify="right", no_wrap=True)
        for e in book.endings:
            if e.personas and persona not in e.personas:
                continue
            cells = [f"{100 * row['endings'][e.id] / (row['runs'] or 1):.0f}" if row["endings"].get(e.id) else "·"
                     for row in rows]
            table.add_row(book.ending_info[e.id].title, *cells)
        table.add_row("[italic]all goals reached[/]",
                      *[f"{100 * row['all_goals'] / (row['runs'] or 1):.0f}" for row in rows])
        console.print(table)

    if data["score_first_vs_values_first_tvd"]:
        pairs = ", ".join(f"{p} {v:.2f}" for p, v in data["score_first_vs_values_first_tvd"].items())
        console.print(f"Score-first vs values-first, total variation distance of endings: {pairs}")

    table = Table(title="Final scores (mean · p10 / median / p90)", title_justify="left")
    table.add_column("persona")
    table.add_column("policy")
    for sid in book.score_ids:
        table.add_column(book.score_names[sid], justify="right")
    for row in data["by_combo"]:
        cells = []
        for sid in book.score_ids:
            s = row["scores"].get(sid)
            cells.append(f"{s['mean']:g} · {s['p10']:g}/{s['median']:g}/{s['p90']:g}" if s else "·")
        table.add_row(row["persona"], row["policy"], *cells)
    console.print(table)

    table = Table(title="Rules: % of all runs fired, best persona × policy %, fires", title_justify="left", min_width=60)
    table.add_column("rule")
    table.add_column("runs %", justify="right")
    table.add_column("best %", justify="right")
    table.add_column("fires", justify="right")
    for rid, hit in data["rules"].items():
        table.add_row(rid, f"{100 * hit['runs'] / runs:.1f}", f"{100 * hit['best_share']:.1f}",
                      str(hit["fires"]))
    console.print(table)

    never = data["rules_never_fired"]
    console.print(f"Rules that never fired: {', '.join(never) if never else 'none'}")
    never = data["cards_never_drawn"]
    console.print(f"Cards never drawn: {', '.join(never) if never else 'none'}")
    never = data["endings_never_reached"]
    console.print(f"Endings never reached: {', '.join(never) if never else 'none'}")
    for kind, items in data["under_1_percent_everywhere"].items():
        if items:
            console.print(f"{kind.capitalize()} seen in under 1% of runs under every persona × policy: {', '.join(items)}")
    console.print(f"Runs with an erroneous record: {data['runs_with_error']} ({100 * data['runs_with_error'] / runs:.1f}%); "
                  f"appeals won {data['appeals_won']}, lost {data['appeals_lost']}; "
                  f"score changes withheld between sources: {data['withheld_changes']}")
