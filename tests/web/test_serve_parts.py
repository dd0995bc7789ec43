"""The parts of `serve` that need no server: the session cap, the protocol's envelope, the QR code."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from game.cli.serve import MAX_DEFAULT, TAB_MIB, default_cap, qr_lines
from game.web.client import plain
from game.web.server import MAX_SIZE, _envelope, _size
from game.web.session import TabOptions

GiB = 2**30


def test_the_cap_follows_the_free_memory() -> None:
    assert default_cap(None, True) == 30  # unknown: a room's worth
    assert default_cap(int(0.1 * GiB), True) == 2  # never fewer than two tabs
    assert default_cap(2 * GiB, True) == int(2 * GiB * 0.6 / (TAB_MIB[True] * 2**20))
    assert default_cap(2 * GiB, False) < default_cap(2 * GiB, True)  # a fresh interpreter per tab takes more
    assert default_cap(512 * GiB, True) == MAX_DEFAULT


@given(st.text(max_size=200))
def test_any_text_is_an_envelope_or_nothing(text: str) -> None:
    envelope = _envelope(text)
    assert envelope is None or (isinstance(envelope[0], str) and len(envelope) == 2)


def test_the_protocol_messages() -> None:
    assert _envelope('["stdin", "a"]') == ("stdin", "a")
    assert _envelope('["blur"]') == ("blur", None)
    assert _envelope('["resize", {"width": 80, "height": 24}]') == ("resize", {"width": 80, "height": 24})
    for junk in ("", "x", "{}", "[]", "[1]", "null", '{"stdin": 1}', "[" * 10_000):
        assert _envelope(junk) is None


@given(st.one_of(st.none(), st.integers(), st.text(max_size=12), st.floats(allow_nan=True)))
def test_a_size_is_always_a_sane_number(value: object) -> None:
    assert 1 <= _size(value, 80) <= MAX_SIZE


def test_the_qr_code_is_drawn_in_half_blocks() -> None:
    lines = qr_lines("http://192.168.1.20:8000/?token=abcdefghijklmnop").splitlines()
    assert len(lines) > 10 and len({len(line) for line in lines}) == 1  # a square of equal lines
    assert set("".join(lines)) <= set(" ▀▄█")


def test_tab_options_go_to_the_child_and_back() -> None:
    options = TabOptions(saves="/tmp/s", scenario=None, rules="reform", room="KQ7-M2XA")
    assert TabOptions.from_json(options.to_json()) == options


def test_plain_takes_the_escapes_out() -> None:
    assert plain(b"\x1b[1;31mNew\x1b[0m game\x1b]0;title\x07\x1b[?25l") == "New game"
