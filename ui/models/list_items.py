"""The item model of one simple list (went well, went poorly, lucky, parking lot)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt

from facilitator import lists
from facilitator.db.store import Store
from facilitator.language import LanguageFinding, check_text
from ui.models.rows import Index, RowIdRole, RowsModel

LanguageRole = Qt.ItemDataRole.UserRole + 2  # the item's blameful phrases (LanguageFinding)


def row_findings(text: str, cache: dict[str, list[LanguageFinding]]) -> list[LanguageFinding]:
    """The checker's findings in a row's text, remembered per text (a view asks at each paint)."""
    found = cache.get(text)
    if found is None:
        found = cache[text] = check_text(text) if text.strip() else []
    return found


def row_tooltip(text: str, findings: Sequence[LanguageFinding]) -> str:
    """The row's text, then what each finding says and what to try instead."""
    if not findings:
        return text
    tr = QCoreApplication.translate
    lines = [text, ""]
    for finding in findings:
        lines.append(f"“{finding.phrase}”: {finding.message}.")
        lines.append(tr("language", "Try: {suggestion}").format(suggestion=finding.suggestion))
    return "\n".join(lines)


@dataclass(frozen=True)
class ListRow:
    id: str
    text: str


class ListItemsModel(RowsModel[ListRow]):
    """One column of items in their order; the adapter methods are `facilitator.lists`."""

    HEADERS = ("Item",)

    def __init__(
        self, store: Store, session_id: str, list_name: str, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.session_id = session_id
        self.list_name = list_name
        self._findings: dict[str, list[LanguageFinding]] = {}  # per text, see row_findings
        self.reload()

    def reload(self) -> None:
        ok, items = self._call(
            lambda: lists.load_items(self.store, self.session_id, self.list_name), saves=False
        )
        if ok:
            self.set_rows([ListRow(item.id, item.text) for item in items])

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self.valid(index):
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return row.text
        if role == Qt.ItemDataRole.ToolTipRole:
            return row_tooltip(row.text, row_findings(row.text, self._findings))
        if role == LanguageRole:
            return row_findings(row.text, self._findings)
        if role == RowIdRole:
            return row.id
        return None

    def field_of(self, column: int) -> str | None:
        return "text" if column == 0 else None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        # An item emptied in place keeps its text: removing is Delete, and undoable.
        if not isinstance(value, str) or not value.strip():
            return False
        if self.valid(index) and value == self._rows[index.row()].text:
            return False
        return super().setData(index, value, role)

    # The adapter (ui/commands/rows.py): one core call each ---------------------------------

    def add(self, text: str, index: int | None = None) -> str | None:
        ok, item_id = self._call(
            lambda: lists.add_item(self.store, self.session_id, self.list_name, text, index=index)
        )
        if not ok:
            return None
        self._insert(len(self._rows) if index is None else index, ListRow(item_id, text))
        return str(item_id)

    def update(self, row_id: str, changes: dict[str, Any]) -> dict[str, Any] | None:
        text = changes["text"]
        ok, previous = self._call(
            lambda: lists.update_item(self.store, self.session_id, row_id, text)
        )
        row = self.find(row_id)
        if not ok or row is None:
            return None
        self._replace(replace(row, text=text))
        return {"text": previous}

    def remove(self, row_id: str) -> lists.ItemRecord | None:
        ok, record = self._call(lambda: lists.remove_item(self.store, self.session_id, row_id))
        if not ok:
            return None
        self._remove(row_id)
        return record  # type: ignore[no-any-return]

    def restore(self, record: lists.ItemRecord) -> bool:
        ok, _ = self._call(lambda: lists.restore_item(self.store, self.session_id, record))
        if ok:
            self._insert(record.position, ListRow(record.id, record.text))
        return ok

    def move(self, row_id: str, index: int) -> int | None:
        ok, old = self._call(lambda: lists.move_item(self.store, self.session_id, row_id, index))
        if not ok:
            return None
        self._move(row_id, index)
        return int(old)
