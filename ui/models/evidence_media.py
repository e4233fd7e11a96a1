"""What the evidence page shows beyond a row's name – thumbnails, previews, a link's URL, a
note's text, sizes – and reading files to attach, all prepared off the GUI thread (through
ui/workers.py). Only QImage is used here: it is safe in any thread, QPixmap is not."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt
from PySide6.QtGui import QImage, QImageReader

from facilitator import errors, evidence
from facilitator.db.store import Store

THUMB_PX = 112  # the list shows 56 px tiles; twice that stays sharp on high-density screens
PREVIEW_PX = 1600  # enough for a full-width preview at 1280×720, with some zoom


@dataclass(frozen=True)
class Media:
    size: int  # bytes
    detail: str = ""  # a link's URL or a note's text
    thumb: QImage | None = None
    preview: QImage | None = None


@dataclass(frozen=True)
class Prepared:
    """Evidence ready to add: its name, bytes, media type and what to show for it."""

    name: str
    data: bytes
    media_type: str
    media: Media


def media_of(media_type: str, data: bytes) -> Media:
    if media_type in (evidence.LINK, evidence.NOTE):
        text = data.decode("utf-8", errors="replace")
        return Media(len(data), text.strip() if media_type == evidence.LINK else text)
    if not evidence.is_image(media_type):
        return Media(len(data))
    preview = _decode(data, PREVIEW_PX)
    if preview is None:
        return Media(len(data))  # not a readable picture after all: shown as a file
    return Media(len(data), thumb=_square(preview, THUMB_PX), preview=preview)


def load_media(store: Store, session_id: str) -> dict[str, Media]:
    """Media for every attachment of a session, by id (reads every byte: run it in a worker)."""
    return {
        a.id: media_of(a.media_type, a.data) for a in evidence.load_attachments(store, session_id)
    }


def prepare_files(paths: Iterable[Path]) -> list[Prepared | errors.FileProblemError]:
    """Read files to attach, in order; a file that cannot be used gives its error instead."""
    results: list[Prepared | errors.FileProblemError] = []
    for path in paths:
        try:
            data = evidence.read_file(path)
        except errors.FileProblemError as exc:
            results.append(exc)
            continue
        media_type = evidence.guess_media_type(path.name)
        results.append(Prepared(path.name, data, media_type, media_of(media_type, data)))
    return results


def prepare_image(image: QImage, taken: datetime | None = None) -> Prepared:
    """A pasted or dropped picture as a PNG file named after the moment it was taken."""
    array = QByteArray()
    buffer = QBuffer(array)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    data = bytes(array.data())
    name = f"Screenshot {(taken or datetime.now()):%Y-%m-%d %H.%M.%S}.png"
    return Prepared(name, data, "image/png", media_of("image/png", data))


def _decode(data: bytes, longest: int) -> QImage | None:
    """Decode at most `longest` pixels on the longer side; a JPEG decodes smaller directly."""
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    reader.setAutoTransform(True)  # camera photos carry their rotation in EXIF
    size = reader.size()
    if size.isValid() and max(size.width(), size.height()) > longest:
        reader.setScaledSize(
            size.scaled(QSize(longest, longest), Qt.AspectRatioMode.KeepAspectRatio)
        )
    image = reader.read()
    return None if image.isNull() else image


def _square(image: QImage, side: int) -> QImage:
    """A centred square crop, so every tile in the list has the same shape."""
    scaled = image.scaled(
        side,
        side,
        Qt.AspectRatioMode.KeepAspectRatioByExpanding,
        Qt.TransformationMode.SmoothTransformation,
    )
    x = (scaled.width() - side) // 2
    y = (scaled.height() - side) // 2
    return scaled.copy(x, y, side, side)
