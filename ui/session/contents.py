"""Which agenda steps hold nothing yet (`completeness.empty_steps`), measured off the GUI
thread a moment after saves, so the sidebar tells a step the meeting did (✓) from one it
moved past while empty."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from facilitator.completeness import empty_steps
from ui.session.document import SessionDocument
from ui.session.reading import SessionReading
from ui.workers import Workers

MEASURE_DELAY_MS = 600  # after the last save: typing saves every 0.4 s


class StepContents(SessionReading):
    """The empty steps (`value`: None until first measured)."""

    measured = Signal(frozenset)  # the step ids with nothing recorded

    def __init__(
        self,
        document: SessionDocument,
        workers: Workers,
        parent: QObject | None = None,
        *,
        delay_ms: int = MEASURE_DELAY_MS,
    ) -> None:
        super().__init__(
            document, workers, empty_steps, None, parent, delay_ms=delay_ms, first_ms=0
        )

    def _changed(self, value: frozenset[str]) -> None:
        self.measured.emit(value)
