"""A reading of the session kept fresh off the GUI thread: read in a worker a moment after
the last save (debounced, one read at a time, once more if a save came during it), reported
when it changed. The sidebar's language counts and empty steps are two of them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QTimer

from facilitator.db.store import Store
from ui.session.document import SessionDocument
from ui.workers import Workers


class SessionReading(QObject):
    """`read(store, session_id)` after saves; `value` is the last result, `_changed` is
    called with each new one (subclasses emit their signal there)."""

    def __init__(
        self,
        document: SessionDocument,
        workers: Workers,
        read: Callable[[Store, str], Any],
        value: Any,
        parent: QObject | None = None,
        *,
        delay_ms: int,
        first_ms: int,
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.workers = workers
        self.value = value
        self._read = read
        self._running = False
        self._again = False
        self._stopped = False
        self._timer = QTimer(self, singleShot=True, interval=delay_ms)
        self._timer.timeout.connect(self.refresh)
        document.edited.connect(self._timer.start)  # not the timer's saves: nothing new
        QTimer.singleShot(first_ms, self, self.refresh)  # the first read, once the window is up

    def stop(self) -> None:
        """No more reads (the window is closing); one running still reports, to nobody."""
        self._stopped = True
        self._timer.stop()
        self._again = False

    def refresh(self) -> None:
        self._timer.stop()
        if self._stopped:
            return
        if self._running:
            self._again = True  # a save during the read: read once more after it
            return
        self._running = True
        self.workers.run(
            self._read,
            self.document.store,
            self.document.session_id,
            on_done=self._done,
            on_error=self._failed,
        )

    def _changed(self, value: Any) -> None:
        raise NotImplementedError

    def _done(self, value: object) -> None:
        if not shiboken6.isValid(self):
            return  # the window closed while the read ran
        self._running = False
        if not self._stopped and value != self.value:
            self.value = value
            self._changed(value)
        if self._again:
            self._again = False
            self._timer.start()

    def _failed(self, _error: BaseException) -> None:
        # A reading is a hint: a failed one keeps the last (the save itself reports database
        # trouble in the status bar).
        if shiboken6.isValid(self):
            self._running = False
