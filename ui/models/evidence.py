"""The evidence list: files, pictures, links and notes in one order, with captions.

Rows come from the database without their bytes (a session opens at once however big its
screenshots); thumbnails, previews and link / note text arrive later from a worker
(`set_media`) and with every new attachment.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QPixmap

from facilitator import evidence
from facilitator.db.store import Store
from ui.models.evidence_media import Media, Prepared, media_of
from ui.models.rows import Index, RowIdRole, RowsModel

KindRole = Qt.ItemDataRole.UserRole + 2
CaptionRole = Qt.ItemDataRole.UserRole + 3
SizeRole = Qt.ItemDataRole.UserRole + 4


@dataclass(frozen=True)
class EvidenceRow:
    id: str
    name: str
    media_type: str
    caption: str

    @property
    def kind(self) -> str:
        """image, link, note or file: what the page can show of it."""
        if self.media_type == evidence.LINK:
            return "link"
        if self.media_type == evidence.NOTE:
            return "note"
        return "image" if evidence.is_image(self.media_type) else "file"


@dataclass(frozen=True)
class NewLink:
    url: str


@dataclass(frozen=True)
class NewNote:
    text: str


NewEvidence = Prepared | NewLink | NewNote


class EvidenceModel(RowsModel[EvidenceRow]):
    """One column; Display is the name, Edit the caption. Adapter: `facilitator.evidence`."""

    HEADERS = ("Evidence",)

    def __init__(self, store: Store, session_id: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.session_id = session_id
        self._media: dict[str, Media] = {}
        self._pixmaps: dict[str, QPixmap] = {}  # made on the GUI thread from the thumbnails
        self.reload()

    def reload(self) -> None:
        ok, rows = self._call(self._load, saves=False)
        if ok:
            self.set_rows(rows)

    def _load(self) -> list[EvidenceRow]:
        found = evidence.load_attachments(self.store, self.session_id, with_data=False)
        return [EvidenceRow(a.id, a.name, a.media_type, a.caption) for a in found]

    def media(self, row_id: str) -> Media | None:
        return self._media.get(row_id)

    def set_media(self, media: dict[str, Media]) -> None:
        """Thumbnails and details from the worker; rows removed meanwhile are skipped."""
        for row_id, item in media.items():
            if self.row_of(row_id) >= 0:
                self._set_media(row_id, item)

    def _set_media(self, row_id: str, item: Media) -> None:
        self._media[row_id] = item
        self._pixmaps.pop(row_id, None)
        at = self.row_of(row_id)
        if at >= 0:
            self.dataChanged.emit(self.index(at, 0), self.index(at, 0))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self.valid(index):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.name
        if role in (Qt.ItemDataRole.EditRole, CaptionRole):
            return row.caption
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{row.name}\n{row.caption}" if row.caption else row.name
        if role == Qt.ItemDataRole.DecorationRole:
            return self._pixmap(row.id)
        if role == KindRole:
            return row.kind
        if role == SizeRole:
            media = self._media.get(row.id)
            return media.size if media else None
        if role == RowIdRole:
            return row.id
        return None

    def _pixmap(self, row_id: str) -> QPixmap | None:
        media = self._media.get(row_id)
        if media is None or media.thumb is None:
            return None
        if row_id not in self._pixmaps:
            self._pixmaps[row_id] = QPixmap.fromImage(media.thumb)
        return self._pixmaps[row_id]

    def field_of(self, column: int) -> str | None:
        return "caption" if column == 0 else None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not isinstance(value, str) or not self.valid(index):
            return False
        if value.strip() == self._rows[index.row()].caption:
            return False
        return super().setData(index, value.strip(), role)

    # The adapter (ui/commands/rows.py): one core call each ---------------------------------

    def add(self, spec: NewEvidence, index: int | None = None) -> str | None:
        ok, row_id = self._call(lambda: self._add(spec, index))
        if not ok:
            return None
        ok, rows = self._call(self._load, saves=False)  # the core names links and notes
        row = next((r for r in rows or () if r.id == row_id), None)
        if row is None:
            return None
        self._insert(len(self._rows) if index is None else index, row)
        if isinstance(spec, Prepared):
            self._set_media(row.id, spec.media)
        else:
            data = (spec.url if isinstance(spec, NewLink) else spec.text).encode()
            self._set_media(row.id, media_of(row.media_type, data))
        return str(row_id)

    def _add(self, spec: NewEvidence, index: int | None) -> str:
        store, session_id = self.store, self.session_id
        if isinstance(spec, NewLink):
            return evidence.add_link(store, session_id, spec.url, index=index)
        if isinstance(spec, NewNote):
            return evidence.add_note(store, session_id, spec.text, index=index)
        return evidence.add_attachment(
            store, session_id, spec.name, spec.data, media_type=spec.media_type, index=index
        )

    def update(self, row_id: str, changes: dict[str, Any]) -> dict[str, Any] | None:
        ok, previous = self._call(
            lambda: evidence.update_attachment(self.store, self.session_id, row_id, **changes)
        )
        row = self.find(row_id)
        if not ok or row is None:
            return None
        self._replace(replace(row, **changes))
        return dict(previous)

    def remove(self, row_id: str) -> tuple[evidence.AttachmentRecord, Media | None] | None:
        ok, record = self._call(
            lambda: evidence.remove_attachment(self.store, self.session_id, row_id)
        )
        if not ok:
            return None
        self._remove(row_id)
        self._pixmaps.pop(row_id, None)
        return record, self._media.pop(row_id, None)

    def restore(self, removed: tuple[evidence.AttachmentRecord, Media | None]) -> bool:
        record, media = removed
        ok, _ = self._call(lambda: evidence.restore_attachment(self.store, self.session_id, record))
        if ok:
            row = EvidenceRow(record.id, record.name, record.media_type, record.caption)
            self._insert(record.position, row)
            self._set_media(record.id, media or media_of(record.media_type, record.data))
        return ok

    def move(self, row_id: str, index: int) -> int | None:
        ok, old = self._call(
            lambda: evidence.move_attachment(self.store, self.session_id, row_id, index)
        )
        if not ok:
            return None
        self._move(row_id, index)
        return int(old)
