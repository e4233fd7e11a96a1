"""The session window's side of the language checker: blameful phrases counted per step for
the sidebar (recounted off the GUI thread a moment after saves), and the View menu's
"Underline blameful phrasing" switch, which follows presentation mode."""

from __future__ import annotations

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtWidgets import QWidget

from facilitator.language_findings import language_counts
from ui.actions import make_action
from ui.session.document import SessionDocument
from ui.session.presentation import Presentation
from ui.session.reading import SessionReading
from ui.widgets.language_highlighter import PRESENTING, LanguageDisplay
from ui.workers import Workers

RECOUNT_DELAY_MS = 1500  # after the last save: typing saves every 0.4 s, counting need not


class LanguageCounts(SessionReading):
    """Blameful phrases per step id (`value`), recounted after saves."""

    counted = Signal(dict)  # step id -> number of blameful phrases

    def __init__(
        self,
        document: SessionDocument,
        workers: Workers,
        parent: QObject | None = None,
        *,
        delay_ms: int = RECOUNT_DELAY_MS,
    ) -> None:
        super().__init__(
            document, workers, language_counts, {}, parent, delay_ms=delay_ms, first_ms=delay_ms
        )

    def _changed(self, value: dict[str, int]) -> None:
        self.counted.emit(value)


class UnderlineToggle(QObject):
    """View > Underline blameful phrasing: checked while underlines show in the current mode
    (the facilitator's screen, or presentation mode, each remembered on its own). A QObject
    of the window's, so the app-wide display forgets it when the window closes."""

    def __init__(self, window: QWidget, settings: QSettings, presentation: Presentation) -> None:
        super().__init__(window)
        self.window = window
        self.display = LanguageDisplay.of(settings)
        self.action = make_action(window, "language_underlines", self._chosen)
        self.action.setCheckable(True)
        presentation.toggled.connect(self._presenting)
        self.display.changed.connect(self._follow)
        self._follow()

    def _presenting_now(self) -> bool:
        return bool(self.window.property(PRESENTING))

    def _chosen(self) -> None:
        self.display.set_shown(self.action.isChecked(), self._presenting_now())

    def _presenting(self, active: bool) -> None:
        self.display.set_presenting(self.window, active)

    def _follow(self) -> None:
        self.action.setChecked(self.display.shown(self._presenting_now()))
