"""Putting a backup back in place of a library file that cannot be opened."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

from facilitator import errors

# SQLite's side files: a stale WAL applied to the restored file would corrupt it.
SIDE_FILES = ("-wal", "-shm", "-journal")


def restore_backup(path: Path, backup: Path) -> Path | None:
    """Copy `backup` over the library at `path`; the file it replaces is kept beside it
    (named so `store.list_backups` does not offer it) and its path returned."""
    if not backup.is_file():
        raise errors.FileProblemError(backup, "the backup is not there any more")
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    kept: Path | None = None
    try:
        if path.exists():
            kept = path.with_name(f"{path.name}.replaced-{stamp}")
            path.replace(kept)
        for suffix in SIDE_FILES:
            side = path.with_name(path.name + suffix)
            if side.exists():
                side.replace(path.with_name(f"{path.name}.replaced-{stamp}{suffix}"))
        shutil.copy2(backup, path)
    except OSError as exc:
        raise errors.FileProblemError(path, exc.strerror or str(exc)) from exc
    return kept
