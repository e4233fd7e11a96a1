"""Creating, listing, searching, reading and editing sessions: what the CLI and the UI call.

Functions take the store and ids and return detached snapshots (read them, never change
them: every edit goes through a function here or in the area's own module).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any, Unpack

from sqlalchemy import select, text
from sqlalchemy.orm import Session as OrmSession, selectinload

from facilitator import errors, library
from facilitator.db import models as m
from facilitator.db.store import Store
from facilitator.library import SessionSummary as SessionSummary
from facilitator.zones import check_timezone as check_timezone

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


class _UnitOfWork:
    """`library.Reader` over a unit of work: the library's SQL through the store's engine."""

    def __init__(self, db: OrmSession) -> None:
        self._db = db
        self.dialect = db.get_bind().dialect.name

    def rows(self, sql: str, params: Mapping[str, Any]) -> Sequence[Sequence[Any]]:
        return self._db.execute(text(sql), params).all()


def list_sessions(store: Store, **filters: Unpack[library.Filters]) -> list[SessionSummary]:
    """Sessions newest first (by last change), narrowed by `filters` (`library.Filters`)."""
    with store.session() as db:
        return library.list_sessions(_UnitOfWork(db), **filters)


def label_values(store: Store, kind: str) -> list[str]:
    """Every service or tag used by a live session, for the library's filters."""
    with store.session() as db:
        return library.label_values(_UnitOfWork(db), kind)


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
