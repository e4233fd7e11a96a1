"""Where a session's factors sit: parent, position and category read as plain columns, the
tree walks the edits of `facilitator.factors` need, and position writes in one statement.

An edit of a 200-factor tree moves a handful of rows but has to look at all of them (the
siblings to renumber, the ancestors to refuse a cycle); reading them as tracked ORM objects
cost more than the edit itself, so the shape is read as tuples and the few changed
positions are written with one UPDATE.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.orm import Session as OrmSession

from facilitator import errors
from facilitator.db import models as m


@dataclass(slots=True)
class Place:
    """One factor's place in the tree (and its category, which a new factor may inherit)."""

    id: str
    parent_id: str | None
    position: int
    category: str


class Places:
    """Every factor of one session by id, with each parent's children in their order."""

    def __init__(self, db: OrmSession, session_id: str) -> None:
        query = select(m.Factor.id, m.Factor.parent_id, m.Factor.position, m.Factor.category)
        rows = db.execute(query.where(m.Factor.session_id == session_id))
        self.by_id = {ident: Place(ident, parent, pos, cat) for ident, parent, pos, cat in rows}
        kids: dict[str | None, list[Place]] = {}
        for place in self.by_id.values():
            kids.setdefault(place.parent_id, []).append(place)
        for family in kids.values():
            family.sort(key=lambda place: (place.position, place.id))
        self._kids = kids

    def get(self, factor_id: str) -> Place:
        found = self.by_id.get(factor_id)
        if found is None:
            raise errors.NotFoundError("factor", factor_id)
        return found

    def children(self, parent_id: str | None) -> list[Place]:
        """The children of `parent_id` (None: the top level) in order, as read: a new list."""
        return list(self._kids.get(parent_id, ()))

    def ancestors(self, place: Place) -> list[str]:
        """Ids from `place` up to the top level; stops on a (corrupt) cycle rather than loop."""
        seen: list[str] = []
        current: Place | None = place
        while current is not None and current.id not in seen:
            seen.append(current.id)
            current = self.by_id.get(current.parent_id) if current.parent_id else None
        return seen

    def depth(self, place: Place) -> int:
        """1 for a top-level factor (the incident itself is level 0)."""
        return len(self.ancestors(place))

    def subtree(self, place: Place) -> list[Place]:
        """`place` and its descendants, parents before children."""
        found: list[Place] = []
        stack = [place]
        seen: set[str] = set()
        while stack:
            current = stack.pop()
            if current.id in seen:
                continue
            seen.add(current.id)
            found.append(current)
            stack.extend(reversed(self._kids.get(current.id, ())))
        return found

    def height(self, place: Place) -> int:
        """Levels in the subtree of `place`, itself included."""
        levels = {place.id: 1}
        for current in self.subtree(place)[1:]:  # parents come first: theirs is known
            levels[current.id] = levels[current.parent_id or ""] + 1
        return max(levels.values())


def renumber(db: OrmSession, places: Sequence[Place]) -> None:
    """Give the rows positions 0..n-1 in this order; one UPDATE for those that change."""
    changed = []
    for index, place in enumerate(places):
        if place.position != index:  # unchanged rows stay as they are: no needless writes
            place.position = index
            changed.append({"id": place.id, "position": index})
    if changed:
        db.execute(update(m.Factor), changed)  # by primary key, one executemany
