"""Marking a session completed (Meeting > Mark the session completed…, and the button on the
actions page): the core refuses while a must/should item lacks an owner, a deadline or
success criteria, and the UI says exactly which item lacks what."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from facilitator import actions, errors
from facilitator.actions import Blocker
from ui.commands.actions import CompleteSessionCommand
from ui.messages import describe
from ui.session.document import SessionDocument
from ui.style import set_role

if TYPE_CHECKING:
    from ui.session.window import SessionWindow


class BlockersDialog(QDialog):
    """The items that keep the session open and what each lacks; `ask()` is True when the
    facilitator wants to go and fill them in."""

    def __init__(self, blockers: list[Blocker], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Not ready to complete"))
        self.setMinimumWidth(520)
        column = QVBoxLayout(self)
        column.setContentsMargins(24, 20, 24, 16)
        column.setSpacing(12)
        heading = QLabel(self.tr("The session cannot be marked completed yet"), self)
        set_role(heading, "h3")
        column.addWidget(heading)
        intro = QLabel(
            self.tr(
                "Every must/should action item needs an owner, a deadline and success "
                "criteria. Still missing:"
            ),
            self,
        )
        intro.setWordWrap(True)
        column.addWidget(intro)
        self.list = QLabel("\n".join(f"•  {b.describe()}" for b in blockers), self)
        self.list.setObjectName("blockers")
        self.list.setWordWrap(True)
        set_role(self.list, "warning")
        column.addWidget(self.list)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        go = buttons.addButton(
            self.tr("Go to the action items"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        set_role(go, "true", "primary")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        column.addWidget(buttons)

    @classmethod
    def ask(cls, parent: QWidget | None, blockers: list[Blocker]) -> bool:
        return cls(blockers, parent).exec() == QDialog.DialogCode.Accepted


def try_complete(document: SessionDocument, stack: QUndoStack) -> list[Blocker]:
    """Mark the session completed (one undoable step) or return what keeps it open."""
    try:
        blockers = actions.load_blockers(document.store, document.session_id)
    except errors.FacilitatorError as exc:
        document.save_failed.emit(describe(exc))
        return []
    if not blockers:
        stack.push(CompleteSessionCommand(document))
    return blockers


def complete_from_window(window: SessionWindow) -> None:
    """The Meeting menu's action: complete, or say what is missing and offer to go there."""
    window.document.flush()
    if window.document.value("status") == "completed":
        window.statusBar().showMessage(window.tr("The session is already completed."), 4000)
        return
    blockers = try_complete(window.document, window.undo_stack)
    if not blockers:
        if window.document.value("status") == "completed":
            window.statusBar().showMessage(window.tr("Session marked completed."), 4000)
        return
    if BlockersDialog.ask(window, blockers) and "actions" in window.step_ids():
        window.go_to("actions")
        page = window.pages["actions"]
        select = getattr(page, "show_item", None)
        if callable(select):
            select(blockers[0].action_id)
