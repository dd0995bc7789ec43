"""Provides a room's two sheets: the board sheet (plain text, for the facilitator and the board) and the handout.

The handout is one self-contained HTML page that prints on A4 or Letter: the
room's code, what to type, a card per persona, the keys, the four bases a rule
may rest on, and the room's questions. Everything from the scenario is escaped:
it is shown as text, never as markup. No file, font or script is fetched.
"""

from __future__ import annotations

from html import escape

from game.content.city import City
from game.room.folder import RoomFile
from game.room.plan import ROUND_PLAN_HELP

#: What each basis means, for the handout (docs/sources.md is the long form).
BASES = (
    ("documented", "a law, regulation or official statement says so"),
    ("pilot", "a local pilot programme did this"),
    ("reported", "journalists or researchers reported it"),
    ("invented", "made up for the game: an extrapolation, to think with"),
)

#: The game's keys, as the table screen and the help screen give them.
KEYS = (
    ("1–9, or ↓ ↑ and Enter", "answer the card (each choice shows its price first)"),
    ("g", "gates: ask for a loan, a ticket, a school place…"),
    ("d", "your dossier: what the city holds on you; appeal a record"),
    ("b", "the rulebook, as far as your opacity shows it"),
    ("r", "rest for the day"),
    ("s", "save under a name (the game also saves after every move)"),
    ("?", "help, anywhere"),
    ("q", "leave (the game is kept)"),
)


def join_command(code: str) -> str:
    return f'python -m game play --room {code} --group "N Name"'


def board_sheet(room: RoomFile, folder: str) -> str:
    """The board sheet: what to write on the board, and which group plays whom, how."""
    plan = room.the_plan()
    days = f"{room.season_days} days"
    lines = [
        f"Room {room.code} · {room.scenario.title} · {plan.groups} groups · season {days} · seed {plan.seed}",
        f"Rounds: {plan.rounds} — {ROUND_PLAN_HELP[plan.rounds]}",
        "Questions before and after play: " + ("yes (a 1–5 scale and a line; never required)" if plan.questions
                                                else "no"),
        "",
        "Write on the board:",
        f"    Room code {room.code}",
        f"    Type   {join_command(room.code)}",
        f"    or start `python -m game`, choose “Join a room”, enter {room.code} and your group",
        "    (N is your group's number below; the name after it is yours to choose)",
        "",
    ]
    rounds = len(room.groups[0].opacity) if room.groups else 1
    head = f"{'Group':<7}{'Persona':<28}" + "".join(f"{'Round ' + str(r + 1):<14}" for r in range(rounds))
    lines.append(head.rstrip())
    for g in room.groups:
        who = f"{g.persona_name} ({g.persona})"
        lines.append((f"{g.group:<7}{who[:27]:<28}" + "".join(f"{o:<14}" for o in g.opacity)).rstrip())
    lines += [
        "",
        f"Games are saved in {folder}",
        "(on other laptops: in their saves folder, under rooms/" + room.code + "; copy those folders back).",
        f"After play:  python -m game room report {folder} --html room.html",
    ]
    return "\n".join(lines) + "\n"


_CSS = """
@page { size: auto; margin: 14mm; }
body { font: 11pt/1.4 Georgia, 'Times New Roman', serif; color: #111; max-width: 48em; margin: 1.5em auto; }
h1 { font-size: 20pt; margin: 0 0 .2em; } h2 { font-size: 13pt; margin: 1.2em 0 .4em; border-bottom: 1px solid #999; }
.code { font: bold 26pt/1.2 'Courier New', monospace; letter-spacing: .08em; }
pre, code { font-family: 'Courier New', monospace; }
pre { background: #f3f3f3; padding: .5em .8em; white-space: pre-wrap; }
.cards { display: grid; grid-template-columns: 1fr 1fr; gap: .8em; }
.card { border: 1px solid #444; border-radius: 6px; padding: .6em .8em; break-inside: avoid; }
.card h3 { margin: 0 0 .3em; font-size: 12pt; }
table { border-collapse: collapse; width: 100%; } td, th { text-align: left; padding: .2em .5em; vertical-align: top; }
th { border-bottom: 1px solid #444; } tr { break-inside: avoid; }
.scale { display: flex; gap: .5em; } .scale span { border: 1px solid #444; padding: .2em .5em; border-radius: 4px; }
.line { border-bottom: 1px solid #444; height: 1.6em; }
@media print { body { margin: 0; max-width: none; } .card { border-color: #000; } pre { background: none; border: 1px solid #999; } }
"""


def handout(room: RoomFile, city: City) -> str:
    """The printable handout of the room, as one HTML page."""
    book = city.book
    plan = room.the_plan()
    e = escape
    out = [
        "<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
        f"<title>Good Standing · room {e(room.code)}</title>", f"<style>{_CSS}</style></head><body>",
        f"<h1>Good Standing · {e(room.scenario.title)}</h1>",
        f'<p>Room code <span class="code">{e(room.code)}</span></p>',
        f"<p>A season of {room.season_days} days in a city that scores its residents. Each day you draw cards "
        "and choose; the city's scores record, rate, reward and punish. How much of its rulebook you see depends "
        "on your group's opacity. At the end, the debrief shows every rule and your whole dossier.</p>",
        "<h2>Joining</h2>",
        f"<pre>{e(join_command(room.code))}</pre>",
        f"<p>or start <code>python -m game</code>, choose <b>Join a room</b>, and enter <b>{e(room.code)}</b> and "
        "your group: its number from the board, then a name if you like (e.g. <b>3 Kestrels</b>).</p>",
        "<h2>Who plays whom</h2>",
        "<table><tr><th>Group</th><th>Persona</th>"
        + "".join(f"<th>Round {r + 1}</th>" for r in range(plan.round_count)) + "</tr>",
    ]
    for g in room.groups:
        out.append(f"<tr><td>{g.group}</td><td>{e(g.persona_name)}</td>"
                   + "".join(f"<td>{e(o)}</td>" for o in g.opacity) + "</tr>")
    out.append("</table>")
    out.append("<h2>The personas</h2><div class=\"cards\">")
    used = {g.persona for g in room.groups}
    for p in book.scenario.personas:
        if p.id not in used:
            continue
        goals = "".join(f"<li>{e(goal.text)}</li>" for goal in p.goals)
        out.append(f'<div class="card"><h3>{e(p.name)}</h3><p>{e(p.situation)}</p>'
                   f"<p><b>Goals this season</b></p><ul>{goals}</ul></div>")
    out.append("</div>")
    out.append("<h2>The keys</h2><table>")
    out += [f"<tr><td><b>{e(k)}</b></td><td>{e(what)}</td></tr>" for k, what in KEYS]
    out.append("</table>")
    out.append("<h2>What a rule rests on</h2><p>In the debrief every rule says its basis:</p><table>")
    out += [f"<tr><td><b>{e(b)}</b></td><td>{e(what)}</td></tr>" for b, what in BASES]
    out.append("</table>")
    if room.questions:
        from game.room.folder import SCALE

        out.append("<h2>The room's questions</h2><p>The game asks them; you may skip them.</p>")
        for when, text in (("Before play", room.questions["before"]), ("After the debrief", room.questions["after"])):
            scale = "".join(f"<span>{e(s)}</span>" for s in SCALE)
            out.append(f"<p><b>{e(when)}:</b> {e(text)}</p><div class=\"scale\">{scale}</div>"
                       '<div class="line"></div>')
    prompts = book.scenario.prompts[:4]
    if prompts:
        out.append("<h2>To talk about afterwards</h2><ul>")
        out += [f"<li>{e(p.text)}</li>" for p in prompts]
        out.append("</ul>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


__all__ = ["BASES", "KEYS", "board_sheet", "handout", "join_command"]
