"""What an import reads: rows (one future timeline entry each), the options, the preview."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property

from facilitator.timeline import EntryDraft

FORMATS = ("csv", "json", "chat", "slack", "alerts")
# The fields a column of a CSV file (or a key of a JSON object) can be mapped to. `date`
# serves spreadsheets that keep the date and the time of day in two columns.
FIELDS = ("at", "date", "text", "kind", "source", "notes")
# The fields of a paging tool's export: one line is one incident, up to three entries.
ALERT_FIELDS = ("number", "created", "acknowledged", "resolved", "title", "service", "by")


@dataclass(frozen=True)
class ImportOptions:
    """How to read a source. `timezone` reads times without an offset (offsets in the source
    are kept); `reference_date` is the day of a bare ``14:18`` (later bare times roll over
    past midnight); `mapping` maps a field (FIELDS, or ALERT_FIELDS for alerts) to a column
    name, or to a 1-based column number in a file without a header; `channels` keeps only
    those channels of a Slack export."""

    timezone: str
    reference_date: date
    format: str | None = None
    mapping: Mapping[str, str] = field(default_factory=dict)
    channels: frozenset[str] | None = None


@dataclass(frozen=True, slots=True)
class ImportRow:
    """One entry to be, as read from the source.

    `where` says where it came from in words (``line 12``, ``item 3``,
    ``incident/2026-03-04.json, message 5``); `order` is its place in the source and breaks
    ties between equal times. A row that cannot be read has `at` None or a `problem`;
    `duplicate_of` says which entry it repeats (same instant and text). `folded` counts the
    messages folded into it.
    """

    where: str
    order: int
    at: datetime | None
    text: str
    kind: str = "note"
    kind_guessed: bool = False
    source: str = ""
    author: str = ""
    bot: bool = False
    channel: str = ""
    thread: str = ""
    key: bool = False
    notes: str = ""
    problem: str = ""
    duplicate_of: str = ""
    folded: int = 1

    @property
    def readable(self) -> bool:
        return self.at is not None and not self.problem

    @property
    def attachment_id(self) -> None:
        """An imported entry cites no evidence (what `timeline.add_entries` asks)."""
        return None

    def draft(self) -> EntryDraft:
        """The entry to add; only for a readable row."""
        if self.at is None or self.problem:
            raise ValueError(f"{self.where} cannot be read: {self.problem}")
        return EntryDraft(self.at, self.text, self.kind, self.source, self.key, self.notes)


@dataclass(frozen=True)
class Parsed:
    """A source read into rows in source order, before folding, sorting and de-duplication.

    `timezone` and `reference_date` are what times without an offset or a date were read
    with; `columns` and `mapping` (field -> column) say how a table was read, so a dialog can
    show the mapping and let the user change it; `ignored` counts messages left out on
    purpose (joins, topic changes); `notes` are remarks worth showing before an import.
    """

    source: str
    format: str
    timezone: str
    reference_date: date
    rows: tuple[ImportRow, ...]
    columns: tuple[str, ...] = ()
    mapping: Mapping[str, str] = field(default_factory=dict)
    delimiter: str = ""
    ignored: int = 0
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Preview:
    """What an import would add. `rows` holds the readable rows in time order (equal times in
    source order), then the unreadable ones in source order. `display_timezone` is the
    session's zone, which times are shown in. What it tells is worked out once: each walks
    every row, and a summary asks for them several times."""

    parsed: Parsed
    rows: tuple[ImportRow, ...]
    display_timezone: str
    folded: bool = False

    @property
    def source(self) -> str:
        return self.parsed.source

    @property
    def format(self) -> str:
        return self.parsed.format

    @cached_property
    def readable(self) -> tuple[ImportRow, ...]:
        return tuple(row for row in self.rows if row.readable)

    @cached_property
    def unreadable(self) -> tuple[ImportRow, ...]:
        return tuple(row for row in self.rows if not row.readable)

    @cached_property
    def duplicates(self) -> tuple[ImportRow, ...]:
        return tuple(row for row in self.rows if row.readable and row.duplicate_of)

    @cached_property
    def to_add(self) -> tuple[ImportRow, ...]:
        """The readable rows that are not duplicates: what an import adds by default."""
        return tuple(row for row in self.rows if row.readable and not row.duplicate_of)

    @cached_property
    def chosen(self) -> tuple[ImportRow, ...]:
        """The default choice: every row but the duplicates. It holds the unreadable rows on
        purpose, so that committing it fails (naming the line) until they are fixed or left
        out."""
        return tuple(row for row in self.rows if not (row.readable and row.duplicate_of))

    @cached_property
    def first(self) -> datetime | None:
        rows = self.to_add
        return min(row.at for row in rows if row.at) if rows else None

    @cached_property
    def last(self) -> datetime | None:
        rows = self.to_add
        return max(row.at for row in rows if row.at) if rows else None

    @cached_property
    def kinds(self) -> dict[str, int]:
        """How many entries of each kind would be added, most common first."""
        return dict(Counter(row.kind for row in self.to_add).most_common())

    @cached_property
    def guessed(self) -> int:
        """How many of the kinds to be added were guessed from the text."""
        return sum(row.kind_guessed for row in self.to_add)
