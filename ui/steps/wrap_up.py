"""The *wrap-up* step: the parking lot, and a short recap for the room before it leaves."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from facilitator import errors, recap
from ui.messages import describe
from ui.models.list_items import ListItemsModel
from ui.steps.base import PageContext, StepPage
from ui.style import set_role
from ui.widgets.capture_list import CaptureList

COUNT_NAMES = {
    "went_well": "went well",
    "went_poorly": "went poorly",
    "lucky": "lucky breaks",
    "parking_lot": "parked",
}


class WrapUpPage(StepPage):
    """Left: park what came up but belongs elsewhere. Right: what the meeting produced and
    what happens next (the sentences come from `facilitator.recap`)."""

    step_id = "wrap-up"

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.add_hint(
            self.tr(
                "Park the topics that came up but belong elsewhere, then recap what the room "
                "produced and what happens next."
            )
        )
        columns = QHBoxLayout()
        columns.setSpacing(40)
        self.body.addLayout(columns, 1)

        left = QVBoxLayout()
        left.setSpacing(10)
        left.addWidget(self._heading(self.tr("Parking lot")))
        self.model = ListItemsModel(context.store, context.document.session_id, "parking_lot", self)
        self.model.saved.connect(context.document.saved)
        self.model.failed.connect(context.document.save_failed)
        self.parking = CaptureList(
            self.model,
            context.undo_stack,
            placeholder=self.tr("A topic for another time — press Enter to park it"),
            empty_text=self.tr(
                "Nothing parked. When a discussion drifts, type it here and press Enter "
                "so the room can move on without losing it."
            ),
            parent=self,
        )
        self.parking.view.setAccessibleName(self.tr("Parking lot"))
        left.addWidget(self.parking, 1)
        columns.addLayout(left, 3)

        right = QVBoxLayout()
        right.setSpacing(10)
        right.addWidget(self._heading(self.tr("Recap")))
        self.counts: dict[str, QLabel] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(0)
        for column, (key, name) in enumerate([*COUNT_NAMES.items(), ("actions", "actions")]):
            number = QLabel("0", self)
            number.setObjectName(f"count_{key}")
            set_role(number, "h1")
            label = QLabel(self.tr(name), self)
            set_role(label, "small")
            grid.addWidget(number, 0, column, Qt.AlignmentFlag.AlignLeft)
            grid.addWidget(label, 1, column, Qt.AlignmentFlag.AlignLeft)
            self.counts[key] = number
        grid.setColumnStretch(len(self.counts), 1)
        right.addLayout(grid)
        right.addSpacing(14)
        right.addWidget(self._heading(self.tr("Next steps")))
        self.next_steps = QLabel(self)
        self.next_steps.setObjectName("nextSteps")
        self.next_steps.setWordWrap(True)
        self.next_steps.setTextFormat(Qt.TextFormat.PlainText)
        self.next_steps.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        right.addWidget(self.next_steps)
        right.addStretch(1)
        columns.addLayout(right, 2)

        for signal in (self.model.rowsInserted, self.model.rowsRemoved, self.model.modelReset):
            signal.connect(self.refresh_recap)
        self.refresh_recap()

    def _heading(self, text: str) -> QLabel:
        heading = QLabel(text, self)
        set_role(heading, "h3")
        return heading

    def focus_main_input(self) -> None:
        self.parking.focus_field()

    def entered(self) -> None:
        # Other steps (the lists, the actions, the summary) may have changed the counts.
        self.refresh_recap()

    def refresh_recap(self) -> None:
        try:
            result = recap.recap(self.context.store, self.context.document.session_id)
        except errors.FacilitatorError as exc:
            self.next_steps.setText(describe(exc))
            return
        for key, count in result.counts.items():
            self.counts[key].setText(str(count))
        self.counts["actions"].setText(str(result.actions))
        self.next_steps.setText("\n\n".join(f"→  {step}" for step in result.next_steps))
