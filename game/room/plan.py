"""Provides a room's plan and its code: what each group plays, in seven letters a facilitator writes on a board.

A workshop is a room: groups at tables (or on their own laptops) play the same
city at the same time, and the room's report compares them. Everything a group
needs to join is in the room's code: the seed every group shares (so groups
meet the same first cards), the season's length, the number of groups, how
opacity is given out (by group or by round) and whether the room asks a
question before and after play. A laptop that has never seen the room folder
joins from the code alone; a typo in it is caught by its check letters.

Nothing here touches files; `game.room.folder` keeps the room file.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

#: The code's letters: digits 2–9 and A–Z without I and O (nothing to mistake for 1, l or 0).
ALPHABET: Final = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
CODE_LENGTH: Final = 7
MAX_GROUPS: Final = 64
MAX_SEED: Final = 1023
MAX_DAYS: Final = 365  # what the save format takes; the season's own length when 0 is written

#: How opacity is given out, by name: (rounds, what each group sees in each round).
#: "split": one round, groups in pairs on the same persona, one opaque and one transparent.
ROUND_PLANS: Final = ("split", "opaque-then-transparent", "swap", "opaque", "partial", "transparent")
ROUND_PLAN_HELP: Final = {
    "split": "one round; groups in pairs on the same persona, one sees nothing of the rules (opaque), "
             "the other all of them (transparent)",
    "opaque-then-transparent": "two rounds; every group plays opaque, then the same season transparent",
    "swap": "two rounds; half the groups start opaque and half transparent, then they swap",
    "opaque": "one round; every group opaque",
    "partial": "one round; every group partial",
    "transparent": "one round; every group transparent",
}

# Bits of the code, lowest first: seed 10, groups−1 6, days 9, round plan 3, questions 1; check 6.
_SEED_BITS, _GROUP_BITS, _DAY_BITS, _PLAN_BITS, _CHECK_BITS = 10, 6, 9, 3, 6
_PAYLOAD_BITS = _SEED_BITS + _GROUP_BITS + _DAY_BITS + _PLAN_BITS + 1


class BadCode(ValueError):
    """A room code that cannot be read: the message says what to check, in a line."""


@dataclass(frozen=True, slots=True)
class Plan:
    """What a room plays: the same city, seed and season for every group."""

    seed: int
    groups: int
    days: int  # 0: the scenario's own season length
    rounds: str  # one of ROUND_PLANS
    questions: bool  # a question before play and one after the debrief

    def __post_init__(self) -> None:
        if not 0 <= self.seed <= MAX_SEED:
            raise ValueError(f"a room's seed is a whole number from 0 to {MAX_SEED}, not {self.seed}")
        if not 1 <= self.groups <= MAX_GROUPS:
            raise ValueError(f"a room has 1 to {MAX_GROUPS} groups, not {self.groups}")
        if not 0 <= self.days <= MAX_DAYS:
            raise ValueError(f"a room's season is 1 to {MAX_DAYS} days, not {self.days}")
        if self.rounds not in ROUND_PLANS:
            raise ValueError(f"unknown round plan `{self.rounds}`; choose one of {', '.join(ROUND_PLANS)}")

    @property
    def round_count(self) -> int:
        return 2 if self.rounds in ("opaque-then-transparent", "swap") else 1

    @property
    def code(self) -> str:
        return encode(self)

    def opacity(self, group: int, round_no: int = 1) -> str:
        """What group `group` (from 1) sees of the rulebook in round `round_no` (from 1)."""
        self._check(group, round_no)
        if self.rounds in ("opaque", "partial", "transparent"):
            return self.rounds
        if self.rounds == "opaque-then-transparent":
            return "opaque" if round_no == 1 else "transparent"
        first = "opaque" if group % 2 == 1 else "transparent"  # split and swap: pairs, odd groups opaque first
        if self.rounds == "swap" and round_no == 2:
            return "transparent" if first == "opaque" else "opaque"
        return first

    def persona(self, group: int, personas: Sequence[str]) -> str:
        """The persona of group `group`: balanced over the city's personas, in the order the city lists them.

        In plans that split the room by opacity, groups go in pairs on one persona, so each
        persona is met opaque and transparent alike.
        """
        self._check(group, 1)
        if not personas:
            raise ValueError("the scenario has no personas")
        slot = (group - 1) // 2 if self.rounds in ("split", "swap") else group - 1
        return personas[slot % len(personas)]

    def _check(self, group: int, round_no: int) -> None:
        if not 1 <= group <= self.groups:
            raise ValueError(f"this room has groups 1 to {self.groups}, not {group}")
        if not 1 <= round_no <= self.round_count:
            rounds = "one round" if self.round_count == 1 else f"rounds 1 to {self.round_count}"
            raise ValueError(f"this room has {rounds}, not round {round_no}")


def _check_bits(payload: int) -> int:
    return zlib.crc32(payload.to_bytes(4, "big")) & ((1 << _CHECK_BITS) - 1)


def encode(plan: Plan) -> str:
    """The plan's code, e.g. `KQ7-M2XA`: seven letters, written with a dash after the third."""
    payload = plan.seed
    shift = _SEED_BITS
    payload |= (plan.groups - 1) << shift
    shift += _GROUP_BITS
    payload |= plan.days << shift
    shift += _DAY_BITS
    payload |= ROUND_PLANS.index(plan.rounds) << shift
    shift += _PLAN_BITS
    payload |= int(plan.questions) << shift
    number = payload | (_check_bits(payload) << _PAYLOAD_BITS)
    letters = []
    for _ in range(CODE_LENGTH):
        number, digit = divmod(number, len(ALPHABET))
        letters.append(ALPHABET[digit])
    text = "".join(reversed(letters))
    return f"{text[:3]}-{text[3:]}"


def normal_code(text: str) -> str:
    """A code as a person may type it (any case, spaces or dashes anywhere) in its written form."""
    letters = "".join(ch for ch in text.upper() if ch not in " -_")
    if not letters:
        raise BadCode("a room code has 7 letters and digits, e.g. KQ7-M2XA")
    bad = sorted({ch for ch in letters if ch not in ALPHABET})
    if bad:
        hint = " (codes use no I, O, 0 or 1)" if set(bad) & set("IO01") else ""
        shown = ", ".join(repr(ch) for ch in bad[:5])
        raise BadCode(f"a room code is made of 2–9 and A–Z; {shown} is not in one{hint}")
    if len(letters) != CODE_LENGTH:
        raise BadCode(f"a room code has {CODE_LENGTH} letters and digits, e.g. KQ7-M2XA; this one has {len(letters)}")
    return f"{letters[:3]}-{letters[3:]}"


def decode(text: str) -> Plan:
    """The plan a code stands for; raises BadCode (with what to check) when it is not a room's code."""
    code = normal_code(text)
    number = 0
    for ch in code.replace("-", ""):
        number = number * len(ALPHABET) + ALPHABET.index(ch)
    payload = number & ((1 << _PAYLOAD_BITS) - 1)
    if number >> (_PAYLOAD_BITS + _CHECK_BITS) or number >> _PAYLOAD_BITS != _check_bits(payload):
        raise BadCode(f"{code} is not a room's code: check it letter by letter against the board")
    seed = payload & ((1 << _SEED_BITS) - 1)
    payload >>= _SEED_BITS
    groups = (payload & ((1 << _GROUP_BITS) - 1)) + 1
    payload >>= _GROUP_BITS
    days = payload & ((1 << _DAY_BITS) - 1)
    payload >>= _DAY_BITS
    plan_index = payload & ((1 << _PLAN_BITS) - 1)
    questions = bool(payload >> _PLAN_BITS)
    if plan_index >= len(ROUND_PLANS) or days > MAX_DAYS or seed > MAX_SEED:
        raise BadCode(f"{code} is not a room's code: check it letter by letter against the board")
    return Plan(seed=seed, groups=groups, days=days, rounds=ROUND_PLANS[plan_index], questions=questions)


def group_number(label: str, plan: Plan) -> int:
    """The group's number in the plan from what the group typed: `3`, `Group 3` or `3 Kestrels`."""
    words = label.replace("#", " ").split()
    numbers = [w for w in words if w.isdigit()]
    if words and words[0].casefold() in ("group", "table", "team") and len(words) > 1 and words[1].isdigit():
        numbers = [words[1]]
    elif words and words[0].isdigit():
        numbers = [words[0]]
    if len(numbers) != 1:
        raise ValueError(f"say which group of the room you are with its number (1 to {plan.groups}) at the start "
                         f"of the group name, e.g. `3` or `3 Kestrels`")
    n = int(numbers[0])
    if not 1 <= n <= plan.groups:
        raise ValueError(f"this room has groups 1 to {plan.groups}, not {n}")
    return n


__all__ = ["ALPHABET", "BadCode", "MAX_GROUPS", "MAX_SEED", "Plan", "ROUND_PLANS", "ROUND_PLAN_HELP", "decode",
           "encode", "group_number", "normal_code"]
