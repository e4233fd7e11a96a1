"""The sessions service: create, edit, search, filter, trash."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from facilitator import errors, sessions
from facilitator.db import models as m
from facilitator.db.store import Store


def add_entry(store: Store, session_id: str, text: str) -> None:
    with store.session() as db:
        db.add(m.TimelineEntry(session_id=session_id, at=datetime.now(UTC), text=text))


def test_create_and_load(store: Store) -> None:
    session_id = sessions.create_session(
        store, "Checkout outage", severity="SEV1", depth="quick", timezone="Europe/Berlin"
    )
    session = sessions.load_session(store, session_id)
    assert (session.title, session.severity, session.depth, session.status) == (
        "Checkout outage",
        "SEV1",
        "quick",
        "draft",
    )
    assert session.timezone == "Europe/Berlin"


@pytest.mark.parametrize(
    ("kwargs", "where"),
    [
        ({"title": "  "}, "title"),
        ({"title": "x", "severity": "SEV9"}, "severity"),
        ({"title": "x", "depth": "shallow"}, "depth"),
        ({"title": "x", "timezone": "Mars/Olympus"}, "timezone"),
    ],
)
def test_create_refuses_bad_values(store: Store, kwargs: dict[str, str], where: str) -> None:
    with pytest.raises(errors.ValidationError) as caught:
        sessions.create_session(store, **kwargs)
    assert caught.value.where == where
    assert sessions.list_sessions(store) == []


def test_update_is_all_or_nothing(store: Store) -> None:
    session_id = sessions.create_session(store, "Before")
    with pytest.raises(errors.ValidationError):
        sessions.update_session(store, session_id, title="After", status="finished")
    assert sessions.load_session(store, session_id).title == "Before"


def test_update_refuses_naive_times_and_unknown_fields(store: Store) -> None:
    session_id = sessions.create_session(store, "Times")
    with pytest.raises(errors.ValidationError, match="zone"):
        sessions.update_session(store, session_id, started_at=datetime(2026, 1, 1, 12, 0))
    with pytest.raises(errors.ValidationError, match="not a field"):
        sessions.update_session(store, session_id, colour="red")
    started = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)
    assert sessions.update_session(store, session_id, started_at=started).started_at == started


def test_text_fields_are_capped(store: Store) -> None:
    session_id = sessions.create_session(store, "Long")
    with pytest.raises(errors.ValidationError, match="longer than"):
        sessions.update_session(store, session_id, summary="x" * (sessions.MAX_TEXT + 1))


def test_list_is_newest_first_and_searches_case_insensitively(store: Store) -> None:
    first = sessions.create_session(store, "Database pool exhaustion")
    second = sessions.create_session(store, "DNS outage")
    add_entry(store, second, "Resolver cache POISONED at 10:02")
    sessions.update_session(store, first, summary="Retries 100% amplified the load")

    assert [row.id for row in sessions.list_sessions(store)] == [first, second]
    assert [row.id for row in sessions.list_sessions(store, search="poisoned")] == [second]
    assert [row.id for row in sessions.list_sessions(store, search="DATABASE")] == [first]
    assert [row.id for row in sessions.list_sessions(store, search="100%")] == [first]
    assert sessions.list_sessions(store, search="_") == []  # LIKE wildcards are literal


def test_filters_by_severity_status_service_and_tag(store: Store) -> None:
    a = sessions.create_session(store, "A", severity="SEV1")
    b = sessions.create_session(store, "B", severity="SEV2")
    sessions.set_labels(store, a, "service", ["checkout", "payments", "checkout", " "])
    sessions.set_labels(store, b, "tag", ["dns"])
    sessions.update_session(store, b, status="completed")

    assert sessions.load_session(store, a).services == ["checkout", "payments"]
    assert [r.id for r in sessions.list_sessions(store, severity="SEV1")] == [a]
    assert [r.id for r in sessions.list_sessions(store, status="completed")] == [b]
    assert [r.id for r in sessions.list_sessions(store, service="payments")] == [a]
    assert [r.id for r in sessions.list_sessions(store, tag="dns")] == [b]
    assert sessions.label_values(store, "service") == ["checkout", "payments"]


def test_action_progress_counts_must_and_should_only(store: Store) -> None:
    session_id = sessions.create_session(store, "Progress")
    with store.session() as db:
        db.add_all(
            [
                m.ActionItem(session_id=session_id, title="a", priority="must", status="done"),
                m.ActionItem(session_id=session_id, title="b", priority="should"),
                m.ActionItem(session_id=session_id, title="c", priority="nice", status="done"),
            ]
        )
    (row,) = sessions.list_sessions(store)
    assert (row.actions_done, row.actions_total) == (1, 2)


def test_trash_restore_and_empty(store: Store) -> None:
    keep = sessions.create_session(store, "Keep")
    doomed = sessions.create_session(store, "Doomed")
    add_entry(store, doomed, "an entry that goes with it")

    sessions.delete_session(store, doomed)
    assert [r.id for r in sessions.list_sessions(store)] == [keep]
    assert [r.id for r in sessions.list_sessions(store, trash=True)] == [doomed]

    sessions.restore_session(store, doomed)
    assert {r.id for r in sessions.list_sessions(store)} == {keep, doomed}

    sessions.delete_session(store, doomed)
    assert sessions.empty_trash(store) == 1
    with pytest.raises(errors.NotFoundError):
        sessions.load_session(store, doomed)
    with store.session() as db:
        assert db.query(m.TimelineEntry).count() == 0  # cascaded with its session


def test_unknown_id(store: Store) -> None:
    with pytest.raises(errors.NotFoundError, match="no session"):
        sessions.update_session(store, "nope", title="x")


def test_completing_is_refused_while_a_committed_action_is_incomplete(store: Store) -> None:
    from facilitator.completeness import IncompleteSessionError

    session_id = sessions.create_session(store, "Incomplete")
    with store.session() as db:
        db.add(m.ActionItem(session_id=session_id, title="Add a canary", priority="must"))
    with pytest.raises(IncompleteSessionError):
        sessions.update_session(store, session_id, status="completed")
    assert sessions.load_session(store, session_id).status == "draft"
    sessions.update_session(store, session_id, status="in_meeting")  # other moves are fine


def test_duplicate_is_a_faithful_draft_copy_under_new_ids(store: Store) -> None:
    from facilitator import exchange

    original = sessions.create_session(
        store, "Queue backlog", severity="SEV1", depth="deep", timezone="Europe/Berlin"
    )
    add_entry(store, original, "consumer lag alert")
    sessions.set_labels(store, original, "service", ["queue"])
    sessions.update_session(
        store, original, status="in_meeting", current_step="whys", step_elapsed={"whys": 90}
    )

    copy_id = sessions.duplicate_session(store, original)

    assert copy_id != original
    copy = sessions.load_session(store, copy_id)
    assert (copy.title, copy.status, copy.severity, copy.depth, copy.timezone) == (
        "Queue backlog (copy)",
        "draft",
        "SEV1",
        "deep",
        "Europe/Berlin",
    )
    fresh = sessions.load_session(store, sessions.create_session(store, "Fresh"))
    assert (copy.current_step, copy.step_elapsed) == (fresh.current_step, fresh.step_elapsed)
    assert [e.text for e in copy.timeline] == ["consumer lag alert"]
    source = sessions.load_session(store, original)
    assert {e.id for e in copy.timeline}.isdisjoint(e.id for e in source.timeline)
    # Everything else is the same document.
    theirs, ours = exchange.export_session(store, original), exchange.export_session(store, copy_id)
    for doc in (theirs, ours):
        del doc["session"]["title"], doc["session"]["status"]
    assert ours == theirs
    assert (source.status, source.current_step) == ("in_meeting", "whys")  # untouched


def test_duplicating_an_unknown_or_trashed_session(store: Store) -> None:
    with pytest.raises(errors.NotFoundError):
        sessions.duplicate_session(store, "nope")
    trashed = sessions.create_session(store, "Gone")
    sessions.delete_session(store, trashed)
    copy_id = sessions.duplicate_session(store, trashed)  # a way to start again from it
    assert [r.id for r in sessions.list_sessions(store)] == [copy_id]
