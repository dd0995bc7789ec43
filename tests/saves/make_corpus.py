"""Makes the committed save fixtures: a good save of format 1, and the corpus of bad saves made from it.

Run from the repository root, only when the save format or the frozen scenario
under tests/saves/harbour/ must change:

    .venv/bin/python tests/saves/make_corpus.py

Everything is written by the real code (`save_session`), then damaged the way a
crash, a disk or a curious player would damage it. `bad/expected.txt` holds the
line `replay` must print for each file (after `good-standing replay: tests/saves/bad/`).
"""

from __future__ import annotations

import json
import shutil
import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))

from game.content.city import open_city  # noqa: E402
from game.engine.actions import decode  # noqa: E402
from game.saves import load_session, save_session  # noqa: E402
from game.saves.format import FORMAT_VERSION  # noqa: E402
from game.session import Session  # noqa: E402

SCENARIO = HERE / "harbour"
FIXTURE = HERE / "fixtures" / f"format-{FORMAT_VERSION}.json"
BAD = HERE / "bad"
# A vendor's first days: an appeal and a gate on the way, the season not over.
ACTIONS = "gate:ferry,choose:1,rest,choose:1,choose:3,choose:1,choose:2,choose:2,appeal:3,choose:1"


def make_fixture() -> dict[str, Any]:
    city = open_city(SCENARIO)
    session = Session.new(city, "vendor", 16)
    session.game_id = "0123456789abcdef"  # fixed, so the corpus is the same each time it is made
    for text in ACTIONS.split(","):
        session.act(decode(text))
    FIXTURE.parent.mkdir(exist_ok=True)
    FIXTURE.unlink(missing_ok=True)
    written = save_session(session, FIXTURE.parent, f"format-{FORMAT_VERSION}",
                           now=datetime(2025, 3, 1, 14, 5, tzinfo=timezone.utc))
    assert written == FIXTURE, written
    FIXTURE.with_name(FIXTURE.name + ".bak").unlink(missing_ok=True)
    load_session(FIXTURE, SCENARIO)  # it must load as it is
    data: dict[str, Any] = json.loads(FIXTURE.read_text(encoding="utf-8"))
    return data


def dumps(data: object) -> bytes:
    return (json.dumps(data, indent=1, ensure_ascii=False) + "\n").encode("utf-8")


def make_bad(good: dict[str, Any]) -> None:
    shutil.rmtree(BAD, ignore_errors=True)
    BAD.mkdir()
    raw = FIXTURE.read_bytes()

    def edited(**changes: object) -> bytes:
        data = json.loads(json.dumps(good))
        for dotted, value in changes.items():
            *parents, last = dotted.split("__")
            target = data
            for p in parents:
                target = target[int(p)] if isinstance(target, list) else target[p]
            if value is DELETE:
                del target[last]
            else:
                target[last] = value
        return dumps(data)

    actions = list(good["actions"])
    cases: dict[str, bytes] = {
        "truncated.json": raw[: len(raw) // 2],
        "corrupt_bytes.json": raw[:200] + b"\xff\xfe\x00\x9c" + raw[204:],
        "not_json.json": b"My save from the workshop - please keep!\n",
        "empty.json": b"",
        "not_an_object.json": b"[\"choose:1\", \"choose:2\"]\n",
        "duplicate_key.json": raw.replace(b' "seed": 16,', b' "seed": 16,\n "seed": 17,', 1),
        "newer_format.json": edited(format_version=FORMAT_VERSION + 1),
        "missing_fields.json": edited(seed=DELETE, options=DELETE),
        "wrong_types.json": edited(seed="16"),
        "unknown_field.json": edited(cheat=True),
        "wrong_scenario.json": edited(scenario__id="lighthouse"),
        "scenario_changed.json": edited(scenario__content_hash="sha256:" + "0" * 64),
        "action_not_an_action.json": edited(actions=actions[:3] + ["fly:away"] + actions[4:]),
        "action_impossible.json": edited(actions=actions[:3] + ["gate:moon"] + actions[4:]),
        "snapshot_edited.json": edited(snapshot__vals__money=999),
    }
    for name, data in cases.items():
        (BAD / name).write_bytes(data)
    (BAD / "a_folder.json").mkdir()
    (BAD / "a_folder.json" / "README").write_text("A folder where a save file should be.\n", encoding="utf-8")


DELETE = object()


def write_expected() -> None:
    from game.saves import ReplayDiffers, SaveError

    lines = []
    for path in sorted(BAD.iterdir()):
        if path.name == "expected.txt":
            continue
        try:
            load_session(path, SCENARIO)
        except ReplayDiffers as exc:
            lines.append(f"{path.name}: {exc.reason}")
        except SaveError as exc:
            lines.append(f"{path.name}: {exc.reason}")
        else:
            raise SystemExit(f"{path.name} loads: it is not a bad save")
    (BAD / "expected.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    make_bad(make_fixture())
    write_expected()
    print((BAD / "expected.txt").read_text(encoding="utf-8"))
