"""One export (or preview) in the background: `Exporter.export` in a pool thread, its
progress brought to the GUI thread by a queued signal, and a Cancel that sets its event."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from facilitator.report.export import ExportProgress
from ui.workers import Workers

# A call run off the GUI thread: given a progress callback and the cancel event.
BackgroundCall = Callable[[Callable[[ExportProgress], None], threading.Event], Any]


class ExportTask(QObject):
    """A running background export. Every public signal arrives on the GUI thread."""

    progressed = Signal(str, float)  # the stage in words, the fraction done
    finished = Signal(object)  # what the call returned
    failed = Signal(object)  # the exception
    _progress = Signal(object)  # emitted in the pool thread; queued to this object

    def __init__(self, workers: Workers, call: BackgroundCall, parent: QObject | None = None):
        super().__init__(parent)
        self.cancel_event = threading.Event()
        self.running = True
        self._progress.connect(self._forward)
        workers.run(
            call, self._report, self.cancel_event, on_done=self._done, on_error=self._failed
        )

    def cancel(self) -> None:
        """Ask the export to stop: the renderer is killed within a twentieth of a second."""
        self.cancel_event.set()

    @property
    def cancelled(self) -> bool:
        return self.cancel_event.is_set()

    def _report(self, progress: ExportProgress) -> None:
        # Called in the pool thread: only a signal may cross to the widgets.
        self._progress.emit(progress)

    def _forward(self, progress: ExportProgress) -> None:
        if self.running:
            self.progressed.emit(progress.message, progress.fraction)

    def _done(self, result: object) -> None:
        self.running = False
        self.finished.emit(result)
        self.deleteLater()  # the page keeps only the latest task; Python keeps its flags

    def _failed(self, error: BaseException) -> None:
        self.running = False
        self.failed.emit(error)
        self.deleteLater()
