"""Which agenda steps hold nothing yet (`completeness.empty_steps`), measured off the GUI
thread a moment after saves, so the sidebar tells a step the meeting did (✓) from one it
moved past while empty."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal

from facilitator.completeness import empty_steps
from ui.session.document import SessionDocument
from ui.workers import Workers

MEASURE_DELAY_MS = 600  # after the last save: typing saves every 0.4 s


class StepContents(QObject):
    """The empty steps, refreshed after saves (debounced, one read at a time)."""

    measured = Signal(frozenset)  # the step ids with nothing recorded

    def __init__(
        self,
        document: SessionDocument,
        workers: Workers,
        parent: QObject | None = None,
        *,
        delay_ms: int = MEASURE_DELAY_MS,
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.workers = workers
        self.empty: frozenset[str] | None = None  # None: not measured yet
        self._running = False
        self._again = False
        self._stopped = False
        self._timer = QTimer(self, singleShot=True, interval=delay_ms)
        self._timer.timeout.connect(self.measure)
        document.edited.connect(self._timer.start)
        QTimer.singleShot(0, self, self.measure)  # the first read, once the window is up

    def stop(self) -> None:
        """No more reads (the window is closing); one running still reports, to nobody."""
        self._stopped = True
        self._timer.stop()
        self._again = False

    def measure(self) -> None:
        self._timer.stop()
        if self._stopped:
            return
        if self._running:
            self._again = True  # a save during the read: read once more after it
            return
        self._running = True
        self.workers.run(
            empty_steps,
            self.document.store,
            self.document.session_id,
            on_done=self._done,
            on_error=self._failed,
        )

    def _done(self, empty: object) -> None:
        if not shiboken6.isValid(self):
            return  # the window closed while the read ran
        self._running = False
        if isinstance(empty, frozenset) and empty != self.empty:
            self.empty = empty
            self.measured.emit(empty)
        if self._again:
            self._again = False
            self._timer.start()

    def _failed(self, _error: BaseException) -> None:
        # The marks are a hint: a failed read keeps the last ones (the save itself reports
        # database trouble in the status bar).
        if shiboken6.isValid(self):
            self._running = False
