"""Opening a database: path or URL, pragmas, migrations at open (backup first), units of work."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, exc as sa_exc, inspect, text
from sqlalchemy.orm import Session as OrmSession, sessionmaker

from facilitator import errors
from facilitator.db.location import (  # re-exported: where the store is, without SQLAlchemy
    HEAD as HEAD,
    REVISIONS as REVISIONS,
    check_file,
    list_backups as list_backups,
    resolve_target as resolve_target,
)
from facilitator.db.models import Base

STAMP_TABLE = (
    "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, "
    "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))"
)


@dataclass
class Store:
    """An open database: hand out units of work with `store.session()`."""

    engine: Engine
    url: str
    path: Path | None
    backup_path: Path | None = None  # the copy taken before this open migrated the file

    def __post_init__(self) -> None:
        self._factory = sessionmaker(self.engine, expire_on_commit=False)

    @property
    def location(self) -> str:
        return str(self.path) if self.path else self.engine.url.render_as_string(hide_password=True)

    @contextmanager
    def session(self) -> Iterator[OrmSession]:
        """A unit of work: committed when the block ends, rolled back if it raises."""
        with translate_errors(self.location), self._factory() as db:
            try:
                yield db
                db.commit()
            except BaseException:
                db.rollback()
                raise

    def close(self) -> None:
        self.engine.dispose()


@contextmanager
def translate_errors(location: str) -> Iterator[None]:
    """Turn the driver's errors about the file itself into our typed errors."""
    try:
        yield
    except sa_exc.DBAPIError as exc:
        raise classify(exc.orig, location) from exc
    except sqlite3.DatabaseError as exc:
        raise classify(exc, location) from exc


def classify(exc: BaseException | None, location: str) -> errors.DatabaseError:
    message = str(exc).lower()
    if "locked" in message or "busy" in message:
        return errors.DatabaseLockedError(location)
    if "readonly" in message or "read-only" in message:
        return errors.DatabaseReadOnlyError(location)
    if "not a database" in message:
        return errors.NotADatabaseError(location)
    if "malformed" in message or "corrupt" in message:
        return errors.CorruptDatabaseError(location)
    return errors.DatabaseUnavailableError(location, str(exc))


def open_store(target: str | os.PathLike[str] | None = None, *, busy_timeout: float = 5.0) -> Store:
    """Open (creating or upgrading as needed) the database at a path or URL."""
    url, path = resolve_target(target)
    if path is not None:
        check_file(path)
    engine = _create_engine(url, busy_timeout) if path is not None else create_engine(url)
    store = Store(engine, url, path)
    try:
        with translate_errors(store.location):
            store.backup_path = _prepare_schema(store)
    except BaseException:
        engine.dispose()
        raise
    return store


def _create_engine(url: str, busy_timeout: float) -> Engine:
    # A small pool keeps connections open between units of work: opening one costs more than
    # an autosave commit (DESIGN section 7). `Store.close` disposes of them, so a closed store
    # leaves no handle on the file (Windows cannot move or restore a file held open).
    engine = create_engine(
        url,
        pool_size=2,
        max_overflow=4,
        connect_args={"timeout": busy_timeout, "check_same_thread": False},
    )

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection: Any, _record: Any) -> None:
        # Autocommit while setting pragmas: journal_mode cannot change inside a transaction.
        previous = dbapi_connection.isolation_level
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.close()
        dbapi_connection.isolation_level = previous

    return engine


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _prepare_schema(store: Store) -> Path | None:
    """Create a new database, upgrade an older one (backup first), refuse a newer one."""
    engine = store.engine
    with engine.connect() as connection:
        tables = set(inspect(connection).get_table_names())
    if not tables:
        with engine.begin() as connection:
            Base.metadata.create_all(connection)
            # Stamped by hand, as Alembic would, so creating a library does not import it.
            connection.execute(text(STAMP_TABLE))
            connection.execute(text("INSERT INTO alembic_version VALUES (:head)"), {"head": HEAD})
        return None
    if "alembic_version" not in tables:
        raise errors.ForeignDatabaseError(store.location)
    revision = current_revision(engine)
    if revision == HEAD:
        return None
    if revision not in REVISIONS:
        raise errors.NewerSchemaError(store.location, f"schema revision {revision}")
    backup = backup_database(store, label=f"before-{HEAD}") if store.path else None
    from facilitator.db.migrate import upgrade  # Alembic loads only when a migration is due

    upgrade(engine)
    return backup


def backup_database(store: Store, *, label: str = "backup") -> Path:
    """Copy the live file with SQLite's online backup, beside it, and return the copy's path."""
    if store.path is None:
        raise errors.DatabaseUnavailableError(
            store.location, "only an SQLite file can be backed up"
        )
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = store.path.with_name(f"{store.path.stem}.{label}.{stamp}.sqlite")
    source = sqlite3.connect(store.path)
    destination = sqlite3.connect(target)
    try:
        with destination:
            source.backup(destination)
    finally:
        destination.close()
        source.close()
    return target
