"""Opening the store on a worker thread while the library's first window is already up.

Importing SQLAlchemy and the models and opening the store take ~0.4 s, about twice the whole
start-up budget (DESIGN section 7). So the app shows the library from the file read directly
(`facilitator.library.LibraryFile`) and opens the store here meanwhile. The window is usable
at once; anything that needs the store in the first half second waits for it (`wait`).
"""

from __future__ import annotations

import os
import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from ui.workers import Workers

if TYPE_CHECKING:
    from facilitator.db.store import Store


def open_warm(target: str | os.PathLike[str] | None) -> Store:
    """The store, with what its first unit of work would otherwise load on the GUI thread:
    the core's session functions and the models' mapper configuration."""
    from sqlalchemy.orm import configure_mappers

    import facilitator.sessions  # noqa: F401  (loaded here, off the GUI thread)
    from facilitator.db.store import open_store

    store = open_store(target)
    configure_mappers()
    return store


class StoreOpening(QObject):
    """One opening of the store. `ready` (the Store) or `failed` (the error) is emitted once,
    on the GUI thread: when the worker reports, or from `wait` if the GUI needs it first."""

    ready = Signal(object)
    failed = Signal(object)

    def __init__(
        self,
        workers: Workers,
        target: str | os.PathLike[str] | None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.target = target
        self.workers = workers
        self._finished = threading.Event()
        self._outcome: Store | BaseException | None = None
        self._reported = False
        self._started = False

    @property
    def location(self) -> str:
        return str(self.target or "")

    def start(self) -> None:
        if not self._started:
            self._started = True
            self.workers.run(self._open, self.target, on_done=lambda _none: self._report())

    def _open(self, target: str | os.PathLike[str] | None) -> None:
        """On the worker thread: keeps the outcome for whichever thread asks first."""
        try:
            self._outcome = open_warm(target)
        except Exception as exc:  # reported on the GUI thread, where the dialogs are
            self._outcome = exc
        finally:
            self._finished.set()

    def wait(self) -> None:
        """Block until the store is open (or has failed to), and report it now."""
        self.start()
        self._finished.wait()
        self._report()

    def result(self) -> Store | None:
        """The store once opened, unreported (for closing it at exit); None if it failed."""
        if not self._started:
            return None
        self._finished.wait()
        self._reported = True
        return None if isinstance(self._outcome, BaseException) else self._outcome

    def _report(self) -> None:
        if self._reported:
            return
        self._reported = True
        if isinstance(self._outcome, BaseException):
            self.failed.emit(self._outcome)
        else:
            self.ready.emit(self._outcome)
