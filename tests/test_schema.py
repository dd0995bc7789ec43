"""The JSON Schema for editors: valid, in step with the models, and agreeing with the loader."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from game.content.yaml_reader import read_yaml

REPO = Path(__file__).resolve().parent.parent
GOOD = REPO / "tests" / "scenarios" / "good"
BROKEN = REPO / "tests" / "broken"
COMMITTED = REPO / "docs" / "scenario.schema.json"


@cache
def printed_schema() -> str:
    result = subprocess.run(
        [sys.executable, "-m", "game", "schema"], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


@cache
def validator() -> Draft202012Validator:
    return Draft202012Validator(json.loads(printed_schema()))


def yaml_data(path: Path) -> Any:
    return read_yaml(path.read_bytes()).data


def test_python_m_game_schema_prints_a_valid_draft_2020_12_json_schema() -> None:
    schema = json.loads(printed_schema())
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["type"] == "object"
    assert schema["additionalProperties"] is False


def test_the_schema_names_every_section_of_a_scenario_file() -> None:
    sections = set(json.loads(printed_schema())["properties"])
    assert sections == {
        "scenario", "calendar", "appeal", "records", "stats", "scores", "sources", "attributes", "flags",
        "personas", "cards", "rules", "gates", "endings", "prompts",
    }


@pytest.mark.parametrize("path", sorted(GOOD.rglob("*.yaml")), ids=lambda p: str(p.relative_to(GOOD)))
def test_each_file_of_the_good_scenario_validates_against_the_schema(path: Path) -> None:
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator().iter_errors(yaml_data(path))]
    assert errors == []


def test_the_base_of_the_broken_corpus_validates_against_the_schema() -> None:
    assert list(validator().iter_errors(yaml_data(BROKEN / "_base" / "scenario.yaml"))) == []


@pytest.mark.parametrize(
    "case, file, complaint",
    [
        ("unknown_key_misspelt", "scenario.yaml", "'cooldwon' was unexpected"),
        ("unknown_key_no_match", "scenario.yaml", "'colour' was unexpected"),
        ("unknown_section", "extra.yaml", "'ruels' was unexpected"),
        ("missing_required_key", "scenario.yaml", "'refusal' is a required property"),
        ("bad_id", "scenario.yaml", "'Late-Bus' does not match"),
        ("wrong_type_text_for_list", "scenario.yaml", "'train' is not of type 'array'"),
        ("wrong_type", "scenario.yaml", "is not valid under any of the given schemas"),
        ("top_level_list", "more_cards.yaml", "is not of type 'object'"),
        ("empty_file", "notes.yaml", "None is not of type 'object'"),
        ("several_problems_reading", "rules.yaml", "'rumour' is not one of"),
    ],
)
def test_a_broken_file_fails_the_schema_as_the_loader_refuses_it(case: str, file: str, complaint: str) -> None:
    messages = [e.message for e in validator().iter_errors(yaml_data(BROKEN / case / file))]
    assert any(complaint in m for m in messages), messages


def test_the_schema_cannot_see_consistency_problems_so_validate_is_still_needed() -> None:
    # An unknown stat is only known by reading the whole scenario: the editor stays quiet.
    assert list(validator().iter_errors(yaml_data(BROKEN / "unknown_stat" / "scenario.yaml"))) == []


def test_the_committed_schema_is_what_python_m_game_schema_prints() -> None:
    assert COMMITTED.read_text(encoding="utf-8") == printed_schema(), (
        "docs/scenario.schema.json is stale: run `python -m game schema > docs/scenario.schema.json`"
    )


def test_schema_comments_in_scenario_files_point_at_the_committed_schema() -> None:
    pointers = 0
    for path in [*GOOD.rglob("*.yaml"), *(REPO / "scenarios").rglob("*.yaml")]:
        for match in re.finditer(r"#\s*yaml-language-server:\s*\$schema=(\S+)", path.read_text(encoding="utf-8")):
            pointers += 1
            assert (path.parent / match.group(1)).resolve() == COMMITTED.resolve(), f"{path}: {match.group(1)}"
    assert pointers >= 1


def test_the_pack_schema_is_committed_and_the_default_citys_packs_satisfy_it() -> None:
    printed = subprocess.run([sys.executable, "-m", "game", "schema", "--pack"], capture_output=True, text=True,
                             check=True, cwd=REPO).stdout
    assert (REPO / "docs" / "pack.schema.json").read_text(encoding="utf-8") == printed, (
        "docs/pack.schema.json is stale: run `python -m game schema --pack > docs/pack.schema.json`")
    schema = json.loads(printed)
    Draft202012Validator.check_schema(schema)
    for pack in sorted((REPO / "scenarios" / "_packs").glob("*/pack.yaml")):
        assert list(Draft202012Validator(schema).iter_errors(yaml_data(pack))) == [], pack
    # a misspelt section is caught by an editor already
    assert list(Draft202012Validator(schema).iter_errors({"chnage": {}}))
