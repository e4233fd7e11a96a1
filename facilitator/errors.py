"""Typed errors of the core: they carry data, and the CLI and the UI choose the words."""

from __future__ import annotations

from pathlib import Path


class FacilitatorError(Exception):
    """A known failure the user can act on (as opposed to a bug)."""

    exit_code = 1


class InputError(FacilitatorError):
    """Bad input: a file, a value or an argument the user gave us. The CLI exits 2."""

    exit_code = 2


class ValidationError(InputError):
    """A document or a value broke a rule; `where` names the key (`session.timeline[3].at`)."""

    def __init__(self, where: str, problem: str, *, source: str | None = None) -> None:
        self.where = where
        self.problem = problem
        self.source = source
        prefix = f"{source}: " if source else ""
        super().__init__(f"{prefix}{where}: {problem}" if where else f"{prefix}{problem}")


class FileProblemError(InputError):
    """A file we were asked to read or write could not be used."""

    def __init__(self, path: Path | str, problem: str) -> None:
        self.path = Path(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


class NotFoundError(InputError):
    """No session (or entry) with that id."""

    def __init__(self, what: str, ident: str) -> None:
        self.what = what
        self.ident = ident
        super().__init__(f"no {what} with id {ident!r}")


class DatabaseError(FacilitatorError):
    """The database cannot be used as it is. Nothing was written to it."""

    exit_code = 2
    problem = "cannot be used"

    def __init__(self, location: str, detail: str = "") -> None:
        self.location = location
        self.detail = detail
        super().__init__(f"{location}: {self.problem}" + (f" ({detail})" if detail else ""))


class DatabaseLockedError(DatabaseError):
    problem = "is locked by another program; close it and try again"


class DatabaseReadOnlyError(DatabaseError):
    problem = "is read-only; make it writable or open another file"


class NotADatabaseError(DatabaseError):
    problem = "is not a database file"


class ForeignDatabaseError(DatabaseError):
    problem = "is an SQLite database of another program, not a Post-mortem Facilitator library"


class CorruptDatabaseError(DatabaseError):
    problem = "is damaged; restore a backup or open another file"


class NewerSchemaError(DatabaseError):
    problem = "was written by a newer version of Post-mortem Facilitator; update the app to open it"


class DatabaseUnavailableError(DatabaseError):
    problem = "cannot be opened"
