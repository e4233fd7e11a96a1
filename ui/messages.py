"""The words the UI shows for the core's typed errors (the core carries data, we choose words)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from facilitator import errors

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget


def _tr(text: str) -> str:
    return QCoreApplication.translate("messages", text)


def describe(exc: BaseException) -> str:
    """One plain sentence about what went wrong and what to do."""
    if isinstance(exc, errors.DatabaseLockedError):
        return _tr("The library file is locked by another program. Close it and try again.")
    if isinstance(exc, errors.DatabaseReadOnlyError):
        return _tr("The library file is read-only. Make it writable or open another file.")
    if isinstance(exc, errors.NewerSchemaError):
        return _tr("This library was written by a newer version of the app. Update to open it.")
    if isinstance(exc, errors.ForeignDatabaseError):
        return _tr("This file belongs to another program; it is not a post-mortem library.")
    if isinstance(exc, errors.NotADatabaseError):
        return _tr("This file is not a post-mortem library.")
    if isinstance(exc, errors.CorruptDatabaseError):
        return _tr("The library file is damaged. Restore a backup or open another file.")
    if isinstance(exc, errors.DatabaseError):
        detail = f" ({exc.detail})" if exc.detail else ""
        return _tr("The library file cannot be opened") + detail + "."
    if isinstance(exc, errors.ValidationError):
        return f"{exc.where.replace('_', ' ').capitalize()}: {exc.problem}."
    if isinstance(exc, errors.FacilitatorError):
        return str(exc)
    return _tr("Something unexpected went wrong: ") + str(exc)


# QMessageBox is imported when first needed: the library window asks and warns through
# these, and PySide builds a class's Python enums when it is imported (start-up, DESIGN §7).


def confirm(parent: QWidget | None, title: str, question: str) -> bool:
    """Ask a yes/no question; True for yes."""
    from PySide6.QtWidgets import QMessageBox

    return QMessageBox.question(parent, title, question) == QMessageBox.StandardButton.Yes


def warn(parent: QWidget | None, title: str, message: str) -> None:
    """Say what went wrong, in a dialog with one button."""
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.warning(parent, title, message)
