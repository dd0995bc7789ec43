"""The debrief: the whole season revealed — ending, charts, hidden rules with their basis, bent choices,
wrong records and their cost, prompts — as data and as Markdown, and from a save on the command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.engine.actions import Appeal, Choose
from game.engine.book import Book
from game.engine.season import play
from game.engine.state import State
from game.engine.turn import InvalidAction, available, new_game, step
from game.model.scenario import Opacity
from game.report.debrief import build_debrief, raised_prompts, sparkline, to_markdown
from game.report.view import dossier_view, learned_rules, rulebook_view

ROOT = Path(__file__).resolve().parents[1]
GOOD = ROOT / "tests" / "scenarios" / "good"


def season_with(book: Book, wanted: str, policy: str = "random") -> State:
    """A finished dockworker season in which the rule `wanted` fired."""
    for seed in range(500):
        state = play(book, "dockworker", seed, policy).state
        if wanted in state.fired:
            return state
    raise AssertionError(f"no season fired {wanted}")


def wrong_record_season(book: Book) -> State:
    """A season with a wrong record that was appealed and overturned, played to the end."""
    for seed in range(3000):
        state, _ = new_game(book, "dockworker", seed)
        appealed = False
        while not state.over:
            wrong = [r for r in state.records if r.seen and not r.true and r.status == "active"]
            if wrong and not appealed:
                try:
                    state, _ = step(book, state, Appeal(wrong[0].no))
                    appealed = True
                    continue
                except InvalidAction:
                    pass
            card = book.card_by_id[state.hand[0]]
            pick = next((i for i, c in enumerate(card.choices) if c.id == "slip_on"), available(book, state)[0])
            state, _ = step(book, state, Choose(pick))
        if any(not r.true and r.status == "overturned" for r in state.records):
            return state
    raise AssertionError("no overturned wrong record in 3000 seeds")


def test_the_debrief_reveals_hidden_rules_with_their_basis_and_source_note(book: Book) -> None:
    state = season_with(book, "jaywalk_camera")
    d = build_debrief(book, state, Opacity.opaque)
    rule = next(r for r in d.rules if r.id == "jaywalk_camera")
    assert (rule.visibility, rule.basis) == ("hidden", "reported")
    md = to_markdown(d, book)
    assert "Jaywalking caught on camera" in md
    assert book.rule_info["jaywalk_camera"].source_note.split("(")[0].strip() in md


def test_every_ledger_entry_is_in_the_debrief(book: Book) -> None:
    state = season_with(book, "fare_dodging")
    d = build_debrief(book, state, "partial")
    assert [e.seq for e in d.ledger] == [e.seq for e in state.ledger]
    for line in d.ledger:  # each line carries its own rule's name and basis, not another's
        rule = book.rule_info[line.rule]
        assert (line.rule_name, line.basis, line.source_note) == (rule.name, rule.basis.value, rule.source_note)


def test_the_chart_has_a_mark_for_the_start_and_each_day(book: Book) -> None:
    state = play(book, "vendor", 4, "random").state
    d = build_debrief(book, state, "partial")
    for chart in d.charts:
        assert len(chart.line) == state.days + 1 == len(chart.values)
    assert sparkline([0, 5, 10], 0, 10) == "▁▅█"


def test_a_score_first_season_has_choices_the_score_bent_and_a_values_first_one_none(book: Book) -> None:
    # What counts as bent is worked out by hand on a tiny city in tests/test_predict.py; here, the bots.
    state = play(book, "dockworker", 2, "score-first").state
    d = build_debrief(book, state, "partial")
    assert d.bent and all(b.chose != b.would_have for b in d.bent)
    md = to_markdown(d, book)
    assert "Choices the score bent" in md and all(b.chose in md and b.would_have in md for b in d.bent)
    for seed in range(10):
        assert build_debrief(book, play(book, "dockworker", seed, "values-first").state, "partial").bent == ()


def test_a_wrong_record_shows_what_it_cost_and_what_the_appeal_gave_back(book: Book) -> None:
    state = wrong_record_season(book)
    d = build_debrief(book, state, "partial")
    overturned = [w for w in d.wrong if w.status == "overturned"]
    assert overturned
    w = overturned[0]
    assert w.known
    for name, cost in w.charged.items():
        assert w.returned[name] == -cost
    assert f"Record #{w.no}" in to_markdown(d, book)


def test_prompts_are_raised_by_what_happened_this_season(book: Book) -> None:
    state = season_with(book, "fare_dodging")
    prompts = raised_prompts(book, state)
    assert "Was the fare worth the points?" in prompts
    if "associates" not in state.fired:
        assert "Should a friend's score count against you?" not in prompts


def test_a_season_not_yet_over_says_so(book: Book) -> None:
    state, _ = new_game(book, "dockworker", 1)
    d = build_debrief(book, state, "opaque")
    assert not d.over and "not over" in d.ending_title


def test_the_rulebook_lists_only_learned_rules_unless_transparent(book: Book) -> None:
    state = season_with(book, "jaywalk_camera")
    names = {r.name for r in rulebook_view(book, state, Opacity.opaque)}
    assert "Jaywalking caught on camera" not in names
    assert set(learned_rules(book, state)) <= {r for r, info in book.rule_info.items()
                                               if info.visibility.value != "hidden"}
    everything = {r.id for r in rulebook_view(book, state, Opacity.transparent)}
    assert everything == set(book.rule_info)


def test_the_dossier_shows_unseen_records_only_in_transparent_play(book: Book) -> None:
    state = season_with(book, "jaywalk_camera")
    unseen = {r.no for r in state.records if not r.seen}
    assert unseen
    assert not unseen & {r.no for r in dossier_view(book, state, Opacity.partial)}
    shown = {r.no: r for r in dossier_view(book, state, Opacity.transparent)}
    assert unseen <= set(shown)
    assert all(shown[n].appeal_blocker for n in unseen)


def test_debrief_command_prints_the_same_markdown_from_a_save(book: Book, tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    from game import saves
    from game.cli import run
    from game.content.city import open_city
    from game.session import Session

    session = Session.new(open_city(GOOD), "dockworker", 11, Opacity.opaque)
    book = session.book
    while not session.state.over:
        session.act(Choose(available(book, session.state)[0]))
    path = saves.save_session(session, tmp_path)
    assert run(["debrief", str(path), "--markdown"]) == 0
    start, _ = session.beginning()
    expected = to_markdown(build_debrief(book, session.state, Opacity.opaque, session.log, start, session.actions), book)
    assert capsys.readouterr().out == expected
    out = tmp_path / "d.md"
    assert run(["debrief", str(path), "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == expected


def test_debrief_command_names_a_missing_save_in_one_line(tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    from game.cli import run

    assert run(["debrief", str(tmp_path / "nope.json")]) == 2
    err = capsys.readouterr().err
    assert "nope.json" in err and len(err.strip().splitlines()) == 1


def test_a_rule_whose_changes_cancel_out_says_so_in_words() -> None:
    from game.report.debrief import _changes

    assert _changes({"Civic score": 0}) == "Civic score by nothing in all (its changes cancelled out)"
    assert _changes({"Civic score": -15, "Shop rating": 1200}) == "Civic score −15, Shop rating +1,200"


@pytest.mark.parametrize("opacity", ["opaque", "transparent"])
def test_a_change_the_resident_was_never_told_of_reads_true_at_the_opacity_of_play(book: Book, opacity: str) -> None:
    # A transparent player watched the hidden rule fire; the debrief must not tell them they never heard of it.
    state = season_with(book, "jaywalk_camera")
    md = to_markdown(build_debrief(book, state, opacity), book)
    line = next(x for x in md.splitlines() if "Jaywalking caught on camera" in x and " · **" in x)
    if opacity == "transparent":
        assert "you saw it only because you play transparent" in line and "never notified you" not in line
    else:
        assert "the city never notified you" in line and "transparent" not in line
