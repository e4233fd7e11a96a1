"""The cap: at most `MAX_COMMITTED` must/should items a session ("twenty action items means
zero"). Nice-to-have items form a backlog that does not count, and neither does a dropped item:
dropping one is how a room makes space.

The rule holds over stored items (`facilitator.actions` checks it on every edit that would add
to the count) and over exchange documents (`committed_overflow`, `overflow_to_backlog`,
`triage`), so an import and the app's triage dialog apply it before anything is stored.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from facilitator import errors
from facilitator.action_views import ActionView, is_committed
from facilitator.db import models as m

MAX_COMMITTED = 5


@dataclass(frozen=True)
class CommittedItem:
    """An item that counts against the cap, as the cap error lists it (`id` is None for an
    item of a document not imported yet; `number` counts from 1 among all the items)."""

    id: str | None
    number: int
    title: str
    priority: str
    status: str


class ActionCapError(errors.ValidationError):
    """A change would leave more than `cap` must/should items; `items` are the ones counted
    now. The UI offers "make it nice-to-have"; the CLI's import offers --overflow-to-backlog."""

    def __init__(
        self,
        items: Sequence[CommittedItem],
        *,
        cap: int = MAX_COMMITTED,
        where: str = "priority",
        problem: str | None = None,
        source: str | None = None,
    ) -> None:
        self.cap = cap
        self.items = tuple(items)
        if problem is None:
            problem = (
                f"Twenty action items means zero: a session keeps at most {cap} must/should "
                f"items ({len(self.items)} already); make this one nice-to-have (the backlog) "
                "or drop one"
            )
        super().__init__(where, problem, source=source)


def committed_items(actions: Iterable[ActionView | m.ActionItem]) -> list[CommittedItem]:
    """The items that count against the cap, in order."""
    ordered = sorted(actions, key=lambda a: a.position)
    return [
        CommittedItem(a.id, a.position + 1, a.title, a.priority, a.status)
        for a in ordered
        if is_committed(a.priority, a.status)
    ]


def check_cap(rows: Sequence[m.ActionItem], row: m.ActionItem, *, where: str = "") -> None:
    """Refuse `row` becoming committed when the others already fill the cap."""
    others = committed_items(r for r in rows if r.id != row.id)
    if len(others) >= MAX_COMMITTED:
        raise ActionCapError(others, where=where or "priority")


def committed_overflow(document: object) -> list[int]:
    """Which actions of an exchange document are past the cap: 0-based indexes into
    `session.actions`, in document order; empty when the document keeps within it.

    Those are the lowest-priority extras: should before must, and among equals the later
    ones. Dropped and nice items do not count; a missing priority is "should", as import
    reads it. Works on any JSON value (validation reports what is malformed, not this).
    """
    committed = [
        (index, action)
        for index, action in _document_actions(document)
        if is_committed(action.get("priority", "should"), action.get("status", "open"))
    ]
    ranked = sorted(committed, key=lambda pair: (pair[1].get("priority") == "must", -pair[0]))
    excess = len(committed) - MAX_COMMITTED
    return sorted(index for index, _ in ranked[:excess]) if excess > 0 else []


def overflow_to_backlog(document: Mapping[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """A copy of the document with the overflow (`committed_overflow`) made nice-to-have, and
    the titles of the items moved, in document order. The document given is left as it is."""
    moved = committed_overflow(document)
    result = copy.deepcopy(dict(document))
    actions = result["session"]["actions"] if moved else []
    for index in moved:
        actions[index]["priority"] = "nice"
    return result, [str(actions[index].get("title", "")) for index in moved]


def overflow_titles(document: object) -> list[str]:
    """The titles of the items `overflow_to_backlog` would move, without copying anything."""
    actions = dict(_document_actions(document))
    return [str(actions[index].get("title", "")) for index in committed_overflow(document)]


def triage(document: Mapping[str, Any], keep: Iterable[int]) -> tuple[dict[str, Any], list[str]]:
    """The app's triage dialog: a copy of the document where only the committed items at the
    indexes `keep` (into `session.actions`, at most `MAX_COMMITTED`) stay must/should and every
    other committed item becomes nice-to-have; and the titles moved, in document order."""
    committed = {
        index: action
        for index, action in _document_actions(document)
        if is_committed(action.get("priority", "should"), action.get("status", "open"))
    }
    kept = set(keep)
    if len(kept) > MAX_COMMITTED:
        raise errors.ValidationError("keep", f"at most {MAX_COMMITTED} items stay must/should")
    for index in sorted(kept):
        if index not in committed:
            raise errors.ValidationError("keep", f"item {index + 1} is not a must/should item")
    moved = sorted(set(committed) - kept)
    result = copy.deepcopy(dict(document))
    actions = result["session"]["actions"] if moved else []
    for index in moved:
        actions[index]["priority"] = "nice"
    return result, [str(committed[index].get("title", "")) for index in moved]


def check_document_cap(document: object, *, source: str | None = None) -> None:
    """Raise ActionCapError (naming the cap) when a document has too many committed items."""
    if not committed_overflow(document):
        return
    items = [
        CommittedItem(None, index + 1, str(a.get("title", "")), a.get("priority", "should"), "")
        for index, a in _document_actions(document)
        if is_committed(a.get("priority", "should"), a.get("status", "open"))
    ]
    problem = (
        f"{len(items)} must/should action items, but a session keeps at most {MAX_COMMITTED} "
        "(twenty action items means zero); make the extras nice-to-have (the backlog) or "
        "drop some"
    )
    raise ActionCapError(items, where="session.actions", problem=problem, source=source)


def _document_actions(document: object) -> list[tuple[int, dict[str, Any]]]:
    """(index, action) for each action object of a document, tolerating any shape."""
    session = document.get("session") if isinstance(document, Mapping) else None
    actions = session.get("actions") if isinstance(session, dict) else None
    if not isinstance(actions, list):
        return []
    return [(index, action) for index, action in enumerate(actions) if isinstance(action, dict)]
