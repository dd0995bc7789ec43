"""The debrief keeps the refusal screen's promise: each gate tried, when, what it required, what failed and
what the player was told; and it is read summary first (ending, goals, moments, questions), the ledger last."""

from __future__ import annotations

from game.content.city import open_city
from game.engine.actions import Choose, TryGate
from game.engine.turn import InvalidAction, available
from game.model.scenario import Opacity
from game.report.debrief import build_debrief, day_runs, to_markdown
from game.session import Session
from tests.conftest import GOOD


def refused_season(opacity: Opacity) -> Session:
    """A dockworker who asks for the loan every day (a plain shop score: always refused) to the season's end."""
    session = Session.new(open_city(GOOD), "dockworker", 1, opacity)
    while not session.state.over:
        if "loan" not in session.state.tried_today:
            try:
                session.act(TryGate("loan"))
                continue
            except InvalidAction:
                pass
        session.act(Choose(available(session.book, session.state)[0]))
    return session


def test_every_refusal_is_in_the_debrief_with_days_requirements_and_what_was_said() -> None:
    session = refused_season(Opacity.opaque)
    d = build_debrief(session.book, session.state, session.opacity, session.log)
    loan = [g for g in d.gates if g.gate == "Cold-store loan"]
    assert loan and not any(g.opened for g in loan)
    tried = sum(g.tries for g in loan)
    assert tried == session.state.gates_tried["loan"] >= 5
    days = sorted(day for g in loan for day in g.days)
    assert days == sorted(set(days)) and len(days) == tried  # one try a day, each day listed
    g = loan[0]
    assert any("Shop score tier gold or above" in r for r in g.required)
    assert any("needs gold" in f for f in g.failed)
    assert g.told and "The bank's letter regrets." in g.told[0]
    assert not any("tier" in line for line in g.told)  # opaque play was told no reason
    md = to_markdown(d, session.book)
    assert "## The gates you tried" in md and "**Cold-store loan**" in md
    for g in loan:
        assert f"refused {g.tries} times — {day_runs(g.days)}." in md


def test_the_refusal_told_is_at_the_opacity_of_play() -> None:
    session = refused_season(Opacity.partial)
    d = build_debrief(session.book, session.state, session.opacity, session.log)
    told = [line for g in d.gates for line in g.told]
    assert "Shop score too low." in told


def test_without_the_season_log_the_debrief_still_counts_the_tries() -> None:
    session = refused_season(Opacity.opaque)
    d = build_debrief(session.book, session.state, session.opacity)
    (loan,) = [g for g in d.gates if g.gate == "Cold-store loan"]
    assert loan.tries == session.state.gates_tried["loan"] and loan.days == ()


def test_the_summary_comes_first_and_the_ledger_last() -> None:
    session = refused_season(Opacity.opaque)
    md = to_markdown(build_debrief(session.book, session.state, session.opacity, session.log), session.book)
    order = ["**Goals**", "**The moments that mattered most**", "**To talk about**", "## Your scores over the season",
             "## Choices the score bent", "## The gates you tried", "## Wrong records", "## The rules that fired",
             "## The ledger"]
    at = [md.index(h) for h in order]
    assert at == sorted(at)
    summary = md[: md.index("## Your scores over the season")]
    assert len(summary.splitlines()) < 45  # about one screen


def test_day_runs_read_as_a_person_counts() -> None:
    assert day_runs([4]) == "day 4"
    assert day_runs([4, 5]) == "days 4 and 5"
    assert day_runs([1, 2, 3, 5, 9, 10, 11, 12]) == "days 1–3, 5 and 9–12"


def test_tries_before_a_snapshot_are_counted_though_their_days_are_not_known() -> None:
    from game.content.city import open_city
    from game.engine.actions import TryGate
    from game.engine.turn import new_game, step
    from game.model.scenario import Opacity
    from game.report.debrief import build_debrief, to_markdown

    book = open_city("lanshui").book
    state, _ = new_game(book, "rider", 4)
    state, _ = step(book, state, TryGate("honour_card"))  # refused: tier A is below AA
    d = build_debrief(book, state, Opacity.partial, log=[])  # continued from a snapshot: no events of the try
    assert [(g.gate, g.tries, g.days) for g in d.gates] == [("Trustworthy Resident card", 1, ())]
    assert "You tried no gate this season." not in to_markdown(d, book)
