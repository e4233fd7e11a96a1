"""The facilitator's prompting questions for the current step (never shown to the room)."""

from __future__ import annotations

import json
from functools import cache

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from facilitator.resources import read_text
from ui.style import set_role


@cache
def prompts() -> dict[str, list[str]]:
    data: dict[str, list[str]] = json.loads(read_text("texts", "prompts.json"))
    return {k: v for k, v in data.items() if not k.startswith("_")}


class PromptsPanel(QWidget):
    """A quiet column of questions; hidden in presentation mode."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("promptsPanel")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 20, 20, 20)
        layout.setSpacing(10)
        title = QLabel(self.tr("Questions to ask"), self)
        set_role(title, "h3")
        layout.addWidget(title)
        note = QLabel(self.tr("Only you see these."), self)
        set_role(note, "small")
        layout.addWidget(note)
        self._items = QVBoxLayout()
        self._items.setSpacing(12)
        layout.addLayout(self._items)
        layout.addStretch(1)
        self.labels: list[QLabel] = []

    def show_step(self, step_id: str) -> None:
        """The step's questions, in the labels already made (new ones only when a step has
        more questions than any before): a label made on each step change was polished and
        laid out anew, a few milliseconds of every switch."""
        questions = prompts().get(step_id, [])
        while len(self.labels) < len(questions):
            label = QLabel(self)
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self._items.addWidget(label)
            self.labels.append(label)
        for label, question in zip(self.labels, questions, strict=False):
            label.setText(f"•  {question}")
            label.show()
        for label in self.labels[len(questions) :]:
            label.hide()
            label.clear()

    def questions(self) -> list[str]:
        """The questions on show, as shown."""
        return [label.text() for label in self.labels if not label.isHidden()]
