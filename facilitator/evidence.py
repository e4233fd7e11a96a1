"""Evidence for a session – files, screenshots, links and notes – kept inside the database.

Links and notes are attachments too, so the evidence page lists them with the files, keeps
one order for all of them and a timeline entry can point at any of them:

- a **link** has the media type ``text/uri-list`` and its URL as UTF-8 bytes (`add_link`,
  `link_url`); only http and https URLs are taken, as a report may show them as links;
- a **note** has the media type ``text/markdown`` and its Markdown as UTF-8 bytes
  (`add_note`, `note_text`, `update_note`).

A file is at most `MAX_BYTES` (25 MB): the database is one file that is backed up before
every migration, and a session must still open in a moment.

Undo conventions are those of `facilitator.timeline`: `add_*` returns the new id,
`update_*` the previous values, `remove_attachment` a record that `restore_attachment`
puts back – with the timeline entries that pointed at it pointing at it again.
"""

from __future__ import annotations

import mimetypes
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TypedDict, Unpack, cast
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.orm import Session as OrmSession, defer

from facilitator import editing, errors, sessions
from facilitator.db import models as m
from facilitator.db.store import Store

WHAT = "attachment"
MB = 1024 * 1024
MAX_BYTES = 25 * MB
LINK = "text/uri-list"
NOTE = "text/markdown"
FALLBACK_TYPE = "application/octet-stream"
# Raster formats Qt and WeasyPrint both show. SVG is kept as a plain file: it can carry
# scripts and references to other files, which a preview must not follow.
IMAGE_TYPES = frozenset(
    {"image/png", "image/jpeg", "image/gif", "image/webp", "image/bmp", "image/x-ms-bmp"}
)
_MEDIA_TYPE = re.compile(r"[a-z0-9][\w.+-]*/[a-z0-9][\w.+-]*")
MAX_URL = 2_000


@dataclass(frozen=True)
class AttachmentRecord:
    """A removed attachment and the timeline entries that pointed at it."""

    id: str
    position: int
    name: str
    media_type: str
    data: bytes
    caption: str
    created_at: datetime
    linked_entry_ids: tuple[str, ...]


class AttachmentChanges(TypedDict, total=False):
    name: str
    caption: str


def load_attachments(
    store: Store, session_id: str, *, with_data: bool = True
) -> list[m.Attachment]:
    """Detached attachments of one session in their order.

    `with_data=False` leaves the bytes in the database (reading `.data` on such a detached
    row raises SQLAlchemy's DetachedInstanceError): a list
    of names for a picker need not load 25 MB screenshots.
    """
    with store.session() as db:
        sessions.get(db, session_id, full=False)
        query = select(m.Attachment).where(m.Attachment.session_id == session_id)
        if not with_data:
            query = query.options(defer(m.Attachment.data))
        return list(db.scalars(query.order_by(m.Attachment.position)))


def add_attachment(
    store: Store,
    session_id: str,
    name: str,
    data: bytes,
    *,
    media_type: str | None = None,
    caption: str = "",
    index: int | None = None,
) -> str:
    """Add evidence from bytes; the media type is guessed from `name` when not given.
    `index` None puts it at the end. Return its id."""
    attachment = m.Attachment(
        session_id=session_id,
        name=editing.check_filled("name", name),
        media_type=check_media_type(media_type or guess_media_type(name)),
        data=_check_data(data),
        caption=sessions.check_text("caption", caption),
    )
    return editing.add_row(store, session_id, attachment, lambda db: _rows(db, session_id), index)


def add_file(
    store: Store,
    session_id: str,
    path: Path | str,
    *,
    caption: str = "",
    index: int | None = None,
) -> str:
    """Add a file's content under its name; FileProblemError when it cannot be used."""
    path = Path(path)
    return add_attachment(
        store, session_id, path.name, read_file(path), caption=caption, index=index
    )


def read_file(path: Path) -> bytes:
    """The bytes of an evidence file, refusing folders and files over `MAX_BYTES`."""
    try:
        if path.is_dir():
            raise errors.FileProblemError(path, "is a folder, not a file")
        with path.open("rb") as handle:
            # One byte more than allowed tells "too big" without reading a huge file whole.
            data = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise errors.FileProblemError(path, "does not exist") from None
    except OSError as exc:
        raise errors.FileProblemError(path, f"cannot be read ({exc.strerror or exc})") from exc
    if len(data) > MAX_BYTES:
        raise errors.FileProblemError(path, f"is over the {_megabytes(MAX_BYTES)} limit")
    return data


def add_link(
    store: Store,
    session_id: str,
    url: str,
    *,
    name: str | None = None,
    caption: str = "",
    index: int | None = None,
) -> str:
    """Add a link (http or https) as evidence; its name defaults to the URL."""
    url = check_url(url)
    return add_attachment(
        store, session_id, name or url, url.encode(), media_type=LINK, caption=caption, index=index
    )


def add_note(
    store: Store,
    session_id: str,
    text: str,
    *,
    name: str | None = None,
    caption: str = "",
    index: int | None = None,
) -> str:
    """Add a Markdown note as evidence; its name defaults to its first line."""
    text = sessions.check_text("text", text)
    name = name or _first_line(text)
    return add_attachment(
        store, session_id, name, text.encode(), media_type=NOTE, caption=caption, index=index
    )


def update_attachment(
    store: Store, session_id: str, attachment_id: str, **changes: Unpack[AttachmentChanges]
) -> AttachmentChanges:
    """Rename or re-caption an attachment; return the previous values (the undo)."""
    with store.session() as db:
        row = editing.owned(db, m.Attachment, WHAT, session_id, attachment_id)
        previous, changed = editing.apply_changes(row, WHAT, changes, _CHECKERS)
        if changed:
            sessions.touch(db, session_id)
    return cast(AttachmentChanges, previous)


def update_note(store: Store, session_id: str, attachment_id: str, text: str) -> str:
    """Replace a note's Markdown; return the previous text (the undo)."""
    data = sessions.check_text("text", text).encode()
    with store.session() as db:
        row = editing.owned(db, m.Attachment, WHAT, session_id, attachment_id)
        if row.media_type != NOTE:
            raise errors.ValidationError("media_type", f"{row.name!r} is not a note")
        previous = note_text(row)
        if row.data != data:
            row.data = data
            sessions.touch(db, session_id)
    return previous


def remove_attachment(store: Store, session_id: str, attachment_id: str) -> AttachmentRecord:
    """Delete an attachment and the timeline's links to it; return what restores both."""
    with store.session() as db:
        row = editing.owned(db, m.Attachment, WHAT, session_id, attachment_id)
        linked = _linked_entries(db, attachment_id)
        record = editing.record_of(
            AttachmentRecord, row, linked_entry_ids=tuple(entry.id for entry in linked)
        )
        for entry in linked:
            entry.attachment_id = None
        rows = _rows(db, session_id)
        rows.remove(row)
        db.delete(row)
        editing.renumber(rows)
        sessions.touch(db, session_id)
    return record


def restore_attachment(store: Store, session_id: str, record: AttachmentRecord) -> None:
    """Put a removed attachment back (same id, place and links). An entry that was removed
    since is not brought back: restoring it later restores its link too."""
    with store.session() as db:
        sessions.touch(db, session_id)
        if db.get(m.Attachment, record.id) is not None:
            raise errors.ValidationError("id", f"attachment {record.id!r} already exists")
        values = editing.values_of(record, skip=("linked_entry_ids",))
        row = m.Attachment(session_id=session_id, **values)
        rows = _rows(db, session_id)
        editing.insert(rows, row, record.position)
        db.add(row)
        db.flush()  # the attachment exists before entries point at it
        for entry_id in record.linked_entry_ids:
            entry = db.get(m.TimelineEntry, entry_id)
            if entry is not None and entry.session_id == session_id:
                entry.attachment_id = record.id


def move_attachment(store: Store, session_id: str, attachment_id: str, new_index: int) -> int:
    """Move an attachment to `new_index`; return its old index (moving back undoes it)."""
    with store.session() as db:
        row = editing.owned(db, m.Attachment, WHAT, session_id, attachment_id)
        old_index = editing.move(_rows(db, session_id), row, new_index)
        if old_index != new_index:
            sessions.touch(db, session_id)
    return old_index


def is_image(media_type: str) -> bool:
    """Whether the app may preview it and the report embed it as a picture."""
    return media_type.lower() in IMAGE_TYPES


def is_link(attachment: m.Attachment) -> bool:
    return attachment.media_type == LINK


def is_note(attachment: m.Attachment) -> bool:
    return attachment.media_type == NOTE


def link_url(attachment: m.Attachment) -> str:
    return attachment.data.decode("utf-8", errors="replace").strip()


def note_text(attachment: m.Attachment) -> str:
    return attachment.data.decode("utf-8", errors="replace")


def guess_media_type(name: str) -> str:
    return mimetypes.guess_type(name, strict=False)[0] or FALLBACK_TYPE


def check_media_type(value: str) -> str:
    value = value.strip().lower()
    if len(value) > 127 or not _MEDIA_TYPE.fullmatch(value):
        raise errors.ValidationError("media_type", f"{value!r} is not a media type like image/png")
    return value


def check_url(url: str) -> str:
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise errors.ValidationError("url", f"{url!r} is not a web link; type https://…")
    if len(url) > MAX_URL or any(c.isspace() or ord(c) < 32 for c in url):
        raise errors.ValidationError("url", "a link has no spaces and at most 2,000 characters")
    return url


def _check_data(data: bytes) -> bytes:
    if not isinstance(data, bytes | bytearray | memoryview):
        raise errors.ValidationError("data", "must be bytes")
    if len(data) > MAX_BYTES:
        raise errors.ValidationError(
            "data", f"{_megabytes(len(data))} is over the {_megabytes(MAX_BYTES)} limit"
        )
    return bytes(data)


def _megabytes(size: int) -> str:
    # Whole sizes read "25 MB"; others keep a decimal so 25 MB and 1 byte is not "25 MB".
    return f"{size / MB:.0f} MB" if size % MB == 0 else f"{size / MB:.1f} MB"


def _first_line(text: str) -> str:
    for line in text.splitlines():
        line = line.strip().lstrip("#").strip()
        if line:
            return line if len(line) <= 60 else f"{line[:59]}…"
    return "Note"


def _rows(db: OrmSession, session_id: str) -> list[m.Attachment]:
    query = select(m.Attachment).where(m.Attachment.session_id == session_id)
    return list(db.scalars(query.order_by(m.Attachment.position)))


def _linked_entries(db: OrmSession, attachment_id: str) -> list[m.TimelineEntry]:
    query = select(m.TimelineEntry).where(m.TimelineEntry.attachment_id == attachment_id)
    return list(db.scalars(query.order_by(m.TimelineEntry.position)))


_CHECKERS: dict[str, editing.Checker] = {
    "name": editing.check_filled,
    "caption": sessions.check_text,
}
