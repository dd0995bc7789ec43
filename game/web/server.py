"""Provides the web server of `python -m game serve`: textual-serve's protocol, one app process per tab.

Routes (each needs the room's token when there is one: `?token=` on the first visit, then the
cookie the page sets, so the terminal's websocket and a debrief's download carry it too):

- `/`            the game: textual-serve's terminal page, from our own template (nothing fetched
                 from outside this server); "the room is full" (503) at the session cap
- `/ws`          one tab's websocket: keys and sizes in, the app's screen out
- `/download/K`  a file the app delivers (the debrief's export)
- `/room`        the room's report, refreshing every few seconds, for the projector
- `/static/...`  textual-serve's script, style sheet and font

A tab's app is a child of the preloaded app server (`game.web.zygote`, forked) or, with
`preload=False`, a fresh interpreter as plain textual-serve starts it (`game.web.session`).
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from html import escape
from importlib.resources import files
from pathlib import Path
from string import Template
from typing import Any

from aiohttp import WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.download_manager import DownloadManager

from game.web.session import WEB_ENVIRONMENT, TabOptions

log = logging.getLogger("good-standing.serve")

COOKIE = "good_standing_token"
MAX_MESSAGE = 64 * 1024  # one websocket message (a paste); larger ones close the socket (aiohttp)
MAX_KEYS_PER_SECOND = 200  # stdin messages a tab may send in a second; the rest are dropped
MAX_BAD_MESSAGES = 50  # messages that are not textual-serve's protocol before the socket is closed
STOP_GRACE = 5.0  # seconds a tab's app has to quit before it is killed
ROOM_REFRESH = 5  # seconds between refreshes of the room's page
MAX_SIZE = 500  # columns or rows a browser may ask for


def _template(name: str) -> Template:
    return Template(files("game.web").joinpath("templates", name).read_text(encoding="utf-8"))


def static_folder() -> Path:
    """textual-serve's own static files (its terminal script, style sheet, font), served as they are."""
    import textual_serve

    return Path(textual_serve.__file__).parent / "static"


# ---------------------------------------------------------------- a tab's app process


@dataclass
class Child:
    """One tab's app process, as textual-serve's AppService reads and writes it."""

    pid: int
    stdin: asyncio.StreamWriter
    stdout: asyncio.StreamReader
    stderr: asyncio.StreamReader
    process: asyncio.subprocess.Process | None = None  # plain: our own child; preloaded: the zygote's

    def kill(self) -> None:
        try:
            os.kill(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


async def _reader(fd: int) -> asyncio.StreamReader:
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader(limit=1 << 20)
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), os.fdopen(fd, "rb", 0))
    return reader


async def _writer(fd: int) -> asyncio.StreamWriter:
    loop = asyncio.get_running_loop()
    transport, protocol = await loop.connect_write_pipe(asyncio.streams.FlowControlMixin, os.fdopen(fd, "wb", 0))
    return asyncio.StreamWriter(transport, protocol, None, loop)


class SpawnError(Exception):
    """A tab's app could not be started."""


class Forked:
    """Tabs forked from the preloaded app server (`game.web.zygote`)."""

    def __init__(self, options: TabOptions) -> None:
        self.options = options
        self.zygote: subprocess.Popen[bytes] | None = None
        self.control: socket.socket | None = None
        self.lock = asyncio.Lock()
        self.started = asyncio.Event()  # a tab that comes while the game loads waits for it

    async def start(self) -> None:
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        self.zygote = subprocess.Popen(
            [sys.executable, "-m", "game.web.zygote", str(theirs.fileno()), self.options.to_json()],
            pass_fds=[theirs.fileno()], stdin=subprocess.DEVNULL, start_new_session=True)
        theirs.close()
        ours.setblocking(False)
        self.control = ours
        loop = asyncio.get_running_loop()
        try:
            reply = await asyncio.wait_for(loop.sock_recv(ours, 4096), 120)
        except TimeoutError:
            reply = b""
        if not reply or "ready" not in json.loads(reply):
            raise SpawnError("the game's app server did not start (its messages are above)")
        self.started.set()

    async def spawn(self, columns: int, rows: int) -> Child:
        try:
            await asyncio.wait_for(self.started.wait(), 120)
        except TimeoutError:
            raise SpawnError("the game's app server is not ready") from None
        async with self.lock:
            if self.zygote is not None and self.zygote.poll() is not None:
                # The app server itself has died (killed from outside): the tabs playing are its children
                # and go on; a new one is started for the tabs to come.
                log.warning("the game's app server ended (%s); starting a new one", self.zygote.returncode)
                if self.control is not None:
                    self.control.close()
                await self.start()
        if self.control is None:
            raise SpawnError("the app server is not running")
        loop = asyncio.get_running_loop()
        stdin_r, stdin_w = os.pipe()
        stdout_r, stdout_w = os.pipe()
        stderr_r, stderr_w = os.pipe()
        theirs = [stdin_r, stdout_w, stderr_w]
        try:
            async with self.lock:  # one request, one answer
                socket.send_fds(self.control, [json.dumps({"columns": columns, "rows": rows}).encode()], theirs)
                reply = await asyncio.wait_for(loop.sock_recv(self.control, 4096), 30)
        except (OSError, TimeoutError) as exc:
            for fd in (stdin_w, stdout_r, stderr_r):
                os.close(fd)
            raise SpawnError(f"the app server did not answer ({exc})") from None
        finally:
            for fd in theirs:
                os.close(fd)
        answer = json.loads(reply) if reply else {"error": "the app server has stopped"}
        if "pid" not in answer:
            for fd in (stdin_w, stdout_r, stderr_r):
                os.close(fd)
            raise SpawnError(str(answer.get("error")))
        return Child(int(answer["pid"]), await _writer(stdin_w), await _reader(stdout_r), await _reader(stderr_r))

    def forget(self, child: Child) -> None:
        pass  # the app server reaps its own children

    def stop(self) -> None:
        """End the app server and, through it, every tab's app (SIGTERM, then SIGKILL)."""
        if self.control is not None:
            self.control.close()
            self.control = None
        zygote = self.zygote
        if zygote is None:
            return
        if zygote.poll() is None:
            zygote.terminate()
            try:
                zygote.wait(STOP_GRACE)
            except subprocess.TimeoutExpired:
                zygote.kill()
                zygote.wait()
        # A tab left behind by a zygote that was killed itself: its process group goes too.
        try:
            os.killpg(zygote.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass


class Plain:
    """Tabs each in a fresh interpreter, as textual-serve starts apps (for comparison, and a fallback)."""

    def __init__(self, options: TabOptions) -> None:
        self.options = options
        self.processes: dict[int, asyncio.subprocess.Process] = {}

    async def start(self) -> None:
        pass

    async def spawn(self, columns: int, rows: int) -> Child:
        env = dict(os.environ, **WEB_ENVIRONMENT, COLUMNS=str(columns), ROWS=str(rows))
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "game.web.session", self.options.to_json(), env=env,
            stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
            start_new_session=True)
        assert process.stdin and process.stdout and process.stderr
        self.processes[process.pid] = process
        return Child(process.pid, process.stdin, process.stdout, process.stderr, process)

    def forget(self, child: Child) -> None:
        self.processes.pop(child.pid, None)

    def stop(self) -> None:
        for process in list(self.processes.values()):
            if process.returncode is None:
                try:
                    process.kill()
                except ProcessLookupError:
                    pass


class Tab(AppService):
    """textual-serve's AppService over a tab's process from `spawner`; stopping it is bounded in time."""

    def __init__(self, spawner: Forked | Plain, **kwargs: Any) -> None:
        super().__init__("", **kwargs)
        self.spawner = spawner
        self.child: Child | None = None

    async def _open_app_process(self, width: int = 80, height: int = 24) -> Any:
        self.child = await self.spawner.spawn(width, height)
        self._process = self.child  # type: ignore[assignment]  # AppService reads .stdout and .stderr
        self._stdin = self.child.stdin
        return self.child

    async def run(self) -> None:
        await super().run()
        # The app has ended (quit, or crashed): the tab says so, rather than wait on a dead screen.
        try:
            await self.remote_close()
        except Exception:  # the socket may have gone first
            pass

    async def stop(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            try:
                await self._download_manager.cancel_app_downloads(app_service_id=self.app_service_id)
                await self.send_meta({"type": "quit"})
            except Exception:  # noqa: S110 - a dead pipe: the process is killed below if still there
                pass
            try:
                await asyncio.wait_for(asyncio.shield(task), STOP_GRACE)
            except (TimeoutError, asyncio.CancelledError):
                if self.child is not None:
                    self.child.kill()
                await asyncio.gather(task, return_exceptions=True)
        if self.child is not None:
            if self.child.process is not None:
                await self.child.process.wait()
            self.child.stdin.close()
            self.spawner.forget(self.child)


# ---------------------------------------------------------------- the server


@dataclass
class Settings:
    host: str = "127.0.0.1"
    port: int = 8000
    token: str | None = None  # set: every request needs it (`--lan`)
    max_sessions: int = 20
    options: TabOptions = field(default_factory=TabOptions)
    preload: bool = True
    title: str = "Good Standing"


class GameServer:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.spawner: Forked | Plain = Forked(settings.options) if settings.preload else Plain(settings.options)
        self.downloads = DownloadManager()
        self.tabs: set[Tab] = set()
        self.sessions = 0  # websockets open or opening (each holds a slot up to the cap)
        self._room_page: tuple[tuple[Any, ...], str] | None = None

    # -------------------------------------------------------- pages

    def notice(self, status: int, heading: str, text: str, refresh: int | None = None) -> web.Response:
        page = _template("notice.html").substitute(
            title=escape(f"{self.settings.title} · {heading}"), heading=escape(heading), text=escape(text),
            refresh=f'<meta http-equiv="refresh" content="{refresh}">\n    ' if refresh else "")
        return web.Response(status=status, text=page, content_type="text/html",
                            headers={"Cache-Control": "no-store"})

    def full(self) -> web.Response:
        return self.notice(503, "The room is full",
                           f"All {self.settings.max_sessions} places in this room are taken. This page tries "
                           "again every 10 seconds; or join a group at a screen that is already playing.",
                           refresh=10)

    @web.middleware
    async def guard(self, request: web.Request, handler: Any) -> web.StreamResponse:
        token = self.settings.token
        if token is None:
            return await handler(request)  # type: ignore[no-any-return]
        given = request.query.get("token") or request.cookies.get(COOKIE) or ""
        if not secrets.compare_digest(given.encode(), token.encode()):
            return self.notice(403, "This address needs the room's token",
                               "Open the address the facilitator shows (or scan its QR code): it ends in "
                               "?token=… and lets you into this room's games.")
        response: web.StreamResponse = await handler(request)
        if request.query.get("token"):
            response.set_cookie(COOKIE, token, httponly=True, samesite="Strict")
        return response

    async def index(self, request: web.Request) -> web.StreamResponse:
        if self.sessions >= self.settings.max_sessions:
            return self.full()
        scheme = "wss" if (request.headers.get("X-Forwarded-Proto") or request.scheme) == "https" else "ws"
        websocket = f"{scheme}://{request.host}/ws"
        try:
            font_size = max(8, min(40, int(request.query.get("fontsize", "16"))))
        except ValueError:
            font_size = 16
        room = self.settings.options.room
        page = _template("index.html").substitute(
            title=escape(self.settings.title), websocket=escape(websocket), font_size=font_size,
            again=escape(" (your group's game goes on)" if room else ""))
        return web.Response(text=page, content_type="text/html", headers={"Cache-Control": "no-store"})

    async def room(self, request: web.Request) -> web.StreamResponse:
        code = self.settings.options.room
        if code is None:
            return self.notice(404, "No room here",
                               "This server was not started for a room (python -m game serve --room CODE).")
        page = await asyncio.to_thread(self._room_html, code)
        return web.Response(text=page, content_type="text/html", headers={"Cache-Control": "no-store"})

    def _room_html(self, code: str) -> str:
        """The room's report page, built again only when a save in the room's folder has changed."""
        from game.room.folder import BadRoom, room_folder
        from game.room.pages import to_html
        from game.room.report import build_report, collect

        folder = room_folder(self.settings.options.saves, code)
        try:
            seen = tuple(sorted((p.name, (st := p.stat()).st_mtime_ns, st.st_size) for p in folder.iterdir()))
        except OSError:
            seen = ()
        if self._room_page is not None and self._room_page[0] == seen:
            return self._room_page[1]
        try:
            report = build_report(collect([folder] if folder.is_dir() else [], code, self.settings.options.scenario))
        except BadRoom as exc:
            heading = "This room's folder cannot be read"
            return _template("notice.html").substitute(
                title=escape(heading), heading=escape(heading), text=escape(str(exc)),
                refresh=f'<meta http-equiv="refresh" content="{ROOM_REFRESH}">')
        page = to_html(report, refresh=ROOM_REFRESH)
        self._room_page = (seen, page)
        return page

    async def download(self, request: web.Request) -> web.StreamResponse:
        key = request.match_info["key"]
        try:
            meta = await self.downloads.get_download_metadata(key)
        except KeyError:
            raise web.HTTPNotFound(text="This download has gone: export the debrief again.") from None
        response = web.StreamResponse()
        content_type = meta.mime_type + (f"; charset={meta.encoding}" if meta.encoding else "")
        response.headers["Content-Type"] = content_type
        disposition = "inline" if meta.open_method == "browser" else "attachment"
        safe = "".join(c for c in meta.file_name if c.isalnum() or c in "-_. ") or "download"
        response.headers["Content-Disposition"] = f'{disposition}; filename="{safe}"'
        await response.prepare(request)
        async for chunk in self.downloads.download(key):
            await response.write(chunk)
        await response.write_eof()
        return response

    # -------------------------------------------------------- a tab

    async def websocket(self, request: web.Request) -> web.StreamResponse:
        if self.sessions >= self.settings.max_sessions:
            return self.full()
        self.sessions += 1
        try:
            return await self._play(request)
        finally:
            self.sessions -= 1

    async def _play(self, request: web.Request) -> web.StreamResponse:
        ws = web.WebSocketResponse(heartbeat=15, max_msg_size=MAX_MESSAGE)
        await ws.prepare(request)
        columns, rows = _size(request.query.get("width"), 80), _size(request.query.get("height"), 24)
        tab = Tab(self.spawner, write_bytes=ws.send_bytes, write_str=ws.send_str, close=ws.close,
                  download_manager=self.downloads)
        self.tabs.add(tab)
        try:
            try:
                await tab.start(columns, rows)
            except SpawnError as exc:
                log.error("a tab could not start: %s", exc)
                await ws.close(code=1011, message=b"the game could not start")
                return ws
            await self._pump(ws, tab)
        except (ConnectionResetError, asyncio.CancelledError):
            pass
        finally:
            self.tabs.discard(tab)
            await tab.stop()
            if not ws.closed:
                await ws.close()
        return ws

    async def _pump(self, ws: web.WebSocketResponse, tab: Tab) -> None:
        """The browser's messages to the app: textual-serve's protocol, anything else ignored and counted."""
        bad = 0
        window, keys = time.monotonic(), 0
        async for message in ws:
            if message.type != WSMsgType.TEXT:
                bad += 1
            else:
                envelope = _envelope(message.data)
                if envelope is None:
                    bad += 1
                else:
                    kind, data = envelope
                    if kind == "stdin" and isinstance(data, str):
                        now = time.monotonic()
                        if now - window >= 1.0:
                            window, keys = now, 0
                        keys += 1
                        if keys <= MAX_KEYS_PER_SECOND:
                            await tab.send_bytes(data.encode("utf-8", "replace"))
                    elif kind == "resize" and isinstance(data, dict):
                        await tab.set_terminal_size(_size(data.get("width"), 80), _size(data.get("height"), 24))
                    elif kind == "ping" and isinstance(data, str) and len(data) <= 64:
                        await ws.send_json(["pong", data])
                    elif kind == "blur":
                        await tab.blur()
                    elif kind == "focus":
                        await tab.focus()
                    else:
                        bad += 1
            if bad > MAX_BAD_MESSAGES:
                log.warning("a tab sent %d messages that are not the game's protocol: closed", bad)
                await ws.close(code=1008, message=b"not the game's protocol")
                return

    # -------------------------------------------------------- running

    def app(self) -> web.Application:
        application = web.Application(middlewares=[self.guard], client_max_size=MAX_MESSAGE)
        application.add_routes([
            web.get("/", self.index),
            web.get("/ws", self.websocket),
            web.get("/room", self.room),
            web.get("/download/{key}", self.download),
            web.static("/static", static_folder()),
        ])
        application.on_shutdown.append(self._on_shutdown)
        return application

    async def _on_shutdown(self, _app: web.Application) -> None:
        await asyncio.gather(*(tab.stop() for tab in list(self.tabs)), return_exceptions=True)

    async def run(self, ready: Any = None) -> None:
        """Serve until SIGINT or SIGTERM; then every tab's app is told to quit, and stopped."""
        loop = asyncio.get_running_loop()
        stop = asyncio.Event()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        runner = web.AppRunner(self.app(), handle_signals=False, access_log=None)
        try:
            await runner.setup()
            site = web.TCPSite(runner, self.settings.host, self.settings.port, reuse_address=True)
            await site.start()  # first: a port in use is said at once, before the app server loads the game
            await self.spawner.start()
            if ready is not None:
                ready(self)
            await stop.wait()
        finally:
            await runner.cleanup()
            self.spawner.stop()


def _size(value: Any, default: int) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError, OverflowError):  # OverflowError: a JSON number past the floats, 1e999
        return default
    return max(1, min(MAX_SIZE, number))


def _envelope(text: str) -> tuple[str, Any] | None:
    """`["stdin", "x"]` and the like as (kind, data); None for anything else."""
    if len(text) > MAX_MESSAGE:
        return None
    try:
        envelope = json.loads(text)
    except (ValueError, RecursionError):  # RecursionError: "[[[[…" nested past the parser's depth
        return None
    if not isinstance(envelope, list) or not envelope or not isinstance(envelope[0], str):
        return None
    return envelope[0], envelope[1] if len(envelope) > 1 else None
