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
from ui.widgets.language_watch import watch_language

COUNT_NAMES = {
    "went_well": "went well",
    "went_poorly": "went poorly",
    "lucky": "lucky",
    "parking_lot": "parked",
    "actions": "action items",
}


class WrapUpPage(StepPage):
    """The recap counts across the top; below, the parking lot and what happens next (the
    sentences come from `facilitator.recap`, the page only shows them)."""

    step_id = "wrap-up"
    reads_when_built = True

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.add_hint(
            self.tr(
                "Park the topics that came up but belong elsewhere, then recap what the room "
                "produced and what happens next."
            )
        )
        self.counts: dict[str, QLabel] = {}
        tiles = QGridLayout()
        tiles.setHorizontalSpacing(28)
        tiles.setVerticalSpacing(0)
        for column, (key, name) in enumerate(COUNT_NAMES.items()):
            number = QLabel("0", self)
            number.setObjectName(f"count_{key}")
            set_role(number, "h1")
            label = QLabel(self.tr(name), self)
            set_role(label, "muted")
            tiles.addWidget(number, 0, column)
            tiles.addWidget(label, 1, column)
            self.counts[key] = number
        tiles.setColumnStretch(len(COUNT_NAMES), 1)
        self.body.addLayout(tiles)
        self.body.addSpacing(6)

        columns = QHBoxLayout()
        columns.setSpacing(40)
        self.body.addLayout(columns, 1)
        left = QVBoxLayout()
        left.setSpacing(10)
        left.addWidget(self._heading(self.tr("Parking lot")))
        session_id = context.document.session_id
        self.model = ListItemsModel(context.store, session_id, "parking_lot", self)
        self.model.saved.connect(context.document.saved)
        self.model.failed.connect(context.document.save_failed)
        self.parking = CaptureList(
            self.model,
            context.undo_stack,
            placeholder=self.tr("A topic for another time — Enter parks it"),
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
        right.addWidget(self._heading(self.tr("Next steps")))
        self.steps = QVBoxLayout()
        self.steps.setSpacing(10)
        right.addLayout(self.steps)
        right.addStretch(1)
        columns.addLayout(right, 2)

        for signal in (self.model.rowsInserted, self.model.rowsRemoved, self.model.modelReset):
            signal.connect(self.refresh_recap)
        self.refresh_recap()
        watch_language(self, context.settings)  # every free-text field on the page

    def _heading(self, text: str) -> QLabel:
        heading = QLabel(text, self)
        set_role(heading, "h3")
        return heading

    def focus_main_input(self) -> None:
        self.parking.focus_field()

    def entered(self) -> None:
        # Other steps (the lists, the actions, the summary) may have changed the counts.
        self.refresh_recap()

    def next_steps(self) -> list[str]:
        """The next steps on show, in order."""
        labels = (self.steps.itemAt(i).widget() for i in range(self.steps.count()))
        return [label.text() for label in labels if isinstance(label, QLabel)]

    def refresh_recap(self) -> None:
        try:
            result = recap.recap(self.context.store, self.context.document.session_id)
        except errors.FacilitatorError as exc:
            self._show_steps([describe(exc)])
            return
        for key, count in result.counts.items():
            self.counts[key].setText(str(count))
        self.counts["actions"].setText(str(result.actions))
        self._show_steps([f"→  {step}" for step in result.next_steps])

    def _show_steps(self, texts: list[str]) -> None:
        while self.steps.count():
            if (widget := self.steps.takeAt(0).widget()) is not None:
                widget.hide()
                widget.deleteLater()
        for text in texts:
            label = QLabel(text, self)
            label.setObjectName("nextStep")
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
            self.steps.addWidget(label)
