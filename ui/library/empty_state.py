"""What the library shows instead of an empty table: what to do next."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from ui.style import set_role


class EmptyState(QWidget):
    """First run, no search results, or an empty trash: a sentence and one action."""

    new_requested = Signal()
    demo_requested = Signal()

    def __init__(self, parent: QWidget | None = None, *, demo_available: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("emptyState")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 60, 0, 0)
        layout.setSpacing(14)
        layout.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.title = QLabel(self)
        set_role(self.title, "h2")
        self.title.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setFixedWidth(560)
        self.text.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        set_role(self.text, "muted")
        self.new_button = QPushButton(self.tr("New session"), self)
        set_role(self.new_button, "true", "primary")
        self.new_button.clicked.connect(self.new_requested)
        self.demo_button = QPushButton(self.tr("Open the demo session"), self)
        set_role(self.demo_button, "true", "flat")
        self.demo_button.clicked.connect(self.demo_requested)
        self.demo_available = demo_available
        for widget in (self.title, self.text, self.new_button, self.demo_button):
            layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
        self.reason = "first"
        self.show_reason("first")

    def show_reason(self, reason: str) -> None:
        self.reason = reason
        first = reason == "first"
        if first:
            self.title.setText(self.tr("Run your first blameless post-mortem"))
            self.text.setText(
                self.tr(
                    "Create a session for an incident: the app walks you through preparing it, "
                    "running the meeting on a shared screen, and following up on the actions. "
                    "Every keystroke is saved as you go."
                )
            )
        elif reason == "filter":
            self.title.setText(self.tr("No sessions match"))
            self.text.setText(self.tr("Try fewer words, or set the filters back to “Any”."))
        else:
            self.title.setText(self.tr("The trash is empty"))
            self.text.setText(self.tr("Sessions you delete wait here until you empty the trash."))
        self.new_button.setVisible(first)
        self.demo_button.setVisible(first and self.demo_available)
