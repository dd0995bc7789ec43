"""Provides the preloaded app server: Textual imported and the city compiled once, then one fork per tab.

Started by the web server as `python -m game.web.zygote FD OPTIONS_JSON`, FD being its end of a
SOCK_SEQPACKET socket pair. For each request (a JSON line with the tab's size, and the three
ends of the tab's stdin, stdout and stderr pipes passed as file descriptors) it forks a child
that runs the tab's game on those pipes, and answers with the child's pid. A fork starts in a
few milliseconds and shares the imported modules and the compiled city copy-on-write, where a
fresh interpreter per tab spends about a third of a CPU second importing and compiling.

The zygote reaps its children (no zombies), ignores Ctrl+C (the server decides when to stop),
and on SIGTERM or when the server's end of the socket closes, it ends every child: SIGTERM,
then SIGKILL for any still running two seconds later.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import sys
import time
import traceback

from game.web.session import WEB_ENVIRONMENT, TabOptions, preload, run_session, warm

children: set[int] = set()


def reap(*_: object) -> None:
    """Collect every child that has ended, so none lingers as a zombie."""
    while True:
        try:
            pid, _status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            children.clear()
            return
        if pid == 0:
            return
        children.discard(pid)


def end_children(grace: float = 2.0) -> None:
    """SIGTERM every child; SIGKILL those still running after `grace` seconds; reap them all."""
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    for sig in (signal.SIGTERM, signal.SIGKILL):
        for pid in list(children):
            try:
                os.kill(pid, sig)
            except ProcessLookupError:
                children.discard(pid)
        deadline = time.monotonic() + grace
        while children and time.monotonic() < deadline:
            reap()
            time.sleep(0.02)
        if not children:
            return
    while children:  # after SIGKILL they end at once
        try:
            pid, _ = os.waitpid(-1, 0)
        except ChildProcessError:
            return
        children.discard(pid)


def child(control: socket.socket, fds: list[int], size: tuple[int, int], options: TabOptions) -> None:
    """In the forked child: become the tab's app process on the passed pipes. Never returns."""
    code = 1
    try:
        control.close()
        for sig in (signal.SIGCHLD, signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, signal.SIG_DFL)
        for target, fd in zip((0, 1, 2), fds, strict=True):
            os.dup2(fd, target)
            os.close(fd)
        os.environ["COLUMNS"], os.environ["ROWS"] = str(size[0]), str(size[1])
        code = run_session(options)
    except BaseException:  # a crash ends this tab only; its traceback goes to the server's log
        try:
            traceback.print_exc()
            sys.stderr.flush()
        except BaseException:
            pass
    finally:
        os._exit(code)  # never the zygote's own clean-up, never back into its loop


def serve(control: socket.socket, options: TabOptions) -> None:
    while True:
        try:
            message, fds, _flags, _addr = socket.recv_fds(control, 4096, 3)
        except OSError:
            return
        if not message:
            for fd in fds:
                os.close(fd)
            return  # the server has gone
        if len(fds) != 3:
            for fd in fds:
                os.close(fd)
            control.send(json.dumps({"error": "a tab needs three pipes"}).encode())
            continue
        try:
            request = json.loads(message)
            size = (max(1, min(1000, int(request["columns"]))), max(1, min(1000, int(request["rows"]))))
        except (ValueError, KeyError, TypeError):
            for fd in fds:
                os.close(fd)
            control.send(json.dumps({"error": "a request is {columns, rows}"}).encode())
            continue
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            child(control, fds, size, options)
        children.add(pid)
        for fd in fds:
            os.close(fd)
        control.send(json.dumps({"pid": pid}).encode())


def main(argv: list[str]) -> int:
    fd, options = int(argv[0]), TabOptions.from_json(argv[1])
    for name, value in WEB_ENVIRONMENT.items():  # before Textual is imported: it reads them once
        os.environ.setdefault(name, value)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    signal.signal(signal.SIGCHLD, reap)
    control = socket.socket(fileno=fd)
    try:
        preload(options)
        if os.environ.get("GOOD_STANDING_SERVE_WARM", "1") != "0":
            warm(options)
        import gc

        gc.collect()
        gc.freeze()  # what is loaded now stays out of the children's collections: their pages stay shared
        control.send(json.dumps({"ready": os.getpid()}).encode())
        serve(control, options)
    except SystemExit:
        pass
    finally:
        end_children()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
