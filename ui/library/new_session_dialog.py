"""The New session dialog: title, severity, depth and time zone; `ask()` returns them."""

from __future__ import annotations

from dataclasses import dataclass
from zoneinfo import available_timezones

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from facilitator.db.choices import SEVERITIES
from ui.style import set_role

DEPTHS = (
    ("quick", "Quick — 15 to 30 minutes"),
    ("standard", "Standard — 60 to 90 minutes"),
    ("deep", "Deep dive — half a day"),
)


@dataclass(frozen=True)
class NewSession:
    title: str
    severity: str
    depth: str
    timezone: str


class NewSessionDialog(QDialog):
    def __init__(self, timezone: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New session"))
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 20)
        layout.setSpacing(16)
        heading = QLabel(self.tr("New post-mortem"), self)
        set_role(heading, "h2")
        layout.addWidget(heading)
        form = QFormLayout()
        form.setVerticalSpacing(12)
        form.setHorizontalSpacing(16)
        self.title = QLineEdit(self)
        self.title.setPlaceholderText(self.tr("e.g. Checkout errors after the 14:00 deploy"))
        self.severity = QComboBox(self)
        for severity in SEVERITIES:
            self.severity.addItem(severity, severity)
        self.severity.setCurrentIndex(self.severity.findData("SEV3"))
        self.depth = QComboBox(self)
        for depth, text in DEPTHS:
            self.depth.addItem(self.tr(text), depth)
        self.depth.setCurrentIndex(1)
        self.timezone = QComboBox(self)
        for zone in sorted(available_timezones()):
            self.timezone.addItem(zone, zone)
        self.timezone.setCurrentIndex(max(0, self.timezone.findData(timezone)))
        form.addRow(self.tr("Title"), self.title)
        form.addRow(self.tr("Severity"), self.severity)
        form.addRow(self.tr("Depth"), self.depth)
        form.addRow(self.tr("Time zone"), self.timezone)
        layout.addLayout(form)
        hint = QLabel(
            self.tr("The depth sets the agenda and its timeboxes; you can change it later."), self
        )
        hint.setWordWrap(True)
        set_role(hint, "muted")
        layout.addWidget(hint)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Create"))
        set_role(ok, "true", "primary")
        ok.setEnabled(False)
        self.title.textChanged.connect(lambda text: ok.setEnabled(bool(text.strip())))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def result_value(self) -> NewSession:
        return NewSession(
            self.title.text().strip(),
            self.severity.currentData(),
            self.depth.currentData(),
            self.timezone.currentData(),
        )

    @classmethod
    def ask(cls, parent: QWidget | None, timezone: str) -> NewSession | None:
        dialog = cls(timezone, parent)
        return dialog.result_value() if dialog.exec() == QDialog.DialogCode.Accepted else None
