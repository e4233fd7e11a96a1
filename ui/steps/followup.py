"""The *follow-up* step: the effectiveness review of earlier related sessions' action items,
and where this session's own items stand.

The review lists the open and recently done items of earlier sessions that share a service or
a tag with this one (`facilitator.review.review_candidates`); the facilitator marks each done,
slipped, or done without meeting its success criteria (keys D, S, C; 0 clears), with a note if
it helps. The verdicts are saved with this session and appear in its write-up.
"""

from __future__ import annotations

from typing import Any

import shiboken6
from PySide6.QtCore import QEvent, QObject, QRect, Qt, QTimer
from PySide6.QtGui import QFontMetrics, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QWidget

from facilitator import errors, followup, review
from facilitator.db.store import Store
from facilitator.followup import FollowUpItem
from facilitator.review import ReviewCandidate
from ui.commands.followup import ReviewCommand, SetItemStatusCommand
from ui.messages import describe
from ui.models.actions import STATUS_NAMES
from ui.models.followup import SESSION, STATUS, TITLE as ITEM_TITLE, FollowUpModel, status_label
from ui.models.review import NOTE, TASK, VERDICT, VERDICTS, ReviewModel
from ui.session.presentation import facilitator_only
from ui.steps.base import PageContext, StepPage
from ui.style import set_role
from ui.widgets.action_dialogs import ask_status_change
from ui.widgets.row_view import ChoiceDelegate, RowTableView
from ui.widgets.two_line import TwoLineDelegate

# How the page's height goes to the two tables when both have more rows than fit: the
# review (the step's main input) first. A review with fewer rows takes only what they need.
REVIEW_SHARE, ITEMS_SHARE = 3, 2
# The empty-state words as paint_empty (ui/widgets/row_view.py) draws them: 0.85 of the
# table's type, 28 px above and 24 below.
EMPTY_TEXT_SCALE, EMPTY_TEXT_MARGINS = 0.85, 52

VERDICT_KEYS = {
    Qt.Key.Key_D: "done",
    Qt.Key.Key_S: "slipped",
    Qt.Key.Key_C: "criteria_not_met",
    Qt.Key.Key_0: "",
}


class FollowUpPage(StepPage):
    """The review on top (the step's main input), this session's items below."""

    step_id = "follow-up"
    reads_again_ahead = False  # entering starts the load in a pool thread, nothing more

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        hint = self.add_hint(
            self.tr(
                "Look back before looking forward: did the earlier sessions' action items on "
                "the same services or tags work? D done · S slipped · C done, criteria not "
                "met · 0 not reviewed."
            )
        )
        facilitator_only(hint)  # the keys are for whoever drives; the room needs the rows
        self._headings: list[QHBoxLayout] = []
        self.review_model = ReviewModel(self)
        self.review_model.review_requested.connect(self._review_requested)
        self.review_view = self._table(
            self.tr("Effectiveness review"),
            self.review_model,
            self.tr(
                "No earlier session shares a service or tag with this one. Add services and "
                "tags on Incident details to review what those sessions committed to."
            ),
            "reviewTable",
            TASK,
            REVIEW_SHARE,
        )
        verdicts = [(self.tr(text), value) for value, text in VERDICTS.items()]
        self.review_view.setItemDelegateForColumn(
            VERDICT, ChoiceDelegate(verdicts, self.review_view)
        )
        self.review_view.setItemDelegateForColumn(TASK, TwoLineDelegate(self.review_view))
        self.review_view.horizontalHeader().setSectionResizeMode(
            NOTE, QHeaderView.ResizeMode.Interactive
        )
        self.review_view.horizontalHeader().resizeSection(NOTE, 160)
        self.review_view.installEventFilter(self)

        self.items_model = FollowUpModel(self)
        self.items_model.status_requested.connect(self.change_status)
        self.items_view = self._table(
            self.tr("This session's action items"),
            self.items_model,
            self.tr("This session has no action items yet (the Action items step)."),
            "sessionItems",
            ITEM_TITLE,
            ITEMS_SHARE,
        )
        self.items_view.setColumnHidden(SESSION, True)
        choices = [(status_label(s), s) for s in STATUS_NAMES]
        self.items_view.setItemDelegateForColumn(STATUS, ChoiceDelegate(choices, self.items_view))
        # Beside its table's heading rather than under the table: a line more for the rows.
        self.summary = QLabel(self)
        self.summary.setObjectName("sessionItemsSummary")
        set_role(self.summary, "small")
        self.summary.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self._headings[-1].addWidget(self.summary, 1)
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        set_role(self.problem, "error")
        self.problem.hide()
        self.body.addWidget(self.problem)
        # Neither table is taller than its rows: what one leaves goes to the other, and what
        # both leave to the space under them.
        self.body.addStretch(0)
        self._cap_timer = QTimer(self, singleShot=True, interval=0)
        self._cap_timer.timeout.connect(self._cap_tables)
        for view in (self.review_view, self.items_view):
            model = view.model()
            for signal in (
                model.modelReset,
                model.rowsInserted,
                model.rowsRemoved,
                view.verticalHeader().sectionResized,
                view.horizontalHeader().sectionResized,  # the window's width: wrapping
                view.horizontalHeader().geometriesChanged,  # presentation's type
            ):
                signal.connect(self._cap_timer.start)
        self._loads = 0  # the latest load started; an older one's result is dropped
        self.loading = False

    def _table(
        self, heading: str, model: Any, empty: str, name: str, stretch: int, share: int
    ) -> RowTableView:
        title = QLabel(heading, self)
        set_role(title, "h3")
        row = QHBoxLayout()
        row.addWidget(title)
        self.body.addLayout(row)
        self._headings.append(row)
        view = RowTableView(empty, self)
        view.setObjectName(name)
        view.setDragDropMode(QAbstractItemView.DragDropMode.NoDragDrop)
        view.setModel(model)
        view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        # Rows as tall as their text needs: presentation mode's type is twice the size.
        view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.body.addWidget(view, share)
        return view

    def _cap_tables(self) -> None:
        """Each table as tall as its header and rows (or its empty-state words), no taller;
        one longer than its share of the page scrolls."""
        for view in (self.review_view, self.items_view):
            view.setMaximumHeight(content_height(view))

    def focus_main_input(self) -> None:
        self.review_view.setFocus(Qt.FocusReason.OtherFocusReason)
        if self.review_model.rowCount() and not self.review_view.currentIndex().isValid():
            self.review_view.setCurrentIndex(self.review_model.index(0, TASK))

    def entered(self) -> None:
        """Read the review and the items again (services, tags and items may have changed
        on other steps) in a pool thread: the queries cover every session in the library
        (160 ms at 200 sessions), too long for the GUI thread. The rows on show stay until
        the new ones come."""
        self._loads += 1
        self.loading = True
        load = self._loads
        doc = self.context.document
        self.context.workers.run(
            _load,
            doc.store,
            doc.session_id,
            on_done=lambda result: self._loaded(load, result),
            on_error=lambda exc: self._load_failed(load, exc),
        )

    # Data ----------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read again now, on this thread (after this page's own commands)."""
        self._loads += 1  # a load still running read the rows before the command
        self.loading = False
        doc = self.context.document
        try:
            self._show(*_load(doc.store, doc.session_id))
        except errors.FacilitatorError as exc:
            self._show_problem(describe(exc))

    def _loaded(self, load: int, result: object) -> None:
        if load != self._loads or not shiboken6.isValid(self):
            return  # a newer load is on its way, or the page closed
        self.loading = False
        candidates, items = result  # type: ignore[misc]
        self._show(candidates, items)
        if self.review_view.hasFocus():
            self.focus_main_input()  # the first row current, as when it was there at once

    def _load_failed(self, load: int, exc: BaseException) -> None:
        if load != self._loads or not shiboken6.isValid(self):
            return
        self.loading = False
        self._show_problem(describe(exc))

    def _show(self, candidates: list[ReviewCandidate], items: list[FollowUpItem]) -> None:
        self._show_problem("")
        current = self.review_view.currentIndex()
        self.review_model.set_candidates(candidates)
        if current.isValid() and current.row() < self.review_model.rowCount():
            self.review_view.setCurrentIndex(
                self.review_model.index(current.row(), current.column())
            )
        self.items_model.set_items(items)
        stats = followup.completion_stats(items)
        self.summary.setText(
            self.tr("{done} of {counted} done · {overdue} overdue").format(
                done=stats.done, counted=stats.total - stats.dropped, overdue=stats.overdue
            )
            if items
            else ""
        )

    def _show_problem(self, message: str) -> None:
        self.problem.setText(f"⚠ {message}" if message else "")
        self.problem.setVisible(bool(message))

    def _failed(self, exc: errors.FacilitatorError) -> None:
        self._show_problem(describe(exc))
        self.context.document.save_failed.emit(describe(exc))

    def _changed(self) -> None:
        self.reload()
        self.context.document.saved.emit()

    # Acting --------------------------------------------------------------------------------

    def _review_requested(self, action_id: str, verdict: object, note: str) -> None:
        row = self.review_model.row_of(action_id)
        title = self.review_model.candidate(row).title if row >= 0 else ""
        doc = self.context.document
        self.context.undo_stack.push(
            ReviewCommand(
                doc.store,
                doc.session_id,
                action_id,
                verdict if isinstance(verdict, str) else None,
                note,
                title,
                changed=self._changed,
                failed=self._failed,
            )
        )

    def mark(self, verdict: str) -> None:
        """The selected candidate's verdict ("" clears it)."""
        index = self.review_view.currentIndex()
        if index.isValid():
            self.review_model.setData(self.review_model.index(index.row(), VERDICT), verdict)

    def change_status(self, item: FollowUpItem, status: str) -> None:
        doc = self.context.document
        keywords = ask_status_change(self, item.title, status, str(doc.value("timezone")))
        if keywords is not None:
            self.context.undo_stack.push(
                SetItemStatusCommand(
                    doc.store, item, status, keywords, changed=self._changed, failed=self._failed
                )
            )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.review_view
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.modifiers()
            in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
            and event.key() in VERDICT_KEYS
            and self.review_view.state() != QAbstractItemView.State.EditingState
        ):
            self.mark(VERDICT_KEYS[Qt.Key(event.key())])
            return True
        return False


def content_height(view: RowTableView) -> int:
    """The height that shows all of a table's rows: header, rows, frame, and a horizontal
    scroll bar when one shows; with no rows, room for the words that say what to do."""
    height = 2 * view.frameWidth()
    if not view.horizontalHeader().isHidden():
        height += view.horizontalHeader().height()
    if view.horizontalScrollBar().isVisible():
        height += view.horizontalScrollBar().height()
    if view.model().rowCount():
        return height + view.verticalHeader().length()
    font = view.font()
    font.setPointSizeF(font.pointSizeF() * EMPTY_TEXT_SCALE)
    words = QFontMetrics(font).boundingRect(
        QRect(0, 0, max(view.viewport().width() - 48, 100), 10_000),
        int(Qt.TextFlag.TextWordWrap),
        view.empty_text,
    )
    return height + EMPTY_TEXT_MARGINS + words.height()


def _load(store: Store, session_id: str) -> tuple[list[ReviewCandidate], list[FollowUpItem]]:
    """The review candidates and this session's items, in number order (any thread)."""
    candidates = review.review_candidates(store, session_id)
    items = followup.list_items(store, session_id=session_id)
    items.sort(key=lambda item: item.number)
    return candidates, items
