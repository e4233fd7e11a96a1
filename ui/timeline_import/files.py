"""Choosing the file to import: a file dialog wrapped in `ask` (tests replace it), and files
dropped on the timeline page."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from zoneinfo import available_timezones

from PySide6.QtCore import QEvent, QMimeData, QObject, QSettings, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog, QWidget

_LAST_FOLDER = "timeline_import/folder"


class ImportFileChooser:
    """The file dialog for Import…, opening where the last import came from."""

    @classmethod
    def ask(cls, parent: QWidget | None, settings: QSettings | None = None) -> Path | None:
        """The chosen file, or None when the facilitator cancelled."""
        folder = str(settings.value(_LAST_FOLDER, "")) if settings is not None else ""
        tr = parent.tr if parent is not None else str
        path, _ = QFileDialog.getOpenFileName(
            parent,
            tr("Import timeline entries"),
            folder,
            tr(
                "What an incident leaves behind (*.csv *.tsv *.txt *.log *.json *.zip);;"
                "All files (*)"
            ),
        )
        if not path:
            return None
        if settings is not None:
            settings.setValue(_LAST_FOLDER, str(Path(path).parent))
        return Path(path)


def dropped_file(mime: QMimeData) -> Path | None:
    """The one local file (or Slack export folder) being dragged, if that is what it is."""
    urls = [url for url in mime.urls() if url.isLocalFile()] if mime.hasUrls() else []
    if len(urls) != 1:
        return None
    path = Path(urls[0].toLocalFile())
    return path if path.exists() else None


class FileDrops(QObject):
    """Lets a widget take one file dropped on it: `dropped(path)` says which."""

    dropped = Signal(object)  # the Path

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        widget.setAcceptDrops(True)
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(event, QDragEnterEvent | QDropEvent) and event.type() in (
            QEvent.Type.DragEnter,
            QEvent.Type.DragMove,
            QEvent.Type.Drop,
        ):
            path = dropped_file(event.mimeData())
            if path is None:
                return False
            event.acceptProposedAction()
            if event.type() == QEvent.Type.Drop:
                self.dropped.emit(path)
            return True
        return super().eventFilter(watched, event)


@cache
def zone_names() -> list[str]:
    """Every zone the zone picker offers, sorted (read once: it scans the zone database)."""
    return sorted(name for name in available_timezones() if "/" in name or name == "UTC")
