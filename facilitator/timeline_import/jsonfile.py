"""JSON sources: an array of objects (mapped to fields as a CSV is), or an exchange file's
timeline (DESIGN section 5), whose entries already say their kind."""

from __future__ import annotations

from typing import Any, Final

from facilitator import errors, sessions
from facilitator.db import models as m
from facilitator.timeline_import import tables
from facilitator.timeline_import.clock import Clock
from facilitator.timeline_import.rows import FIELDS, ImportOptions, ImportRow, Parsed
from facilitator.timeline_import.sourcefile import kind_of

EXCHANGE_FORMAT: Final = "postmortem-facilitator"
_ENTRY_KEYS: Final = ("at", "kind", "text", "source", "key", "notes")
# Where tools put the list when they wrap it in an object.
_LIST_KEYS: Final = ("timeline", "events", "entries", "items", "records", "data", "results")


def read_json(name: str, value: object, options: ImportOptions) -> Parsed:
    """The rows of a JSON value: an exchange document, or a list of objects (maybe wrapped
    in an object under `timeline`, `events`, `entries`…)."""
    clock = Clock(options.timezone, options.reference_date)
    if isinstance(value, dict) and value.get("format") == EXCHANGE_FORMAT:
        rows = _exchange_rows(name, value, clock)
        return Parsed(name, "json", options.timezone, options.reference_date, tuple(rows))
    items = _items(name, value)
    columns: dict[str, None] = {}
    for item in items:
        if isinstance(item, dict):
            columns.update(dict.fromkeys(item))
    if not columns:
        raise errors.ValidationError("", "holds a list, but no objects in it", source=name)
    names = tuple(columns)
    records: list[tables.Record] = [
        (f"item {i + 1}", i, [item.get(c) for c in names] if isinstance(item, dict) else [])
        for i, item in enumerate(items)
    ]
    table = tables.Table(names, records, header=True)
    mapping = tables.resolve_mapping(
        table, options.mapping, fields=FIELDS, synonyms=tables.SYNONYMS, source=name, clock=clock
    )
    rows = tables.table_rows(table, mapping, clock, source=name)
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            rows[index] = _problem(rows[index], f"holds {kind_of(item)}, not an object")
    return Parsed(
        name,
        "json",
        options.timezone,
        options.reference_date,
        tuple(rows),
        columns=names,
        mapping=tables.mapping_names(table, mapping),
    )


def _items(name: str, value: object) -> list[Any]:
    if isinstance(value, dict):
        for key in _LIST_KEYS:
            if isinstance(value.get(key), list):
                value = value[key]
                break
        else:
            where = ", ".join(_LIST_KEYS[:3])
            problem = f"holds an object without a list of events (under {where}…)"
            raise errors.ValidationError("", problem, source=name)
    if not isinstance(value, list):
        raise errors.ValidationError(
            "", f"holds {kind_of(value)}, not a list of events", source=name
        )
    if not value:
        raise errors.FileProblemError(name, "holds an empty list")
    return value


def _exchange_rows(name: str, doc: dict[str, Any], clock: Clock) -> list[ImportRow]:
    if doc.get("version") != 1:
        problem = f"is version {doc.get('version')!r} of the exchange format; we read version 1"
        raise errors.ValidationError("version", problem, source=name)
    session = doc.get("session")
    timeline = session.get("timeline") if isinstance(session, dict) else None
    if not isinstance(timeline, list) or not timeline:
        raise errors.FileProblemError(name, "is an exchange file without timeline entries")
    return [_entry(value, f"session.timeline[{i}]", i, clock) for i, value in enumerate(timeline)]


def _entry(value: object, where: str, order: int, clock: Clock) -> ImportRow:
    if not isinstance(value, dict):
        return ImportRow(where, order, None, "", problem=f"holds {kind_of(value)}, not an entry")
    text, source, notes = (value.get(k, "") for k in ("text", "source", "notes"))
    kind, key = value.get("kind", "note"), value.get("key", False)
    row = ImportRow(where, order, None, "")
    unknown = [k for k in value if k not in _ENTRY_KEYS]
    if unknown:
        return _problem(row, f"has an unknown key {unknown[0]!r}")
    if not all(isinstance(v, str) for v in (text, source, notes)):
        return _problem(row, "text, source and notes must be text")
    if kind not in m.KINDS:
        return _problem(row, f"kind must be one of {', '.join(m.KINDS)}, not {kind!r}")
    if not isinstance(key, bool):
        return _problem(row, "key must be true or false")
    if len(text) > sessions.MAX_TEXT:
        return _problem(row, f"the text is longer than {sessions.MAX_TEXT:,} characters")
    if "at" not in value:
        return _problem(row, "has no time (at)")
    try:
        at = clock.read(value["at"], where)
    except errors.ValidationError as exc:
        return _problem(row, exc.problem)
    return ImportRow(where, order, at, text, kind, False, source, key=key, notes=notes)


def _problem(row: ImportRow, problem: str) -> ImportRow:
    return ImportRow(row.where, row.order, None, row.text, problem=problem)
