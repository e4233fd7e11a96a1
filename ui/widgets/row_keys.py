"""Keyboard editing of a row view (list or table): Alt+Up/Down moves, Del deletes, F2 edits;
and two helpers for the capture fields above such views (undo when empty, paste lines).

The keys come from the one shortcut table (ui/actions.py) but act only while the view has
the focus (Del in a text field deletes a character, not a row), and undo goes through the
session's QUndoStack like every other edit.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QLineEdit

from facilitator.capture import split_entries
from ui.actions import make_action

UNDO_KEYS = (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo)


def add_row_keys(
    view: QAbstractItemView, *, move: Callable[[int], object], delete: Callable[[], object]
) -> dict[str, QAction]:
    """Give `view` the row shortcuts; `move(±1)` and `delete()` act on its current row."""
    view.setEditTriggers(
        QAbstractItemView.EditTrigger.DoubleClicked
        | QAbstractItemView.EditTrigger.EditKeyPressed  # F2
        | QAbstractItemView.EditTrigger.SelectedClicked
    )
    actions = {}
    for action_id, slot in (
        ("row_up", lambda: move(-1)),
        ("row_down", lambda: move(1)),
        ("row_delete", delete),
    ):
        action = make_action(view, action_id, slot)
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        actions[action_id] = action
    return actions


def current_row(view: QAbstractItemView) -> int:
    """The row the keyboard is on (-1: none)."""
    index = view.currentIndex()
    return index.row() if index.isValid() else -1


def select_row(view: QAbstractItemView, row: int) -> None:
    """Make `row` current and selected (the model may have changed under the view)."""
    model = view.model()
    if model is None or not 0 <= row < model.rowCount():
        return
    index = model.index(row, 0)
    view.setCurrentIndex(index)
    view.scrollTo(index)


class UndoWhenEmpty(QObject):
    """In an empty capture field, Ctrl+Z undoes the last add (the session's undo) rather than
    nothing: the field was just cleared, and the room expects the item to go away."""

    def __init__(self, field: QLineEdit) -> None:
        super().__init__(field)
        self.field = field
        field.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Filtering the override (returning True) lets the window's Undo/Redo action have it.
        return (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and not self.field.text()
            and any(event.matches(key) for key in UNDO_KEYS)
        )


class PasteLines(QObject):
    """Pasting several lines into a one-line capture field adds an entry per line (a list
    copied from chat or meeting notes) through `add_all`; a single line pastes as usual."""

    def __init__(self, field: QLineEdit, add_all: Callable[[list[str]], object]) -> None:
        super().__init__(field)
        self.add_all = add_all
        field.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.matches(QKeySequence.StandardKey.Paste)
        ):
            entries = split_entries(QGuiApplication.clipboard().text())
            if len(entries) > 1:
                self.add_all(entries)
                return True
        return False
