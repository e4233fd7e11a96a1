"""Participants: undo-friendly edits, order, and the warnings about who is in the room."""

from __future__ import annotations

import pytest

from facilitator import errors, participants, sessions
from facilitator.db.store import Store


@pytest.fixture
def session_id(store: Store) -> str:
    return sessions.create_session(store, "Checkout outage")


def names(store: Store, session_id: str) -> list[str]:
    return [p.name for p in participants.load_participants(store, session_id)]


def test_add_keeps_order_and_fields(store: Store, session_id: str) -> None:
    first = participants.add_participant(store, session_id, "Ana", role="facilitator", team="SRE")
    participants.add_participant(store, session_id, "Cleo")
    participants.add_participant(store, session_id, "Bo", index=1)
    stored = participants.load_participants(store, session_id)
    assert [p.name for p in stored] == ["Ana", "Bo", "Cleo"]
    assert [p.position for p in stored] == [0, 1, 2]
    assert (stored[0].id, stored[0].role, stored[0].team) == (first, "facilitator", "SRE")
    assert stored[1].role == "responder"


@pytest.mark.parametrize(
    ("kwargs", "problem"),
    [
        ({"name": " "}, "name: must not be empty"),
        ({"role": "boss"}, "role: must be one of facilitator"),
        ({"team": 3}, "team: must be text"),
        ({"index": 1}, "index: must be between 0 and 0"),
    ],
)
def test_bad_participants_are_refused(
    store: Store, session_id: str, kwargs: dict[str, object], problem: str
) -> None:
    arguments: dict[str, object] = {"name": "Ana", **kwargs}
    with pytest.raises(errors.ValidationError, match=problem):
        participants.add_participant(store, session_id, **arguments)  # type: ignore[arg-type]
    assert names(store, session_id) == []


def test_update_returns_the_previous_values(store: Store, session_id: str) -> None:
    pid = participants.add_participant(store, session_id, "Ana", team="SRE")
    previous = participants.update_participant(store, session_id, pid, role="scribe", team="")
    assert previous == {"role": "responder", "team": "SRE"}
    participants.update_participant(store, session_id, pid, **previous)
    (stored,) = participants.load_participants(store, session_id)
    assert (stored.name, stored.role, stored.team) == ("Ana", "responder", "SRE")


def test_remove_and_restore_exactly(store: Store, session_id: str) -> None:
    ids = [participants.add_participant(store, session_id, n) for n in ("Ana", "Bo", "Cleo")]
    participants.update_participant(store, session_id, ids[1], role="scribe", team="Web")
    record = participants.remove_participant(store, session_id, ids[1])
    assert record == participants.ParticipantRecord(ids[1], 1, "Bo", "scribe", "Web")
    assert names(store, session_id) == ["Ana", "Cleo"]
    assert [p.position for p in participants.load_participants(store, session_id)] == [0, 1]
    participants.restore_participant(store, session_id, record)
    stored = participants.load_participants(store, session_id)
    assert [(p.id, p.position, p.name, p.role, p.team) for p in stored][1] == (
        ids[1],
        1,
        "Bo",
        "scribe",
        "Web",
    )
    assert [p.id for p in stored] == ids
    with pytest.raises(errors.ValidationError, match="already exists"):
        participants.restore_participant(store, session_id, record)


def test_move_returns_the_old_index(store: Store, session_id: str) -> None:
    ids = [participants.add_participant(store, session_id, n) for n in ("Ana", "Bo", "Cleo")]
    assert participants.move_participant(store, session_id, ids[2], 0) == 2
    assert names(store, session_id) == ["Cleo", "Ana", "Bo"]
    participants.move_participant(store, session_id, ids[2], 2)
    assert names(store, session_id) == ["Ana", "Bo", "Cleo"]
    with pytest.raises(errors.ValidationError, match="between 0 and 2"):
        participants.move_participant(store, session_id, ids[0], -1)


def test_other_sessions_participants_are_not_found(store: Store, session_id: str) -> None:
    other = sessions.create_session(store, "Other")
    theirs = participants.add_participant(store, other, "Zed")
    with pytest.raises(errors.NotFoundError, match="no participant"):
        participants.remove_participant(store, session_id, theirs)
    with pytest.raises(errors.NotFoundError, match="no session"):
        participants.add_participant(store, "missing", "Ana")


def test_removals_undone_in_stack_order_give_back_the_list(store: Store, session_id: str) -> None:
    ids = [participants.add_participant(store, session_id, f"P{i}") for i in range(5)]
    records = [participants.remove_participant(store, session_id, ids[i]) for i in (3, 0, 4)]
    assert names(store, session_id) == ["P1", "P2"]
    for record in reversed(records):  # the undo stack's order
        participants.restore_participant(store, session_id, record)
    stored = participants.load_participants(store, session_id)
    assert [(p.id, p.position) for p in stored] == [(i, n) for n, i in enumerate(ids)]


# Findings


def session_with(
    store: Store, people: list[tuple[str, str]], *, facilitator: str = "", lead: str = ""
) -> sessions.m.Session:
    session_id = sessions.create_session(store, "x", facilitator=facilitator, incident_lead=lead)
    for name, role in people:
        participants.add_participant(store, session_id, name, role=role)
    return sessions.load_session(store, session_id)


def messages(session: sessions.m.Session) -> list[str]:
    found = participants.participant_findings(session)
    assert all((f.level, f.section) == ("warning", "participants") for f in found)
    return [f.message for f in found]


def crowd(count: int) -> list[tuple[str, str]]:
    return [(f"Person {i}", "responder") for i in range(count)]


def test_a_well_formed_room_has_no_findings(store: Store) -> None:
    session = session_with(store, [("Fay", "facilitator"), ("Lee", "incident_lead"), *crowd(3)])
    assert messages(session) == []


@pytest.mark.parametrize(("count", "flagged"), [(4, True), (5, False), (12, False), (13, True)])
def test_room_size_outside_5_to_12_is_flagged(store: Store, count: int, flagged: bool) -> None:
    session = session_with(store, crowd(count), facilitator="Fay")
    found = messages(session)
    assert bool(found) is flagged
    if flagged:
        assert found[0].startswith(f"{count} participants; 5–12")


def test_an_empty_room_is_flagged(store: Store) -> None:
    assert messages(session_with(store, [])) == [
        "0 participants; 5–12 bring enough viewpoints while everyone can still speak",
        "no facilitator is named",
    ]


def test_no_facilitator_named(store: Store) -> None:
    assert messages(session_with(store, crowd(5))) == ["no facilitator is named"]


@pytest.mark.parametrize(
    ("people", "facilitator", "lead"),
    [
        ([], "Sam Lee", "sam lee "),
        ([("Sam Lee", "facilitator"), ("SAM LEE", "incident_lead")], "", ""),
        ([("Sam Lee", "incident_lead")], "sam lee", "Someone"),
        ([("Sam Lee", "facilitator")], "", "Sam lee"),
    ],
)
def test_a_facilitator_who_is_also_the_lead_is_flagged(
    store: Store, people: list[tuple[str, str]], facilitator: str, lead: str
) -> None:
    session = session_with(store, [*people, *crowd(5)], facilitator=facilitator, lead=lead)
    (message,) = messages(session)
    assert message.casefold().startswith("sam lee is both the facilitator and the incident lead")
