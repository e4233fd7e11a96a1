"""The session window's notice of earlier related action items still to review."""

from __future__ import annotations

from datetime import UTC, datetime

from facilitator import actions, review, sessions
from tests.ui.helpers import session_window


def related_pair(store) -> tuple[str, str]:
    """Two sessions of one service; the earlier has one open must item. (earlier, later)"""
    earlier = sessions.create_session(
        store, "Cache stampede", started_at=datetime(2026, 3, 1, 9, tzinfo=UTC)
    )
    later = sessions.create_session(
        store, "Checkout errors", started_at=datetime(2026, 5, 1, 9, tzinfo=UTC)
    )
    for session_id in (earlier, later):
        sessions.set_labels(store, session_id, "service", ["checkout-api"])
    actions.add_action(store, earlier, "Add jitter to cache expiry", owner="Ada", priority="must")
    return earlier, later


def test_opening_a_session_offers_the_review_and_jumps_to_follow_up(
    qtbot, store, style, settings, workers, clock
):
    _, later = related_pair(store)
    window = session_window(qtbot, store, later, style, settings, workers, clock)
    notice = window.review_notice
    qtbot.waitUntil(notice.isVisible, timeout=5000)
    assert notice.label.text() == "1 action item from an earlier related session to review"
    notice.review_button.click()
    assert window.current == "follow-up"
    assert not notice.isVisible()


def test_the_notice_can_be_dismissed_and_stays_away_when_all_are_reviewed(
    qtbot, store, style, settings, workers, clock
):
    earlier, later = related_pair(store)
    window = session_window(qtbot, store, later, style, settings, workers, clock)
    qtbot.waitUntil(window.review_notice.isVisible, timeout=5000)
    window.review_notice.dismiss_button.click()
    assert not window.review_notice.isVisible()

    (item,) = review.review_candidates(store, later)
    review.record_review(store, later, item.action_id, "slipped")
    again = session_window(qtbot, store, later, style, settings, workers, clock)
    workers.wait()
    qtbot.wait(50)  # the count arrives as a queued signal
    assert not again.review_notice.isVisible()
    first = session_window(qtbot, store, earlier, style, settings, workers, clock)
    workers.wait()
    qtbot.wait(50)
    assert not first.review_notice.isVisible()  # nothing earlier than it
