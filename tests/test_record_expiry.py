"""Records that expire: `records.expire_after` strikes a record out by itself, as a won appeal would."""

from __future__ import annotations

from lanshui_city import lanshui_book

from game.engine.book import compile_book
from game.engine.season import play
from game.model.scenario import RecordPolicy


def _book(days: int | None):  # noqa: ANN202 - a Book
    scenario = lanshui_book().scenario
    return compile_book(scenario.model_copy(update={"records": RecordPolicy(expire_after=days)}))


def test_a_record_expires_after_its_life_and_gives_back_exactly_what_it_cost() -> None:
    book = _book(3)
    for seed in range(40):
        state = play(book, "rider", seed, "random").state
        expired = [r for r in state.records if r.status == "expired"]
        if expired:
            break
    else:
        raise AssertionError("no record expired in 40 seasons")
    for rec in expired:
        cost = sum(e.delta for e in state.ledger if e.record == rec.no and e.reverses is None)
        back = sum(e.delta for e in state.ledger if e.record == rec.no and e.reverses is not None)
        assert back == -cost  # counted here from the ledger, by hand
        assert rec.filed + 3 <= state.days
    # every record still on file was filed less than its life before the season's last morning
    assert all(state.days - r.filed < 3 for r in state.records if r.status in ("active", "upheld"))


def test_without_a_life_no_record_ever_expires() -> None:
    book = _book(None)
    for seed in range(10):
        assert not any(r.status == "expired" for r in play(book, "stall", seed, "random").state.records)


def test_an_expiring_record_is_gone_the_morning_its_life_ends() -> None:
    book = _book(2)
    for seed in range(60):
        state = play(book, "student", seed, "random", days=30).state
        if any(r.status == "expired" for r in state.records):
            rec = next(r for r in state.records if r.status == "expired")
            landed = [e.landed for e in state.ledger if e.record == rec.no and e.reverses is not None]
            assert landed and all(day == rec.filed + 2 for day in landed)
            return
    raise AssertionError("no record expired")

