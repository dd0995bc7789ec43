"""Provides the condition language: small, safe expressions authors write as text.

A condition such as ``civic < 850 and "fare_evasion" in record`` is parsed once,
at load, with Python's own parser (which only builds a tree; it runs nothing),
then checked node by node against a short list of allowed forms and the names
the scenario declares, with a type for each name. Anything outside the list —
attributes, subscripts, calls to unknown functions, lambdas, comprehensions,
``**``, oversized literals, deep nesting, arithmetic on text — is refused with
the column where it stands.

A checked tree is rewritten so every name becomes a look-up in one dict of
values, then compiled to a one-argument function with no builtins. Because
only checked forms reach the compiler, evaluation cannot call anything but the
fixed safe functions, cannot change the state, cannot loop and cannot
allocate without bound; and it runs at the speed of a plain lambda.
"""

from __future__ import annotations

import ast
import difflib
import math
import tokenize
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any

MAX_LENGTH = 1000
MAX_DEPTH = 24
MAX_INT = 10**9
MAX_STR = 200
MAX_LIST = 64
#: Products and quotients are held within ±MAX_VALUE, so no result is too large for a float.
MAX_VALUE = 10**18


class T(str, Enum):
    """The types a condition deals in."""

    num = "number"
    bool = "yes/no"
    str = "text"
    set = "set of text"


@dataclass(frozen=True, slots=True)
class Var:
    """A name a condition may use: its type, what it is (for messages), and, for text
    and sets, the values it can hold (so `"fare_evason" in record` is caught)."""

    type: T
    what: str
    values: frozenset[str] | None = None


class ConditionError(ValueError):
    """A condition that cannot be accepted; `offset` is the column within the text."""

    def __init__(self, message: str, offset: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset


def _fit(x: float) -> float:
    if x != x:  # NaN, e.g. from a quotient of two huge numbers
        return 0
    return x if -MAX_VALUE <= x <= MAX_VALUE else (MAX_VALUE if x > 0 else -MAX_VALUE)


def _mul(a: float, b: float) -> float:
    return _fit(a * b)


def _div(a: float, b: float) -> float:
    return _fit(a / b) if b else 0


def _fdiv(a: float, b: float) -> float:
    return _fit(a // b) if b else 0


def _mod(a: float, b: float) -> float:
    return a % b if b else 0


def _round(a: float) -> int | float:
    return round(a) if math.isfinite(a) else 0


def _clamp(x: float, lo: float, hi: float) -> float:
    return lo if x < lo else hi if x > hi else x


#: The fixed list of functions a condition may call: name → (function, min args, max args).
SAFE_FUNCTIONS: dict[str, tuple[Callable[..., Any], int, int]] = {
    "min": (min, 2, 8),
    "max": (max, 2, 8),
    "abs": (abs, 1, 1),
    "round": (_round, 1, 1),
    "clamp": (_clamp, 3, 3),
}

_GLOBALS: dict[str, Any] = {
    "__builtins__": {},
    "_mul": _mul,
    "_div": _div,
    "_fdiv": _fdiv,
    "_mod": _mod,
    **{f"_f_{name}": fn for name, (fn, _, _) in SAFE_FUNCTIONS.items()},
}

_ARITH = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.FloorDiv: "//", ast.Mod: "%"}
_ORDER = {ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">="}
_SAFE_ARITH = {ast.Mult: "_mul", ast.Div: "_div", ast.FloorDiv: "_fdiv", ast.Mod: "_mod"}

_REFUSED = {
    ast.Attribute: "attributes (`x.y`) are not allowed",
    ast.Subscript: "indexing (`x[...]`) is not allowed",
    ast.Lambda: "lambda is not allowed",
    ast.ListComp: "comprehensions are not allowed",
    ast.SetComp: "comprehensions are not allowed",
    ast.DictComp: "comprehensions are not allowed",
    ast.GeneratorExp: "comprehensions are not allowed",
    ast.Dict: "dictionaries are not allowed",
    ast.JoinedStr: "f-strings are not allowed",
    ast.Starred: "`*` unpacking is not allowed",
    ast.NamedExpr: "`:=` is not allowed",
    ast.Await: "await is not allowed",
    ast.Yield: "yield is not allowed",
    ast.YieldFrom: "yield is not allowed",
    ast.Slice: "slices are not allowed",
}


@dataclass(frozen=True, slots=True)
class Compiled:
    """A checked, compiled condition or amount. Call it with the dict of values."""

    text: str
    type: T
    names: frozenset[str]
    fn: Callable[[Mapping[str, Any]], Any]

    def __call__(self, values: Mapping[str, Any]) -> Any:
        return self.fn(values)


def _offset(text: str, node: ast.AST) -> int:
    # ast gives byte offsets into the UTF-8 text; messages want characters.
    col = getattr(node, "col_offset", 0) or 0
    return len(text.encode("utf-8")[:col].decode("utf-8", errors="ignore"))


class _Checker:
    """Walks a parsed tree, checks every node, and returns its type."""

    def __init__(self, text: str, names: Mapping[str, Var], lead: int = 0) -> None:
        self.text = text
        self.names = names
        self.lead = lead
        self.used: set[str] = set()

    def fail(self, node: ast.AST, message: str) -> ConditionError:
        return ConditionError(message, self.lead + _offset(self.text, node))

    def check(self, node: ast.AST, depth: int = 0) -> T:
        if depth > MAX_DEPTH:
            raise self.fail(node, f"the expression is nested more than {MAX_DEPTH} levels deep")
        d = depth + 1
        if isinstance(node, ast.Constant):
            return self.constant(node)
        if isinstance(node, ast.Name):
            return self.name(node)
        if isinstance(node, ast.BoolOp):
            for value in node.values:
                self.expect(value, T.bool, d, "`and`/`or` joins yes/no conditions")
            return T.bool
        if isinstance(node, ast.UnaryOp):
            if isinstance(node.op, ast.Not):
                self.expect(node.operand, T.bool, d, "`not` applies to a yes/no condition")
                return T.bool
            if isinstance(node.op, (ast.USub, ast.UAdd)):
                self.expect(node.operand, T.num, d, "a sign applies to a number")
                return T.num
            raise self.fail(node, "the `~` operator is not allowed")
        if isinstance(node, ast.BinOp):
            if isinstance(node.op, ast.Pow):
                raise self.fail(node, "the power operator `**` is not allowed")
            symbol = _ARITH.get(type(node.op))
            if symbol is None:
                raise self.fail(node, "bitwise operators are not allowed")
            self.expect(node.left, T.num, d, f"`{symbol}` works on numbers")
            self.expect(node.right, T.num, d, f"`{symbol}` works on numbers")
            return T.num
        if isinstance(node, ast.Compare):
            return self.compare(node, d)
        if isinstance(node, ast.IfExp):
            self.expect(node.test, T.bool, d, "the test of `x if test else y` is a yes/no condition")
            body = self.check(node.body, d)
            other = self.check(node.orelse, d)
            if body is not other or body is T.set:
                raise self.fail(node, "both sides of `x if test else y` must be of the same simple type")
            return body
        if isinstance(node, ast.Call):
            return self.call(node, d)
        if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
            raise self.fail(node, "a list is allowed only on the right of `in`, e.g. persona in [\"a\", \"b\"]")
        for kind, message in _REFUSED.items():
            if isinstance(node, kind):
                raise self.fail(node, message)
        raise self.fail(node, f"{type(node).__name__} is not allowed in a condition")

    def expect(self, node: ast.AST, want: T, depth: int, why: str) -> None:
        got = self.check(node, depth)
        if got is not want:
            raise self.fail(node, f"{why}, but `{ast.unparse(node)}` is {got.value}")

    def constant(self, node: ast.Constant) -> T:
        value = node.value
        if isinstance(value, bool):
            return T.bool
        if isinstance(value, int):
            if abs(value) > MAX_INT:
                raise self.fail(node, f"the number {value} is too large (at most {MAX_INT:,})")
            return T.num
        if isinstance(value, float):
            if not math.isfinite(value) or abs(value) > MAX_INT:
                raise self.fail(node, f"the number {value} is too large (at most {MAX_INT:,})")
            return T.num
        if isinstance(value, str):
            if len(value) > MAX_STR:
                raise self.fail(node, f"the text is {len(value)} characters long (at most {MAX_STR})")
            return T.str
        raise self.fail(node, f"{type(value).__name__} values are not allowed")

    def name(self, node: ast.Name) -> T:
        var = self.names.get(node.id)
        if var is None:
            close = difflib.get_close_matches(node.id, list(self.names), n=1)
            hint = f"; did you mean `{close[0]}`?" if close else ""
            if node.id in ("true", "false", "null", "none"):
                # YAML spells them in lower case; conditions do not.
                hint = f"; write `{node.id.capitalize()}`" if node.id in ("true", "false") else "; there is no null in conditions"
            raise self.fail(node, f"unknown name `{node.id}`{hint}")
        self.used.add(node.id)
        return var.type

    def literal_set(self, node: ast.List | ast.Tuple | ast.Set) -> tuple[T, list[Any]]:
        if len(node.elts) > MAX_LIST:
            raise self.fail(node, f"a list may hold at most {MAX_LIST} values")
        types: set[T] = set()
        values: list[Any] = []
        for elt in node.elts:
            if not isinstance(elt, ast.Constant):
                raise self.fail(elt, "a list may hold only literal values")
            types.add(self.constant(elt))
            values.append(elt.value)
        if len(types) > 1:
            raise self.fail(node, "a list must hold values of one type")
        return (types.pop() if types else T.str), values

    def compare(self, node: ast.Compare, depth: int) -> T:
        left_node = node.left
        left = self.check(left_node, depth)
        for op, right_node in zip(node.ops, node.comparators, strict=True):
            if isinstance(op, (ast.In, ast.NotIn)):
                if isinstance(right_node, (ast.List, ast.Tuple, ast.Set)):
                    element, values = self.literal_set(right_node)
                    if left is not element and values:
                        raise self.fail(node, f"`{ast.unparse(left_node)}` is {left.value} but the list holds {element.value}")
                    if left is T.str:
                        self.known_values(left_node, values)
                else:
                    right = self.check(right_node, depth)
                    if right is not T.set:
                        raise self.fail(right_node, f"`in` needs a set such as `record` on its right, but `{ast.unparse(right_node)}` is {right.value}")
                    if left is not T.str:
                        raise self.fail(left_node, f"only text can be `in` a set, but `{ast.unparse(left_node)}` is {left.value}")
                    if isinstance(left_node, ast.Constant):
                        self.known_values(right_node, [left_node.value], node=left_node)
                right = T.set
            elif isinstance(op, (ast.Eq, ast.NotEq)):
                right = self.check(right_node, depth)
                if left is not right or left is T.set:
                    raise self.fail(node, f"cannot compare {left.value} with {right.value}")
                if isinstance(right_node, ast.Constant) and isinstance(left_node, ast.Name):
                    self.known_values(left_node, [right_node.value], node=right_node)
                elif isinstance(left_node, ast.Constant) and isinstance(right_node, ast.Name):
                    self.known_values(right_node, [left_node.value], node=left_node)
            elif type(op) in _ORDER:
                right = self.check(right_node, depth)
                if left is not T.num or right is not T.num:
                    raise self.fail(node, f"`{_ORDER[type(op)]}` compares numbers, not {left.value} and {right.value}")
            else:
                raise self.fail(node, "`is` and `is not` are not allowed; use == and !=")
            left_node, left = right_node, right
        return T.bool

    def known_values(self, name_node: ast.AST, values: list[Any], node: ast.AST | None = None) -> None:
        """Catch a misspelt record kind, persona or tier: the set of possible values is known."""
        if not isinstance(name_node, ast.Name):
            return
        var = self.names.get(name_node.id)
        if var is None or var.values is None:
            return
        for value in values:
            if isinstance(value, str) and value not in var.values:
                close = difflib.get_close_matches(value, sorted(var.values), n=1)
                hint = f"; did you mean \"{close[0]}\"?" if close else ""
                raise self.fail(node or name_node, f"\"{value}\" is never a value of `{name_node.id}` ({var.what}){hint}")

    def call(self, node: ast.Call, depth: int) -> T:
        if isinstance(node.func, ast.Attribute):
            raise self.fail(node, f"method calls such as `{ast.unparse(node.func)}(...)` are not allowed")
        if not isinstance(node.func, ast.Name):
            raise self.fail(node, "only the functions " + ", ".join(SAFE_FUNCTIONS) + " can be called")
        spec = SAFE_FUNCTIONS.get(node.func.id)
        if spec is None:
            raise self.fail(node, f"unknown function `{node.func.id}`; allowed: " + ", ".join(SAFE_FUNCTIONS))
        if node.keywords:
            raise self.fail(node, "functions take no named arguments here")
        _, lo, hi = spec
        if not lo <= len(node.args) <= hi:
            want = str(lo) if lo == hi else f"{lo} to {hi}"
            raise self.fail(node, f"`{node.func.id}` takes {want} arguments, not {len(node.args)}")
        for arg in node.args:
            self.expect(arg, T.num, depth, f"`{node.func.id}` works on numbers")
        return T.num


def _plain_is_safe(node: ast.BinOp) -> bool:
    """`x % 7` and `x // 10` by a whole-number literal can neither divide by zero nor grow,
    so they run as plain operators, at a plain lambda's speed."""
    right = node.right
    if not isinstance(right, ast.Constant) or isinstance(right.value, bool) or not isinstance(right.value, int):
        return False
    if isinstance(node.op, ast.Mod):
        return right.value != 0
    return isinstance(node.op, ast.FloorDiv) and abs(right.value) >= 1


class _Rewrite(ast.NodeTransformer):
    """Turns a checked tree into one that reads names from `_v` and calls only safe helpers."""

    def visit_Name(self, node: ast.Name) -> ast.AST:
        return ast.copy_location(
            ast.Subscript(value=ast.Name("_v", ast.Load()), slice=ast.Constant(node.id), ctx=ast.Load()), node
        )

    def visit_Call(self, node: ast.Call) -> ast.AST:
        assert isinstance(node.func, ast.Name)
        args = [self.visit(a) for a in node.args]
        return ast.copy_location(ast.Call(ast.Name(f"_f_{node.func.id}", ast.Load()), args, []), node)

    def visit_BinOp(self, node: ast.BinOp) -> ast.AST:
        left, right = self.visit(node.left), self.visit(node.right)
        helper = _SAFE_ARITH.get(type(node.op))
        if helper is not None and _plain_is_safe(node):
            helper = None
        if helper is not None:
            return ast.copy_location(ast.Call(ast.Name(helper, ast.Load()), [left, right], []), node)
        return ast.copy_location(ast.BinOp(left, node.op, right), node)

    def visit_List(self, node: ast.List) -> ast.AST:
        return self._frozen(node)

    def visit_Tuple(self, node: ast.Tuple) -> ast.AST:
        return self._frozen(node)

    def visit_Set(self, node: ast.Set) -> ast.AST:
        return self._frozen(node)

    def _frozen(self, node: ast.List | ast.Tuple | ast.Set) -> ast.AST:
        values = frozenset(e.value for e in node.elts if isinstance(e, ast.Constant))
        return ast.copy_location(ast.Constant(values), node)  # type: ignore[arg-type]


def parse(text: str, names: Mapping[str, Var]) -> tuple[ast.expr, T, frozenset[str]]:
    """Parse and check `text`; return its tree, type and the names it uses."""
    if not isinstance(text, str):
        raise ConditionError("a condition must be text")
    if len(text) > MAX_LENGTH:
        raise ConditionError(f"the expression is {len(text)} characters long (at most {MAX_LENGTH})")
    if not text.strip():
        raise ConditionError("the expression is empty")
    depth = 0
    for i, ch in enumerate(text):
        if ch in "([{":
            depth += 1
            if depth > MAX_DEPTH:
                raise ConditionError(f"the expression is nested more than {MAX_DEPTH} levels deep", i)
        elif ch in ")]}":
            depth -= 1
    # Line breaks (a `|` block in YAML) and leading spaces are layout, not syntax: drop them
    # but keep every other character at the offset where the author wrote it.
    flat = text.replace("\r", " ").replace("\n", " ")
    lead = len(flat) - len(flat.lstrip())
    try:
        tree = ast.parse(flat[lead:], mode="eval")
    except SyntaxError as exc:
        where = lead + max((exc.offset or 1) - 1, 0)
        raise ConditionError(f"not a valid expression: {exc.msg}", where) from None
    except (RecursionError, MemoryError, ValueError):
        raise ConditionError("the expression cannot be parsed (too deep or contains a null character)") from None
    comment = _comment_at(flat[lead:])
    if comment is not None:
        raise ConditionError("`#` is not part of the condition language: it would hide the rest of the condition "
                             "(a YAML comment goes outside the quotes)", lead + comment)
    checker = _Checker(flat[lead:], names, lead)
    kind = checker.check(tree.body)
    return tree.body, kind, frozenset(checker.used)


def _lines(text: str) -> Callable[[], str]:
    """A readline over one string (the tokenizer's input), then "" for ever."""
    lines = iter(text.splitlines(keepends=True))
    return lambda: next(lines, "")


def _comment_at(text: str) -> int | None:
    """Where a `#` outside any quoted text starts a Python comment, or None: Python would drop the rest."""
    if "#" not in text:
        return None
    try:
        for token in tokenize.generate_tokens(_lines(text)):
            if token.type == tokenize.COMMENT:
                return int(token.start[1])  # the text is one line here; columns count characters
    except (tokenize.TokenError, SyntaxError):
        return text.index("#")
    return None


def compile_condition(text: str, names: Mapping[str, Var], want: T = T.bool) -> Compiled:
    """Check `text` and compile it to a function of the values dict.

    `want` is the type the author's slot needs: yes/no for `when`, number for amounts.
    """
    body, kind, used = parse(text, names)
    if kind is not want:
        raise ConditionError(f"this should give {want.value}, but `{text.strip()}` gives {kind.value}")
    rewritten = _Rewrite().visit(body)
    lam = ast.Lambda(
        args=ast.arguments(posonlyargs=[], args=[ast.arg("_v")], kwonlyargs=[], kw_defaults=[], defaults=[]),
        body=rewritten,
    )
    expr = ast.Expression(lam)
    ast.fix_missing_locations(expr)
    code = compile(expr, "<condition>", "eval")
    fn = eval(code, dict(_GLOBALS))  # noqa: S307 - a checked tree: names are dict look-ups, calls are the safe list
    return Compiled(text=text, type=kind, names=used, fn=fn)


def compile_amount(value: int | float | str, names: Mapping[str, Var]) -> Compiled | int | float:
    """An amount is a plain number (returned as is) or an expression giving a number."""
    if isinstance(value, bool):
        raise ConditionError("an amount must be a number, not yes/no")
    if isinstance(value, (int, float)):
        if not math.isfinite(value) or abs(value) > MAX_INT:
            raise ConditionError(f"the amount {value} is too large (at most {MAX_INT:,})")
        return value
    return compile_condition(value, names, T.num)


def decide(text: str, names: Mapping[str, Var], known: Mapping[str, Any]) -> bool | None:
    """What a checked condition comes to when only the names in `known` have values: True or False
    when those settle it whatever the others hold, None when it depends on them.

    `and`, `or` and `not` are followed through, so `persona == "rider" and day >= 5` is False for
    the stall whatever the day; any other part is worked out only when it uses known names alone.
    `validate` uses it to find what no persona can ever meet.
    """
    body, _, _ = parse(text, names)

    def value(node: ast.expr) -> bool | None:
        if isinstance(node, ast.BoolOp):
            parts = [value(v) for v in node.values]
            settle = isinstance(node.op, ast.Or)  # one True settles an `or`, one False an `and`
            if settle in parts:
                return settle
            return None if None in parts else not settle
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            inner = value(node.operand)
            return None if inner is None else not inner
        part = ast.unparse(node)
        _, kind, used = parse(part, names)
        if not used <= known.keys():
            return None
        return bool(compile_condition(part, names, kind)(known))

    return value(body)
