"""The facilitator's prompting questions for the current step (never shown to the room)."""

from __future__ import annotations

import json
from functools import cache

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

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
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        # The questions scroll when they are taller than the window (a high zoom), rather
        # than being squeezed into each other or making the window taller than the screen.
        self.scroll = QScrollArea(self)
        self.scroll.setObjectName("promptsScroll")
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.viewport().setAutoFillBackground(False)
        content = QWidget(self.scroll)
        content.setObjectName("promptsContent")
        self.scroll.setWidget(content)
        outer.addWidget(self.scroll)
        layout = QVBoxLayout(content)
        layout.setContentsMargins(20, 20, 20, 20)
        layout.setSpacing(10)
        title = QLabel(self.tr("Questions to ask"), content)
        set_role(title, "h3")
        # Both wrap, so at a high zoom the panel narrows with the window instead of widening it.
        title.setWordWrap(True)
        layout.addWidget(title)
        note = QLabel(self.tr("Only you see these."), content)
        set_role(note, "small")
        note.setWordWrap(True)
        layout.addWidget(note)
        self._items = QVBoxLayout()
        self._items.setSpacing(12)
        layout.addLayout(self._items)
        layout.addStretch(1)
        self.labels: list[QLabel] = []
        self._content = content

    def show_step(self, step_id: str) -> None:
        """The step's questions, in the labels already made (new ones only when a step has
        more questions than any before): a label made on each step change was polished and
        laid out anew, a few milliseconds of every switch."""
        questions = prompts().get(step_id, [])
        while len(self.labels) < len(questions):
            label = QLabel(self._content)
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
