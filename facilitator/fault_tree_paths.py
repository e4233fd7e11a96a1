"""The open paths to the incident as the canvas highlights them: which factors actions
address, which cut sets no action breaks, and which boxes lie on those paths.

A thin layer over `facilitator.fault_tree` (the rule for "open" lives there) that reads
only the action links from the database, not the whole session, so the app can refresh the
highlight after every edit of a 200-node tree without loading the timeline.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select

from facilitator.db import models as m
from facilitator.db.store import Store
from facilitator.fault_tree import FaultNode, TooManyCutSetsError, open_cut_sets


@dataclass(frozen=True)
class OpenPaths:
    """The paths no action breaks, in `open_cut_sets` order, and what to draw for them.

    `on_path` holds every node with an open path's leaf in its subtree (the leaf itself
    and the route from it up to the top event); `too_many` is the limit when the tree has
    more paths than are worth expanding (then `paths` is empty).
    """

    paths: tuple[frozenset[str], ...]
    on_path: frozenset[str]
    addressed: frozenset[str]
    too_many: int | None = None


def addressed_ids(store: Store, session_id: str) -> set[str]:
    """Factors a live action item of the session addresses (as `addressed_factor_ids`)."""
    query = (
        select(m.ActionTarget.factor_id)
        .join(m.ActionItem, m.ActionTarget.action_id == m.ActionItem.id)
        .where(
            m.ActionItem.session_id == session_id,
            m.ActionItem.status != "dropped",
            m.ActionTarget.factor_id.is_not(None),
        )
    )
    with store.session() as db:
        return {str(factor_id) for factor_id in db.scalars(query)}


def open_paths(root: FaultNode, addressed: Iterable[str]) -> OpenPaths:
    """The open paths of `root` given the addressed factor ids; never raises for size."""
    done = frozenset(addressed)
    try:
        paths = open_cut_sets(root, done)
    except TooManyCutSetsError as exc:
        return OpenPaths((), frozenset(), done, too_many=exc.limit)
    return OpenPaths(tuple(paths), nodes_on_paths(root, paths), done)


def nodes_on_paths(root: FaultNode, paths: Iterable[frozenset[str]]) -> frozenset[str]:
    """Every node whose subtree holds a leaf of one of `paths` (the top event included
    when any path is open)."""
    leaves = frozenset().union(*paths)
    found: set[str] = set()
    # Iterative post-order, so a deep tree never meets the recursion limit.
    stack: list[tuple[FaultNode, bool]] = [(root, False)]
    while stack:
        node, expanded = stack.pop()
        if not expanded:
            stack.append((node, True))
            stack.extend((child, False) for child in node.children)
            continue
        if node.id in leaves or any(child.id in found for child in node.children):
            found.add(node.id)
    return frozenset(found)
