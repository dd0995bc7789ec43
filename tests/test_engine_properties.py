"""Properties over open-ended play: whatever a player does, stats and scores stay in range and the ledger balances."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.engine.actions import Appeal, Choose, Rest, TryGate
from game.engine.book import Book
from game.engine.state import State
from game.engine.turn import InvalidAction, appeal_blocker, available, gate_blocker, new_game, step


def valid_actions(book: Book, state: State) -> list:
    actions: list = [Choose(i) for i in available(book, state)]
    actions += [TryGate(g) for g in book.gates if gate_blocker(book, state, g) is None]
    actions += [Appeal(r.no) for r in state.records if appeal_blocker(book, state, r.no) is None]
    actions.append(Rest())
    return actions


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 2**32), persona=st.sampled_from(["dockworker", "vendor"]),
       picks=st.lists(st.integers(0, 1000), min_size=1, max_size=80))
def test_any_sequence_of_valid_actions_keeps_stats_and_scores_in_range(book: Book, seed: int, persona: str,
                                                                      picks: list[int]) -> None:
    state, _ = new_game(book, persona, seed)
    for pick in picks:
        if state.over:
            break
        options = valid_actions(book, state)
        state, _ = step(book, state, options[pick % len(options)])
        for stat, (low, high) in book.stats.items():
            assert low <= state.vals[stat] <= high, stat
        for sid, score in book.scores.items():
            assert score.min <= state.vals[sid] <= score.max, sid
            assert state.vals[sid + "_tier"] == score.tier(state.vals[sid])
            start = book.personas[persona].values[sid]
            assert start + sum(e.delta for e in state.ledger if e.score == sid) == state.vals[sid]


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 2**32), played=st.lists(st.integers(0, 1000), max_size=30), index=st.integers(-5, 20),
       gate=st.text(max_size=8), record=st.integers(-3, 50))
def test_invalid_actions_raise_invalid_action_and_change_nothing(book: Book, seed: int, played: list[int], index: int,
                                                                gate: str, record: int) -> None:
    state, _ = new_game(book, "dockworker", seed)
    for pick in played:  # some way into a season: records, gates tried, cards answered
        if state.over:
            break
        options = valid_actions(book, state)
        state, _ = step(book, state, options[pick % len(options)])
    valid = valid_actions(book, state) if not state.over else []
    invalid = [a for a in (Choose(index), TryGate(gate), Appeal(record), TryGate(next(iter(book.gates))))
               if a not in valid]
    assert invalid  # an unknown gate at least
    before = state.to_json()
    for action in invalid:
        with pytest.raises(InvalidAction):
            step(book, state, action)
        assert state.to_json() == before
    for action in valid:  # and what is valid is taken (on a copy: the state given is never changed)
        after, _ = step(book, state, action)
        assert after.actions == state.actions + 1
    assert state.to_json() == before
