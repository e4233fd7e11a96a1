"""Blameful phrasing across a session: findings per step, and the lean counts the app reads."""

from __future__ import annotations

from datetime import UTC, datetime

from facilitator import factors, lists, sessions, timeline, whys
from facilitator.db.store import Store
from facilitator.language_findings import language_counts, session_language_findings, step_of

BLAME = "John deployed broken code."


def _blameful_session(store: Store) -> str:
    session_id = sessions.create_session(
        store, "Outage because Jane ignored the alert", summary=f"Checkout failed. {BLAME}"
    )
    sessions.update_session(store, session_id, impact_internal="It was human error.")
    at = datetime(2026, 1, 1, 10, 0, tzinfo=UTC)
    timeline.add_entry(store, session_id, at, BLAME, notes="Tom accidentally deleted the queue.")
    timeline.add_entry(store, session_id, at, "Alice restarted the database at 02:30.")
    lists.add_item(store, session_id, "went_poorly", "The on-call engineer was careless.")
    lists.add_item(store, session_id, "went_well", "The alert fired within a minute.")
    lists.add_item(store, session_id, "parking_lot", "Who was responsible for the runbook?")
    whys.add_chain(store, session_id, problem="Pool exhausted", whys=["You deployed on Friday."])
    factors.add_factor(store, session_id, text="Operator error")
    return session_id


def test_counts_every_step_with_blameful_phrasing(store: Store) -> None:
    session_id = _blameful_session(store)
    assert language_counts(store, session_id) == {
        "details": 1,
        "summary": 2,
        "timeline": 1,
        "walkthrough": 1,
        "went-poorly": 1,
        "wrap-up": 1,
        "whys": 1,
        "factors": 1,
    }


def test_findings_name_the_step_and_item(store: Store) -> None:
    session_id = _blameful_session(store)
    found = session_language_findings(sessions.load_session(store, session_id))
    sections = [f.section for f in found]
    assert "timeline[1]" in sections
    assert "went-poorly[1]" in sections
    assert "whys[1]" in sections
    assert all(f.level == "warning" for f in found)
    timeline_finding = next(f for f in found if f.section == "timeline[1]")
    assert timeline_finding.message.startswith("“John deployed broken”: A person is the subject")
    counts: dict[str, int] = {}
    for finding in found:
        counts[step_of(finding.section)] = counts.get(step_of(finding.section), 0) + 1
    assert counts == language_counts(store, session_id)


def test_a_clean_session_counts_nothing(store: Store) -> None:
    session_id = sessions.create_session(store, "Checkout outage")
    lists.add_item(store, session_id, "went_poorly", "The deploy tool allowed a bad config.")
    assert language_counts(store, session_id) == {}
    assert session_language_findings(sessions.load_session(store, session_id)) == []


def test_an_unknown_session_counts_nothing(store: Store) -> None:
    assert language_counts(store, "nope") == {}
