"""Opening a database: path or URL, pragmas, migrations at open (backup first), units of work."""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, exc as sa_exc, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session as OrmSession, sessionmaker

from facilitator import errors
from facilitator.db.models import Base

# Every Alembic revision in order. Kept here so that opening an up-to-date database never
# imports Alembic (a start-up cost); a test checks it against the migration scripts.
REVISIONS = ("0001", "0002", "0003")
HEAD = REVISIONS[-1]
SQLITE_HEADER = b"SQLite format 3\x00"
ENV_VAR = "FACILITATOR_DB"
STAMP_TABLE = (
    "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, "
    "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))"
)


def default_database_path() -> Path:
    from platformdirs import user_data_path

    return user_data_path("postmortem-facilitator", appauthor=False) / "sessions.sqlite"


def resolve_target(target: str | os.PathLike[str] | None) -> tuple[str, Path | None]:
    """The URL and, for a file, its path: `--db`, else `FACILITATOR_DB`, else the default."""
    if target is None or str(target) == "":
        target = os.environ.get(ENV_VAR) or None
    if target is None:
        path = default_database_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{path}", path
    raw = os.fspath(target)
    if "://" in raw:
        url = make_url(raw)
        if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
            return raw, Path(url.database).expanduser()
        return raw, None
    path = Path(raw).expanduser()
    return f"sqlite:///{path}", path


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
        _check_file(path)
    engine = _create_engine(url, busy_timeout) if path is not None else create_engine(url)
    store = Store(engine, url, path)
    try:
        with translate_errors(store.location):
            store.backup_path = _prepare_schema(store)
    except BaseException:
        engine.dispose()
        raise
    return store


def _check_file(path: Path) -> None:
    location = str(path)
    if not path.exists():
        if not path.parent.is_dir():
            raise errors.DatabaseUnavailableError(location, f"folder {path.parent} does not exist")
        if not os.access(path.parent, os.W_OK):
            raise errors.DatabaseReadOnlyError(location, "its folder is not writable")
        return
    if not path.is_file():
        raise errors.NotADatabaseError(location, "it is a folder")
    # The mode bits too: root may write anywhere, but a file marked read-only means read-only.
    mode = path.stat().st_mode
    if not os.access(path, os.W_OK) or not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        raise errors.DatabaseReadOnlyError(location)
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise errors.DatabaseUnavailableError(location, exc.strerror or str(exc)) from exc
    if header and header != SQLITE_HEADER:
        raise errors.NotADatabaseError(location)


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


def list_backups(path: Path) -> list[Path]:
    """Backups taken of the file at `path`, newest first."""
    found = path.parent.glob(f"{path.stem}.*.sqlite")
    return sorted(found, key=lambda p: p.stem.rsplit(".", 1)[-1], reverse=True)
