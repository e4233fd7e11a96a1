"""The session window's side of the language checker: blameful phrases counted per step for
the sidebar (recounted off the GUI thread a moment after saves), and the View menu's
"Underline blameful phrasing" switch, which follows presentation mode."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QObject, QSettings, QTimer, Signal
from PySide6.QtWidgets import QWidget

from facilitator.language_findings import language_counts
from ui.actions import make_action
from ui.session.document import SessionDocument
from ui.session.presentation import Presentation
from ui.widgets.language_highlighter import PRESENTING, LanguageDisplay
from ui.workers import Workers

RECOUNT_DELAY_MS = 1500  # after the last save: typing saves every 0.4 s, counting need not


class LanguageCounts(QObject):
    """Counts per step id, refreshed after saves (debounced, one count at a time)."""

    counted = Signal(dict)  # step id -> number of blameful phrases

    def __init__(
        self,
        document: SessionDocument,
        workers: Workers,
        parent: QObject | None = None,
        *,
        delay_ms: int = RECOUNT_DELAY_MS,
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.workers = workers
        self.counts: dict[str, int] = {}
        self._running = False
        self._again = False
        self._stopped = False
        self._timer = QTimer(self, singleShot=True, interval=delay_ms)
        self._timer.timeout.connect(self.recount)
        document.edited.connect(self._timer.start)  # not the timer's saves: nothing to count
        self._timer.start()  # the first count, once the window is up

    def stop(self) -> None:
        """No more counts (the window is closing); one running still reports, to nobody."""
        self._stopped = True
        self._timer.stop()
        self._again = False

    def recount(self) -> None:
        self._timer.stop()
        if self._stopped:
            return
        if self._running:
            self._again = True  # a save during the count: count once more after it
            return
        self._running = True
        self.workers.run(
            language_counts,
            self.document.store,
            self.document.session_id,
            on_done=self._done,
            on_error=self._failed,
        )

    def _done(self, counts: object) -> None:
        if not shiboken6.isValid(self):
            return  # the window closed while the count ran
        self._running = False
        if isinstance(counts, dict) and counts != self.counts:
            self.counts = counts
            self.counted.emit(counts)
        if self._again:
            self._again = False
            self._timer.start()

    def _failed(self, _error: BaseException) -> None:
        # The counts are a hint: a failed count keeps the last ones (the save itself reports
        # database trouble in the status bar).
        if shiboken6.isValid(self):
            self._running = False


class UnderlineToggle(QObject):
    """View > Underline blameful phrasing: checked while underlines show in the current mode
    (the facilitator's screen, or presentation mode, each remembered on its own). A QObject
    of the window's, so the app-wide display forgets it when the window closes."""

    def __init__(self, window: QWidget, settings: QSettings, presentation: Presentation) -> None:
        super().__init__(window)
        self.window = window
        self.display = LanguageDisplay.of(settings)
        self.action = make_action(window, "language_underlines", self._chosen)
        self.action.setCheckable(True)
        presentation.toggled.connect(self._presenting)
        self.display.changed.connect(self._follow)
        self._follow()

    def _presenting_now(self) -> bool:
        return bool(self.window.property(PRESENTING))

    def _chosen(self) -> None:
        self.display.set_shown(self.action.isChecked(), self._presenting_now())

    def _presenting(self, active: bool) -> None:
        self.display.set_presenting(self.window, active)

    def _follow(self) -> None:
        self.action.setChecked(self.display.shown(self._presenting_now()))
