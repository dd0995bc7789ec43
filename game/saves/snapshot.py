"""Provides the shape check of a saved state: every field of the engine's `State`, with its type, and nothing else.

A snapshot continued without a replay meets the engine directly, so a
hand-edited one is checked first. The shape is derived from the `State`
dataclass itself (as strict pydantic TypedDicts), so it follows the engine
without a second copy to keep in step.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from functools import cache
from typing import Any, Union

import typing_extensions
from pydantic import ConfigDict, TypeAdapter, ValidationError

from game.engine.state import State
from game.saves.errors import location


def _shape(tp: Any, made: dict[type, Any]) -> Any:
    """`tp` with every dataclass in it replaced by a strict TypedDict of its fields."""
    if dataclasses.is_dataclass(tp) and isinstance(tp, type):
        if tp not in made:
            hints = typing.get_type_hints(tp)
            fields = {f.name: _shape(hints[f.name], made) for f in dataclasses.fields(tp)}
            shaped = typing_extensions.TypedDict(tp.__name__, fields)  # type: ignore[misc]
            shaped.__pydantic_config__ = ConfigDict(extra="forbid", strict=True)  # type: ignore[attr-defined]
            made[tp] = shaped
        return made[tp]
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin in (Union, types.UnionType):
        return Union[tuple(_shape(a, made) for a in args)]  # noqa: UP007
    if origin is list:
        return list[_shape(args[0], made)]  # type: ignore[misc]
    if origin is dict:
        return dict[args[0], _shape(args[1], made)]  # type: ignore[misc,valid-type]
    return tp


_UNION_TAGS = {"int", "float", "str", "bool", "none"}


@cache
def _adapter() -> TypeAdapter[Any]:
    return TypeAdapter(_shape(State, {}), config=None)


def shape_problem(data: Any) -> str | None:
    """None if `data` has the shape of `State.to_dict()`; else the first problem, e.g. `days: Input should be…`."""
    try:
        _adapter().validate_python(data, strict=True)
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        loc = list(first["loc"])
        if len(loc) > 1 and loc[-1] in _UNION_TAGS:  # which member of `int | float` was tried
            loc.pop()
        return f"{location(loc, 'the state')}: {first['msg']}"
    return None


__all__ = ["shape_problem"]
