"""When the library file cannot be used: say why, and offer a way out (never a traceback)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from facilitator import errors
from ui.messages import describe
from ui.style import set_role


@dataclass(frozen=True)
class StoreChoice:
    kind: str  # "open" another file, or "restore" the newest backup
    path: Path


class DatabaseProblemDialog(QDialog):
    """Open another file, restore the last backup, or quit."""

    def __init__(
        self, error: errors.DatabaseError, backup: Path | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Post-mortem Facilitator"))
        self.setMinimumWidth(560)
        self.choice: StoreChoice | None = None
        self.backup = backup
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 20)
        layout.setSpacing(14)
        heading = QLabel(self.tr("The library cannot be opened"), self)
        set_role(heading, "h2")
        layout.addWidget(heading)
        text = QLabel(describe(error), self)
        text.setWordWrap(True)
        layout.addWidget(text)
        where = QLabel(error.location, self)
        where.setWordWrap(True)
        set_role(where, "small")
        layout.addWidget(where)
        row = QHBoxLayout()
        row.addStretch(1)
        self.quit_button = QPushButton(self.tr("Quit"), self)
        self.quit_button.clicked.connect(self.reject)
        row.addWidget(self.quit_button)
        self.restore_button = QPushButton(self.tr("Restore the last backup"), self)
        self.restore_button.setVisible(backup is not None)
        self.restore_button.clicked.connect(self._restore)
        if backup is not None:
            self.restore_button.setToolTip(str(backup))
        row.addWidget(self.restore_button)
        self.open_button = QPushButton(self.tr("Open another file…"), self)
        set_role(self.open_button, "true", "primary")
        self.open_button.clicked.connect(self._open)
        row.addWidget(self.open_button)
        layout.addLayout(row)

    def _open(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open a library"), "", self.tr("Libraries (*.sqlite *.db);;All (*)")
        )
        if path:
            self.choice = StoreChoice("open", Path(path))
            self.accept()

    def _restore(self) -> None:
        if self.backup is not None:
            self.choice = StoreChoice("restore", self.backup)
            self.accept()

    @classmethod
    def ask(
        cls, error: errors.DatabaseError, backup: Path | None, parent: QWidget | None = None
    ) -> StoreChoice | None:
        """The user's way out, or None to quit."""
        dialog = cls(error, backup, parent)
        return dialog.choice if dialog.exec() == QDialog.DialogCode.Accepted else None
