"""What "complete" means for a session: every must/should item that is not dropped has an
owner, a deadline and success criteria. `complete_session` is the way to mark a session
completed; it refuses, listing exactly what is missing, while any item lacks one of them.
An import never refuses a session for this (`facilitator check` reports it).

And what "done" means for an agenda step: `empty_steps` names the steps with nothing
recorded in them, so a step the meeting moved past while empty is told apart from one it did.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session as OrmSession

from facilitator import errors, sessions
from facilitator.action_views import ActionView, action_view, actions_of, item_rows
from facilitator.db import models as m
from facilitator.db.store import Store

# What completeness asks of a committed item, with the words for messages.
REQUIRED_FIELDS = {"owner": "an owner", "due": "a deadline", "success_criteria": "success criteria"}


@dataclass(frozen=True)
class Blocker:
    """A committed item that keeps its session from being completed: `missing` names the
    fields it lacks (of `REQUIRED_FIELDS`: owner, due, success_criteria)."""

    action_id: str
    number: int
    title: str
    missing: tuple[str, ...]

    def needs(self) -> str:
        """What is missing, in words: `an owner and a deadline`."""
        words = [REQUIRED_FIELDS[field] for field in self.missing]
        return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]

    def describe(self) -> str:
        """`actions[2] "Add a canary" needs an owner and a deadline`."""
        return f'actions[{self.number}] "{_short(self.title)}" needs {self.needs()}'


class IncompleteSessionError(errors.ValidationError):
    """The session cannot be marked completed: `blockers` say exactly what is missing."""

    def __init__(self, blockers: Sequence[Blocker]) -> None:
        self.blockers = tuple(blockers)
        count = len(self.blockers)
        items = "item lacks" if count == 1 else "items lack"
        problem = (
            f"cannot mark the session completed while {count} must/should action {items} "
            f"an owner, a deadline or success criteria: "
            + "; ".join(blocker.describe() for blocker in self.blockers)
        )
        super().__init__("status", problem)


def completion_blockers(session: m.Session | Iterable[ActionView]) -> list[Blocker]:
    """The must/should items (not dropped) that lack an owner, a deadline or success
    criteria, each with exactly what it lacks. Blank text counts as missing."""
    views = actions_of(session) if isinstance(session, m.Session) else list(session)
    blockers = []
    for view in views:
        if not view.committed:
            continue
        missing = tuple(
            field
            for field in REQUIRED_FIELDS
            if not (view.due if field == "due" else str(getattr(view, field)).strip())
        )
        if missing:
            blockers.append(Blocker(view.id, view.number, view.title, missing))
    return blockers


def load_blockers(store: Store, session_id: str) -> list[Blocker]:
    """`completion_blockers` of a stored session."""
    with store.session() as db:
        sessions.get(db, session_id, full=False)
        return completion_blockers(action_view(row) for row in item_rows(db, session_id))


def require_complete(db: OrmSession, session_id: str) -> None:
    """Raise IncompleteSessionError while a committed item lacks what completion needs."""
    blockers = completion_blockers(action_view(row) for row in item_rows(db, session_id))
    if blockers:
        raise IncompleteSessionError(blockers)


def complete_session(store: Store, session_id: str) -> str:
    """Mark the session completed; return its previous status (the undo, through
    `sessions.update_session(status=...)`). Raises IncompleteSessionError, listing the
    blockers, while a committed item lacks an owner, a deadline or success criteria."""
    with store.session() as db:
        session = sessions.get(db, session_id, full=False)
        require_complete(db, session_id)
        previous = session.status
        if previous != "completed":
            session.status = "completed"
            session.updated_at = m.utcnow()
        return previous


def _short(text: str, limit: int = 60) -> str:
    flat = " ".join(text.split()) or "(untitled)"
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


# The steps whose work leaves a record in the session. The others (the wrap-up's recap, the
# export, the follow-up) have nothing the meeting enters: moving past them is doing them.
CONTENT_STEPS = (
    "details",
    "participants",
    "evidence",
    "timeline",
    "opener",
    "walkthrough",
    "went-well",
    "went-poorly",
    "lucky",
    "whys",
    "factors",
    "actions",
    "summary",
)
_LIST_STEPS = {"went_well": "went-well", "went_poorly": "went-poorly", "lucky": "lucky"}


def _filled(column: Any) -> Any:
    """SQL: the text column holds more than blanks."""
    return func.trim(func.coalesce(column, "")) != ""


def empty_steps(store: Store, session_id: str) -> frozenset[str]:
    """The steps of `CONTENT_STEPS` with nothing recorded in the session: no participant, no
    evidence, no timeline entry, a blank opener or summary (and impact), no walkthrough
    note, no item on the step's list, no why chain with text, no factor, no action item.
    Counts only, in one read: cheap enough to ask after every save."""
    with store.session() as db:
        session = sessions.get(db, session_id, full=False)
        filled: set[str] = set()
        if session.title.strip():
            filled.add("details")
        if session.opener.strip():
            filled.add("opener")
        impact = (
            session.summary,
            session.impact_customers,
            session.impact_revenue,
            session.impact_reputation,
            session.impact_internal,
        )
        if any(text.strip() for text in impact):
            filled.add("summary")

        def has(query: Any) -> bool:
            return bool(db.execute(query.limit(1)).first())

        t = m.TimelineEntry
        if has(select(t.id).where(t.session_id == session_id)):
            filled.add("timeline")
        if has(select(t.id).where(t.session_id == session_id, _filled(t.notes))):
            filled.add("walkthrough")
        for step, model in (
            ("participants", m.Participant),
            ("evidence", m.Attachment),
            ("factors", m.Factor),
            ("actions", m.ActionItem),
        ):
            if has(select(model.id).where(model.session_id == session_id)):
                filled.add(step)
        i = m.ListItem
        lists = select(i.list).where(i.session_id == session_id, _filled(i.text)).distinct()
        filled.update(_LIST_STEPS[name] for (name,) in db.execute(lists) if name in _LIST_STEPS)
        c, w = m.WhyChain, m.Why
        chain_text = _filled(c.problem) | _filled(c.root_cause)
        if has(select(c.id).where(c.session_id == session_id, chain_text)) or has(
            select(w.id)
            .join(c, w.chain_id == c.id)
            .where(c.session_id == session_id, _filled(w.text))
        ):
            filled.add("whys")
    return frozenset(CONTENT_STEPS) - filled
