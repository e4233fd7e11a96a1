"""A deadline field: a QDateEdit (type the digits, arrows step, a calendar pops up) that can
also hold "no deadline", which QDateEdit cannot by itself.

"No deadline" is the minimum date shown as special text. Typing into special text does not
work, so on focus the field offers today as a starting point without saving it; leaving the
field untouched puts "No deadline" back, and Enter keeps today.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QDateEdit, QWidget

NONE_DATE = QDate(2000, 1, 1)


class DueEdit(QDateEdit):
    """`value()` is a date or None; `chosen` fires when the user picks or types one."""

    chosen = Signal(object)  # date | None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy-MM-dd")
        self.setMinimumDate(NONE_DATE)
        self.setSpecialValueText(self.tr("No deadline"))
        self.setDate(NONE_DATE)
        self._tentative = False  # showing today only as a place to start typing
        self._setting = False
        self.dateChanged.connect(self._changed)

    def value(self) -> date | None:
        if self._tentative or self.date() == NONE_DATE:
            return None
        return self.date().toPython()  # type: ignore[no-any-return]

    def set_value(self, value: date | None) -> None:
        """Show a saved value (not a choice: `chosen` stays quiet)."""
        self._tentative = False
        self._set(QDate(value.year, value.month, value.day) if value else NONE_DATE)

    def clear_value(self) -> None:
        """The user asks for no deadline."""
        was = self.value()
        self.set_value(None)
        if was is not None:
            self.chosen.emit(None)

    def _set(self, qdate: QDate) -> None:
        self._setting = True
        try:
            self.setDate(qdate)
        finally:
            self._setting = False

    def _changed(self, qdate: QDate) -> None:
        if self._setting:
            return
        self._tentative = False
        self.chosen.emit(None if qdate == NONE_DATE else qdate.toPython())

    def focusInEvent(self, event: QFocusEvent) -> None:
        if self.date() == NONE_DATE and self.isEnabled():
            self._tentative = True
            self._set(QDate.currentDate())
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if self._tentative and not self.calendarWidget().isVisible():
            self.set_value(None)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self._tentative and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._tentative = False
            self.chosen.emit(self.date().toPython())
        super().keyPressEvent(event)
