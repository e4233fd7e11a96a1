"""The session window: agenda sidebar, the current step's page, the timer, the prompts panel."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QResizeEvent, QUndoStack
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from facilitator import agenda
from facilitator.db.store import Store
from facilitator.meeting import Clock
from ui import steps
from ui.followup.review_notice import ReviewNotice
from ui.models.agenda import AgendaModel
from ui.session.contents import StepContents
from ui.session.document import SessionDocument
from ui.session.header import StepHeader
from ui.session.language import LanguageCounts
from ui.session.menus import build_menus
from ui.session.notes import FacilitatorNotesWindow
from ui.session.page_stack import PageStack
from ui.session.presentation import Presentation, facilitator_only
from ui.session.progress import MeetingProgress
from ui.session.sidebar import AgendaView
from ui.session.step_pages import StepPages
from ui.style import Style, set_role
from ui.widgets.prompts import PromptsPanel
from ui.widgets.save_indicator import SaveIndicator
from ui.widgets.timer import TimerWidget
from ui.workers import Workers

SIDEBAR_MIN = 180  # px; below its ideal width the sidebar wraps long step names
SIDEBAR_SHARE = 0.25  # of the window's width, at most: the page keeps the rest
PAGE_ROOM = 740  # px the page keeps before the sidebar takes its ideal width (1280×720)


class SessionWindow(QMainWindow):
    """One open session. Pages are built ahead of time while idle (ui/session/step_pages.py),
    or when their step is shown first, whichever comes first."""

    closed = Signal(str)  # session id
    step_changed = Signal(str)  # the step now shown (the notes window and presentation follow)
    library_requested = Signal()
    quit_requested = Signal()

    def __init__(
        self,
        store: Store,
        session_id: str,
        *,
        style: Style,
        settings: QSettings,
        workers: Workers,
        clock: Clock | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("sessionWindow")
        self.style_ = style
        self.document = SessionDocument(store, session_id, self)
        self.undo_stack = QUndoStack(self)
        self.progress = MeetingProgress(self.document, clock)
        self.context = steps.PageContext(store, self.document, self.undo_stack, workers, settings)
        self.current: str | None = None
        self.resize(1280, 720)

        self.agenda_model = AgendaModel(self._steps(), self.progress.done)
        self.sidebar = AgendaView(style.colors(), self)
        self.sidebar.setModel(self.agenda_model)
        self.sidebar.setMinimumWidth(SIDEBAR_MIN)
        self.sidebar.step_chosen.connect(self.go_to)
        self.stack = PageStack(self)
        self.step_pages = StepPages(self.context, self.stack, self)
        self.pages = self.step_pages.pages  # step id -> page, those built so far
        self.prompts = PromptsPanel(self)
        self.prompts.setMinimumWidth(240)
        self.timer = TimerWidget(self.progress, self)
        self.timer.timebox_reached.connect(self._timebox_reached)
        self._build_layout()
        self.presentation = Presentation(self, style, [self.sidebar, self.prompts, self.footer])
        self.step_changed.connect(lambda _step: self.presentation.hide_facilitator_parts())
        # An edit can add facilitator-only controls to the page on show (a new chain's
        # buttons): hidden from the room at once, not at the next step change.
        self.undo_stack.indexChanged.connect(
            lambda _index: self.presentation.hide_facilitator_parts()
        )
        self.notes: FacilitatorNotesWindow | None = None  # built on first use (Shift+F9)
        self.actions_ = build_menus(self)
        self.save_indicator = SaveIndicator(self.document, self)
        self.statusBar().addPermanentWidget(self.save_indicator)
        self.document.field_changed.connect(self._field_changed)
        self.document.edited.connect(self._read_ahead)
        self.progress.changed.connect(lambda: self.agenda_model.set_done(self.progress.done))
        self.language_counts = LanguageCounts(self.document, workers, self)
        self.language_counts.counted.connect(self.agenda_model.set_language_counts)
        self.step_contents = StepContents(self.document, workers, self)
        self.step_contents.measured.connect(self.agenda_model.set_empty)
        style.changed.connect(self._restyle)
        self._update_title()
        saved = self.document.value("current_step")
        self.go_to(saved if saved in self.step_ids() else self.step_ids()[0])
        self.review_notice.check(store, session_id)
        self._build_ahead()

    # Layout --------------------------------------------------------------------------------

    def _build_layout(self) -> None:
        self.step_title = QLabel(self)
        self.step_title.setObjectName("stepTitle")
        set_role(self.step_title, "h1")
        header = self.header = StepHeader(self.step_title, self.timer, self)

        self.footer = QWidget(self)
        foot = QHBoxLayout(self.footer)
        foot.setContentsMargins(40, 8, 40, 16)
        self.previous_button = QPushButton(self.footer)
        set_role(self.previous_button, "true", "flat")
        self.previous_button.clicked.connect(self.previous_step)
        self.next_button = QPushButton(self.footer)
        set_role(self.next_button, "true", "primary")
        self.next_button.clicked.connect(self.next_step)
        foot.addWidget(self.previous_button)
        foot.addStretch(1)
        foot.addWidget(self.next_button)

        center = QWidget(self)
        column = QVBoxLayout(center)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(header)
        # Earlier related sessions' items to review: a notice, never a dialog in the way.
        self.review_notice = ReviewNotice(self.context.workers, center)
        self.review_notice.review_requested.connect(lambda: self.go_to("follow-up"))
        facilitator_only(self.review_notice)  # the facilitator's to-do, not the room's
        column.addWidget(self.review_notice)
        # A page that needs more room than the window has at a high zoom (the whys' columns,
        # the export's choices) scrolls, rather than growing the window past the screen.
        self.page_scroll = QScrollArea(center)
        self.page_scroll.setObjectName("pageScroll")
        self.page_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.page_scroll.setWidgetResizable(True)
        # Held in a plain box: given the stack itself, the scroll area asked its layout for a
        # height for the width, which is the tallest of all the pages built (a scroll bar on
        # a page that fits), measuring each of them (PageStack measures only the one on show).
        holder = QWidget(self.page_scroll)
        holder.setObjectName("pageHolder")
        box = QVBoxLayout(holder)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.stack)
        self.page_scroll.setWidget(holder)
        self.page_scroll.viewport().setAutoFillBackground(False)
        column.addWidget(self.page_scroll, 1)
        column.addWidget(self.footer)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.sidebar)
        splitter.addWidget(center)
        splitter.addWidget(self.prompts)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        splitter.setHandleWidth(1)
        self.splitter = splitter
        self.setCentralWidget(splitter)
        self._fit_panels()

    def _fit_panels(self) -> None:
        """The sidebar as wide as its longest step name needs (at this zoom), up to a quarter
        of the window, and never so wide that the page gets less than PAGE_ROOM while the
        window has it: a narrower sidebar wraps long names onto two lines instead."""
        width = max(self.splitter.width(), self.width())
        prompts = self.prompts.minimumWidth() if not self.prompts.isHidden() else 0
        room = width - prompts - PAGE_ROOM
        sidebar = max(
            SIDEBAR_MIN, min(self.sidebar.ideal_width(), int(width * SIDEBAR_SHARE), room)
        )
        if self.sidebar.isHidden():
            sidebar = 0
        self.splitter.setSizes([sidebar, max(0, width - sidebar - prompts), prompts])

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_panels()

    # Steps ---------------------------------------------------------------------------------

    def _steps(self) -> list[agenda.Step]:
        return agenda.agenda(self.document.value("depth"), available=steps.available())

    def step_ids(self) -> list[str]:
        return [step.id for step in self.agenda_model.steps()]

    def step(self, step_id: str) -> agenda.Step:
        return next(s for s in self.agenda_model.steps() if s.id == step_id)

    def page(self, step_id: str) -> steps.StepPage:
        return self.step_pages.page(step_id)

    def _ahead(self) -> list[str]:
        """The steps after the current one first (Next is the usual move), then those before."""
        ids = self.step_ids()
        at = ids.index(self.current) if self.current in ids else 0
        return ids[at + 1 :] + ids[:at]

    def _build_ahead(self) -> None:
        """The pages not built yet, in idle turns."""
        self.step_pages.build_ahead(self._ahead())

    def _read_ahead(self) -> None:
        """An edit: the other pages read the session again in idle turns, not on the visit."""
        self.step_pages.read_again(self._ahead())

    def go_to(self, step_id: str) -> None:
        """Show a step: save what is pending, move the timer, remember where we are."""
        if step_id == self.current or step_id not in self.step_ids():
            return
        self.document.flush()
        self.current = step_id
        self.step_pages.show(step_id)  # read again only what changed since its last visit
        step = self.step(step_id)
        self.step_title.setText(self.tr(step.title))
        self.header.arrange()
        self.sidebar.select_step(self.agenda_model.row_of(step_id))
        self.prompts.show_step(step_id)
        self.progress.switch_to(step_id)  # also remembers the step, in the same write
        self.timer.set_step(step, agenda.total_minutes(self.document.value("depth")))
        self._update_footer()
        self.step_changed.emit(step_id)

    def _update_footer(self) -> None:
        ids = self.step_ids()
        at = ids.index(self.current) if self.current in ids else 0
        has_next, has_previous = at + 1 < len(ids), at > 0
        self.next_button.setVisible(has_next)
        self.previous_button.setVisible(has_previous)
        if has_next:
            self.next_button.setText(
                self.tr("Next: {step}  ›").format(step=self.tr(self.step(ids[at + 1]).title))
            )
        if has_previous:
            self.previous_button.setText(self.tr("‹  Previous"))

    def next_step(self) -> None:
        ids = self.step_ids()
        at = ids.index(self.current) if self.current in ids else -1
        if self.current is not None:
            # Moving on is finishing the step; the sidebar marks it ○ rather than ✓ while
            # nothing is recorded in it (`facilitator.completeness.empty_steps`).
            self.progress.set_done(self.current, True)
        if at + 1 < len(ids):
            self.go_to(ids[at + 1])
            self.focus_main_input()

    def previous_step(self) -> None:
        ids = self.step_ids()
        at = ids.index(self.current) if self.current in ids else 0
        if at > 0:
            self.go_to(ids[at - 1])
            self.focus_main_input()

    def go_to_number(self, number: int) -> None:
        ids = self.step_ids()
        if 1 <= number <= len(ids):
            self.go_to(ids[number - 1])
            self.focus_main_input()

    def toggle_done(self) -> None:
        if self.current is not None:
            self.progress.set_done(self.current, self.current not in self.progress.done)

    def focus_main_input(self) -> None:
        if self.current is not None:
            # Once the page has all its parts, when its first visit shows it half built.
            self.step_pages.focus(self.current)

    # Reactions -----------------------------------------------------------------------------

    def _field_changed(self, field: str, _value: Any) -> None:
        if field == "title":
            self._update_title()
        elif field == "depth":
            self.agenda_model.set_steps(self._steps())
            current, self.current = self.current, None
            self.go_to(current if current in self.step_ids() else self.step_ids()[0])
            if self.step_pages.building:
                self._build_ahead()  # the new agenda's steps

    def _restyle(self) -> None:
        self.sidebar.set_colors(self.style_.colors())
        self._fit_panels()  # the zoom changes what the names need

    def _update_title(self) -> None:
        self.setWindowTitle(
            self.tr("{title} — Post-mortem Facilitator").format(title=self.document.value("title"))
        )

    def _timebox_reached(self, step_id: str) -> None:
        self.statusBar().showMessage(
            self.tr("Time is up for “{step}”: wrap up, or agree with the room to extend.").format(
                step=self.tr(self.step(step_id).title)
            ),
            8000,
        )

    def toggle_notes(self) -> None:
        """The facilitator's notes in a window of their own, for a second monitor."""
        if self.notes is None:
            self.notes = FacilitatorNotesWindow(self)
            self.notes.visibility_changed.connect(self.actions_["notes"].setChecked)
        self.notes.setVisible(not self.notes.isVisible())
        if self.notes.isVisible():
            self.notes.raise_()
            self.notes.activateWindow()

    def toggle_prompts(self) -> None:
        if not self.presentation.active:
            self.prompts.setVisible(not self.prompts.isVisible())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            # Back from another window, which may have written to this session (the Action
            # items window): each page reads the session again when next shown.
            self.document.touch()
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.step_pages.stop()
        self.language_counts.stop()  # no count started for a window that is gone
        self.step_contents.stop()
        self.save_all()
        self.presentation.leave()
        if self.notes is not None:
            self.notes.close()
        super().closeEvent(event)
        self.closed.emit(self.document.session_id)

    def save_all(self) -> None:
        """Save every pending edit and the timer (close, quit)."""
        self.document.flush()
        if self.progress.timer.running:
            self.progress.toggle()  # a closed session's clock does not run
        self.progress.save()


def open_on_step(window: SessionWindow, step_id: str | None) -> None:
    """`facilitator open ID --step STEP`: that step, with the focus in its main input."""
    if step_id and step_id in window.step_ids():
        window.go_to(step_id)
    # After the window is shown, or the focus request is lost.
    QTimer.singleShot(0, window.focus_main_input)
