"""The library: past sessions newest first, searched and filtered, and the labels to filter by.

Written as plain SQL over a `Reader`, so the same queries serve two ways in:
- `sessions.list_sessions` and `sessions.label_values` run them through the store's engine,
  for the CLI and for the app once its store is open;
- `LibraryFile` runs them through the standard library's `sqlite3`, so the app's first window
  can list a library of 1,000 sessions before SQLAlchemy has loaded. Loading SQLAlchemy and
  the models takes ~0.4 s, twice the start-up budget (DESIGN section 7); the app opens its
  store on a worker thread meanwhile (ui/store_opening.py).

The SQL is portable (SQLite and PostgreSQL): named parameters, `lower(...) LIKE` for a search
that ignores case, `EXISTS` for the timeline and label filters. A test holds both ways in to
the same answers.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NamedTuple, Protocol, TypedDict, Unpack

from facilitator import errors
from facilitator.db.location import HEAD, check_file


class SessionSummary(NamedTuple):
    """One row of the library (a tuple: a thousand are made before the first window)."""

    id: str
    title: str
    incident_ref: str
    severity: str
    status: str
    depth: str
    started_at: datetime | None
    updated_at: datetime
    services: tuple[str, ...]
    tags: tuple[str, ...]
    actions_done: int
    actions_total: int


class Reader(Protocol):
    """Runs one SELECT with named (`:name`) parameters and returns its rows."""

    @property
    def dialect(self) -> str:
        """The database's SQLAlchemy dialect name: "sqlite", "postgresql"…"""

    def rows(self, sql: str, params: Mapping[str, Any]) -> Sequence[Sequence[Any]]: ...


EARLIEST = datetime.min.replace(tzinfo=UTC)

LIST = """
SELECT s.id, s.title, s.incident_ref, s.severity, s.status, s.depth, s.started_at, s.updated_at
FROM sessions AS s
WHERE {where}
ORDER BY s.updated_at DESC, s.id
"""
# The timeline is read once for the whole search (`IN`), not once per session (a correlated
# `EXISTS`): 10,000 sessions of 20 entries each took ~200 ms, 4x the budget (DESIGN §7).
SEARCH = """(
    {title} LIKE :needle ESCAPE '\\'
    OR {summary} LIKE :needle ESCAPE '\\'
    OR {incident_ref} LIKE :needle ESCAPE '\\'
    OR s.id IN (SELECT t.session_id FROM timeline_entries AS t
                WHERE {text} LIKE :needle ESCAPE '\\')
)"""
HAS_LABEL = (
    "EXISTS (SELECT 1 FROM labels AS l "
    "WHERE l.session_id = s.id AND l.kind = '{kind}' AND l.value = :{kind})"
)
# The labels and the action progress of the listed sessions: `{scope}` is either every live
# (or trashed) session, or the listed ids themselves when they are few (a search, a filter,
# the library's first screen), which is a handful of index lookups instead of a full scan.
LABELS = """
SELECT l.session_id, l.kind, l.value
FROM labels AS l JOIN sessions AS s ON s.id = l.session_id
WHERE {scope}
ORDER BY l.session_id, l.position
"""
# Done and total must/should action items per session (the backlog does not count).
PROGRESS = """
SELECT a.session_id, SUM(CASE WHEN a.status = 'done' THEN 1 ELSE 0 END), COUNT(*)
FROM action_items AS a JOIN sessions AS s ON s.id = a.session_id
WHERE a.priority != 'nice' AND {scope}
GROUP BY a.session_id
"""
FEW = 200  # up to this many listed sessions, LABELS and PROGRESS name them by id
LABEL_VALUES = """
SELECT DISTINCT l.value
FROM labels AS l JOIN sessions AS s ON s.id = l.session_id
WHERE l.kind = :kind AND s.deleted_at IS NULL
ORDER BY l.value
"""


class Filters(TypedDict, total=False):
    """What the library is narrowed to; every key may be left out (or None: no filter)."""

    search: str | None  # case-insensitive, over title, incident ref, summary and timeline
    severity: str | None
    status: str | None
    service: str | None
    tag: str | None
    trash: bool  # the trash instead of the live sessions
    limit: int | None


def list_sessions(reader: Reader, **filters: Unpack[Filters]) -> list[SessionSummary]:
    """Sessions newest first (by last change), narrowed by `filters`."""
    search, limit = filters.get("search"), filters.get("limit")
    severity, status = filters.get("severity"), filters.get("status")
    service, tag = filters.get("service"), filters.get("tag")
    live = "s.deleted_at IS NOT NULL" if filters.get("trash") else "s.deleted_at IS NULL"
    where, params = [live], dict[str, Any]()
    if search and search.strip():
        where.append(_search(reader.dialect))
        params["needle"] = f"%{_escape_like(search.strip().lower())}%"
    for column, value in (("severity", severity), ("status", status)):
        if value:
            where.append(f"s.{column} = :{column}")
            params[column] = value
    for kind, value in (("service", service), ("tag", tag)):
        if value:
            where.append(HAS_LABEL.format(kind=kind))
            params[kind] = value
    sql = LIST.format(where=" AND ".join(where))
    if limit is not None:
        sql += " LIMIT :limit"
        params["limit"] = limit
    rows = reader.rows(sql, params)
    scope, ids = live, dict[str, Any]()
    if len(rows) <= FEW:
        ids = {f"id{n}": row[0] for n, row in enumerate(rows)}
        scope = f"s.id IN ({', '.join(':' + name for name in ids)})" if ids else "1 = 0"
    labels: dict[tuple[str, str], list[str]] = {}
    for session_id, kind, value in reader.rows(LABELS.format(scope=scope), ids):
        labels.setdefault((session_id, kind), []).append(value)
    progress = {
        session_id: (int(done or 0), int(total))
        for session_id, done, total in reader.rows(PROGRESS.format(scope=scope), ids)
    }
    no_actions = (0, 0)
    return [
        SessionSummary(
            session_id,
            title,
            incident_ref,
            severity_,
            status_,
            depth,
            instant(started_at),
            instant(updated_at) or EARLIEST,
            tuple(labels.get((session_id, "service"), ())),
            tuple(labels.get((session_id, "tag"), ())),
            *progress.get(session_id, no_actions),
        )
        for session_id, title, incident_ref, severity_, status_, depth, started_at, updated_at in (
            rows
        )
    ]


def label_values(reader: Reader, kind: str) -> list[str]:
    """Every service or tag used by a live session, for the library's filters."""
    return [value for (value,) in reader.rows(LABEL_VALUES, {"kind": kind})]


def instant(value: datetime | str | None) -> datetime | None:
    """A stored time as an aware UTC instant: SQLite hands back text, PostgreSQL a naive
    datetime, both in UTC (`models.UTCDateTime`)."""
    if value is None:
        return None
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    if moment.tzinfo is not None:
        return moment.astimezone(UTC)
    if isinstance(value, str):  # as SQLite keeps it: with the offset spelled out, parsing
        return datetime.fromisoformat(value + "+00:00")  # is 6× faster than .replace(tzinfo=)
    return moment.replace(tzinfo=UTC)


def _search(dialect: str) -> str:
    """SEARCH, each text compared with the lowercase needle as it is in SQLite, whose LIKE
    ignores the case of the letters its lower() knows (ASCII), so lower() would only copy
    every text searched (half the time of a search); as lower(text) elsewhere (PostgreSQL's
    LIKE compares case)."""
    fold = "{}" if dialect == "sqlite" else "lower({})"
    columns = {"title": "s.title", "summary": "s.summary", "incident_ref": "s.incident_ref"}
    return SEARCH.format(
        **{name: fold.format(column) for name, column in columns.items()},
        text=fold.format("t.text"),
    )


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


class LibraryFile:
    """A library file read straight through `sqlite3`, for the first window (see above).

    Only for a file already at the current schema: anything else (a new, older, newer,
    locked or foreign file) is the store's to open, with its migrations and its messages.
    """

    dialect = "sqlite"

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection

    @classmethod
    def open(cls, path: Path) -> LibraryFile | None:
        """The file at `path` read-only, or None when the store must open it instead."""
        try:
            check_file(path)
            if not path.is_file():
                return None
            connection = sqlite3.connect(path, timeout=1.0, check_same_thread=False)
        except (errors.DatabaseError, sqlite3.Error, OSError):
            return None
        try:
            connection.execute("PRAGMA query_only = ON")
            revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        except sqlite3.Error:
            revision = None
        if revision is None or revision[0] != HEAD:
            connection.close()
            return None
        return cls(connection)

    def rows(self, sql: str, params: Mapping[str, Any]) -> list[Any]:
        return self._connection.execute(sql, params).fetchall()

    def close(self) -> None:
        self._connection.close()
