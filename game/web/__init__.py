"""Provides the browser face: `python -m game serve`, the game in browser tabs over textual-serve's protocol.

A face like the terminal game: it holds no game logic. Each tab is one Textual app process
(the same `GoodStandingApp` as in a terminal) driven by textual-serve's web driver; the
server only carries bytes between the tab's websocket and that process, checks the room's
token, caps the sessions, and shows the room's report page.
"""
