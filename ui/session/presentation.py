"""Presentation mode for screen-sharing: full screen, large type, only the step and the timer.

The room sees the current step's content, its name and the timer; the sidebar, the
facilitator's questions, menus and status bar are hidden, and so is every widget a page
marks with `facilitator_only` (the timer's Start/Pause button, "Use the default text"…).
B blanks the screen for privacy.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QMainWindow, QWidget

from ui.session.page_stack import PageStack
from ui.style import Style

AUDIENCE = "audience"  # dynamic property: "facilitator" for what the room never sees
W = TypeVar("W", bound=QWidget)


def facilitator_only(widget: W) -> W:
    """Mark a widget as the facilitator's own: presentation mode hides it from the room.
    Pages mark buttons that are about running the app rather than the content."""
    widget.setProperty(AUDIENCE, "facilitator")
    return widget


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
    blank_changed = Signal(bool)  # the room's screen is now blank

    def __init__(self, window: QMainWindow, style: Style, hidden: list[QWidget]) -> None:
        super().__init__(window)
        self.window = window
        self.style = style
        self.hidden = hidden  # facilitator-only parts
        self.active = False
        self._was_maximized = False
        self._normal_size = window.size()
        self._visible_before: list[bool] = []
        # Facilitator-only widgets watched while presenting, and whether their page shows
        # them (what leaving gives back).
        self._held: dict[QWidget, bool] = {}
        self._hiding = False
        self.overlay = BlankOverlay(window, self.toggle_blank)
        style.changed.connect(self._restyle)
        stack = window.findChild(PageStack)
        if stack is not None:
            # A page first shown half built gets its other parts in the next turns.
            stack.page_ready.connect(lambda _page: self.hide_facilitator_parts())

    @property
    def blanked(self) -> bool:
        return self.overlay.isVisible()

    def enter(self) -> None:
        if self.active:
            return
        self.active = True
        self._was_maximized = self.window.isMaximized()
        self._normal_size = self.window.size()
        self._visible_before = [w.isVisible() for w in self.hidden]
        for widget in self.hidden:
            widget.hide()
        self.window.menuBar().hide()
        self.window.statusBar().hide()
        self.hide_facilitator_parts()
        self._restyle()
        self.window.showFullScreen()
        self.toggled.emit(True)

    def leave(self) -> None:
        if not self.active:
            return
        self.active = False
        if self.overlay.isVisible():
            self.toggle_blank()
        # The normal sheet first: panels shown again under the presentation sheet measured
        # their 22 pt text, and the window's minimum width (the layout's, up to 1,650 px)
        # outlived the sheet and kept the window that wide.
        self._restyle()
        for widget, visible in zip(self.hidden, self._visible_before, strict=True):
            widget.setVisible(visible)
        self._show_facilitator_parts()
        self.window.menuBar().show()
        self.window.statusBar().show()
        self._drop_stale_minimum()
        if self._was_maximized:
            self.window.showMaximized()
        else:
            self.window.showNormal()
            self.window.resize(self._normal_size)
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
        self.blank_changed.emit(self.overlay.isVisible())

    def hide_facilitator_parts(self) -> None:
        """While presenting, hide every widget marked `facilitator_only` and keep it hidden
        (again after a step change or an edit: pages built since, a chain added). One
        hidden now is watched too: a notice that a worker shows later stays off the screen."""
        if not self.active:
            return
        for widget in self.window.findChildren(QWidget):
            if widget.property(AUDIENCE) == "facilitator" and widget not in self._held:
                self._held[widget] = not widget.isHidden()
                widget.installEventFilter(self)
                self._hide(widget)

    def _show_facilitator_parts(self) -> None:
        held, self._held = self._held, {}
        for widget, shown in held.items():
            if shiboken6.isValid(widget):
                widget.removeEventFilter(self)
                widget.setVisible(shown)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(watched, QWidget) and watched in self._held:
            # The page's own wishes are noted for leaving; while presenting, hidden it stays.
            if event.type() == QEvent.Type.Show and self.active:
                self._held[watched] = True
                self._hide(watched)
            elif event.type() == QEvent.Type.Hide and not self._hiding:
                self._held[watched] = False
        return False

    def _hide(self, widget: QWidget) -> None:
        self._hiding = True
        try:
            widget.hide()
        finally:
            self._hiding = False

    def _drop_stale_minimum(self) -> None:
        """Measure the layout again now, so the window's minimum size is the normal look's
        (the layout sets it on the window and never lowers the window's size itself)."""
        for widget in (*self.hidden, self.window.centralWidget()):
            if widget is not None:
                widget.updateGeometry()
        layout = self.window.layout()
        if layout is not None:
            layout.invalidate()
            layout.activate()

    def _restyle(self) -> None:
        self.window.setStyleSheet(self.style.presentation_sheet() if self.active else "")
