"""Triage of an exchange document over the cap: the person importing it chooses which
must/should action items stay committed (at most `actions.MAX_COMMITTED`); the others become
nice-to-have, the backlog. The app's triage dialog uses this; `import --overflow-to-backlog`
makes the same move without asking (`actions.overflow_to_backlog`)."""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from facilitator import errors
from facilitator.actions import MAX_COMMITTED, committed_overflow, is_committed


@dataclass(frozen=True)
class TriageItem:
    """A committed item of a document: `index` into `session.actions`."""

    index: int
    title: str
    priority: str
    owner: str
    due: str
    suggested: bool  # kept by the default rule (`actions.committed_overflow` spares it)


def _actions(document: object) -> list[Any]:
    session = document.get("session") if isinstance(document, Mapping) else None
    found = session.get("actions") if isinstance(session, Mapping) else None
    return found if isinstance(found, list) else []


def triage_items(document: object) -> list[TriageItem]:
    """The committed items of a document, in order, each marked whether the default rule
    (drop the lowest-priority extras) would keep it."""
    overflow = set(committed_overflow(document))
    return [
        TriageItem(
            index,
            str(action.get("title", "")),
            str(action.get("priority", "should")),
            str(action.get("owner", "")),
            str(action.get("due", "")),
            index not in overflow,
        )
        for index, action in enumerate(_actions(document))
        if isinstance(action, dict)
        and is_committed(action.get("priority", "should"), action.get("status", "open"))
    ]


def keep_committed(
    document: Mapping[str, Any], keep: Iterable[int]
) -> tuple[dict[str, Any], list[str]]:
    """A copy of the document in which only the items `keep` names stay must/should; every
    other committed item becomes nice-to-have. Returns the copy and the titles moved."""
    kept = set(keep)
    committed = {item.index for item in triage_items(document)}
    if not kept <= committed:
        raise errors.ValidationError("keep", "only must/should items can be kept committed")
    if len(kept) > MAX_COMMITTED:
        raise errors.ValidationError(
            "keep", f"at most {MAX_COMMITTED} must/should items, not {len(kept)}"
        )
    result = copy.deepcopy(dict(document))
    actions = _actions(result)
    moved = []
    for index in sorted(committed - kept):
        actions[index]["priority"] = "nice"
        moved.append(str(actions[index].get("title", "")))
    return result, moved
