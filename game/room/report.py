"""Provides the room report: every game a room played, read from its saves and laid side by side.

`collect` gathers saves from any folders and files (a room folder, saves copied
off many laptops), counts each game once (by its id, keeping the copy that got
furthest), keeps the room's games and says what it left out and why. Each game
is replayed from its save (the only way to know what happened in it) and
reduced to `GameFacts`; `build_report` adds them up into a `RoomReport`. The
pages (Markdown, HTML, JSON, CSV) are in `game.room.pages`; nothing here
formats for a screen.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from statistics import median
from typing import Any

from game.engine.book import Book
from game.engine.events import AppealDecided, GateTried
from game.room.folder import ROOM_FILE, BadRoom, RoomFile, read_room
from game.room.plan import BadCode, Plan, decode, group_number
from game.saves import SaveError, ScenarioChanged, backup_path, load_session, read_save
from game.saves.format import SaveFile
from game.session import Answer, Session

#: A breakdown of fewer games than this shows how many games, not what they did (they could be told apart).
SMALL_CELL = 3
#: The most save files one report reads (a large event is a few hundred games, each saved a few times).
MAX_FILES = 20_000
OPACITIES = ("opaque", "partial", "transparent")


@dataclass(frozen=True, slots=True)
class Refusal:
    gate: str
    failed: tuple[str, ...]  # the requirements that failed, in the scenario's words


@dataclass(frozen=True, slots=True)
class GameFacts:
    """What one game of the room did, as far as it went."""

    game_id: str
    group: str | None
    group_no: int | None
    round: int
    persona: str
    persona_name: str
    opacity: str
    day: int
    days: int
    over: bool
    ending: str | None  # the ending's id, once over
    ending_title: str | None
    goals_met: tuple[str, ...]
    goals_total: int
    rules: dict[str, int]  # rule id → times it fired
    refusals: tuple[Refusal, ...]  # every refused try of a gate, in order
    opened: tuple[str, ...]  # gates passed
    first_choices: dict[str, str]  # card id → the choice made the first time the card was met
    decisions: int
    bent: int
    wrong: int  # records that were not true
    wrong_found: int  # of them, found out during play
    appeals_won: int
    appeals_lost: int
    withheld: int  # score changes whose data never arrived
    prompts: tuple[str, ...]
    before: tuple[int | None, str] | None
    after: tuple[int | None, str] | None


@dataclass(frozen=True, slots=True)
class Collected:
    """The room's games, and what was left out."""

    code: str | None
    room: RoomFile | None
    sessions: tuple[tuple[SaveFile, Session], ...]
    notes: tuple[str, ...]
    files: int  # save files read


def _save_files(paths: Sequence[Path | str]) -> tuple[list[Path], list[RoomFile], list[str]]:
    files: list[Path] = []
    rooms: list[RoomFile] = []
    notes: list[str] = []
    for given in paths:
        path = Path(given)
        if path.is_file():
            if path.name == ROOM_FILE:
                room = _room_at(path.parent, notes)
                if room is not None:
                    rooms.append(room)
            else:
                files.append(path)
            continue
        if not path.is_dir():
            raise BadRoom(f"{path}: no such file or folder")
        for top, dirs, names in os.walk(path, onerror=lambda e: notes.append(f"{e.filename}: cannot be read")):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            here = Path(top)
            if ROOM_FILE in names:
                room = _room_at(here, notes)
                if room is not None:
                    rooms.append(room)
            for name in sorted(names):
                if name.endswith(".json") and name != ROOM_FILE and not name.startswith("."):
                    files.append(here / name)
            if len(files) > MAX_FILES:
                raise BadRoom(f"{path}: more than {MAX_FILES:,} save files; give the room's folders, not a whole disk")
    return files, rooms, notes


def _room_at(folder: Path, notes: list[str]) -> RoomFile | None:
    try:
        return read_room(folder)
    except BadRoom as exc:
        notes.append(f"{exc} (left aside)")
        return None


def _read(path: Path, notes: list[str]) -> tuple[Path, SaveFile] | None:
    try:
        return path, read_save(path)
    except SaveError as exc:
        backup = backup_path(path)
        try:
            save = read_save(backup)
        except SaveError:
            notes.append(f"{exc} (left out)")
            return None
        notes.append(f"{exc} (its backup was read instead)")
        return backup, save


def collect(paths: Sequence[Path | str], code: str | None = None, scenario: Path | str | None = None) -> Collected:
    """The games of one room found under `paths`: each game once, replayed from its save.

    The room is `code` if given, else the room file's (one room file among the paths), else the
    room most of the saves were played in. Raises BadRoom (one line) when there is nothing to report.
    """
    files, rooms, notes = _save_files(paths)
    if code is not None:
        try:
            code = decode(code).code
        except BadCode as exc:
            raise BadRoom(f"--code: {exc}") from None
    read = [r for r in (_read(p, notes) for p in files) if r is not None]
    room_codes = sorted({r.code for r in rooms})
    in_rooms = Counter(save.room.code for _, save in read if save.room is not None)
    if code is None and len(room_codes) == 1:
        code = room_codes[0]
    elif code is None and len(room_codes) > 1:
        raise BadRoom(f"these folders hold {len(room_codes)} rooms ({', '.join(room_codes)}); "
                      "say which with --code, or give one room's folders")
    elif code is None and in_rooms:
        code, _ = max(in_rooms.items(), key=lambda kv: (kv[1], kv[0]))
    broken_rooms = [n for n in notes if n.endswith("(left aside)")]
    if code is None and broken_rooms:
        raise BadRoom(broken_rooms[0].removesuffix(" (left aside)"))
    if code is None:
        raise BadRoom(f"no room's games found in {', '.join(str(p) for p in paths)} "
                      f"({len(read)} save files, none played in a room)")
    room = next((r for r in rooms if r.code == code), None)
    others = Counter(save.room.code for _, save in read if save.room is not None and save.room.code != code)
    for other, n in sorted(others.items()):
        notes.append(f"{n} save file{'s' if n != 1 else ''} of room {other} left out (another room)")
    roomless = sum(1 for _, save in read if save.room is None)
    if roomless:
        notes.append(f"{roomless} save file{'s' if roomless != 1 else ''} not played in a room left out")
    best: dict[str, tuple[Path, SaveFile]] = {}
    copies = 0
    for path, save in read:
        if save.room is None or save.room.code != code:
            continue
        held = best.get(save.game_id)
        if held is not None:
            copies += 1
            if (len(save.actions), save.saved_at) <= (len(held[1].actions), held[1].saved_at):
                continue
        best[save.game_id] = (path, save)
    if copies:
        notes.append(f"{copies} more cop{'ies' if copies != 1 else 'y'} of games already counted "
                     "(the same game id) counted once")
    sessions = []
    changed = 0
    for path, save in sorted(best.values(), key=lambda ps: (ps[1].group or "", ps[1].room.round if ps[1].room
                                                              else 0, ps[1].game_id)):
        try:
            sessions.append((save, load_session(path, scenario)))
        except ScenarioChanged:
            # The city changed since (an update between the session and the report): the state each save
            # holds still says how the game went; only what was said day by day (refusals) is not replayed.
            try:
                sessions.append((save, load_session(path, scenario, from_snapshot=True)))
                changed += 1
            except SaveError as exc:
                notes.append(f"{exc} (left out)")
        except SaveError as exc:
            notes.append(f"{exc} (left out)")
    if changed:
        notes.append(f"{changed} game{'s were' if changed != 1 else ' was'} played on another version of the city's "
                     "files: counted from the state saved in the file (their gate refusals are not counted)")
    if room is not None:
        hashes = {save.scenario.content_hash for save, _ in sessions}
        if hashes and hashes != {room.scenario.hash}:
            notes.append(f"some games were played on another version of {room.scenario.title} than the room's")
    return Collected(code, room, tuple(sessions), tuple(notes), len(files))


def _answer(a: Answer | None) -> tuple[int | None, str] | None:
    return None if a is None else (a.scale, a.text)


def game_facts(session: Session, plan: Plan | None) -> GameFacts:
    """One game reduced to what the room report counts (the debrief's own readings of the season)."""
    from game.report.debrief import bent_choices, raised_prompts

    book, state = session.book, session.state
    refusals: list[Refusal] = []
    won = lost = 0
    for events in session.log:
        for e in events:
            if isinstance(e, GateTried) and not e.result.open:
                refusals.append(Refusal(e.result.gate, tuple(r.text for r in e.result.reasons)))
            elif isinstance(e, AppealDecided):
                won, lost = (won + 1, lost) if e.won else (won, lost + 1)
    first: dict[str, str] = {}
    for d in state.decisions:
        first.setdefault(d.card, d.choice)
    number = None
    if session.group is not None and plan is not None:
        try:
            number = group_number(session.group, plan)
        except ValueError:
            number = None
    ending = book.ending_info.get(state.ending) if state.ending else None
    persona = book.scenario.persona(session.persona)
    wrong = [r for r in state.records if not r.true]
    return GameFacts(
        game_id=session.game_id, group=session.group, group_no=number, round=session.round or 1,
        persona=session.persona, persona_name=persona.name, opacity=session.opacity.value,
        day=state.day, days=state.days, over=state.over, ending=state.ending if state.over else None,
        ending_title=ending.title if ending is not None else ("The season is over" if state.over else None),
        goals_met=tuple(g.id for g in persona.goals if g.id in state.goals), goals_total=len(persona.goals),
        rules=dict(state.fired), refusals=tuple(refusals), opened=tuple(state.gates_passed),
        first_choices=first, decisions=len(state.decisions), bent=len(bent_choices(book, state)),
        wrong=len(wrong), wrong_found=sum(1 for r in wrong if r.error_known),
        appeals_won=won, appeals_lost=lost, withheld=len(state.withheld), prompts=raised_prompts(book, state),
        before=_answer(session.before), after=_answer(session.after),
    )


# ------------------------------------------------------------------ the room added up


@dataclass(frozen=True, slots=True)
class Cell:
    """Games alike in persona and opacity (or round and opacity): how they ended."""

    label: str
    opacity: str
    games: int
    finished: int
    endings: dict[str, int]  # ending title → games; "still playing" for unfinished ones
    goals_met: int
    goals_total: int
    bent_median: float | None


@dataclass(frozen=True, slots=True)
class RuleRow:
    id: str
    name: str
    basis: str
    visibility: str
    games: int  # games it fired in
    groups: int
    fired: int
    by_opacity: dict[str, int]  # opacity → groups it touched


@dataclass(frozen=True, slots=True)
class GateRow:
    id: str
    name: str
    tries_refused: int
    games_refused: int
    games_opened: int
    by_cell: dict[str, int]  # "persona · opacity" → games refused
    by_opacity: dict[str, int]
    failed: dict[str, int]  # requirement → refused tries it failed


@dataclass(frozen=True, slots=True)
class ChoiceSplit:
    text: str
    games: int
    by_opacity: dict[str, int]


@dataclass(frozen=True, slots=True)
class CardSplit:
    """One card many games met: what each chose the first time."""

    id: str
    title: str
    games: int
    by_opacity: dict[str, int]  # opacity → games that met it
    choices: tuple[ChoiceSplit, ...]


@dataclass(frozen=True, slots=True)
class Spread:
    """A count per game, over a set of games."""

    games: int
    median: float | None
    total: int


@dataclass(frozen=True, slots=True)
class Answers:
    opacity: str
    asked_before: int
    before_mean: float | None
    asked_after: int
    after_mean: float | None
    goals_share: float | None  # goals met / goals, over the games that answered before


@dataclass(frozen=True, slots=True)
class RoomReport:
    code: str
    title: str
    plan: Plan
    season_days: int | None
    games: tuple[GameFacts, ...]
    notes: tuple[str, ...]
    by_opacity: tuple[Cell, ...]  # all personas, by opacity
    cells: tuple[Cell, ...]  # by persona × opacity
    round_cells: tuple[Cell, ...]  # by round × opacity (two-round rooms)
    rules: tuple[RuleRow, ...]
    hidden: tuple[RuleRow, ...]  # hidden rules that fired: the room never saw them in play
    gates: tuple[GateRow, ...]
    cards: tuple[CardSplit, ...]
    bent: dict[str, Spread]  # "all" and each opacity played
    records: dict[str, int]
    answers: tuple[Answers, ...]
    before_after: tuple[tuple[int, int, int], ...]  # (before, after, games): how answers moved
    prompts: tuple[tuple[str, int], ...]
    files: int = 0
    groups: int = 0
    finished: int = 0
    missing: tuple[int, ...] = field(default=())  # plan groups with no game here
    under: UnderPack | None = None  # the room's seasons again under a rule pack (room report --rules)


def _med(values: Iterable[int]) -> float | None:
    vals = list(values)
    return float(median(vals)) if vals else None


def _group_key(g: GameFacts) -> str:
    if g.group_no is not None:
        return f"#{g.group_no}"
    return g.group.casefold() if g.group else g.game_id


def _cells(games: Sequence[GameFacts], key: str) -> tuple[Cell, ...]:
    buckets: dict[tuple[object, str], list[GameFacts]] = {}
    for g in games:
        k: object = ((g.persona, g.persona_name) if key == "persona" else g.round if key == "round"
                     else ("", "All personas"))
        buckets.setdefault((k, g.opacity), []).append(g)
    out = []
    for (k, opacity), gs in sorted(buckets.items(), key=lambda kv: (str(kv[0][0]), OPACITIES.index(kv[0][1]))):
        label = k[1] if isinstance(k, tuple) else f"Round {k}"
        endings = Counter(g.ending_title if g.over and g.ending_title else "still playing" for g in gs)
        out.append(Cell(str(label), opacity, len(gs), sum(g.over for g in gs), dict(endings.most_common()),
                        sum(len(g.goals_met) for g in gs), sum(g.goals_total for g in gs), _med(g.bent for g in gs)))
    return tuple(out)


def build_report(collected: Collected) -> RoomReport:
    """The whole room added up from its games."""
    if collected.code is None:
        raise BadRoom("no room to report on")
    plan = decode(collected.code)
    games = tuple(game_facts(s, plan) for _, s in collected.sessions)
    book = collected.sessions[0][1].book if collected.sessions else None
    title = (collected.room.scenario.title if collected.room is not None
             else book.scenario.scenario.title if book is not None else "")
    season_days = collected.room.season_days if collected.room is not None else (games[0].days if games else None)
    played = [o for o in OPACITIES if any(g.opacity == o for g in games)]

    rules: list[RuleRow] = []
    if book is not None:
        fired_in: dict[str, list[GameFacts]] = {}
        for g in games:
            for rid in g.rules:
                fired_in.setdefault(rid, []).append(g)
        for rid, gs in fired_in.items():
            info = book.rule_info.get(rid)
            if info is None:
                continue
            rules.append(RuleRow(rid, info.name, info.basis.value, info.visibility.value, len(gs),
                                 len({_group_key(g) for g in gs}), sum(g.rules[rid] for g in gs),
                                 {o: len({_group_key(g) for g in gs if g.opacity == o}) for o in played}))
    rules.sort(key=lambda r: (-r.groups, -r.games, -r.fired, r.name))
    hidden = tuple(r for r in rules if r.visibility == "hidden")

    gates: list[GateRow] = []
    if book is not None:
        for gid, gate in book.gate_info.items():
            refused = [g for g in games if any(r.gate == gid for r in g.refusals)]
            opened = sum(1 for g in games if gid in g.opened)
            if not refused and not opened:
                continue
            failed: Counter[str] = Counter()
            tries = 0
            for g in refused:
                for r in g.refusals:
                    if r.gate == gid:
                        tries += 1
                        failed.update(r.failed or ("closed by a rule",))
            by_cell = Counter(f"{g.persona_name} · {g.opacity}" for g in refused)
            gates.append(GateRow(gid, gate.name, tries, len(refused), opened, dict(sorted(by_cell.items())),
                                 {o: sum(1 for g in refused if g.opacity == o) for o in played},
                                 dict(failed.most_common())))
    gates.sort(key=lambda r: (-r.games_refused, -r.tries_refused, r.name))

    cards: list[CardSplit] = []
    if book is not None:
        from game.report.debrief import choice_text

        met: dict[str, list[GameFacts]] = {}
        for g in games:
            for cid in g.first_choices:
                met.setdefault(cid, []).append(g)
        for cid, gs in met.items():
            if len(gs) < 2 or cid not in book.card_info:
                continue
            picks: dict[str, list[GameFacts]] = {}
            for g in gs:
                picks.setdefault(g.first_choices[cid], []).append(g)
            order = [c.id for c in book.card_info[cid].choices]
            choices = tuple(
                ChoiceSplit(choice_text(book, cid, ch), len(picks.get(ch, [])),
                            {o: sum(1 for g in picks.get(ch, []) if g.opacity == o) for o in played})
                for ch in order if ch in picks
            )
            cards.append(CardSplit(cid, book.card_info[cid].title, len(gs),
                                   {o: sum(1 for g in gs if g.opacity == o) for o in played}, choices))
    # The cards most groups met first; among them, those the room split over most.
    cards.sort(key=lambda c: (-c.games, max(ch.games for ch in c.choices) / c.games, c.title))

    bent = {"all": Spread(len(games), _med(g.bent for g in games), sum(g.bent for g in games))}
    for o in played:
        gs = [g for g in games if g.opacity == o]
        bent[o] = Spread(len(gs), _med(g.bent for g in gs), sum(g.bent for g in gs))

    records = {
        "wrong": sum(g.wrong for g in games),
        "games_with_wrong": sum(1 for g in games if g.wrong),
        "wrong_found": sum(g.wrong_found for g in games),
        "appeals_won": sum(g.appeals_won for g in games),
        "appeals_lost": sum(g.appeals_lost for g in games),
        "withheld": sum(g.withheld for g in games),
        "games_with_withheld": sum(1 for g in games if g.withheld),
    }

    answers = []
    moved: Counter[tuple[int, int]] = Counter()
    for o in played:
        gs = [g for g in games if g.opacity == o]
        bs = [g.before[0] for g in gs if g.before is not None and g.before[0] is not None]
        afs = [g.after[0] for g in gs if g.after is not None and g.after[0] is not None]
        said = [g for g in gs if g.before is not None and g.before[0] is not None and g.goals_total]
        share = (sum(len(g.goals_met) for g in said) / sum(g.goals_total for g in said)) if said else None
        if bs or afs:
            answers.append(Answers(o, len(bs), sum(bs) / len(bs) if bs else None, len(afs),
                                   sum(afs) / len(afs) if afs else None, share))
    for g in games:
        if g.before and g.after and g.before[0] is not None and g.after[0] is not None:
            moved[(g.before[0], g.after[0])] += 1

    prompts = Counter(p for g in games for p in g.prompts)
    groups_here = {g.group_no for g in games if g.group_no is not None}
    return RoomReport(
        code=collected.code, title=title, plan=plan, season_days=season_days, games=games,
        notes=collected.notes, by_opacity=_cells(games, "opacity"), cells=_cells(games, "persona"),
        round_cells=_cells(games, "round") if plan.round_count > 1 else (),
        rules=tuple(rules), hidden=hidden, gates=tuple(gates), cards=tuple(cards), bent=bent, records=records,
        answers=tuple(answers), before_after=tuple((b, a, n) for (b, a), n in sorted(moved.items())),
        prompts=tuple(sorted(prompts.items(), key=lambda kv: (-kv[1], kv[0]))), files=collected.files,
        groups=len({_group_key(g) for g in games}), finished=sum(g.over for g in games),
        missing=tuple(n for n in range(1, plan.groups + 1) if n not in groups_here),
    )


__all__ = ["SMALL_CELL", "Collected", "GameFacts", "RoomReport", "build_report", "collect", "game_facts"]


# ------------------------------------------------------------------ the room under a rule pack


@dataclass(frozen=True, slots=True)
class PackRow:
    """One persona's games, as played and under the pack: how many reached each goal, gate and ending."""

    persona: str  # the persona's name
    games: int
    goals: tuple[tuple[str, int, int], ...]  # (goal, as played, under the pack)
    gates: tuple[tuple[str, int, int], ...]  # (gate passed, as played, under the pack): only those that differ
    endings: tuple[tuple[str, int, int], ...]  # (ending title, as played, under the pack)
    stand_in: int  # answers the stand-in gave, over these games, where the pack's season had no answer


@dataclass(frozen=True, slots=True)
class UnderPack:
    pack: str  # its id
    title: str
    rows: tuple[PackRow, ...]
    left_out: int  # games that could not be replayed (continued from a snapshot)


def under_pack(collected: Collected, other: Book, pack: str, title: str) -> UnderPack:
    """Each game of the room replayed from its seed with the same actions under `other` (the city under a
    rule pack): an answer it no longer allows is the stand-in's (see `game.engine.whatif`). Unfinished games
    are carried to the season's end by the stand-in in both rulebooks, so the two counts compare."""
    from game.engine.turn import new_game
    from game.engine.whatif import outcome, under_other

    by: dict[str, list[tuple[Any, Any, int]]] = {}
    names: dict[str, str] = {}
    left_out = 0
    for _, session in collected.sessions:
        if session.start is not None:
            left_out += 1
            continue
        book = session.book
        start2, _ = new_game(other, session.persona, session.seed, session.days)
        played, theirs = under_other(book, session.beginning()[0], session.actions, other, start2)
        by.setdefault(session.persona, []).append(
            (outcome(book, played.state), outcome(other, theirs.state), sum(1 for s in theirs.steps if s.bot)))
        names[session.persona] = book.scenario.persona(session.persona).name
    rows = []
    for persona, games in by.items():
        goals = [(g.short or g.text, sum(g.id in a.goals for a, _, _ in games), sum(g.id in b.goals for _, b, _ in games))
                 for g in other.scenario.persona(persona).goals]
        gate_ids = list(dict.fromkeys(gid for a, b, _ in games for gid in (*a.gates, *b.gates)))
        gates = [(other.gate_info[gid].name if gid in other.gate_info else gid,
                  sum(gid in a.gates for a, _, _ in games), sum(gid in b.gates for _, b, _ in games)) for gid in gate_ids]
        ending_ids = list(dict.fromkeys(e for a, b, _ in games for e in (a.ending, b.ending) if e))
        endings = [(other.ending_info[e].title, sum(a.ending == e for a, _, _ in games),
                    sum(b.ending == e for _, b, _ in games)) for e in ending_ids]
        rows.append(PackRow(names[persona], len(games), tuple(goals), tuple(g for g in gates if g[1] != g[2]),
                            tuple(endings), sum(n for _, _, n in games)))
    return UnderPack(pack, title, tuple(rows), left_out)
