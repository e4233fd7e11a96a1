"""The facilitator's notes window (View > Facilitator notes window, Shift+F9): the current
step's questions, the timer and the next step, in large type, for a second monitor.

It follows the session window's step and stays open while that window presents (F5), so
the facilitator can share one screen and read notes on the other. It is a top-level window
of its own, not a child of the session window: a child would be kept above its parent, and
on a single screen that would put the notes over what the room sees.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, Qt, Signal
from PySide6.QtGui import QCloseEvent, QHideEvent, QShowEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from facilitator import agenda
from facilitator.agenda import GROUP_TITLES
from ui.actions import make_action
from ui.style import set_role
from ui.widgets.prompts import PromptsPanel
from ui.widgets.timer import TimerWidget

if TYPE_CHECKING:
    from ui.session.window import SessionWindow

GEOMETRY_KEY = "notes/geometry"
# Keys that work from the notes window too, so the facilitator can run the meeting from the
# screen they are looking at (the same table as the session window: ui/actions.py).
FORWARDED = ("next", "previous", "timer", "present", "blank", "notes")


class FacilitatorNotesWindow(QWidget):
    """Questions, timer and what comes next for the session window it is given."""

    visibility_changed = Signal(bool)

    def __init__(self, session: SessionWindow) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.setObjectName("facilitatorNotes")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.session = session
        self._settings = session.context.settings
        self._build()
        self._add_actions()
        session.step_changed.connect(self.show_step)
        session.presentation.toggled.connect(lambda _on: self._update_room())
        session.presentation.blank_changed.connect(lambda _on: self._update_room())
        session.document.field_changed.connect(self._field_changed)
        self._update_title()
        self._update_room()
        if session.current is not None:
            self.show_step(session.current)
        saved = self._settings.value(GEOMETRY_KEY)
        if not (isinstance(saved, QByteArray) and self.restoreGeometry(saved)):
            self.resize(900, 720)

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 28, 40, 24)
        layout.setSpacing(16)
        top = QHBoxLayout()
        self.where = QLabel(self)
        self.where.setObjectName("notesWhere")
        set_role(self.where, "muted")
        top.addWidget(self.where, 1)
        self.room = QLabel(self)
        self.room.setObjectName("notesRoom")
        set_role(self.room, "notice")
        top.addWidget(self.room)
        layout.addLayout(top)
        self.step_title = QLabel(self)
        self.step_title.setObjectName("notesStep")
        self.step_title.setWordWrap(True)
        layout.addWidget(self.step_title)
        # The same timer as the session window's header, over the same MeetingProgress:
        # its Start/Pause button is the facilitator's, so here it is never hidden.
        self.timer = TimerWidget(self.session.progress, self)
        _flush_left(self.timer)  # aligned with the text above and below
        layout.addWidget(self.timer, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(_rule(self))
        self.prompts = PromptsPanel(self)
        _flush_left(self.prompts)
        layout.addWidget(self.prompts, 1)
        layout.addWidget(_rule(self))
        self.next_label = QLabel(self)
        self.next_label.setObjectName("notesNext")
        self.next_label.setWordWrap(True)
        layout.addWidget(self.next_label)

    def _add_actions(self) -> None:
        s = self.session
        p = s.presentation
        slots = {
            "next": s.next_step,
            "previous": s.previous_step,
            "timer": self.timer.toggle,
            "present": p.toggle,
            "blank": p.toggle_blank,
            "notes": self.close,
        }
        self.actions_ = {name: make_action(self, name, slots[name]) for name in FORWARDED}
        self.actions_["blank"].setEnabled(p.active)
        p.toggled.connect(self.actions_["blank"].setEnabled)

    # Following the session window -------------------------------------------------------

    def show_step(self, step_id: str) -> None:
        steps = self.session.agenda_model.steps()
        ids = [s.id for s in steps]
        if step_id not in ids:
            return
        at = ids.index(step_id)
        step = steps[at]
        self.where.setText(
            self.tr("{group} · step {n} of {total}").format(
                group=self.tr(GROUP_TITLES[step.group]), n=at + 1, total=len(ids)
            )
        )
        self.step_title.setText(self.tr(step.title))
        self.timer.set_step(step, agenda.total_minutes(self.session.document.value("depth")))
        self.prompts.show_step(step_id)
        if at + 1 < len(steps):
            following = steps[at + 1]
            box = following.timebox_minutes
            text = self.tr("Next: {step}").format(step=self.tr(following.title))
            if box:
                text += "  ·  " + self.tr("{n} min").format(n=box)
            self.next_label.setText(text)
        else:
            self.next_label.setText(self.tr("This is the last step."))

    def _update_room(self) -> None:
        """Say what the room sees, so the facilitator need not look at the shared screen."""
        presentation = self.session.presentation
        if presentation.blanked:
            self.room.setText(self.tr("The room sees a blank screen (B shows it again)"))
        elif presentation.active:
            self.room.setText(self.tr("Presenting"))
        self.room.setVisible(presentation.active)

    def _field_changed(self, field: str, _value: object) -> None:
        if field == "title":
            self._update_title()

    def _update_title(self) -> None:
        self.setWindowTitle(
            self.tr("Facilitator notes — {title}").format(
                title=self.session.document.value("title")
            )
        )

    # Window ------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.visibility_changed.emit(True)

    def hideEvent(self, event: QHideEvent) -> None:
        # Remembered so the window comes back on the monitor the facilitator put it on.
        self._settings.setValue(GEOMETRY_KEY, self.saveGeometry())
        super().hideEvent(event)
        self.visibility_changed.emit(False)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._settings.setValue(GEOMETRY_KEY, self.saveGeometry())
        super().closeEvent(event)


def _flush_left(widget: QWidget) -> None:
    inner = widget.layout()
    if inner is not None:
        inner.setContentsMargins(0, 0, 0, 0)


def _rule(parent: QWidget) -> QFrame:
    line = QFrame(parent)
    line.setObjectName("notesRule")
    line.setFrameShape(QFrame.Shape.HLine)
    return line
