"""Choosing the timeline entries a factor cites as its evidence: a checklist of the
session's entries in time order, the ones already cited ticked."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.style import set_role


class CiteEntriesDialog(QDialog):
    """Tick the entries that show this factor happened; the order is the timeline's."""

    def __init__(
        self,
        choices: Sequence[tuple[str, str]],
        cited: Sequence[str],
        factor_text: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Cite timeline entries"))
        self.resize(620, 480)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(10)
        title = QLabel(self.tr("What in the timeline shows this?"), self)
        set_role(title, "h3")
        layout.addWidget(title)
        subject = QLabel(factor_text or self.tr("(no text yet)"), self)
        subject.setWordWrap(True)
        set_role(subject, "muted")
        layout.addWidget(subject)
        self.list = QListWidget(self)
        self.list.setObjectName("citeEntries")
        for entry_id, label in choices:
            item = QListWidgetItem(label, self.list)
            item.setData(Qt.ItemDataRole.UserRole, entry_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            ticked = entry_id in cited
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
        layout.addWidget(self.list, 1)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.list.setFocus()
        if self.list.count():
            self.list.setCurrentRow(0)  # Space ticks, arrows move: no mouse needed

    def chosen(self) -> list[str]:
        return [
            str(item.data(Qt.ItemDataRole.UserRole))
            for item in (self.list.item(row) for row in range(self.list.count()))
            if item.checkState() == Qt.CheckState.Checked
        ]

    @classmethod
    def ask(
        cls,
        parent: QWidget,
        choices: Sequence[tuple[str, str]],
        cited: Sequence[str],
        factor_text: str,
    ) -> list[str] | None:
        """The entry ids to cite, or None when cancelled (tests replace this)."""
        dialog = cls(choices, cited, factor_text, parent)
        return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None
