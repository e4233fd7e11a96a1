"""Duplicating the library's selected session (File > Duplicate, Ctrl+Shift+D, the context
menu): a draft copy through the core, undone by moving the copy to the trash."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

from facilitator import errors, sessions
from ui.commands.library import DuplicateSessionCommand
from ui.messages import describe

if TYPE_CHECKING:
    from ui.library.window import LibraryWindow


def duplicate_selected(window: LibraryWindow) -> None:
    """Copy the selected session and select the copy; the copy stays in the library (the
    facilitator opens it when ready), and Undo sends it to the trash."""
    session_id = window.selected_id()
    if session_id is None or window.trash_mode:
        return
    title = window.model.session(window.model.row_of(session_id)).title
    try:
        copy_id = sessions.duplicate_session(window.store, session_id)
    except errors.FacilitatorError as exc:
        QMessageBox.warning(window, window.tr("Duplicate session"), describe(exc))
        return

    def show(copy: str | None) -> None:
        """After the copy (its id) or its undo (None): the list again, the copy selected."""
        window.refresh()
        row = window.model.row_of(copy) if copy else -1
        if row >= 0:
            window.table.selectRow(row)

    window.undo_stack.push(DuplicateSessionCommand(window.store, copy_id, title, show))
    window.statusBar().showMessage(window.tr("“{title}” duplicated.").format(title=title))
    window.undo_button.show()
