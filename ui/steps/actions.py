"""The *actions* step: the five (at most) must/should items and the backlog, edited from the
keyboard; the check findings of each item beside it; what still keeps the session from
being completed.

Type a task and press Enter to add it (as should-fix, or the priority picked beside the
field); the list below takes arrows, Alt+Up/Down, Del and Enter (to the form). A sixth
must/should item is refused by the core; the banner says why and offers the backlog.
"""

from __future__ import annotations

from typing import Any

import shiboken6
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSplitter,
    QWidget,
)

from facilitator import actions, errors
from facilitator.action_hints import ActionHints, action_hints
from ui.commands.actions import (
    AddActionCommand,
    EditActionCommand,
    MoveActionCommand,
    RemoveActionCommand,
    SetStatusCommand,
)
from ui.messages import describe
from ui.models.actions import PRIORITY_NAMES, ActionsModel, CapRefusal
from ui.models.addresses import AddressesModel, load_targets
from ui.session.completion import try_complete
from ui.steps.base import PageContext, StepPage
from ui.style import set_role
from ui.widgets.action_form import ActionForm
from ui.widgets.action_lists import ActionLists
from ui.widgets.action_status import ActionStatus
from ui.widgets.cap_banner import CapBanner
from ui.widgets.language_highlighter import LanguageDisplay, presenting
from ui.widgets.language_watch import watch_language
from ui.widgets.row_keys import UndoWhenEmpty

HINTS_DELAY_MS = 600  # after the last save: the checks read the whole session


class ActionsPage(StepPage):
    """Capture on top, the lists on the left, the selected item's form on the right."""

    step_id = "actions"

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.hint = self.add_hint(
            self.tr(
                "At most five must/should items: each a specific task with one owner, a "
                "deadline and a way to know it worked. Everything else goes to the backlog."
            )
        )
        doc = context.document
        self.model = ActionsModel(context.store, doc.session_id, self)
        self.model.saved.connect(doc.saved)
        self.model.failed.connect(doc.save_failed)
        self.model.failed.connect(self._show_problem)
        self.model.cap_refused.connect(self._cap_refused)
        self.model.edit_requested.connect(self._edit_requested)
        self._build_capture()
        self.banner = CapBanner(self)
        self.banner.make_nice.connect(self._make_nice)
        self.banner.dismissed.connect(self.focus_main_input)
        # The banner says the rule where it bites: the hint saying it too would only take
        # the lists' room while it shows.
        self.banner.shown.connect(lambda shown: self.hint.setHidden(shown))
        self.body.addWidget(self.banner)
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        set_role(self.problem, "error")
        self.problem.hide()
        self.body.addWidget(self.problem)

        # The lists, the form and the rest in turns of their own when the window builds
        # the page ahead of time: at once they were 50 ms and more.
        self.later(self._build_lists)
        self.later(self._build_form)
        self.later(self._build_rest)

    # Building ------------------------------------------------------------------------------

    def _build_lists(self) -> None:
        # Each part is made in the parent it stays in: moving a built tree to another
        # parent re-resolves its style, fonts and palette (25 ms for the form and lists).
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.lists = ActionLists(self.model, self.splitter)
        self.lists.setMinimumWidth(260)
        self.splitter.addWidget(self.lists)
        self.splitter.setChildrenCollapsible(False)
        self.body.addWidget(self.splitter, 1)

    def _build_form(self) -> None:
        doc = self.context.document
        self.addresses = AddressesModel(self)
        self.scroll = QScrollArea(self.splitter)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.form = ActionForm(
            self.model,
            self.context.undo_stack,
            self.addresses,
            settings=self.context.settings,
            timezone=lambda: str(doc.value("timezone")),
            parent=self.scroll.viewport(),
        )
        doc.register_editor(self.form)  # step change, close and quit save what was typed
        self.scroll.setWidget(self.form)
        self.form.focused.connect(lambda widget: self.scroll.ensureWidgetVisible(widget, 0, 8))
        self.form.setMinimumWidth(320)
        self.splitter.addWidget(self.scroll)
        self.splitter.setSizes([1000, 1000])  # half and half, whatever the width

    def _build_rest(self) -> None:
        doc = self.context.document
        self.status = ActionStatus(self)
        self.general = self.status.general
        self.completeness = self.status.completeness
        self.complete_button = self.status.complete_button
        self.complete_button.clicked.connect(self.mark_completed)
        self.body.addWidget(self.status)
        # Presentation mode shows the room the items; the facilitator's notes stay off it.
        LanguageDisplay.of(self.context.settings).changed.connect(self._presenting_changed)

        self.lists.current_changed.connect(self.form.show_item)
        self.lists.open_requested.connect(self.form.title.setFocus)
        self.lists.move_requested.connect(self._move)
        self.lists.delete_requested.connect(self._delete)
        for signal in (self.model.rowsInserted, self.model.rowsRemoved, self.model.modelReset):
            signal.connect(self.refresh_counts)
        self.model.dataChanged.connect(self._data_changed)
        self._hints_timer = QTimer(self, singleShot=True, interval=HINTS_DELAY_MS)
        self._hints_timer.timeout.connect(self.refresh_hints)
        self.model.saved.connect(self._hints_timer.start)
        doc.field_changed.connect(self._field_changed)
        self.refresh_counts()  # the findings come with `entered`, before the page shows

    def _build_capture(self) -> None:
        row = QHBoxLayout()
        row.setSpacing(10)
        self.counter = QLabel(self)
        self.counter.setObjectName("committedCounter")
        set_role(self.counter, "h3")
        row.addWidget(self.counter)
        self.capture = QLineEdit(self)
        self.capture.setObjectName("actionCapture")
        self.capture.setPlaceholderText(self.tr("A specific task — press Enter to add it"))
        self.capture.returnPressed.connect(self.add_from_field)
        self.capture.textEdited.connect(lambda _text: self._show_problem(""))
        UndoWhenEmpty(self.capture)
        watch_language(self.capture, self.context.settings)
        row.addWidget(self.capture, 1)
        self.priority = QComboBox(self)
        self.priority.setObjectName("capturePriority")
        for value, text in PRIORITY_NAMES.items():
            self.priority.addItem(self.tr(text), value)
        self.priority.setCurrentIndex(self.priority.findData(actions.DEFAULT_PRIORITY))
        self.priority.setToolTip(self.tr("The priority of the item Enter adds"))
        row.addWidget(self.priority)
        self.body.addLayout(row)

    def focus_main_input(self) -> None:
        self.capture.setFocus(Qt.FocusReason.OtherFocusReason)

    def entered(self) -> None:
        # The factors and chains may have changed on their steps.
        self.addresses.set_targets(
            load_targets(self.context.store, self.context.document.session_id)
        )
        if not self.lists.current_id() and self.model.rowCount():
            self.lists.select(self.model.row_at(0).id)  # the form shows an item, not blanks
        self.form.refresh()
        # The findings a moment later, not with the switch: their pool thread holds the
        # GIL in turns with the GUI thread while it draws the page.
        self._hints_timer.start()

    # Adding and editing ---------------------------------------------------------------------

    def add_from_field(self) -> None:
        """Add the typed task; the field empties and keeps the focus for the next one."""
        title = self.capture.text().strip()
        if not title:
            return
        self.banner.hide()
        spec = {"title": title, "priority": str(self.priority.currentData())}
        self._add(spec)

    def _add(self, spec: dict[str, Any]) -> None:
        command = AddActionCommand(self.model, spec)
        self.context.undo_stack.push(command)
        if command.row_id is None:
            return  # refused: the text stays; the banner or the problem line says why
        self.capture.setText("")
        self.priority.setCurrentIndex(self.priority.findData(actions.DEFAULT_PRIORITY))
        self.lists.select(command.row_id)
        self.capture.setFocus()

    def _cap_refused(self, refusal: CapRefusal) -> None:
        self.banner.explain(refusal)

    def _make_nice(self, refusal: CapRefusal) -> None:
        """The banner's way on: the same change, as a nice-to-have (the backlog)."""
        stack = self.context.undo_stack
        if refusal.kind == "add":
            self._add({**refusal.request, "priority": "nice"})
        elif refusal.kind == "status":
            item_id, status, keywords = refusal.request
            stack.beginMacro(self.tr("reopen in the backlog"))
            stack.push(EditActionCommand(self.model, item_id, {"priority": "nice"}))
            stack.push(SetStatusCommand(self.model, item_id, status, **keywords))
            stack.endMacro()
            self.lists.select(item_id)

    def _edit_requested(self, item_id: str, field: str, value: Any) -> None:
        self.context.undo_stack.push(EditActionCommand(self.model, item_id, {field: value}))

    def _move(self, item_id: str, index: int) -> None:
        self.context.undo_stack.push(MoveActionCommand(self.model, item_id, index))
        self.lists.select(item_id)

    def _delete(self, item_id: str) -> None:
        row = self.model.row_of(item_id)
        self.context.undo_stack.push(RemoveActionCommand(self.model, item_id))
        if self.model.rowCount():
            self.lists.select(self.model.row_at(min(row, self.model.rowCount() - 1)).id)

    def _data_changed(self, *_args: Any) -> None:
        self.refresh_counts()
        self.lists.follow()

    def _show_problem(self, message: str) -> None:
        self.problem.setText(f"⚠ {message}" if message else "")
        self.problem.setVisible(bool(message))

    # What the core says --------------------------------------------------------------------

    def refresh_counts(self, *_args: Any) -> None:
        count, cap = self.model.committed_count(), actions.MAX_COMMITTED
        full = self.tr(" · full") if count >= cap else ""
        self.counter.setText(self.tr("{n} of {cap}").format(n=count, cap=cap) + full)
        self.counter.setToolTip(
            self.tr("{n} must/should items of the {cap} a session keeps").format(n=count, cap=cap)
        )
        self._refresh_completeness()

    def refresh_hints(self) -> None:
        """The check findings per item, computed off the GUI thread (they read the session)."""
        doc = self.context.document
        self.context.workers.run(
            action_hints,
            doc.store,
            doc.session_id,
            on_done=self._hints_ready,
            on_error=lambda _e: None,
        )

    def _hints_ready(self, hints: object) -> None:
        if not isinstance(hints, ActionHints) or not shiboken6.isValid(self):
            return  # the page closed while the checks ran
        self.model.set_findings(hints.items)
        self._general = [f.message for f in hints.general]
        self._show_general()
        self.form.refresh()

    def _show_general(self) -> None:
        """The findings about the items as a whole (coverage, the cap), each in full: the
        box under the lists scrolls when they are long."""
        self.status.set_general(getattr(self, "_general", []))

    def _presenting_changed(self) -> None:
        self._show_general()
        # The findings and what completing needs are the facilitator's: not on the room's
        # screen, and no room taken there either.
        self.status.setVisible(not presenting(self))
        completed = self.context.document.value("status") == "completed"
        # Nothing to complete yet: no button inviting it (the Meeting menu still can).
        self.complete_button.setVisible(not completed and self.model.committed_count() > 0)

    def _field_changed(self, field: str, _value: Any) -> None:
        if field == "status":
            self._refresh_completeness()

    def _refresh_completeness(self) -> None:
        doc = self.context.document
        self._presenting_changed()
        if doc.value("status") == "completed":
            self.status.set_completeness(self.tr("✓ The session is marked completed."), "ok")
            return
        if not self.model.committed_count():
            # Nothing yet is not "everything done": say what to do next, not an all-clear.
            self.status.set_completeness(
                self.tr(
                    "No must/should items yet. Add what the room agrees on; each needs an "
                    "owner, a deadline and success criteria before the session is completed."
                ),
                "muted",
            )
            return
        try:
            blockers = actions.load_blockers(doc.store, doc.session_id)
        except errors.FacilitatorError as exc:
            self.status.set_completeness(describe(exc), "error")
            return
        if not blockers:
            self.status.set_completeness(
                self.tr("✓ Every must/should item has an owner, a deadline and success criteria."),
                "ok",
            )
            return
        self.status.set_completeness(self.status.blockers_text(blockers), "warning")

    def mark_completed(self) -> None:
        """Complete the session, or go to the first item that needs something (the list of
        what is missing is on show beside the button)."""
        self.form.flush()
        blockers = try_complete(self.context.document, self.context.undo_stack)
        if blockers:
            self.show_item(blockers[0].action_id)
        self._refresh_completeness()

    def show_item(self, item_id: str) -> None:
        """Select an item and put the keyboard in its form."""
        self.lists.select(item_id)
        self.form.title.setFocus()
