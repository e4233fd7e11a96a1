"""Action items across sessions (`facilitator.followup.FollowUpItem`), as a table: due,
status, task, owner, priority, session. The status is edited in place; the edit does not
change the row but asks for an undoable status change (`status_requested`), since done needs
a completion date and dropped a rationale first."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QFont

from facilitator.followup import FollowUpItem
from ui.models.action_table import ActionTableModel
from ui.models.actions import PRIORITY_NAMES, STATUS_GLYPHS, STATUS_NAMES, tr
from ui.models.rows import Index, RowIdRole

DUE, STATUS, TITLE, OWNER, PRIORITY, SESSION = range(6)
HEADERS = ("Due", "Status", "Task", "Owner", "Priority", "Session")
ItemRole = Qt.ItemDataRole.UserRole + 2  # the FollowUpItem


def status_label(status: str) -> str:
    return f"{STATUS_GLYPHS.get(status, '')} {tr(STATUS_NAMES.get(status, status))}".strip()


def due_label(item: FollowUpItem, today: date) -> str:
    """The deadline, and how late an open item is (in words, not only in colour)."""
    if item.due is None:
        return ""
    if item.is_overdue(today):
        days = (today - item.due).days
        late = tr("1 day late") if days == 1 else tr("{n} days late").format(n=days)
        return f"⚠ {item.due.isoformat()} · {late}"
    return item.due.isoformat()


class FollowUpModel(ActionTableModel[FollowUpItem]):
    """Rows of FollowUpItem in the order given (the core sorts them by deadline)."""

    HEADERS = HEADERS
    status_requested = Signal(object, str)  # the FollowUpItem, the status asked for

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.today = date.today()

    def set_items(self, items: Sequence[FollowUpItem], today: date | None = None) -> None:
        self.today = today or date.today()
        self.replace_rows(items)

    def items(self) -> list[FollowUpItem]:
        return list(self._rows)

    def item_at(self, row: int) -> FollowUpItem:
        return self._rows[row]

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == STATUS:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        item = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(item, column)
        if role == Qt.ItemDataRole.EditRole:
            return item.status if column == STATUS else self._display(item, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == TITLE and item.success_criteria:
                return tr("Success criteria: {text}").format(text=item.success_criteria)
            if column == STATUS and item.status == "dropped" and item.rationale:
                return tr("Dropped: {why}").format(why=item.rationale)
            return self._display(item, column) or None
        if role == Qt.ItemDataRole.FontRole and column == DUE and item.is_overdue(self.today):
            font = QFont()
            font.setBold(True)
            return font
        if role == RowIdRole:
            return item.action_id
        if role == ItemRole:
            return item
        return None

    def _display(self, item: FollowUpItem, column: int) -> str:
        if column == DUE:
            return due_label(item, self.today)
        if column == STATUS:
            return status_label(item.status)
        if column == TITLE:
            return item.title or tr("(untitled)")
        if column == OWNER:
            return " ".join(item.owner.split())
        if column == PRIORITY:
            return tr(PRIORITY_NAMES.get(item.priority, item.priority))
        if column == SESSION:
            return item.session_label
        return ""

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """A status picked in place: ask for the change (it needs its questions first)."""
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() != STATUS:
            return False
        item = self._rows[index.row()]
        if isinstance(value, str) and value in STATUS_NAMES and value != item.status:
            self.status_requested.emit(item, value)
        return False  # the row changes when the core says so (a reload)
