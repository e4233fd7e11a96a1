"""The exchange format (DESIGN section 5): round trips, validation messages, files, schema."""

from __future__ import annotations

import base64
import copy
import itertools
import json
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import jsonschema
import pytest
from hypothesis import given, settings, strategies as st
from sqlalchemy import func, select

from facilitator import errors, exchange, factors, sessions
from facilitator.db import models as m
from facilitator.db.store import Store, open_store
from facilitator.exchange import spec
from facilitator.resources import resource_path

SCHEMA_PATH = resource_path("schema", "session-v1.schema.json")
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
DELETE = object()  # as a value for `changed`: remove the key


def full_document() -> dict[str, Any]:
    """A canonical document that uses every key of the format."""
    return {
        "format": "postmortem-facilitator",
        "version": 1,
        "session": {
            "title": "Checkout failures: connection pool exhausted",
            "incident_ref": "INC-2026-0042",
            "severity": "SEV2",
            "depth": "deep",
            "status": "completed",
            "incident_lead": "Jonas Richter",
            "facilitator": "Priya Raman",
            "timezone": "Europe/Berlin",
            "services": ["checkout-api", "orders-db"],
            "tags": ["database", "retry-storm"],
            "started_at": "2026-03-01T18:06:00+01:00",
            "detected_at": "2026-03-01T18:14:00+01:00",
            "acknowledged_at": "2026-03-01T18:21:30.250000+01:00",
            "mitigated_at": "2026-03-01T19:02:00+01:00",
            "resolved_at": "2026-03-01T20:40:00+01:00",
            "meeting_at": "2026-04-02T14:00:00+02:00",  # after the switch to summer time
            "summary": "About **38 %** of checkouts failed for 56 minutes.",
            "opener": "This is a blameless post-mortem.",
            "impact": {
                "customers": "14,200 customers saw a failed checkout.",
                "revenue": "About €73,000 net.",
                "reputation": "450 posts mentioned it.",
                "internal": "312 support tickets.",
            },
            "participants": [
                {"name": "Priya Raman", "role": "facilitator", "team": "Reliability"},
                {"name": "Jonas Richter", "role": "incident_lead", "team": "Payments"},
                {"name": "Zoë Ødegård", "role": "responder"},
            ],
            "timeline": [
                {"at": "2026-03-01T18:06:00+01:00", "kind": "alert", "text": "p99 latency up"},
                {
                    "id": "t2",
                    "at": "2026-03-01T18:14:00+01:00",
                    "kind": "detection",
                    "text": "Pager fires",
                    "source": "PagerDuty",
                    "key": True,
                    "notes": "First *human* signal.",
                    "attachment": "a1",
                },
                {"at": "2026-03-01T18:14:00+01:00", "kind": "communication", "text": "Same minute"},
                {
                    "id": "t4",
                    "at": "2026-03-01T19:02:00+01:00",
                    "kind": "mitigation",
                    "key": True,
                    "internal": True,
                },
            ],
            "went_well": ["Payment idempotency held", ""],
            "went_poorly": [
                "No alert on pool saturation",
                {"text": "The vendor's contract caps support hours", "internal": True},
            ],
            "lucky": ["It happened on a weekday"],
            "parking_lot": ["Review the retry library"],
            "why_chains": [
                {
                    "id": "w1",
                    "problem": "Checkouts failed",
                    "whys": ["The pool ran out", "Transactions held connections", "No guard"],
                    "root_cause": "The design review has no step for connection hold time.",
                },
                {"id": "w2", "problem": "Retries amplified load"},
            ],
            "factors": [
                {
                    "id": "f1",
                    "text": "Pool exhausted",
                    "category": "technical",
                    "gate": "and",
                    "children": [
                        {
                            "id": "f2",
                            "text": "Slow transactions",
                            "category": "technical",
                            "evidence": ["t2"],
                        },
                        {
                            "id": "f3",
                            "text": "Retry storm",
                            "category": "process",
                            "gate": "or",
                            "children": [
                                {
                                    "id": "f4",
                                    "text": "No backoff",
                                    "category": "external",
                                    "unknown": True,
                                    "evidence": ["t4", "t2"],
                                }
                            ],
                        },
                    ],
                },
                {"id": "f5", "text": "Sale not on the calendar", "category": "communication"},
            ],
            "actions": [
                {
                    "title": "Alert on pool saturation",
                    "owner": "Mina",
                    "due": "2026-03-15",
                    "success_criteria": "Pages before 90 % use",
                    "priority": "must",
                    "kind": "detect",
                    "status": "done",
                    "completed_at": "2026-03-12T09:30:00+01:00",
                    "rationale": "We learnt from customers first.",
                    "addresses": ["f2", "w1"],
                    "tracker_url": "https://tracker.example/OPS-1",
                },
                {"title": "Backlog idea", "priority": "nice", "kind": "process", "status": "open"},
            ],
            "attachments": [
                {
                    "id": "a1",
                    "name": "pool.png",
                    "media_type": "image/png",
                    "caption": "Pool use",
                    "data": base64.b64encode(PNG).decode("ascii"),
                },
                {
                    "name": "notes.txt",
                    "media_type": "text/plain",
                    "internal": True,
                    "data": "aMOpbGxv",
                },
            ],
        },
    }


def minimal_document(**session: Any) -> dict[str, Any]:
    return {"format": "postmortem-facilitator", "version": 1, "session": {"title": "x", **session}}


def changed(doc: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    """A copy of `doc` with the key at `path` (`session.timeline[3].at`) set or deleted."""
    doc = copy.deepcopy(doc)
    steps: list[Any] = [
        int(token[1:-1]) if token.startswith("[") else token
        for token in re.findall(r"\[\d+\]|[^.\[\]]+", path)
    ]
    parent: Any = doc
    for step in steps[:-1]:
        parent = parent[step]
    if value is DELETE:
        del parent[steps[-1]]
    else:
        parent[steps[-1]] = value
    return doc


def import_one(store: Store, doc: dict[str, Any]) -> str:
    (session_id,) = exchange.import_documents(store, [("test.json", doc)])
    return session_id


def count(store: Store, table: Any) -> int:
    with store.session() as db:
        return int(db.scalar(select(func.count()).select_from(table)) or 0)


@pytest.fixture(scope="module")
def schema() -> jsonschema.protocols.Validator:
    loaded = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(loaded)
    return jsonschema.Draft202012Validator(loaded)


# --- round trips -----------------------------------------------------------------------


def test_round_trip_through_the_database(store: Store) -> None:
    doc = full_document()
    exported = exchange.export_session(store, import_one(store, doc))
    assert exported == doc
    assert exchange.dumps(exported) == exchange.dumps(doc)  # the same keys in the same order


def test_dumps_is_pretty_unicode_json(store: Store) -> None:
    text = exchange.dumps(exchange.export_session(store, import_one(store, full_document())))
    assert "Zoë Ødegård" in text  # not \u escapes
    assert text.startswith('{\n  "format": "postmortem-facilitator",\n  "version": 1,')
    assert not text.endswith("\n")
    assert json.loads(text) == full_document()


def test_times_are_instants_shown_in_the_sessions_zone(store: Store) -> None:
    doc = minimal_document(
        timezone="Europe/Berlin",
        started_at="2026-07-01T09:00:00Z",
        timeline=[{"at": "2026-01-15T09:00:00-05:00"}],
    )
    session_id = import_one(store, doc)
    session = sessions.load_session(store, session_id)
    assert session.started_at == datetime(2026, 7, 1, 9, 0, tzinfo=UTC)
    assert session.timeline[0].at == datetime(2026, 1, 15, 14, 0, tzinfo=UTC)
    exported = exchange.export_session(store, session_id)["session"]
    assert exported["started_at"] == "2026-07-01T11:00:00+02:00"  # summer time
    assert exported["timeline"][0]["at"] == "2026-01-15T15:00:00+01:00"  # winter time


def test_lists_keep_their_order_in_position_columns(store: Store) -> None:
    session = sessions.load_session(store, import_one(store, full_document()))
    assert [p.position for p in session.participants] == [0, 1, 2]
    assert [p.name for p in session.participants][2] == "Zoë Ødegård"
    assert [(e.position, e.text) for e in session.timeline][1:3] == [
        (1, "Pager fires"),
        (2, "Same minute"),
    ]
    by_text = {factor.text: factor for factor in session.factors}
    assert by_text["Retry storm"].parent_id == by_text["Pool exhausted"].id
    assert (by_text["Slow transactions"].position, by_text["Retry storm"].position) == (0, 1)
    assert by_text["Sale not on the calendar"].parent_id is None
    targets = session.actions[0].addresses
    assert [t.factor_id for t in targets] == [by_text["Slow transactions"].id, None]
    assert [t.chain_id for t in targets] == [None, session.why_chains[0].id]


def test_a_minimal_document_gets_the_defaults(store: Store) -> None:
    exported = exchange.export_session(store, import_one(store, minimal_document()))
    assert exported["session"] == {
        "title": "x",
        "severity": "SEV3",
        "depth": "standard",
        "status": "draft",
        "timezone": "UTC",
    }


def test_a_valid_but_uncanonical_document_imports_as_its_canonical_twin(store: Store) -> None:
    doc = minimal_document(
        incident_ref="",
        services=[" api ", "api", "", "db"],
        started_at=None,
        impact={"customers": "", "revenue": "Some"},
        timeline=[
            {"at": "2026-03-01T10:00:00+01:00", "text": "later", "key": False, "notes": ""},
            {"at": "2026-03-01 08:00Z", "text": "earlier"},
        ],
        why_chains=[{"problem": "no id"}],
        factors=[{"id": "f7", "text": "leaf", "gate": None, "children": []}],
        actions=[{"addresses": ["f7"], "due": None}],
        attachments=[],
    )
    exported = exchange.export_session(store, import_one(store, doc))["session"]
    assert exported == {
        "title": "x",
        "severity": "SEV3",
        "depth": "standard",
        "status": "draft",
        "timezone": "UTC",
        "services": ["api", "db"],
        "impact": {"revenue": "Some"},
        "timeline": [
            {"at": "2026-03-01T08:00:00+00:00", "kind": "note", "text": "earlier"},
            {"at": "2026-03-01T09:00:00+00:00", "kind": "note", "text": "later"},
        ],
        "why_chains": [{"id": "w1", "problem": "no id"}],
        "factors": [{"id": "f1", "text": "leaf", "category": "technical"}],
        "actions": [
            {"priority": "should", "kind": "prevent", "status": "open", "addresses": ["f1"]}
        ],
    }


def test_a_session_built_in_the_app_exports_a_valid_document(
    store: Store, schema: jsonschema.protocols.Validator
) -> None:
    session_id = sessions.create_session(store, "Built in the app", timezone="Asia/Kolkata")
    sessions.set_labels(store, session_id, "tag", ["dns", "cache"])
    with store.session() as db:
        root = m.Factor(session_id=session_id, text="root", gate="or", position=0)
        leaf = m.Factor(session_id=session_id, text="leaf", gate="and", position=0, parent=root)
        chain = m.WhyChain(session_id=session_id, problem="p", position=0)
        db.add_all([root, leaf, chain])
        db.add(
            m.ActionItem(
                session_id=session_id,
                title="fix",
                due=date(2026, 5, 1),
                addresses=[m.ActionTarget(chain=chain), m.ActionTarget(factor=leaf, position=1)],
            )
        )
        for minute in (30, 10):  # entered out of order
            at = datetime(2026, 3, 1, 12, minute, tzinfo=UTC)
            db.add(m.TimelineEntry(session_id=session_id, at=at, text=f"at {minute}"))
    doc = exchange.export_session(store, session_id)
    exchange.validate_document(doc)
    schema.validate(doc)
    session = doc["session"]
    assert session["tags"] == ["dns", "cache"]
    assert [e["at"] for e in session["timeline"]] == [
        "2026-03-01T17:40:00+05:30",
        "2026-03-01T18:00:00+05:30",
    ]
    # The gate left on the leaf joins nothing, so it is not written.
    assert session["factors"] == [
        {
            "id": "f1",
            "text": "root",
            "category": "technical",
            "gate": "or",
            "children": [{"id": "f2", "text": "leaf", "category": "technical"}],
        }
    ]
    assert session["actions"][0]["addresses"] == ["w1", "f2"]
    assert session["actions"][0]["due"] == "2026-05-01"


def test_references_import_as_links_between_rows(store: Store) -> None:
    session = sessions.load_session(store, import_one(store, full_document()))
    entries = session.timeline
    attachments = {a.name: a for a in session.attachments}
    assert entries[1].attachment_id == attachments["pool.png"].id
    assert [e.attachment_id for e in (entries[0], entries[2], entries[3])] == [None] * 3
    assert [e.internal for e in entries] == [False, False, False, True]
    assert [a.internal for a in session.attachments] == [False, True]
    assert [(i.text, i.internal) for i in session.items_of("went_poorly")] == [
        ("No alert on pool saturation", False),
        ("The vendor's contract caps support hours", True),
    ]
    by_text = {factor.text: factor for factor in session.factors}
    backoff = by_text["No backoff"]
    assert backoff.unknown
    assert not by_text["Retry storm"].unknown
    assert [link.entry_id for link in backoff.evidence] == [entries[3].id, entries[1].id]
    assert [link.entry_id for link in by_text["Slow transactions"].evidence] == [entries[1].id]
    tree = factors.load_tree(store, session.id)
    assert tree.find(backoff.id).evidence == (entries[3].id, entries[1].id)  # type: ignore[union-attr]


def test_new_references_take_canonical_ids_and_unused_ids_go(store: Store) -> None:
    doc = minimal_document(
        timeline=[
            {"id": "t7", "at": "2026-03-01T10:00:00Z", "attachment": "a5", "internal": False},
            {"id": "t3", "at": "2026-03-01T09:00:00Z"},  # earlier: it becomes t1
            {"id": "t9", "at": "2026-03-01T11:00:00Z", "internal": True},  # cited by no one
        ],
        went_well=[{"text": "plain"}, {"text": "also plain", "internal": False}, {}],
        lucky=[{"internal": True}],
        factors=[{"evidence": ["t7", "t3"], "unknown": False}],
        attachments=[{"name": "unused", "id": "a2"}, {"id": "a5", "internal": False}],
    )
    exported = exchange.export_session(store, import_one(store, doc))["session"]
    assert exported["timeline"] == [
        {"id": "t1", "at": "2026-03-01T09:00:00+00:00", "kind": "note"},
        {"id": "t2", "at": "2026-03-01T10:00:00+00:00", "kind": "note", "attachment": "a2"},
        {"at": "2026-03-01T11:00:00+00:00", "kind": "note", "internal": True},
    ]
    assert exported["went_well"] == ["plain", "also plain", ""]
    assert exported["lucky"] == [{"internal": True}]
    assert exported["factors"] == [{"id": "f1", "category": "technical", "evidence": ["t2", "t1"]}]
    assert exported["attachments"] == [
        {"name": "unused", "media_type": "application/octet-stream"},
        {"id": "a2", "media_type": "application/octet-stream"},
    ]


def test_evidence_is_saved_whatever_else_the_document_holds(store: Store) -> None:
    # Found by the round-trip property: with an attachment in the document, the unit of work
    # could write the evidence row before the timeline entry it points at. Its order varies
    # from run to run (it sorts mappers kept in sets), so this case fails only sometimes
    # without the fix; the property test meets many such documents.
    doc = minimal_document(
        timeline=[
            {"id": "t1", "at": "2000-01-01T00:00:00+00:00", "kind": "detection"},
            {"at": "2000-01-01T00:00:00+00:00", "kind": "detection"},
        ],
        factors=[{"id": "f1", "category": "technical", "evidence": ["t1"]}],
        attachments=[{"media_type": "image/png"}],
    )
    exported = exchange.export_session(store, import_one(store, doc))
    assert exported["session"]["factors"] == doc["session"]["factors"]


def without_added_keys(doc: dict[str, Any]) -> dict[str, Any]:
    """`doc` as version 1 was first published: no ids on entries and attachments, no
    `attachment`, `internal`, `unknown` or `evidence`, every list item plain text."""
    doc = copy.deepcopy(doc)
    session = doc["session"]
    for entry in session.get("timeline", []):
        for key in ("id", "attachment", "internal"):
            entry.pop(key, None)
    for item in session.get("attachments", []):
        for key in ("id", "internal"):
            item.pop(key, None)
    for name in m.LISTS:
        if name in session:
            session[name] = [i if isinstance(i, str) else i.get("text", "") for i in session[name]]
    nodes = list(session.get("factors", []))
    while nodes:
        node = nodes.pop()
        nodes += node.get("children", [])
        node.pop("unknown", None)
        node.pop("evidence", None)
    return doc


def test_documents_without_the_added_keys_are_as_valid_as_ever(
    store: Store, schema: jsonschema.protocols.Validator
) -> None:
    old = without_added_keys(full_document())
    assert "evidence" not in json.dumps(old)
    schema.validate(old)
    assert exchange.export_session(store, import_one(store, old)) == old


def test_a_session_with_references_built_in_the_app_exports_a_valid_document(
    store: Store, schema: jsonschema.protocols.Validator
) -> None:
    session_id = sessions.create_session(store, "Built in the app")
    with store.session() as db:
        picture = m.Attachment(id=m.new_id(), session_id=session_id, name="graph.png", data=PNG)
        db.add(picture)
        db.flush()
        entries = [
            m.TimelineEntry(
                id=m.new_id(),
                session_id=session_id,
                at=datetime(2026, 3, 1, 12, minute, tzinfo=UTC),
                text=f"at {minute}",
                attachment_id=picture.id if minute == 20 else None,
                internal=minute == 30,
            )
            for minute in (30, 10, 20)  # entered out of order
        ]
        db.add_all(entries)
    top = factors.add_factor(store, session_id, text="Pool exhausted", unknown=True)
    factors.set_evidence(store, session_id, top, [entries[0].id, entries[2].id])
    doc = exchange.export_session(store, session_id)
    exchange.validate_document(doc)
    schema.validate(doc)
    session = doc["session"]
    assert session["timeline"] == [
        {"at": "2026-03-01T12:10:00+00:00", "kind": "note", "text": "at 10"},
        {
            "id": "t2",
            "at": "2026-03-01T12:20:00+00:00",
            "kind": "note",
            "text": "at 20",
            "attachment": "a1",
        },
        {
            "id": "t3",
            "at": "2026-03-01T12:30:00+00:00",
            "kind": "note",
            "text": "at 30",
            "internal": True,
        },
    ]
    assert session["factors"] == [
        {
            "id": "f1",
            "text": "Pool exhausted",
            "category": "technical",
            "unknown": True,
            "evidence": ["t3", "t2"],
        }
    ]
    assert session["attachments"][0]["id"] == "a1"


def test_exporting_an_unknown_id_is_not_found(store: Store) -> None:
    with pytest.raises(errors.NotFoundError):
        exchange.export_session(store, "no-such-id")


# --- import: all or nothing, fresh ids -------------------------------------------------


def test_import_is_all_or_nothing(store: Store) -> None:
    existing = sessions.create_session(store, "Already here")
    bad = changed(full_document(), "session.timeline[3].at", "yesterday")
    with pytest.raises(errors.ValidationError) as caught:
        exchange.import_documents(store, [("good.json", full_document()), ("bad.json", bad)])
    assert (
        str(caught.value) == "bad.json: session.timeline[3].at: not an ISO 8601 time with an offset"
    )
    assert caught.value.source == "bad.json"
    assert [s.id for s in sessions.list_sessions(store)] == [existing]
    assert count(store, m.TimelineEntry) == 0


def test_import_saves_every_document_in_one_unit_of_work(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Both documents are valid; the database refuses the second (the same primary key).
    # One unit of work means the first is rolled back with it.
    monkeypatch.setattr(m, "new_id", lambda: "the-same-id")
    with pytest.raises(errors.DatabaseError):
        exchange.import_documents(
            store, [("a.json", full_document()), ("b.json", minimal_document())]
        )
    assert sessions.list_sessions(store) == []
    assert count(store, m.Factor) == 0


def test_each_import_is_a_new_session_with_fresh_ids(store: Store) -> None:
    doc = full_document()
    first, second = exchange.import_documents(store, [("a.json", doc), ("a.json", doc)])
    third = import_one(store, doc)
    assert len({first, second, third}) == 3
    assert [s.id for s in sessions.list_sessions(store)] == [third, second, first]
    for session_id in (first, second, third):
        assert exchange.export_session(store, session_id) == doc
    assert count(store, m.Factor) == 3 * 5  # three copies of every row, not shared ones


def test_import_files_reads_then_imports_all(store: Store, tmp_path: Path) -> None:
    paths = []
    for name, title in (("one.json", "First"), ("two.json", "Second")):
        path = tmp_path / name
        path.write_text(json.dumps(minimal_document(title=title)), encoding="utf-8")
        paths.append(path)
    ids = exchange.import_files(store, paths)
    assert [sessions.load_session(store, i).title for i in ids] == ["First", "Second"]

    (tmp_path / "broken.json").write_text("{", encoding="utf-8")
    with pytest.raises(errors.ValidationError, match=r"broken\.json"):
        exchange.import_files(store, [paths[0], tmp_path / "broken.json"])
    assert len(sessions.list_sessions(store)) == 2


def test_the_demo_session_is_valid(schema: jsonschema.protocols.Validator) -> None:
    demo = exchange.read_document(resource_path("samples", "demo-session.json"))
    exchange.validate_document(demo)
    schema.validate(demo)


# --- validation messages ---------------------------------------------------------------

TYPES = "facilitator, incident_lead, responder, stakeholder, scribe"
F4 = "session.factors[0].children[1].children[0]"  # "No backoff": unknown, cites t4 and t2
OVERFLOW = "9999-12-31T23:00:00-05:00"  # past year 9999 in UTC
SURROGATE = "contains an unpaired surrogate, which is not valid Unicode"
NOT_BASE64 = "not valid base64 (standard alphabet, padded, no line breaks)"


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        ("session.timeline[3].at", "yesterday", "not an ISO 8601 time with an offset"),
        ("session.timeline[0].at", "2026-03-01T10:00:00", "not an ISO 8601 time with an offset"),
        ("session.timeline[0].at", None, "must be an ISO 8601 time with an offset, not null"),
        ("session.timeline[0].at", DELETE, "required key is missing"),
        ("session.started_at", 1772384400, "must be an ISO 8601 time with an offset, not a number"),
        (
            "session.started_at",
            "2026-02-30T10:00+01:00",
            "not a real time: '2026-02-30T10:00+01:00'",
        ),
        ("session.resolved_at", OVERFLOW, f"not a real time: {OVERFLOW!r}"),
        ("session.severity", "SEV9", "must be one of SEV1, SEV2, SEV3, SEV4, not 'SEV9'"),
        ("session.depth", None, "must be one of quick, standard, deep, not null"),
        ("session.participants[0].role", "boss", f"must be one of {TYPES}, not 'boss'"),
        ("session.factors[0].gate", "xor", "must be one of and, or, not 'xor'"),
        ("session.factors[1].gate", "and", "only a factor with children can have a gate"),
        ("format", "something-else", 'must be "postmortem-facilitator"'),
        ("format", DELETE, 'must be "postmortem-facilitator"'),
        ("version", 2, "unsupported version 2 (this app reads version 1)"),
        ("version", "1", "must be a whole number, not text"),
        ("version", True, "must be a whole number, not true"),
        ("version", DELETE, "required key is missing"),
        ("session", DELETE, "required key is missing"),
        ("session", "x", "must be an object, not text"),
        ("session.title", DELETE, "required key is missing"),
        ("session.title", " \n", "must not be empty"),
        ("session.services", "api", "must be a list, not text"),
        ("session.services[1]", 7, "must be text, not a number"),
        ("session.impact", [], "must be an object, not a list"),
        ("session.participants[0]", ["x"], "must be an object, not a list"),
        ("session.timeline[1].key", "yes", "must be true or false, not text"),
        ("session.summary", 42, "must be text, not a number"),
        ("session.summary", "x" * (sessions.MAX_TEXT + 1), "longer than 20,000 characters"),
        ("session.went_well[0]", "\ud800", SURROGATE),
        ("session.opener", "a\x00b", "contains a NUL character"),
        ("session.timezone", "Mars/Olympus", "unknown time zone 'Mars/Olympus'"),
        ("session.timezone", "../etc/passwd", "unknown time zone '../etc/passwd'"),
        ("session.actions[0].due", "2026-02-30", "not a real date: '2026-02-30'"),
        ("session.actions[0].due", "30/03/2026", "must be a date as YYYY-MM-DD, not '30/03/2026'"),
        ("session.actions[0].addresses[0]", "f99", "no why chain or factor has the id 'f99'"),
        ("session.actions[0].addresses[1]", "f2", "'f2' is listed twice"),
        ("session.factors[0].children[0].id", "f1", "'f1' is already the id of session.factors[0]"),
        ("session.why_chains[1].id", "w1", "'w1' is already the id of session.why_chains[0]"),
        (
            "session.why_chains[0].id",
            "chain-1",
            f"must be w and a number (w1, w2, …), not {'chain-1'!r}",
        ),
        ("session.factors[1].id", "w9", "must be f and a number (f1, f2, …), not 'w9'"),
        ("session.attachments[0].data", "not base64!", NOT_BASE64),
        ("session.attachments[1].data", "aMOpbGxv\n", NOT_BASE64),
        ("session.attachments[1].data", "aMOpbG", NOT_BASE64),
        ("session.attachments[0].media_type", "png", "not a media type like image/png: 'png'"),
        # References between timeline entries, factors and attachments (added keys).
        (f"{F4}.evidence[1]", "t9", "no timeline entry with id 't9'"),
        (f"{F4}.evidence[1]", "t4", "'t4' is listed twice"),
        (f"{F4}.evidence", "t4", "must be a list, not text"),
        ("session.factors[0].children[0].evidence[0]", "w1", "no timeline entry with id 'w1'"),
        (f"{F4}.unknown", 1, "must be true or false, not a number"),
        ("session.timeline[1].attachment", "a9", "no attachment with id 'a9'"),
        ("session.timeline[1].attachment", 1, "must be text, not a number"),
        ("session.timeline[1].id", "entry-2", "must be t and a number (t1, t2, …), not 'entry-2'"),
        ("session.timeline[3].id", "t2", "'t2' is already the id of session.timeline[1]"),
        ("session.timeline[3].internal", "yes", "must be true or false, not text"),
        ("session.attachments[1].id", "a1", "'a1' is already the id of session.attachments[0]"),
        ("session.attachments[1].id", "t1", "must be a and a number (a1, a2, …), not 't1'"),
        ("session.attachments[1].internal", None, "must be true or false, not null"),
        ("session.went_poorly[1]", 3, "must be text or an object, not a number"),
        ("session.went_poorly[1]", ["x"], "must be text or an object, not a list"),
        ("session.went_poorly[1].internal", "yes", "must be true or false, not text"),
        ("session.went_poorly[1].text", None, "must be text, not null"),
    ],
)
def test_validation_messages_name_the_key_and_the_problem(
    path: str, value: Any, message: str
) -> None:
    with pytest.raises(errors.ValidationError) as caught:
        exchange.validate_document(changed(full_document(), path, value))
    assert str(caught.value) == f"{path}: {message}"
    assert (caught.value.where, caught.value.problem) == (path, message)


@pytest.mark.parametrize(
    "where",
    [
        "extra",
        "session.extra",
        "session.impact.extra",
        "session.participants[2].extra",
        "session.timeline[1].extra",
        "session.why_chains[0].extra",
        "session.went_poorly[1].extra",
        "session.factors[0].children[1].children[0].extra",
        "session.actions[1].extra",
        "session.attachments[0].extra",
    ],
)
def test_unknown_keys_are_refused_at_every_depth(where: str) -> None:
    with pytest.raises(errors.ValidationError) as caught:
        exchange.validate_document(changed(full_document(), where, "surprise"))
    assert str(caught.value) == f"{where}: unknown key"


def test_a_document_that_is_not_an_object() -> None:
    with pytest.raises(errors.ValidationError) as caught:
        exchange.validate_document([full_document()], source="list.json")
    assert str(caught.value) == "list.json: the document must be a JSON object, not a list"


def test_factors_nested_deeper_than_the_app_allows_are_refused(store: Store) -> None:
    assert spec.MAX_FACTOR_DEPTH == factors.MAX_DEPTH  # an imported tree stays editable
    node: dict[str, Any] = {"text": "bottom"}
    for _ in range(factors.MAX_DEPTH):
        node = {"text": "level", "children": [node]}
    with pytest.raises(errors.ValidationError) as caught:
        exchange.validate_document(minimal_document(factors=[node]))
    where = "session.factors[0]" + ".children[0]" * factors.MAX_DEPTH
    assert str(caught.value) == f"{where}: factors nested deeper than 32 levels"
    deepest = minimal_document(factors=node["children"])  # 32 levels: fine, and editable
    session_id = import_one(store, deepest)
    tree = factors.load_tree(store, session_id)
    *_, bottom = tree.walk()
    factors.add_sibling(store, session_id, bottom.id, text="beside the deepest")


DEFAULTS = {"severity": "SEV3", "depth": "standard", "status": "draft"}


def without_dangling_references(doc: dict[str, Any]) -> dict[str, Any]:
    """`doc` (full_document less some key) with references to what is gone removed, and ids
    nothing refers to any more removed too, as the canonical form leaves them out."""
    session = doc["session"]
    entries, attachments = session.get("timeline", []), session.get("attachments", [])
    live_entries = {entry["id"] for entry in entries if "id" in entry}
    live_attachments = {item["id"] for item in attachments if "id" in item}
    nodes = list(session.get("factors", []))
    cited: set[str] = set()
    while nodes:
        node = nodes.pop()
        nodes += node.get("children", [])
        node["evidence"] = [ref for ref in node.get("evidence", []) if ref in live_entries]
        cited.update(node["evidence"])
        if not node["evidence"]:
            del node["evidence"]
    for entry in entries:
        if entry.get("attachment") not in live_attachments:
            entry.pop("attachment", None)
        if entry.get("id") not in cited:
            entry.pop("id", None)
    referred = {entry.get("attachment") for entry in entries}
    for item in attachments:
        if item.get("id") not in referred:
            item.pop("id", None)
    if "why_chains" not in session or "factors" not in session:
        del session["actions"][0]["addresses"]  # they would name nothing
    return doc


@pytest.mark.parametrize("key", [k for k in full_document()["session"] if k != "title"])
def test_any_session_key_but_the_title_may_be_absent(store: Store, key: str) -> None:
    doc = without_dangling_references(changed(full_document(), f"session.{key}", DELETE))
    exported = exchange.export_session(store, import_one(store, doc))
    if key == "timezone":  # UTC then, and every time is shown in it
        assert exported["session"]["timezone"] == "UTC"
        assert exported["session"]["started_at"] == "2026-03-01T17:06:00+00:00"
    elif key in DEFAULTS:
        assert exported == changed(full_document(), f"session.{key}", DEFAULTS[key])
    else:
        assert exported == doc


def test_every_key_of_an_item_but_the_time_of_an_entry_may_be_absent(store: Store) -> None:
    doc = minimal_document(
        impact={},
        participants=[{}],
        timeline=[{"at": "2026-03-01T10:00:00Z"}],
        why_chains=[{}],
        factors=[{}],
        actions=[{}],
        attachments=[{}],
    )
    exported = exchange.export_session(store, import_one(store, doc))["session"]
    assert exported["participants"] == [{"role": "responder"}]
    assert exported["timeline"] == [{"at": "2026-03-01T10:00:00+00:00", "kind": "note"}]
    assert exported["why_chains"] == [{"id": "w1"}]
    assert exported["factors"] == [{"id": "f1", "category": "technical"}]
    assert exported["actions"] == [{"priority": "should", "kind": "prevent", "status": "open"}]
    assert exported["attachments"] == [{"media_type": "application/octet-stream"}]


# --- reading files ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "error", "message"),
    [
        (b"", errors.FileProblemError, "is empty, not a JSON document"),
        (b"  \n", errors.FileProblemError, "is empty, not a JSON document"),
        (PNG, errors.FileProblemError, "is a binary file, not JSON text"),
        ("{}".encode("utf-16"), errors.FileProblemError, "is UTF-16 text; save it as UTF-8"),
        ('{"title": "café"}'.encode("latin-1"), errors.FileProblemError, "is not UTF-8 text"),
        (
            b'{\n  "format": "postmortem-facilitator"\n  "version": 1\n}',
            errors.ValidationError,
            "not valid JSON at line 3, column 3: expecting ',' delimiter",
        ),
        (b"{not json", errors.ValidationError, "not valid JSON at line 1, column 2"),
        (b"[1, 2]", errors.ValidationError, "holds a list, but an exchange file holds one JSON"),
        (b'"text"', errors.ValidationError, "holds text, but an exchange file holds one JSON"),
        (b'{"a": 1, "a": 2}', errors.ValidationError, "the key 'a' appears twice in one object"),
        (b'{"version": NaN}', errors.ValidationError, "NaN is not a JSON number"),
        (b"[" * 100_000, errors.ValidationError, "nested too deeply"),
    ],
)
def test_read_document_explains_a_bad_file_in_one_sentence(
    tmp_path: Path, content: bytes, error: type[Exception], message: str
) -> None:
    path = tmp_path / "session.json"
    path.write_bytes(content)
    with pytest.raises(error) as caught:
        exchange.read_document(path)
    text = str(caught.value)
    assert text.startswith(f"{path}: ")
    assert message in text
    assert "\n" not in text
    assert "Traceback" not in text


def test_read_document_refuses_missing_files_and_folders(tmp_path: Path) -> None:
    with pytest.raises(errors.FileProblemError) as caught:
        exchange.read_document(tmp_path / "missing.json")
    assert str(caught.value) == f"{tmp_path / 'missing.json'}: no such file"
    with pytest.raises(errors.FileProblemError) as caught:
        exchange.read_document(tmp_path)
    assert str(caught.value) == f"{tmp_path}: is a folder, not a file"


def test_read_document_accepts_a_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "windows.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(full_document()).encode("utf-8"))
    assert exchange.read_document(path) == full_document()


def test_read_document_does_not_validate(tmp_path: Path) -> None:
    path = tmp_path / "other.json"
    path.write_text('{"anything": ["goes"]}', encoding="utf-8")
    assert exchange.read_document(path) == {"anything": ["goes"]}


# --- the JSON Schema -------------------------------------------------------------------


def test_the_schema_accepts_the_full_document(schema: jsonschema.protocols.Validator) -> None:
    schema.validate(full_document())
    schema.validate(minimal_document())


@pytest.mark.parametrize(
    ("path", "value"),
    [
        ("session.extra", 1),
        ("session.factors[0].children[1].children[0].extra", 1),
        ("session.title", DELETE),
        ("version", 2),
        ("session.severity", "SEV9"),
        ("session.timeline[0].at", "yesterday"),
        ("session.timeline[0].at", None),
        ("session.timeline[0].key", "yes"),
        ("session.factors[1].gate", "and"),
        ("session.actions[0].due", "30/03/2026"),
        ("session.actions[0].addresses", ["f2", "f2"]),
        # A line break inside: jsonschema reads `$` the Python way, so a final one would slip
        # past it, though ECMA-262 regexes (the schema's dialect) refuse that one too.
        ("session.attachments[1].data", "aMOp\nbGxv"),
        ("session.summary", "x" * (sessions.MAX_TEXT + 1)),
        ("session.timeline[1].id", "entry-2"),
        ("session.timeline[1].attachment", "f1"),
        ("session.timeline[3].internal", "yes"),
        ("session.went_poorly[1].extra", 1),
        ("session.went_poorly[1]", 3),
        ("session.factors[0].children[0].evidence", ["t2", "t2"]),
        ("session.factors[0].children[0].evidence", ["a1"]),
        ("session.factors[0].children[0].unknown", "no"),
        ("session.attachments[0].id", "t1"),
        ("session.attachments[1].internal", 1),
    ],
)
def test_the_schema_refuses_what_the_validator_refuses(
    schema: jsonschema.protocols.Validator, path: str, value: Any
) -> None:
    bad = changed(full_document(), path, value)
    assert not schema.is_valid(bad)
    with pytest.raises(errors.ValidationError):
        exchange.validate_document(bad)


def test_the_schema_states_the_validators_patterns_and_choices() -> None:
    loaded = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    defs, props = loaded["$defs"], loaded["properties"]["session"]["properties"]
    assert defs["time"]["pattern"] == f"^(?:{spec.TIME_PATTERN})$"
    assert defs["action"]["properties"]["due"]["pattern"] == f"^(?:{spec.DATE_PATTERN})$"
    assert defs["why_chain"]["properties"]["id"]["pattern"] == f"^(?:{spec.CHAIN_ID_PATTERN})$"
    assert defs["factor"]["properties"]["id"]["pattern"] == f"^(?:{spec.FACTOR_ID_PATTERN})$"
    entry_id = f"^(?:{spec.ENTRY_ID_PATTERN})$"
    attachment_id = f"^(?:{spec.ATTACHMENT_ID_PATTERN})$"
    assert defs["timeline_entry"]["properties"]["id"]["pattern"] == entry_id
    assert defs["factor"]["properties"]["evidence"]["items"]["pattern"] == entry_id
    assert defs["attachment"]["properties"]["id"]["pattern"] == attachment_id
    assert defs["timeline_entry"]["properties"]["attachment"]["pattern"] == attachment_id
    for name, keys in (
        ("timeline_entry", spec.ENTRY_KEYS),
        ("factor", spec.FACTOR_KEYS),
        ("attachment", spec.ATTACHMENT_KEYS),
    ):
        assert list(defs[name]["properties"]) == list(keys)
    item_object = defs["list_items"]["items"]["oneOf"][1]
    assert list(item_object["properties"]) == list(spec.LIST_ITEM_KEYS)
    for name in m.LISTS:
        assert props[name] == {"$ref": "#/$defs/list_items"}
    media = defs["attachment"]["properties"]["media_type"]["pattern"]
    assert media == f"^(?:{spec.MEDIA_TYPE_PATTERN})$"
    assert list(props) == list(spec.SESSION_KEYS)
    assert props["severity"]["enum"] == list(m.SEVERITIES)
    assert defs["timeline_entry"]["properties"]["kind"]["enum"] == list(m.KINDS)
    assert defs["action"]["properties"]["status"]["enum"] == list(m.ACTION_STATUSES)
    assert defs["text"]["maxLength"] == sessions.MAX_TEXT
    for name in ("participant", "timeline_entry", "why_chain", "factor", "action", "attachment"):
        assert defs[name]["additionalProperties"] is False


# --- the property: export(import(x)) == x ----------------------------------------------

ZONES = ["UTC", "Europe/Berlin", "America/St_Johns", "Asia/Kolkata", "Australia/Lord_Howe"]
# Any Unicode but the two things the format refuses: lone surrogates (the utf-8 codec
# excludes them) and NUL.
TEXT = st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=12)
SOME_TEXT = TEXT.filter(bool)
TITLES = SOME_TEXT.filter(str.strip)
LABELS = st.lists(SOME_TEXT.map(str.strip).filter(bool), min_size=1, max_size=3, unique=True)
INSTANTS = st.datetimes(datetime(1970, 1, 1), datetime(2100, 1, 1), timezones=st.just(UTC))
BASE64 = st.binary(min_size=1, max_size=24).map(lambda b: base64.b64encode(b).decode("ascii"))
MEDIA_TYPES = st.sampled_from(["image/png", "text/plain", "application/vnd.api+json"])
# A list item: plain text, or (only when internal) an object, its text left out when empty.
LIST_ITEMS = st.one_of(
    TEXT, TEXT.map(lambda text: {"text": text, "internal": True} if text else {"internal": True})
)


FACTOR_SHAPES = st.recursive(
    st.tuples(st.booleans(), st.sampled_from(m.CATEGORIES), st.just([]), st.none()),
    lambda children: st.tuples(
        st.booleans(),
        st.sampled_from(m.CATEGORIES),
        st.lists(children, min_size=1, max_size=3),
        st.sampled_from([None, "and", "or"]),
    ),
    max_leaves=6,
)


@st.composite
def canonical_documents(draw: st.DrawFn) -> dict[str, Any]:
    """Documents in canonical form, keys in DESIGN order, every optional key maybe absent."""
    zone = ZoneInfo(draw(st.sampled_from(ZONES)))

    def maybe(doc: dict[str, Any], key: str, values: st.SearchStrategy[Any]) -> None:
        if draw(st.booleans()):
            doc[key] = draw(values)

    def time() -> str:
        return draw(INSTANTS).astimezone(zone).isoformat()

    session: dict[str, Any] = {"title": draw(TITLES)}
    maybe(session, "incident_ref", SOME_TEXT)
    for key, choices in (("severity", m.SEVERITIES), ("depth", m.DEPTHS), ("status", m.STATUSES)):
        session[key] = draw(st.sampled_from(choices))
    maybe(session, "incident_lead", SOME_TEXT)
    maybe(session, "facilitator", SOME_TEXT)
    session["timezone"] = zone.key
    maybe(session, "services", LABELS)
    maybe(session, "tags", LABELS)
    for key in (*m.KEY_TIMES, "meeting_at"):
        maybe(session, key, st.builds(time))
    maybe(session, "summary", SOME_TEXT)
    maybe(session, "opener", SOME_TEXT)
    impact: dict[str, Any] = {}
    for field in m.IMPACT_FIELDS:
        maybe(impact, field, SOME_TEXT)
    if impact:
        session["impact"] = impact
    maybe(session, "participants", st.lists(participants(), min_size=1, max_size=3))
    maybe(session, "timeline", timelines(zone))
    for name in m.LISTS:
        maybe(session, name, st.lists(LIST_ITEMS, min_size=1, max_size=3))
    ids: list[str] = []
    maybe(session, "why_chains", why_chains(ids))
    maybe(
        session,
        "factors",
        st.lists(FACTOR_SHAPES, min_size=1, max_size=3).map(
            lambda shapes: number_factors(shapes, ids)
        ),
    )
    maybe(session, "actions", st.lists(actions(zone, ids), min_size=1, max_size=3))
    maybe(session, "attachments", st.lists(attachments(), min_size=1, max_size=2))
    link_references(draw, session)
    return {"format": "postmortem-facilitator", "version": 1, "session": session}


# The canonical key order of the items that refer to each other.
ENTRY_ORDER = ("id", "at", "kind", "text", "source", "key", "notes", "attachment", "internal")
FACTOR_ORDER = ("id", "text", "category", "gate", "unknown", "evidence", "children")
ATTACHMENT_ORDER = ("id", "name", "media_type", "caption", "internal", "data")


def in_order(item: dict[str, Any], keys: tuple[str, ...]) -> None:
    """Put the item's keys in the canonical order, in place."""
    ordered = {key: item[key] for key in keys if key in item}
    item.clear()
    item.update(ordered)


def link_references(draw: st.DrawFn, session: dict[str, Any]) -> None:
    """Factors citing timeline entries, entries showing attachments, and the `tN` / `aN`
    ids on exactly the entries and attachments that something refers to."""
    entries, attachments = session.get("timeline", []), session.get("attachments", [])
    entry_ids = [f"t{n}" for n in range(1, len(entries) + 1)]
    cited: set[str] = set()
    nodes = list(session.get("factors", []))
    while nodes:
        node = nodes.pop()
        nodes += node.get("children", [])
        if draw(st.booleans()):
            node["unknown"] = True
        if entry_ids and draw(st.booleans()):
            node["evidence"] = draw(
                st.lists(st.sampled_from(entry_ids), min_size=1, max_size=3, unique=True)
            )
            cited.update(node["evidence"])
        in_order(node, FACTOR_ORDER)
    shown: set[str] = set()
    for number, entry in enumerate(entries, 1):
        if f"t{number}" in cited:
            entry["id"] = f"t{number}"
        if attachments and draw(st.booleans()):
            entry["attachment"] = f"a{draw(st.integers(1, len(attachments)))}"
            shown.add(entry["attachment"])
        in_order(entry, ENTRY_ORDER)
    for number, attachment in enumerate(attachments, 1):
        if f"a{number}" in shown:
            attachment["id"] = f"a{number}"
        in_order(attachment, ATTACHMENT_ORDER)


@st.composite
def participants(draw: st.DrawFn) -> dict[str, Any]:
    person: dict[str, Any] = {}
    if draw(st.booleans()):
        person["name"] = draw(SOME_TEXT)
    person["role"] = draw(st.sampled_from(m.ROLES))
    if draw(st.booleans()):
        person["team"] = draw(SOME_TEXT)
    return person


@st.composite
def timelines(draw: st.DrawFn, zone: ZoneInfo) -> list[dict[str, Any]]:
    instants = sorted(draw(st.lists(INSTANTS, min_size=1, max_size=4)))
    instants += instants[:1]  # two entries at one instant: their order must hold too
    entries = []
    for at in sorted(instants):
        entry: dict[str, Any] = {"at": at.astimezone(zone).isoformat()}
        entry["kind"] = draw(st.sampled_from(m.KINDS))
        for key in ("text", "source"):
            if draw(st.booleans()):
                entry[key] = draw(SOME_TEXT)
        if draw(st.booleans()):
            entry["key"] = True
        if draw(st.booleans()):
            entry["notes"] = draw(SOME_TEXT)
        if draw(st.booleans()):
            entry["internal"] = True
        entries.append(entry)
    return entries


@st.composite
def why_chains(draw: st.DrawFn, ids: list[str]) -> list[dict[str, Any]]:
    chains = []
    for number in range(1, draw(st.integers(1, 3)) + 1):
        chain: dict[str, Any] = {"id": f"w{number}"}
        if draw(st.booleans()):
            chain["problem"] = draw(SOME_TEXT)
        if draw(st.booleans()):
            chain["whys"] = draw(st.lists(TEXT, min_size=1, max_size=4))
        if draw(st.booleans()):
            chain["root_cause"] = draw(SOME_TEXT)
        chains.append(chain)
        ids.append(chain["id"])
    return chains


def number_factors(shapes: list[Any], ids: list[str]) -> list[dict[str, Any]]:
    """Factor shapes (has text, category, children, gate) as nodes numbered depth first."""
    numbers = itertools.count(1)

    def node(shape: Any) -> dict[str, Any]:
        has_text, category, children, gate = shape
        factor: dict[str, Any] = {"id": f"f{next(numbers)}"}
        ids.append(factor["id"])
        if has_text:
            factor["text"] = f"factor {factor['id']} ✓"
        factor["category"] = category
        kids = [node(child) for child in children]
        if kids and gate:
            factor["gate"] = gate
        if kids:
            factor["children"] = kids
        return factor

    return [node(shape) for shape in shapes]


@st.composite
def actions(draw: st.DrawFn, zone: ZoneInfo, ids: list[str]) -> dict[str, Any]:
    action: dict[str, Any] = {}
    for key in ("title", "owner"):
        if draw(st.booleans()):
            action[key] = draw(SOME_TEXT)
    if draw(st.booleans()):
        action["due"] = draw(st.dates(date(1970, 1, 1), date(2100, 1, 1))).isoformat()
    if draw(st.booleans()):
        action["success_criteria"] = draw(SOME_TEXT)
    action["priority"] = draw(st.sampled_from(m.PRIORITIES))
    action["kind"] = draw(st.sampled_from(m.ACTION_KINDS))
    action["status"] = draw(st.sampled_from(m.ACTION_STATUSES))
    if draw(st.booleans()):
        action["completed_at"] = draw(INSTANTS).astimezone(zone).isoformat()
    if draw(st.booleans()):
        action["rationale"] = draw(SOME_TEXT)
    if ids and draw(st.booleans()):
        action["addresses"] = draw(st.lists(st.sampled_from(ids), min_size=1, unique=True))
    if draw(st.booleans()):
        action["tracker_url"] = draw(SOME_TEXT)
    return action


@st.composite
def attachments(draw: st.DrawFn) -> dict[str, Any]:
    attachment: dict[str, Any] = {}
    if draw(st.booleans()):
        attachment["name"] = draw(SOME_TEXT)
    attachment["media_type"] = draw(MEDIA_TYPES)
    if draw(st.booleans()):
        attachment["caption"] = draw(SOME_TEXT)
    if draw(st.booleans()):
        attachment["internal"] = True
    if draw(st.booleans()):
        attachment["data"] = draw(BASE64)
    return attachment


@pytest.fixture(scope="module")
def shared_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    # One database for every example: each import makes a new session, so examples cannot
    # disturb each other, and a function-scoped store would be reset by pytest, not by
    # hypothesis, between examples.
    opened = open_store(tmp_path_factory.mktemp("exchange") / "property.sqlite")
    yield opened
    opened.close()


@settings(max_examples=50, deadline=None)
@given(doc=canonical_documents())
def test_export_of_import_is_the_document(
    shared_store: Store, schema: jsonschema.protocols.Validator, doc: dict[str, Any]
) -> None:
    session_id = import_one(shared_store, doc)
    exported = exchange.export_session(shared_store, session_id)
    assert exported == doc
    assert exchange.dumps(exported) == exchange.dumps(doc)  # key order too
    assert json.loads(exchange.dumps(exported)) == doc
    schema.validate(exported)
