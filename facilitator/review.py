"""The effectiveness review: a session looks back at the action items of earlier sessions that
share a service or a tag with it, and records for each whether it was done, slipped, or done
without meeting its success criteria. Those verdicts are saved with the reviewing session and
printed in its write-up (`session_reviews`).

What is listed (`review_candidates`): the must/should items of earlier live sessions that share
a service or tag (compared case-insensitively) which are still open or in progress, or were
done within `RECENT` before this session; and every item this session has already reviewed,
whatever its state now, so a recorded verdict never disappears from the list. A session's
time is when its incident started, else its meeting, else when it was created; "earlier" and
"recent" are measured from this session's time, so an old session reopened later shows what
was relevant then.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session as OrmSession, selectinload

from facilitator import errors, sessions
from facilitator.actions import COMMITTED_PRIORITIES, OPEN_STATUSES
from facilitator.db import models as m
from facilitator.db.store import Store

RECENT = timedelta(days=90)
VERDICT_LABELS = {
    "done": "done",
    "slipped": "slipped",
    "criteria_not_met": "done, but the success criteria not met",
}


@dataclass(frozen=True)
class ReviewCandidate:
    """An earlier session's action item to review, with this session's verdict if any."""

    action_id: str
    title: str
    owner: str
    due: date | None
    priority: str
    status: str
    success_criteria: str
    completed_at: datetime | None
    session_id: str  # the earlier session the item belongs to
    session_title: str
    incident_ref: str
    session_at: datetime
    shared: tuple[str, ...]  # the services and tags both sessions have
    verdict: str | None
    note: str


@dataclass(frozen=True)
class ReviewView:
    """A recorded verdict, as the write-up prints it."""

    action_id: str
    verdict: str
    note: str
    reviewed_at: datetime
    title: str
    owner: str
    due: date | None
    status: str
    success_criteria: str
    session_id: str  # the session the item belongs to
    session_title: str
    incident_ref: str

    @property
    def verdict_label(self) -> str:
        return VERDICT_LABELS.get(self.verdict, self.verdict)


@dataclass(frozen=True)
class PreviousReview:
    """What a review was before an edit (the undo): pass it to `restore_review`."""

    verdict: str
    note: str
    reviewed_at: datetime


def session_time(session: m.Session) -> datetime:
    """When a session happened, for ordering sessions: incident start, meeting, creation."""
    return session.started_at or session.meeting_at or session.created_at


def review_candidates(
    store: Store, session_id: str, *, recent: timedelta = RECENT
) -> list[ReviewCandidate]:
    """What this session should review (see the module docstring), most recent session first
    and in each session the items in their order."""
    with store.session() as db:
        session = sessions.get(db, session_id, full=False)
        now = session_time(session)
        mine = {label.value.casefold() for label in session.labels}
        reviews = {r.action_id: r for r in session.reviews}
        earlier = [s for s in _related(db, session_id, mine) if session_time(s) < now]
        reviewed_ids = set(reviews) - {a.id for s in earlier for a in s.actions}
        reviewed_elsewhere: list[m.ActionItem] = (
            list(db.scalars(select(m.ActionItem).where(m.ActionItem.id.in_(reviewed_ids))))
            if reviewed_ids
            else []
        )
        found: list[ReviewCandidate] = []
        for other in sorted(earlier, key=session_time, reverse=True):
            shared = tuple(label.value for label in other.labels if label.value.casefold() in mine)
            for action in other.actions:
                if action.id in reviews or _worth_reviewing(action, now - recent):
                    found.append(_candidate(action, other, shared, reviews.get(action.id)))
        for action in reviewed_elsewhere:
            found.append(_candidate(action, action.session, (), reviews[action.id]))
        return found


def record_review(
    store: Store,
    session_id: str,
    action_id: str,
    verdict: str,
    note: str = "",
    *,
    reviewed_at: datetime | None = None,
) -> PreviousReview | None:
    """Record this session's verdict on another session's item (one verdict per item);
    return the previous one (None if there was none) for undo through `restore_review`."""
    verdict = sessions.check_choice("verdict", verdict, m.REVIEW_VERDICTS)
    note = sessions.check_text("note", note)
    when = sessions.check_instant("reviewed_at", reviewed_at) or m.utcnow()
    with store.session() as db:
        sessions.touch(db, session_id)
        action = db.get(m.ActionItem, action_id)
        if action is None:
            raise errors.NotFoundError("action item", action_id)
        if action.session_id == session_id:
            raise errors.ValidationError(
                "action_id", "a session reviews the action items of earlier sessions, not its own"
            )
        row = _review(db, session_id, action_id)
        previous = None if row is None else PreviousReview(row.verdict, row.note, row.reviewed_at)
        if row is None:
            db.add(
                m.ActionReview(
                    session_id=session_id,
                    action_id=action_id,
                    verdict=verdict,
                    note=note,
                    reviewed_at=when,
                )
            )
        else:
            row.verdict, row.note, row.reviewed_at = verdict, note, when
        return previous


def clear_review(store: Store, session_id: str, action_id: str) -> PreviousReview | None:
    """Remove this session's verdict on an item; return it (None if there was none)."""
    with store.session() as db:
        sessions.touch(db, session_id)
        row = _review(db, session_id, action_id)
        if row is None:
            return None
        previous = PreviousReview(row.verdict, row.note, row.reviewed_at)
        db.delete(row)
        return previous


def restore_review(
    store: Store, session_id: str, action_id: str, previous: PreviousReview | None
) -> None:
    """Undo `record_review` or `clear_review` with what it returned."""
    if previous is None:
        clear_review(store, session_id, action_id)
    else:
        record_review(
            store,
            session_id,
            action_id,
            previous.verdict,
            previous.note,
            reviewed_at=previous.reviewed_at,
        )


def session_reviews(store: Store, session_id: str) -> list[ReviewView]:
    """The verdicts this session recorded, in the order they were made (for the write-up)."""
    with store.session() as db:
        sessions.get(db, session_id, full=False)
        query = (
            select(m.ActionReview, m.ActionItem, m.Session)
            .join(m.ActionItem, m.ActionReview.action_id == m.ActionItem.id)
            .join(m.Session, m.ActionItem.session_id == m.Session.id)
            .where(m.ActionReview.session_id == session_id)
            .order_by(m.ActionReview.reviewed_at, m.ActionReview.id)
        )
        return [
            ReviewView(
                action_id=action.id,
                verdict=review.verdict,
                note=review.note,
                reviewed_at=review.reviewed_at,
                title=action.title,
                owner=action.owner,
                due=action.due,
                status=action.status,
                success_criteria=action.success_criteria,
                session_id=owner_session.id,
                session_title=owner_session.title,
                incident_ref=owner_session.incident_ref,
            )
            for review, action, owner_session in db.execute(query)
        ]


def _related(db: OrmSession, session_id: str, labels: set[str]) -> list[m.Session]:
    """Other live sessions with a service or tag among `labels` (case-folded)."""
    if not labels:
        return []
    # SQL lower() folds ASCII only; the exact case-insensitive test is redone in Python.
    matching = (
        select(m.Label.session_id)
        .where(func.lower(m.Label.value).in_({label.lower() for label in labels}))
        .scalar_subquery()
    )
    query = (
        select(m.Session)
        .where(
            m.Session.id != session_id, m.Session.deleted_at.is_(None), m.Session.id.in_(matching)
        )
        .options(selectinload(m.Session.labels), selectinload(m.Session.actions))
    )
    related = list(db.scalars(query))
    return [s for s in related if any(label.value.casefold() in labels for label in s.labels)]


def _worth_reviewing(action: m.ActionItem, since: datetime) -> bool:
    if action.priority not in COMMITTED_PRIORITIES:
        return False  # the backlog was never a commitment
    if action.status in OPEN_STATUSES:
        return True
    # A done item without a completion time (an old import) cannot be told recent: left out,
    # or it would come back in every later session for ever.
    return (
        action.status == "done" and action.completed_at is not None and action.completed_at >= since
    )


def _candidate(
    action: m.ActionItem,
    owner: m.Session,
    shared: tuple[str, ...],
    review: m.ActionReview | None,
) -> ReviewCandidate:
    return ReviewCandidate(
        action_id=action.id,
        title=action.title,
        owner=action.owner,
        due=action.due,
        priority=action.priority,
        status=action.status,
        success_criteria=action.success_criteria,
        completed_at=action.completed_at,
        session_id=owner.id,
        session_title=owner.title,
        incident_ref=owner.incident_ref,
        session_at=session_time(owner),
        shared=shared,
        verdict=None if review is None else review.verdict,
        note="" if review is None else review.note,
    )


def _review(db: OrmSession, session_id: str, action_id: str) -> m.ActionReview | None:
    query = select(m.ActionReview).where(
        m.ActionReview.session_id == session_id, m.ActionReview.action_id == action_id
    )
    return db.scalars(query).first()
