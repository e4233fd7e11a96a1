"""Work that waits for a window's first paint: the app's start-up is budgeted up to the first
usable window (DESIGN section 7), and what that window can do without for a moment (the rest
of a long list, the store opening on a worker, the font faces it does not draw with) starts
once it is on screen.

Not from a zero timer: Qt runs those before it paints a window it has just shown.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

# If the window is never painted (minimised, off screen), what waits starts after this anyway.
UNPAINTED_AFTER_MS = 500


def when_painted(window: QWidget, then: Callable[[], None]) -> None:
    """Call `then` once, in the event loop's turn after `window` is first painted (Qt paints
    every child in the same turn), or after UNPAINTED_AFTER_MS if it never is."""
    _FirstPaint(window, then)


class _FirstPaint(QObject):
    def __init__(self, window: QWidget, then: Callable[[], None]) -> None:
        super().__init__(window)
        self._then: Callable[[], None] | None = then
        window.installEventFilter(self)
        QTimer.singleShot(UNPAINTED_AFTER_MS, self, self._call)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self, self._call)
        return False

    def _call(self) -> None:
        then, self._then = self._then, None
        if then is not None:
            then()
            self.deleteLater()
