"""Creating, listing, searching, reading and editing sessions: what the CLI and the UI call.

Functions take the store and ids and return detached snapshots (read them, never change
them: every edit goes through a function here or in the area's own module).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import and_, case, exists, func, or_, select
from sqlalchemy.orm import Session as OrmSession, selectinload

from facilitator import errors
from facilitator.db import models as m
from facilitator.db.store import Store

# Fields a plain `update_session` may set, with how each is checked.
TEXT_FIELDS = (
    "title",
    "incident_ref",
    "incident_lead",
    "facilitator",
    "summary",
    "opener",
    "impact_customers",
    "impact_revenue",
    "impact_reputation",
    "impact_internal",
)
CHOICE_FIELDS = {"severity": m.SEVERITIES, "depth": m.DEPTHS, "status": m.STATUSES}
TIME_FIELDS = (*m.KEY_TIMES, "meeting_at")
MAX_TEXT = 20_000  # characters in one field: keeps Markdown rendering fast (DESIGN section 4)


@dataclass(frozen=True)
class SessionSummary:
    """One row of the library."""

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


def full_load_options() -> list[Any]:
    """Eager loads for a whole session, so a snapshot can be read after its unit of work ends."""
    S = m.Session
    return [
        selectinload(S.labels),
        selectinload(S.participants),
        selectinload(S.timeline),
        selectinload(S.items),
        selectinload(S.why_chains).selectinload(m.WhyChain.whys),
        selectinload(S.factors).selectinload(m.Factor.evidence),
        selectinload(S.actions).selectinload(m.ActionItem.addresses),
        selectinload(S.attachments),
    ]


def get(db: OrmSession, session_id: str, *, full: bool = True) -> m.Session:
    """The session with that id inside a unit of work, or NotFoundError."""
    query = select(m.Session).where(m.Session.id == session_id)
    if full:
        query = query.options(*full_load_options())
    found = db.scalars(query).first()
    if found is None:
        raise errors.NotFoundError("session", session_id)
    return found


def load_session(store: Store, session_id: str) -> m.Session:
    """A detached snapshot of a whole session."""
    with store.session() as db:
        return get(db, session_id)


def check_timezone(name: str) -> str:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise errors.ValidationError("timezone", f"unknown time zone {name!r}") from exc
    return name


def check_text(field: str, value: object) -> str:
    if not isinstance(value, str):
        raise errors.ValidationError(field, "must be text")
    if len(value) > MAX_TEXT:
        raise errors.ValidationError(field, f"longer than {MAX_TEXT:,} characters")
    return value


def check_choice(field: str, value: object, choices: Sequence[str]) -> str:
    if value not in choices:
        raise errors.ValidationError(field, f"must be one of {', '.join(choices)}, not {value!r}")
    return str(value)


def check_instant(field: str, value: object) -> datetime | None:
    if value is None:
        return None
    if not isinstance(value, datetime) or value.tzinfo is None:
        raise errors.ValidationError(field, "must be a time with a zone")
    return value


def create_session(
    store: Store,
    title: str,
    *,
    severity: str = "SEV3",
    depth: str = "standard",
    timezone: str = "UTC",
    **fields: Any,
) -> str:
    """Add a new draft session and return its id."""
    if not title.strip():
        raise errors.ValidationError("title", "must not be empty")
    session = m.Session(
        title=check_text("title", title),
        severity=check_choice("severity", severity, m.SEVERITIES),
        depth=check_choice("depth", depth, m.DEPTHS),
        timezone=check_timezone(timezone),
    )
    _apply(session, fields)
    with store.session() as db:
        db.add(session)
    return session.id


def _apply(session: m.Session, changes: dict[str, Any]) -> None:
    for field, value in changes.items():
        if field in TEXT_FIELDS:
            value = check_text(field, value)
            if field == "title" and not value.strip():
                raise errors.ValidationError("title", "must not be empty")
        elif field in CHOICE_FIELDS:
            value = check_choice(field, value, CHOICE_FIELDS[field])
        elif field in TIME_FIELDS:
            value = check_instant(field, value)
        elif field == "timezone":
            value = check_timezone(value)
        elif field == "current_step":
            value = check_text(field, value)
        elif field == "step_elapsed":
            if not isinstance(value, dict):
                raise errors.ValidationError(field, "must map step ids to seconds")
            value = dict(value)
        else:
            raise errors.ValidationError(field, "is not a field of a session")
        setattr(session, field, value)


def update_session(store: Store, session_id: str, **changes: Any) -> m.Session:
    """Change plain fields of a session (all or none) and return the new snapshot."""
    with store.session() as db:
        session = get(db, session_id, full=False)
        was_completed = session.status == "completed"
        _apply(session, changes)
        if session.status == "completed" and not was_completed:
            # The rule lives with the action items: no completing while one lacks an owner,
            # a deadline or success criteria (DESIGN section 1).
            from facilitator.completeness import require_complete

            require_complete(db, session_id)
        session.updated_at = m.utcnow()
    return session


def set_labels(store: Store, session_id: str, kind: str, values: Iterable[str]) -> None:
    """Replace a session's services (`kind="service"`) or tags (`kind="tag"`)."""
    check_choice("kind", kind, ("service", "tag"))
    cleaned: list[str] = []
    for value in values:
        value = value.strip()
        if value and value not in cleaned:
            cleaned.append(value)
    with store.session() as db:
        session = get(db, session_id, full=False)
        for label in [label for label in session.labels if label.kind == kind]:
            session.labels.remove(label)
        session.labels.extend(
            m.Label(kind=kind, value=value, position=i) for i, value in enumerate(cleaned)
        )
        session.updated_at = m.utcnow()


def touch(db: OrmSession, session_id: str) -> None:
    """Mark a session as changed now (for the library's newest-first order)."""
    session = db.get(m.Session, session_id)
    if session is None:
        raise errors.NotFoundError("session", session_id)
    session.updated_at = m.utcnow()


def _search_clause(text: str) -> Any:
    needle = f"%{_escape_like(text.lower())}%"
    S = m.Session

    def like(column: Any) -> Any:
        return func.lower(column).like(needle, escape="\\")

    in_timeline = exists().where(
        and_(m.TimelineEntry.session_id == S.id, like(m.TimelineEntry.text))
    )
    return or_(like(S.title), like(S.summary), like(S.incident_ref), in_timeline)


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _has_label(kind: str, value: str) -> Any:
    return exists().where(
        and_(m.Label.session_id == m.Session.id, m.Label.kind == kind, m.Label.value == value)
    )


def list_sessions(
    store: Store,
    *,
    search: str | None = None,
    severity: str | None = None,
    status: str | None = None,
    service: str | None = None,
    tag: str | None = None,
    trash: bool = False,
    limit: int | None = None,
) -> list[SessionSummary]:
    """Sessions newest first (by last change); `search` is case-insensitive over title,
    incident ref, summary and timeline text."""
    S = m.Session
    # Plain columns, not ORM objects: the library lists every session at start-up.
    columns = (S.id, S.title, S.incident_ref, S.severity, S.status, S.depth, S.started_at)
    query = select(*columns, S.updated_at)
    query = query.where(S.deleted_at.is_not(None) if trash else S.deleted_at.is_(None))
    if search and search.strip():
        query = query.where(_search_clause(search.strip()))
    if severity:
        query = query.where(S.severity == severity)
    if status:
        query = query.where(S.status == status)
    if service:
        query = query.where(_has_label("service", service))
    if tag:
        query = query.where(_has_label("tag", tag))
    query = query.order_by(S.updated_at.desc(), S.id)
    if limit is not None:
        query = query.limit(limit)
    with store.session() as db:
        rows = db.execute(query).all()
        ids = [row.id for row in rows]
        progress = _action_progress(db, ids)
        labels = _labels(db, ids)
    return [
        SessionSummary(
            id=row.id,
            title=row.title,
            incident_ref=row.incident_ref,
            severity=row.severity,
            status=row.status,
            depth=row.depth,
            started_at=row.started_at,
            updated_at=row.updated_at,
            services=tuple(labels.get((row.id, "service"), ())),
            tags=tuple(labels.get((row.id, "tag"), ())),
            actions_done=progress.get(row.id, (0, 0))[0],
            actions_total=progress.get(row.id, (0, 0))[1],
        )
        for row in rows
    ]


def _labels(db: OrmSession, ids: list[str]) -> dict[tuple[str, str], list[str]]:
    found: dict[tuple[str, str], list[str]] = {}
    query = select(m.Label.session_id, m.Label.kind, m.Label.value).order_by(m.Label.position)
    for chunk in _chunks(ids):
        for session_id, kind, value in db.execute(query.where(m.Label.session_id.in_(chunk))):
            found.setdefault((session_id, kind), []).append(value)
    return found


def _chunks(ids: list[str], size: int = 500) -> Iterable[list[str]]:
    """SQLite caps the parameters of one statement; ask for a large library in slices."""
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def _action_progress(db: OrmSession, ids: list[str]) -> dict[str, tuple[int, int]]:
    """Done and total must/should action items per session (the backlog does not count)."""
    A = m.ActionItem
    done = func.sum(case((A.status == "done", 1), else_=0))
    query = select(A.session_id, done, func.count()).where(A.priority != "nice")
    found = {}
    for chunk in _chunks(ids):
        rows = db.execute(query.where(A.session_id.in_(chunk)).group_by(A.session_id))
        found.update({session_id: (int(d or 0), int(n)) for session_id, d, n in rows})
    return found


def label_values(store: Store, kind: str) -> list[str]:
    """Every service or tag used by a live session, for the library's filters."""
    with store.session() as db:
        query = (
            select(m.Label.value)
            .join(m.Session)
            .where(m.Label.kind == kind, m.Session.deleted_at.is_(None))
            .distinct()
            .order_by(m.Label.value)
        )
        return list(db.scalars(query))


def delete_session(store: Store, session_id: str) -> None:
    """Move a session to the trash; `restore_session` brings it back."""
    with store.session() as db:
        get(db, session_id, full=False).deleted_at = m.utcnow()


def restore_session(store: Store, session_id: str) -> None:
    with store.session() as db:
        get(db, session_id, full=False).deleted_at = None


def empty_trash(store: Store) -> int:
    """Delete for good every session in the trash; return how many."""
    with store.session() as db:
        doomed = list(db.scalars(select(m.Session).where(m.Session.deleted_at.is_not(None))))
        for session in doomed:
            db.delete(session)
    return len(doomed)


COPY_SUFFIX = " (copy)"


def duplicate_session(store: Store, session_id: str) -> str:
    """Copy a session through the exchange format and return the copy's id.

    Export then import is the one faithful copy the app already proves (every row under
    fresh ids, links between them rebuilt); the copy is a new draft titled "… (copy)", and
    the meeting state (current step, timers, done marks), which the format does not carry,
    starts afresh. The original is not touched.
    """
    # Imported here: the exchange package imports this module.
    from facilitator.exchange import export_session, import_documents

    document = export_session(store, session_id)
    body = document["session"]
    title = f"{body['title']}{COPY_SUFFIX}"
    body["title"] = title if len(title) <= MAX_TEXT else body["title"]
    body["status"] = "draft"
    (copy_id,) = import_documents(store, [(body["title"], document)])
    return copy_id
