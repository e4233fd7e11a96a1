"""The fault-tree canvas's in-place editor: a text box laid over the factor being typed.

Enter commits, Tab commits and asks for a sub-factor, Esc cancels, Shift+Enter starts a new
line. What is typed is saved 400 ms after the last keystroke (DESIGN section 3: at most
0.5 s) and again at commit, so a crash mid-sentence loses under a second of typing.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QFont, QKeyEvent
from PySide6.QtWidgets import QFrame, QPlainTextEdit, QWidget

from ui.binding import DEBOUNCE_MS

# What comes next after a commit: nothing, a sub-factor (Tab), or a factor beside (none yet).
FOLLOW_NONE, FOLLOW_CHILD = "", "child"


class InPlaceEditor(QPlainTextEdit):
    """Edits one factor's text; says when to save, commit or cancel, never writes itself."""

    autosave = Signal(str, str)  # factor id, text: the debounce ran out while typing
    committed = Signal(str, str, str)  # factor id, text, what follows (FOLLOW_*)
    cancelled = Signal(str)  # factor id

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("factorEditor")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setUndoRedoEnabled(True)  # in-editor undo while typing; the session's after
        self.factor_id = ""
        self.original = ""
        self._closing = False
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self._autosave)
        self.textChanged.connect(self._timer.start)
        # Grow after the text is laid out again (on textChanged the wrap is not known yet).
        self.document().documentLayout().documentSizeChanged.connect(self._grow)
        self._anchor = QRect()
        self.hide()

    @property
    def active(self) -> bool:
        return self.isVisible() and bool(self.factor_id)

    def open(self, factor_id: str, text: str, font: QFont, anchor: QRect) -> None:
        """Show over `anchor` (the box, in the parent's coordinates) with all text selected."""
        self.factor_id = factor_id
        self.original = text
        self.setFont(font)
        self.blockSignals(True)
        self.setPlainText(text)
        self.blockSignals(False)
        self.selectAll()
        self.place(anchor)
        self.show()
        self.raise_()
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        self._timer.stop()

    def place(self, anchor: QRect) -> None:
        """Follow the box when the tree re-lays out, scrolls or zooms under the editor."""
        self._anchor = anchor
        self._grow()

    def _grow(self) -> None:
        """As wide as the box (at least a short sentence), as tall as the text needs."""
        anchor = self._anchor
        width = max(anchor.width(), self.fontMetrics().averageCharWidth() * 24)
        lines = 0
        block = self.document().begin()
        while block.isValid():
            layout = block.layout()
            lines += max(1, layout.lineCount() if layout is not None else 1)
            block = block.next()
        margins = 2 * self.document().documentMargin() + self.frameWidth() * 2 + 4
        height = max(round(lines * self.fontMetrics().lineSpacing() + margins), anchor.height())
        left = anchor.center().x() - width // 2
        if (left, anchor.top(), width, height) != self.geometry().getRect():
            self.setGeometry(left, anchor.top(), width, height)
            self.ensureCursorVisible()

    def commit(self, follow: str = FOLLOW_NONE) -> None:
        """Close and hand over the text (also what leaving the editor does)."""
        if not self.active or self._closing:
            return
        factor_id, text = self.factor_id, self.toPlainText()
        self._close()
        self.committed.emit(factor_id, text, follow)

    def cancel(self) -> None:
        if not self.active or self._closing:
            return
        factor_id = self.factor_id
        self._close()
        self.cancelled.emit(factor_id)

    def flush(self) -> None:
        """Save what is typed now (step change, close, quit): `SessionDocument.flush`."""
        if self.active and self._timer.isActive():
            self._autosave()

    def _autosave(self) -> None:
        self._timer.stop()
        if self.active:
            self.autosave.emit(self.factor_id, self.toPlainText())

    def _close(self) -> None:
        self._closing = True  # hiding moves the focus, which would commit a second time
        self._timer.stop()
        self.factor_id = ""
        self.hide()  # the canvas takes the focus back when it hears the signal
        self._closing = False

    def event(self, event: QEvent) -> bool:
        # Claim the plain keys the window would otherwise take as shortcuts (Esc leaves
        # presentation mode, B blanks the screen there); Ctrl and Alt chords still reach
        # the window (next step, undo after the commit…).
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            chords = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
            if not event.modifiers() & chords:
                event.accept()
                return True
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
        ):
            self.keyPressEvent(event)  # not a focus change: Tab means "add a sub-factor"
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if mods & Qt.KeyboardModifier.ShiftModifier:
                self.insertPlainText("\n")
            else:
                self.commit()
        elif key == Qt.Key.Key_Escape:
            self.cancel()
        elif key == Qt.Key.Key_Tab:
            self.commit(FOLLOW_CHILD)
        elif key == Qt.Key.Key_Backtab:
            self.commit()
        else:
            super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        # A context menu or a tooltip popping up is not the user leaving the editor.
        if event.reason() not in (
            Qt.FocusReason.PopupFocusReason,
            Qt.FocusReason.ActiveWindowFocusReason,
        ):
            self.commit()
