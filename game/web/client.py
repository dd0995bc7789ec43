"""Provides a client of textual-serve's protocol, as a browser tab speaks it: for the benchmark and the tests.

It joins `/ws` at a size, sends keys as `["stdin", …]`, and keeps what the app draws, with
the time each frame arrived, and that output's printable text (escape sequences taken out)
to wait for words on the screen.
"""

from __future__ import annotations

import asyncio
import re
import time
from dataclasses import dataclass, field
from typing import Any

import aiohttp

ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][0-9A-Za-z]|\x1b[=>78]")
KEYS = {"up": "\x1b[A", "down": "\x1b[B", "right": "\x1b[C", "left": "\x1b[D", "enter": "\r", "escape": "\x1b",
        "tab": "\t", "backspace": "\x7f"}


def plain(data: bytes) -> str:
    """The printable text in a stretch of terminal output."""
    return ESCAPES.sub("", data.decode("utf-8", "replace"))


@dataclass
class Tab:
    """One tab's connection: frames as (arrival time, bytes); `text` is everything drawn so far, as text."""

    ws: aiohttp.ClientWebSocketResponse
    frames: list[tuple[float, bytes]] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    closed: bool = False
    strings: list[Any] = field(default_factory=list)  # the server's JSON messages (pong, deliver_file_start…)
    _changed: asyncio.Event = field(default_factory=asyncio.Event)

    @property
    def text(self) -> str:
        return "".join(self.texts)

    async def read(self) -> None:
        async for message in self.ws:
            if message.type == aiohttp.WSMsgType.BINARY:
                self.frames.append((time.perf_counter(), message.data))
                self.texts.append(plain(message.data))
            elif message.type == aiohttp.WSMsgType.TEXT:
                self.strings.append(message.data)
            self._changed.set()
        self.closed = True
        self._changed.set()

    async def _until(self, ready, timeout: float, missing) -> None:  # noqa: ANN001
        """Wait until `ready()` holds; `missing()` says what did not come, in the error."""
        deadline = time.perf_counter() + timeout
        while not ready():
            if self.closed:
                raise ConnectionError(f"the tab closed before {missing()}")
            left = deadline - time.perf_counter()
            if left <= 0:
                raise TimeoutError(f"within {timeout} s: {missing()}")
            self._changed.clear()
            try:
                await asyncio.wait_for(self._changed.wait(), left)
            except TimeoutError:
                pass

    async def wait_for(self, *words: str, since: int = 0, timeout: float = 30.0) -> float:
        """Wait until every one of `words` is in what was drawn from frame `since` on; the time it came."""
        def seen() -> str:
            return "".join(self.texts[since:])

        await self._until(lambda: all(w in seen() for w in words), timeout,
                          lambda: f"it showed {words!r}; it showed: {seen()[-400:]!r}")
        return self.frames[-1][0] if self.frames else time.perf_counter()

    async def wait_frame(self, after: int, timeout: float = 30.0) -> float:
        """Wait for a frame after the first `after` frames; the time it came."""
        await self._until(lambda: len(self.frames) > after, timeout, lambda: "a new frame")
        return self.frames[after][0]

    async def key(self, name: str) -> None:
        await self.ws.send_json(["stdin", KEYS.get(name, name)])

    async def type(self, text: str) -> None:
        for ch in text:
            await self.ws.send_json(["stdin", ch])


async def open_tab(http: aiohttp.ClientSession, base: str, token: str | None = None,
                   width: int = 80, height: int = 24) -> tuple[Tab, asyncio.Task[None]]:
    """Join the server at `base` (http://host:port) as a tab; the tab and the task reading its frames."""
    query = f"?width={width}&height={height}" + (f"&token={token}" if token else "")
    ws = await http.ws_connect(base.replace("http", "ws", 1) + "/ws" + query, max_msg_size=0)
    await ws.send_json(["resize", {"width": width, "height": height}])
    tab = Tab(ws)
    return tab, asyncio.create_task(tab.read())
