"""Deleting a factor with its subtree, and the undo of that: what went, as plain rows (the
factors, their "?" marks and evidence, the action items' links to them), removed and put
back in a few statements whatever the subtree's size. `facilitator.factors` re-exports it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import ColumnElement, delete, select
from sqlalchemy.orm import Session as OrmSession

from facilitator import editing, factor_places, sessions
from facilitator.db import models as m
from facilitator.db.store import Store
from facilitator.factor_places import Place, Places


@dataclass(frozen=True)
class FactorRow:
    """One factor as plain values: what `restore_factors` writes back, and what
    `factors.load_tree` builds a tree from."""

    id: str
    parent_id: str | None
    position: int
    text: str
    category: str
    gate: str | None
    unknown: bool = False
    evidence: tuple[str, ...] = ()  # timeline entry ids, in the order the factor cites them


@dataclass(frozen=True)
class TargetRow:
    """An action item's link to a deleted factor (the database drops it with the factor)."""

    id: str
    action_id: str
    position: int
    factor_id: str


@dataclass(frozen=True)
class DeletedFactors:
    """A removed subtree, parents before children, with the action links it took along."""

    rows: tuple[FactorRow, ...]
    targets: tuple[TargetRow, ...]


def delete_factor(store: Store, session_id: str, factor_id: str) -> DeletedFactors:
    """Delete a factor with everything under it; return what went, for undo."""
    with store.session() as db:
        sessions.touch(db, session_id)
        places = Places(db, session_id)
        doomed = places.subtree(places.get(factor_id))
        ids = [place.id for place in doomed]
        links = list(db.scalars(select(m.ActionTarget).where(m.ActionTarget.factor_id.in_(ids))))
        deleted = DeletedFactors(
            rows=_records(db, ids),
            targets=tuple(
                TargetRow(t.id, t.action_id, t.position, factor_id=str(t.factor_id))
                for t in sorted(links, key=lambda t: (t.action_id, t.position))
            ),
        )
        # Three statements for the whole subtree, not one per row: foreign keys are checked
        # at the end of each statement, by which time every row of the subtree is gone.
        db.execute(
            delete(m.ActionTarget).where(m.ActionTarget.factor_id.in_(ids)),
            execution_options={"synchronize_session": False},
        )
        db.execute(
            delete(m.FactorEvidence).where(m.FactorEvidence.factor_id.in_(ids)),
            execution_options={"synchronize_session": False},
        )
        db.execute(
            delete(m.Factor).where(m.Factor.id.in_(ids)),
            execution_options={"synchronize_session": False},
        )
        survivors = [p for p in places.children(doomed[0].parent_id) if p is not doomed[0]]
        factor_places.renumber(db, survivors)
        return deleted


def restore_factors(store: Store, session_id: str, deleted: DeletedFactors) -> None:
    """Undo `delete_factor`: put the subtree back where it was, with its action links,
    its "?" marks and its evidence.

    A link whose action item (or cited timeline entry) has since been deleted stays gone:
    there is nothing left to link it to, and recreating the action is that action's own undo.
    """
    if not deleted.rows:
        return
    with store.session() as db:
        sessions.touch(db, session_id)
        places = Places(db, session_id)
        head = deleted.rows[0]
        if head.parent_id is not None:
            places.get(head.parent_id)
        siblings = places.children(head.parent_id)
        at = min(head.position, len(siblings))
        restored = [
            m.Factor(
                id=r.id,
                session_id=session_id,
                parent_id=r.parent_id,
                position=at if r is head else r.position,
                text=r.text,
                category=r.category,
                gate=r.gate,
                unknown=r.unknown,
            )
            for r in deleted.rows
        ]
        cited = {ident for r in deleted.rows for ident in r.evidence}
        entries = set(
            db.scalars(
                select(m.TimelineEntry.id).where(
                    m.TimelineEntry.id.in_(cited), m.TimelineEntry.session_id == session_id
                )
            )
        )
        for factor, r in zip(restored, deleted.rows, strict=True):
            factor.evidence = [
                m.FactorEvidence(id=m.new_id(), entry_id=ident)
                for ident in r.evidence
                if ident in entries
            ]
            editing.renumber(factor.evidence)
        # Parents first, in one flush: the unit of work inserts a table's rows in the order
        # they were added, so every parent row exists at its child's insert.
        db.add_all(restored)
        db.flush()
        siblings.insert(at, Place(head.id, head.parent_id, at, head.category))
        factor_places.renumber(db, siblings)
        action_ids = {t.action_id for t in deleted.targets}
        live = set(
            db.scalars(
                select(m.ActionItem.id).where(
                    m.ActionItem.id.in_(action_ids), m.ActionItem.session_id == session_id
                )
            )
        )
        for t in deleted.targets:
            if t.action_id in live:
                db.add(
                    m.ActionTarget(
                        id=t.id, action_id=t.action_id, position=t.position, factor_id=t.factor_id
                    )
                )


def _records(db: OrmSession, ids: Sequence[str]) -> tuple[FactorRow, ...]:
    """The rows `ids` as they are now, with their evidence, in the order of `ids`."""
    found = {row.id: row for row in factor_rows(db, m.Factor.id.in_(ids))}
    return tuple(found[ident] for ident in ids)


def factor_rows(db: OrmSession, where: ColumnElement[bool]) -> list[FactorRow]:
    """The factors `where` selects, as plain rows with the timeline entries they cite."""
    cited: dict[str, list[str]] = {}
    citations = (
        select(m.FactorEvidence.factor_id, m.FactorEvidence.entry_id)
        .join(m.Factor, m.Factor.id == m.FactorEvidence.factor_id)
        .where(where)
        .order_by(m.FactorEvidence.factor_id, m.FactorEvidence.position)
    )
    for factor_id, entry_id in db.execute(citations):
        cited.setdefault(factor_id, []).append(entry_id)
    columns = select(
        m.Factor.id,
        m.Factor.parent_id,
        m.Factor.position,
        m.Factor.text,
        m.Factor.category,
        m.Factor.gate,
        m.Factor.unknown,
    ).where(where)
    return [
        FactorRow(
            ident,
            parent_id,
            position,
            text,
            category,
            gate,
            unknown=bool(unknown),
            evidence=tuple(cited.get(ident, ())),
        )
        for ident, parent_id, position, text, category, gate, unknown in db.execute(columns)
    ]
