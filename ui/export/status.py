"""Under the Export button: progress with Cancel while an export runs, then what came of it
(with Open and Show in folder after a success), in words the facilitator can act on."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from facilitator import errors
from facilitator.report.export import (
    ExportCancelledError,
    ExportMemoryError,
    ExportResult,
    ExportTimeoutError,
    RendererFailedError,
)
from ui.messages import describe
from ui.style import set_role


def failure_text(widget: QWidget, exc: BaseException) -> str:
    """One plain sentence for a failed export; each ends by saying nothing was written."""
    if isinstance(exc, ExportCancelledError):
        return widget.tr("Export cancelled. Nothing was written.")
    if isinstance(exc, ExportTimeoutError):
        return widget.tr(
            "The export took longer than {s:g} seconds and was stopped. A very long or deeply "
            "nested text can cause this. Nothing was written."
        ).format(s=exc.seconds)
    if isinstance(exc, ExportMemoryError):
        return widget.tr("The export ran out of memory and was stopped. Nothing was written.")
    if isinstance(exc, RendererFailedError):
        return widget.tr("The export failed ({detail}). Nothing was written.").format(
            detail=exc.detail
        )
    if isinstance(exc, errors.FileProblemError):
        return widget.tr("Cannot save to {path}: {problem}. Choose another folder.").format(
            path=exc.path, problem=exc.problem
        )
    return describe(exc)


class ExportStatus(QWidget):
    """Idle (empty), running (bar, stage, Cancel), or done (a sentence, maybe two buttons)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(6)

        self.running = QWidget(self)
        row = QHBoxLayout(self.running)
        row.setContentsMargins(0, 0, 0, 0)
        self.bar = QProgressBar(self.running)
        self.bar.setRange(0, 100)
        self.bar.setTextVisible(False)
        self.bar.setMaximumHeight(8)
        row.addWidget(self.bar, 1)
        self.cancel = QPushButton(self.tr("Cancel"), self.running)
        self.cancel.setObjectName("exportCancel")
        row.addWidget(self.cancel)
        column.addWidget(self.running)
        self.stage = QLabel(self)
        set_role(self.stage, "small")
        column.addWidget(self.stage)

        self.message = QLabel(self)
        self.message.setObjectName("exportMessage")
        self.message.setWordWrap(True)
        column.addWidget(self.message)
        self.result_buttons = QWidget(self)
        buttons = QHBoxLayout(self.result_buttons)
        buttons.setContentsMargins(0, 0, 0, 0)
        self.open = QPushButton(self.tr("Open"), self.result_buttons)
        self.open.setObjectName("exportOpen")
        self.show_folder = QPushButton(self.tr("Show in folder"), self.result_buttons)
        self.show_folder.setObjectName("exportShowFolder")
        buttons.addWidget(self.open)
        buttons.addWidget(self.show_folder)
        buttons.addStretch(1)
        column.addWidget(self.result_buttons)
        self.result: ExportResult | None = None
        self.set_idle()

    def set_idle(self) -> None:
        self.running.hide()
        self.stage.hide()
        self.message.hide()
        self.result_buttons.hide()

    def set_running(self) -> None:
        self.set_idle()
        self.result = None
        self.bar.setValue(0)
        self.stage.setText(self.tr("Starting…"))
        self.running.show()
        self.stage.show()

    def set_progress(self, stage: str, fraction: float) -> None:
        self.bar.setValue(round(100 * max(0.0, min(1.0, fraction))))
        # The core's stage words are English phrases; they go through tr like any other.
        self.stage.setText(self.tr(stage) + "…" if fraction < 1 else self.tr(stage))

    def set_done(self, result: ExportResult) -> None:
        self.set_idle()
        self.result = result
        pages = self.tr(", {n} pages").format(n=result.pages) if result.pages else ""
        text = self.tr("Saved {name}{pages} in {s:.1f} s.").format(
            name=Path(result.path).name, pages=pages, s=result.seconds
        )
        for note in result.notes:
            text += " " + note
        self.message.setText(text)
        set_role(self.message, "ok")
        self.message.show()
        self.result_buttons.show()

    def set_failed(self, text: str, *, quiet: bool = False) -> None:
        """Show why an export stopped; `quiet` for a cancel the user asked for."""
        self.set_idle()
        self.message.setText(text)
        set_role(self.message, "muted" if quiet else "error")
        self.message.show()
