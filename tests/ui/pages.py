"""Building one step page under test: a real store and session, its own undo stack, and a
host window with the Undo / Redo actions the session window would give it."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QVBoxLayout, QWidget

from facilitator.db.store import Store
from tests.ui.helpers import show_active
from ui.actions import make_action
from ui.session.document import SessionDocument
from ui.steps.base import PageContext, StepPage
from ui.workers import Workers


class PageHost(QWidget):
    """A top-level window around one page, with window-wide Undo and Redo."""

    def __init__(self, page_class: type[StepPage], context: PageContext) -> None:
        super().__init__()
        self.resize(1000, 640)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.page = page_class(context, self)
        # As the session window builds a page ahead of time: to the end, then entered
        # (not the export page, which starts rendering when entered: its tests do that).
        self.page.finish_building()
        if self.page.read_ahead:
            self.page.entered()
        layout.addWidget(self.page)
        make_action(self, "undo", context.undo_stack.undo)
        make_action(self, "redo", context.undo_stack.redo)


def open_page(
    qtbot,
    page_class: type[StepPage],
    store: Store,
    session_id: str,
    workers: Workers,
    settings: QSettings,
) -> StepPage:
    """The page, shown in an active window, with the focus in its main input."""
    stack = QUndoStack()
    context = PageContext(store, SessionDocument(store, session_id), stack, workers, settings)
    host = PageHost(page_class, context)
    stack.setParent(host)  # deleted with its window and its commands, as the app's stack is
    host.page.host = host  # qtbot keeps only a weak reference; the test keeps the page
    show_active(qtbot, host)
    host.page.focus_main_input()
    return host.page
