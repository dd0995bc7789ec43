"""Provides the Textual app: the flow from the title screen through a season to the debrief.

The app holds one `Session` (the engine's game in progress) and moves
between screens; screens and widgets only show what `game.report.view`
reads from it. Nothing heavier than Textual is imported before the title
screen is up: the scenario is compiled in a worker thread meanwhile.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events, work
from textual.app import App
from textual.binding import Binding

from game.tui.screens.title import TitleScreen

if TYPE_CHECKING:
    from game.content.city import City
    from game.engine.actions import Action
    from game.engine.book import Book
    from game.engine.events import Event
    from game.room.seat import Seat
    from game.saves import Autosaver
    from game.session import Session

DARK, LIGHT = "textual-dark", "textual-light"


@dataclass
class Options:
    """What the command line already answered; None means: ask the player."""

    scenario: str | None = None
    persona: str | None = None
    seed: int | None = None
    opacity: str | None = None
    days: int | None = None
    load: str | None = None
    saves: str | None = None
    group: str | None = None
    seat: Seat | None = None  # a room's seat (python -m game play --room CODE --group NAME)
    rules: str | None = None  # a rule pack new games are played under (python -m game play --rules PACK)
    room: str | None = None  # a room every game here belongs to (python -m game serve --room CODE): group asked first


class GoodStandingApp(App[int]):
    """Good Standing: live a season in a city that scores its residents."""

    TITLE = "Good Standing"
    CSS_PATH = ["styles/app.tcss"]
    BINDINGS = [
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("ctrl+t", "toggle_theme", "Theme", show=False),
    ]

    def __init__(self, options: Options | None = None) -> None:
        super().__init__()
        self.options = options or Options()
        self.session: Session | None = None
        self.autosaver: Autosaver | None = None
        self.save_problem: str | None = None  # why the last autosave failed, until one works again
        self.book: Book | None = None
        self.scenario_path: Path | None = None
        self._books: dict[str | None, City] = {}
        self._waiting: dict[str | None, list[Callable[[City], None]]] = {}
        self._loading: set[str | None] = set()
        self.ready = False  # the first frame has been shown
        self._asked_after: set[str] = set()  # games whose room question after the debrief was put
        self._after_small: list[Callable[[], None]] = []  # finished while the window was too small
        self.theme = LIGHT if os.environ.get("GOOD_STANDING_THEME") == "light" else DARK

    def get_default_screen(self) -> TitleScreen:
        return TitleScreen()

    def on_mount(self) -> None:
        o = self.options
        if o.load:
            self.load_game(Path(o.load))
        elif o.seat is not None:
            seat = o.seat
            self.need_book(o.scenario, lambda city: self._sit(city, seat))
        elif o.persona and o.opacity:
            self.start_new_game()
        elif o.room is not None:
            self.ask_group(o.room)

    def ask_group(self, code: str) -> None:
        """A server for one room: the first screen asks the group, then plays (or goes on with) its game."""
        from game.tui.screens.join import JoinScreen

        def joined(answer: tuple[str, str] | None) -> None:
            if answer is not None:
                self.join_room(*answer)

        self.push_screen(JoinScreen(code), joined)

    def on_resize(self, event: events.Resize) -> None:
        """Below 80×24 the game says the window is too small, and goes on where it was once it is large enough."""
        from game.tui.screens.too_small import MIN_HEIGHT, MIN_WIDTH, TooSmallScreen

        small = event.size.width < MIN_WIDTH or event.size.height < MIN_HEIGHT
        covering = [s for s in self.screen_stack if isinstance(s, TooSmallScreen)]
        if small and not covering:
            self.push_screen(TooSmallScreen())
        elif small:
            covering[0].show(event.size.width, event.size.height)
        elif covering and self.screen is covering[0]:
            self.pop_screen()
            # Work that finished while the notice covered the game goes on now, on the screens it expects.
            waiting, self._after_small = self._after_small, []
            for then in waiting:
                self.call_later(then)

    def _covered(self, then: Callable[[], None]) -> bool:
        """True if the "too small" notice covers the game: `then` runs once the window is large enough."""
        from game.tui.screens.too_small import TooSmallScreen

        if isinstance(self.screen, TooSmallScreen):
            self._after_small.append(then)
            return True
        return False

    def on_ready(self) -> None:
        # Only once the first frame is up: a worker thread would otherwise slow the first paint.
        self.ready = True
        if isinstance(self.screen, TitleScreen):
            self.screen.find_latest()
            # Compile the city while the player reads the title screen.
            self.need_book(self.options.scenario, lambda city: None, quiet=True)

    # ------------------------------------------------------------ saves

    @property
    def saves_folder(self) -> Path:
        """Where games are saved, listed and continued: the room's folder once the player has joined a room."""
        from game.saves import saves_dir

        if self.options.seat is not None:
            return self.options.seat.folder
        return saves_dir(self.options.saves)

    # ------------------------------------------------------------ books

    def need_book(self, scenario: str | None, then: Callable[[City], None], quiet: bool = False) -> None:
        """Call `then(city)` once the scenario is compiled; shows a loading screen if it is not yet."""
        if scenario in self._books:
            then(self._books[scenario])
            return
        self._waiting.setdefault(scenario, []).append(then)
        if not quiet:
            from game.tui.screens.loading import LoadingScreen

            self.push_screen(LoadingScreen("Opening the city…", key=scenario))
        if scenario not in self._loading:
            self._loading.add(scenario)
            self._compile(scenario)

    @work(thread=True, exit_on_error=False)
    def _compile(self, scenario: str | None) -> None:
        from game.content.city import city_problem, open_city
        from game.content.problems import ScenarioError, UnusableInput

        try:
            city = open_city(scenario, self.options.rules)
        except (UnusableInput, ScenarioError) as exc:
            self.call_from_thread(self._compiled, scenario, None, city_problem(exc))
        else:
            self.call_from_thread(self._compiled, scenario, city, None)

    def _compiled(self, scenario: str | None, result: City | None, error: str | None) -> None:
        from game.tui.screens.loading import LoadingScreen

        if self._covered(lambda: self._compiled(scenario, result, error)):
            return
        self._loading.discard(scenario)
        waiting = self._waiting.pop(scenario, [])
        for screen in list(self.screen_stack):
            if isinstance(screen, LoadingScreen) and screen.key == scenario and screen is self.screen:
                self.pop_screen()
        if result is None:
            if waiting:
                self.show_problem("This city cannot be opened", error or "unknown problem")
            return
        self._books[scenario] = result
        for then in waiting:
            then(result)

    def show_problem(self, title: str, text: str) -> None:
        from game.tui.screens.message import MessageScreen

        self.push_screen(MessageScreen(title, text))

    # ------------------------------------------------------------ starting

    def start_new_game(self, fresh: bool = False) -> None:
        """New game: ask what the command line did not answer (with `fresh`, ask who and how again), then play."""
        o = self.options
        if fresh:  # e.g. from the debrief: another game, not the same one again (and not in the room's seat)
            o = replace(o, persona=None, opacity=None, seed=None, seat=None)
            if self.options.seat is not None:
                self.options = replace(self.options, seat=None, days=None)
                o = replace(o, days=None)
        self.need_book(o.scenario, lambda city: self._ask_persona(city, o))

    def _ask_persona(self, city: City, o: Options, highlight: str | None = None) -> None:
        book = city.book
        if o.persona is not None:
            if o.persona not in book.personas:
                self.show_problem("No such persona", f"`{o.persona}` is not in this city; it has: "
                                  + ", ".join(book.personas))
                return
            self._ask_opacity(city, o, o.persona)
            return
        from game.tui.screens.persona import PersonaScreen

        def chosen(persona: str | None) -> None:
            if persona is not None:
                self._ask_opacity(city, o, persona)

        self.push_screen(PersonaScreen(book, highlight), chosen)

    def _ask_opacity(self, city: City, o: Options, persona: str) -> None:
        book = city.book
        if o.opacity is not None:
            self.begin(city, persona, o.opacity, o.seed)
            return
        from game.tui.screens.opacity import OpacityScreen

        def chosen(answer: tuple[str, int | None, int | None] | None) -> None:
            if answer is None:  # Esc: one step back, to the persona list (if it was asked)
                if o.persona is None:
                    self._ask_persona(city, o, persona)
                return
            opacity, seed, days = answer
            self.begin(city, persona, opacity, seed if seed is not None else o.seed,
                       days if days is not None else o.days)

        self.push_screen(OpacityScreen(book, o.seed, ask_season=o.days is None), chosen)

    def begin(self, city: City, persona: str, opacity: str, seed: int | None, days: int | None = None) -> None:
        import random

        from game.engine.turn import InvalidAction
        from game.model.scenario import Opacity
        from game.session import Session

        if seed is None:
            seed = random.SystemRandom().randrange(2**31)
        try:
            session = Session.new(city, persona, seed, Opacity(opacity), days if days is not None else self.options.days,
                                  self.options.group)
        except InvalidAction as exc:
            self.show_problem("This game cannot start", str(exc))
            return
        self._play(session, intro=True)

    # ------------------------------------------------------------ rooms

    def join_room(self, code: str, group: str) -> None:
        """Join room `code` as `group` (both checked by the join screen): its plan says who and how."""
        from game.room.seat import RoomProblem, room_scenario

        try:
            scenario = room_scenario(code, self.options.saves) or self.options.scenario
        except RoomProblem as exc:
            self.show_problem("This room cannot be joined", str(exc))
            return
        self.need_book(scenario, lambda city: self._seated(city, code, group))

    def _seated(self, city: City, code: str, group: str) -> None:
        from game.room.seat import RoomProblem, take_seat

        try:
            seat = take_seat(code, group, city, self.options.saves)
        except RoomProblem as exc:
            self.show_problem("This room cannot be joined", str(exc))
            return
        self._sit(city, seat)

    def _sit(self, city: City, seat: Seat) -> None:
        """Play `seat`: go on with the group's unfinished game of this round in the room, or start it."""
        from game.engine.turn import InvalidAction
        from game.saves import list_saves

        self.options = replace(self.options, seat=seat, group=seat.group)
        for info in list_saves(seat.folder):
            if (not info.over and info.group is not None and info.group.casefold() == seat.group.casefold()
                    and info.room == seat.code and info.round == seat.round):
                self.notify(f"{seat.words(city)}. Going on with your group's game (day {info.day}).",
                            title="Your seat in the room", markup=False)
                self.load_game(Path(info.path))
                return
        try:
            session = seat.session(city)
        except InvalidAction as exc:
            self.show_problem("This game cannot start", str(exc))
            return
        self.notify(seat.words(city), title="Your seat in the room", markup=False, timeout=8)
        self._play(session, intro=True)

    def _play(self, session: Session, intro: bool = False) -> None:
        from game.tui.screens.table import TableScreen

        self.session = session
        self.book = session.book
        from game.saves import Autosaver

        self.save_problem = None
        folder = self.saves_folder
        if session.room is not None:  # a room's games are kept in the room's folder, wherever they were opened
            from game.room.folder import room_folder

            folder = room_folder(self.options.saves, session.room)
        self.autosaver = Autosaver(folder, on_error=self._autosave_failed, on_branch=self._branched)
        session.listeners.append(self.autosaver)
        session.listeners.append(self._autosave_done)
        if intro:
            self.autosaver(session)  # a save before the first move, so Continue finds it
            self._autosave_done(session)
        self._to_title()
        if session.state.over:
            self.show_debrief()
            return
        self.push_screen(TableScreen())
        if intro:
            from game.tui.screens.intro import IntroScreen

            if self._asks(session) and session.before is None:  # read after the intro, before the first card
                self._ask("before play", "before", session)
            self.push_screen(IntroScreen())

    def _asks(self, session: Session) -> bool:
        """Whether the room this game is played in asks its questions."""
        from game.room.plan import BadCode, decode

        if session.room is None:
            return False
        try:
            return decode(session.room).questions
        except BadCode:
            return False

    def _ask(self, when: str, which: str, session: Session, then: Callable[[], None] | None = None) -> None:
        from game.room.folder import AFTER, BEFORE, SCALE
        from game.tui.screens.question import QuestionScreen

        def answered(answer: object) -> None:
            if answer is not None:
                setattr(session, which, answer)
                if self.retry_save():
                    self.notify("Your answer is saved with the game.", title="Thank you", markup=False)
            if then is not None:
                then()

        self.push_screen(QuestionScreen(when, BEFORE if which == "before" else AFTER, SCALE), answered)

    def after_debrief(self, then: Callable[[], None]) -> None:
        """Leaving the debrief: a room that asks puts its question after the season once; then `then`."""
        session = self.session
        if session is not None and session.state.over and session.after is None and self._asks(session) \
                and session.game_id not in self._asked_after:
            self._asked_after.add(session.game_id)  # asked once; skipped is an answer too
            self._ask("after the debrief", "after", session, then)
            return
        then()

    def refuse(self, message: str) -> None:
        """Say why something cannot be done now, in one toast: a new refusal replaces the last.

        Pressing a closed choice again and again (or a burst of keys) must not stack toasts
        over the card and its choices.
        """
        for old in [n for n in self._notifications if n.title == "Not now"]:
            self._unnotify(old, refresh=False)
        self.notify(message, title="Not now", severity="warning", markup=False)

    def _autosave_failed(self, exc: Exception) -> None:
        first = self.save_problem is None
        self.save_problem = str(exc)
        if first:  # one toast; the table keeps saying it until a save works again
            self.notify(f"{exc}. The game goes on; press s to try saving again.", title="Autosave failed",
                        severity="error", markup=False)
        self._refresh_tables()

    def _autosave_done(self, session: Session) -> None:
        """After each autosave: a success clears the table's "not saved" line."""
        if self.autosaver is not None and self.autosaver.error is None and self.save_problem is not None:
            self.save_problem = None
            self.notify("Saved again.", title="Autosave", markup=False)
            self._refresh_tables()

    def _branched(self, path: Path) -> None:
        self.notify(f"This game was also being played from the same save elsewhere. Your moves go on in a "
                    f"file of their own: {path.name}", title="Saved as a branch", timeout=10, markup=False)

    def _refresh_tables(self) -> None:
        from game.tui.screens.table import TableScreen

        for screen in self.screen_stack:
            if isinstance(screen, TableScreen):
                screen.refresh_view()

    def retry_save(self) -> bool:
        """Try the autosave again now; True if the game is saved."""
        if self.session is None or self.autosaver is None:
            return False
        self.autosaver(self.session)
        self._autosave_done(self.session)
        return self.autosaver.error is None

    def _to_title(self) -> None:
        while len(self.screen_stack) > 1:
            self.pop_screen()

    # ------------------------------------------------------------ saves

    def continue_latest(self) -> None:
        from game.saves import latest_save

        group = self.options.group
        latest = latest_save(self.saves_folder, group=group)
        if latest is None:
            whose = f" for group “{group}”" if group else ""
            self.notify(f"No saved game{whose} yet: start a new one.", severity="warning", markup=False)
            return
        self.notify(f"Opening {latest.label()}", title="Continue", markup=False)
        self.load_game(Path(latest.path))

    def load_game(self, path: Path, from_snapshot: bool = False) -> None:
        from game.tui.screens.loading import LoadingScreen

        self.push_screen(LoadingScreen("Opening your save…", key=("save", str(path))))
        self._load_save(path, from_snapshot)

    @work(thread=True, exit_on_error=False)
    def _load_save(self, path: Path, from_snapshot: bool) -> None:
        from game.saves import SaveError, ScenarioChanged, load_session

        try:
            session = load_session(path, from_snapshot=from_snapshot)
        except ScenarioChanged as exc:
            self.call_from_thread(self._loaded, path, None, str(exc), True)
        except SaveError as exc:
            self.call_from_thread(self._loaded, path, None, str(exc), False)
        else:
            self.call_from_thread(self._loaded, path, session, None, False)

    def _loaded(self, path: Path, session: Session | None, error: str | None, changed: bool) -> None:
        from game.tui.screens.loading import LoadingScreen

        if self._covered(lambda: self._loaded(path, session, error, changed)):
            return
        if isinstance(self.screen, LoadingScreen):
            self.pop_screen()
        if session is not None:
            self._play(session)
            return
        if changed:
            from game.tui.screens.confirm import ConfirmScreen

            def answer(yes: bool | None) -> None:
                if yes:
                    self.load_game(path, from_snapshot=True)

            self.push_screen(ConfirmScreen(
                "The city's rulebook has changed since this game was saved, so its moves may not play out "
                "the same way again. Go on from where you were, under the new rules? (The moves already "
                f"made stay as they were.)\n\nFor the facilitator: {error}", yes="Go on from where I was",
                no="Cancel"), answer)
            return
        self.show_problem("This save cannot be opened", error or "unknown problem")

    def save_now(self, name: str | None = None) -> None:
        """Save now: under `name` if given (a named save), else to the game's autosave file."""
        from game.saves import SaveError, save_session

        if self.session is None:
            return
        if not name:  # the game's own file
            if self.retry_save():
                self.notify(f"Saved to {self.autosaver.path if self.autosaver else ''}", title="Saved", markup=False)
            return
        try:
            path = save_session(self.session, self.saves_folder, name)
        except SaveError as exc:
            self.notify(str(exc), title="Not saved", severity="error", markup=False)
            return
        self.notify(f"Saved to {path}", title="Saved", markup=False)

    # ------------------------------------------------------------ playing

    def act(self, action: Action) -> list[Event] | None:
        """Take an action in the session; tell the player if it is not possible now."""
        from game.engine.turn import InvalidAction

        assert self.session is not None
        try:
            events = self.session.act(action)
        except InvalidAction as exc:
            self.refuse(str(exc))
            return None
        self._after(events)
        return events

    def _after(self, events: list[Event]) -> None:
        from game.engine.events import GateTried
        from game.tui.screens.table import TableScreen

        for screen in self.screen_stack:
            if isinstance(screen, TableScreen):
                screen.refresh_view()
        assert self.session is not None
        if self.session.state.over:
            self.show_debrief()
            return
        for e in events:
            if isinstance(e, GateTried) and not e.result.open:
                from game.tui.screens.refusal import RefusalScreen

                self.push_screen(RefusalScreen(e.result))

    def show_debrief(self) -> None:
        from game.tui.screens.debrief import DebriefScreen

        self._to_title()
        self.push_screen(DebriefScreen())

    def back_to_title(self) -> None:
        self.session = None
        self._to_title()

    # ------------------------------------------------------------ app-wide actions

    def action_help(self) -> None:
        from game.tui.screens.help import HelpScreen
        from game.tui.screens.too_small import TooSmallScreen

        if not isinstance(self.screen, HelpScreen | TooSmallScreen):
            self.push_screen(HelpScreen())

    def action_toggle_theme(self) -> None:
        self.theme = LIGHT if self.theme == DARK else DARK
