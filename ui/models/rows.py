"""The shape shared by the models of small ordered collections (participants, list items,
evidence): rows kept by id, core calls that report failures in words, precise row signals,
and drag-to-reorder that asks for an undoable move instead of moving by itself.

Views never change rows directly: an edit in place or a drop emits `edit_requested` or
`move_requested`; the page turns that into a QUndoCommand, whose `redo()` calls the model's
adapter method (one core call), which then updates the rows with begin/end calls.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, Protocol, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from facilitator import errors
from ui.messages import describe

Index = QModelIndex | QPersistentModelIndex
ROW_MIME = "application/x-postmortem-row"
RowIdRole = Qt.ItemDataRole.UserRole + 1


class HasId(Protocol):
    @property
    def id(self) -> str: ...


R = TypeVar("R", bound=HasId)


class RowsModel(QAbstractTableModel, Generic[R]):
    """Rows of one type `R` (a frozen dataclass with an `id`), one per line."""

    saved = Signal()  # a core call succeeded (the Saved indicator listens)
    failed = Signal(str)  # a core call was refused or the database failed, in words
    edit_requested = Signal(str, str, object)  # row id, field, new value
    move_requested = Signal(str, int)  # row id, new index
    HEADERS: tuple[str, ...] = ("",)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[R] = []

    # Reading -------------------------------------------------------------------------------

    def rows(self) -> list[R]:
        return list(self._rows)

    def row_at(self, index: int) -> R:
        return self._rows[index]

    def row_of(self, row_id: str) -> int:
        return next((i for i, row in enumerate(self._rows) if row.id == row_id), -1)

    def find(self, row_id: str) -> R | None:
        at = self.row_of(row_id)
        return self._rows[at] if at >= 0 else None

    # Qt's model interface ------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008  (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.tr(self.HEADERS[section])
        if role == Qt.ItemDataRole.TextAlignmentRole:  # over the text it names, not centred
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled  # drops land between rows, never on one
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsEditable
            | Qt.ItemFlag.ItemIsDragEnabled
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def valid(self, index: Index) -> bool:
        return index.isValid() and 0 <= index.row() < len(self._rows)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """An edit in place: asks for an undoable edit rather than changing the row."""
        if role != Qt.ItemDataRole.EditRole or not self.valid(index):
            return False
        field = self.field_of(index.column())
        if field is None:
            return False
        self.edit_requested.emit(self._rows[index.row()].id, field, value)
        return True

    def field_of(self, column: int) -> str | None:
        """The field that column `column` edits (None: not editable)."""
        return None

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [ROW_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        data = QMimeData()
        rows = sorted({i.row() for i in indexes if self.valid(i)})
        if rows:
            data.setData(ROW_MIME, QByteArray(self._rows[rows[0]].id.encode()))
        return data

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        """A row dragged within the view: ask for an undoable move to where it was dropped."""
        if action != Qt.DropAction.MoveAction or not data.hasFormat(ROW_MIME):
            return False
        old = self.row_of(bytes(data.data(ROW_MIME).data()).decode())
        if old < 0:
            return False
        if row < 0:  # dropped on the empty space below the rows, or on a row
            row = parent.row() if parent.isValid() else len(self._rows)
        new = row - 1 if row > old else row  # `row` counts the dragged row still in place
        new = max(0, min(new, len(self._rows) - 1))
        if new != old:
            self.move_requested.emit(self._rows[old].id, new)
        return True

    # Changing rows (called by the adapter methods after the core said yes) -----------------

    def set_rows(self, rows: Sequence[R]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def _insert(self, index: int, row: R) -> None:
        index = max(0, min(index, len(self._rows)))
        self.beginInsertRows(QModelIndex(), index, index)
        self._rows.insert(index, row)
        self.endInsertRows()

    def _remove(self, row_id: str) -> R | None:
        at = self.row_of(row_id)
        if at < 0:
            return None
        self.beginRemoveRows(QModelIndex(), at, at)
        row = self._rows.pop(at)
        self.endRemoveRows()
        return row

    def _move(self, row_id: str, new: int) -> None:
        old = self.row_of(row_id)
        if old < 0 or old == new:
            return
        # Qt counts the destination before the row leaves: one further down when moving down.
        destination = new + 1 if new > old else new
        self.beginMoveRows(QModelIndex(), old, old, QModelIndex(), destination)
        self._rows.insert(new, self._rows.pop(old))
        self.endMoveRows()

    def _replace(self, row: R) -> None:
        at = self.row_of(row.id)
        if at < 0:
            return
        self._rows[at] = row
        self.dataChanged.emit(self.index(at, 0), self.index(at, self.columnCount() - 1))

    def _call(self, call: Callable[[], Any], *, saves: bool = True) -> tuple[bool, Any]:
        """Run one core call; (True, its result), or (False, None) after `failed`.
        `saves` False for reads, which must not tell the Saved indicator anything."""
        try:
            result = call()
        except errors.FacilitatorError as exc:
            self.failed.emit(describe(exc))
            return False, None
        if saves:
            self.saved.emit()
        return True, result
