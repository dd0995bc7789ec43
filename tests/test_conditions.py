"""The condition language: what an author may write, what it means, and what is refused."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.model.condition import (
    MAX_DEPTH,
    MAX_INT,
    MAX_LENGTH,
    MAX_LIST,
    MAX_STR,
    MAX_VALUE,
    ConditionError,
    T,
    Var,
    compile_amount,
    compile_condition,
)

NAMES: dict[str, Var] = {
    "day": Var(T.num, "the day of the season, from 1"),
    "days": Var(T.num, "the number of days in the season"),
    "persona": Var(T.str, "the persona's id", frozenset({"dockworker", "vendor"})),
    "record": Var(T.set, "kinds of record in your dossier", frozenset({"fare_evasion", "jaywalk"})),
    "money": Var(T.num, "stat Money"),
    "stress": Var(T.num, "stat Stress"),
    "civic": Var(T.num, "score Civic score"),
    "civic_tier": Var(T.str, "tier of Civic score", frozenset({"A", "B", "C", "D"})),
    "blacklisted": Var(T.bool, "flag"),
    "has_ticket": Var(T.bool, "flag"),
    "works": Var(T.bool, "persona attribute"),
    "children": Var(T.num, "persona attribute"),
    "district": Var(T.str, "persona attribute"),
}

VALUES: dict[str, Any] = {
    "day": 3,
    "days": 10,
    "persona": "dockworker",
    "record": frozenset({"jaywalk"}),
    "money": 50,
    "stress": 4,
    "civic": 900,
    "civic_tier": "C",
    "blacklisted": False,
    "has_ticket": True,
    "works": True,
    "children": 0,
    "district": "harbour",
}


def holds(text: str, values: Mapping[str, Any] = VALUES, **changes: Any) -> bool:
    result = compile_condition(text, NAMES)({**values, **changes})
    assert isinstance(result, bool)
    return result


def amount(text: str, **changes: Any) -> Any:
    fn = compile_amount(text, NAMES)
    assert callable(fn)
    return fn({**VALUES, **changes})


def refused(text: str, want: T = T.bool) -> ConditionError:
    with pytest.raises(ConditionError) as caught:
        compile_condition(text, NAMES, want)
    return caught.value


# ------------------------------------------------------------------ what conditions mean


def test_comparisons_of_stats_and_scores() -> None:
    assert holds("money >= 50")
    assert not holds("money > 50")
    assert holds("civic < 950 and stress <= 4")
    assert holds("money != 49")


def test_flags_and_yes_no_attributes_are_conditions_on_their_own() -> None:
    assert holds("has_ticket")
    assert holds("not blacklisted")
    assert holds("works and not blacklisted")
    assert not holds("blacklisted or not has_ticket")


def test_and_binds_tighter_than_or() -> None:
    assert holds("has_ticket or blacklisted and money > 1000")
    assert not holds("(has_ticket or blacklisted) and money > 1000")


def test_a_kind_of_record_is_in_the_dossier() -> None:
    assert holds('"jaywalk" in record')
    assert holds('"fare_evasion" not in record')
    assert not holds('"jaywalk" in record', record=frozenset())


def test_in_with_a_literal_list() -> None:
    assert holds('persona in ["dockworker", "vendor"]')
    assert holds('district not in ["old_town", "hills"]')
    assert holds("day in [1, 3, 5]")
    assert not holds("day in (2, 4)")
    assert holds("children in {0}")


def test_an_empty_list_holds_nothing() -> None:
    assert not holds("district in []")


def test_text_compares_with_equals_only() -> None:
    assert holds('persona == "dockworker"')
    assert holds('civic_tier != "A"')
    assert holds('"harbour" == district')


def test_chained_comparisons_read_as_in_mathematics() -> None:
    assert holds("0 < money <= 50")
    assert not holds("0 < money < 50")
    assert holds("1 <= day <= days")
    assert holds("civic > 850 > money")


def test_if_else_picks_a_value() -> None:
    assert amount("10 if has_ticket else 20") == 10
    assert amount("10 if blacklisted else 20") == 20
    assert holds('("yes" if works else "no") == "yes"')
    assert holds("(money if works else 0) == 50")


def test_arithmetic() -> None:
    assert amount("money + 5 * 2") == 60
    assert amount("(money + 5) * 2") == 110
    assert amount("-money // 3") == -17
    assert amount("money % 7") == 1
    assert amount("money / 4") == 12.5
    assert amount("-(10 + stress)") == -14
    assert amount("+money") == 50


@pytest.mark.parametrize("text", ["money / 0", "money // 0", "money % 0", "money / (day - 3)", "money % 0.0", "money % -0.0"])
def test_division_by_zero_gives_zero(text: str) -> None:
    assert amount(text) == 0


def test_the_safe_functions() -> None:
    assert amount("min(money, 10)") == 10
    assert amount("max(money, 10, 70, day)") == 70
    assert amount("abs(3 - money)") == 47
    assert amount("round(money / 8)") == 6
    assert amount("clamp(money, 0, 20)") == 20
    assert amount("clamp(-money, 0, 20)") == 0
    assert amount("clamp(stress, 0, 20)") == 4


def test_huge_products_are_held_within_bounds_instead_of_overflowing() -> None:
    def product(leaf: str, n: int) -> str:
        return leaf if n == 1 else f"({product(leaf, n // 2)}*{product(leaf, n - n // 2)})"

    # 64 factors of a billion would be a 576-digit number, too large to divide or round.
    huge = product("money", 64)
    assert amount(huge, money=MAX_INT) == MAX_VALUE
    assert amount(f"{huge} / 3", money=MAX_INT) == MAX_VALUE / 3
    assert amount(f"round({huge} * 0.5)", money=-MAX_INT) == MAX_VALUE // 2
    assert amount("money / 0.000000001", money=MAX_INT) == MAX_VALUE


def test_an_amount_may_be_a_plain_number() -> None:
    assert compile_amount(-40, NAMES) == -40
    assert compile_amount(0.5, NAMES) == 0.5


def test_an_amount_must_be_a_number_not_yes_or_no() -> None:
    with pytest.raises(ConditionError, match="an amount must be a number, not yes/no"):
        compile_amount(True, NAMES)
    with pytest.raises(ConditionError, match="this should give number, but `money > 3` gives yes/no"):
        compile_amount("money > 3", NAMES)


@pytest.mark.parametrize("value", [MAX_INT + 1, -(MAX_INT + 1), float("inf"), float("nan")])
def test_a_plain_amount_out_of_bounds_is_refused(value: float) -> None:
    with pytest.raises(ConditionError, match="is too large"):
        compile_amount(value, NAMES)


def test_a_compiled_condition_knows_the_names_it_uses() -> None:
    compiled = compile_condition('money > 5 and "jaywalk" in record or min(day, 2) == 2', NAMES)
    assert compiled.names == frozenset({"money", "record", "day"})
    assert compiled.type is T.bool


def test_evaluation_reads_values_and_never_changes_them() -> None:
    values = {**VALUES, "record": frozenset({"jaywalk"})}
    before = dict(values)
    compile_condition('"jaywalk" in record and money / 0 == 0', NAMES)(values)
    assert values == before


# ------------------------------------------------------------------ typing


def test_a_condition_must_give_yes_or_no() -> None:
    assert refused("money + 5").message == "this should give yes/no, but `money + 5` gives number"


def test_and_or_join_only_yes_no() -> None:
    problem = refused("money and has_ticket")
    assert problem.message == "`and`/`or` joins yes/no conditions, but `money` is number"
    assert problem.offset == 0


def test_not_applies_only_to_yes_no() -> None:
    assert refused("not money").message == "`not` applies to a yes/no condition, but `money` is number"


def test_arithmetic_on_text_is_refused() -> None:
    problem = refused('district + "x" == "y"')
    assert problem.message == "`+` works on numbers, but `district` is text"


def test_text_cannot_be_ordered() -> None:
    assert refused('district < "m"').message == "`<` compares numbers, not text and text"


def test_text_cannot_be_compared_with_a_number() -> None:
    assert refused("district == 3").message == "cannot compare text with number"


def test_in_needs_a_set_or_a_list_on_its_right() -> None:
    assert refused('"a" in district').message == "`in` needs a set such as `record` on its right, but `district` is text"


def test_only_text_can_be_in_a_set() -> None:
    assert refused("3 in record").message == "only text can be `in` a set, but `3` is number"


def test_a_list_must_hold_one_type() -> None:
    assert refused('day in [1, "two"]').message == "a list must hold values of one type"


def test_a_list_must_match_what_is_looked_for() -> None:
    assert refused('day in ["one"]').message == "`day` is number but the list holds text"


def test_a_list_holds_only_literal_values() -> None:
    assert refused("day in [money, 2]").message == "a list may hold only literal values"


def test_a_list_is_allowed_only_on_the_right_of_in() -> None:
    assert refused("[1, 2] == [1, 2]").message.startswith("a list is allowed only on the right of `in`")


def test_both_sides_of_if_else_have_the_same_type() -> None:
    problem = refused("(1 if works else \"x\") == 1")
    assert problem.message == "both sides of `x if test else y` must be of the same simple type"


def test_is_and_is_not_are_refused() -> None:
    assert refused("works is True").message == "`is` and `is not` are not allowed; use == and !="


# ------------------------------------------------------------------ names and typos


def test_unknown_name_suggests_the_close_one() -> None:
    problem = refused("mony > 5")
    assert problem.message == "unknown name `mony`; did you mean `money`?"
    assert problem.offset == 0


def test_unknown_name_far_from_any_says_so_plainly() -> None:
    assert refused("happiness > 5").message == "unknown name `happiness`"


def test_yaml_spellings_of_true_and_false_are_corrected() -> None:
    assert refused("works == true").message == "unknown name `true`; write `True`"
    assert refused("false").message == "unknown name `false`; write `False`"
    assert holds("works == True and blacklisted == False")


def test_the_column_of_a_problem_is_where_it_stands() -> None:
    assert refused("money > 5 and stres < 3").offset == 14


def test_the_column_counts_characters_not_bytes() -> None:
    assert refused('district == "café" and stres < 3').offset == 23


def test_a_misspelt_record_kind_is_caught() -> None:
    problem = refused('"fare_evason" in record')
    assert problem.message == (
        '"fare_evason" is never a value of `record` (kinds of record in your dossier); did you mean "fare_evasion"?'
    )


def test_a_misspelt_persona_is_caught_in_a_list_too() -> None:
    problem = refused('persona in ["dockworker", "vendr"]')
    assert problem.message == "\"vendr\" is never a value of `persona` (the persona's id); did you mean \"vendor\"?"


def test_a_tier_that_does_not_exist_is_caught() -> None:
    assert refused('civic_tier == "AAA"').message.startswith('"AAA" is never a value of `civic_tier`')
    assert refused('"E" == civic_tier').message == '"E" is never a value of `civic_tier` (tier of Civic score)'


def test_free_text_attributes_take_any_value() -> None:
    assert holds('district != "anything at all"')


# ------------------------------------------------------------------ what is refused, and why


def test_method_call_that_would_mutate_state_is_refused() -> None:
    problem = refused('record.append("x")')
    assert problem.message == "method calls such as `record.append(...)` are not allowed"
    assert refused('record.add("x") == 1').message == "method calls such as `record.add(...)` are not allowed"


def test_attribute_access_is_refused() -> None:
    assert refused("money.real > 0").message == "attributes (`x.y`) are not allowed"
    assert refused("().__class__ == 1").message == "attributes (`x.y`) are not allowed"


def test_import_is_refused() -> None:
    assert refused('__import__("os")').message == "unknown function `__import__`; allowed: min, max, abs, round, clamp"
    assert refused('__import__("os").system("ls") == 0').message.startswith("method calls such as")
    assert refused("import os").message == "not a valid expression: invalid syntax"


def test_lambda_is_refused() -> None:
    assert refused("lambda: works").message == "lambda is not allowed"
    assert refused("(lambda: 1)() == 1").message == "only the functions min, max, abs, round, clamp can be called"


@pytest.mark.parametrize(
    "text, message",
    [
        ("[x for x in record] == 1", "comprehensions are not allowed"),
        ("{x for x in record} == 1", "comprehensions are not allowed"),
        ("{x: 1 for x in record} == 1", "comprehensions are not allowed"),
        ("any(x for x in record)", "unknown function `any`; allowed: min, max, abs, round, clamp"),
        ('{"a": 1} == 1', "dictionaries are not allowed"),
        ('f"{money}" == "5"', "f-strings are not allowed"),
        ("record[0] == 1", "indexing (`x[...]`) is not allowed"),
        ("(money := 5) > 1", "`:=` is not allowed"),
        ("~money == 1", "the `~` operator is not allowed"),
        ("money & 1 == 1", "bitwise operators are not allowed"),
        ("money << 3 == 1", "bitwise operators are not allowed"),
        ("max(*[1, 2], 3) == 3", "`*` unpacking is not allowed"),
        ("None == None", "NoneType values are not allowed"),
        ("... == 1", "ellipsis values are not allowed"),
        ('b"x" == b"x"', "bytes values are not allowed"),
        ("1j == 1", "complex values are not allowed"),
        ('open("x") == 1', "unknown function `open`; allowed: min, max, abs, round, clamp"),
        ('eval("1") == 1', "unknown function `eval`; allowed: min, max, abs, round, clamp"),
        ("min(money) == 1", "`min` takes 2 to 8 arguments, not 1"),
        ("clamp(money, 1) == 1", "`clamp` takes 3 arguments, not 2"),
        ("round(money, ndigits=2) == 1", "functions take no named arguments here"),
        ("round(works) == 1", "`round` works on numbers, but `works` is yes/no"),
    ],
)
def test_forms_outside_the_language_are_refused(text: str, message: str) -> None:
    assert refused(text).message == message


def test_string_repetition_bomb_is_refused() -> None:
    problem = refused('"a" * 10**9 == "b"')
    assert problem.message == "`*` works on numbers, but `'a'` is text"
    assert refused('district * 1000000000 == "b"').message == "`*` works on numbers, but `district` is text"


def test_huge_exponent_is_refused() -> None:
    problem = refused("9**3999999 > 0")
    assert problem.message == "the power operator `**` is not allowed"
    assert refused("pow(9, 3999999) > 0").message.startswith("unknown function `pow`")


def test_huge_number_is_refused() -> None:
    assert refused(f"money > {MAX_INT + 1}").message == f"the number {MAX_INT + 1} is too large (at most {MAX_INT:,})"
    assert refused("money > 1e999").message.startswith("the number inf is too large")
    assert holds(f"money < {MAX_INT}")


def test_long_text_is_refused() -> None:
    long = "x" * (MAX_STR + 1)
    assert refused(f'district == "{long}"').message == f"the text is {MAX_STR + 1} characters long (at most {MAX_STR})"


def test_long_list_is_refused() -> None:
    values = ", ".join(str(i) for i in range(MAX_LIST + 1))
    assert refused(f"day in [{values}]").message == f"a list may hold at most {MAX_LIST} values"


def test_long_expression_is_refused() -> None:
    text = "money > 1 and " * 80 + "works"
    assert len(text) > MAX_LENGTH
    assert refused(text).message == f"the expression is {len(text)} characters long (at most {MAX_LENGTH})"


@pytest.mark.parametrize(
    "text",
    [
        "(" * (MAX_DEPTH + 1) + "works" + ")" * (MAX_DEPTH + 1),
        "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1),
        "not " * (MAX_DEPTH + 2) + "works",
        "-" * (MAX_DEPTH + 2) + "money > 0",
        " + ".join(["money"] * (MAX_DEPTH + 3)) + " > 0",
        "min(" * (MAX_DEPTH + 1) + "1" + ", 1)" * (MAX_DEPTH + 1) + " > 0",
    ],
)
def test_deep_nesting_is_refused(text: str) -> None:
    assert refused(text).message == f"the expression is nested more than {MAX_DEPTH} levels deep"


def test_nesting_within_the_limit_is_fine() -> None:
    assert holds("(" * MAX_DEPTH + "works" + ")" * MAX_DEPTH)
    assert holds("not " * 10 + "works")


def test_parentheses_far_too_deep_for_python_are_refused_before_parsing() -> None:
    problem = refused("(" * 450 + "1" + ")" * 450)
    assert problem.message == f"the expression is nested more than {MAX_DEPTH} levels deep"
    assert problem.offset == MAX_DEPTH


@pytest.mark.parametrize("text", ["", "   ", "\n"])
def test_an_empty_condition_is_refused(text: str) -> None:
    assert refused(text).message == "the expression is empty"


def test_a_null_character_is_refused() -> None:
    assert refused("works\x00").message == "not a valid expression: source code string cannot contain null bytes"


def test_a_condition_over_several_lines_is_fine() -> None:
    # As a `|` block in YAML gives it: line breaks are only layout.
    assert holds("works\n  and money > 5\n")
    assert not holds("works\r\nand money > 50")


def test_leading_spaces_are_only_layout_and_columns_still_count_them() -> None:
    assert holds("  works")
    assert refused("  works and mony > 5").offset == 12
    assert refused("  money > > 5").offset == 10


def test_a_statement_is_not_an_expression() -> None:
    assert refused("money = 5").message.startswith("not a valid expression")
    assert refused("money > 5; works").message.startswith("not a valid expression")


# ------------------------------------------------------------------ any text at all

TOKENS = [
    *NAMES, "mony", "__import__", "__class__", "os", "lambda", "x", "for", "in", "not", "and", "or",
    "if", "else", "is", "min", "max", "abs", "round", "clamp", "pow", "eval",
    "0", "1", "3", "-1", "10**9", "999999999", "1000000001", "0.5", "1e-300", "1e999",
    '"jaywalk"', '"fare_evasion"', '"dockworker"', '"A"', "'x'", '"', "'", '"""',
    "+", "-", "*", "/", "//", "%", "**", "<", "<=", ">", ">=", "==", "!=", "~", "&", "|", "^", "<<",
    "(", ")", "[", "]", "{", "}", ",", ".", ":", ":=", ";", "@", "=", "\\", "#", "\n", "\x00",
]


def _value_of(var: Var) -> st.SearchStrategy[Any]:
    if var.type is T.num:
        return st.one_of(
            st.integers(-MAX_INT, MAX_INT),
            st.floats(-MAX_INT, MAX_INT, allow_nan=False, allow_infinity=False),
        )
    if var.type is T.bool:
        return st.booleans()
    if var.type is T.str:
        return st.sampled_from(sorted(var.values)) if var.values else st.text(max_size=10)
    return st.frozensets(st.sampled_from(sorted(var.values or {"x"})))


VALUE_DICTS = st.fixed_dictionaries({name: _value_of(var) for name, var in NAMES.items()})


def compiles_or_refuses(text: str, want: T = T.bool) -> Any:
    try:
        return compile_condition(text, NAMES, want)
    except ConditionError as exc:
        assert isinstance(exc.message, str) and exc.message
        assert 0 <= exc.offset <= max(len(text), 1)
        return None


@settings(deadline=500, max_examples=400)
@given(st.text(max_size=300))
def test_any_text_compiles_or_is_refused_with_a_condition_error(text: str) -> None:
    compiles_or_refuses(text)


@settings(deadline=500, max_examples=600, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(TOKENS), max_size=40).map(" ".join), VALUE_DICTS)
def test_any_string_of_tokens_compiles_or_is_refused_and_what_compiles_evaluates(text: str, values: dict[str, Any]) -> None:
    for want in (T.bool, T.num):
        compiled = compiles_or_refuses(text, want)
        if compiled is not None:
            result = compiled(values)
            assert isinstance(result, bool) if want is T.bool else isinstance(result, (int, float))


# A grammar of well-typed expressions, so that most examples compile and are evaluated.
NUM_LEAVES = st.one_of(
    st.sampled_from([n for n, v in NAMES.items() if v.type is T.num]),
    st.integers(-MAX_INT, MAX_INT).map(str),
    st.sampled_from(["0", "0.5", "0.000000001", "-0.0", "999999999.5"]),
)
BOOL_LEAVES = st.sampled_from(
    [n for n, v in NAMES.items() if v.type is T.bool]
    + ['"jaywalk" in record', '"fare_evasion" not in record', 'persona == "vendor"', 'civic_tier in ["A", "B"]',
       'district != "harbour"', "True", "False"]
)


def _num(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.one_of(
        st.tuples(children, st.sampled_from(["+", "-", "*", "/", "//", "%"]), children).map(lambda t: f"({t[0]} {t[1]} {t[2]})"),
        children.map(lambda c: f"-{c}"),
        st.tuples(st.sampled_from(["abs", "round"]), children).map(lambda t: f"{t[0]}({t[1]})"),
        st.tuples(st.sampled_from(["min", "max"]), st.lists(children, min_size=2, max_size=4)).map(
            lambda t: f"{t[0]}({', '.join(t[1])})"
        ),
        st.tuples(children, children, children).map(lambda t: f"clamp({t[0]}, {t[1]}, {t[2]})"),
        st.tuples(children, BOOL_LEAVES, children).map(lambda t: f"({t[0]} if {t[1]} else {t[2]})"),
    )


NUM_EXPR = st.recursive(NUM_LEAVES, _num, max_leaves=24)


def _bool(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.one_of(
        st.tuples(children, st.sampled_from(["and", "or"]), children).map(lambda t: f"({t[0]} {t[1]} {t[2]})"),
        children.map(lambda c: f"not {c}"),
        st.tuples(NUM_EXPR, st.sampled_from(["<", "<=", ">", ">=", "==", "!="]), NUM_EXPR).map(lambda t: f"{t[0]} {t[1]} {t[2]}"),
        st.tuples(NUM_EXPR, NUM_EXPR, NUM_EXPR).map(lambda t: f"{t[0]} <= {t[1]} < {t[2]}"),
    )


BOOL_EXPR = st.recursive(BOOL_LEAVES, _bool, max_leaves=12)


@settings(deadline=500, max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(BOOL_EXPR, VALUE_DICTS)
def test_well_typed_conditions_compile_or_are_refused_and_never_fail_when_evaluated(
    text: str, values: dict[str, Any]
) -> None:
    compiled = compiles_or_refuses(text)
    if compiled is not None:
        assert isinstance(compiled(values), bool)


@settings(deadline=500, max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(NUM_EXPR, VALUE_DICTS)
def test_well_typed_amounts_always_give_a_finite_number_within_bounds(text: str, values: dict[str, Any]) -> None:
    compiled = compiles_or_refuses(text, T.num)
    if compiled is not None:
        result = compiled(values)
        assert isinstance(result, (int, float)) and not isinstance(result, bool)
        assert result == result  # not NaN
