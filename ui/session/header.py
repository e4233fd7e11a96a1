"""The step header: the step's name and the timer, side by side, or the timer below the name
when the two do not fit across (a high zoom, presentation type)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

SPACING = 16


class StepHeader(QWidget):
    """Asks the window only for the room of the stacked arrangement, so the name and the
    timer never make the window wider than the screen; takes one row when it can."""

    def __init__(self, title: QLabel, timer: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stepHeader")
        self.title = title
        self.timer = timer
        title.setParent(self)
        timer.setParent(self)
        title.setWordWrap(True)  # a long name wraps rather than widening the window
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(40, 18, 24, 8)
        self.grid.setHorizontalSpacing(SPACING)
        self.grid.setVerticalSpacing(4)
        self.stacked: bool | None = None
        self._arrange_soon = QTimer(self, singleShot=True, interval=0)
        self._arrange_soon.timeout.connect(self.arrange)
        self._place(stacked=False)

    def _place(self, *, stacked: bool) -> None:
        if stacked == self.stacked:
            return
        self.stacked = stacked
        self.grid.removeWidget(self.title)
        self.grid.removeWidget(self.timer)
        self.grid.setColumnStretch(0, 1)
        self.grid.setColumnStretch(1, 0)
        if stacked:
            self.grid.addWidget(self.title, 0, 0, 1, 2)
            self.grid.addWidget(self.timer, 1, 0, 1, 2, Qt.AlignmentFlag.AlignLeft)
        else:
            self.grid.addWidget(self.title, 0, 0)
            self.grid.addWidget(self.timer, 0, 1)

    def one_row_width(self) -> int:
        """The width the name (unwrapped) and the timer need side by side, the timer's status
        line wrapped if it must (`TimerWidget` wraps it between its parts)."""
        margins = self.grid.contentsMargins()
        across = margins.left() + margins.right() + SPACING
        return across + self._name_width() + self.timer.minimumSizeHint().width()

    def _name_width(self) -> int:
        return self.title.fontMetrics().horizontalAdvance(self.title.text()) + 2

    def arrange(self) -> None:
        """Side by side when the name fits whole beside the timer, else the timer below."""
        self.title.ensurePolished()
        self.timer.ensurePolished()
        stacked = self.width() < self.one_row_width()
        # Side by side, the name keeps its one line and the timer takes what is left (its
        # status wraps before the name would).
        self.title.setMinimumWidth(0 if stacked else self._name_width())
        self._place(stacked=stacked)

    def minimumSizeHint(self) -> QSize:
        margins = self.grid.contentsMargins()
        across = margins.left() + margins.right()
        width = max(self.title.minimumSizeHint().width(), self.timer.minimumSizeHint().width())
        return QSize(width + across, super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.arrange()

    def event(self, event: QEvent) -> bool:
        # A part's size changed (new type from a zoom or presentation's style sheet, once
        # polished; a longer status line): the arrangement may change with it.
        if event.type() in (
            QEvent.Type.LayoutRequest,
            QEvent.Type.StyleChange,
            QEvent.Type.FontChange,
        ):
            self._arrange_soon.start()
        return super().event(event)
