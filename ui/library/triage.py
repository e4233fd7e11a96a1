"""Importing a session with more than five must/should action items (File > Import JSON):
the core refuses it with the cap error, and this dialog lets the facilitator choose the five
to commit to; the others go to the backlog as nice-to-have, then the import goes ahead.

"Real post-mortems often list 6–16 items: the triage matters." The dialog starts from the
core's own suggestion (the lowest-priority extras to the backlog), so Enter accepts a
sensible choice and a few clicks make a better one.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from facilitator.actions import MAX_COMMITTED, committed_overflow
from facilitator.exchange import read_document
from facilitator.triage import TriageItem, keep_committed, triage_items
from ui.models.actions import PRIORITY_NAMES, tr
from ui.models.rows import Index
from ui.style import set_role


class TriageModel(QAbstractListModel):
    """The committed items of one document, checked when they stay committed."""

    changed = Signal()

    def __init__(self, items: Sequence[TriageItem], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._items = list(items)
        self._kept = {item.index for item in items if item.suggested}

    def kept(self) -> set[int]:
        return set(self._kept)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008  (Qt's signature)
        return 0 if parent.isValid() else len(self._items)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsUserCheckable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            details = [tr(PRIORITY_NAMES.get(item.priority, item.priority))]
            details += [part for part in (item.owner, item.due) if part]
            return f"{item.title or tr('(untitled)')}   ·   {' · '.join(details)}"
        if role == Qt.ItemDataRole.CheckStateRole:
            kept = item.index in self._kept
            return Qt.CheckState.Checked if kept else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            return item.title
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid():
            return False
        item = self._items[index.row()]
        if Qt.CheckState(value) == Qt.CheckState.Checked:
            self._kept.add(item.index)
        else:
            self._kept.discard(item.index)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        self.changed.emit()
        return True


class TriageDialog(QDialog):
    """Choose at most five; `ask()` returns the indexes kept committed, or None."""

    def __init__(self, name: str, document: object, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Choose the five"))
        self.setMinimumSize(640, 480)
        items = triage_items(document)
        self.model = TriageModel(items, self)
        column = QVBoxLayout(self)
        column.setContentsMargins(24, 20, 24, 16)
        column.setSpacing(12)
        heading = QLabel(
            self.tr("“{name}” has {n} must/should action items").format(
                name=Path(name).name, n=len(items)
            ),
            self,
        )
        heading.setWordWrap(True)
        set_role(heading, "h3")
        column.addWidget(heading)
        explanation = QLabel(
            self.tr(
                "A session keeps at most {cap}: twenty action items means zero. Choose the "
                "ones the team commits to; the others are imported as nice-to-have, in the "
                "backlog, where nothing is lost."
            ).format(cap=MAX_COMMITTED),
            self,
        )
        explanation.setWordWrap(True)
        set_role(explanation, "muted")
        column.addWidget(explanation)
        self.view = QListView(self)
        self.view.setObjectName("triageList")
        self.view.setModel(self.model)
        self.view.setAlternatingRowColors(True)
        column.addWidget(self.view, 1)
        self.count = QLabel(self)
        self.count.setObjectName("triageCount")
        column.addWidget(self.count)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok.setText(self.tr("Import"))
        set_role(self.ok, "true", "primary")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        column.addWidget(self.buttons)
        self.model.changed.connect(self._count)
        self._count()
        self.view.setFocus()
        self.view.setCurrentIndex(self.model.index(0))

    @property
    def ok(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def _count(self) -> None:
        kept = len(self.model.kept())
        over = kept > MAX_COMMITTED
        self.count.setText(
            self.tr("{n} of {cap} chosen").format(n=kept, cap=MAX_COMMITTED)
            + (self.tr(" — untick {extra} more").format(extra=kept - MAX_COMMITTED) if over else "")
        )
        set_role(self.count, "warning" if over else "small")
        self.ok.setEnabled(not over)

    @classmethod
    def ask(cls, parent: QWidget | None, name: str, document: object) -> set[int] | None:
        dialog = cls(name, document, parent)
        return dialog.model.kept() if dialog.exec() == QDialog.DialogCode.Accepted else None


def triage_files(parent: QWidget | None, paths: Sequence[str]) -> list[tuple[str, Any]] | None:
    """Read the files; for each over the cap, ask which items stay committed. The documents
    to import (all of them, triaged), or None when the user cancelled any triage."""
    documents: list[tuple[str, Any]] = []
    for path in paths:
        document = read_document(path)
        if committed_overflow(document):
            keep = TriageDialog.ask(parent, path, document)
            if keep is None:
                return None
            document, _moved = keep_committed(document, keep)
        documents.append((path, document))
    return documents
