"""`facilitator check`: findings from every area, one a line, in agenda order; exit 1 or 0."""

from __future__ import annotations

import contextlib
import io
from datetime import UTC, datetime
from pathlib import Path

from facilitator import cli, sessions
from facilitator.checks import check, section_order
from facilitator.db import models as m
from facilitator.db.store import Store, open_store
from facilitator.findings import Finding


def make_clean_session(store: Store) -> str:
    """Enough of a session that no area finds anything."""
    session_id = sessions.create_session(
        store,
        "Clean",
        started_at=datetime(2026, 1, 1, 10, 0, tzinfo=UTC),
        detected_at=datetime(2026, 1, 1, 10, 5, tzinfo=UTC),
        facilitator="Grace",
        incident_lead="Ada",
    )
    with store.session() as db:
        session = sessions.get(db, session_id)
        session.participants = [
            m.Participant(name=name, role=role, position=i)
            for i, (name, role) in enumerate(
                [
                    ("Grace", "facilitator"),
                    ("Ada", "incident_lead"),
                    ("Linus", "responder"),
                    ("Barbara", "responder"),
                    ("Ken", "scribe"),
                ]
            )
        ]
    return session_id


def test_a_clean_session_has_no_findings(store: Store) -> None:
    assert check(store, make_clean_session(store)) == []


def test_findings_from_several_areas_in_agenda_order(store: Store) -> None:
    session_id = make_clean_session(store)
    sessions.update_session(store, session_id, detected_at=datetime(2026, 1, 1, 9, 0, tzinfo=UTC))
    with store.session() as db:
        chain = m.WhyChain(session_id=session_id, problem="Checkout failed", position=0)
        chain.whys = [m.Why(text="Why did you deploy on Friday?", position=0)]
        chain.root_cause = "Human error"
        db.add(chain)

    found = check(store, session_id)

    sections = [f.section for f in found]
    assert sections == sorted(sections, key=lambda s: section_order(Finding("error", s, "")))
    assert sections[0] == "details"  # key times out of order
    assert any(f.section == "whys[1]" and "only 1 why" in f.message for f in found)
    assert any("human error" in f.message.lower() for f in found)
    assert any("system allow" in f.message for f in found)


def run(db: Path, *args: str) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        status = cli.main(["--db", str(db), *args])
    return status, out.getvalue()


def test_cli_exit_status_and_line_format(db_path: Path) -> None:
    store = open_store(db_path)
    clean = make_clean_session(store)
    messy = sessions.create_session(store, "Messy")
    store.close()

    assert run(db_path, "check", clean) == (0, "")
    status, out = run(db_path, "check", messy)
    assert status == 1
    for line in out.splitlines():
        level, rest = line.split(" ", 1)
        assert level in {"error", "warning"}
        assert ": " in rest
