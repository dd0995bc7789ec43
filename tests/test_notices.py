"""Opacity: each level shows exactly what it allows, and hidden rules never leak before the debrief."""

from __future__ import annotations

from game.engine.book import Book
from game.engine.events import GateResult, Reason
from game.engine.season import play
from game.model.scenario import Opacity, Visibility
from game.report.notices import notices, refusal_lines


def all_lines(book: Book, opacity: Opacity, seeds: range) -> list[str]:
    lines: list[str] = []
    for seed in seeds:
        for persona in book.personas:
            played = play(book, persona, seed, "random", keep_events=True)
            for events in played.events:
                lines += notices(book, events, opacity)
    return lines


def hidden_rule_words(book: Book) -> list[str]:
    return [w for r in book.scenario.rules if r.visibility is Visibility.hidden for w in (r.name, r.reason, r.id)]


def test_no_hidden_rule_leaks_into_opaque_or_partial_notices(book: Book) -> None:
    for opacity in (Opacity.opaque, Opacity.partial):
        text = "\n".join(all_lines(book, opacity, range(40)))
        for word in hidden_rule_words(book):
            assert word not in text, (opacity, word)


def test_transparent_notices_name_the_rule_its_source_and_the_delta(book: Book) -> None:
    text = "\n".join(all_lines(book, Opacity.transparent, range(40)))
    assert "“Fare evasion” (Transit company, public): Travelled without a valid ticket." in text
    assert "Civic score −40" in text
    assert "“Jaywalking caught on camera”" in text  # hidden rules too: transparent shows all


def test_opaque_notices_show_a_number_without_a_reason(book: Book) -> None:
    lines = all_lines(book, Opacity.opaque, range(40))
    score_lines = [line for line in lines if line.startswith("Civic score")]
    assert score_lines and all("transit" not in line and "Fare" not in line for line in score_lines)
    assert any(line.startswith("Civic score: ") for line in score_lines)


def test_partial_notices_give_the_tier_and_a_category(book: Book) -> None:
    lines = all_lines(book, Opacity.partial, range(40))
    assert any(line.startswith("Civic score fell (transit); tier ") for line in lines)
    assert not any("Travelled without a valid ticket" in line for line in lines)


def test_a_refused_gate_says_why_at_the_level_the_opacity_allows(book: Book) -> None:
    result = GateResult("loan", False, (Reason("tier", "Shop score tier plain; needs gold or above", "shop"),
                                        Reason("condition", "you need 20 coins for the fee", None)))
    assert refusal_lines(book, result, Opacity.opaque) == ["The bank's letter regrets."]
    assert refusal_lines(book, result, Opacity.partial) == [
        "The bank's letter regrets.", "Shop score too low.", "You need 20 coins for the fee."]
    assert refusal_lines(book, result, Opacity.transparent) == [
        "The bank's letter regrets.", "Shop score tier plain; needs gold or above.", "You need 20 coins for the fee."]


def test_a_gate_closed_by_a_hidden_rule_does_not_name_it_below_transparent(book: Book) -> None:
    result = GateResult("ferry", False, (Reason("closed", "closed by the rule \"Defaulters list\"", None, "blacklist"),))
    for opacity in (Opacity.opaque, Opacity.partial):
        assert "Defaulters" not in " ".join(refusal_lines(book, result, opacity))
    assert "Something on your record closes it." in refusal_lines(book, result, Opacity.partial)
    assert "Defaulters list" in " ".join(refusal_lines(book, result, Opacity.transparent))
