"""What every agenda step page is given and what it must offer the session window."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from PySide6.QtCore import QSettings
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from facilitator.db.store import Store
from ui.session.document import SessionDocument
from ui.style import set_role
from ui.workers import Workers


@dataclass(frozen=True)
class PageContext:
    """Everything a page may use, passed down from the composition root (no globals)."""

    store: Store
    document: SessionDocument
    undo_stack: QUndoStack
    workers: Workers
    settings: QSettings


class StepPage(QWidget):
    """One agenda step. Subclasses set `step_id`, build their inputs in `__init__` with
    bindings (ui/binding.py) so edits save and undo by themselves, and name their main
    input in `focus_main_input`."""

    step_id: ClassVar[str]

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName(f"page_{self.step_id}")
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(40, 8, 40, 24)
        self.body.setSpacing(14)

    def focus_main_input(self) -> None:
        """Put the keyboard focus where the facilitator types first on this step."""
        self.setFocus()

    def entered(self) -> None:
        """Called each time the step is shown (refresh what other steps may have changed)."""

    def add_hint(self, text: str) -> QLabel:
        """A short line under the title saying what this step is for."""
        hint = QLabel(text, self)
        hint.setWordWrap(True)
        set_role(hint, "muted")
        self.body.addWidget(hint)
        return hint
