"""The status bar's "Saved" indicator: saving, saved at a time, or why saving failed."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QLabel, QWidget

from ui.session.document import SessionDocument
from ui.style import set_role


class SaveIndicator(QLabel):
    """Words first, colour second: a failed save says so and that the text is kept."""

    def __init__(self, document: SessionDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("saveIndicator")
        self.failed = False
        document.pending.connect(self._pending)
        document.saved.connect(self._saved)
        document.save_failed.connect(self._failed)
        self.setText(self.tr("All changes saved"))

    def _pending(self) -> None:
        if not self.failed:
            self.setText(self.tr("Saving…"))

    def _saved(self) -> None:
        self.failed = False
        set_role(self, "")
        self.setText(self.tr("Saved {time}").format(time=datetime.now().strftime("%H:%M:%S")))

    def _failed(self, reason: str) -> None:
        self.failed = True
        set_role(self, "error")
        self.setText(
            self.tr(
                "Not saved: {reason} Your text is still here; it will be saved when you type again."
            ).format(reason=reason)
        )
