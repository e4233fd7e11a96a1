"""The effectiveness review: which earlier items a session lists, and recording verdicts."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from facilitator import actions, errors, review, sessions
from facilitator.db.store import Store

T0 = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)


def new_session(
    store: Store,
    title: str,
    at: datetime,
    services: tuple[str, ...] = (),
    tags: tuple[str, ...] = (),
) -> str:
    session_id = sessions.create_session(store, title, started_at=at)
    sessions.set_labels(store, session_id, "service", services)
    sessions.set_labels(store, session_id, "tag", tags)
    return session_id


@pytest.fixture
def earlier(store: Store) -> str:
    return new_session(store, "Earlier outage", T0, services=("checkout-api",), tags=("db",))


@pytest.fixture
def current(store: Store) -> str:
    return new_session(store, "Current outage", T0 + timedelta(days=60), services=("Checkout-API",))


def add(store: Store, session_id: str, title: str, **fields: object) -> str:
    return actions.add_action(store, session_id, title, **fields)  # type: ignore[arg-type]


def listed(store: Store, session_id: str) -> list[str]:
    return [c.title for c in review.review_candidates(store, session_id)]


def test_lists_open_and_recently_done_items_of_earlier_related_sessions(
    store: Store, earlier: str, current: str
) -> None:
    add(store, earlier, "Open one")
    add(store, earlier, "In progress", status="in_progress")
    add(store, earlier, "Done recently", status="done", completed_at=T0 + timedelta(days=10))
    add(store, earlier, "Done long ago", status="done", completed_at=T0 - timedelta(days=100))
    add(store, earlier, "Dropped", status="dropped", rationale="moot")
    add(store, earlier, "Backlog", priority="nice")
    candidates = review.review_candidates(store, current)
    assert [c.title for c in candidates] == ["Open one", "In progress", "Done recently"]
    first = candidates[0]
    assert (first.session_id, first.session_title, first.shared) == (
        earlier,
        "Earlier outage",
        ("checkout-api",),
    )
    assert (first.verdict, first.note, first.session_at) == (None, "", T0)


def test_unrelated_later_and_deleted_sessions_are_not_listed(
    store: Store, earlier: str, current: str
) -> None:
    unrelated = new_session(store, "Unrelated", T0, services=("search",))
    later = new_session(store, "Later", T0 + timedelta(days=90), services=("checkout-api",))
    by_tag = new_session(store, "Same tag", T0 - timedelta(days=5), tags=("DB",))
    for session_id in (unrelated, later, earlier):
        add(store, session_id, f"Item of {session_id[:4]}")
    add(store, by_tag, "Tagged item")
    assert listed(store, current) == [f"Item of {earlier[:4]}"]
    assert listed(store, earlier) == ["Tagged item"]  # shares the tag "db", case aside
    sessions.delete_session(store, by_tag)
    assert listed(store, earlier) == []
    lonely = new_session(store, "No labels", T0 + timedelta(days=400))
    assert listed(store, lonely) == []


def test_most_recent_earlier_session_comes_first(store: Store, current: str) -> None:
    old = new_session(store, "Old", T0 - timedelta(days=30), services=("checkout-api",))
    newer = new_session(store, "Newer", T0, services=("checkout-api",))
    add(store, old, "Old item")
    add(store, newer, "Newer item")
    assert listed(store, current) == ["Newer item", "Old item"]


def test_record_returns_the_previous_verdict_and_undoes(
    store: Store, earlier: str, current: str
) -> None:
    item = add(store, earlier, "Alert on saturation", owner="Jonas", due=date(2026, 7, 1))
    assert review.record_review(store, current, item, "slipped", "due date passed") is None
    previous = review.record_review(store, current, item, "criteria_not_met", "fires late")
    assert previous is not None
    assert (previous.verdict, previous.note) == ("slipped", "due date passed")
    (candidate,) = review.review_candidates(store, current)
    assert (candidate.verdict, candidate.note) == ("criteria_not_met", "fires late")
    review.restore_review(store, current, item, previous)
    (view,) = review.session_reviews(store, current)
    assert (view.verdict, view.note, view.reviewed_at) == (
        "slipped",
        "due date passed",
        previous.reviewed_at,
    )
    assert (view.title, view.owner, view.due, view.session_id) == (
        "Alert on saturation",
        "Jonas",
        date(2026, 7, 1),
        earlier,
    )
    assert view.verdict_label == "slipped"
    cleared = review.clear_review(store, current, item)
    assert cleared == previous
    assert review.session_reviews(store, current) == []
    assert review.clear_review(store, current, item) is None
    review.restore_review(store, current, item, cleared)
    assert len(review.session_reviews(store, current)) == 1
    review.restore_review(store, current, item, None)
    assert review.session_reviews(store, current) == []


def test_a_reviewed_item_stays_listed_whatever_happens_to_it(
    store: Store, earlier: str, current: str
) -> None:
    item = add(store, earlier, "Alert")
    review.record_review(store, current, item, "done")
    actions.set_status(store, earlier, item, "dropped", rationale="replaced")
    sessions.set_labels(store, earlier, "service", ["search"])
    sessions.set_labels(store, earlier, "tag", [])
    (candidate,) = review.review_candidates(store, current)
    assert (candidate.action_id, candidate.verdict, candidate.shared) == (item, "done", ())


@pytest.mark.parametrize(
    ("verdict", "note", "problem"),
    [
        ("great", "", "verdict: must be one of done, slipped, criteria_not_met"),
        ("done", 4, "note: must be text"),
    ],
)
def test_bad_reviews_are_refused(
    store: Store, earlier: str, current: str, verdict: str, note: object, problem: str
) -> None:
    item = add(store, earlier, "Alert")
    with pytest.raises(errors.ValidationError, match=problem):
        review.record_review(store, current, item, verdict, note)  # type: ignore[arg-type]


def test_a_session_cannot_review_its_own_items(store: Store, earlier: str) -> None:
    item = add(store, earlier, "Alert")
    with pytest.raises(errors.ValidationError, match="not its own"):
        review.record_review(store, earlier, item, "done")
    with pytest.raises(errors.NotFoundError):
        review.record_review(store, earlier, "missing", "done")


def test_verdict_labels_cover_every_verdict() -> None:
    from facilitator.db import models as m

    assert set(review.VERDICT_LABELS) == set(m.REVIEW_VERDICTS)
