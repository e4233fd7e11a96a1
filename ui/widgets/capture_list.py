"""Fast capture for a simple list: type, Enter adds, the field keeps the focus; the list below
is edited in place (F2, double-click), reordered (Alt+Up/Down, drag) and pruned (Del), every
change an undoable command saved at once through the core."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from ui.commands.lists import AddItemCommand, EditItemCommand, MoveItemCommand, RemoveItemCommand
from ui.models.list_items import ListItemsModel
from ui.style import set_role
from ui.widgets.language_highlighter import LanguageDisplay
from ui.widgets.row_keys import PasteLines, UndoWhenEmpty, add_row_keys, current_row, select_row
from ui.widgets.row_view import NumberedDelegate, RowListView


class CaptureList(QWidget):
    """The capture field over its list. `field` is the page's main input."""

    def __init__(
        self,
        model: ListItemsModel,
        undo_stack: QUndoStack,
        *,
        placeholder: str,
        empty_text: str,
        language: LanguageDisplay | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.model = model
        self.undo_stack = undo_stack
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)

        self.field = QLineEdit(self)
        self.field.setObjectName("captureField")
        self.field.setPlaceholderText(placeholder)
        self.field.setClearButtonEnabled(False)
        self.field.returnPressed.connect(self.add_from_field)
        self.field.textEdited.connect(lambda _text: self._show_problem(""))
        UndoWhenEmpty(self.field)
        PasteLines(self.field, self.add_entries)
        layout.addWidget(self.field)

        self.problem = QLabel(self)
        self.problem.setObjectName("captureProblem")
        self.problem.setWordWrap(True)
        set_role(self.problem, "error")
        self.problem.hide()
        layout.addWidget(self.problem)

        self.view = RowListView(empty_text, self)
        self.view.setObjectName("captureList")
        self.view.setModel(model)
        # The items' blameful phrases underlined as the field underlines them while typing.
        underlined = (lambda: language.shown_for(self)) if language else (lambda: False)
        self.view.setItemDelegate(NumberedDelegate(self.view, underlined))
        if language is not None:
            language.changed.connect(self.view.viewport().update)
        self.view.setAccessibleName(placeholder)
        layout.addWidget(self.view, 1)

        self.keys_hint = QLabel(
            self.tr("Enter adds · F2 edits · Alt+↑/↓ moves · Del deletes"), self
        )
        self.keys_hint.setObjectName("keysHint")  # presentation.qss hides it from the room
        self.keys_hint.setWordWrap(True)  # never what sets the page's minimum width
        set_role(self.keys_hint, "small")
        layout.addWidget(self.keys_hint)

        add_row_keys(self.view, move=self.move_current, delete=self.delete_current)
        model.edit_requested.connect(self._edit_requested)
        model.move_requested.connect(self._move_requested)
        model.failed.connect(self._show_problem)

    # Adding ------------------------------------------------------------------------------

    def add_from_field(self) -> None:
        """Add the typed text as the last item; the field empties and keeps the focus."""
        text = self.field.text().strip()
        if not text:
            return
        command = AddItemCommand(self.model, text)
        self.undo_stack.push(command)
        if command.row_id is not None:
            self.field.setText("")  # setText, not clear(): nothing left for the field's own undo
            self.view.scrollToBottom()
        # On failure the text stays in the field and `failed` has said why.

    def add_entries(self, entries: list[str]) -> None:
        """Add several items at once (pasted lines) as one undo step."""
        self.undo_stack.beginMacro(self.tr("add {n} items").format(n=len(entries)))
        for entry in entries:
            self.undo_stack.push(AddItemCommand(self.model, entry))
        self.undo_stack.endMacro()
        self.view.scrollToBottom()

    # Editing the list --------------------------------------------------------------------

    def move_current(self, delta: int) -> None:
        row = current_row(self.view)
        target = row + delta
        if row < 0 or not 0 <= target < self.model.rowCount():
            return
        self._move_requested(self.model.row_at(row).id, target)

    def delete_current(self) -> None:
        row = current_row(self.view)
        if row < 0:
            return
        self.undo_stack.push(RemoveItemCommand(self.model, self.model.row_at(row).id))
        select_row(self.view, min(row, self.model.rowCount() - 1))

    def _move_requested(self, item_id: str, index: int) -> None:
        self.undo_stack.push(MoveItemCommand(self.model, item_id, index))
        select_row(self.view, self.model.row_of(item_id))

    def _edit_requested(self, item_id: str, _field: str, value: Any) -> None:
        self.undo_stack.push(EditItemCommand(self.model, item_id, str(value)))

    def _show_problem(self, message: str) -> None:
        self.problem.setText(f"⚠ {message}" if message else "")
        self.problem.setVisible(bool(message))

    def focus_field(self) -> None:
        self.field.setFocus(Qt.FocusReason.OtherFocusReason)
