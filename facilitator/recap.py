"""What the wrap-up shows the room: how much each list holds and what happens next, plus
the participant findings read without loading a whole session (evidence can be megabytes).

The next steps are rules about the practice (park nothing without a home, every action needs
an owner, a deadline and success criteria, the write-up goes out while memories are fresh),
so they live here rather than in the wrap-up page.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from facilitator import participants, sessions
from facilitator.action_views import action_view, item_rows
from facilitator.completeness import completion_blockers
from facilitator.db import models as m
from facilitator.db.store import Store
from facilitator.findings import Finding
from facilitator.summary import SUMMARY_SENTENCES


@dataclass(frozen=True)
class Recap:
    """Counts for the room and a few plain sentences saying what comes next."""

    counts: dict[str, int]  # every list of `m.LISTS`, in that order
    actions: int  # must/should items that are not dropped (`ActionView.committed`)
    next_steps: tuple[str, ...]


def recap(store: Store, session_id: str) -> Recap:
    """The recap of one session, read with a few small queries (no evidence bytes)."""
    with store.session() as db:
        session = sessions.get(db, session_id, full=False)
        rows = db.execute(
            select(m.ListItem.list, func.count())
            .where(m.ListItem.session_id == session_id)
            .group_by(m.ListItem.list)
        ).all()
        counted = {name: int(count) for name, count in rows}
        committed = [v for v in map(action_view, item_rows(db, session_id)) if v.committed]
        summary = session.summary
    counts = {name: counted.get(name, 0) for name in m.LISTS}
    # What "incomplete" means is the completeness rule's to say, not the recap's.
    incomplete = len(completion_blockers(committed))
    steps = next_steps(counts, len(committed), incomplete, summary)
    return Recap(counts, len(committed), tuple(steps))


def next_steps(counts: dict[str, int], committed: int, incomplete: int, summary: str) -> list[str]:
    """What the facilitator says to close the meeting, most pressing first: `committed`
    must/should items of which `incomplete` lack an owner, a deadline or success criteria."""
    steps: list[str] = []
    if not committed:
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
            f"{_count(committed, 'action item')} "
            f"{'is' if committed == 1 else 'are'} ready to track at the follow-up."
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
