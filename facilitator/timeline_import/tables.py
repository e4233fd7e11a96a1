"""Tables: CSV and TSV text split into records, a header told from data, columns mapped to fields.

A CSV (or a JSON array of objects, see `jsonfile`) is read through a mapping from fields
(`rows.FIELDS`) to columns. The mapping comes from the user where given and from column
names otherwise (`timestamp`, `time`, `date`… for the time; `event`, `description`,
`message`… for the text); a file without a header is mapped by what its columns hold.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Final

from facilitator import errors, sessions
from facilitator.timeline_import.clock import Clock
from facilitator.timeline_import.kinds import kind_of, read_kind
from facilitator.timeline_import.rows import FIELDS, ImportOptions, ImportRow, Parsed
from facilitator.timeline_import.sourcefile import csv_lines, head_lines

DELIMITERS: Final = ("\t", ",", ";", "|")
# Column names (as `normalize` leaves them) that mean a field, most telling first.
SYNONYMS: Final[dict[str, tuple[str, ...]]] = {
    "at": (
        "timestamp", "time", "datetime", "date time", "time stamp", "when", "at",
        "occurred at", "occurred", "ts", "event time", "logged at", "created at", "created",
        "date",
    ),
    "date": ("date", "day"),
    "text": (
        "text", "event", "description", "message", "msg", "summary", "details", "detail",
        "title", "what", "what happened", "entry", "activity", "log",
    ),
    "kind": ("kind", "type", "category", "event type", "entry type"),
    "source": (
        "source", "system", "tool", "author", "who", "user", "from", "channel", "service",
        "origin", "by", "host",
    ),
    "notes": ("notes", "note", "comment", "comments", "remarks"),
}  # fmt: skip
_SAMPLE_LINES: Final = 50
_UTC_NAME = re.compile(r"\b(?:utc|gmt|zulu)\b", re.I)
_CLOCK_ONLY = re.compile(r"\s*\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d{1,6})?)?\s*")

Record = tuple[str, int, Sequence[object]]  # where ("line 12"), order, cells


@dataclass(frozen=True)
class Table:
    """A table's column names ("1", "2"… without a header) and its records in file order."""

    columns: tuple[str, ...]
    records: list[Record]
    header: bool
    delimiter: str = ""


def normalize(name: str) -> str:
    """A column name as synonyms are written: ``Created_At (UTC)`` -> ``created at``."""
    name = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name)  # camelCase -> camel Case
    name = re.sub(r"\(.*?\)|\[.*?\]", " ", name.lower())
    return " ".join(re.sub(r"[_\-.:/#@]+", " ", name).split())


def sniff(text: str, name: str, synonyms: Mapping[str, Sequence[str]]) -> tuple[str, bool]:
    """The delimiter that splits the first lines into the same number (two or more) of
    fields, preferring one whose first line holds known column names; and whether any did.
    (csv.Sniffer guesses too eagerly on short files, where a time's colon looks like a
    delimiter.)"""
    lines = [line for line in head_lines(text, _SAMPLE_LINES) if line.strip()]
    known = {word for words in synonyms.values() for word in words}
    best: tuple[tuple[bool, int, float, int, int], str] | None = None
    for preference, delimiter in enumerate(DELIMITERS):
        try:
            counts = [len(row) for row in csv.reader(lines, delimiter=delimiter)]
            first = next(csv.reader(lines[:1], delimiter=delimiter), [])
        except csv.Error:
            continue
        if not counts:
            continue
        mode, hits = Counter(counts).most_common(1)[0]
        consistency = hits / len(counts)
        named = sum(normalize(cell) in known for cell in first)
        score = (mode >= 2 and consistency >= 0.8, named, consistency, mode, -preference)
        if best is None or score > best[0]:
            best = (score, delimiter)
    if best is None or not best[0][0]:
        return ("\t" if name.lower().endswith((".tsv", ".tab")) else ","), False
    return best[1], True


def first_cells(text: str, delimiter: str) -> list[str]:
    """The cells of the first non-blank line."""
    head = head_lines(text, _SAMPLE_LINES)
    lines = head if any(line.strip() for line in head) else text.splitlines()
    line = next((line for line in lines if line.strip()), "")
    try:
        return next(csv.reader([line], delimiter=delimiter), [])
    except csv.Error:
        return []


def read_table(name: str, text: str, options: ImportOptions) -> Parsed:
    """A CSV or TSV file of events, one a line."""
    clock = Clock(options.timezone, options.reference_date)
    table = read_csv(name, text, synonyms=SYNONYMS, explicit=options.mapping, clock=clock)
    mapping = resolve_mapping(
        table, options.mapping, fields=FIELDS, synonyms=SYNONYMS, source=name, clock=clock
    )
    return Parsed(
        name,
        "csv",
        options.timezone,
        options.reference_date,
        tuple(table_rows(table, mapping, clock, source=name)),
        columns=table.columns,
        mapping=mapping_names(table, mapping),
        delimiter=table.delimiter,
        notes=zone_notes(table, mapping, options.timezone),
    )


def zone_notes(table: Table, mapping: Mapping[str, int], timezone: str) -> tuple[str, ...]:
    """A warning when the time column's name says UTC but times are read in another zone.
    Only a warning: the zone is the user's choice, and the name may be wrong."""
    column = table.columns[mapping["at"]] if "at" in mapping else ""
    if _UTC_NAME.search(column) and timezone not in ("UTC", "Etc/UTC"):
        return (
            f"the column {column!r} says UTC, but times without an offset are read in "
            f"{timezone}; choose the zone UTC if they are UTC",
        )
    return ()


def read_csv(
    name: str,
    text: str,
    *,
    synonyms: Mapping[str, Sequence[str]],
    explicit: Mapping[str, str],
    clock: Clock,
) -> Table:
    """Split CSV or TSV text into records and decide whether the first line is a header."""
    delimiter, _ = sniff(text, name, synonyms)
    reader = csv.reader(csv_lines(text), delimiter=delimiter)
    records: list[Record] = []
    start = 1
    try:
        for cells in reader:
            # Spreadsheets end tables with rows of empty cells; they are not lines to report.
            if "".join(cells).strip():
                records.append((f"line {start}", start, cells))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise errors.ValidationError(
            f"line {reader.line_num}", f"not valid CSV: {exc}", source=name
        ) from exc
    if not records:
        raise errors.FileProblemError(name, "holds no rows")
    width = max(len(cells) for _, _, cells in records[:_SAMPLE_LINES])
    first = [str(cell).strip() for cell in records[0][2]]
    if _has_header(first, records[1:2], synonyms, explicit, clock):
        if len(records) == 1:
            raise errors.FileProblemError(name, "holds a header line but no rows under it")
        columns = tuple(cell or f"column {i + 1}" for i, cell in enumerate(first))
        return Table(columns, records[1:], header=True, delimiter=delimiter)
    columns = tuple(str(i + 1) for i in range(width))
    return Table(columns, records, header=False, delimiter=delimiter)


def _has_header(
    first: list[str],
    following: list[Record],
    synonyms: Mapping[str, Sequence[str]],
    explicit: Mapping[str, str],
    clock: Clock,
) -> bool:
    known = {word for words in synonyms.values() for word in words}
    if any(normalize(cell) in known for cell in first):
        return True
    if explicit and not all(value.isdigit() for value in explicit.values()):
        return True  # the user named columns, so the file has names
    # Unknown names: a first line with no time over a line with one is a header.
    return bool(following) and not _times_in(first, clock) and _times_in(following[0][2], clock)


def _times_in(cells: Sequence[object], clock: Clock) -> bool:
    probe = Clock(clock.timezone, clock.reference_date)
    for cell in cells:
        try:
            probe.read(cell, "")
        except errors.ValidationError:
            continue
        return True
    return False


def resolve_mapping(
    table: Table,
    explicit: Mapping[str, str],
    *,
    fields: Sequence[str],
    synonyms: Mapping[str, Sequence[str]],
    source: str,
    clock: Clock,
) -> dict[str, int]:
    """Field -> column index: the user's mapping first (checked), then the column names, or
    for a table without a header what the columns hold."""
    mapping: dict[str, int] = {}
    for field, column in explicit.items():
        if field not in fields:
            raise errors.ValidationError(
                "mapping", f"unknown field {field!r}; the fields are {', '.join(fields)}"
            )
        mapping[field] = _column_index(table, column, source)
    used = set(mapping.values())
    if table.header:
        names = [normalize(column) for column in table.columns]
        for field in fields:
            if field in mapping:
                continue
            for word in synonyms.get(field, ()):
                if word in names and names.index(word) not in used:
                    mapping[field] = names.index(word)
                    used.add(mapping[field])
                    break
    else:
        for field, index in _by_content(table, clock, used).items():
            mapping.setdefault(field, index)
    return mapping


def _column_index(table: Table, column: str, source: str) -> int:
    if column in table.columns:
        return table.columns.index(column)
    names = [normalize(name) for name in table.columns]
    if normalize(column) in names:
        return names.index(normalize(column))
    if not table.header and column.isdigit() and 1 <= int(column) <= len(table.columns):
        return int(column) - 1
    shown = ", ".join(repr(name) for name in table.columns)
    what = f"its columns are {shown}" if table.header else f"it has {len(table.columns)} columns"
    raise errors.ValidationError("mapping", f"{source} has no column {column!r}; {what}")


def _by_content(table: Table, clock: Clock, used: set[int]) -> dict[str, int]:
    """For a table without a header: the time is the first column that holds times, the
    text the remaining one with the longest values."""
    sample = [cells for _, _, cells in table.records[:_SAMPLE_LINES]]
    found: dict[str, int] = {}
    free = [i for i in range(len(table.columns)) if i not in used]
    for index in free:
        values = [_cell(cells, index) for cells in sample]
        if sum(_times_in([value], clock) for value in values) >= 0.8 * len(values):
            found["at"] = index
            break
    rest = [i for i in free if i != found.get("at")]
    if rest:
        found["text"] = max(rest, key=lambda i: sum(len(str(_cell(c, i))) for c in sample))
    return found


def table_rows(
    table: Table, mapping: Mapping[str, int], clock: Clock, *, source: str
) -> list[ImportRow]:
    """One row per record: its time read by `clock`, its kind given or guessed."""
    if "at" not in mapping:
        raise errors.ValidationError(
            "mapping", f"no column of {source} holds the times; map one: at=COLUMN"
        )
    if "text" not in mapping:
        raise errors.ValidationError(
            "mapping", f"no column of {source} holds the text; map one: text=COLUMN"
        )
    at_i, text_i = mapping["at"], mapping["text"]
    date_i, kind_i = mapping.get("date"), mapping.get("kind")
    source_i, notes_i = mapping.get("source"), mapping.get("notes")
    width = max(mapping.values()) + 1
    read_time = clock.read
    rows = []
    # One pass, with the helpers' work done inline: this loop runs once a line of a file
    # that may have 100,000 of them.
    for where, order, record in table.records:
        cells = record if len(record) >= width else [*record, *[""] * (width - len(record))]
        problem = ""
        text = cells[text_i]
        if type(text) is str:
            text = text.strip()
        else:
            text = _text(text)
            if text is None:
                problem, text = "the text is not text", ""
        at_value = cells[at_i]
        if date_i is not None and isinstance(at_value, str) and _CLOCK_ONLY.fullmatch(at_value):
            day = str(cells[date_i] or "").strip()
            at_value = f"{day} {at_value.strip()}" if day else at_value
        try:
            at: datetime | None = read_time(at_value, where)
        except errors.ValidationError as exc:
            at, problem = None, problem or exc.problem
        given = cells[kind_i] if kind_i is not None else None
        kind, guessed = read_kind(str(given), text) if given else kind_of(text)
        if len(text) > sessions.MAX_TEXT:
            problem = problem or f"the text is longer than {sessions.MAX_TEXT:,} characters"
        rows.append(
            ImportRow(
                where,
                order,
                at,
                text,
                kind,
                guessed,
                source="" if source_i is None else _plain(cells[source_i]),
                notes="" if notes_i is None else _plain(cells[notes_i]),
                problem=problem,
            )
        )
    return rows


def mapping_names(table: Table, mapping: Mapping[str, int]) -> dict[str, str]:
    """Field -> column name, for showing how a table was read."""
    return {field: table.columns[index] for field, index in mapping.items()}


def _cell(cells: Sequence[object], index: int) -> object:
    return cells[index] if index < len(cells) else ""


def _text(value: object) -> str | None:
    """A JSON value as an entry's text; None for one that is no text (an object, a list)."""
    if value is None:
        return ""
    if isinstance(value, bool | dict | list):
        return None
    return str(value)


def _plain(value: object) -> str:
    return value.strip() if isinstance(value, str) else "" if value is None else str(value)
