"""Bind an input widget to a session field: autosave and undo without a Save button.

A text field pushes an edit command 400 ms after the last keystroke (DESIGN section 3: at most
0.5 s), and at once when it loses focus or the window flushes (step change, close, quit).
Keystrokes between two focus changes form one burst, merged into one undo step. Ctrl+Z in a
field goes to the session's undo stack, not to the widget's own, so undo reaches the database.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit

from facilitator import errors
from ui.commands import EditFieldCommand
from ui.messages import describe
from ui.session.document import SessionDocument
from ui.style import set_role

DEBOUNCE_MS = 400
TextWidget = QLineEdit | QPlainTextEdit


class TextBinding(QObject):
    """Keeps one text widget and one field in step, in both directions."""

    invalid = Signal(str)  # the text cannot be saved as it is (e.g. a malformed time)
    accepted = Signal()  # the text is valid again

    def __init__(
        self,
        widget: TextWidget,
        document: SessionDocument,
        stack: QUndoStack,
        field: str,
        *,
        parse: Callable[[str], Any] | None = None,
        format: Callable[[Any], str] | None = None,
        command: type[EditFieldCommand] = EditFieldCommand,
    ) -> None:
        super().__init__(widget)
        self.widget = widget
        self.document = document
        self.stack = stack
        self.field = field
        self._parse = parse or (lambda text: text)
        self._format = format or (lambda value: "" if value is None else str(value))
        self._command = command
        self._burst = 0
        self._dirty = False
        self._updating = False
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self.flush)
        if isinstance(widget, QPlainTextEdit):
            widget.setUndoRedoEnabled(False)  # the session's stack is the one undo history
        widget.textChanged.connect(self._edited)
        widget.installEventFilter(self)
        document.field_changed.connect(self._field_changed)
        document.register_editor(self)
        self._show(document.value(field))

    @property
    def dirty(self) -> bool:
        return self._dirty

    def text(self) -> str:
        w = self.widget
        return w.toPlainText() if isinstance(w, QPlainTextEdit) else w.text()

    def refresh(self) -> None:
        """Show the saved value again (its format may depend on another field)."""
        if not self._dirty:
            self._show(self.document.value(self.field))

    def flush(self) -> None:
        """Save the text now if it changed since the last save."""
        self._timer.stop()
        if not self._dirty:
            return
        try:
            value = self._parse(self.text())
        except errors.ValidationError as exc:
            self._mark_invalid(describe(exc))
            return
        self._mark_invalid(None)
        old = self.document.value(self.field)
        if value != old:
            self.stack.push(self._command(self.document, self.field, old, value, self._burst))
            if self.document.value(self.field) != value:
                return  # the save failed: stay dirty so the next flush tries again
        self._dirty = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.FocusOut:
            self.flush()
            self._burst += 1  # typing after coming back is a new undo step
        elif kind == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            undo_keys = (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo)
            if any(event.matches(key) for key in undo_keys):
                # Let the key reach the window's Undo/Redo actions, after saving what was typed.
                self.flush()
                self._burst += 1
                return True
        return False

    def _edited(self) -> None:
        if self._updating:
            return
        self._dirty = True
        self.document.pending.emit()
        self._timer.start()

    def _field_changed(self, field: str, value: Any) -> None:
        if field == self.field and not self._dirty:
            self._show(value)

    def _show(self, value: Any) -> None:
        text = self._format(value)
        if text == self.text():
            return
        self._updating = True
        try:
            if isinstance(self.widget, QPlainTextEdit):
                self.widget.setPlainText(text)
            else:
                self.widget.setText(text)
                if not self.widget.hasFocus():
                    self.widget.setCursorPosition(0)  # show the start of a long value
        finally:
            self._updating = False
        self._mark_invalid(None)

    def _mark_invalid(self, message: str | None) -> None:
        was_invalid = self.widget.property("invalid") == "true"
        if message is None and was_invalid:
            set_role(self.widget, "false", "invalid")
            self.widget.setToolTip("")
            self.accepted.emit()
        elif message is not None:
            set_role(self.widget, "true", "invalid")
            self.widget.setToolTip(message)
            self.invalid.emit(message)


class ChoiceBinding(QObject):
    """A combo box whose item data are the field's values; each choice is one undo step."""

    def __init__(
        self, combo: QComboBox, document: SessionDocument, stack: QUndoStack, field: str
    ) -> None:
        super().__init__(combo)
        self.combo = combo
        self.document = document
        self.stack = stack
        self.field = field
        combo.activated.connect(self._chosen)
        document.field_changed.connect(self._field_changed)
        self._show(document.value(field))

    def _chosen(self, index: int) -> None:
        value = self.combo.itemData(index)
        old = self.document.value(self.field)
        if value != old:
            self.stack.push(EditFieldCommand(self.document, self.field, old, value))
            if self.document.value(self.field) != value:
                self._show(self.document.value(self.field))  # refused: show what is saved

    def _field_changed(self, field: str, value: Any) -> None:
        if field == self.field:
            self._show(value)

    def _show(self, value: Any) -> None:
        index = self.combo.findData(value)
        if index < 0 and self.combo.isEditable():
            self.combo.setEditText(str(value))
        elif index >= 0:
            self.combo.setCurrentIndex(index)
