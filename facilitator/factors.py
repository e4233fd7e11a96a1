"""Editing a session's contributing-factor tree: add, edit, move, reorder and delete factors.

Each function is one unit of work: it takes the store and ids, checks its input, raises
`facilitator.errors` types (nothing is written when it raises), marks the session as
changed, and returns ids or plain values. Sibling positions are kept 0..n-1 after every
edit (with `facilitator.editing`), so the order the room sees is the order stored.
Deleting returns what it removed, so the app's undo can put it back with
`restore_factors` (same ids, same action links, same "?" mark and evidence); moving returns
where the factor was, and `set_evidence` the evidence it replaced.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence

from sqlalchemy import select, update
from sqlalchemy.orm import Session as OrmSession

from facilitator import editing, errors, factor_places, sessions
from facilitator.db import models as m
from facilitator.db.store import Store
from facilitator.factor_deletes import (
    DeletedFactors as DeletedFactors,
    TargetRow as TargetRow,
    delete_factor as delete_factor,
    factor_rows,
    restore_factors as restore_factors,
)
from facilitator.factor_places import Place, Places
from facilitator.fault_tree import DEFAULT_TOP_GATE, FaultNode, tree_from_factors

# Deep enough for any real analysis; the bound keeps the recursive layout, drawing and
# cut-set expansion far from Python's recursion limit whatever a user or an import does.
MAX_DEPTH = 32


class Unset(enum.Enum):
    UNSET = enum.auto()


UNSET = Unset.UNSET  # "leave this field as it is", since None is a real value for a gate


def load_tree(store: Store, session_id: str, *, top_gate: str = DEFAULT_TOP_GATE) -> FaultNode:
    """The session's tree, with its title as the top event and its id as the top id.

    Reads plain columns, not ORM objects: the canvas reads the tree back after every edit,
    and building 200 tracked objects (and their evidence lists) cost several times the
    queries themselves.
    """
    with store.session() as db:
        title = db.scalar(select(m.Session.title).where(m.Session.id == session_id))
        if title is None:
            raise errors.NotFoundError("session", session_id)
        rows = factor_rows(db, m.Factor.session_id == session_id)
    return tree_from_factors(rows, title=title, top_id=session_id, top_gate=top_gate)


def load_factor(store: Store, session_id: str, factor_id: str) -> FaultNode:
    """One factor's own fields (text, category, gate, "?" mark, evidence) as a childless
    node: after a field edit, what `fault_tree.with_fields` puts into a tree already read,
    instead of reading all of it again."""
    with store.session() as db:
        row = _one(db, session_id, factor_id)
        return FaultNode(
            id=row.id,
            text=row.text,
            category=row.category,
            gate=row.gate,
            unknown=bool(row.unknown),
            evidence=tuple(link.entry_id for link in row.evidence),
        )


def add_factor(
    store: Store,
    session_id: str,
    parent_id: str | None = None,
    *,
    text: str = "",
    category: str | None = None,
    gate: str | None = None,
    position: int | None = None,
    unknown: bool = False,
) -> str:
    """Add a factor under `parent_id` (None: under the incident) and return its id.

    `position` None puts it last; `category` None takes the parent's (a sub-factor is
    usually of its parent's kind), or "technical" at the top level. `unknown` marks it
    "?": suspected, not yet confirmed.
    """
    with store.session() as db:
        sessions.touch(db, session_id)
        places = Places(db, session_id)
        parent = places.get(parent_id) if parent_id is not None else None
        return _insert(db, session_id, places, parent, text, category, gate, position, unknown)


def add_child(
    store: Store,
    session_id: str,
    factor_id: str,
    *,
    text: str = "",
    category: str | None = None,
    gate: str | None = None,
    unknown: bool = False,
) -> str:
    """Add a factor as the last child of `factor_id` (Tab on the canvas)."""
    return add_factor(
        store, session_id, factor_id, text=text, category=category, gate=gate, unknown=unknown
    )


def add_sibling(
    store: Store,
    session_id: str,
    factor_id: str,
    *,
    text: str = "",
    category: str | None = None,
    gate: str | None = None,
    unknown: bool = False,
) -> str:
    """Add a factor right after `factor_id`, under the same parent (Enter on the canvas).

    `category` None takes the sibling's: the next idea is usually of the same kind.
    """
    with store.session() as db:
        sessions.touch(db, session_id)
        places = Places(db, session_id)
        sibling = places.get(factor_id)
        parent = places.by_id.get(sibling.parent_id) if sibling.parent_id else None
        at = places.children(sibling.parent_id).index(sibling) + 1
        category = category or sibling.category
        return _insert(db, session_id, places, parent, text, category, gate, at, unknown)


def _insert(
    db: OrmSession,
    session_id: str,
    places: Places,
    parent: Place | None,
    text: str,
    category: str | None,
    gate: str | None,
    position: int | None,
    unknown: bool,
) -> str:
    if parent is not None and places.depth(parent) + 1 > MAX_DEPTH:
        raise errors.ValidationError("parent_id", f"a tree is at most {MAX_DEPTH} levels deep")
    parent_id = parent.id if parent is not None else None
    siblings = places.children(parent_id)
    at = editing.insert_index(position, len(siblings))
    factor = m.Factor(
        id=m.new_id(),  # the column default comes only at flush, and we return the id now
        session_id=session_id,
        parent_id=parent_id,
        position=at,
        text=sessions.check_text("text", text),
        category=_check_category(category or _inherited(parent)),
        gate=_check_gate(gate),
        unknown=_check_flag("unknown", unknown),
    )
    db.add(factor)
    siblings.insert(at, Place(factor.id, parent_id, at, factor.category))
    factor_places.renumber(db, siblings)
    return factor.id


def edit_factor(
    store: Store,
    session_id: str,
    factor_id: str,
    *,
    text: str | Unset = UNSET,
    category: str | Unset = UNSET,
    gate: str | Unset | None = UNSET,
    unknown: bool | Unset = UNSET,
) -> None:
    """Change a factor's text, category, gate (`gate=None` clears it) and/or "?" mark."""
    with store.session() as db:
        sessions.touch(db, session_id)
        factor = _one(db, session_id, factor_id)
        if not isinstance(text, Unset):
            factor.text = sessions.check_text("text", text)
        if not isinstance(category, Unset):
            factor.category = _check_category(category)
        if not isinstance(gate, Unset):
            factor.gate = _check_gate(gate)
        if not isinstance(unknown, Unset):
            factor.unknown = _check_flag("unknown", unknown)


def set_evidence(
    store: Store, session_id: str, factor_id: str, entry_ids: Sequence[str]
) -> list[str]:
    """Make the factor cite these timeline entries, in this order; return what it cited
    before (which, set again, is the undo).

    Every entry must be one of the session's (NotFoundError otherwise); an entry named
    twice is cited once, where it first appears.
    """
    wanted = list(dict.fromkeys(entry_ids))
    with store.session() as db:
        sessions.touch(db, session_id)
        factor = _one(db, session_id, factor_id)
        if wanted:
            query = select(m.TimelineEntry.id).where(
                m.TimelineEntry.id.in_(wanted), m.TimelineEntry.session_id == session_id
            )
            found = set(db.scalars(query))
            missing = next((ident for ident in wanted if ident not in found), None)
            if missing is not None:
                raise errors.NotFoundError("timeline entry", missing)
        cited = list(factor.evidence)
        previous = [row.entry_id for row in cited]
        # Keep the rows of entries still cited: deleting and re-inserting the same pair in
        # one flush would trip the (factor, entry) unique constraint, as inserts go first.
        kept = {row.entry_id: row for row in cited}
        factor.evidence = [
            kept.get(ident) or m.FactorEvidence(id=m.new_id(), entry_id=ident) for ident in wanted
        ]
        editing.renumber(factor.evidence)
        return previous


def move_factor(
    store: Store,
    session_id: str,
    factor_id: str,
    parent_id: str | None,
    position: int | None = None,
) -> tuple[str | None, int]:
    """Reparent a factor (and its subtree) under `parent_id`, at `position` (None: last);
    return where it was, `(parent_id, position)`, which moved back there is the undo.

    Refuses, with a ValidationError on `parent_id`, to put a factor under itself or one of
    its own descendants: that would cut the subtree off the tree in a cycle.
    """
    with store.session() as db:
        sessions.touch(db, session_id)
        places = Places(db, session_id)
        factor = places.get(factor_id)
        if parent_id is not None:
            parent = places.get(parent_id)
            if factor_id in places.ancestors(parent) or parent_id == factor_id:
                raise errors.ValidationError(
                    "parent_id", "a factor cannot go under itself or one of its own sub-factors"
                )
            if places.depth(parent) + places.height(factor) > MAX_DEPTH:
                raise errors.ValidationError(
                    "parent_id", f"a tree is at most {MAX_DEPTH} levels deep"
                )
        before = places.children(factor.parent_id)
        old_siblings = [place for place in before if place is not factor]
        new_siblings = (
            old_siblings
            if parent_id == factor.parent_id
            else [place for place in places.children(parent_id) if place is not factor]
        )
        at = editing.insert_index(position, len(new_siblings))
        was = (factor.parent_id, before.index(factor))
        if parent_id != factor.parent_id:
            factor.parent_id = parent_id
            db.execute(update(m.Factor).where(m.Factor.id == factor_id).values(parent_id=parent_id))
        new_siblings.insert(at, factor)
        factor_places.renumber(db, old_siblings)
        factor_places.renumber(db, new_siblings)
        return was


def reorder_factors(
    store: Store, session_id: str, parent_id: str | None, ordered_ids: Sequence[str]
) -> None:
    """Put the children of `parent_id` (None: the top level) in the order given.

    `ordered_ids` must name each of those children exactly once.
    """
    with store.session() as db:
        sessions.touch(db, session_id)
        places = Places(db, session_id)
        if parent_id is not None:
            places.get(parent_id)
        current = places.children(parent_id)
        if sorted(ordered_ids) != sorted(place.id for place in current):
            raise errors.ValidationError(
                "ordered_ids", "must list each factor under that parent exactly once"
            )
        factor_places.renumber(db, [places.by_id[factor_id] for factor_id in ordered_ids])


# --- helpers over one session's rows ----------------------------------------------------


def _one(db: OrmSession, session_id: str, factor_id: str) -> m.Factor:
    """One factor row of the session, without loading its siblings (a field edit needs
    no others)."""
    found = db.get(m.Factor, factor_id)
    if found is None or found.session_id != session_id:
        raise errors.NotFoundError("factor", factor_id)
    return found


def _inherited(parent: Place | None) -> str:
    return parent.category if parent is not None else "technical"


def _check_category(value: object) -> str:
    return sessions.check_choice("category", value, m.CATEGORIES)


def _check_gate(value: object) -> str | None:
    return None if value is None else sessions.check_choice("gate", value, m.GATES)


def _check_flag(field: str, value: object) -> bool:
    if not isinstance(value, bool):
        raise errors.ValidationError(field, "must be true or false")
    return value
