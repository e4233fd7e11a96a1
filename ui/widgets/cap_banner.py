"""The cap of five, explained where it bites: a banner on the actions page when the core
refused a sixth must/should item, saying why, listing what counts now, and offering the one
obvious way on ("Make it nice-to-have": the backlog, which does not count)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from facilitator.actions import ActionCapError
from ui.models.actions import PRIORITY_NAMES, CapRefusal
from ui.style import set_role


class CapBanner(QFrame):
    """Hidden until `explain`; `make_nice` asks the page to redo the change as nice-to-have."""

    make_nice = Signal(object)  # the CapRefusal to redo as nice-to-have

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("capBanner")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.refusal: CapRefusal | None = None
        # One row: the explanation, then the two answers; it sits above the lists, which
        # keep what room a 720-pixel screen has left.
        row = QHBoxLayout(self)
        row.setContentsMargins(16, 10, 12, 10)
        row.setSpacing(12)
        column = QVBoxLayout()
        column.setSpacing(2)
        self.heading = QLabel(self)
        set_role(self.heading, "h3")
        column.addWidget(self.heading)
        self.message = QLabel(self)
        self.message.setObjectName("capMessage")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        column.addWidget(self.message)
        row.addLayout(column, 1)
        self.dismiss = QPushButton(self.tr("Cancel"), self)
        set_role(self.dismiss, "true", "flat")
        self.dismiss.clicked.connect(self.hide)
        row.addWidget(self.dismiss, 0, Qt.AlignmentFlag.AlignVCenter)
        self.nice = QPushButton(self.tr("Make it nice-to-have"), self)
        self.nice.setObjectName("makeNice")
        set_role(self.nice, "true", "primary")
        self.nice.clicked.connect(self._make_nice)
        row.addWidget(self.nice, 0, Qt.AlignmentFlag.AlignVCenter)
        self.hide()

    def explain(self, refusal: CapRefusal) -> None:
        """Say why the change was refused; show the way on where there is one."""
        self.refusal = refusal
        error: ActionCapError = refusal.error
        self.heading.setText(self.tr("At most {cap} must/should items").format(cap=error.cap))
        # The counted items are the list right under the banner; named in the tooltip too.
        counted = "\n".join(
            f"{item.number}. {item.title or self.tr('(untitled)')} — "
            f"{self.tr(PRIORITY_NAMES.get(item.priority, item.priority))}"
            for item in error.items
        )
        reason = error.problem[:1].upper() + error.problem[1:]
        self.message.setText(f"{reason}.")
        self.setToolTip(self.tr("Counted now:") + f"\n{counted}")
        offer = refusal.kind in ("add", "status")
        self.nice.setVisible(offer)
        self.dismiss.setText(self.tr("Cancel") if offer else self.tr("OK"))
        self.show()
        (self.nice if offer else self.dismiss).setFocus()

    def _make_nice(self) -> None:
        refusal = self.refusal
        self.hide()
        if refusal is not None:
            self.make_nice.emit(refusal)
