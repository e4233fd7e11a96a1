"""Who takes part in a session: names, roles and teams, in the order the room lists them,
and the warnings the practice asks for (5–12 people, a facilitator who is not the lead).

Undo conventions are those of `facilitator.timeline`: `add_participant` returns the new id,
`update_participant` the previous values, `remove_participant` a record that
`restore_participant` puts back in its place, `move_participant` the old index.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypedDict, Unpack, cast

from sqlalchemy import select
from sqlalchemy.orm import Session as OrmSession

from facilitator import editing, errors, sessions
from facilitator.db import models as m
from facilitator.db.store import Store
from facilitator.findings import Finding

WHAT = "participant"
SECTION = "participants"
FEWEST, MOST = 5, 12  # fewer misses viewpoints; more and people stop speaking up


@dataclass(frozen=True)
class ParticipantRecord:
    """A removed participant, everything `restore_participant` needs."""

    id: str
    position: int
    name: str
    role: str
    team: str


class ParticipantChanges(TypedDict, total=False):
    name: str
    role: str
    team: str


def load_participants(store: Store, session_id: str) -> list[m.Participant]:
    """Detached participants of one session in their order."""
    with store.session() as db:
        sessions.get(db, session_id, full=False)
        return _rows(db, session_id)


def add_participant(
    store: Store,
    session_id: str,
    name: str,
    *,
    role: str = "responder",
    team: str = "",
    index: int | None = None,
) -> str:
    """Add a participant at `index` (None: at the end); return the new id."""
    values = editing.check_fields({"name": name, "role": role, "team": team}, _CHECKERS, WHAT)
    participant = m.Participant(session_id=session_id, **values)
    return editing.add_row(store, session_id, participant, lambda db: _rows(db, session_id), index)


def update_participant(
    store: Store, session_id: str, participant_id: str, **changes: Unpack[ParticipantChanges]
) -> ParticipantChanges:
    """Change a participant's name, role or team; return the previous values (the undo)."""
    with store.session() as db:
        row = editing.owned(db, m.Participant, WHAT, session_id, participant_id)
        previous, changed = editing.apply_changes(row, WHAT, changes, _CHECKERS)
        if changed:
            sessions.touch(db, session_id)
    return cast(ParticipantChanges, previous)


def remove_participant(store: Store, session_id: str, participant_id: str) -> ParticipantRecord:
    """Delete a participant; return the record that `restore_participant` takes."""
    with store.session() as db:
        row = editing.owned(db, m.Participant, WHAT, session_id, participant_id)
        record = editing.record_of(ParticipantRecord, row)
        rows = _rows(db, session_id)
        rows.remove(row)
        db.delete(row)
        editing.renumber(rows)
        sessions.touch(db, session_id)
    return record


def restore_participant(store: Store, session_id: str, record: ParticipantRecord) -> None:
    """Put a removed participant back with the same id, in the same place."""
    with store.session() as db:
        sessions.touch(db, session_id)
        if db.get(m.Participant, record.id) is not None:
            raise errors.ValidationError("id", f"participant {record.id!r} already exists")
        row = m.Participant(session_id=session_id, **editing.values_of(record))
        rows = _rows(db, session_id)
        editing.insert(rows, row, record.position)
        db.add(row)


def move_participant(store: Store, session_id: str, participant_id: str, new_index: int) -> int:
    """Move a participant to `new_index`; return the old index (moving back undoes it)."""
    with store.session() as db:
        row = editing.owned(db, m.Participant, WHAT, session_id, participant_id)
        old_index = editing.move(_rows(db, session_id), row, new_index)
        if old_index != new_index:
            sessions.touch(db, session_id)
    return old_index


def participant_findings(session: m.Session) -> list[Finding]:
    """Warnings about who is in the room, for `facilitator check` and the participants page."""
    found = []
    count = len(session.participants)
    if count < FEWEST or count > MOST:
        found.append(
            Finding(
                "warning",
                SECTION,
                f"{count} participant{'' if count == 1 else 's'}; "
                f"{FEWEST}–{MOST} bring enough viewpoints while everyone can still speak",
            )
        )
    facilitators = _names(session.facilitator, session, "facilitator")
    leads = _names(session.incident_lead, session, "incident_lead")
    if not facilitators:
        found.append(Finding("warning", SECTION, "no facilitator is named"))
    for name in sorted(facilitators.keys() & leads.keys()):
        found.append(
            Finding(
                "warning",
                SECTION,
                f"{facilitators[name]} is both the facilitator and the incident lead; "
                "a facilitator who was not in the incident can stay neutral",
            )
        )
    return found


def _names(named: str, session: m.Session, role: str) -> dict[str, str]:
    """Who holds `role`: the session's field and the participants with that role, keyed
    case-insensitively (so "Sam Lee" and "sam lee" are one person) to the name as first
    written (hence `reversed`: earlier spellings overwrite later ones)."""
    candidates = [named, *(p.name for p in session.participants if p.role == role)]
    return {name.strip().casefold(): name.strip() for name in reversed(candidates) if name.strip()}


def _rows(db: OrmSession, session_id: str) -> list[m.Participant]:
    query = select(m.Participant).where(m.Participant.session_id == session_id)
    return list(db.scalars(query.order_by(m.Participant.position)))


_CHECKERS: dict[str, editing.Checker] = {
    "name": editing.check_filled,
    "role": lambda field, value: sessions.check_choice(field, value, m.ROLES),
    "team": sessions.check_text,
}
