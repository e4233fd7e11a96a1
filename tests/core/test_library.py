"""The library listing: the same answers read straight from the file (the app's first window)
as through the store, and the file read directly only when it is at the current schema."""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from facilitator import actions, library, sessions, timeline
from facilitator.db.store import Store

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def filled(store: Store) -> Store:
    """Sessions with labels, actions, a timeline, special characters, one in the trash."""
    pool = sessions.create_session(
        store, "Pool exhaustion", severity="SEV2", incident_ref="INC-100_%", summary="DB pool"
    )
    sessions.set_labels(store, pool, "service", ["checkout", "payments"])
    sessions.set_labels(store, pool, "tag", ["database"])
    sessions.update_session(store, pool, started_at=datetime(2026, 3, 1, 14, 5, tzinfo=UTC))
    first = actions.add_action(store, pool, "Cap retries", priority="must")
    actions.update_action(store, pool, first, status="done")
    actions.add_action(store, pool, "Alert on pool wait", priority="should")
    actions.add_action(store, pool, "Nice to have", priority="nice")
    dns = sessions.create_session(store, "DNS outage", severity="SEV1", status="completed")
    sessions.set_labels(store, dns, "service", ["edge"])
    timeline.add_entry(store, dns, datetime(2026, 2, 1, 9, 0, tzinfo=UTC), "Resolver FIRING")
    sessions.create_session(store, "Ünïcode café")
    gone = sessions.create_session(store, "Old drill", severity="SEV4")
    sessions.set_labels(store, gone, "tag", ["drill"])
    sessions.delete_session(store, gone)
    return store


FILTERS = [
    {},
    {"search": "pool"},
    {"search": "POOL"},
    {"search": "firing"},  # in a timeline entry only
    {"search": "_%"},  # LIKE's wildcards are searched for as themselves
    {"search": "inc-100_"},
    {"search": "café"},
    {"search": "nothing like it"},
    {"severity": "SEV1"},
    {"status": "completed"},
    {"service": "payments"},
    {"tag": "database"},
    {"service": "edge", "severity": "SEV2"},
    {"trash": True},
    {"trash": True, "tag": "drill"},
    {"limit": 2},
]


@pytest.mark.parametrize("filters", FILTERS, ids=[str(f) for f in FILTERS])
def test_the_file_read_directly_lists_what_the_store_lists(filled, db_path, filters):
    direct = library.LibraryFile.open(db_path)
    assert direct is not None
    try:
        assert library.list_sessions(direct, **filters) == sessions.list_sessions(filled, **filters)
    finally:
        direct.close()


@pytest.mark.parametrize("filters", FILTERS, ids=[str(f) for f in FILTERS])
def test_labels_and_progress_are_the_same_read_by_id_or_for_the_whole_library(
    filled, db_path, filters, monkeypatch
):
    """A few listed sessions have their labels and actions read by id, many read for every
    live (or trashed) session at once: the same rows either way."""
    direct = library.LibraryFile.open(db_path)
    assert direct is not None
    try:
        by_id = library.list_sessions(direct, **filters)
        monkeypatch.setattr(library, "FEW", 0)
        assert library.list_sessions(direct, **filters) == by_id
    finally:
        direct.close()


@pytest.mark.parametrize("filters", FILTERS, ids=[str(f) for f in FILTERS])
def test_a_search_that_folds_case_itself_finds_the_same(filled, db_path, filters):
    """SQLite's LIKE ignores ASCII case, so its search compares the texts as they are; a
    database whose LIKE compares case (PostgreSQL) gets lower(text): the same sessions."""

    class CaseSensitiveLike:
        dialect = "postgresql"

        def __init__(self, file: library.LibraryFile) -> None:
            self.rows = file.rows

    direct = library.LibraryFile.open(db_path)
    assert direct is not None
    try:
        folded = library.list_sessions(CaseSensitiveLike(direct), **filters)
        assert folded == library.list_sessions(direct, **filters)
    finally:
        direct.close()


def test_a_limited_listing_is_the_start_of_the_whole(filled, db_path):
    whole = sessions.list_sessions(filled)
    assert sessions.list_sessions(filled, limit=2) == whole[:2]
    assert whole[0].title == "Ünïcode café"  # newest first


def test_the_listing_carries_labels_progress_and_instants(filled, db_path):
    direct = library.LibraryFile.open(db_path)
    assert direct is not None
    rows = {row.title: row for row in library.list_sessions(direct)}
    direct.close()
    pool = rows["Pool exhaustion"]
    assert pool.services == ("checkout", "payments")
    assert pool.tags == ("database",)
    assert (pool.actions_done, pool.actions_total) == (1, 2)  # the backlog does not count
    assert pool.started_at == datetime(2026, 3, 1, 14, 5, tzinfo=UTC)
    assert pool.updated_at.tzinfo is UTC
    assert set(rows) == {"Pool exhaustion", "DNS outage", "Ünïcode café"}


def test_label_values_agree(filled, db_path):
    direct = library.LibraryFile.open(db_path)
    assert direct is not None
    try:
        for kind in ("service", "tag"):
            assert library.label_values(direct, kind) == sessions.label_values(filled, kind)
        assert library.label_values(direct, "tag") == ["database"]  # not the trashed "drill"
    finally:
        direct.close()


def test_only_a_file_at_the_current_schema_is_read_directly(tmp_path):
    assert library.LibraryFile.open(tmp_path / "missing.sqlite") is None
    old = tmp_path / "old.sqlite"
    shutil.copy(FIXTURES / "revision-0001.sqlite", old)
    assert library.LibraryFile.open(old) is None  # the store migrates it first
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"not a database, not even close" * 10)
    assert library.LibraryFile.open(junk) is None
    foreign = tmp_path / "foreign.sqlite"
    import sqlite3

    with sqlite3.connect(foreign) as connection:
        connection.execute("CREATE TABLE notes (text)")
    assert library.LibraryFile.open(foreign) is None
    assert library.LibraryFile.open(tmp_path) is None  # a folder


def test_a_direct_read_never_writes(filled, db_path):
    direct = library.LibraryFile.open(db_path)
    assert direct is not None
    with pytest.raises(Exception, match="readonly"):
        direct.rows("DELETE FROM sessions", {})
    direct.close()
    assert len(sessions.list_sessions(filled)) == 3


def test_reading_the_library_loads_no_sqlalchemy():
    code = (
        "import sys, facilitator.library, facilitator.db.choices, facilitator.zones\n"
        "print('sqlalchemy' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == "False"
