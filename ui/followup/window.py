"""The Action items window (library: View > Action items, Ctrl+Shift+A): every session's
action items, filtered the ways a follow-up asks (open, overdue, due this week, done, dropped;
by owner), their status changed in place, the figures, and CSV / iCalendar exports.

The list is read through `facilitator.followup` off the GUI thread, again whenever the
window comes back to the front (a session window may have changed items meanwhile). Status
changes are undoable here (Ctrl+Z), with the same questions as on the actions page.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QEvent, QSettings, Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QPushButton,
    QTabBar,
    QVBoxLayout,
    QWidget,
)

from facilitator import followup
from facilitator.db.store import Store
from facilitator.followup import FollowUpItem
from ui.actions import make_action
from ui.commands.followup import SetItemStatusCommand
from ui.followup.figures import FiguresBar
from ui.followup.files import export_items
from ui.messages import describe
from ui.models.actions import STATUS_NAMES
from ui.models.followup import SESSION, STATUS, TITLE, FollowUpModel, status_label
from ui.style import Style, set_role
from ui.widgets.action_dialogs import ask_status_change
from ui.widgets.row_view import ChoiceDelegate, RowTableView
from ui.workers import Workers

# Tab -> (its name, the filters it passes to followup.list_items, what to say when empty)
VIEWS: dict[str, tuple[str, dict[str, Any], str]] = {
    "open": ("Open", {"status": ("open", "in_progress")}, "Nothing open. Everything is done!"),
    "overdue": ("Overdue", {"overdue": True}, "Nothing overdue."),
    "week": ("Due this week", {"due_this_week": True}, "Nothing due this week."),
    "done": ("Done", {"status": "done"}, "Nothing done yet."),
    "dropped": ("Dropped", {"status": "dropped"}, "Nothing dropped."),
    "all": ("All", {}, "No action items in any session yet."),
}


class ActionItemsWindow(QMainWindow):
    """One per library; `open_requested(session id)` asks the app to open a session."""

    open_requested = Signal(str)

    def __init__(
        self,
        store: Store,
        *,
        style: Style,
        settings: QSettings,
        workers: Workers,
        timezone: str = "UTC",
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("actionItemsWindow")
        self.setWindowTitle(self.tr("Action items — Post-mortem Facilitator"))
        self.store = store
        self.style_ = style
        self.settings = settings
        self.workers = workers
        self.timezone = timezone
        self._today = today
        self.undo_stack = QUndoStack(self)
        self.model = FollowUpModel(self)
        self.model.status_requested.connect(self.change_status)
        self._everything: list[FollowUpItem] = []
        self.loads = 0  # finished loads (tests wait on it)
        self._build()
        make_action(self, "undo", self.undo_stack.undo)
        make_action(self, "redo", self.undo_stack.redo)
        make_action(self, "close", self.close)
        self.resize(1280, 720)
        self.table.setFocus()
        self.reload()

    @property
    def today(self) -> date:
        return self._today or date.today()

    # Layout --------------------------------------------------------------------------------

    def _build(self) -> None:
        central = QWidget(self)
        column = QVBoxLayout(central)
        column.setContentsMargins(40, 28, 40, 16)
        column.setSpacing(14)
        top = QHBoxLayout()
        heading = QLabel(self.tr("Action items"), central)
        set_role(heading, "h1")
        top.addWidget(heading, 1)
        self.export_csv = QPushButton(self.tr("Export CSV…"), central)
        self.export_csv.setToolTip(self.tr("The items on show, for an issue tracker's importer"))
        self.export_csv.clicked.connect(lambda: self.export("csv"))
        self.export_ics = QPushButton(self.tr("Export calendar…"), central)
        self.export_ics.setToolTip(self.tr("The deadlines of the items on show (iCalendar)"))
        self.export_ics.clicked.connect(lambda: self.export("ics"))
        for button in (self.export_csv, self.export_ics):
            set_role(button, "true", "flat")
            top.addWidget(button)
        column.addLayout(top)
        self.figures = FiguresBar(central)
        column.addWidget(self.figures)

        filters = QHBoxLayout()
        self.tabs = QTabBar(central)
        self.tabs.setObjectName("followupViews")
        self.tabs.setDrawBase(False)
        self.tabs.setExpanding(False)
        for key, (name, _filters, _empty) in VIEWS.items():
            self.tabs.setTabData(self.tabs.addTab(self.tr(name)), key)
        self.tabs.currentChanged.connect(lambda _i: self.reload())
        filters.addWidget(self.tabs, 1)
        self.owner = QComboBox(central)
        self.owner.setObjectName("followupOwner")
        self.owner.addItem(self.tr("Anyone"), None)
        self.owner.setMinimumWidth(200)
        self.owner.activated.connect(lambda _i: self.reload())
        filters.addWidget(self.owner)
        column.addLayout(filters)

        self.table = RowTableView("", central)
        self.table.setObjectName("followupTable")
        self.table.setDragDropMode(QAbstractItemView.DragDropMode.NoDragDrop)
        self.table.setModel(self.model)
        choices = [(status_label(s), s) for s in STATUS_NAMES]
        self.table.setItemDelegateForColumn(STATUS, ChoiceDelegate(choices, self.table))
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.table.verticalHeader().setDefaultSectionSize(36)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(SESSION, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(SESSION, 240)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.table.activated.connect(self._activated)
        column.addWidget(self.table, 1)
        keys = QLabel(
            self.tr("F2 changes the status · Enter opens the session · Ctrl+Z undoes"), central
        )
        set_role(keys, "small")
        column.addWidget(keys)
        self.setCentralWidget(central)

    # Data ----------------------------------------------------------------------------------

    def view(self) -> str:
        return str(self.tabs.tabData(self.tabs.currentIndex()))

    def show_view(self, key: str) -> None:
        for index in range(self.tabs.count()):
            if self.tabs.tabData(index) == key:
                self.tabs.setCurrentIndex(index)

    def reload(self) -> None:
        """Read the items off the GUI thread: those on show, and everything (the figures and
        the owners)."""
        filters = dict(VIEWS[self.view()][1])
        owner = self.owner.currentData()
        self.workers.run(
            _load,
            self.store,
            filters,
            owner,
            self.today,
            on_done=self._loaded,
            on_error=self._failed,
        )

    def _loaded(self, result: object) -> None:
        if not shiboken6.isValid(self):
            return  # closed while the items were read
        shown, everything = result  # type: ignore[misc]
        selected = self.selected_item()
        self._everything = everything
        self.model.set_items(shown, self.today)
        self.table.empty_text = self.tr(VIEWS[self.view()][2])
        self._refill_owners()
        scope = [i for i in everything if self._owned(i)]
        self.figures.set_stats(followup.completion_stats(scope, today=self.today))
        if selected is not None and (row := self.model.row_of(selected.action_id)) >= 0:
            self.table.selectRow(row)
        self.loads += 1

    def _owned(self, item: FollowUpItem) -> bool:
        owner = self.owner.currentData()
        return owner is None or " ".join(item.owner.split()).casefold() == owner.casefold()

    def _refill_owners(self) -> None:
        names = followup.owners(self._everything)
        current = self.owner.currentData()
        if [self.owner.itemData(i) for i in range(1, self.owner.count())] == names:
            return
        self.owner.blockSignals(True)
        while self.owner.count() > 1:
            self.owner.removeItem(1)
        for name in names:
            self.owner.addItem(name, name)
        self.owner.setCurrentIndex(max(0, self.owner.findData(current)) if current else 0)
        self.owner.blockSignals(False)

    def selected_item(self) -> FollowUpItem | None:
        index = self.table.currentIndex()
        return self.model.item_at(index.row()) if index.isValid() else None

    def _failed(self, exc: BaseException) -> None:
        self.statusBar().showMessage(describe(exc), 8000)

    # Acting --------------------------------------------------------------------------------

    def change_status(self, item: FollowUpItem, status: str) -> None:
        """Done asks the day, dropped the reason; then one undoable change."""
        keywords = ask_status_change(self, item.title, status, self.timezone)
        if keywords is None:
            return
        self.undo_stack.push(
            SetItemStatusCommand(
                self.store, item, status, keywords, changed=self.reload, failed=self._failed
            )
        )

    def _activated(self, index: Any) -> None:
        if index.isValid() and index.column() != STATUS:
            self.open_requested.emit(self.model.item_at(index.row()).session_id)

    def export(self, kind: str) -> bool:
        """CSV or iCalendar of the items on show."""
        return export_items(
            self,
            self.workers,
            self.model.items(),
            kind,
            done=self._exported,
            failed=self._failed,
        )

    def _exported(self, path: object) -> None:
        if isinstance(path, Path):
            self.statusBar().showMessage(self.tr("Saved {name}.").format(name=path.name), 6000)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.WindowActivate and self.loads:
            self.reload()  # a session window may have changed items meanwhile
        return super().event(event)


def _load(
    store: Store, filters: dict[str, Any], owner: str | None, today: date
) -> tuple[list[FollowUpItem], list[FollowUpItem]]:
    shown = followup.list_items(store, owner=owner, today=today, **filters)
    return shown, followup.list_items(store, today=today)
