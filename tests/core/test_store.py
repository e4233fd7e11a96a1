"""Opening databases: creation, pragmas, upgrades with a backup, and every way a file can be bad."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from facilitator import errors, sessions
from facilitator.db import store as store_module
from facilitator.db.migrate import script_revisions
from facilitator.db.models import Base
from facilitator.db.store import HEAD, REVISIONS, current_revision, list_backups, open_store

FIXTURES = Path(__file__).parent / "fixtures"


def file_bytes(path: Path) -> bytes:
    return path.read_bytes()


def test_revisions_match_the_migration_scripts() -> None:
    assert list(REVISIONS) == script_revisions()


def test_a_new_file_is_created_and_stamped(db_path: Path) -> None:
    store = open_store(db_path)
    assert current_revision(store.engine) == HEAD
    assert store.backup_path is None
    store.close()


def test_pragmas_hold_on_every_connection(store: store_module.Store) -> None:
    # Two at once, so the second is a new connection from the pool: each must get the pragmas.
    with store.engine.connect() as first, store.engine.connect() as second:
        for connection in (first, second):
            assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
            assert connection.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
            assert connection.execute(text("PRAGMA busy_timeout")).scalar() == 5000


def test_created_schema_equals_the_migrated_one(tmp_path: Path) -> None:
    """create_all (new files) and the migrations (old files) must give the same schema."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    migrated = tmp_path / "old.sqlite"
    shutil.copy(FIXTURES / "revision-0001.sqlite", migrated)
    store = open_store(migrated)
    with store.engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    store.close()
    assert diff == []


def test_an_older_file_is_backed_up_then_upgraded(tmp_path: Path) -> None:
    old = tmp_path / "library.sqlite"
    shutil.copy(FIXTURES / "revision-0001.sqlite", old)
    original = old.read_bytes()

    store = open_store(old)

    assert current_revision(store.engine) == HEAD
    assert store.backup_path is not None
    assert store.backup_path in list_backups(old)
    with sqlite3.connect(store.backup_path) as backup:
        assert backup.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
        assert backup.execute("SELECT title FROM sessions").fetchone() == ("Checkout outage",)
    assert original[:16] == b"SQLite format 3\x00"
    session = sessions.load_session(store, "11111111-1111-4111-8111-111111111111")
    assert session.title == "Checkout outage"
    assert session.current_step == "details"  # added by revision 0002 with a default
    assert session.step_elapsed == {}
    assert [entry.text for entry in session.timeline] == ["Checkout error rate alert fired"]
    assert session.timeline[0].at.utcoffset() is not None
    store.close()


def test_a_newer_file_is_refused_untouched(tmp_path: Path) -> None:
    newer = tmp_path / "newer.sqlite"
    store = open_store(newer)
    with store.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    store.close()
    before = newer.read_bytes()

    with pytest.raises(errors.NewerSchemaError):
        open_store(newer)

    assert newer.read_bytes() == before
    assert list_backups(newer) == []


def test_a_text_file_is_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_text("these are my meeting notes\n")
    with pytest.raises(errors.NotADatabaseError):
        open_store(path)
    assert path.read_text() == "these are my meeting notes\n"


def test_a_corrupt_file_is_reported_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "corrupt.sqlite"
    shutil.copy(FIXTURES / "revision-0001.sqlite", path)
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # keep the header, wreck the schema page
    path.write_bytes(bytes(data))
    with pytest.raises((errors.CorruptDatabaseError, errors.NotADatabaseError)):
        open_store(path)
    assert path.read_bytes() == bytes(data)


def test_a_read_only_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite"
    open_store(path).close()
    path.chmod(0o444)
    before = path.read_bytes()
    with pytest.raises(errors.DatabaseReadOnlyError):
        open_store(path)
    assert path.read_bytes() == before


def test_a_folder_that_does_not_exist(tmp_path: Path) -> None:
    with pytest.raises(errors.DatabaseUnavailableError, match="does not exist"):
        open_store(tmp_path / "missing" / "library.sqlite")


def test_a_foreign_sqlite_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE photos (id INTEGER)")
    with pytest.raises(errors.ForeignDatabaseError):
        open_store(path)
    with sqlite3.connect(path) as connection:
        tables = connection.execute("SELECT name FROM sqlite_master").fetchall()
    assert tables == [("photos",)]


def test_a_locked_file_gives_a_typed_error(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite"
    store = open_store(path, busy_timeout=0.1)
    session_id = sessions.create_session(store, "Locked")
    holder = sqlite3.connect(path, timeout=0.1)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(errors.DatabaseLockedError):
            sessions.update_session(store, session_id, title="Changed")
    finally:
        holder.rollback()
        holder.close()
    assert sessions.load_session(store, session_id).title == "Locked"
    store.close()


def test_the_environment_variable_names_the_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "from-env.sqlite"
    monkeypatch.setenv("FACILITATOR_DB", str(path))
    store = open_store(None)
    assert store.path == path
    assert path.exists()
    store.close()


def test_a_url_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "by-url.sqlite"
    store = open_store(f"sqlite:///{path}")
    assert store.path == path
    assert inspect(store.engine).has_table("sessions")
    store.close()


def test_a_failed_unit_of_work_leaves_nothing(store: store_module.Store) -> None:
    session_id = sessions.create_session(store, "Before")

    def fail_midway() -> None:
        with store.session() as db:
            sessions.get(db, session_id, full=False).title = "During"
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        fail_midway()
    assert sessions.load_session(store, session_id).title == "Before"


def test_nothing_written_is_lost_when_another_program_closes_the_file(tmp_path: Path) -> None:
    """SQLite's file locks belong to the process: any other open() and close() of the file in
    it drops them all, and another program closing the file then takes itself for the last
    user and deletes the write-ahead log we are still writing to. The app reads the library
    directly (`LibraryFile`) while its store opens: opening the store must not read the file
    behind SQLite's back."""
    import subprocess
    import sys

    from facilitator.library import LibraryFile

    path = tmp_path / "library.sqlite"
    open_store(path).close()
    listing = LibraryFile.open(path)
    store = open_store(path)
    try:
        sessions.create_session(store, "Before the other program")
        other = (
            "import sqlite3, sys; sqlite3.connect(sys.argv[1]).execute('SELECT * FROM sessions')"
        )
        subprocess.run([sys.executable, "-c", other, str(path)], check=True, timeout=60)
        sessions.create_session(store, "After the other program")
        read = (
            "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]);"
            "print(sorted(t for (t,) in c.execute('SELECT title FROM sessions')))"
        )
        seen = subprocess.run(
            [sys.executable, "-c", read, str(path)],
            check=True,
            capture_output=True,
            text=True,
            timeout=60,
        ).stdout
    finally:
        store.close()
        if listing is not None:
            listing.close()
    assert seen.strip() == "['After the other program', 'Before the other program']"
