"""The table shape shared by the read-mostly models of action items (follow-up, review):
rows in the core's order, found by action id, column titles translated."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar, Generic, Protocol, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt

from ui.models.actions import tr
from ui.models.rows import Index


class HasActionId(Protocol):
    @property
    def action_id(self) -> str: ...


T = TypeVar("T", bound=HasActionId)


class ActionTableModel(QAbstractTableModel, Generic[T]):
    """Subclasses set HEADERS and implement `data` (and `flags`/`setData` if editable)."""

    HEADERS: ClassVar[tuple[str, ...]] = ()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[T] = []

    def replace_rows(self, rows: Sequence[T]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_of(self, action_id: str) -> int:
        return next((i for i, row in enumerate(self._rows) if row.action_id == action_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008  (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if role == Qt.ItemDataRole.DisplayRole and horizontal and 0 <= section < len(self.HEADERS):
            return tr(self.HEADERS[section])
        return None
