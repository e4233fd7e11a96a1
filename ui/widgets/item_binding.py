"""Bind a text widget to one field of the *selected* action item: autosave and undo without a
Save button, like ui/binding.py does for session fields.

The item changes when the selection does: `show_item` saves what was typed for the previous
item first, then shows the new one. Typing saves 400 ms after the last keystroke, and at once
on focus out and on the session's flush (step change, close, quit); keystrokes between two
focus changes merge into one undo step. A value the core refuses (a tracker link that is not
http/https) marks the field invalid with the reason as its tooltip, and is saved once fixed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

from facilitator import errors
from ui.binding import DEBOUNCE_MS
from ui.commands.actions import EditActionTextCommand
from ui.messages import describe
from ui.models.actions import ActionsModel
from ui.style import set_role

TextWidget = QLineEdit | QPlainTextEdit


class ItemTextBinding(QObject):
    """One text widget and one field of the current item, kept in step both ways."""

    invalid = Signal(str)

    def __init__(
        self,
        widget: TextWidget,
        model: ActionsModel,
        stack: QUndoStack,
        field: str,
        *,
        check: Callable[[str, object], Any] | None = None,
    ) -> None:
        super().__init__(widget)
        self.widget = widget
        self.model = model
        self.stack = stack
        self.field = field
        self._check = check  # the core's checker for the field, run before saving
        self.item_id: str | None = None
        self._burst = 0
        self._dirty = False
        self._updating = False
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self.flush)
        if isinstance(widget, QPlainTextEdit):
            widget.setUndoRedoEnabled(False)  # the session's stack is the one undo history
        widget.textChanged.connect(self._edited)
        widget.installEventFilter(self)

    @property
    def dirty(self) -> bool:
        return self._dirty

    def text(self) -> str:
        w = self.widget
        return w.toPlainText() if isinstance(w, QPlainTextEdit) else w.text()

    def show_item(self, item_id: str | None) -> None:
        """Save the previous item's pending text, then show `item_id`'s (None: nothing)."""
        if item_id != self.item_id:
            self.flush()
            self._dirty = False  # what could not be saved stays with the item it was for
            self._burst += 1
            self.item_id = item_id
        self.refresh(force=True)

    def refresh(self, *, force: bool = False) -> None:
        """Show the saved value (after an undo, or another view's edit) unless typing."""
        if self._dirty and not force:
            return
        row = self.model.find(self.item_id) if self.item_id else None
        self._show("" if row is None else str(getattr(row, self.field)))

    def flush(self) -> None:
        self._timer.stop()
        if not self._dirty or self.item_id is None:
            return
        text = self.text()
        if self._check is not None:
            try:
                text = self._check(self.field, text)
            except errors.ValidationError as exc:
                self._mark_invalid(describe(exc))
                return
        self._mark_invalid(None)
        row = self.model.find(self.item_id)
        old = getattr(row, self.field) if row is not None else None
        if row is not None and text != old:
            command = EditActionTextCommand(
                self.model, self.item_id, self.field, old, text, self._burst
            )
            self.stack.push(command)
            saved = self.model.find(self.item_id)
            if saved is None or getattr(saved, self.field) != text:
                return  # refused: stay dirty so the next flush tries again
        self._dirty = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.FocusOut:
            self.flush()
            self._burst += 1
        elif kind == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            undo_keys = (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo)
            if any(event.matches(key) for key in undo_keys):
                self.flush()  # the window's Undo then takes back what was just typed
                self._burst += 1
                return True
        return False

    def _edited(self) -> None:
        if self._updating or self.item_id is None:
            return
        self._dirty = True
        self._timer.start()

    def _show(self, text: str) -> None:
        self._mark_invalid(None)
        if text == self.text():
            return
        self._updating = True
        try:
            if isinstance(self.widget, QPlainTextEdit):
                self.widget.setPlainText(text)
            else:
                self.widget.setText(text)
                if not self.widget.hasFocus():
                    self.widget.setCursorPosition(0)
        finally:
            self._updating = False

    def _mark_invalid(self, message: str | None) -> None:
        if message is None:
            if self.widget.property("invalid") == "true":
                set_role(self.widget, "false", "invalid")
                self.widget.setToolTip("")
            return
        set_role(self.widget, "true", "invalid")
        self.widget.setToolTip(message)
        self.invalid.emit(message)
