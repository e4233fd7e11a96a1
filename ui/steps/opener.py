"""The *opener* step: the blameless opener script, in large type, to read aloud."""

from __future__ import annotations

from functools import cache

from PySide6.QtWidgets import QHBoxLayout, QPlainTextEdit, QPushButton, QWidget

from facilitator.resources import read_text
from ui.binding import TextBinding
from ui.session.presentation import facilitator_only
from ui.steps.base import PageContext, StepPage
from ui.style import set_role
from ui.widgets.language_watch import watch_language


@cache
def default_opener() -> str:
    return read_text("texts", "opener.md").strip()


class OpenerPage(StepPage):
    """The script is the session's own once edited; until then it is the shipped default
    (saved as empty, so an improved default reaches sessions that never changed it)."""

    step_id = "opener"

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        # Both the hint and the reset button speak to the facilitator, not to the room.
        hint = self.add_hint(
            self.tr("Read this aloud before the timeline. Edit it to sound like you.")
        )
        facilitator_only(hint)
        self.editor = QPlainTextEdit(self)
        self.editor.setObjectName("openerText")
        set_role(self.editor, "true", "reading")
        self.editor.document().setDocumentMargin(12)
        self.body.addWidget(self.editor, 1)
        self.binding = TextBinding(
            self.editor,
            context.document,
            context.undo_stack,
            "opener",
            parse=lambda text: "" if text.strip() == default_opener() else text,
            format=lambda value: value or default_opener(),
        )
        watch_language(self.editor, context.settings)
        row = QHBoxLayout()
        row.addStretch(1)
        self.reset = QPushButton(self.tr("Use the default text"), self)
        set_role(self.reset, "true", "flat")
        facilitator_only(self.reset)
        self.reset.clicked.connect(self._reset)
        row.addWidget(self.reset)
        self.body.addLayout(row)

    def focus_main_input(self) -> None:
        self.editor.setFocus()

    def _reset(self) -> None:
        self.editor.setPlainText(default_opener())
        self.binding.flush()
