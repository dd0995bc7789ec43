"""The save format: what a save holds, how versions migrate, and that format 1 keeps loading."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from game.content.fingerprint import content_hash
from game.saves import load_session, read_save
from game.saves.format import (
    FORMAT_VERSION,
    MIGRATIONS,
    BadSave,
    Migration,
    dump_save,
    migrate,
    parse_save,
)

SAVES = Path(__file__).resolve().parent / "saves"
FIXTURE_1 = SAVES / "fixtures" / "format-1.json"
FIXTURE_2 = SAVES / "fixtures" / "format-2.json"
FIXTURE_3 = SAVES / "fixtures" / "format-3.json"
FROZEN = SAVES / "harbour"  # the test city as it was when the fixtures were made


def test_the_format_is_versioned_and_every_older_version_has_a_migration() -> None:
    assert FORMAT_VERSION == 3
    assert sorted(MIGRATIONS) == list(range(1, FORMAT_VERSION))


def test_a_format_1_save_gets_a_game_id_made_from_it_the_same_each_time() -> None:
    first, again = read_save(FIXTURE_1), read_save(FIXTURE_1)
    assert first.game_id == again.game_id and len(first.game_id) == 16
    assert first.group is None and first.branch_of is None
    assert read_save(FIXTURE_2).game_id != first.game_id


def test_a_format_2_save_names_its_game_group_and_branch() -> None:
    save = read_save(FIXTURE_2)
    assert (save.game_id, save.group, save.branch_of) == ("0123456789abcdef", None, None)
    assert load_session(FIXTURE_2, FROZEN).game_id == "0123456789abcdef"
    assert (save.room, save.before, save.after) == (None, None, None)  # played in no room, asked nothing


def test_a_format_3_save_keeps_its_room_round_and_answers_through_a_load() -> None:
    save = read_save(FIXTURE_3)
    assert save.room is not None and (save.room.code, save.room.round) == ("YC2-252J", 2)
    assert save.before is not None and (save.before.scale, save.before.text) == (2, "It will punish the small mistakes.")
    session = load_session(FIXTURE_3, FROZEN)
    assert (session.room, session.round, session.group) == ("YC2-252J", 2, "3 Kestrels")
    assert session.before is not None and session.before.scale == 2 and session.after is None
    from game.saves.autosave import session_save

    again = session_save(session, "format-3", now=save.saved_time)
    assert (again.room, again.before, again.after) == (save.room, save.before, save.after)


@pytest.mark.parametrize("bad, message", [
    ({"room": {"code": "KQ7M2XA", "round": 1}}, "room.code"),
    ({"room": {"code": "YC2-252J", "round": 0}}, "room.round"),
    ({"before": {"scale": 6, "text": ""}}, "before.scale"),
    ({"after": {"scale": 3, "text": "x" * 501}}, "after.text"),
])
def test_a_room_or_answer_out_of_its_range_is_a_bad_save_naming_the_field(bad: dict[str, Any], message: str) -> None:
    data = json.loads(FIXTURE_3.read_text(encoding="utf-8"))
    data.update(bad)
    with pytest.raises(BadSave, match=re.escape(message)):
        parse_save(json.dumps(data).encode())


def test_a_format_1_save_from_the_real_code_keeps_loading() -> None:
    # Committed once, never regenerated for a new format: a new format must migrate this file.
    save = read_save(FIXTURE_1)
    assert save.format_version == FORMAT_VERSION
    assert (save.scenario.id, save.scenario.version, save.seed) == ("harbour", "1.0", 16)
    assert (save.options.persona, save.options.opacity, save.options.days) == ("vendor", "partial", None)
    assert save.actions[:3] == ["gate:ferry", "choose:1", "rest"] and len(save.actions) == 10
    assert (save.summary.day, save.summary.persona_name, save.summary.over) == (6, "Ben Okoro", False)
    assert save.name == "format-1" and save.saved_at == "2025-03-01T14:05:00Z"


def test_the_format_1_fixture_still_replays_to_its_snapshot() -> None:
    # If this fails after an engine change, players' old saves no longer replay and will
    # only continue from their snapshots: say so in the release notes, then re-make the corpus.
    session = load_session(FIXTURE_1, FROZEN)
    assert session.state.day == 6 and len(session.actions) == 10


def test_the_frozen_city_is_the_one_the_fixture_was_made_in() -> None:
    assert content_hash(FROZEN) == read_save(FIXTURE_1).scenario.content_hash


def test_a_save_is_small_readable_json_with_the_snapshot_last() -> None:
    text = FIXTURE_3.read_text(encoding="utf-8")
    data = json.loads(text)
    assert list(data) == ["format_version", "saved_at", "game_id", "group", "branch_of", "name", "room", "before",
                          "after", "scenario", "seed", "options", "summary", "actions", "start", "snapshot"]
    assert text.startswith('{\n "format_version": 3,\n') and text.endswith("}\n")
    assert len(text) < 10_000


def test_writing_then_reading_gives_the_same_save_byte_for_byte() -> None:
    raw = FIXTURE_3.read_bytes()
    assert dump_save(parse_save(raw)) == raw


# ------------------------------------------------------------------ the chain


def _chain() -> dict[int, Migration]:
    def one_to_two(d: dict[str, Any]) -> dict[str, Any]:
        d["seed_text"] = str(d.pop("seed"))
        d["format_version"] = 2
        return d

    def two_to_three(d: dict[str, Any]) -> dict[str, Any]:
        d["seed"] = int(d.pop("seed_text"))
        d["trail"] = ["2→3"]
        d["format_version"] = 3
        return d

    return {1: one_to_two, 2: two_to_three}


def test_migrations_run_in_order_from_the_save_s_version_to_the_current_one() -> None:
    out = migrate({"format_version": 1, "seed": 7}, _chain(), current=3)
    assert out == {"format_version": 3, "seed": 7, "trail": ["2→3"]}
    assert migrate({"format_version": 2, "seed_text": "9"}, _chain(), current=3)["seed"] == 9
    assert migrate({"format_version": 3, "seed": 1}, _chain(), current=3) == {"format_version": 3, "seed": 1}


def test_a_migration_does_not_change_the_caller_s_data() -> None:
    data = {"format_version": 1, "seed": 7}
    migrate(data, _chain(), current=3)
    assert data == {"format_version": 1, "seed": 7}


def test_a_gap_in_the_chain_is_refused_with_the_version_it_cannot_leave() -> None:
    with pytest.raises(BadSave, match=r"^save format 2 can no longer be read \(no migration to format 3\)$"):
        migrate({"format_version": 1, "seed": 7}, {1: _chain()[1]}, current=3)


def test_a_migration_that_breaks_on_odd_data_is_a_bad_save_not_a_crash() -> None:
    with pytest.raises(BadSave, match=r"^cannot bring save format 1 up to 2: 'seed'$"):
        migrate({"format_version": 1}, _chain(), current=3)


def test_a_migration_must_say_which_version_it_made() -> None:
    with pytest.raises(BadSave, match="did not give format 2"):
        migrate({"format_version": 1}, {1: lambda d: d}, current=2)


def test_a_newer_format_is_refused_with_a_reason() -> None:
    with pytest.raises(BadSave, match=r"^made by a newer version of the game \(save format 4; this game reads "
                                      r"formats up to 3\): update the game to load it$"):
        migrate({"format_version": 4})


@pytest.mark.parametrize("version", [0, -1, 1.0, "1", True, None, [1]])
def test_a_format_version_must_be_a_whole_number_from_1(version: object) -> None:
    with pytest.raises(BadSave, match="format_version must be a whole number from 1"):
        migrate({"format_version": version})
