"""What the wrap-up shows the room: how much each list holds and what happens next, plus
the participant findings read without loading a whole session (evidence can be megabytes).

The next steps are rules about the practice (park nothing without a home, every action needs
an owner, a deadline and success criteria, the write-up goes out while memories are fresh),
so they live here rather than in the wrap-up page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select

from facilitator import participants, sessions
from facilitator.db import models as m
from facilitator.db.store import Store
from facilitator.findings import Finding
from facilitator.summary import SUMMARY_SENTENCES

COUNTED_PRIORITIES = ("must", "should")  # nice-to-have goes to a backlog that does not count
CLOSED_STATUSES = ("done", "dropped")


@dataclass(frozen=True)
class ActionFacts:
    """The little the recap needs to know about one action item."""

    priority: str
    status: str
    owner: str
    has_due: bool
    success_criteria: str

    @property
    def counted(self) -> bool:
        return self.priority in COUNTED_PRIORITIES and self.status not in CLOSED_STATUSES

    @property
    def complete(self) -> bool:
        return bool(self.owner.strip() and self.has_due and self.success_criteria.strip())


@dataclass(frozen=True)
class Recap:
    """Counts for the room and a few plain sentences saying what comes next."""

    counts: dict[str, int]  # every list of `m.LISTS`, in that order
    actions: int  # open must/should action items
    next_steps: tuple[str, ...]


def recap(store: Store, session_id: str) -> Recap:
    """The recap of one session, read with three small queries."""
    with store.session() as db:
        session = sessions.get(db, session_id, full=False)
        rows = db.execute(
            select(m.ListItem.list, func.count())
            .where(m.ListItem.session_id == session_id)
            .group_by(m.ListItem.list)
        ).all()
        counted = {name: int(count) for name, count in rows}
        actions = [
            ActionFacts(a.priority, a.status, a.owner, a.due is not None, a.success_criteria)
            for a in db.scalars(select(m.ActionItem).where(m.ActionItem.session_id == session_id))
        ]
        summary = session.summary
    counts = {name: counted.get(name, 0) for name in m.LISTS}
    open_actions = sum(1 for a in actions if a.counted)
    return Recap(counts, open_actions, tuple(next_steps(counts, actions, summary)))


def next_steps(counts: dict[str, int], actions: Sequence[ActionFacts], summary: str) -> list[str]:
    """What the facilitator says to close the meeting, most pressing first."""
    steps: list[str] = []
    counted = [a for a in actions if a.counted]
    incomplete = sum(1 for a in counted if not a.complete)
    if not counted:
        steps.append(
            "Agree on the action items before everyone leaves: each with one owner, "
            "a deadline and success criteria."
        )
    elif incomplete:
        steps.append(
            f"{_count(incomplete, 'action item')} still "
            f"need{'s' if incomplete == 1 else ''} an owner, a deadline or success criteria."
        )
    else:
        steps.append(
            f"{_count(len(counted), 'action item')} "
            f"{'is' if len(counted) == 1 else 'are'} ready to track at the follow-up."
        )
    parked = counts.get("parking_lot", 0)
    if parked:
        steps.append(
            f"Give {'the parked topic' if parked == 1 else f'each of the {parked} parked topics'} "
            "an owner and a place to go: a team's backlog, another meeting."
        )
    if not summary.strip():
        low, high = SUMMARY_SENTENCES
        steps.append(f"Write the {low}–{high} sentence executive summary while it is fresh.")
    steps.append("Share the write-up with stakeholders within a few days.")
    return steps


def room_findings(store: Store, session_id: str) -> list[Finding]:
    """`participants.participant_findings` for one session, loading only its participants."""
    with store.session() as db:
        session = sessions.get(db, session_id, full=False)
        return participants.participant_findings(session)  # participants load lazily here


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
