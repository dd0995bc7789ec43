"""Provides the room report's pages: Markdown, one self-contained HTML page for the projector, JSON and CSV.

One reading of the report (`blocks`) gives the sections, their sentences, tables
and bar charts; Markdown and HTML only draw those blocks, so the two never say
different things. The projector view names no group and shows no game's choices:
distributions only, and a breakdown of fewer than SMALL_CELL games says how many
games it holds, not what they did. `names=True` is the facilitator's own copy:
it adds every game by its group. Every text from a save or a scenario is escaped.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict, dataclass
from html import escape
from typing import Any

from game.report.debrief import md_text
from game.room.plan import ROUND_PLAN_HELP
from game.room.report import OPACITIES, SMALL_CELL, Cell, RoomReport, UnderPack


@dataclass(frozen=True, slots=True)
class Heading:
    text: str


@dataclass(frozen=True, slots=True)
class Para:
    text: str


@dataclass(frozen=True, slots=True)
class Table:
    head: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True, slots=True)
class Bars:
    """A bar chart: one bar per item, each a label, a count and an optional note after the count."""

    title: str
    items: tuple[tuple[str, float, str], ...]
    top: float  # the value a full bar stands for


Block = Heading | Para | Table | Bars


def _n(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s" if not word.endswith("y") else f"{n} {word[:-1]}ies"


def _games(n: int) -> str:
    return _n(n, "game")


def _mean(x: float | None) -> str:
    return "–" if x is None else f"{x:.1f}"


def _cell_rows(cells: tuple[Cell, ...]) -> tuple[tuple[str, ...], ...]:
    rows: list[tuple[str, ...]] = []
    for c in cells:
        if c.games < SMALL_CELL:
            rows.append((c.label, c.opacity, str(c.games), "(counts only)", "", ""))
            continue
        endings = "; ".join(f"{t} {n}" for t, n in c.endings.items())
        goals = f"{c.goals_met} of {c.goals_total}" if c.goals_total else "–"
        rows.append((c.label, c.opacity, str(c.games), endings, goals,
                     _mean(c.bent_median)))
    return tuple(rows)


def _under_blocks(u: UnderPack) -> list[Block]:
    """The room's seasons again under a rule pack: per persona, goals, doors and endings, played against pack."""
    pack = f"“{u.title}”"
    out: list[Block] = [Heading(f"Under {pack}: the same seeds and choices, another rulebook")]
    out.append(Para("Each game is played again from its seed with the same choices; where the pack's rulebook "
                    "deals another card or closes a choice, a stand-in that plays by the persona's cares answers. "
                    "Unfinished games are carried to the season's end in both rulebooks."))
    if u.left_out:
        out.append(Para(f"{_games(u.left_out)} continued from a snapshot cannot be played again and are left out."))
    games = sum(row.games for row in u.rows)
    goals = sum(row.games * len(row.goals) for row in u.rows)
    mine = sum(m for row in u.rows for _, m, _ in row.goals)
    theirs = sum(t for row in u.rows for _, _, t in row.goals)
    out.append(Para(f"All {_games(games)}: {theirs} of {goals} goals reached under {pack}, against {mine} of "
                    f"{goals} as played."))
    for row in u.rows:
        n = row.games
        if n < SMALL_CELL:  # as the tables above: a breakdown of so few games would point at a group
            out.append(Para(f"{row.persona}: {_games(n)} (fewer than {SMALL_CELL}: counted in the total only)."))
            continue
        lines = [f"{goal}: {t} of {n} under {pack}, against {m} of {n} as played" for goal, m, t in row.goals]
        lines += [f"got “{gate}”: {t} of {n} under {pack}, against {m} of {n} as played" for gate, m, t in row.gates]
        out.append(Para(f"{row.persona} ({_games(n)}; the stand-in gave {row.stand_in} of the answers under "
                        f"{pack}): " + "; ".join(lines) + "."))
        out.append(Table(("Ending", "As played", f"Under {pack}"),
                         tuple((title, str(m), str(t)) for title, m, t in row.endings)))
    return out


def blocks(r: RoomReport, names: bool = False) -> list[Block]:
    """The report's sections, in order, as sentences, tables and charts."""
    out: list[Block] = []
    plan = r.plan
    season = f"{r.season_days}-day season" if r.season_days else "season"
    playing = len(r.games) - r.finished
    out.append(Heading(f"Room {r.code} · {r.title}"))
    out.append(Para(f"{plan.groups} groups planned, {season}, seed {plan.seed}; rounds: {plan.rounds} "
                    f"({ROUND_PLAN_HELP[plan.rounds]})."))
    out.append(Para(f"{_games(len(r.games))} from {_n(r.groups, 'group')}: {r.finished} finished, "
                    f"{playing} still playing (counted up to where they are)."))
    if r.missing:
        out.append(Para("No game here from group" + ("s " if len(r.missing) > 1 else " ")
                        + ", ".join(str(n) for n in r.missing) + ": collect their saves (rooms/" + r.code
                        + " in each laptop's saves folder)."))
    for note in r.notes:
        out.append(Para(f"Note: {note}."))
    if not r.games:
        return out

    out.append(Heading("How the seasons ended, by opacity"))
    out.append(Table(("Personas", "Opacity", "Games", "Endings", "Goals met", "Bent (median)"),
                     _cell_rows(r.by_opacity)))
    out.append(Heading("By persona and opacity"))
    if any(c.games < SMALL_CELL for c in r.cells):
        out.append(Para(f"A cell of fewer than {SMALL_CELL} games shows only how many games it holds "
                        "(“counts only”): with one or two games, a group could be told apart."))
    out.append(Table(("Persona", "Opacity", "Games", "Endings", "Goals met", "Bent (median)"), _cell_rows(r.cells)))
    if r.round_cells:
        out.append(Heading("By round"))
        out.append(Table(("Round", "Opacity", "Games", "Endings", "Goals met", "Bent (median)"),
                         _cell_rows(r.round_cells)))

    out.append(Heading("The rules that touched the most groups"))
    top = r.rules[:10]
    out.append(Bars("Groups each rule touched", tuple((f"{x.name} ({x.basis}, {x.visibility})", x.groups,
                                                       _opacity_note(x.by_opacity)) for x in top),
                    max(r.groups, 1)))
    if r.hidden:
        out.append(Heading("Hidden rules: the room never saw these while playing"))
        out.append(Table(("Rule", "Basis", "Groups", "Fired"),
                         tuple((x.name, x.basis, str(x.groups), str(x.fired)) for x in r.hidden)))

    out.append(Heading("Gates refused"))
    if not r.gates:
        out.append(Para("No gate was tried."))
    for gate in r.gates:
        opened = f"open to {_games(gate.games_opened)}"
        if not gate.games_refused:
            out.append(Para(f"{gate.name}: {opened}, never refused."))
            continue
        opened = f"; {opened}" if gate.games_opened else ""
        out.append(Para(f"{gate.name}: refused {_n(gate.tries_refused, 'time')} to "
                        f"{_games(gate.games_refused)}{opened}."))
        if gate.games_refused:
            who = tuple((k, v, "") for k, v in gate.by_cell.items())
            if gate.games_refused >= SMALL_CELL:
                out.append(Bars(f"{gate.name}: refused, by persona and opacity", who, max(gate.games_refused, 1)))
                out.append(Table(("What failed", "Refusals"), tuple((k, str(v)) for k, v in gate.failed.items())))

    out.append(Heading("The same card, different choices"))
    shown = [c for c in r.cards if c.games >= SMALL_CELL][:6]
    if not shown:
        out.append(Para(f"No card was met by {SMALL_CELL} games or more."))
    for card in shown:
        lead = max(card.choices, key=lambda ch: ch.games)
        out.append(Para(f"At “{card.title}”, {lead.games} of {card.games} games chose “{lead.text.rstrip('.')}”."))
        items = []
        for ch in card.choices:
            split = "; ".join(f"{o} {ch.by_opacity.get(o, 0)} of {card.by_opacity.get(o, 0)}"
                              for o in OPACITIES if card.by_opacity.get(o, 0) >= SMALL_CELL)
            items.append((ch.text, ch.games, split))
        out.append(Bars(card.title, tuple(items), card.games))

    out.append(Heading("Choices the score bent"))
    out.append(Para("A bent choice: the game chose what protected the score over what the persona cares about."))
    rows: list[tuple[str, ...]] = []
    for key, spread in r.bent.items():
        label = "the room" if key == "all" else key
        med = _mean(spread.median) if spread.games >= SMALL_CELL else "counts only"
        rows.append((label, str(spread.games), med, str(spread.total)))
    out.append(Table(("Games", "Number", "Median per game", "In all"), tuple(rows)))

    rec = r.records
    out.append(Heading("Wrong records, appeals, data that never arrived"))
    out.append(Para(f"{rec['wrong']} wrong records in {_games(rec['games_with_wrong'])}; {rec['wrong_found']} of "
                    f"them found out during play. Appeals: {rec['appeals_won']} won, {rec['appeals_lost']} lost. "
                    f"{rec['withheld']} score changes never arrived (their data was not shared), in "
                    f"{_games(rec['games_with_withheld'])}."))

    if plan.questions:
        out.append(Heading("Predictions and outcomes"))
        if not r.answers:
            out.append(Para("Nobody answered the room's questions."))
        else:
            out.append(Para("1 very unfairly … 5 very fairly. Before: “How do you expect the city's score to treat "
                            "you?” After: “How did the city's score treat you?”"))
            rows.clear()
            for a in r.answers:
                share = "–" if a.goals_share is None else f"{a.goals_share:.0%}"
                if a.asked_before < SMALL_CELL and a.asked_after < SMALL_CELL:
                    rows.append((a.opacity, str(a.asked_before), "counts only", str(a.asked_after), "", ""))
                else:
                    rows.append((a.opacity, str(a.asked_before), _mean(a.before_mean), str(a.asked_after),
                                 _mean(a.after_mean), share))
            out.append(Table(("Opacity", "Answered before", "Expected", "Answered after", "Found", "Goals met"),
                             tuple(rows)))
            lower = sum(n for b, a, n in r.before_after if a < b)
            higher = sum(n for b, a, n in r.before_after if a > b)
            same = sum(n for b, a, n in r.before_after if a == b)
            if r.before_after:
                out.append(Para(f"Of the games that answered both: {lower} found the score less fair than they "
                                f"expected, {same} as they expected, {higher} fairer."))

    out.append(Heading("Questions to discuss"))
    out.append(Para("Ranked by how many games' seasons raised them."))
    out.append(Table(("Games", "Question"), tuple((str(n), t) for t, n in r.prompts[:8])))

    if r.under is not None:
        out += _under_blocks(r.under)

    if names:
        out.append(Heading("Game by game (the facilitator's copy)"))
        rows.clear()
        for g in r.games:
            end = g.ending_title if g.over and g.ending_title else f"day {g.day} of {g.days}"
            refused = len(g.refusals)
            rows.append((g.group or "–", str(g.round), g.persona_name, g.opacity, end,
                         f"{len(g.goals_met)}/{g.goals_total}", str(g.bent), str(refused), str(g.wrong),
                         _answer(g.before), _answer(g.after)))
        out.append(Table(("Group", "Round", "Persona", "Opacity", "Where", "Goals", "Bent", "Refused", "Wrong",
                          "Before", "After"), tuple(rows)))
    return out


def _answer(a: tuple[int | None, str] | None) -> str:
    if a is None:
        return ""
    scale, text = a
    return " ".join(p for p in (str(scale) if scale is not None else "", f"“{text}”" if text else "") if p)


def _opacity_note(by: dict[str, int]) -> str:
    return ", ".join(f"{o} {n}" for o, n in by.items())


# ------------------------------------------------------------------ Markdown


def _md(text: str) -> str:
    """Saved or scenario text on one Markdown line: the debrief's escaping, line breaks as spaces."""
    return md_text(text.replace("\n", " "))


def _bar(value: float, top: float, width: int = 20) -> str:
    filled = round(width * value / top) if top else 0
    return "█" * max(0, min(width, filled)) + "·" * max(0, width - max(0, min(width, filled)))


def to_markdown(r: RoomReport, names: bool = False) -> str:
    lines: list[str] = []
    first = True
    for b in blocks(r, names):
        if isinstance(b, Heading):
            lines += [("# " if first else "## ") + _md(b.text), ""]
            first = False
        elif isinstance(b, Para):
            lines += [_md(b.text), ""]
        elif isinstance(b, Table):
            lines.append("| " + " | ".join(_md(h) for h in b.head) + " |")
            lines.append("|" + "---|" * len(b.head))
            lines += ["| " + " | ".join(_md(c) for c in row) + " |" for row in b.rows]
            lines.append("")
        else:
            lines += [f"**{_md(b.title)}**", "", "```"]
            width = max((len(label) for label, _, _ in b.items), default=0)
            width = min(width, 48)
            for label, value, note in b.items:
                text = label if len(label) <= width else label[: width - 1] + "…"
                lines.append(f"{text:<{width}}  {_bar(value, b.top)} {value:g}" + (f"  ({note})" if note else ""))
            lines += ["```", ""]
    return "\n".join(lines).rstrip() + "\n"


# ------------------------------------------------------------------ HTML

_CSS = """
:root { --ink: #111; --bar: #2b5c8a; --pale: #e4ebf2; }
* { box-sizing: border-box; }
body { font: 22px/1.35 system-ui, 'Segoe UI', Helvetica, Arial, sans-serif; color: var(--ink); margin: 0 auto;
       padding: 24px 40px; max-width: 1240px; }
h1 { font-size: 40px; margin: 0 0 8px; } h2 { font-size: 30px; margin: 36px 0 10px; border-bottom: 3px solid var(--bar); }
p { margin: 8px 0; }
table { border-collapse: collapse; width: 100%; margin: 10px 0 16px; }
th, td { text-align: left; padding: 6px 10px; vertical-align: top; border-bottom: 1px solid #bbb; }
th { border-bottom: 2px solid var(--ink); }
figure { margin: 10px 0 20px; } figcaption { font-weight: bold; margin-bottom: 6px; }
svg text { font: 20px system-ui, 'Segoe UI', Helvetica, Arial, sans-serif; fill: var(--ink); }
svg .bar { fill: var(--bar); } svg .track { fill: var(--pale); }
@media print {
  body { font-size: 11pt; padding: 0; max-width: none; } h1 { font-size: 18pt; } h2 { font-size: 14pt; }
  figure, table, tr { break-inside: avoid; }
}
"""


def _svg_bars(b: Bars) -> str:
    e = escape
    label_w, bar_w, row_h = 470, 300, 34
    h = row_h * len(b.items) + 4
    parts = [f'<svg role="img" width="100%" viewBox="0 0 1160 {h}" '
             f'aria-label="{e(b.title)}">']
    for i, (label, value, note) in enumerate(b.items):
        y = i * row_h + 2
        text = label if len(label) <= 40 else label[:39] + "…"
        filled = bar_w * (value / b.top) if b.top else 0
        filled = max(0.0, min(float(bar_w), filled))
        parts.append(f'<text x="0" y="{y + 24}"><title>{e(label)}</title>{e(text)}</text>')
        parts.append(f'<rect class="track" x="{label_w}" y="{y + 4}" width="{bar_w}" height="{row_h - 10}"/>')
        parts.append(f'<rect class="bar" x="{label_w}" y="{y + 4}" width="{filled:.1f}" height="{row_h - 10}"/>')
        after = f"{value:g}" + (f"  {note}" if note else "")
        parts.append(f'<text x="{label_w + bar_w + 12}" y="{y + 24}">{e(after)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def to_html(r: RoomReport, names: bool = False, refresh: int | None = None) -> str:
    """One page, nothing fetched: large type for a projector at 1280×720, charts as inline SVG, prints on paper.

    `refresh`: seconds after which the browser loads the page again (the live room at `serve --room`)."""
    e = escape
    out = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           *([f'<meta http-equiv="refresh" content="{int(refresh)}">'] if refresh else []),
           f"<title>Good Standing · room {e(r.code)}</title>", f"<style>{_CSS}</style></head><body>"]
    first = True
    for b in blocks(r, names):
        if isinstance(b, Heading):
            out.append(f"<h1>{e(b.text)}</h1>" if first else f"<h2>{e(b.text)}</h2>")
            first = False
        elif isinstance(b, Para):
            out.append(f"<p>{e(b.text)}</p>")
        elif isinstance(b, Table):
            out.append("<table><tr>" + "".join(f"<th>{e(h)}</th>" for h in b.head) + "</tr>")
            out += ["<tr>" + "".join(f"<td>{e(c)}</td>" for c in row) + "</tr>" for row in b.rows]
            out.append("</table>")
        elif b.items:
            out.append(f"<figure><figcaption>{e(b.title)}</figcaption>{_svg_bars(b)}</figure>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


# ------------------------------------------------------------------ JSON and CSV


def to_json(r: RoomReport, names: bool = False) -> dict[str, Any]:
    """Every figure of the report; games are numbered, and named by group only with `names`."""
    data = asdict(r)
    data["plan"] = {"seed": r.plan.seed, "groups": r.plan.groups, "days": r.plan.days, "rounds": r.plan.rounds,
                    "questions": r.plan.questions}
    games = []
    for n, g in enumerate(data["games"], start=1):
        g["number"] = n
        if not names:
            g["group"] = None
            g["game_id"] = None
            g["before"] = None if g["before"] is None else [g["before"][0], ""]
            g["after"] = None if g["after"] is None else [g["after"][0], ""]
        games.append(g)
    data["games"] = games
    data["format"] = 1
    return data


def json_text(r: RoomReport, names: bool = False) -> str:
    return json.dumps(to_json(r, names), indent=1, ensure_ascii=False, sort_keys=False) + "\n"


CSV_COLUMNS = ("game", "group", "round", "persona", "opacity", "day", "days", "over", "ending", "goals_met",
               "goals_total", "decisions", "bent", "gates_refused", "rules_fired", "wrong_records", "appeals_won",
               "appeals_lost", "withheld", "before", "after")


def to_csv(r: RoomReport, names: bool = False) -> str:
    """One row per game, for a spreadsheet."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CSV_COLUMNS)
    for n, g in enumerate(r.games, start=1):
        w.writerow([n, _cell(g.group or "") if names else "", g.round, g.persona, g.opacity, g.day, g.days,
                    int(g.over), g.ending or "", len(g.goals_met), g.goals_total, g.decisions, g.bent,
                    len(g.refusals), sum(g.rules.values()), g.wrong, g.appeals_won, g.appeals_lost, g.withheld,
                    "" if g.before is None or g.before[0] is None else g.before[0],
                    "" if g.after is None or g.after[0] is None else g.after[0]])
    return buf.getvalue()


def _cell(text: str) -> str:
    """A group's name as a spreadsheet cell: one starting with = + - @ would be read as a formula, so it is quoted."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


__all__ = ["Bars", "Block", "CSV_COLUMNS", "Heading", "Para", "Table", "blocks", "json_text", "to_csv", "to_html",
           "to_json", "to_markdown"]
