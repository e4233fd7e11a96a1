"""The composition root: builds the QApplication, the store, the style and the windows, and
passes them down through constructors (no globals, no `QApplication.instance()` state).

Start-up is budgeted (DESIGN section 7: the first usable window within 1.5× a bare PySide6
window), and SQLAlchemy alone would take twice that. So when the library file is already at
the current schema, `run` lists it straight through `sqlite3` (`facilitator.library`) and
opens the store on a worker thread (`ui.store_opening`) while the library is on screen. Any
other file (new, older, newer, damaged, locked) is opened first, as before, with its
migrations and its dialogs. Nothing this module imports at the top loads SQLAlchemy.
"""

from __future__ import annotations

import gc
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings
from PySide6.QtWidgets import QApplication

from facilitator import errors
from facilitator.db.location import list_backups, resolve_target
from facilitator.library import LibraryFile
from ui.first_paint import when_painted
from ui.library.window import LibraryWindow
from ui.store_opening import StoreOpening
from ui.style import Style, fusion_app
from ui.workers import Workers

if TYPE_CHECKING:
    from facilitator.db.store import Store
    from facilitator.meeting import Clock  # the session window imports the module itself
    from ui.session.window import SessionWindow

APP_NAME = "Post-mortem Facilitator"
ORGANIZATION = "postmortem-facilitator"


# How soon a thread waiting for the GIL gets it, in seconds (Python's default is 5 ms). The
# GUI thread shares the interpreter with the workers (the store opening, language counts,
# findings, imports); switching to a built step right after 300 timeline entries waited
# behind them for 53 ms at the default, 37 ms at 1 ms (bench/bench_gui_stall.py).
GIL_HANDOVER = 0.001


def share_the_interpreter() -> None:
    """Let the GUI thread take the GIL back from a worker sooner (see GIL_HANDOVER)."""
    sys.setswitchinterval(GIL_HANDOVER)


def settle_heap() -> None:
    """Keep what the app has built (modules, windows, pages) out of the garbage collector's
    full passes: `gc.freeze` moves every object alive now to a generation it never scans.

    A full pass walked the whole heap on the GUI thread, 70–110 ms at a time while the
    facilitator typed timeline entries (bench/bench_gui_stall.py); after this it walks only
    what was made since, about 10 ms. `run` freezes what start-up built; this is for each
    session window opened later.
    """
    gc.freeze()


def release_heap() -> None:
    """A window has closed: let the collector see the frozen objects again, so the cycles
    the closed window left are freed now (one full pass, while nothing else is going on)."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


class FacilitatorApp(QObject):
    """Owns the windows: the library, and one window per open session."""

    def __init__(
        self,
        store: Store | StoreOpening,
        style: Style,
        settings: QSettings,
        workers: Workers,
        *,
        listing: LibraryFile | None = None,
        clock: Clock | None = None,
    ) -> None:
        super().__init__()
        self._store: Store | None = None
        self._opening: StoreOpening | None = None
        self._listing = listing  # what the library lists until the store is open
        if isinstance(store, StoreOpening):
            self._opening = store
            store.ready.connect(self._store_ready)
            store.failed.connect(self._store_failed)
        else:
            self._store = store
        self.style = style
        self.settings = settings
        self.workers = workers
        self.clock = clock
        self.library: LibraryWindow | None = None
        self.sessions: dict[str, SessionWindow] = {}

    @property
    def store(self) -> Store:
        """The open store; while it is still opening, wait for it (a few hundred ms at most,
        and only for someone who acts within the first moments)."""
        if self._store is None and self._opening is not None:
            self._opening.wait()
        if self._store is None:
            raise errors.DatabaseUnavailableError(self._location(), "it was not opened")
        return self._store

    def _location(self) -> str:
        return self._opening.location if self._opening is not None else ""

    def _store_ready(self, store: Store) -> None:
        self._store = store
        if self.library is not None:
            self.library.use_store(store)
        self._close_listing()
        settle_heap()  # what the worker loaded (SQLAlchemy, the models) lives as long as we do

    def _store_failed(self, error: errors.DatabaseError) -> None:
        """The file changed between the first read and the opening (another program has it
        locked, say): the usual dialog, a way out, or quit."""
        self._close_listing()
        assert self._opening is not None
        store = open_with_recovery(self._opening.target, error)
        if store is None:
            self.quit()
            return
        self._store_ready(store)
        if self.library is not None:
            self.library.refresh()

    def _close_listing(self) -> None:
        if self._listing is not None:
            self._listing.close()
            self._listing = None

    def show_library(self) -> LibraryWindow:
        if self.library is None:
            listing = self._listing if self._store is None else None
            self.library = LibraryWindow(
                self.store if self._store is not None else lambda: self.store,
                listing=listing,
                style=self.style,
                settings=self.settings,
                workers=self.workers,
            )
            self.library.open_requested.connect(self.open_session)
            self.library.quit_requested.connect(self.quit)
        else:
            self.library.refresh()  # a new window has just loaded the list
        self.library.show()
        self.library.raise_()
        self.library.activateWindow()
        return self.library

    def library_painted(self) -> None:
        """The first window is on screen: what start-up left for later starts now."""
        self.style.load_all_faces()
        if self._opening is not None:
            self._opening.start()

    def open_session(self, session_id: str, step: str | None = None) -> SessionWindow:
        store = self.store  # first: the worker opening it may still be importing the core
        self.style.load_all_faces()
        # Imported on first use: the session window and its pages are not needed to show
        # the library, and start-up is budgeted (DESIGN section 7).
        from ui.session.window import SessionWindow, open_on_step

        window = self.sessions.get(session_id)
        if window is None:
            window = SessionWindow(
                store,
                session_id,
                style=self.style,
                settings=self.settings,
                workers=self.workers,
                clock=self.clock,
            )
            window.closed.connect(self._session_closed)
            window.library_requested.connect(self.show_library)
            window.quit_requested.connect(self.quit)
            self.sessions[session_id] = window
            settle_heap()
        window.show()
        window.raise_()
        window.activateWindow()
        open_on_step(window, step)
        return window

    def _session_closed(self, session_id: str) -> None:
        self.sessions.pop(session_id, None)
        release_heap()
        if self.library is not None and self.library.isVisible():
            self.library.refresh()

    def close(self) -> None:
        """After quitting: let go of the store (and of the direct read, if still open)."""
        self._close_listing()
        store = self._store
        if store is None and self._opening is not None:
            store = self._opening.result()  # opened while we quit, never reported
        if store is not None:
            store.close()

    def save_all(self) -> None:
        """Every pending edit and timer to the database (quit, or the OS ending the session)."""
        for window in list(self.sessions.values()):
            window.save_all()

    def quit(self) -> None:
        for window in list(self.sessions.values()):
            window.close()  # saves
        if self.library is not None:
            self.library.close()


def open_with_recovery(
    target: str | None, error: errors.DatabaseError | None = None
) -> Store | None:
    """Open the store; on a DatabaseError (`error`: one already met) ask for a way out until
    one works or the user quits."""
    from facilitator.db.store import open_store

    while True:
        try:
            if error is not None:
                raise error
            return open_store(target)
        except errors.DatabaseError as exc:
            error = None
            _, path = resolve_target(target)
            backups = list_backups(path) if path is not None and path.parent.is_dir() else []
            from facilitator import recovery  # only when something is wrong
            from ui.store_dialog import DatabaseProblemDialog

            choice = DatabaseProblemDialog.ask(exc, backups[0] if backups else None)
            if choice is None:
                return None
            if choice.kind == "restore" and path is not None:
                recovery.restore_backup(path, choice.path)
            else:
                target = str(choice.path)


def run(db: str | None, session_id: str | None = None, step: str | None = None) -> int:
    """Start the app: the library, or one session on one step (`facilitator open ID --step`)."""
    share_the_interpreter()
    app = QApplication.instance() or fusion_app(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationDisplayName(APP_NAME)
    settings = QSettings(ORGANIZATION, "app")
    style = Style(app, settings, first_faces_only=not session_id)
    style.apply()
    workers = Workers()
    listing = None if session_id else first_listing(db)
    opening = StoreOpening(workers, db) if listing is not None else None
    if opening is not None:
        root = FacilitatorApp(opening, style, settings, workers, listing=listing)
    else:
        try:
            store = open_with_recovery(db)
        except errors.FacilitatorError as exc:  # a restore that failed: say so, plainly
            print(f"{APP_NAME}: {exc}", file=sys.stderr)
            return 2
        if store is None:
            return 1
        root = FacilitatorApp(store, style, settings, workers)
    app.aboutToQuit.connect(root.save_all)
    try:
        if session_id:
            root.open_session(session_id, step)
        else:
            root.show_library()
        # What start-up built lives as long as the app: keep it out of the cyclic collector,
        # whose full passes over it paused the GUI thread for 100–230 ms mid-meeting.
        gc.freeze()
        if root.library is not None:
            when_painted(root.library, root.library_painted)
        return app.exec()
    finally:
        root.save_all()
        workers.wait()
        root.close()


def first_listing(db: str | None) -> LibraryFile | None:
    """The library file read directly, when it is a file at the current schema (see above)."""
    try:
        _, path = resolve_target(db)
    except errors.FacilitatorError:
        return None
    return LibraryFile.open(path) if path is not None else None


if __name__ == "__main__":
    sys.exit(run(sys.argv[1] if len(sys.argv) > 1 else None))
