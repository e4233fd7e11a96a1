"""Alert and paging exports: one CSV line per incident, up to three timeline entries from it.

A paging tool's export (PagerDuty, Opsgenie and the like) has an incident number, when it
was created, acknowledged and resolved, and a title. Each of those times is a moment on the
timeline: the alert fired (alert), someone took it (escalation), it was closed (resolution).
The kinds come from the columns, so none of them is a guess.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Final

from facilitator import errors
from facilitator.timeline_import import tables
from facilitator.timeline_import.clock import Clock
from facilitator.timeline_import.rows import ALERT_FIELDS, ImportOptions, ImportRow, Parsed

SYNONYMS: Final[dict[str, tuple[str, ...]]] = {
    "number": (
        "incident number", "number", "incident", "incident id", "id", "tiny id", "tinyid",
        "key", "alert id", "alias",
    ),
    "created": (
        "created", "created at", "created on", "triggered", "triggered at", "opened",
        "opened at", "fired at", "start time", "started at", "created date",
    ),
    "acknowledged": (
        "acknowledged", "acknowledged at", "acknowledged on", "acked at", "ack time",
        "ack at", "acked", "first acknowledged at", "ack date",
    ),
    "resolved": (
        "resolved", "resolved at", "resolved on", "closed at", "closed", "resolve time",
        "end time", "ended at", "resolved date",
    ),
    "title": ("title", "description", "summary", "name", "message", "alert", "subject"),
    "service": ("service", "service name", "source", "integration", "team"),
    "by": ("acknowledged by", "acked by", "assigned to", "assignee", "responder", "owner"),
}  # fmt: skip
# Which entry each time column makes: its kind, and what its text says after the number.
_MOMENTS: Final = (
    ("created", "alert", ""),
    ("acknowledged", "escalation", "acknowledged"),
    ("resolved", "resolution", "resolved"),
)


def is_alert_table(columns: Sequence[str]) -> bool:
    """Whether a header names a created time and an acknowledged or resolved one."""
    names = {tables.normalize(column) for column in columns}

    def has(field: str) -> bool:
        return any(word in names for word in SYNONYMS[field])

    return has("created") and (has("acknowledged") or has("resolved"))


def read_alerts(name: str, text: str, options: ImportOptions) -> Parsed:
    clock = Clock(options.timezone, options.reference_date)
    table = tables.read_csv(name, text, synonyms=SYNONYMS, explicit=options.mapping, clock=clock)
    mapping = tables.resolve_mapping(
        table,
        options.mapping,
        fields=ALERT_FIELDS,
        synonyms=SYNONYMS,
        source=name,
        clock=clock,
    )
    if "created" not in mapping:
        raise errors.ValidationError(
            "mapping",
            f"no column of {name} holds when alerts were created; map one: created=COLUMN",
        )
    rows = _rows(table, mapping, clock)
    return Parsed(
        name,
        "alerts",
        options.timezone,
        options.reference_date,
        tuple(rows),
        columns=table.columns,
        mapping=tables.mapping_names(table, mapping),
        delimiter=table.delimiter,
    )


def _rows(table: tables.Table, mapping: Mapping[str, int], clock: Clock) -> list[ImportRow]:
    rows: list[ImportRow] = []

    def plain(cells: Sequence[object], field: str) -> str:
        index = mapping.get(field)
        return str(cells[index]).strip() if index is not None and index < len(cells) else ""

    for where, order, cells in table.records:
        number, title = plain(cells, "number"), plain(cells, "title")
        service, by = plain(cells, "service"), plain(cells, "by")
        prefix = f"#{number.lstrip('#')} " if number else ""
        for step, (field, kind, verb) in enumerate(_MOMENTS):
            value = plain(cells, field)
            if not value and field != "created":
                continue  # not acknowledged (or not resolved) yet: no entry for it
            said = f"{verb} by {by}" if verb == "acknowledged" and by else verb
            text = f"{prefix}{said}: {title}" if said else f"{prefix}{title}"
            try:
                at, problem = clock.read(value, where), ""
            except errors.ValidationError as exc:
                at, problem = None, f"{field}: {exc.problem}"
            rows.append(
                ImportRow(
                    where, order * 3 + step, at, text.strip(), kind, source=service, problem=problem
                )
            )
    return rows
