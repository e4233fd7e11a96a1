"""The wrap-up recap: list counts, next steps, and participant findings read cheaply."""

from __future__ import annotations

from datetime import date

import pytest

from facilitator import evidence, lists, participants, recap, sessions
from facilitator.db import models as m
from facilitator.db.store import Store


@pytest.fixture
def session_id(store: Store) -> str:
    return sessions.create_session(store, "Checkout outage")


def add_action(store: Store, session_id: str, **values: object) -> None:
    with store.session() as db:
        db.add(m.ActionItem(session_id=session_id, **values))


def test_counts_every_list_in_order(store: Store, session_id: str) -> None:
    lists.add_item(store, session_id, "went_well", "Alert fired fast")
    lists.add_item(store, session_id, "went_well", "Rollback was easy")
    lists.add_item(store, session_id, "parking_lot", "Staging budget")
    result = recap.recap(store, session_id)
    assert list(result.counts) == list(m.LISTS)
    assert result.counts == {"went_well": 2, "went_poorly": 0, "lucky": 0, "parking_lot": 1}
    assert result.actions == 0


def test_a_fresh_session_is_told_to_agree_actions_and_write_the_summary(
    store: Store, session_id: str
) -> None:
    steps = recap.recap(store, session_id).next_steps
    assert steps[0].startswith("Agree on the action items")
    assert any("executive summary" in s for s in steps)
    assert steps[-1].startswith("Share the write-up")
    assert not any("parked" in s for s in steps)


def test_actions_counted_are_must_and_should_not_dropped(store: Store, session_id: str) -> None:
    add_action(store, session_id, title="Cap retries", priority="must", owner="Sam")
    add_action(store, session_id, title="Nice dashboard", priority="nice")
    add_action(store, session_id, title="Old", priority="should", status="dropped")
    add_action(
        store,
        session_id,
        title="Alert on pool use",
        priority="should",
        owner="Ana",
        due=date(2026, 6, 1),
        success_criteria="Paged before exhaustion",
    )
    sessions.update_session(store, session_id, summary="Checkout failed. We fixed it.")
    result = recap.recap(store, session_id)
    assert result.actions == 2
    assert result.next_steps[0] == (
        "1 action item still needs an owner, a deadline or success criteria."
    )
    assert not any("executive summary" in s for s in result.next_steps)


def test_complete_actions_are_ready_to_track() -> None:
    steps = recap.next_steps({"parking_lot": 0}, 2, 0, "Done.")
    assert steps[0] == "2 action items are ready to track at the follow-up."
    assert recap.next_steps({}, 1, 0, "x")[0] == "1 action item is ready to track at the follow-up."


def test_incomplete_counts_and_grammar() -> None:
    steps = recap.next_steps({}, 3, 2, "")
    assert steps[0] == "2 action items still need an owner, a deadline or success criteria."


@pytest.mark.parametrize(
    ("parked", "expected"),
    [(1, "Give the parked topic an owner"), (3, "Give each of the 3 parked topics an owner")],
)
def test_parked_topics_need_a_home(parked: int, expected: str) -> None:
    steps = recap.next_steps({"parking_lot": parked}, 1, 0, "x")
    assert any(s.startswith(expected) for s in steps)


def test_room_findings_match_the_core_without_loading_evidence(
    store: Store, session_id: str
) -> None:
    evidence.add_attachment(store, session_id, "big.bin", b"x" * 1000)
    sessions.update_session(store, session_id, facilitator="Ana", incident_lead="Ana")
    participants.add_participant(store, session_id, "Ben")
    found = recap.room_findings(store, session_id)
    snapshot = sessions.load_session(store, session_id)
    assert found == participants.participant_findings(snapshot)
    assert [f.message.split(";")[0] for f in found] == [
        "1 participant",
        "Ana is both the facilitator and the incident lead",
    ]
