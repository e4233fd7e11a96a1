"""`completeness.empty_steps`: which agenda steps hold nothing yet (a step moved past while
empty is marked apart from one the meeting did)."""

from __future__ import annotations

from datetime import UTC, datetime

from facilitator import (
    agenda,
    completeness,
    exchange,
    lists,
    participants,
    sessions,
    timeline,
    whys as why_chains,
)
from facilitator.db.store import Store
from facilitator.resources import resource_path


def test_a_new_session_is_empty_but_for_its_details(store: Store) -> None:
    session_id = sessions.create_session(store, "Checkout outage")
    empty = completeness.empty_steps(store, session_id)
    assert "details" not in empty  # it has a title
    assert {"participants", "evidence", "timeline", "went-well", "whys", "summary"} <= empty
    # Steps with nothing the meeting enters are never "empty".
    assert not empty & {"wrap-up", "export", "follow-up"}


def test_steps_fill_as_the_meeting_records_things(store: Store) -> None:
    session_id = sessions.create_session(store, "Checkout outage")
    participants.add_participant(store, session_id, "Priya")
    entry = timeline.add_entry(store, session_id, datetime(2026, 1, 1, 9, 0, tzinfo=UTC), "Alert")
    lists.add_item(store, session_id, "lucky", "Low traffic at night")
    why_chains.add_chain(store, session_id, problem="Checkout failed")
    sessions.update_session(store, session_id, summary="Checkout failed for 56 minutes.")
    empty = completeness.empty_steps(store, session_id)
    assert not empty & {"participants", "timeline", "lucky", "whys", "summary"}
    assert {"walkthrough", "went-well", "evidence", "factors", "actions"} <= empty
    timeline.update_entry(store, session_id, entry, notes="We knew nothing yet")
    assert "walkthrough" not in completeness.empty_steps(store, session_id)


def test_the_demo_session_has_every_step_filled_but_evidence(store: Store) -> None:
    (demo,) = exchange.import_files(store, [resource_path("samples", "demo-session.json")])
    assert completeness.empty_steps(store, demo) == {"evidence"}  # it ships no files
    ids = {step.id for step in agenda.agenda("deep")}
    assert set(completeness.CONTENT_STEPS) <= ids  # every rule names a real step
