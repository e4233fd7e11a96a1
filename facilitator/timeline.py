"""The incident timeline: entries in time order, undo-friendly edits, pasted lines, gaps.

Entries are read in time order; `position` is the order they were added in (0..n-1) and only
breaks ties, so a new entry at an equal time comes after the existing ones. Typing and showing
times (`parse_time`, `format_time`, `incident_date`) live in `facilitator.times` and are
re-exported here for the timeline page.

Undo conventions (the same in participants, lists and evidence): `add_*` returns the new id;
`update_*` returns the previous values of the fields it was given, so calling it again with
them undoes it; `remove_*` returns a frozen record that `restore_*` puts back as it was.
"""

from __future__ import annotations

import os
import re
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, fields, replace
from datetime import UTC, date, datetime, timedelta
from itertools import pairwise
from typing import Any, Final, NamedTuple, Protocol, TypedDict, Unpack, cast

from sqlalchemy import Table, bindparam, delete, func, insert, select, update
from sqlalchemy.orm import Session as OrmSession

from facilitator import collector, editing, errors, sessions, times
from facilitator.db import models as m
from facilitator.db.store import Store
from facilitator.times import (
    TIME_PATTERN,
    format_time as format_time,
    incident_date as incident_date,
    parse_time as parse_time,
    time_from_match,
)

WHAT = "timeline entry"
GAP = timedelta(minutes=15)
# A pasted time this far before the previous one means the log went past midnight.
ROLLOVER = timedelta(hours=12)


@dataclass(frozen=True)
class EntryDraft:
    """A timeline entry not stored yet (from a paste or an import)."""

    at: datetime
    text: str = ""
    kind: str = "note"
    source: str = ""
    key: bool = False
    notes: str = ""
    attachment_id: str | None = None


class Entry(NamedTuple):
    """A stored entry as `load_entries` reads it: plain values, no ORM object.

    A named tuple rather than a frozen dataclass: 100,000 of them are built in a third of
    the time, and a large timeline is read whole after every edit of it."""

    id: str
    position: int
    at: datetime
    text: str
    kind: str
    source: str
    key: bool
    notes: str
    attachment_id: str | None
    internal: bool


# A removed entry, everything `restore_entries` needs to put it back as it was: the entry as
# it was stored, read as `load_entries` reads it.
EntryRecord = Entry


class Draft(Protocol):
    """What an entry to add (or put back) holds: an `EntryDraft`, an `EntryRecord`, a row
    of an import. A time that is None is refused like any other wrong value."""

    @property
    def at(self) -> datetime | None: ...
    @property
    def text(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def source(self) -> str: ...
    @property
    def key(self) -> bool: ...
    @property
    def notes(self) -> str: ...
    @property
    def attachment_id(self) -> str | None: ...


_DRAFT_FIELDS: Final = tuple(f.name for f in fields(EntryDraft))


class EntryChanges(TypedDict, total=False):
    at: datetime
    text: str
    kind: str
    source: str
    key: bool
    notes: str
    attachment_id: str | None


@dataclass(frozen=True)
class LineProblem:
    """A pasted line that could not be read; `line` counts from 1."""

    line: int
    text: str
    problem: str


@dataclass(frozen=True)
class ParsedPaste:
    drafts: tuple[EntryDraft, ...]
    problems: tuple[LineProblem, ...]
    # Lines without a time joined to the entry before them (numbers from 1): what the app
    # says it did with them, since they make no entry of their own.
    joined: tuple[int, ...] = ()


@dataclass(frozen=True)
class Gap:
    """Nothing recorded for `length` after the entry at index `after`."""

    after: int
    length: timedelta


class Timed(Protocol):
    @property
    def at(self) -> datetime: ...


def entries(session: m.Session) -> list[m.TimelineEntry]:
    """A session snapshot's entries in time order (ties in the order they were added)."""
    return sorted(session.timeline, key=lambda entry: (entry.at, entry.position))


def load_entries(store: Store, session_id: str) -> list[Entry]:
    """The entries of one session in time order (ties in the order they were added), as
    plain records, without loading the rest of the session.

    Read as plain columns, not ORM objects: 100,000 entries took 2.5 s as objects (the
    identity map, instance state, attribute events), 0.5-0.7 s this way."""
    with store.session() as db:
        sessions.get(db, session_id, full=False)
        connection = db.connection()
        driver = connection.connection.driver_connection
        if driver is None:  # pragma: no cover  (a pool always has one open here)
            raise RuntimeError("no database connection")
        # Sorted by SQLite, which lets go of the GIL while it sorts: sorting 100,000 rows
        # in Python (35-160 ms in one call) stalled the GUI thread while a worker read them.
        rows = driver.execute(_read_sql(connection.dialect), (session_id,)).fetchall()
    return [
        Entry(
            ident,
            position,
            _instant(at),
            text,
            kind,
            source,
            bool(key),
            notes,
            link,
            bool(internal),
        )
        for ident, position, at, text, kind, source, key, notes, link, internal in rows
    ]


def count_entries(store: Store, session_id: str) -> int:
    """How many entries a session's timeline has (a count on an index: fast at any size)."""
    with store.session() as db:
        query = select(func.count()).where(_TABLE.c.session_id == session_id)
        return db.scalar(query) or 0


def add_entry(
    store: Store,
    session_id: str,
    at: datetime,
    text: str = "",
    *,
    kind: str = "note",
    source: str = "",
    key: bool = False,
    notes: str = "",
    attachment_id: str | None = None,
) -> str:
    """Add one entry; return its id."""
    draft = EntryDraft(at, text, kind, source, key, notes, attachment_id)
    return add_entries(store, session_id, [draft])[0]


@collector.paused()
def add_entries(store: Store, session_id: str, drafts: Iterable[Draft]) -> list[str]:
    """Add entries in one unit of work (all or none); return their ids in the same order."""
    with store.session() as db:
        sessions.touch(db, session_id)
        values = _checked(db, session_id, list(drafts), where="entries")
        count = select(func.count()).where(_TABLE.c.session_id == session_id)
        size = db.scalar(count) or 0
        ids = _new_ids(len(values))
        placed = enumerate(zip(ids, values, strict=True), start=size)
        rows = [(ident, session_id, place, False, *row) for place, (ident, row) in placed]
        _insert(db, rows)
        _release(rows, values)
        return ids


def update_entry(
    store: Store, session_id: str, entry_id: str, **changes: Unpack[EntryChanges]
) -> EntryChanges:
    """Change some fields of an entry; return their previous values (the undo)."""
    with store.session() as db:
        entry = editing.owned(db, m.TimelineEntry, WHAT, session_id, entry_id)
        previous, changed = editing.apply_changes(entry, WHAT, changes, _checkers(db, session_id))
        if changed:
            sessions.touch(db, session_id)
    return cast(EntryChanges, previous)


def remove_entry(store: Store, session_id: str, entry_id: str) -> EntryRecord:
    """Delete an entry; return the record that `restore_entry` takes."""
    return remove_entries(store, session_id, [entry_id])[0]


@collector.paused()
def remove_entries(store: Store, session_id: str, entry_ids: Iterable[str]) -> list[EntryRecord]:
    """Delete several entries at once (undoing a paste or an import); records come back in
    `entry_ids` order, each with the position it had before any of them went.

    In bulk, through SQL rather than ORM objects: undoing an import of 100,000 entries took
    17 s one object at a time."""
    with store.session() as db:
        unique = list(dict.fromkeys(entry_ids))  # the same id twice is one removal
        found: dict[str, EntryRecord] = {}
        for batch in _batches(unique):
            # Each row read as it is deleted (RETURNING), and by its id alone: with the
            # session in the WHERE clause SQLite walks the session's index, the whole
            # timeline for every batch. The session is checked here instead; an entry of
            # another one rolls the whole removal back.
            statement = (
                delete(_TABLE)
                .where(_TABLE.c.id.in_(batch))
                .returning(_TABLE.c.session_id, *_ENTRY_COLUMNS)
            )
            rows = db.execute(statement).all()
            found.update((row[1], EntryRecord(*row[1:])) for row in rows if row[0] == session_id)
        missing = next((ident for ident in unique if ident not in found), None)
        if missing is not None:
            raise errors.NotFoundError(WHAT, missing)
        # What is left, renumbered 0..n-1 in its order.
        _renumber(db, _order(db, session_id))
        sessions.touch(db, session_id)
    return [found[ident] for ident in unique]


def restore_entry(store: Store, session_id: str, record: EntryRecord) -> None:
    """Put a removed entry back: same id, same place among equal times, same evidence link."""
    restore_entries(store, session_id, [record])


@collector.paused()
def restore_entries(store: Store, session_id: str, records: Iterable[EntryRecord]) -> None:
    """Put back what `remove_entries` returned, in any order."""
    with store.session() as db:
        sessions.touch(db, session_id)
        chosen = sorted(records, key=lambda record: record.position)
        ids = [record.id for record in chosen]
        for batch in _batches(ids):
            query = select(_TABLE.c.id).where(_TABLE.c.id.in_(batch))
            taken = db.scalars(query).first()
            if taken is not None:
                raise errors.ValidationError("id", f"timeline entry {taken!r} already exists")
        values = _checked(db, session_id, chosen)
        # Lowest position first, each record goes back to its position among the entries
        # there by then (clamped to the end): where the removal took it from. Merged in one
        # pass, since those positions only grow.
        existing = _order(db, session_id)
        merged: list[tuple[str, int | None]] = []
        taken_from = 0
        for record in chosen:
            place = max(0, min(record.position, len(merged) + len(existing) - taken_from))
            while len(merged) < place:
                merged.append(existing[taken_from])
                taken_from += 1
            merged.insert(place, (record.id, None))  # at the end, unless positions repeat
        merged.extend(existing[taken_from:])
        where = {ident: index for index, (ident, _) in enumerate(merged)}
        rows = [
            (r.id, session_id, where[r.id], editing.check_bool("internal", r.internal), *checked)
            for r, checked in zip(chosen, values, strict=True)
        ]
        _insert(db, rows)
        _renumber(db, merged)
        _release(rows, values)


_TABLE: Final = cast(Table, m.TimelineEntry.__table__)
_BATCH: Final = 500  # ids in one IN (...): well under SQLite's limit on parameters
_SLICE: Final = 2_000  # rows made ready for the driver at a time
_PAUSE: Final = 0.0005  # seconds between slices, when another thread may wait for the GIL


_ENTRY_COLUMNS: Final = tuple(_TABLE.c[name] for name in Entry._fields)
_read_sqls: dict[str, str] = {}


def _read_sql(dialect: Any) -> str:
    """`load_entries`' query, compiled once for the dialect: the columns in `Entry` order, of
    one session (the only parameter), in time order (ties in the order they were added)."""
    sql = _read_sqls.get(dialect.name)
    if sql is None:
        query = (
            select(*_ENTRY_COLUMNS)
            .where(_TABLE.c.session_id == bindparam("session_id"))
            .order_by(_TABLE.c.at, _TABLE.c.position)
        )
        compiled = query.compile(dialect=dialect)
        if not compiled.positional:
            raise NotImplementedError(f"no positional parameters in {dialect.name}")
        sql = _read_sqls[dialect.name] = compiled.string
    return sql


def _instant(stored: Any) -> datetime:
    """A stored time as `UTCDateTime` reads it back (aware, in UTC), from the text SQLite
    keeps (``2026-03-04 14:18:00.000000``, naive UTC): `fromisoformat` is ten times faster
    than SQLAlchemy's reading of it, and returns `UTC` itself for a zero offset."""
    if isinstance(stored, str):
        return datetime.fromisoformat(stored + "+00:00")
    if isinstance(stored, datetime):  # a driver that reads times itself
        return stored.replace(tzinfo=UTC)
    raise TypeError(f"a stored time of type {type(stored).__name__}")


def _batches(ids: Sequence[str]) -> Iterator[Sequence[str]]:
    for start in range(0, len(ids), _BATCH):
        yield ids[start : start + _BATCH]


def _order(db: OrmSession, session_id: str) -> list[tuple[str, int | None]]:
    """(id, position) of the session's entries in the order they were added."""
    query = select(_TABLE.c.id, _TABLE.c.position).where(_TABLE.c.session_id == session_id)
    return [(ident, position) for ident, position in db.execute(query.order_by("position"))]


def _renumber(db: OrmSession, order: Sequence[tuple[str, int | None]]) -> None:
    """Positions 0..n-1 in this order, for the rows whose position differs (None: a row
    inserted at its position already)."""
    moved = [
        {"b_id": ident, "b_position": index}
        for index, (ident, position) in enumerate(order)
        if position is not None and position != index
    ]
    if moved:
        statement = (
            update(_TABLE)
            .where(_TABLE.c.id == bindparam("b_id"))
            .values(position=bindparam("b_position"))
        )
        db.execute(statement, moved)


# The columns of a row for `_insert`: where it goes, then a draft's fields.
_COLUMNS: Final = ("id", "session_id", "position", "internal", *_DRAFT_FIELDS)


def _insert(db: OrmSession, rows: Sequence[tuple[Any, ...]]) -> None:
    """Insert rows (values in `_COLUMNS` order) with one executemany of SQLAlchemy's INSERT.

    The statement is compiled once and every value goes through its column type's bind
    processor, as SQLAlchemy does; the rows then go to the driver as they are. SQLAlchemy's
    own executemany spends ~8 µs a row on parameter dictionaries (0.8 s of a 100,000-line
    import, as much as SQLite's work); an ORM object a row took 13 s."""
    if not rows:
        return
    connection = db.connection()
    dialect = connection.dialect
    compiled = insert(_TABLE).compile(dialect=dialect, column_keys=list(_COLUMNS))
    if not compiled.positional or compiled.positiontup is None:  # a driver wanting names
        db.execute(insert(_TABLE), [dict(zip(_COLUMNS, row, strict=True)) for row in rows])
        return
    places = [_COLUMNS.index(name) for name in compiled.positiontup]
    processors = [_TABLE.c[name].type.bind_processor(dialect) for name in compiled.positiontup]
    # A slice at a time, column by column. Turning all the rows into columns at once is one
    # call that holds the GIL for 50-100 ms; one executemany of them all let a waiting
    # thread in so seldom that the GUI thread stalled 150-650 ms while a worker added them
    # (SQLite gives the GIL up for each row, but takes it back before anyone else can).
    for start in range(0, len(rows), _SLICE):
        columns = list(zip(*rows[start : start + _SLICE], strict=True))
        bound = [
            columns[place] if process is None else list(map(process, columns[place]))
            for place, process in zip(places, processors, strict=True)
        ]
        connection.exec_driver_sql(compiled.string, list(zip(*bound, strict=True)))
        if threading.active_count() > 1:
            time.sleep(_PAUSE)  # long enough for a waiting thread to take the GIL


def _release(*lists: list[Any]) -> None:
    """Empty big lists a slice at a time. Freeing 100,000 rows in one go (as a function's
    locals go) is one call that holds the GIL for 40-120 ms: a stall of the GUI thread
    while a worker adds or puts back an import."""
    for items in lists:
        while items:
            del items[-_SLICE:]


def _new_ids(count: int) -> list[str]:
    """`count` random (version 4) UUIDs as text, like `models.new_id`, from one read of the
    system's random source: a `uuid.uuid4()` object a row was a tenth of a large import."""
    raw = bytearray(os.urandom(16 * count))
    raw[6::16] = bytes(byte & 0x0F | 0x40 for byte in raw[6::16])  # version 4
    raw[8::16] = bytes(byte & 0x3F | 0x80 for byte in raw[8::16])  # the RFC 4122 variant
    hexed = raw.hex()
    return [
        f"{hexed[i : i + 8]}-{hexed[i + 8 : i + 12]}-{hexed[i + 12 : i + 16]}-"
        f"{hexed[i + 16 : i + 20]}-{hexed[i + 20 : i + 32]}"
        for i in range(0, 32 * count, 32)
    ]


def _checked(
    db: OrmSession, session_id: str, drafts: Sequence[Draft], *, where: str = ""
) -> list[tuple[Any, ...]]:
    """Each draft's fields (`_DRAFT_FIELDS`), checked in one pass.

    The usual draft (an aware time, short texts, a known kind, no attachment) is checked
    inline; any other goes through the field checkers, which name the field and the
    problem (`entries[3].kind`) exactly as a single edit would, or accept it."""
    checkers: dict[str, editing.Checker] | None = None
    kinds = frozenset(m.KINDS)
    most = sessions.MAX_TEXT
    rows = []
    for offset, draft in enumerate(drafts):
        at, text, kind, source = draft.at, draft.text, draft.kind, draft.source
        key, notes, attachment = draft.key, draft.notes, draft.attachment_id
        if (
            type(at) is datetime
            and at.tzinfo is not None
            and type(text) is str
            and len(text) <= most
            and type(kind) is str
            and kind in kinds
            and type(source) is str
            and len(source) <= most
            and type(notes) is str
            and len(notes) <= most
            and type(key) is bool
            and attachment is None
        ):
            rows.append((at, text, kind, source, key, notes, None))
        else:
            checkers = checkers or _checkers(db, session_id)
            here = f"{where}[{offset}]" if where else ""
            given = {name: getattr(draft, name) for name in _DRAFT_FIELDS}
            checked = editing.check_fields(given, checkers, WHAT, where=here)
            rows.append(tuple(checked[name] for name in _DRAFT_FIELDS))
    return rows


def _checkers(db: OrmSession, session_id: str) -> dict[str, editing.Checker]:
    def attachment(field: str, value: object) -> str | None:
        if value is None:
            return None
        found = db.get(m.Attachment, value) if isinstance(value, str) else None
        if found is None or found.session_id != session_id:
            raise errors.ValidationError(field, f"no attachment {value!r} in this session")
        return found.id

    return {**_CHECKERS, "attachment_id": attachment}


def _check_at(field: str, value: object) -> datetime:
    checked = sessions.check_instant(field, value)
    if checked is None:
        raise errors.ValidationError(field, "must be a time with a zone")
    return checked


_CHECKERS: dict[str, editing.Checker] = {
    "at": _check_at,
    "text": sessions.check_text,
    "kind": lambda field, value: sessions.check_choice(field, value, m.KINDS),
    "source": sessions.check_text,
    "key": editing.check_bool,
    "notes": sessions.check_text,
}

# A pasted line: maybe a list bullet, a time token maybe in brackets, then a separator
# ("-", "–", "|", ":") or just spaces, then the text.
_BULLET = r"\s*(?:[-*•]\s+)?"
_LINE = re.compile(rf"{_BULLET}\[?{TIME_PATTERN}\]?(?:\s*[-–—|:](?:\s+|$)|\s+|$)(?P<text>.*)", re.I)
# Anything that starts like a time is reported when it cannot be read, not taken as text.
_TIMELIKE = re.compile(
    rf"{_BULLET}\[?\s*(?:\d{{4}}-\d{{2}}-\d{{2}}[T ]\s*|[+-]\d+d\s+)?\d{{1,2}}:\d{{2}}", re.I
)


def parse_pasted_lines(text: str, *, timezone: str, reference_date: date) -> ParsedPaste:
    """Read pasted lines like ``14:18 Alert fired``, ``[14:20] …``, ``- 14:22 - …``: a line
    starts with a time (any form `parse_time` reads; a list bullet before it is fine).

    A bare time is on the date of the entry before it (the first on `reference_date`), and
    on the next day when it is more than 12 hours before that entry (22:54 then 00:12).
    A line without a time continues the entry before it (a message wrapped over two lines):
    its text is joined to that entry's on a new line and its number listed in `joined`.
    Blank lines are skipped; lines that cannot be read are reported with their number and
    left out.
    """
    drafts: list[EntryDraft] = []
    problems: list[LineProblem] = []
    joined: list[int] = []
    day = reference_date
    bad_line = 0  # the last unreadable line, while the lines after it continue it
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            previous = drafts[-1].at if drafts else None
            where = f"line {number}"
            at, rest = _read_line(line, timezone, day, reference_date, previous, where)
        except errors.ValidationError as exc:
            problems.append(LineProblem(number, line, exc.problem))
            bad_line = number
            continue
        if at is not None:
            drafts.append(EntryDraft(at, rest))
            day = at.astimezone(times.zone(timezone)).date()
            bad_line = 0
        elif bad_line:
            problems.append(
                LineProblem(number, line, f"continues line {bad_line}, which could not be read")
            )
        elif drafts:
            drafts[-1] = replace(drafts[-1], text=f"{drafts[-1].text}\n{rest}".strip())
            joined.append(number)
        else:
            problems.append(LineProblem(number, line, f"starts with no time; {times.HINT}"))
    return ParsedPaste(tuple(drafts), tuple(problems), tuple(joined))


def _read_line(
    line: str,
    timezone: str,
    day: date,
    reference_date: date,
    previous: datetime | None,
    where: str,
) -> tuple[datetime | None, str]:
    """The time a pasted line starts with (None for a continuation line) and its text.

    `day` is the date of the entry before (`previous`), which a bare time is read on.
    """
    match = _LINE.match(line)
    if match is None:
        if _TIMELIKE.match(line):
            raise errors.ValidationError(where, f"the time it starts with is unclear; {times.HINT}")
        return None, line.strip()
    bare = not (match.group("date") or match.group("days") or match.group("offset"))
    anchor = day if bare else reference_date
    at = time_from_match(match, timezone=timezone, reference_date=anchor, where=where)
    if bare and previous is not None and at.astimezone(UTC) < previous.astimezone(UTC) - ROLLOVER:
        at = time_from_match(
            match, timezone=timezone, reference_date=day + timedelta(days=1), where=where
        )
    return at, match.group("text").strip()


def gaps(entries: Sequence[Timed], threshold: timedelta = GAP) -> list[Gap]:
    """Where nothing was recorded for longer than `threshold`, for rows in time order."""
    found = []
    for index, (earlier, later) in enumerate(pairwise(entries)):
        # In UTC: Python subtracts two times of one ZoneInfo by their wall clocks, which is
        # an hour off across a daylight saving change.
        length = later.at.astimezone(UTC) - earlier.at.astimezone(UTC)
        if length > threshold:
            found.append(Gap(index, length))
    return found
