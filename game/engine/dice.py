"""Provides the seeded dice: one small, stable random stream per (seed, day, purpose).

Streams are keyed by what they are for, so adding a card to a scenario does
not reshuffle the dice of every later draw, and a save needs only the seed.
SplitMix64 is used because it is tiny, fast in pure Python, and its output
never changes between Python versions, unlike `random`'s helper methods.
"""

from __future__ import annotations

from collections.abc import Sequence

_MASK = (1 << 64) - 1


def _fnv1a(text: str) -> int:
    h = 0xCBF29CE484222325
    for byte in text.encode("utf-8"):
        h = ((h ^ byte) * 0x100000001B3) & _MASK
    return h


def _mix(z: int) -> int:
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
    return z ^ (z >> 31)


class Stream:
    """A deterministic random stream for one purpose on one day of one game."""

    __slots__ = ("_state",)

    def __init__(self, seed: int, day: int, purpose: str) -> None:
        self._state = _mix((seed & _MASK) ^ _mix(day * 0x9E3779B97F4A7C15 & _MASK) ^ _fnv1a(purpose))

    def next64(self) -> int:
        self._state = (self._state + 0x9E3779B97F4A7C15) & _MASK
        return _mix(self._state)

    def random(self) -> float:
        """A float in [0, 1)."""
        return (self.next64() >> 11) * (1.0 / 9007199254740992.0)

    def randint(self, low: int, high: int) -> int:
        """An int in [low, high], inclusive."""
        return low + (self.next64() % (high - low + 1))

    def weighted_index(self, weights: Sequence[float]) -> int:
        """An index drawn in proportion to `weights` (all ≥ 0, some > 0)."""
        total = sum(weights)
        point = self.random() * total
        for i, w in enumerate(weights):
            point -= w
            if point < 0:
                return i
        return len(weights) - 1


def roll(stream: Stream, dice: str) -> list[int]:
    """Roll dice written as `NdS`, e.g. `2d6`."""
    count, sides = dice.split("d")
    return [stream.randint(1, int(sides)) for _ in range(int(count))]
