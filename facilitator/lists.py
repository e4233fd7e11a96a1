"""The session's simple lists – went well, went poorly, where we got lucky, the parking lot –
each an ordered list of Markdown items captured fast during the meeting.

Undo conventions are those of `facilitator.timeline`: `add_item` returns the new id,
`update_item` the previous text, `remove_item` a record that `restore_item` puts back in its
place, `move_item` the old index.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session as OrmSession

from facilitator import editing, errors, sessions
from facilitator.db import models as m
from facilitator.db.store import Store

WHAT = "list item"


@dataclass(frozen=True)
class ItemRecord:
    """A removed item, everything `restore_item` needs."""

    id: str
    list: str
    position: int
    text: str


def check_list(list_name: str) -> str:
    return sessions.check_choice("list", list_name, m.LISTS)


def items(session: m.Session, list_name: str) -> list[m.ListItem]:
    """One list of a session snapshot, in order."""
    check_list(list_name)
    return sorted(session.items_of(list_name), key=lambda item: item.position)


def load_items(store: Store, session_id: str, list_name: str) -> list[m.ListItem]:
    """Detached items of one list, in order, without loading the rest of the session."""
    check_list(list_name)
    with store.session() as db:
        sessions.get(db, session_id, full=False)
        return _rows(db, session_id, list_name)


def add_item(
    store: Store, session_id: str, list_name: str, text: str, *, index: int | None = None
) -> str:
    """Add an item at `index` (None: at the end); return the new id.

    Blank text is refused here (an empty item says nothing), but `update_item` accepts it:
    the editor saves while someone clears a line to retype it.
    """
    item = m.ListItem(
        session_id=session_id,
        list=check_list(list_name),
        text=editing.check_filled("text", text),
    )
    return editing.add_row(
        store, session_id, item, lambda db: _rows(db, session_id, list_name), index
    )


def update_item(store: Store, session_id: str, item_id: str, text: str) -> str:
    """Replace an item's text; return the previous text (the undo)."""
    text = sessions.check_text("text", text)
    with store.session() as db:
        item = editing.owned(db, m.ListItem, WHAT, session_id, item_id)
        previous = item.text
        if previous != text:
            item.text = text
            sessions.touch(db, session_id)
    return previous


def remove_item(store: Store, session_id: str, item_id: str) -> ItemRecord:
    """Delete an item; return the record that `restore_item` takes."""
    with store.session() as db:
        item = editing.owned(db, m.ListItem, WHAT, session_id, item_id)
        record = editing.record_of(ItemRecord, item)
        rows = _rows(db, session_id, item.list)
        rows.remove(item)
        db.delete(item)
        editing.renumber(rows)
        sessions.touch(db, session_id)
    return record


def restore_item(store: Store, session_id: str, record: ItemRecord) -> None:
    """Put a removed item back with the same id, in the same list and place."""
    with store.session() as db:
        sessions.touch(db, session_id)
        if db.get(m.ListItem, record.id) is not None:
            raise errors.ValidationError("id", f"list item {record.id!r} already exists")
        item = m.ListItem(session_id=session_id, **editing.values_of(record))
        rows = _rows(db, session_id, check_list(record.list))
        editing.insert(rows, item, record.position)
        db.add(item)


def move_item(store: Store, session_id: str, item_id: str, new_index: int) -> int:
    """Move an item within its list; return the old index (moving back undoes it)."""
    with store.session() as db:
        item = editing.owned(db, m.ListItem, WHAT, session_id, item_id)
        old_index = editing.move(_rows(db, session_id, item.list), item, new_index)
        if old_index != new_index:
            sessions.touch(db, session_id)
    return old_index


def _rows(db: OrmSession, session_id: str, list_name: str) -> list[m.ListItem]:
    query = select(m.ListItem).where(
        m.ListItem.session_id == session_id, m.ListItem.list == list_name
    )
    return list(db.scalars(query.order_by(m.ListItem.position)))
