"""Action items: editing them with undo-friendly functions, and the status rules.

The practice (DESIGN section 1): a specific task, one individual owner, a deadline, success
criteria and a priority; at most `MAX_COMMITTED` must/should items per session (the cap, in
`facilitator.action_cap`); a session is complete only when every such item has an owner, a
deadline and success criteria (`facilitator.completeness`). Their public names are re-exported
here, so the UI and the CLI can use this one module for action items.

Undo conventions are those of `facilitator.timeline`: `add_action` returns the new id,
`update_action` and `set_status` the previous values (passing them to `update_action` undoes
the edit), `remove_action` a record that `restore_action` puts back exactly (same id, place,
links to factors and chains, and the effectiveness reviews other sessions made of it),
`move_action` the old index. Every edit that would add to the must/should count checks the cap
and raises ActionCapError past it.

Status rules, kept by every edit: a done item has a completion time (`set_status` defaults it
to now) and no other status has one (leaving done clears it); moving an item to dropped needs
a rationale saying why (the one `rationale` field says why the item is what it is: for a
dropped item, why it was dropped).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, TypedDict, Unpack, cast
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.orm import Session as OrmSession

from facilitator import editing, errors, sessions
from facilitator.action_cap import (
    MAX_COMMITTED as MAX_COMMITTED,
    ActionCapError as ActionCapError,
    CommittedItem as CommittedItem,
    check_cap,
    check_document_cap as check_document_cap,
    committed_items as committed_items,
    committed_overflow as committed_overflow,
    overflow_titles as overflow_titles,
    overflow_to_backlog as overflow_to_backlog,
    triage as triage,
)
from facilitator.action_views import (
    COMMITTED_PRIORITIES as COMMITTED_PRIORITIES,
    OPEN_STATUSES as OPEN_STATUSES,
    ActionView as ActionView,
    action_view as action_view,
    actions_of as actions_of,
    is_committed as is_committed,
    item_rows,
)
from facilitator.completeness import (
    REQUIRED_FIELDS as REQUIRED_FIELDS,
    Blocker as Blocker,
    IncompleteSessionError as IncompleteSessionError,
    complete_session as complete_session,
    completion_blockers as completion_blockers,
    load_blockers as load_blockers,
)
from facilitator.db import models as m
from facilitator.db.store import Store

WHAT = "action item"
# The priority an item gets when nobody picked one: one of the five, not a must. The UI's
# capture box starts on it too, so what is typed and what is saved agree.
DEFAULT_PRIORITY = "should"


# --- plain values the UI and the CLI read ---------------------------------------------------


@dataclass(frozen=True)
class TargetRecord:
    """One link of a removed item to what it addresses (a factor or a why chain)."""

    id: str
    position: int
    factor_id: str | None
    chain_id: str | None


@dataclass(frozen=True)
class ReviewRecord:
    """A later session's effectiveness review of a removed item (the database drops it too)."""

    id: str
    session_id: str
    verdict: str
    note: str
    reviewed_at: datetime


@dataclass(frozen=True)
class ActionRecord:
    """A removed action item, everything `restore_action` needs to put it back as it was."""

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
    targets: tuple[TargetRecord, ...]
    reviews: tuple[ReviewRecord, ...]


class ActionChanges(TypedDict, total=False):
    """The fields `update_action` takes; `addresses` names factor and chain ids."""

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
    addresses: Sequence[str]


def load_actions(store: Store, session_id: str) -> list[ActionView]:
    """The session's action items in order, as plain snapshots."""
    with store.session() as db:
        sessions.get(db, session_id, full=False)
        return [action_view(row) for row in item_rows(db, session_id)]


# --- editing --------------------------------------------------------------------------------


def add_action(
    store: Store,
    session_id: str,
    title: str,
    *,
    owner: str = "",
    due: date | None = None,
    success_criteria: str = "",
    priority: str = DEFAULT_PRIORITY,
    kind: str = "prevent",
    status: str = "open",
    completed_at: datetime | None = None,
    rationale: str = "",
    tracker_url: str = "",
    addresses: Sequence[str] = (),
    index: int | None = None,
) -> str:
    """Add an item at `index` (None: at the end); return the new id.

    Raises ActionCapError when it is a must/should item and the session already has
    `MAX_COMMITTED`. Blank titles are refused here, but `update_action` accepts one: the
    editor saves while someone clears a title to retype it.
    """
    values = editing.check_fields(
        {
            "title": title,
            "owner": owner,
            "due": due,
            "success_criteria": success_criteria,
            "priority": priority,
            "kind": kind,
            "status": status,
            "completed_at": completed_at,
            "rationale": rationale,
            "tracker_url": tracker_url,
        },
        _CHECKERS,
        WHAT,
    )
    editing.check_filled("title", title)
    row = m.ActionItem(id=m.new_id(), session_id=session_id, **values)
    given = {"completed_at"} if completed_at is not None else set()
    _settle(row, {"status": "open", "completed_at": None}, given, values)
    with store.session() as db:
        sessions.touch(db, session_id)
        rows = item_rows(db, session_id)
        if row.priority in COMMITTED_PRIORITIES and row.status != "dropped":
            check_cap(rows, row)
        row.addresses = _targets(db, session_id, row, addresses)
        editing.insert(rows, row, editing.insert_index(index, len(rows)))
        db.add(row)
        return row.id


def update_action(
    store: Store, session_id: str, action_id: str, **changes: Unpack[ActionChanges]
) -> ActionChanges:
    """Change some fields of an item (all or none); return their previous values (the undo).

    The previous values include any field a status rule changed along (leaving done clears
    `completed_at`), so passing them back restores the item exactly. Raising a nice item to
    must/should, or reopening a dropped one, past the cap raises ActionCapError.
    """
    plain = {name: value for name, value in changes.items() if name != "addresses"}
    with store.session() as db:
        row = editing.owned(db, m.ActionItem, WHAT, session_id, action_id)
        was_committed = is_committed(row.priority, row.status)
        before = {"status": row.status, "completed_at": row.completed_at}
        previous, changed = editing.apply_changes(row, WHAT, plain, _CHECKERS)
        implied = _settle(row, before, set(plain), plain)
        for name, value in implied.items():
            previous.setdefault(name, value)
            changed = True
        if not was_committed and is_committed(row.priority, row.status):
            check_cap(item_rows(db, session_id), row, where="status" if "status" in plain else "")
        if "addresses" in changes:
            old = action_view(row).addresses
            row.addresses = _targets(db, session_id, row, changes["addresses"])
            previous["addresses"] = old
            changed = changed or tuple(changes["addresses"]) != old
        if changed:
            sessions.touch(db, session_id)
    return cast(ActionChanges, previous)


def set_status(
    store: Store,
    session_id: str,
    action_id: str,
    status: str,
    *,
    completed_at: datetime | None = None,
    rationale: str | None = None,
) -> ActionChanges:
    """Move an item to `status`; return the previous status, completion time and rationale.

    done takes `completed_at` (default: now); dropped needs a `rationale` saying why (it
    replaces the item's rationale); any other status clears the completion time. Reopening a
    dropped must/should item past the cap raises ActionCapError.
    """
    sessions.check_choice("status", status, m.ACTION_STATUSES)
    if completed_at is not None and status != "done":
        raise errors.ValidationError("completed_at", "only a done item has a completion time")
    if status == "dropped" and (rationale is None or not rationale.strip()):
        raise errors.ValidationError(
            "rationale", "say why the item is dropped, so the follow-up knows it was a decision"
        )
    changes: ActionChanges = {"status": status}
    if rationale is not None:
        changes["rationale"] = rationale
    with store.session() as db:
        row = editing.owned(db, m.ActionItem, WHAT, session_id, action_id)
        snapshot: ActionChanges = {
            "status": row.status,
            "completed_at": row.completed_at,
            "rationale": row.rationale,
        }
    if status == "done" and (completed_at is not None or snapshot["status"] != "done"):
        # Marking a done item done again keeps when it was done, unless told otherwise.
        changes["completed_at"] = completed_at or m.utcnow()
    update_action(store, session_id, action_id, **changes)
    return snapshot


def remove_action(store: Store, session_id: str, action_id: str) -> ActionRecord:
    """Delete an item; return the record that `restore_action` takes."""
    with store.session() as db:
        row = editing.owned(db, m.ActionItem, WHAT, session_id, action_id)
        reviews = db.scalars(select(m.ActionReview).where(m.ActionReview.action_id == action_id))
        record = editing.record_of(
            ActionRecord,
            row,
            targets=tuple(
                TargetRecord(t.id, t.position, t.factor_id, t.chain_id)
                for t in sorted(row.addresses, key=lambda t: t.position)
            ),
            reviews=tuple(
                ReviewRecord(r.id, r.session_id, r.verdict, r.note, r.reviewed_at) for r in reviews
            ),
        )
        rows = item_rows(db, session_id)
        rows.remove(row)
        db.delete(row)
        editing.renumber(rows)
        sessions.touch(db, session_id)
    return record


def restore_action(store: Store, session_id: str, record: ActionRecord) -> None:
    """Put a removed item back: same id, place, links and reviews.

    A link to a factor or chain deleted since stays gone (there is nothing to link to; that
    deletion's own undo brings its links back), as does a review by a session deleted for good.
    """
    values = editing.values_of(record, skip=("id", "position", "targets", "reviews"))
    checked = editing.check_fields(values, _CHECKERS, WHAT)
    with store.session() as db:
        sessions.touch(db, session_id)
        if db.get(m.ActionItem, record.id) is not None:
            raise errors.ValidationError("id", f"action item {record.id!r} already exists")
        row = m.ActionItem(id=record.id, session_id=session_id, **checked)
        rows = item_rows(db, session_id)
        if is_committed(row.priority, row.status):
            check_cap(rows, row)
        factors = set(_ids(db, m.Factor, session_id))
        chains = set(_ids(db, m.WhyChain, session_id))
        row.addresses = [
            m.ActionTarget(id=t.id, position=t.position, factor_id=t.factor_id, chain_id=t.chain_id)
            for t in record.targets
            if (t.factor_id in factors) or (t.chain_id in chains)
        ]
        editing.renumber(row.addresses)
        editing.insert(rows, row, record.position)
        db.add(row)
        db.flush()  # the item first: the reviews point at it
        live = {r.session_id for r in record.reviews if db.get(m.Session, r.session_id)}
        db.add_all(
            m.ActionReview(
                id=r.id,
                session_id=r.session_id,
                action_id=record.id,
                verdict=r.verdict,
                note=r.note,
                reviewed_at=r.reviewed_at,
            )
            for r in record.reviews
            if r.session_id in live
        )


def move_action(store: Store, session_id: str, action_id: str, new_index: int) -> int:
    """Move an item to `new_index`; return the old index (moving back undoes it)."""
    with store.session() as db:
        row = editing.owned(db, m.ActionItem, WHAT, session_id, action_id)
        old_index = editing.move(item_rows(db, session_id), row, new_index)
        if old_index != new_index:
            sessions.touch(db, session_id)
    return old_index


# --- helpers --------------------------------------------------------------------------------


def _settle(
    row: m.ActionItem, before: Mapping[str, Any], given: set[str], values: Mapping[str, Any]
) -> dict[str, Any]:
    """Keep the status rules after an edit; return the previous values of fields changed
    along (so the undo restores them too). `before` is the status and completion time
    before the edit, `given` the fields the caller set."""
    implied: dict[str, Any] = {}
    if row.status == "done" and row.completed_at is None:
        if "completed_at" in given:
            raise errors.ValidationError("completed_at", "a done item needs its completion time")
        implied["completed_at"] = None
        row.completed_at = m.utcnow()
    elif row.status != "done" and row.completed_at is not None:
        if "completed_at" in given and values.get("completed_at") is not None:
            raise errors.ValidationError("completed_at", "only a done item has a completion time")
        implied["completed_at"] = row.completed_at
        row.completed_at = None
    if row.status == "dropped" and before["status"] != "dropped" and not row.rationale.strip():
        raise errors.ValidationError(
            "rationale", "say why the item is dropped, so the follow-up knows it was a decision"
        )
    return implied


def _targets(
    db: OrmSession, session_id: str, row: m.ActionItem, refs: Sequence[str]
) -> list[m.ActionTarget]:
    """The links for `refs` (factor or chain ids of the session), reusing the item's
    existing links so an unchanged link keeps its id."""
    if isinstance(refs, str):
        raise errors.ValidationError("addresses", "must be a list of factor and chain ids")
    factors = set(_ids(db, m.Factor, session_id))
    chains = set(_ids(db, m.WhyChain, session_id))
    existing = {str(t.factor_id or t.chain_id): t for t in row.addresses}
    targets: list[m.ActionTarget] = []
    seen: set[str] = set()
    for index, ref in enumerate(refs):
        where = f"addresses[{index}]"
        if ref in seen:
            raise errors.ValidationError(where, f"{ref!r} is listed twice")
        seen.add(ref)
        if ref in existing:
            target = existing[ref]
        elif ref in factors:
            target = m.ActionTarget(id=m.new_id(), factor_id=ref)
        elif ref in chains:
            target = m.ActionTarget(id=m.new_id(), chain_id=ref)
        else:
            raise errors.ValidationError(where, f"no factor or why chain {ref!r} in this session")
        targets.append(target)
    editing.renumber(targets)
    return targets


def _ids(db: OrmSession, model: type[m.Factor] | type[m.WhyChain], session_id: str) -> list[str]:
    return list(db.scalars(select(model.id).where(model.session_id == session_id)))


def check_due(field: str, value: object) -> date | None:
    # A datetime is a date too, but a deadline is a day: refuse the ambiguity.
    if value is None or (isinstance(value, date) and not isinstance(value, datetime)):
        return value
    raise errors.ValidationError(field, "must be a date (YYYY-MM-DD) or empty")


def check_tracker_url(field: str, value: object) -> str:
    """Empty, or an http(s) link with a host: anything else (javascript:, file:) could run or
    read something when a write-up turns it into a link."""
    text = sessions.check_text(field, value).strip()
    if not text:
        return ""
    parts = urlsplit(text)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise errors.ValidationError(field, "must be an http:// or https:// link")
    if any(c.isspace() or ord(c) < 32 for c in text):
        raise errors.ValidationError(field, "must not contain spaces or control characters")
    return text


def _choice(choices: Sequence[str]) -> editing.Checker:
    return lambda field, value: sessions.check_choice(field, value, choices)


_CHECKERS: dict[str, editing.Checker] = {
    "title": sessions.check_text,
    "owner": sessions.check_text,
    "due": check_due,
    "success_criteria": sessions.check_text,
    "priority": _choice(m.PRIORITIES),
    "kind": _choice(m.ACTION_KINDS),
    "status": _choice(m.ACTION_STATUSES),
    "completed_at": sessions.check_instant,
    "rationale": sessions.check_text,
    "tracker_url": check_tracker_url,
}
