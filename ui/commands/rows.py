"""Undo commands for small ordered collections (participants, list items, evidence).

Each command talks to an adapter – the collection's item model – whose methods make one
core call each and report failure by returning None (having said why in its `failed`
signal). Following the core's undo conventions: `add` returns the new id and `remove` a
record that `restore` puts back with the same id and place, so redoing an add after undoing
it restores the very same row; `update` returns the previous values; `move` the old index.
A command whose first `redo()` changed nothing marks itself obsolete, so the stack drops it.
"""

from __future__ import annotations

from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand


class RowAdapter(Protocol):
    def add(self, spec: Any, index: int | None) -> str | None: ...
    def update(self, row_id: str, changes: dict[str, Any]) -> dict[str, Any] | None: ...
    def remove(self, row_id: str) -> Any: ...
    def restore(self, record: Any) -> bool: ...
    def move(self, row_id: str, index: int) -> int | None: ...


def tr(text: str) -> str:
    return QCoreApplication.translate("commands", text)


def quoted(text: str, limit: int = 40) -> str:
    """A short form of user text for the Edit menu's "Undo …" entry."""
    line = " ".join(text.split())
    return f"“{line if len(line) <= limit else line[: limit - 1] + '…'}”"


class AddRowCommand(QUndoCommand):
    """Add a row from `spec` at `index` (None: at the end); undo removes it."""

    def __init__(self, rows: RowAdapter, spec: Any, index: int | None, text: str) -> None:
        super().__init__(text)
        self.rows = rows
        self.spec = spec
        self.index = index
        self.row_id: str | None = None
        self._record: Any = None  # what undo removed, for redo to put back

    def redo(self) -> None:
        if self.row_id is None:
            self.row_id = self.rows.add(self.spec, self.index)
            if self.row_id is None:
                self.setObsolete(True)
        elif self._record is not None and self.rows.restore(self._record):
            self._record = None

    def undo(self) -> None:
        if self.row_id is not None:
            self._record = self.rows.remove(self.row_id)


class EditRowCommand(QUndoCommand):
    """Change some fields of a row; undo sets the previous values back."""

    def __init__(self, rows: RowAdapter, row_id: str, changes: dict[str, Any], text: str) -> None:
        super().__init__(text)
        self.rows = rows
        self.row_id = row_id
        self.changes = changes
        self.previous: dict[str, Any] | None = None

    def redo(self) -> None:
        previous = self.rows.update(self.row_id, self.changes)
        if self.previous is None:
            self.previous = previous
            if previous is None or previous == self.changes:
                self.setObsolete(True)  # refused, or nothing changed: nothing to undo

    def undo(self) -> None:
        if self.previous is not None:
            self.rows.update(self.row_id, self.previous)


class RemoveRowCommand(QUndoCommand):
    """Remove a row; undo puts it back with the same id in the same place."""

    def __init__(self, rows: RowAdapter, row_id: str, text: str) -> None:
        super().__init__(text)
        self.rows = rows
        self.row_id = row_id
        self._record: Any = None

    def redo(self) -> None:
        self._record = self.rows.remove(self.row_id)
        if self._record is None:
            self.setObsolete(True)

    def undo(self) -> None:
        if self._record is not None:
            self.rows.restore(self._record)


class MoveRowCommand(QUndoCommand):
    """Move a row to `index`; undo moves it back."""

    def __init__(self, rows: RowAdapter, row_id: str, index: int, text: str) -> None:
        super().__init__(text)
        self.rows = rows
        self.row_id = row_id
        self.index = index
        self.old: int | None = None

    def redo(self) -> None:
        old = self.rows.move(self.row_id, self.index)
        if self.old is None:
            self.old = old
            if old is None or old == self.index:
                self.setObsolete(True)

    def undo(self) -> None:
        if self.old is not None:
            self.rows.move(self.row_id, self.old)
