"""The timeline as plain rows (entries, and gaps between them) and how its times read:
shared by the timeline table and the walkthrough, so both show a time the same way."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, NamedTuple

from facilitator import timeline, times
from facilitator.db import models as m


class EntryRow(NamedTuple):
    """One entry as the table shows it (a named tuple, like `timeline.Entry`: a large
    timeline builds 100,000 of them after every edit)."""

    id: str
    at: datetime
    kind: str
    text: str
    source: str
    key: bool
    notes: str
    attachment_id: str | None

    @classmethod
    def of(cls, entry: timeline.Entry) -> EntryRow:
        return cls(
            entry.id,
            entry.at,
            entry.kind,
            entry.text,
            entry.source,
            entry.key,
            entry.notes,
            entry.attachment_id,
        )


@dataclass(frozen=True)
class GapRow:
    """Nothing recorded for `length` after the entry `after`."""

    after: str
    length: timedelta


Row = EntryRow | GapRow


def row_key(row: Row) -> tuple[str, str]:
    return ("entry", row.id) if isinstance(row, EntryRow) else ("gap", row.after)


def rows_of(entries: Sequence[EntryRow]) -> list[Row]:
    """Entries in time order with a gap row after each entry that a long silence follows."""
    after = {gap.after: gap.length for gap in timeline.gaps(entries)}
    rows: list[Row] = []
    for index, entry in enumerate(entries):
        rows.append(entry)
        if index in after:
            rows.append(GapRow(entry.id, after[index]))
    return rows


class _SessionTimes:
    """The open session's values in the shape `times.incident_date` reads."""

    def __init__(self, document: Any) -> None:
        self._document = document

    def __getattr__(self, name: str) -> Any:
        return self._document.value(name)


CLOCK_FIELDS = frozenset({"timezone", *m.KEY_TIMES, "meeting_at"})


def show_time(at: datetime, timezone: str, day: date) -> str:
    """A time as the table and the walkthrough show it: ``14:18``, ``+1d 00:12`` near the
    incident's date, the full date further away (``-268d`` helps nobody). Either form can be
    typed back and means the same instant."""
    local_day = at.astimezone(times.zone(timezone)).date()
    if abs((local_day - day).days) > 1:
        return timeline.format_time(at, timezone, with_date=True)
    return timeline.format_time(at, timezone, reference_date=day)


def clock_of(document: Any) -> tuple[str, date]:
    """The session's zone and the incident's date (what a bare 14:18 means)."""
    session: Any = _SessionTimes(document)
    return document.value("timezone"), times.incident_date(session)
