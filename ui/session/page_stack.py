"""The session window's stack of step pages, measured by the page on show only."""

from __future__ import annotations

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import QStackedWidget, QWidget


class PageStack(QStackedWidget):
    """A QStackedWidget whose size hints and height for a width are the current page's.

    QStackedLayout measures every page, shown or not, and the session window is measured
    again on each layout pass (a keystroke that changes a label: a live count, a finding).
    With the pages built as the meeting goes, that was most of a keystroke's time: the
    hidden factors page alone measured its legend's text a dozen times a key. Only the page
    on show is laid out, so only its measures matter.
    """

    # The page on show got the parts it left for later turns (ui/session/step_pages.py).
    page_ready = Signal(QWidget)

    def sizeHint(self) -> QSize:
        page = self.currentWidget()
        return page.sizeHint() if page is not None else super().sizeHint()

    def minimumSizeHint(self) -> QSize:
        page = self.currentWidget()
        return page.minimumSizeHint() if page is not None else super().minimumSizeHint()

    def hasHeightForWidth(self) -> bool:
        return False
