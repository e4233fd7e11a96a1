"""The contributing-factor fault tree as plain values: building it, minimal cut sets, checks.

Everything here works on `FaultNode`, a frozen tree with the incident as its top event, so
the app's canvas, the CLI, the write-up and the tests share one picture. Editing the rows
behind it is `facilitator.factors`; drawing it is `facilitator.tree_drawing`.

Rules chosen (the app, the write-up and `facilitator check` all follow them):
- The top event's gate is OR unless the caller says otherwise: each top-level factor is,
  on its own, a way the incident happened. A room that means "only all of these together"
  groups them under one AND factor.
- A node with children but no gate counts as OR (the weaker claim: any child suffices),
  and a gate on a node without children is ignored: a leaf is a basic event.
- Minimal cut sets come from a bottom-up boolean expansion with absorption (equivalent to
  MOCUS): OR unions its children's sets, AND takes their cross product, and any set that
  contains another is dropped. Leaves that share an id are the same basic event.
- An action "breaks" a path when it addresses a factor that path needs: the addressed
  node is taken as unable to happen (false), and the open paths are the minimal cut sets
  of what is left. For trees from the database, where every factor appears once, that is
  exactly "a cut set is open unless an action addresses one of its leaves or an ancestor
  whose subtree contributes that leaf". Counting the whole subtree (not only leaves) is
  what a room means by "fix the deploy process": it closes every path through it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import chain
from typing import Protocol

from sqlalchemy import inspect

from facilitator import errors
from facilitator.db import models as m
from facilitator.findings import Finding

TOP_ID = "incident"
DEFAULT_TOP_GATE = "or"
MAX_CUT_SETS = 5_000  # beyond this the expansion is too slow to run while someone types
OPEN_PATHS_LISTED = 10  # `check` lists this many open paths, then says how many more


@dataclass(frozen=True, slots=True)
class FaultNode:
    """One event of the tree. `category` is None only for the top event (the incident).

    `unknown` marks a factor the room suspects but cannot yet confirm ("?"); `evidence`
    holds the ids of the timeline entries the factor cites, in the order it cites them.
    """

    id: str
    text: str
    category: str | None = None
    gate: str | None = None
    unknown: bool = False
    evidence: tuple[str, ...] = ()
    children: tuple[FaultNode, ...] = ()

    @property
    def is_leaf(self) -> bool:
        return not self.children

    @property
    def effective_gate(self) -> str | None:
        """The gate that counts: None for a leaf, "and" only when said so, else "or"."""
        if not self.children:
            return None
        return "and" if self.gate == "and" else "or"

    def walk(self) -> Iterator[FaultNode]:
        """This node and every node below it, in preorder (reading order)."""
        stack: list[FaultNode] = [self]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))

    def leaves(self) -> list[FaultNode]:
        return [node for node in self.walk() if not node.children]

    def find(self, node_id: str) -> FaultNode | None:
        return next((node for node in self.walk() if node.id == node_id), None)


def with_fields(root: FaultNode, fields: FaultNode) -> FaultNode | None:
    """`root` with the node of id `fields.id` taking that node's own fields (text, category,
    gate, "?" mark, evidence) and keeping its children; None when no node has that id.

    Only the nodes on the way down to it are copied: the rest of the tree is shared, so a
    field edit costs the depth of the node, not the size of the tree.
    """
    path: list[FaultNode] = []  # from the root down to the node, by a depth-first search
    stack: list[tuple[FaultNode, int]] = [(root, 0)]
    while stack:
        node, depth = stack.pop()
        del path[depth:]
        path.append(node)
        if node.id == fields.id:
            break
        stack.extend((child, depth + 1) for child in reversed(node.children))
    else:
        return None
    changed = FaultNode(
        id=fields.id,
        text=fields.text,
        category=fields.category,
        gate=fields.gate,
        unknown=fields.unknown,
        evidence=fields.evidence,
        children=path[-1].children,
    )
    for parent, old in zip(reversed(path[:-1]), reversed(path[1:]), strict=True):
        kids = tuple(changed if child is old else child for child in parent.children)
        changed = dataclasses.replace(parent, children=kids)
    return changed


class FactorLike(Protocol):
    """What `tree_from_factors` reads from a row: an ORM `Factor`, or anything shaped so."""

    @property
    def id(self) -> str: ...
    @property
    def parent_id(self) -> str | None: ...
    @property
    def position(self) -> int: ...
    @property
    def text(self) -> str: ...
    @property
    def category(self) -> str: ...
    @property
    def gate(self) -> str | None: ...


class TooManyCutSetsError(errors.FacilitatorError):
    """The tree has more minimal cut sets than we are willing to expand."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        super().__init__(f"the fault tree has more than {limit:,} paths to the incident")


def tree_from_factors(
    factors: Iterable[FactorLike],
    *,
    title: str = "Incident",
    top_id: str = TOP_ID,
    top_gate: str = DEFAULT_TOP_GATE,
) -> FaultNode:
    """The tree of a session's factor rows under a top event named `title`.

    Reads only `parent_id` and `position` (not the ORM `children` relationship), so it works
    on a detached snapshot. Siblings are ordered by position, then id, so two equal
    positions still give one order. A row whose parent is missing, or that sits on a
    cycle, hangs under the top event rather than vanish: every row appears exactly once.

    `unknown` and `evidence` are optional on a row (plain test rows may leave them out).
    `evidence` is a list of ORM `FactorEvidence` rows or of entry ids; an ORM row whose
    evidence was not loaded gives none, rather than a query per row or, detached, an
    error: load it eagerly (`sessions.full_load_options`, `factors.load_tree` do).
    """
    rows = sorted(factors, key=lambda f: (f.position, f.id))
    by_id = {row.id: row for row in rows}
    kids: dict[str | None, list[FactorLike]] = {}
    for row in rows:
        parent = row.parent_id if row.parent_id in by_id and row.parent_id != row.id else None
        kids.setdefault(parent, []).append(row)
    placed: set[str] = set()

    def build(row: FactorLike) -> FaultNode:
        placed.add(row.id)
        children = tuple(build(kid) for kid in kids.get(row.id, []) if kid.id not in placed)
        return FaultNode(
            id=row.id,
            text=row.text,
            category=row.category,
            gate=row.gate,
            unknown=bool(getattr(row, "unknown", False)),
            evidence=_evidence_of(row),
            children=children,
        )

    top = [build(row) for row in kids.get(None, [])]
    top += [build(row) for row in rows if row.id not in placed]  # rows stranded on a cycle
    return FaultNode(id=top_id, text=title, gate=top_gate, children=tuple(top))


def _evidence_of(row: object) -> tuple[str, ...]:
    """The entry ids a row cites, in order, without ever loading them from the database."""
    if isinstance(row, m.Factor):  # only a mapped row can have its evidence unloaded
        state = inspect(row, raiseerr=False)
        if state is not None and "evidence" in state.unloaded:
            return ()
    links = getattr(row, "evidence", None) or ()
    ordered = sorted(links, key=lambda link: getattr(link, "position", 0) or 0)
    return tuple(link if isinstance(link, str) else str(link.entry_id) for link in ordered)


def session_tree(session: m.Session, *, top_gate: str = DEFAULT_TOP_GATE) -> FaultNode:
    """The tree of a loaded session snapshot; the top event's id is the session id."""
    return tree_from_factors(
        session.factors, title=session.title, top_id=session.id, top_gate=top_gate
    )


def addressed_factor_ids(session: m.Session) -> set[str]:
    """Factors that a live action item addresses; a dropped action breaks nothing."""
    return {
        target.factor_id
        for action in session.actions
        if action.status != "dropped"
        for target in action.addresses
        if target.factor_id is not None
    }


def factors_by_category(root: FaultNode) -> dict[str, list[FaultNode]]:
    """Every factor below the top event, grouped by category in reading order.

    The four categories are always present (possibly empty), in their canonical order;
    a category outside them (an old or imported row) gets its own key after them.
    """
    groups: dict[str, list[FaultNode]] = {category: [] for category in m.CATEGORIES}
    for node in root.walk():
        if node is not root and node.category is not None:
            groups.setdefault(node.category, []).append(node)
    return groups


# --- minimal cut sets -----------------------------------------------------------------


def minimal_cut_sets(root: FaultNode, *, max_sets: int = MAX_CUT_SETS) -> list[frozenset[str]]:
    """The smallest sets of leaf ids that together produce the top event.

    Sorted by size, then by where their leaves first appear in reading order, so the
    answer depends only on the tree. A tree with no factors has one set: the top event.
    Raises TooManyCutSetsError past `max_sets` (AND over wide ORs grows multiplicatively).
    """
    return open_cut_sets(root, (), max_sets=max_sets)


def open_cut_sets(
    root: FaultNode, addressed_ids: Iterable[str], *, max_sets: int = MAX_CUT_SETS
) -> list[frozenset[str]]:
    """The paths to the incident that no action breaks (the rule is in the module docstring).

    Remembered for the last few tree shapes (`structure_key`): the canvas asks again after
    every edit, and most edits (text, category, "?", evidence) leave the paths as they were.
    """
    shape = structure_key(root)
    blocked = frozenset(addressed_ids) & {node_id for node_id, _, _ in shape}
    key = (shape, blocked, max_sets)
    found = _CUT_SETS.pop(key, None)
    if found is None:
        try:
            found = tuple(_sorted(root, _expand(root, blocked, max_sets)))
        except TooManyCutSetsError as exc:
            found = exc
    _CUT_SETS[key] = found  # last used goes last: the first is the one to forget
    while len(_CUT_SETS) > CUT_SETS_REMEMBERED:
        del _CUT_SETS[next(iter(_CUT_SETS))]
    if isinstance(found, TooManyCutSetsError):
        raise TooManyCutSetsError(found.limit)
    return list(found)


def forget_cut_sets() -> None:
    """Drop every remembered answer (benchmarks and tests time or check a fresh expansion)."""
    _CUT_SETS.clear()


CUT_SETS_REMEMBERED = 8
_CUT_SETS: dict[
    tuple[tuple[tuple[str, str | None, int], ...], frozenset[str], int],
    tuple[frozenset[str], ...] | TooManyCutSetsError,
] = {}


def structure_key(root: FaultNode) -> tuple[tuple[str, str | None, int], ...]:
    """What the cut sets depend on: each node's id, gate that counts and number of children,
    in reading order (which, with the counts, fixes who is under whom). Texts, categories,
    "?" marks and evidence are left out: changing them opens or closes no path."""
    return tuple((node.id, node.effective_gate, len(node.children)) for node in root.walk())


def describe_cut_set(root: FaultNode, cut_set: Iterable[str]) -> str:
    """A cut set as the room reads it: leaf texts in reading order, joined by " + "."""
    wanted = set(cut_set)
    names: list[str] = []
    for node in root.walk():
        if node.id in wanted:
            wanted.discard(node.id)
            names.append(_short(node.text))
    return " + ".join(names)


def _expand(node: FaultNode, blocked: frozenset[str], limit: int) -> list[frozenset[str]]:
    if node.id in blocked:
        return []  # addressed: this event can no longer happen
    if not node.children:
        return [frozenset((node.id,))]
    families = [_expand(child, blocked, limit) for child in node.children]
    if node.effective_gate == "or":
        return _check_size(_minimise(chain.from_iterable(families)), limit)
    product: list[frozenset[str]] = [frozenset()]
    for family in families:
        if not family:
            return []  # one input of an AND can no longer happen, so neither can the AND
        # Refuse before expanding: absorption can only shrink a product when events are
        # shared, which rows from the database never are, so this bound is exact for them.
        if len(product) * len(family) > limit:
            raise TooManyCutSetsError(limit)
        product = _check_size(_minimise(a | b for a in product for b in family), limit)
    return product


def _minimise(sets: Iterable[frozenset[str]]) -> list[frozenset[str]]:
    """Drop duplicates and every set that contains another (absorption: A + A·B = A)."""
    kept: list[frozenset[str]] = []
    # A kept set T can only be inside S if min(T) is in S, so index kept sets by their
    # smallest element and look only in the buckets of S's elements: near-linear in
    # practice, where comparing every pair is quadratic.
    by_least: dict[str, list[frozenset[str]]] = {}
    for candidate in sorted(set(sets), key=lambda s: (len(s), sorted(s))):
        if any(
            kept_set <= candidate for element in candidate for kept_set in by_least.get(element, ())
        ):
            continue
        kept.append(candidate)
        by_least.setdefault(min(candidate), []).append(candidate)
    return kept


def _check_size(sets: list[frozenset[str]], limit: int) -> list[frozenset[str]]:
    if len(sets) > limit:
        raise TooManyCutSetsError(limit)
    return sets


def _sorted(root: FaultNode, sets: Iterable[frozenset[str]]) -> list[frozenset[str]]:
    order: dict[str, int] = {}
    for index, node in enumerate(root.walk()):
        order.setdefault(node.id, index)

    def key(cut: frozenset[str]) -> tuple[int, list[int], list[str]]:
        return (len(cut), sorted(order.get(i, len(order)) for i in cut), sorted(cut))

    return sorted(sets, key=key)


def _short(text: str, limit: int = 60) -> str:
    flat = " ".join(text.split()) or "(untitled factor)"
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


# --- checks ---------------------------------------------------------------------------


def tree_findings(root: FaultNode, addressed_ids: Iterable[str] | None = None) -> list[Finding]:
    """What `facilitator check` says about the tree (section `factors`).

    With `addressed_ids` (see `addressed_factor_ids`), also every path to the incident that
    no action breaks; pass None to skip that check (e.g. before the actions step).
    """
    if not root.children:
        return []  # nothing analysed yet: the agenda, not this check, says what to do next
    found: list[Finding] = []
    if len(root.leaves()) == 1:
        found.append(
            Finding(
                "warning",
                "factors",
                "the tree ends on a single factor: a single root cause is rarely the whole "
                "story; ask what else had to be true for the incident to happen",
            )
        )
    if addressed_ids is not None:
        found += _open_path_findings(root, set(addressed_ids))
    return found


def _open_path_findings(root: FaultNode, addressed: set[str]) -> list[Finding]:
    try:
        paths = open_cut_sets(root, addressed)
    except TooManyCutSetsError as exc:
        return [
            Finding(
                "warning",
                "factors",
                f"the tree has more than {exc.limit:,} paths to the incident, too many to "
                "check against the action items; group factors under fewer AND gates",
            )
        ]
    if not paths:
        return []
    if not addressed & {node.id for node in root.walk()}:
        # One line instead of one per leaf: with no action linked, every path is open.
        return [
            Finding(
                "warning",
                "factors",
                f"no action item addresses a factor yet: all {len(paths)} paths to the "
                "incident are still open",
            )
        ]
    found = [
        Finding(
            "warning",
            "factors",
            f"this path to the incident is still open: {describe_cut_set(root, path)}",
        )
        for path in paths[:OPEN_PATHS_LISTED]
    ]
    if len(paths) > OPEN_PATHS_LISTED:
        more = len(paths) - OPEN_PATHS_LISTED
        found.append(Finding("warning", "factors", f"…and {more} more open paths to the incident"))
    return found


def session_findings(session: m.Session) -> list[Finding]:
    """The tree checks on a loaded session snapshot, open paths included."""
    return tree_findings(session_tree(session), addressed_factor_ids(session))


def split_by_branch(root: FaultNode) -> list[FaultNode]:
    """One tree per top-level factor, each still under the top event.

    For drawing a big tree a page at a time: each part keeps the incident at its head,
    so a reader of page three still sees what the branch leads to.
    """
    return [
        FaultNode(
            id=root.id,
            text=root.text,
            category=root.category,
            gate=root.gate,
            unknown=root.unknown,
            evidence=root.evidence,
            children=(child,),
        )
        for child in root.children
    ]
