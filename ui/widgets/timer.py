"""The meeting timer: start/pause, this step's time and the meeting's against their timeboxes.

Overrun shows as colour *and* words ("Over by 2:10"); reaching the timebox gives a gentle
cue (a soft highlight for a few seconds and the `timebox_reached` signal), never a sound.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from facilitator.agenda import Step
from facilitator.meeting import TimeboxStatus, format_clock, timebox_status
from ui.session.presentation import facilitator_only
from ui.session.progress import MeetingProgress
from ui.style import set_role

CUE_MS = 4000
NBSP = "\u00a0"  # keeps each part of the status line whole when it wraps


def _tabular(label: QLabel) -> None:
    """Digits of equal width, so the clock does not jitter as it counts."""
    font = QFont(label.font())
    font.setFeature(QFont.Tag("tnum"), 1)
    label.setFont(font)


class _StatusLabel(QLabel):
    """Word-wrapped, yet asking for its whole line: a wrapping QLabel's size hint is a guess
    narrower than its text, which wrapped the status even where the header had room."""

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        margins = self.contentsMargins()
        across = margins.left() + margins.right()
        whole = self.fontMetrics().horizontalAdvance(self.text()) + across + 2
        return QSize(whole, max(hint.height(), self.heightForWidth(whole)))


class TimerWidget(QWidget):
    """Shows the current step's clock; `refresh()` is called every second while running."""

    timebox_reached = Signal(str)  # step id

    def __init__(self, progress: MeetingProgress, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timer")
        self.progress = progress
        self.step: Step | None = None
        self.meeting_minutes = 0
        self._last_status = TimeboxStatus.UNTIMED
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 4, 10, 4)
        layout.setSpacing(12)
        self.button = QPushButton(self)
        self.button.setObjectName("timerButton")
        self.button.clicked.connect(self.toggle)
        facilitator_only(self.button)  # the room sees the time; Ctrl+T still starts it
        layout.addWidget(self.button)
        column = QVBoxLayout()
        column.setSpacing(0)
        self.clock = QLabel(self)
        self.clock.setObjectName("timerClock")
        _tabular(self.clock)
        self.status = _StatusLabel(self)
        self.status.setObjectName("timerStatus")
        # Wraps between its parts ("Paused", "Meeting 0:00 / 82:00") when the header is
        # narrow (a high zoom, presentation type), never inside one: see `refresh`.
        self.status.setWordWrap(True)
        column.addWidget(self.clock)
        column.addWidget(self.status)
        layout.addLayout(column)
        self._ticker = QTimer(self, interval=1000)
        self._ticker.timeout.connect(self.refresh)
        self._cue = QTimer(self, singleShot=True, interval=CUE_MS)
        self._cue.timeout.connect(lambda: set_role(self, "false", "cue"))
        progress.changed.connect(self.refresh)
        self.refresh()

    def set_step(self, step: Step, meeting_minutes: int) -> None:
        self.step = step
        self.meeting_minutes = meeting_minutes
        self._last_status = self._status()
        self.refresh()

    def toggle(self) -> None:
        self.progress.toggle()

    def _status(self) -> TimeboxStatus:
        if self.step is None:
            return TimeboxStatus.UNTIMED
        return timebox_status(self.progress.timer.elapsed(self.step.id), self.step.timebox_minutes)

    def refresh(self) -> None:
        timer = self.progress.timer
        running = timer.running
        self.button.setText(self.tr("Pause") if running else self.tr("Start timer"))
        set_role(self.button, "false" if running else "true", "primary")
        if running and not self._ticker.isActive():
            self._ticker.start()
        elif not running:
            self._ticker.stop()
        self.progress.tick()
        if self.step is None:
            return
        elapsed = timer.elapsed(self.step.id)
        box = self.step.timebox_minutes
        clock = format_clock(elapsed) + (f" / {box}:00" if box else "")
        self.clock.setText(clock)
        status = self._status()
        total = format_clock(timer.total())
        meeting = f"{self.tr('Meeting')} {total} / {self.meeting_minutes}:00"
        if status is TimeboxStatus.OVER and box:
            words = self.tr("Over by {time}").format(time=format_clock(elapsed - box * 60))
        elif status is TimeboxStatus.NEAR and box:
            words = self.tr("{time} left").format(time=format_clock(box * 60 - elapsed))
        elif not running:
            words = self.tr("Paused")
        else:
            words = ""
        parts = (w.replace(" ", NBSP) for w in (words, meeting) if w)
        self.status.setText("  ·  ".join(parts))
        for label in (self.clock, self.status):
            set_role(label, status.value, "status")
        if status is TimeboxStatus.OVER and self._last_status is not TimeboxStatus.OVER:
            set_role(self, "true", "cue")
            self._cue.start()
            self.timebox_reached.emit(self.step.id)
        self._last_status = status
