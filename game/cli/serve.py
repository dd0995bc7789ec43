"""Provides `serve`: the game in browser tabs, one laptop serving a room (textual-serve's protocol)."""

from __future__ import annotations

import argparse
import errno
import secrets
import socket
import sys

from game.cli import UsageError
from game.cli.common import add_rules_option, load_city, positive_int
from game.model.text import shown

# Memory one more tab takes, in MiB: benchmarks/serve.py measured 19 (preloaded, proportional set size,
# 30 tabs after 60 keys each) and 47 (--plain, a fresh interpreter per tab) on the first screens; kept
# higher here for a tab deep in its season, with a long log and a debrief.
TAB_MIB = {True: 32, False: 64}
MEMORY_SHARE = 0.6  # of the memory free at start that tabs may take
MAX_DEFAULT = 120


def add_parser(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--scenario", metavar="S", help="scenario folder or id (default: the default city)")
    add_rules_option(parser)
    parser.add_argument("--saves", metavar="DIR", help="folder for saves (default: see README)")
    parser.add_argument("--room", metavar="CODE",
                        help="every tab joins this workshop room (made with `room new`): the group is asked on the "
                             "first screen, games are saved in the room's folder, the room's page is at /room")
    parser.add_argument("--lan", action="store_true",
                        help="listen on the local network (default: this computer only); every address then "
                             "carries the room's token, shown with a QR code")
    parser.add_argument("--host", metavar="ADDRESS",
                        help="address to listen on (default 127.0.0.1, or every address with --lan)")
    parser.add_argument("--port", metavar="N", type=positive_int, default=8000, help="port (default 8000)")
    parser.add_argument("--token", metavar="TEXT",
                        help="the token addresses must carry (default with --lan: a new random one); give the "
                             "same one to several servers behind one proxy")
    parser.add_argument("--max-sessions", metavar="N", type=positive_int,
                        help="tabs playing at once before 'the room is full' (default: from the free memory)")
    parser.add_argument("--plain", action="store_true",
                        help="start a fresh interpreter for every tab, as plain textual-serve does (slower; the "
                             "default forks each tab from one that has the game loaded)")


def free_memory() -> int | None:
    """Bytes of memory available now (Linux's MemAvailable), or None where that is not known."""
    try:
        with open("/proc/meminfo", encoding="ascii") as f:
            for line in f:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


def default_cap(free: int | None, preload: bool) -> int:
    """How many tabs may play at once: a share of the free memory over what one tab takes."""
    if free is None:
        return 30
    return max(2, min(MAX_DEFAULT, int(free * MEMORY_SHARE / (TAB_MIB[preload] * 2**20))))


def lan_address() -> str:
    """This computer's address on the local network (the one a route out would use; nothing is sent)."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("10.254.254.254", 1))
        address: str = probe.getsockname()[0]
        return address
    except OSError:
        try:
            return socket.gethostbyname(socket.gethostname())
        except OSError:
            return "127.0.0.1"
    finally:
        probe.close()


def qr_lines(url: str) -> str:
    """The address as a QR code drawn with half blocks, for phones and laptops to scan off the screen."""
    import io

    import segno

    out = io.StringIO()
    segno.make(url, error="l").terminal(out=out, compact=True, border=2)
    return out.getvalue()


def run(args: argparse.Namespace) -> int:
    import asyncio

    from game.web.server import GameServer, Settings
    from game.web.session import TabOptions

    room = None
    if args.room is not None:
        from game.room.plan import BadCode, decode
        from game.room.seat import RoomProblem, room_scenario

        try:
            room = decode(args.room).code
        except BadCode as exc:
            raise UsageError(f"--room: {exc}") from None
        try:
            scenario = room_scenario(room, args.saves)
        except RoomProblem as exc:
            raise UsageError(f"--room: {exc}") from None
        if scenario is not None and args.scenario is not None:
            raise UsageError("the room's file says which city it plays; leave out --scenario")
        load_city(scenario or args.scenario, args.rules)
    else:
        load_city(args.scenario, args.rules)  # a mistake in the city is one line now, not in every tab
    if args.token is not None and (len(args.token) < 8
                                   or not all(c.isascii() and (c.isalnum() or c in "-_") for c in args.token)):
        raise UsageError("--token: at least 8 letters, digits, - or _")
    token = args.token or (secrets.token_urlsafe(12) if args.lan else None)
    host = args.host or ("0.0.0.0" if args.lan else "127.0.0.1")
    preload = not args.plain
    free = free_memory()
    cap = args.max_sessions or default_cap(free, preload)
    settings = Settings(host=host, port=args.port, token=token, max_sessions=cap, preload=preload,
                        options=TabOptions(saves=args.saves, scenario=args.scenario, rules=args.rules, room=room))
    shown_host = lan_address() if host in ("0.0.0.0", "::") else host
    base = f"http://{shown_host}:{args.port}"
    query = f"?token={token}" if token else ""

    def ready(_server: object) -> None:
        out = sys.stdout
        if args.lan:  # the code first, so that the address stays in sight below it in a small terminal
            print(qr_lines(f"{base}/{query}"), end="", file=out)
        print(f"Good Standing is served at {base}/{query}", file=out)
        if args.lan:
            print("Players join by that address, or by the code above.", file=out)
        if room:
            print(f"Projector (room {room}): {base}/room{query}", file=out)
        print(f"Up to {cap} tabs at once"
              + (f" (from {free / 2**30:.1f} GiB free memory; --max-sessions to change)" if not args.max_sessions
                 and free else "") + ".", file=out)
        if not args.lan:
            print("Only this computer can open it; --lan lets the room's network in.", file=out)
        print("Ctrl+C stops the server; every game is saved after every choice.", file=out, flush=True)

    try:
        asyncio.run(GameServer(settings).run(ready))
        from game.room.folder import room_folder
        from game.saves import saves_dir

        where = room_folder(args.saves, room) if room else saves_dir(args.saves)
        print(f"Stopped. The games are saved in {shown(str(where))}", file=sys.stdout)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise UsageError(f"port {args.port} is in use on {shown(host)}: another server? try --port "
                             f"{args.port + 1}") from None
        if exc.errno == errno.EADDRNOTAVAIL:
            raise UsageError(f"--host {shown(host)}: not an address of this computer") from None
        raise
    return 0
