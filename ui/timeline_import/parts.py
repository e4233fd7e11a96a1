"""Small pieces of the Import dialog: labels in a style role, the placeholder shown instead
of the table (a read under way, or why nothing was read), the busy indicator."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QVBoxLayout, QWidget

from ui.style import set_role


def label(parent: QWidget, name: str = "", role: str = "muted", *, wrap: bool = True) -> QLabel:
    """A plain-text label (it may quote the file: no rich text) in a style role."""
    made = QLabel(parent)
    if name:
        made.setObjectName(name)
    made.setWordWrap(wrap)
    made.setTextFormat(Qt.TextFormat.PlainText)
    set_role(made, role)
    return made


class Placeholder(QWidget):
    """Centred words where the table would be: what is being read, or what went wrong."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        column = QVBoxLayout(self)
        column.setSpacing(10)
        column.addStretch(1)
        self.problem = label(self, "importProblem")
        self.hint = label(self)
        for text in (self.problem, self.hint):
            text.setAlignment(Qt.AlignmentFlag.AlignCenter)
            column.addWidget(text)
        column.addStretch(2)

    def show_working(self, text: str) -> None:
        set_role(self.problem, "muted")
        self.problem.setText(text)
        self.hint.clear()

    def show_problem(self, problem: str, hint: str) -> None:
        set_role(self.problem, "error")
        self.problem.setText("✕ " + problem)
        self.hint.setText(hint)


class BusyIndicator(QWidget):
    """An indeterminate bar and what is being done ("Reading chat.txt…"), hidden when idle."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(12)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 0)  # a read has no known length: an indeterminate bar
        self.bar.setTextVisible(False)
        self.bar.setFixedWidth(140)
        self.bar.setAccessibleName(self.tr("Working"))
        row.addWidget(self.bar)
        self.label = label(self, wrap=False)
        row.addWidget(self.label, 1)
        self.idle()

    def working(self, text: str) -> None:
        self.label.setText(text)
        self.bar.show()

    def idle(self) -> None:
        self.label.clear()
        self.bar.hide()
