"""The text fields of a why chain: autosaved after a pause in typing, with the chain's keys.

Each field wraps its text and grows to show all of it (a why is often a long sentence, and
the room should read it whole); Enter never makes a new line, it moves the chain on.

A field does not save by itself: after 400 ms without a keystroke (DESIGN section 3: at most
0.5 s), on losing the focus and on `flush()` it emits `committed(old, new, burst)`, and the
chain editor turns that into an undoable command. Keystrokes between two focus changes share
a burst, which the command uses to merge them into one undo step. Ctrl+Z and Ctrl+Shift+Z
go to the session's undo stack (after saving what was typed), not to the field's own.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QKeySequence, QResizeEvent, QTextCursor
from PySide6.QtWidgets import QFrame, QPlainTextEdit, QSizePolicy, QWidget

DEBOUNCE_MS = 400
UNDO_KEYS = (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo)
_KEYPAD = Qt.KeyboardModifier.KeypadModifier
_ALT = Qt.KeyboardModifier.AltModifier
_CTRL_ALT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier


class AutosavedLine(QPlainTextEdit):
    """A wrapping field that knows its last saved text and asks to save what changed."""

    committed = Signal(str, str, int)  # old text, new text, burst
    focused = Signal()  # the field got the keyboard focus (the chain remembers where it was)
    edited = Signal()  # typed, not yet saved

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.saved_text = ""
        self.burst = 0
        self._dirty = False
        self._showing = False
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self.flush)
        self.setUndoRedoEnabled(False)  # the session's stack is the one undo history
        self.setTabChangesFocus(True)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.document().setDocumentMargin(2)
        # Fitted after the event loop has laid the text out at the field's current width.
        self._fit_timer = QTimer(self, singleShot=True, interval=0)
        self._fit_timer.timeout.connect(self._fit)
        self.document().documentLayout().documentSizeChanged.connect(self._fit_timer.start)
        self.textChanged.connect(self._fit_timer.start)
        self.textChanged.connect(self._changed)  # last: setting the margin above emits it

    def text(self) -> str:
        return self.toPlainText()

    def _fit(self) -> None:
        """As tall as its wrapped lines, so a long why reads whole without scrolling."""
        # The laid-out lines, not lines × the font's line spacing: a layout line is taller
        # (25 px against 24 at the body size), and a field a few pixels short lets
        # QPlainTextEdit keep the first line scrolled out of view once typing has wrapped.
        document = self.document()
        layout = document.documentLayout()
        block, text = document.firstBlock(), 0
        while block.isValid():
            if block.isVisible():
                text += int(layout.blockBoundingRect(block).height())  # what Qt sums, too
            block = block.next()
        text = max(text, self.fontMetrics().lineSpacing() + 2 * int(document.documentMargin()))
        # Frame, style-sheet padding and border: whatever the widget has around its viewport.
        chrome = max(0, self.height() - self.viewport().height())
        # The bottom margin and a pixel: QPlainTextEdit scrolls unless the viewport is
        # taller than the blocks by that much.
        self.setFixedHeight(text + int(document.documentMargin()) + 2 + chrome)
        self.verticalScrollBar().setValue(0)  # all of it shows: nothing left to scroll to

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit_timer.start()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._fit_timer.start()  # the text wraps differently

    @property
    def dirty(self) -> bool:
        return self._dirty

    def show_saved(self, text: str) -> None:
        """What the database holds now; shown unless the user is mid-edit in this field."""
        self.saved_text = text
        if self._dirty or text == self.text():
            return
        self._showing = True
        try:
            self.setPlainText(text)
            self.moveCursor(QTextCursor.MoveOperation.End)  # where typing would go on
        finally:
            self._showing = False

    def flush(self) -> None:
        """Ask to save the text now if it differs from the saved one."""
        self._timer.stop()
        if not self._dirty:
            return
        if self.text() == self.saved_text:
            self._dirty = False
            return
        self.committed.emit(self.saved_text, self.text(), self.burst)
        # The command's refresh has called show_saved: equal now unless the save failed, in
        # which case the text stays dirty and the next keystroke or flush tries again.
        self._dirty = self.text() != self.saved_text

    def discard(self) -> None:
        """Forget unsaved typing (the field is about to go, e.g. its why is removed)."""
        self._timer.stop()
        self._dirty = False

    def _changed(self) -> None:
        if self._showing:
            return
        self._dirty = self.text() != self.saved_text
        if self._dirty:
            self.edited.emit()
            self._timer.start()

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.focused.emit()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.flush()
        self.burst += 1  # typing after coming back is a new undo step
        super().focusOutEvent(event)

    def event(self, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and any(event.matches(key) for key in UNDO_KEYS)
        ):
            # Left unaccepted, the key reaches the window's Undo/Redo: save what was typed
            # first, so undo takes back this burst rather than what came before it.
            self.flush()
            self.burst += 1
            return False
        return super().event(event)


class WhyLine(AutosavedLine):
    """One why: Enter asks for the next why, Delete or Backspace on an empty why asks to
    remove it, Alt+Up / Alt+Down ask to move it."""

    enter_pressed = Signal()
    remove_requested = Signal()
    move_requested = Signal(int)  # -1 up, +1 down

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers()
        plain = mods & ~_KEYPAD == Qt.KeyboardModifier.NoModifier  # arrows may carry Keypad
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not mods & _CTRL_ALT:
            self.enter_pressed.emit()
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and plain and not self.text():
            self.remove_requested.emit()
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and mods & ~_KEYPAD == _ALT:
            self.move_requested.emit(-1 if key == Qt.Key.Key_Up else 1)
        else:
            super().keyPressEvent(event)
            return
        event.accept()


class EnterLine(AutosavedLine):
    """The problem statement and the root cause: Enter moves on (to the whys)."""

    enter_pressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if (
            event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not event.modifiers() & _CTRL_ALT
        ):
            self.enter_pressed.emit()
            event.accept()
            return
        super().keyPressEvent(event)
