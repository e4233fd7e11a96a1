"""Export: a stored session as a canonical exchange document (see the package docstring)."""

from __future__ import annotations

import base64
import itertools
import json
from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any, Protocol, TypeVar
from zoneinfo import ZoneInfo

from facilitator import sessions
from facilitator.db import models as m
from facilitator.db.store import Store
from facilitator.exchange.spec import (
    ACTION_KEYS,
    FORMAT,
    PARTICIPANT_KEYS,
    PLAIN_KEYS,
    TIME_KEYS,
    VERSION,
)


class _Positioned(Protocol):
    position: int


_Row = TypeVar("_Row", bound=_Positioned)


def export_session(store: Store, session_id: str) -> dict[str, Any]:
    """The exchange document of one stored session (NotFoundError if there is none)."""
    return session_to_document(sessions.load_session(store, session_id))


def session_to_document(session: m.Session) -> dict[str, Any]:
    """The canonical document of a fully loaded snapshot (`sessions.load_session`)."""
    zone = ZoneInfo(session.timezone)
    doc: dict[str, Any] = {"title": session.title}
    for key in PLAIN_KEYS:
        _put(doc, key, getattr(session, key))
    for key in TIME_KEYS:
        _put(doc, key, _time_text(getattr(session, key), zone))
    _put(doc, "summary", session.summary)
    _put(doc, "opener", session.opener)
    _put(doc, "impact", {f: getattr(session, f"impact_{f}") for f in m.IMPACT_FIELDS})
    _put(doc, "participants", [_participant(p) for p in _in_order(session.participants)])
    refs = _References(session)
    _put(doc, "timeline", [_entry(e, zone, refs) for e in refs.timeline])
    for name in m.LISTS:
        _put(doc, name, [_list_item(item) for item in _in_order(session.items_of(name))])
    local_ids: dict[str, str] = {}  # database id -> id in the file, for `addresses`
    _put(doc, "why_chains", _chains(session.why_chains, local_ids))
    _put(doc, "factors", _factor_tree(session.factors, local_ids, refs))
    _put(doc, "actions", [_action(a, zone, local_ids) for a in _in_order(session.actions)])
    _put(doc, "attachments", [_attachment(a, refs) for a in refs.attachments])
    return {"format": FORMAT, "version": VERSION, "session": doc}


class _References:
    """The ids timeline entries and attachments get in the file: `t3` is the third entry
    in time order, `a2` the second attachment. Written only where something refers to
    them (a factor's evidence, an entry's attachment), so the rest of the file stays plain."""

    def __init__(self, session: m.Session) -> None:
        self.timeline = _timeline_order(session.timeline)
        self.attachments = _in_order(session.attachments)
        self.entry_ids = {e.id: f"t{n}" for n, e in enumerate(self.timeline, 1)}
        self.attachment_ids = {a.id: f"a{n}" for n, a in enumerate(self.attachments, 1)}
        self.cited_entries = {
            link.entry_id for factor in session.factors for link in factor.evidence
        }
        self.cited_attachments = {e.attachment_id for e in self.timeline if e.attachment_id}


def dumps(doc: Mapping[str, Any]) -> str:
    """The document as indented JSON text, keys in the order given, no final newline.

    `session_to_document` gives keys in DESIGN's order, so the same session always prints
    the same text. Non-ASCII stays as it is: the files are UTF-8 and people read them.
    """
    return json.dumps(doc, indent=2, ensure_ascii=False)


def _put(doc: dict[str, Any], key: str, value: Any) -> None:
    """Write a key unless its value is empty: the canonical form leaves those out."""
    if isinstance(value, dict):  # `impact`: drop its empty fields, then maybe itself
        value = {k: v for k, v in value.items() if v}
    if value:
        doc[key] = value


def _in_order(rows: Sequence[_Row]) -> list[_Row]:
    # Sorted here rather than trusting the relationship's order_by, so an object graph
    # built in memory exports the same way as one loaded from the database.
    return sorted(rows, key=lambda row: row.position)


def _timeline_order(entries: Sequence[m.TimelineEntry]) -> list[m.TimelineEntry]:
    return sorted(entries, key=lambda entry: (entry.at, entry.position))


def _time_text(value: datetime | None, zone: ZoneInfo) -> str | None:
    return None if value is None else value.astimezone(zone).isoformat()


def _participant(person: m.Participant) -> dict[str, Any]:
    doc: dict[str, Any] = {}
    for key in PARTICIPANT_KEYS:
        _put(doc, key, getattr(person, key))
    return doc


def _entry(entry: m.TimelineEntry, zone: ZoneInfo, refs: _References) -> dict[str, Any]:
    doc: dict[str, Any] = {}
    if entry.id in refs.cited_entries:
        doc["id"] = refs.entry_ids[entry.id]
    doc["at"] = _time_text(entry.at, zone)
    for key in ("kind", "text", "source", "key", "notes"):
        _put(doc, key, getattr(entry, key))
    _put(doc, "attachment", refs.attachment_ids.get(entry.attachment_id or ""))
    _put(doc, "internal", entry.internal)
    return doc


def _list_item(item: m.ListItem) -> str | dict[str, Any]:
    """Plain text, the common case; an object only when the item is marked internal."""
    if not item.internal:
        return item.text
    doc: dict[str, Any] = {}
    _put(doc, "text", item.text)
    doc["internal"] = True
    return doc


def _chains(chains: Sequence[m.WhyChain], local_ids: dict[str, str]) -> list[dict[str, Any]]:
    docs = []
    for number, chain in enumerate(_in_order(chains), 1):
        local_ids[chain.id] = f"w{number}"
        doc: dict[str, Any] = {"id": f"w{number}"}
        _put(doc, "problem", chain.problem)
        _put(doc, "whys", [why.text for why in _in_order(chain.whys)])
        _put(doc, "root_cause", chain.root_cause)
        docs.append(doc)
    return docs


def _factor_tree(
    factors: Sequence[m.Factor], local_ids: dict[str, str], refs: _References
) -> list[dict[str, Any]]:
    # Built from parent_id, not the `children` relationship: a detached snapshot has no
    # database session to lazy-load it with.
    children: dict[str | None, list[m.Factor]] = defaultdict(list)
    for factor in _in_order(factors):
        children[factor.parent_id].append(factor)
    numbers = itertools.count(1)

    def node(factor: m.Factor) -> dict[str, Any]:
        local_ids[factor.id] = f"f{next(numbers)}"  # numbered before its children: depth first
        doc: dict[str, Any] = {"id": local_ids[factor.id]}
        _put(doc, "text", factor.text)
        _put(doc, "category", factor.category)
        kids = [node(child) for child in children[factor.id]]
        if kids:  # a gate on a leaf joins nothing, and the format refuses it
            _put(doc, "gate", factor.gate)
        _put(doc, "unknown", factor.unknown)
        cited = (refs.entry_ids.get(link.entry_id) for link in _in_order(factor.evidence))
        _put(doc, "evidence", list(dict.fromkeys(ident for ident in cited if ident)))
        _put(doc, "children", kids)
        return doc

    return [node(root) for root in children[None]]


def _action(action: m.ActionItem, zone: ZoneInfo, local_ids: dict[str, str]) -> dict[str, Any]:
    doc: dict[str, Any] = {}
    for key in ACTION_KEYS:
        if key == "due":
            _put(doc, key, action.due.isoformat() if action.due else None)
        elif key == "completed_at":
            _put(doc, key, _time_text(action.completed_at, zone))
        elif key == "addresses":
            _put(doc, key, _addresses(action, local_ids))
        else:
            _put(doc, key, getattr(action, key))
    return doc


def _addresses(action: m.ActionItem, local_ids: dict[str, str]) -> list[str]:
    found = (local_ids.get(t.factor_id or t.chain_id or "") for t in _in_order(action.addresses))
    return list(dict.fromkeys(ident for ident in found if ident))  # each once, in order


def _attachment(attachment: m.Attachment, refs: _References) -> dict[str, Any]:
    doc: dict[str, Any] = {}
    if attachment.id in refs.cited_attachments:
        doc["id"] = refs.attachment_ids[attachment.id]
    _put(doc, "name", attachment.name)
    _put(doc, "media_type", attachment.media_type)
    _put(doc, "caption", attachment.caption)
    _put(doc, "internal", attachment.internal)
    _put(doc, "data", base64.b64encode(attachment.data).decode("ascii"))
    return doc
