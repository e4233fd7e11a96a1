"""Helpers shared by the editing modules: rows kept at positions 0..n-1, checked updates.

The timeline, participants, lists and evidence modules all edit small ordered collections
the same undo-friendly way; this module holds that way once.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, MutableSequence, Sequence
from dataclasses import fields
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from sqlalchemy.orm import Session as OrmSession

from facilitator import errors, sessions

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

    from facilitator.db.store import Store

Checker = Callable[[str, Any], Any]


class Positioned(Protocol):
    position: int


class Stored(Positioned, Protocol):
    id: str


P = TypeVar("P", bound=Positioned)
S = TypeVar("S", bound=Stored)
R = TypeVar("R")
D = TypeVar("D", bound="DataclassInstance")


def renumber(rows: Sequence[Positioned]) -> None:
    """Give rows the positions 0..n-1 in their current order."""
    for index, row in enumerate(rows):
        if row.position != index:  # unchanged rows stay clean: no needless UPDATEs
            row.position = index


def insert_index(index: int | None, size: int) -> int:
    """Where an insertion lands: None means at the end; anything else must be 0..size."""
    if index is None:
        return size
    if not 0 <= index <= size:
        raise errors.ValidationError("index", f"must be between 0 and {size}, not {index}")
    return index


def insert(rows: MutableSequence[P], row: P, index: int) -> None:
    """Put `row` at `index` (clamped to the ends) and renumber."""
    rows.insert(max(0, min(index, len(rows))), row)
    renumber(rows)


def add_row(
    store: Store,
    session_id: str,
    row: S,
    siblings: Callable[[OrmSession], MutableSequence[S]],
    index: int | None,
) -> str:
    """Put a new, checked row among its siblings at `index` (None: at the end) in one unit of
    work, and return its id."""
    with store.session() as db:
        sessions.touch(db, session_id)
        rows = siblings(db)
        insert(rows, row, insert_index(index, len(rows)))
        db.add(row)
        db.flush()  # assigns the id
        return row.id


def move(rows: MutableSequence[P], row: P, new_index: int) -> int:
    """Move `row` to `new_index` and renumber; return its old index (for undo)."""
    if not 0 <= new_index < len(rows):
        top = len(rows) - 1
        raise errors.ValidationError("index", f"must be between 0 and {top}, not {new_index}")
    old_index = rows.index(row)
    rows.insert(new_index, rows.pop(old_index))
    renumber(rows)
    return old_index


def owned(db: OrmSession, model: type[R], what: str, session_id: str, ident: str) -> R:
    """The row `ident` of `model` if it belongs to the session, else NotFoundError."""
    row = db.get(model, ident)
    if row is None or getattr(row, "session_id", None) != session_id:
        raise errors.NotFoundError(what, ident)
    return row


def record_of(record_type: type[D], row: object, **extra: Any) -> D:
    """A record (a frozen dataclass) of `row`: every field read from the row unless given."""
    names = [f.name for f in fields(record_type) if f.name not in extra]
    return record_type(**{name: getattr(row, name) for name in names}, **extra)


def values_of(record: DataclassInstance, *, skip: Collection[str] = ()) -> dict[str, Any]:
    """The fields of a record (a dataclass) as keyword arguments for a model."""
    return {f.name: getattr(record, f.name) for f in fields(record) if f.name not in skip}


def check_fields(
    values: Mapping[str, Any], checkers: Mapping[str, Checker], what: str, *, where: str = ""
) -> dict[str, Any]:
    """Every value checked by its field's checker; a name without one is not a field of `what`.

    `where` prefixes the field in errors (`entries[3]` gives `entries[3].text`).
    """
    checked: dict[str, Any] = {}
    for name, value in values.items():
        field = f"{where}.{name}" if where else name
        checker = checkers.get(name)
        if checker is None:
            raise errors.ValidationError(field, f"is not a field of this {what}")
        checked[name] = checker(field, value)
    return checked


def apply_changes(
    row: object, what: str, changes: Mapping[str, Any], checkers: Mapping[str, Checker]
) -> tuple[dict[str, Any], bool]:
    """Check every change first (all or none), then set them; return the previous values and
    whether any value differs (an edit that changes nothing should not reorder the library)."""
    checked = check_fields(changes, checkers, what)
    previous = {name: getattr(row, name) for name in checked}
    for name, value in checked.items():
        setattr(row, name, value)
    return previous, any(previous[name] != value for name, value in checked.items())


def check_bool(field: str, value: object) -> bool:
    if not isinstance(value, bool):
        raise errors.ValidationError(field, "must be true or false")
    return value


def check_filled(field: str, value: object) -> str:
    """Text that must say something: an item or a name made of white space means nothing."""
    text = sessions.check_text(field, value)
    if not text.strip():
        raise errors.ValidationError(field, "must not be empty")
    return text
