"""Presentation mode for screen-sharing: full screen, large type, only the step and the timer.

The room sees the current step's content, its name and the timer; the sidebar, the
facilitator's questions, menus and status bar are hidden. B blanks the screen for privacy.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QMainWindow, QWidget

from ui.style import Style


class BlankOverlay(QWidget):
    """A plain screen over everything; any key or click brings the content back."""

    def __init__(self, parent: QWidget, on_dismiss: Callable[[], None]) -> None:
        super().__init__(parent)
        self.setObjectName("blank")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._dismiss = on_dismiss
        parent.installEventFilter(self)
        self.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parent() and event.type() == QEvent.Type.Resize:
            self.setGeometry(self.parentWidget().rect())
        return False

    def keyPressEvent(self, event: object) -> None:
        self._dismiss()

    def mousePressEvent(self, event: object) -> None:
        self._dismiss()


class Presentation(QObject):
    """Turns a session window's presentation mode on and off."""

    toggled = Signal(bool)  # now presenting

    def __init__(self, window: QMainWindow, style: Style, hidden: list[QWidget]) -> None:
        super().__init__(window)
        self.window = window
        self.style = style
        self.hidden = hidden  # facilitator-only parts
        self.active = False
        self._was_maximized = False
        self._visible_before: list[bool] = []
        self.overlay = BlankOverlay(window, self.toggle_blank)
        style.changed.connect(self._restyle)

    @property
    def blanked(self) -> bool:
        return self.overlay.isVisible()

    def enter(self) -> None:
        if self.active:
            return
        self.active = True
        self._was_maximized = self.window.isMaximized()
        self._visible_before = [w.isVisible() for w in self.hidden]
        for widget in self.hidden:
            widget.hide()
        self.window.menuBar().hide()
        self.window.statusBar().hide()
        self._restyle()
        self.window.showFullScreen()
        self.toggled.emit(True)

    def leave(self) -> None:
        if not self.active:
            return
        self.active = False
        self.overlay.hide()
        for widget, visible in zip(self.hidden, self._visible_before, strict=True):
            widget.setVisible(visible)
        self.window.menuBar().show()
        self.window.statusBar().show()
        self._restyle()
        if self._was_maximized:
            self.window.showMaximized()
        else:
            self.window.showNormal()
        self.toggled.emit(False)

    def toggle(self) -> None:
        self.leave() if self.active else self.enter()

    def toggle_blank(self) -> None:
        if self.overlay.isVisible():
            self.overlay.hide()
        else:
            self.overlay.setGeometry(self.window.rect())
            self.overlay.show()
            self.overlay.raise_()
            self.overlay.setFocus()

    def _restyle(self) -> None:
        self.window.setStyleSheet(self.style.presentation_sheet() if self.active else "")
