"""What every agenda step page is given and what it must offer the session window."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
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
    # Whether the window may call `entered` ahead of the first visit, while idle (False
    # when entering does more than read the session: the export page starts a renderer).
    read_ahead: ClassVar[bool] = True
    # Whether the window may call `entered` again while idle after the session changed, so
    # that the next visit need not (False when entering only starts a pool job: the visit's
    # turn gains nothing, and the job would run after every pause in typing).
    reads_again_ahead: ClassVar[bool] = True
    # Whether building the page (its constructor and its `later` stages) reads all that
    # `entered` reads, so a page just built need not be entered before it is first shown.
    reads_when_built: ClassVar[bool] = False

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._stages: deque[Callable[[], object]] = deque()
        self.setObjectName(f"page_{self.step_id}")
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(40, 8, 40, 24)
        self.body.setSpacing(14)

    def focus_main_input(self) -> None:
        """Put the keyboard focus where the facilitator types first on this step."""
        self.setFocus()

    def entered(self) -> None:
        """Read again what other steps may have changed. Called when the step is shown and
        the session changed since the last call (ui/session/step_pages.py), and once ahead
        of the first visit when `read_ahead`."""

    # Building in stages ------------------------------------------------------------------

    def later(self, stage: Callable[[], object]) -> None:
        """Leave part of building for later: the window runs each stage in an idle turn
        of its own when it builds the page ahead of time, or all of them before the page
        is first shown. For a constructor too long for one turn (< 50 ms a turn)."""
        self._stages.append(stage)

    @property
    def building(self) -> bool:
        return bool(self._stages)

    def build_next(self) -> None:
        if self._stages:
            self._stages.popleft()()

    def finish_building(self) -> None:
        while self._stages:
            self._stages.popleft()()

    def add_hint(self, text: str) -> QLabel:
        """A short line under the title saying what this step is for."""
        hint = QLabel(text, self)
        hint.setWordWrap(True)
        set_role(hint, "muted")
        self.body.addWidget(hint)
        return hint
