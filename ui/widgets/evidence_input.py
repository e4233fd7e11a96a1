"""Ways evidence comes in besides typing: the file dialog, drops and the clipboard."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QEvent, QMimeData, QObject
from PySide6.QtGui import QDropEvent, QGuiApplication, QImage, QKeyEvent, QKeySequence, QPixmap
from PySide6.QtWidgets import QFileDialog, QLineEdit, QWidget

from facilitator import errors, evidence


class AttachFilesDialog:
    """The system's file picker; tests replace `ask`."""

    @classmethod
    def ask(cls, parent: QWidget) -> list[Path]:
        """The files chosen, or [] when the dialog was cancelled."""
        names, _filter = QFileDialog.getOpenFileNames(
            parent,
            parent.tr("Attach evidence"),
            "",
            parent.tr("Images (*.png *.jpg *.jpeg *.gif *.webp);;All files (*)"),
            parent.tr("All files (*)"),
        )
        return [Path(name) for name in names]


@dataclass
class Incoming:
    """What a drop or the clipboard brings: local files, web links, or a picture."""

    files: list[Path] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    image: QImage | None = None

    def __bool__(self) -> bool:
        return bool(self.files or self.links or self.image is not None)


def incoming(mime: QMimeData | None, *, text_links: bool = True) -> Incoming:
    """Read a drop or the clipboard. Files and links win over a picture (a browser drags
    both an image and its address); plain text counts when it is one web link."""
    found = Incoming()
    if mime is None:
        return found
    for url in mime.urls():
        if url.isLocalFile():
            found.files.append(Path(url.toLocalFile()))
        elif url.scheme() in ("http", "https"):
            found.links.append(url.toString())
    if found:
        return found
    if mime.hasImage():
        data = mime.imageData()
        image = data.toImage() if isinstance(data, QPixmap) else QImage(data)
        if not image.isNull():
            found.image = image
            return found
    if text_links and mime.hasText():
        # Ordinary text is not evidence by itself; one web link is.
        with suppress(errors.ValidationError):
            found.links.append(evidence.check_url(mime.text()))
    return found


DRAG_EVENTS = (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop)


class DropCatcher(QObject):
    """Takes drops of files, web links and pictures on the widgets it watches and hands them
    to `on_drop`; anything else (a row being reordered, plain text for a field) passes on."""

    def __init__(self, on_drop: Callable[[Incoming], object], *widgets: QWidget) -> None:
        super().__init__(widgets[0])
        self.on_drop = on_drop
        for widget in widgets:
            widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() not in DRAG_EVENTS or not isinstance(event, QDropEvent):
            return False
        found = incoming(event.mimeData())
        if not found:
            return False
        event.acceptProposedAction()
        if event.type() == QEvent.Type.Drop:
            self.on_drop(found)
        return True


class PasteEvidenceFilter(QObject):
    """Ctrl+V in a text field pastes text as usual; when the clipboard holds files, or a
    picture and no text, the key goes on to the page's "paste evidence" action instead."""

    def __init__(self, *fields: QLineEdit) -> None:
        super().__init__(fields[0])
        for line in fields:
            line.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.ShortcutOverride or not isinstance(event, QKeyEvent):
            return False
        if not event.matches(QKeySequence.StandardKey.Paste):
            return False
        mime = QGuiApplication.clipboard().mimeData()
        found = incoming(mime, text_links=False)
        # Copied files often come with their paths as text: attaching them is what was meant.
        return bool(found.files) or (found.image is not None and not mime.hasText())
