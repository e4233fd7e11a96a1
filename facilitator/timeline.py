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

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from itertools import pairwise
from typing import Protocol, TypedDict, Unpack, cast

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session as OrmSession

from facilitator import editing, errors, sessions, times
from facilitator.db import models as m
from facilitator.db.store import Store
from facilitator.times import TIME_PATTERN, time_from_match
from facilitator.times import format_time as format_time
from facilitator.times import incident_date as incident_date
from facilitator.times import parse_time as parse_time

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


@dataclass(frozen=True)
class EntryRecord:
    """A removed entry, everything `restore_entry` needs to put it back as it was."""

    id: str
    position: int
    at: datetime
    text: str
    kind: str
    source: str
    key: bool
    notes: str
    attachment_id: str | None


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


def load_entries(store: Store, session_id: str) -> list[m.TimelineEntry]:
    """Detached entries of one session in time order, without loading the rest of it."""
    with store.session() as db:
        sessions.get(db, session_id, full=False)
        query = select(m.TimelineEntry).where(m.TimelineEntry.session_id == session_id)
        return list(db.scalars(query.order_by(m.TimelineEntry.at, m.TimelineEntry.position)))


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


def add_entries(store: Store, session_id: str, drafts: Iterable[EntryDraft]) -> list[str]:
    """Add entries in one unit of work (all or none); return their ids in the same order."""
    with store.session() as db:
        sessions.touch(db, session_id)
        checkers = _checkers(db, session_id)
        count = select(func.count()).where(m.TimelineEntry.session_id == session_id)
        size = db.scalar(count) or 0
        rows: list[dict[str, object]] = []
        for offset, draft in enumerate(drafts):
            values = editing.check_fields(
                editing.values_of(draft), checkers, WHAT, where=f"entries[{offset}]"
            )
            position = size + offset
            rows.append(
                {"id": m.new_id(), "session_id": session_id, "position": position, **values}
            )
        # One bulk INSERT rather than an ORM object a row: a 100,000-line chat log is imported
        # in seconds (the ORM's unit of work took 13 s of CPU for it).
        if rows:
            db.execute(insert(m.TimelineEntry), rows)
        return [str(row["id"]) for row in rows]


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


def remove_entries(store: Store, session_id: str, entry_ids: Iterable[str]) -> list[EntryRecord]:
    """Delete several entries at once (undoing a paste); records come back in `entry_ids`
    order, each with the position it had before any of them went."""
    with store.session() as db:
        rows = _rows(db, session_id)
        unique = dict.fromkeys(entry_ids)  # the same id twice is one removal
        doomed = [editing.owned(db, m.TimelineEntry, WHAT, session_id, i) for i in unique]
        records = [editing.record_of(EntryRecord, entry) for entry in doomed]
        for entry in doomed:
            rows.remove(entry)
            db.delete(entry)
        editing.renumber(rows)
        sessions.touch(db, session_id)
    return records


def restore_entry(store: Store, session_id: str, record: EntryRecord) -> None:
    """Put a removed entry back: same id, same place among equal times, same evidence link."""
    restore_entries(store, session_id, [record])


def restore_entries(store: Store, session_id: str, records: Iterable[EntryRecord]) -> None:
    """Put back what `remove_entries` returned, in any order."""
    with store.session() as db:
        sessions.touch(db, session_id)
        checkers = _checkers(db, session_id)
        rows = _rows(db, session_id)
        chosen = sorted(records, key=lambda record: record.position)
        # One query for the ids, and one renumbering at the end: checking and renumbering per
        # record (each check flushing the entries added so far) took 24 s to redo an import
        # of 3,000 entries.
        ids = [record.id for record in chosen]
        for start in range(0, len(ids), 500):  # SQLite caps the parameters of one query
            batch = ids[start : start + 500]
            query = select(m.TimelineEntry.id).where(m.TimelineEntry.id.in_(batch))
            taken = db.scalars(query).first()
            if taken is not None:
                raise errors.ValidationError("id", f"timeline entry {taken!r} already exists")
        # Lowest position first: each insertion then lands where it was before the removal.
        for record in chosen:
            draft = editing.values_of(record, skip=("id", "position"))
            values = editing.check_fields(draft, checkers, WHAT)
            entry = m.TimelineEntry(id=record.id, session_id=session_id, **values)
            rows.insert(max(0, min(record.position, len(rows))), entry)
            db.add(entry)
        editing.renumber(rows)


def _rows(db: OrmSession, session_id: str) -> list[m.TimelineEntry]:
    """The entries in the order they were added (position order), for renumbering."""
    query = select(m.TimelineEntry).where(m.TimelineEntry.session_id == session_id)
    return list(db.scalars(query.order_by(m.TimelineEntry.position)))


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
    A line without a time continues the entry before it; blank lines are skipped; lines that
    cannot be read are reported with their number and left out.
    """
    drafts: list[EntryDraft] = []
    problems: list[LineProblem] = []
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
        else:
            problems.append(LineProblem(number, line, f"starts with no time; {times.HINT}"))
    return ParsedPaste(tuple(drafts), tuple(problems))


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
