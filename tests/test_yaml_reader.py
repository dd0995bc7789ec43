"""The strict YAML reader: what a scenario file may contain, and where its values stand."""

from __future__ import annotations

import time

import pytest

from game.content.yaml_reader import (
    MAX_DEPTH,
    MAX_FILE_BYTES,
    MAX_NODES,
    MAX_SCALAR,
    YamlProblem,
    read_yaml,
)


def refusal(text: str | bytes) -> YamlProblem:
    with pytest.raises(YamlProblem) as caught:
        read_yaml(text)
    return caught.value


# ------------------------------------------------------------------ tags


@pytest.mark.parametrize(
    "text, shown",
    [
        ('run: !!python/object/apply:os.system ["echo pwned"]\n', "!!python/object/apply:os.system"),
        ("name: !!python/name:os.system\n", "!!python/name:os.system"),
        ("days: !!int 5\n", "!!int"),
        ("title: !!str Harbour\n", "!!str"),
        ("title: !local thing\n", "!local"),
        ("list: !!set {a, b}\n", "!!set"),
    ],
)
def test_every_tag_is_refused_where_it_stands(text: str, shown: str) -> None:
    problem = refusal(text)
    assert problem.message == f"tags (`{shown}`) are not allowed in scenario files"
    assert (problem.line, problem.col) == (1, text.index("!") + 1)


def test_a_python_tag_is_refused_before_anything_is_built(monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    def never(command: str) -> int:
        raise AssertionError(f"os.system was called with {command!r}")

    monkeypatch.setattr(os, "system", never)
    problem = refusal('a: !!python/object/apply:os.system ["echo pwned"]\n')
    assert "tags" in problem.message


# ------------------------------------------------------------------ anchors and aliases


def test_an_anchor_is_refused_even_when_never_used() -> None:
    problem = refusal("money: &cash 10\n")
    assert problem.message == "anchors (`&cash`) are not allowed; write the value out"
    assert (problem.line, problem.col) == (1, 8)


def test_an_alias_is_refused() -> None:
    # With an anchor above it, the anchor would be refused first; so the alias stands alone.
    problem = refusal("money: *cash\n")
    assert problem.message == "aliases (`*cash`) are not allowed; write the value out"
    assert (problem.line, problem.col) == (1, 8)


def test_an_alias_bomb_is_refused_at_its_first_anchor_without_expanding() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefghijklmnopqrstuvwxy", "bcdefghijklmnopqrstuvwxyz", strict=True):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    started = time.perf_counter()
    problem = refusal("\n".join(lines) + "\n")
    # A hang guard, not a benchmark: expanding 9**26 strings would never finish.
    assert time.perf_counter() - started < 5
    assert problem.message == "anchors (`&a`) are not allowed; write the value out"
    assert (problem.line, problem.col) == (1, 4)


# ------------------------------------------------------------------ keys


def test_a_duplicate_key_is_refused_at_its_second_place_naming_the_first() -> None:
    problem = refusal("title: One\ndays: 3\ntitle: Two\n")
    assert problem.message == "duplicate key `title` (first given on line 1)"
    assert (problem.line, problem.col) == (3, 1)


def test_a_duplicate_key_in_a_nested_flow_mapping_is_refused() -> None:
    problem = refusal("cards:\n  - {id: a, title: x, id: b}\n")
    assert problem.message == "duplicate key `id` (first given on line 2)"
    assert (problem.line, problem.col) == (2, 23)


def test_the_same_key_in_two_different_mappings_is_fine() -> None:
    doc = read_yaml("- {id: a}\n- {id: b}\n")
    assert doc.data == [{"id": "a"}, {"id": "b"}]


def test_a_list_cannot_be_a_key() -> None:
    problem = refusal("? [a, b]\n: 1\n")
    assert problem.message == "a mapping key must be a plain value, not a list or mapping"


def test_null_cannot_be_a_key() -> None:
    assert refusal("~: x\n").message == "`null` cannot be a key"


def test_a_number_key_becomes_text() -> None:
    assert read_yaml("1: one\n").data == {"1": "one"}


# ------------------------------------------------------------------ YAML 1.2 typing


@pytest.mark.parametrize(
    "plain, value",
    [
        ("no", "no"),
        ("yes", "yes"),
        ("on", "on"),
        ("off", "off"),
        ("y", "y"),
        ("N", "N"),
        ("true", True),
        ("false", False),
        ("True", True),
        ("FALSE", False),
        ("010", 10),
        ("0x1F", 31),
        ("0o17", 15),
        ("-7", -7),
        ("+3", 3),
        ("1.5", 1.5),
        ("1e3", 1000.0),
        ("~", None),
        ("null", None),
        ("", None),
        ("12:30", "12:30"),
        ("2024-01-01", "2024-01-01"),
        ("1_000", "1_000"),
        ("0b101", "0b101"),
        ("Norway", "Norway"),
    ],
)
def test_plain_values_are_typed_by_yaml_1_2(plain: str, value: object) -> None:
    data = read_yaml(f"value: {plain}\n").data
    assert data == {"value": value}
    assert type(data["value"]) is type(value)


def test_quoted_values_stay_text() -> None:
    assert read_yaml("a: '010'\nb: \"true\"\nc: 'no'\n").data == {"a": "010", "b": "true", "c": "no"}


def test_a_yaml_1_1_directive_does_not_bring_back_yes_and_no() -> None:
    assert read_yaml("%YAML 1.1\n---\nanswer: yes\n").data == {"answer": "yes"}


def test_a_number_with_too_many_digits_is_refused() -> None:
    problem = refusal("money: 1234567890123456789012345\n")
    assert problem.message == "the number 1234567890123456789012345… is too long"
    assert (problem.line, problem.col) == (1, 8)


def test_block_text_keeps_its_lines() -> None:
    assert read_yaml("text: |\n  one\n  two\n").data == {"text": "one\ntwo\n"}


# ------------------------------------------------------------------ positions


def test_positions_are_one_based_lines_and_columns() -> None:
    doc = read_yaml("cards:\n  - id: bus\n    title: The late bus\n")
    assert doc.values[("cards", 0, "id")] == (2, 9)
    assert doc.values[("cards", 0, "title")] == (3, 12)
    assert doc.values[("cards", 0)] == (2, 5)
    assert doc.keys[("cards", 0, "title")] == (3, 5)
    assert doc.keys[("cards",)] == (1, 1)


def test_where_walks_up_to_the_nearest_known_place() -> None:
    doc = read_yaml("cards:\n  - id: bus\n")
    # A missing key has no position of its own; its item's position stands in.
    assert doc.where(("cards", 0, "title")) == (2, 5)
    assert doc.where(("cards", 0, "id"), key=True) == (2, 5)


def test_quoting_style_is_remembered_so_columns_inside_conditions_can_be_shifted() -> None:
    doc = read_yaml("a: 'x'\nb: \"y\"\nc: z\nd: |\n  w\n")
    assert doc.styles == {("a",): "'", ("b",): '"', ("d",): "|"}


def test_a_syntax_error_names_where_the_unclosed_bracket_began() -> None:
    problem = refusal("stats:\n  - {id: money, name: Money\n  - {id: energy}\n")
    assert problem.message == (
        "YAML syntax: expected ',' or '}', but got '{' "
        "(while parsing a flow mapping that starts at line 2, column 5)"
    )
    assert (problem.line, problem.col) == (3, 5)


def test_a_tab_used_for_indentation_is_explained() -> None:
    problem = refusal("calendar:\n\tdays: 5\n")
    assert problem.message == "YAML syntax: a tab cannot indent YAML; use spaces"
    assert (problem.line, problem.col) == (2, 1)


# ------------------------------------------------------------------ documents


def test_a_second_document_is_refused() -> None:
    problem = refusal("flags: []\n---\ncards: []\n")
    assert problem.message == "a scenario file holds one YAML document; split it into files instead"
    assert (problem.line, problem.col) == (2, 1)


def test_one_document_with_explicit_markers_is_fine() -> None:
    assert read_yaml("---\nflags: []\n...\n").data == {"flags": []}


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n", "---\n"])
def test_an_empty_file_reads_as_nothing(text: str) -> None:
    assert read_yaml(text).data is None


# ------------------------------------------------------------------ limits


def test_a_file_over_the_size_limit_is_refused_before_it_is_parsed() -> None:
    text = "# padding\n" * (MAX_FILE_BYTES // 10 + 1)
    problem = refusal(text.encode())
    assert problem.message == f"the file is {len(text):,} bytes; a scenario file may be at most {MAX_FILE_BYTES:,}"
    assert (problem.line, problem.col) == (1, 1)


def test_text_over_the_size_limit_is_refused_too() -> None:
    text = "x" * (MAX_FILE_BYTES + 1)
    assert refusal(text).message == f"the file is {len(text):,} characters; a scenario file may be at most {MAX_FILE_BYTES:,}"


def test_a_file_just_under_the_size_limit_is_read() -> None:
    body = "# padding\n" * ((MAX_FILE_BYTES - 20) // 10) + "flags: []\n"
    assert len(body) <= MAX_FILE_BYTES
    assert read_yaml(body.encode()).data == {"flags": []}


def test_a_file_that_is_not_utf8_is_refused_at_its_first_bad_byte() -> None:
    problem = refusal("days: 3\ntitle: Caf\xe9\n".encode("latin-1"))
    assert problem.message == "the file is not UTF-8 text; save it as UTF-8"
    assert (problem.line, problem.col) == (2, 11)


def test_nesting_deeper_than_the_limit_is_refused_where_it_goes_too_deep() -> None:
    depth = MAX_DEPTH + 5
    problem = refusal("a: " + "[" * depth + "]" * depth + "\n")
    assert problem.message == f"the file is nested more than {MAX_DEPTH} levels deep"
    # The top mapping is one level; the list that would be level MAX_DEPTH + 1 is refused.
    assert (problem.line, problem.col) == (1, 4 + MAX_DEPTH - 1)


def test_nesting_at_the_limit_is_read() -> None:
    depth = MAX_DEPTH - 1
    doc = read_yaml("a: " + "[" * depth + "]" * depth + "\n")
    value = doc.data["a"]
    for _ in range(depth - 1):
        value = value[0]
    assert value == []


@pytest.mark.slow  # reads 200,000 values
def test_too_many_values_are_refused() -> None:
    text = "[" + "1," * MAX_NODES + "1]"
    assert refusal(text).message == f"the file has more than {MAX_NODES:,} values"


def test_a_very_long_value_is_refused() -> None:
    problem = refusal("text: " + "x" * (MAX_SCALAR + 1) + "\n")
    assert problem.message == f"a value is {MAX_SCALAR + 1:,} characters long (at most {MAX_SCALAR:,})"
    assert (problem.line, problem.col) == (1, 7)


def test_a_key_is_kept_as_the_author_wrote_it() -> None:
    from game.content.yaml_reader import read_yaml as read

    assert read("true: 1\nno: 2\n010: 3\n").data == {"true": 1, "no": 2, "010": 3}
