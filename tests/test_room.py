"""The room as a facilitator runs it: a code on the board, groups joining, and the whole room's report.

The report's figures are checked against a count made here from the saves alone:
each save's actions replayed through the engine, and its events counted
(RuleFired, GateTried, Chose, SeasonEnded, RecordFiled, AppealDecided,
ScoreWithheld), without the report's own code.
"""

from __future__ import annotations

import contextlib
import io
import json
import shutil
from collections import Counter
from pathlib import Path
from statistics import median
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.room.plan import ALPHABET, MAX_DAYS, MAX_GROUPS, MAX_SEED, ROUND_PLANS, BadCode, Plan, decode

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str) -> tuple[int, str, str]:
    """`python -m game ARGS` in this process, through the same entry point."""
    from game.__main__ import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(args))
        except SystemExit as exc:
            code = int(exc.code or 0)
    return code, out.getvalue(), err.getvalue()


# ------------------------------------------------------------------ codes


plans = st.builds(Plan, seed=st.integers(0, MAX_SEED), groups=st.integers(1, MAX_GROUPS),
                  days=st.integers(0, MAX_DAYS), rounds=st.sampled_from(ROUND_PLANS), questions=st.booleans())


@given(plans)
def test_a_code_gives_back_its_plan_however_it_is_typed(plan: Plan) -> None:
    code = plan.code
    assert len(code) == 8 and code[3] == "-" and all(ch in ALPHABET for ch in code.replace("-", ""))
    assert decode(code) == plan
    assert decode(code.lower().replace("-", " ")) == plan


@given(plans, st.integers(0, 6), st.sampled_from(ALPHABET))
def test_one_letter_wrong_is_caught_or_is_another_room(plan: Plan, where: int, letter: str) -> None:
    letters = list(plan.code.replace("-", ""))
    if letters[where] == letter:
        return
    letters[where] = letter
    typo = "".join(letters)
    try:
        other = decode(typo)
    except BadCode as exc:
        assert "check it letter by letter" in str(exc)
    else:  # a check of 6 bits lets 1 in 64 typos through: then it is at least a whole, different plan
        assert other != plan


@pytest.mark.parametrize("text, says", [
    ("", "7 letters"), ("ABC-DEF", "has 6"), ("ABC-DEFGH", "has 8"), ("AB0-DEFG", "no I, O, 0 or 1"),
    ("AB?-DEFG", "'?'"),
])
def test_a_mistyped_code_says_what_to_check(text: str, says: str) -> None:
    with pytest.raises(BadCode, match=None) as info:
        decode(text)
    assert says in str(info.value)


def test_groups_are_balanced_over_personas_and_split_plans_pair_them() -> None:
    personas = ["a", "b", "c", "d"]
    split = Plan(seed=1, groups=8, days=0, rounds="split", questions=False)
    assert [split.persona(g, personas) for g in range(1, 9)] == ["a", "a", "b", "b", "c", "c", "d", "d"]
    assert [split.opacity(g) for g in (1, 2)] == ["opaque", "transparent"]
    swap = Plan(seed=1, groups=4, days=0, rounds="swap", questions=False)
    assert [(swap.opacity(g, 1), swap.opacity(g, 2)) for g in (1, 2)] == [("opaque", "transparent"),
                                                                          ("transparent", "opaque")]
    whole = Plan(seed=1, groups=6, days=0, rounds="opaque", questions=False)
    assert Counter(whole.persona(g, personas) for g in range(1, 7)) == {"a": 2, "b": 2, "c": 1, "d": 1}


# ------------------------------------------------------------------ a room, set up and played


@pytest.fixture(scope="module")
def room(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A room of 14 groups (swap rounds, questions asked, short season): 16 games in it, 3 of them unfinished,
    and, in the folders collected, a copy of one game, a game of another room and a game in no room."""
    saves = tmp_path_factory.mktemp("room-saves")
    code, out, err = run("room", "new", "--groups", "14", "--seed", "5", "--rounds", "swap", "--questions",
                         "--season", "short", "--saves", str(saves))
    assert code == 0, err
    room_code = out.split()[1]
    folder = saves / "rooms" / room_code
    policies = ["random", "score-first", "values-first", "cautious"]
    unfinished = {4: "1,1,2", 9: "2,1", 13: "1"}
    for g in range(1, 15):
        args = ["play", "--room", room_code, "--group", f"{g} Table{g}", "--headless", "--saves", str(saves),
                "--before", f"{g % 5 + 1}: a guess"]
        if g in unfinished:
            args += ["--choices", unfinished[g]]
        else:
            args += ["--policy", policies[g % 4], "--after", f"{(g * 3) % 5 + 1}"]
        code, _, err = run(*args)
        assert code == 0, err
    for g in (1, 2):  # round 2 of the swap: these groups play again at the other opacity
        code, _, err = run("play", "--room", room_code, "--group", f"{g} Table{g}", "--headless", "--saves",
                           str(saves), "--policy", "cautious")
        assert code == 0, err
    # What a USB stick brings back: another laptop's copy of a game, another room's game, a game in no room.
    usb = saves / "usb"
    usb.mkdir()
    shutil.copy(next(folder.glob("autosave-*table3*.json")), usb / "copy-of-group-3.json")
    other = Plan(seed=9, groups=2, days=0, rounds="opaque", questions=False).code
    assert run("play", "--room", other, "--group", "1", "--headless", "--policy", "random",
               "--saves", str(usb))[0] == 0
    assert run("play", "--headless", "--policy", "random", "--seed", "3", "--saves", str(usb))[0] == 0
    code, out, err = run("room", "report", str(folder), str(usb), "--json")
    assert code == 0, err
    return {"saves": saves, "code": room_code, "folder": folder, "usb": usb, "report": json.loads(out)}



def traded(book, state, card: str, chose: str, preferred: str) -> bool:  # noqa: ANN001 - a Book and a State
    """Counted by hand: better for the scores, and two points or more of the weightiest care given up."""
    from game.engine.predict import impact

    options = {c.id: c for c in book.card_by_id[card].choices}
    (took_score, took_values), (pref_score, pref_values) = (impact(book, state, options[chose]),
                                                            impact(book, state, options[preferred]))
    cares = book.personas[state.persona].cares
    point = max(abs(w) / (book.stats[k][1] - book.stats[k][0]) for k, w in cares.items())
    return took_score > pref_score + 1e-9 and pref_values - took_values >= 2 * point - 1e-9

def independent_count(folder: Path) -> list[dict[str, Any]]:
    """Each game of the room folder, replayed from its save's JSON through the engine and counted by its events."""
    from game.content.city import open_city
    from game.engine import events as ev
    from game.engine.actions import decode as decode_action
    from game.engine.turn import new_game, step

    games = []
    for path in sorted(folder.glob("*.json")):
        if path.name == "room.json":
            continue
        save = json.loads(path.read_text())
        city = open_city(save["scenario"]["path"])
        book = city.book
        state, opening = new_game(book, save["options"]["persona"], save["seed"], save["options"]["days"])
        log = [opening]
        for text in save["actions"]:
            state, events = step(book, state, decode_action(text))
            log.append(events)
        flat = [e for events in log for e in events]
        first: dict[str, str] = {}
        for e in flat:
            if isinstance(e, ev.Chose):
                first.setdefault(e.card, e.choice)
        ended = [e for e in flat if isinstance(e, ev.SeasonEnded)]
        # A card raises its questions when it was answered; one set aside by resting raises nothing.
        answered = {e.card for e in flat if isinstance(e, ev.Chose)}
        happened = (answered | {e.rule for e in flat if
                    isinstance(e, ev.RuleFired)} | {e.result.gate for e in flat if isinstance(e, ev.GateTried)}
                    | {e.ending for e in ended})
        persona = next(p for p in book.scenario.personas if p.id == save["options"]["persona"])
        games.append({
            "group": save["group"], "round": save["room"]["round"], "opacity": save["options"]["opacity"],
            "persona": save["options"]["persona"], "over": bool(ended),
            "ending": ended[0].ending if ended else None,
            "goals": len(ended[0].goals) if ended else 0, "goals_total": len(persona.goals),
            "rules": Counter(e.rule for e in flat if isinstance(e, ev.RuleFired)),
            "refused": [e.result for e in flat if isinstance(e, ev.GateTried) and not e.result.open],
            "first": first,
            "bent": sum(1 for d in state.decisions if d.choice == d.score_pick != d.values_pick
                        and traded(book, state, d.card, d.choice, d.values_pick)),
            "wrong": sum(1 for e in flat if isinstance(e, ev.RecordFiled) and not e.record.true),
            "won": sum(1 for e in flat if isinstance(e, ev.AppealDecided) and e.won),
            "lost": sum(1 for e in flat if isinstance(e, ev.AppealDecided) and not e.won),
            "withheld": sum(1 for e in flat if isinstance(e, ev.ScoreWithheld)),
            "prompts": [p.text for p in book.scenario.prompts if happened & set(p.raised_by)],
            "before": (save.get("before") or {}).get("scale"), "after": (save.get("after") or {}).get("scale"),
            "book": book,
        })
    return games


@pytest.fixture(scope="module")
def counted(room: dict[str, Any]) -> list[dict[str, Any]]:
    return independent_count(room["folder"])


def test_the_board_sheet_and_handout_are_made_once_and_kept(room: dict[str, Any]) -> None:
    folder = room["folder"]
    board = (folder / "board.txt").read_text()
    assert room["code"] in board and f'play --room {room["code"]} --group' in board
    assert "Ma Jun (rider)" in board and "opaque        transparent" in board
    handout = (folder / "handout.html").read_text()
    assert "<h2>The keys</h2>" in handout and "invented" in handout and "How do you expect" in handout
    before = (folder / "room.json").read_bytes()
    code, _, err = run("room", "new", "--groups", "14", "--seed", "5", "--rounds", "swap", "--questions",
                       "--season", "short", "--saves", str(room["saves"]))
    assert code == 0 and "Opened the existing room" in err
    assert (folder / "room.json").read_bytes() == before


def test_the_report_counts_every_game_once_and_says_what_it_left_out(room: dict[str, Any],
                                                                    counted: list[dict[str, Any]]) -> None:
    r = room["report"]
    assert len(counted) == 16 and len(r["games"]) == 16
    assert r["finished"] == sum(g["over"] for g in counted) == 13
    assert r["groups"] == 14 and r["missing"] == []
    notes = " ".join(r["notes"])
    assert "1 save file of room" in notes and "not played in a room left out" in notes
    assert "1 more copy of games already counted" in notes


def test_endings_and_goals_by_opacity_and_round_match_the_replays(room: dict[str, Any],
                                                                  counted: list[dict[str, Any]]) -> None:
    r = room["report"]
    for cell in r["by_opacity"]:
        mine = [g for g in counted if g["opacity"] == cell["opacity"]]
        assert cell["games"] == len(mine) and cell["finished"] == sum(g["over"] for g in mine)
        assert cell["goals_met"] == sum(g["goals"] for g in mine)
        book = mine[0]["book"]
        titles = Counter(book.ending_info[g["ending"]].title if g["over"] else "still playing" for g in mine)
        assert cell["endings"] == dict(titles)
    rounds = {(c["label"], c["opacity"]): c["games"] for c in r["round_cells"]}
    assert rounds == dict(Counter((f"Round {g['round']}", g["opacity"]) for g in counted))
    assert sum(c["games"] for c in r["cells"]) == 16


def test_rules_gates_and_records_match_the_replays(room: dict[str, Any], counted: list[dict[str, Any]]) -> None:
    r = room["report"]
    by_rule = {x["id"]: x for x in r["rules"]}
    all_rules = set().union(*(g["rules"] for g in counted))
    assert set(by_rule) == all_rules
    for rid in all_rules:
        assert by_rule[rid]["games"] == sum(1 for g in counted if rid in g["rules"])
        assert by_rule[rid]["fired"] == sum(g["rules"][rid] for g in counted)
        assert by_rule[rid]["groups"] == len({g["group"] for g in counted if rid in g["rules"]})
        for opacity, n in by_rule[rid]["by_opacity"].items():
            assert n == len({g["group"] for g in counted if rid in g["rules"] and g["opacity"] == opacity})
    book = counted[0]["book"]
    assert {x["id"] for x in r["hidden"]} == {rid for rid in all_rules if book.rule_info[rid].visibility.value ==
                                              "hidden"}
    gates = {x["id"]: x for x in r["gates"]}
    for gid in {res.gate for g in counted for res in g["refused"]}:
        assert gates[gid]["tries_refused"] == sum(1 for g in counted for res in g["refused"] if res.gate == gid)
        assert gates[gid]["games_refused"] == sum(1 for g in counted if any(res.gate == gid for res in g["refused"]))
        failed = Counter(reason.text for g in counted for res in g["refused"] if res.gate == gid
                         for reason in res.reasons)
        assert gates[gid]["failed"] == dict(failed)
    rec = r["records"]
    assert rec["wrong"] == sum(g["wrong"] for g in counted)
    assert rec["appeals_won"] == sum(g["won"] for g in counted)
    assert rec["appeals_lost"] == sum(g["lost"] for g in counted)
    assert rec["withheld"] == sum(g["withheld"] for g in counted)


def test_the_same_first_cards_and_their_splits_match_the_replays(room: dict[str, Any],
                                                                 counted: list[dict[str, Any]]) -> None:
    r = room["report"]
    assert r["cards"], "with one seed, groups meet the same first cards"
    book = counted[0]["book"]
    for card in r["cards"]:
        met = [g for g in counted if card["id"] in g["first"]]
        assert card["games"] == len(met)
        picks = Counter(g["first"][card["id"]] for g in met)
        texts = {c.id: c.text for c in book.card_info[card["id"]].choices}
        assert {c["text"]: c["games"] for c in card["choices"]} == {texts[k]: n for k, n in picks.items()}
        for choice in card["choices"]:
            for opacity, n in choice["by_opacity"].items():
                assert n == sum(1 for g in met if g["opacity"] == opacity and texts[g["first"][card["id"]]] ==
                                choice["text"])


def test_bent_choices_answers_and_prompts_match_the_replays(room: dict[str, Any],
                                                            counted: list[dict[str, Any]]) -> None:
    r = room["report"]
    assert r["bent"]["all"]["median"] == median(g["bent"] for g in counted)
    for opacity in ("opaque", "transparent"):
        assert r["bent"][opacity]["median"] == median(g["bent"] for g in counted if g["opacity"] == opacity)
    for a in r["answers"]:
        mine = [g for g in counted if g["opacity"] == a["opacity"]]
        before = [g["before"] for g in mine if g["before"] is not None]
        after = [g["after"] for g in mine if g["after"] is not None]
        assert a["asked_before"] == len(before) and a["asked_after"] == len(after)
        assert a["before_mean"] == pytest.approx(sum(before) / len(before))
        assert a["after_mean"] == pytest.approx(sum(after) / len(after))
    assert sum(a["asked_before"] for a in r["answers"]) == 14  # the round-2 games were not asked
    prompts = Counter(p for g in counted for p in g["prompts"])
    assert {t: n for t, n in r["prompts"]} == dict(prompts)
    assert [n for _, n in r["prompts"]] == sorted(prompts.values(), reverse=True)


def test_the_projector_names_nobody_and_the_facilitators_copy_does(room: dict[str, Any]) -> None:
    code, md, _ = run("room", "report", str(room["folder"]))
    assert code == 0 and "Table3" not in md and "a guess" not in md
    assert "(counts only)" in md  # persona × opacity cells of 1 or 2 games
    assert all(g["group"] is None for g in room["report"]["games"])
    code, md, _ = run("room", "report", str(room["folder"]), "--names")
    assert code == 0 and "Table3" in md and "Game by game" in md


def test_the_html_page_fetches_nothing_and_draws_its_charts(room: dict[str, Any], tmp_path: Path) -> None:
    page = tmp_path / "room.html"
    code, _, err = run("room", "report", str(room["folder"]), "--html", str(page), "--md", str(tmp_path / "r.md"))
    assert code == 0, err
    html = page.read_text()
    assert "http:" not in html and "https:" not in html and "//" not in html.replace("<!DOCTYPE", "")
    assert "<script" not in html and "<link" not in html and "src=" not in html and "url(" not in html
    assert html.count("<svg") >= 3 and 'class="bar"' in html
    assert f"<h1>Room {room['code']} · Lanshui</h1>" in html


def test_csv_has_one_row_per_game(room: dict[str, Any]) -> None:
    import csv

    code, out, _ = run("room", "report", str(room["folder"]), "--csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and len(rows) == 16
    assert Counter(row["opacity"] for row in rows) == Counter(g["opacity"] for g in room["report"]["games"])
    assert sum(int(row["over"]) for row in rows) == 13 and all(row["group"] == "" for row in rows)


# ------------------------------------------------------------------ joining, and what goes wrong


def test_joining_fixes_persona_opacity_seed_and_season(room: dict[str, Any]) -> None:
    saves = [json.loads(p.read_text()) for p in room["folder"].glob("autosave-*.json")]
    assert {s["seed"] for s in saves} == {5}
    g1 = sorted((s for s in saves if s["group"] == "1 Table1"), key=lambda s: s["room"]["round"])
    assert [(s["room"]["round"], s["options"]["opacity"]) for s in g1] == [(1, "opaque"), (2, "transparent")]
    assert {s["options"]["persona"] for s in g1} == {"rider"}
    assert all(s["summary"]["days"] == 14 for s in saves)


@pytest.mark.parametrize("extra, says", [
    ([], "--room needs --group"),
    (["--group", "15"], "groups 1 to 14, not 15"),
    (["--group", "Kestrels"], "with its number"),
    (["--group", "3", "--persona", "teacher"], "leave out --persona"),
    (["--group", "3", "--round", "3"], "not round 3"),
])
def test_joining_wrong_is_one_line(room: dict[str, Any], extra: list[str], says: str) -> None:
    code, _, err = run("play", "--room", room["code"], "--headless", "--policy", "random",
                       "--saves", str(room["saves"]), *extra)
    assert code == 2 and says in err and len(err.strip().splitlines()) == 1


def test_a_mistyped_code_on_the_command_line_is_one_line(room: dict[str, Any]) -> None:
    typo = room["code"][:-1] + ("2" if room["code"][-1] != "2" else "3")
    code, _, err = run("play", "--room", typo, "--group", "1", "--headless", "--policy", "random",
                       "--saves", str(room["saves"]))
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert "letter by letter" in err or "rooms" in err


def test_a_broken_room_file_is_one_line_naming_it(tmp_path: Path) -> None:
    code, out, err = run("room", "new", "--groups", "2", "--seed", "1", "--saves", str(tmp_path))
    assert code == 0
    folder = next((tmp_path / "rooms").iterdir())
    (folder / "room.json").write_text('{"format": 1,\n "code": ')
    code, _, err = run("room", "report", str(folder))
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert "room.json:2" in err and "not a room file" in err
    code, _, err = run("play", "--room", folder.name, "--group", "1", "--headless", "--policy", "random",
                       "--saves", str(tmp_path))
    assert code == 2 and "room.json" in err and len(err.strip().splitlines()) == 1


def test_a_report_of_nothing_says_so(tmp_path: Path) -> None:
    code, _, err = run("room", "report", str(tmp_path))
    assert code == 2 and "no room's games found" in err
    code, _, err = run("room", "report", str(tmp_path / "nowhere"))
    assert code == 2 and "no such file or folder" in err


def test_games_saved_on_another_version_of_the_city_are_counted_from_their_saved_state(room: dict[str, Any],
                                                                                       tmp_path: Path) -> None:
    """An update between the session and the report must not lose the room: such games count as saved."""
    folder = tmp_path / "copied"
    shutil.copytree(room["folder"], folder)
    path = next(folder.glob("autosave-*table5*.json"))
    save = json.loads(path.read_text())
    save["scenario"]["content_hash"] = "sha256:" + "0" * 64  # as if the city's files changed since
    path.write_text(json.dumps(save))
    code, out, err = run("room", "report", str(folder), "--json")
    assert code == 0, err
    r = json.loads(out)
    assert len(r["games"]) == 16 and r["finished"] == 13
    assert any("1 game was played on another version" in n for n in r["notes"])


def test_the_room_under_a_rule_pack_matches_each_games_own_what_if(room: dict[str, Any]) -> None:
    # The report adds the room up under the reform; each game's `whatif --rules` (another face, one game at a
    # time) says what that game came to under it. The two must agree persona by persona, goal by goal.
    code, out, err = run("room", "report", str(room["folder"]), "--rules", "reform", "--json")
    assert code == 0, err
    under = json.loads(out)["under"]
    assert under["pack"] == "reform" and under["rows"]
    expected: dict[str, Counter[str]] = {}
    games: Counter[str] = Counter()
    for path in sorted(room["folder"].glob("*.json")):
        if path.name == "room.json" or path.name.endswith(".bak"):
            continue
        code, flip, err = run("whatif", str(path), "--rules", "reform", "--json")
        assert code == 0, err
        data = json.loads(flip)
        name = json.loads(path.read_text())["summary"]["persona_name"]
        games[name] += 1
        expected.setdefault(name, Counter()).update(data["right"]["goals"])
    for row in under["rows"]:
        assert row["games"] == games[row["persona"]]
        for goal, _played, theirs in row["goals"]:
            assert theirs == expected[row["persona"]][goal], (row["persona"], goal)
