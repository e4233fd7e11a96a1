"""Where the database is and whether it can be opened: a path or URL, the file's checks.

Nothing here imports SQLAlchemy, so the app can find and read the library file before the
engine has loaded (DESIGN section 7, start-up); `facilitator.db.store` builds on it.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from facilitator import errors

# Every Alembic revision in order. Kept here so that opening an up-to-date database never
# imports Alembic (a start-up cost); a test checks it against the migration scripts.
REVISIONS = ("0001", "0002", "0003")
HEAD = REVISIONS[-1]
ENV_VAR = "FACILITATOR_DB"


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
        from sqlalchemy.engine import make_url  # only a URL needs SQLAlchemy to read it

        url = make_url(raw)
        if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
            return raw, Path(url.database).expanduser()
        return raw, None
    path = Path(raw).expanduser()
    return f"sqlite:///{path}", path


def check_file(path: Path) -> None:
    """Refuse a path that cannot hold our database (a missing folder, a folder, a read-only
    file or folder), with the reason, before SQLite opens it."""
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
    # Not opened here to read its header: SQLite's locks on a file belong to the process, and
    # closing any other handle on it drops them all (another program closing the file would
    # then take itself for the last user and delete the log we still write to). SQLite itself
    # refuses a file that is not a database, untouched ("not a database": NotADatabaseError).


def list_backups(path: Path) -> list[Path]:
    """Backups taken of the file at `path`, newest first."""
    found = path.parent.glob(f"{path.stem}.*.sqlite")
    return sorted(found, key=lambda p: p.stem.rsplit(".", 1)[-1], reverse=True)
