"""The controls above the fault-tree canvas: a line of guidance (or, for a while, what just
happened), fit and zoom, the open-paths switch and the image export."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ui.style import set_role

MESSAGE_MS = 8000


class FaultTreeToolbar(QWidget):
    """Buttons only say what the keys already do; the canvas keeps the keyboard focus."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("faultTreeToolbar")
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(8)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        column.addWidget(self.message)
        row = QHBoxLayout()
        row.setSpacing(8)
        column.addLayout(row)
        self.fit_button = QPushButton(self.tr("Fit (F)"), self)
        self.fit_button.setToolTip(self.tr("Fit the whole tree to the window"))
        self.zoom_out_button = QPushButton("−", self)
        self.zoom_out_button.setToolTip(self.tr("Zoom out (-, or Ctrl+wheel)"))
        self.zoom_in_button = QPushButton("+", self)
        self.zoom_in_button.setToolTip(self.tr("Zoom in (+, or Ctrl+wheel)"))
        self.paths_button = QPushButton(self)
        self.paths_button.setCheckable(True)
        self.paths_button.setToolTip(
            self.tr("Highlight every path to the incident that no action item breaks yet")
        )
        self.paths_button.toggled.connect(self._paths_toggled)
        self._paths_toggled(False)
        self.export_button = QPushButton(self.tr("Export image…"), self)
        self.export_button.setToolTip(self.tr("Save the tree as SVG or PNG, as in the write-up"))
        for button in (self.fit_button, self.zoom_out_button, self.zoom_in_button):
            set_role(button, "true", "flat")
        for button in (*self.findChildren(QPushButton),):
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # a click leaves the focus on the tree
            row.addWidget(button)
        row.insertStretch(row.count() - 1, 1)
        self._timer = QTimer(self, singleShot=True, interval=MESSAGE_MS)
        self._timer.timeout.connect(self.show_hint)
        self.show_hint()

    def show_hint(self) -> None:
        self._timer.stop()
        self.message.setText(
            self.tr(
                "Tab adds a factor under the selected box, Enter one beside it; "
                "right-click a box for more."
            )
        )
        set_role(self.message, "muted")

    def show_message(self, text: str) -> None:
        """A calm sentence in place of the guidance (a refused move), gone after a while."""
        self.message.setText(text)
        set_role(self.message, "warning")
        self._timer.start()

    def _paths_toggled(self, on: bool) -> None:
        # The words say the state: a pressed-in button alone is easy to miss when shared.
        words = self.tr("Hide open paths (H)") if on else self.tr("Show open paths (H)")
        self.paths_button.setText(words)
