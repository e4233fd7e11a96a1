"""Plain snapshots of action items, and what counts: the values the UI, the CLI and the checks
read (`facilitator.actions` edits; this module only reads)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session as OrmSession, selectinload

from facilitator.db import models as m

COMMITTED_PRIORITIES = ("must", "should")  # nice-to-have is the backlog: it does not count
OPEN_STATUSES = ("open", "in_progress")


@dataclass(frozen=True)
class ActionView:
    """A plain snapshot of one action item; `addresses` are factor and chain ids in order."""

    id: str
    position: int
    title: str
    owner: str
    due: date | None
    success_criteria: str
    priority: str
    kind: str
    status: str
    completed_at: datetime | None
    rationale: str
    tracker_url: str
    factor_ids: tuple[str, ...]
    chain_ids: tuple[str, ...]
    addresses: tuple[str, ...]

    @property
    def number(self) -> int:
        """The item's number as `check` and the write-up show it (`actions[N]`)."""
        return self.position + 1

    @property
    def committed(self) -> bool:
        """Whether the item counts against the cap (must/should and not dropped)."""
        return is_committed(self.priority, self.status)


def is_committed(priority: str, status: str) -> bool:
    return priority in COMMITTED_PRIORITIES and status != "dropped"


def action_view(row: m.ActionItem) -> ActionView:
    """The snapshot of a row whose `addresses` are loaded."""
    targets = sorted(row.addresses, key=lambda target: target.position)
    refs = tuple(str(t.factor_id or t.chain_id) for t in targets)
    return ActionView(
        id=row.id,
        position=row.position,
        title=row.title,
        owner=row.owner,
        due=row.due,
        success_criteria=row.success_criteria,
        priority=row.priority,
        kind=row.kind,
        status=row.status,
        completed_at=row.completed_at,
        rationale=row.rationale,
        tracker_url=row.tracker_url,
        factor_ids=tuple(str(t.factor_id) for t in targets if t.factor_id is not None),
        chain_ids=tuple(str(t.chain_id) for t in targets if t.chain_id is not None),
        addresses=refs,
    )


def actions_of(session: m.Session) -> list[ActionView]:
    """The items of a loaded session snapshot, in order."""
    return [action_view(row) for row in sorted(session.actions, key=lambda a: a.position)]


def item_rows(db: OrmSession, session_id: str) -> list[m.ActionItem]:
    """A session's items in order, their links loaded, inside a unit of work."""
    query = (
        select(m.ActionItem)
        .where(m.ActionItem.session_id == session_id)
        .options(selectinload(m.ActionItem.addresses))
        .order_by(m.ActionItem.position)
    )
    return list(db.scalars(query))
