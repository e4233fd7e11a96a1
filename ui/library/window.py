"""The library window: past sessions newest first, search and filters, new, open, trash.

It is the first window, on the start-up budget (DESIGN section 7), so this module loads no
SQLAlchemy: the list comes through `facilitator.library`, first from the file read directly
(`LibraryFile`) while the app opens its store on a worker thread, then through the store
(`use_store`). What acts on the store (the core's `sessions`, the undo commands, the
duplicate) is imported where it is first used, when the store is there or nearly.
"""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from facilitator import errors, library
from facilitator.db.choices import SEVERITIES
from ui.first_paint import when_painted
from ui.library.empty_state import EmptyState
from ui.library.exchange import LibraryExchange, exchange_available
from ui.library.menus import build_menus
from ui.messages import confirm, describe, warn
from ui.models.sessions import (
    SEVERITY,
    STATUS_NAMES,
    TITLE,
    SessionIdRole,
    SessionTableModel,
)
from ui.style import Style, set_role, severity_color
from ui.workers import Workers

if TYPE_CHECKING:
    from facilitator.db.store import Store

SEARCH_DELAY_MS = 150
# Sessions listed before the window is first painted, the rest right after: a full screen and
# more, in ~3 ms instead of ~25 ms for a library of 1,000 (with its labels, action progress
# and the filters' values), on the start-up budget (DESIGN section 7).
FIRST_SCREEN = 100
CELL_PADDING = 2 * 8 + 12  # QTableView::item's padding in app.qss, and some air
SEVERITY_DOT = 12 + 6  # ui.models.sessions.severity_dot and the gap after it
HORIZONTAL = Qt.Orientation.Horizontal


class LibraryWindow(QMainWindow):
    """The first window. Opening a session is the app's job: it listens to `open_requested`."""

    open_requested = Signal(str)
    quit_requested = Signal()

    def __init__(
        self,
        store: Store | Callable[[], Store],
        *,
        listing: library.LibraryFile | None = None,
        style: Style,
        settings: QSettings,
        workers: Workers,
        timezone: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("libraryWindow")
        self.setWindowTitle(self.tr("Post-mortem Facilitator"))
        # The store, or how to get it when it is still opening (FacilitatorApp.store waits).
        self._store_of: Callable[[], Store] = store if callable(store) else lambda: store
        self._listing = listing
        self.style_ = style
        self.settings = settings
        self.workers = workers
        self.timezone = timezone  # for new sessions; None: the machine's (asked when needed)
        self.trash_mode = False
        self.undo_stack = QUndoStack(self)
        self.model = SessionTableModel({s: severity_color(s) for s in SEVERITIES})
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.refresh)
        self.exchange = (
            LibraryExchange(self, self._store_of, workers, self.selected_id, self._imported)
            if exchange_available()
            else None
        )
        self._build()
        self.actions_ = build_menus(self)
        self.resize(1280, 720)
        self.refresh(limit=FIRST_SCREEN)
        if self.model.rowCount() < FIRST_SCREEN:
            self._refill_labels()  # every session is listed already
        else:
            when_painted(self, self.refresh)
        self.search.setFocus()

    @property
    def store(self) -> Store:
        return self._store_of()

    def _core(self) -> tuple[Store, ModuleType]:
        """The store and the core's session functions, in that order: the worker opening the
        store may still be importing the core, and two threads importing the same modules at
        once can deadlock (the wait for the store comes first)."""
        store = self.store
        from facilitator import sessions

        return store, sessions

    def use_store(self, store: Store) -> None:
        """The store has opened: list through it from now on (the direct read is closed)."""
        self._store_of = lambda: store
        if self._listing is not None:
            self._listing.close()
            self._listing = None

    # Layout --------------------------------------------------------------------------------

    def _build(self) -> None:
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(40, 28, 40, 16)
        layout.setSpacing(16)
        top = QHBoxLayout()
        self.heading = QLabel(self.tr("Post-mortems"), central)
        set_role(self.heading, "h1")
        top.addWidget(self.heading, 1)
        self.trash_button = QPushButton(self.tr("Trash"), central)
        set_role(self.trash_button, "true", "flat")
        self.trash_button.setCheckable(True)
        self.trash_button.toggled.connect(self.show_trash)
        top.addWidget(self.trash_button)
        self.empty_trash_button = QPushButton(self.tr("Empty trash…"), central)
        self.empty_trash_button.clicked.connect(self.empty_trash)
        top.addWidget(self.empty_trash_button)
        self.new_button = QPushButton(self.tr("New session"), central)
        set_role(self.new_button, "true", "primary")
        self.new_button.clicked.connect(self.new_session)
        top.addWidget(self.new_button)
        layout.addLayout(top)

        filters = QHBoxLayout()
        filters.setSpacing(10)
        self.search = QLineEdit(central)
        self.search.setObjectName("search")
        self.search.setPlaceholderText(
            self.tr("Search titles, incident refs, summaries, timelines")
        )
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        filters.addWidget(self.search, 3)
        self.severity = self._filter(self.tr("Any severity"), [(s, s) for s in SEVERITIES])
        self.status = self._filter(
            self.tr("Any status"), [(self.tr(n), s) for s, n in STATUS_NAMES.items()]
        )
        self.service = self._filter(self.tr("Any service"), [])
        self.tag = self._filter(self.tr("Any tag"), [])
        for combo in (self.severity, self.status, self.service, self.tag):
            filters.addWidget(combo, 1)
        layout.addLayout(filters)

        self.table = QTableView(central)
        self.table.setObjectName("sessions")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(40)
        header = self.table.horizontalHeader()
        # The short columns are sized by `_fit_columns` from their texts, not by Qt's
        # ResizeToContents, which asked the model for some 6,000 cells (every role of the
        # first rows, at each layout pass) before the first paint: a quarter of start-up.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.table.doubleClicked.connect(lambda index: self.open_row(index.row()))
        self.empty = EmptyState(central, demo_available=self.exchange is not None)
        self.empty.new_requested.connect(self.new_session)
        if self.exchange is not None:
            self.empty.demo_requested.connect(self.exchange.open_demo)
        self.pages = QStackedWidget(central)
        self.pages.addWidget(self.table)
        self.pages.addWidget(self.empty)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        self.undo_button = QPushButton(self.tr("Undo"), self)
        set_role(self.undo_button, "true", "flat")
        self.undo_button.clicked.connect(self.undo_stack.undo)
        self.undo_button.hide()
        self.statusBar().addPermanentWidget(self.undo_button)
        self.undo_stack.indexChanged.connect(self._hide_undo)

    def _filter(self, everything: str, items: list[tuple[str, str]]) -> QComboBox:
        combo = QComboBox(self)
        combo.addItem(everything, None)
        for text, value in items:
            combo.addItem(text, value)
        combo.currentIndexChanged.connect(lambda _i: self.refresh())
        return combo

    # Data ----------------------------------------------------------------------------------

    def refresh(self, limit: int | None = None) -> None:
        """Query the core with the search text and the filters; keep the selection. With a
        `limit`, only the newest sessions (and the filters keep the values they have)."""
        self._search_timer.stop()
        selected = self.selected_id()
        if limit is None:
            self._refill_labels()
        filters: library.Filters = {
            "search": self.search.text() or None,
            "severity": self.severity.currentData(),
            "status": self.status.currentData(),
            "service": self.service.currentData(),
            "tag": self.tag.currentData(),
            "trash": self.trash_mode,
            "limit": limit,
        }
        try:
            if self._listing is not None:
                rows = library.list_sessions(self._listing, **filters)
            else:
                from facilitator import sessions

                rows = sessions.list_sessions(self.store, **filters)
        except errors.FacilitatorError as exc:
            self.statusBar().showMessage(describe(exc))
            return
        self.model.set_rows(rows)
        self._fit_columns()
        filtering = bool(self.search.text().strip()) or any(
            c.currentIndex() > 0 for c in (self.severity, self.status, self.service, self.tag)
        )
        self.empty_trash_button.setVisible(self.trash_mode and bool(rows))
        self.new_button.setVisible(not self.trash_mode)
        if rows:
            self.pages.setCurrentWidget(self.table)
            row = self.model.row_of(selected) if selected else -1
            self.table.selectRow(max(row, 0))
        else:
            self.empty.show_reason(
                "trash" if self.trash_mode else "filter" if filtering else "first"
            )
            self.pages.setCurrentWidget(self.empty)

    def _fit_columns(self, sample: int = 50) -> None:
        """Each short column as wide as its header or its widest text in the first rows, plus
        the cell padding (app.qss) and, for the severity, its dot."""
        self.table.ensurePolished()
        text = self.table.fontMetrics()
        heading = self.table.horizontalHeader().fontMetrics()
        for column in range(self.model.columnCount()):
            if column == TITLE:
                continue
            widest = max(
                (text.horizontalAdvance(t) for t in self.model.column_texts(column, sample)),
                default=0,
            )
            widest += SEVERITY_DOT if column == SEVERITY else 0
            title = heading.horizontalAdvance(str(self.model.headerData(column, HORIZONTAL)))
            self.table.setColumnWidth(column, max(widest, title) + CELL_PADDING)

    def _refill_labels(self) -> None:
        for combo, kind in ((self.service, "service"), (self.tag, "tag")):
            values = self._label_values(kind)
            current = combo.currentData()
            if [combo.itemData(i) for i in range(1, combo.count())] == values:
                continue
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(1)
            for value in values:
                combo.addItem(value, value)
            combo.setCurrentIndex(max(0, combo.findData(current)) if current else 0)
            combo.blockSignals(False)

    def _label_values(self, kind: str) -> list[str]:
        if self._listing is not None:
            return library.label_values(self._listing, kind)
        from facilitator import sessions

        return sessions.label_values(self.store, kind)

    def selected_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return rows[0].data(SessionIdRole) if rows else None

    # Actions -------------------------------------------------------------------------------

    def open_row(self, row: int) -> None:
        """Open a session; in the trash, opening one restores it."""
        if not 0 <= row < self.model.rowCount():
            return
        session = self.model.session(row)
        if self.trash_mode:
            store, sessions = self._core()
            sessions.restore_session(store, session.id)
            self.statusBar().showMessage(
                self.tr("“{title}” restored.").format(title=session.title), 4000
            )
            self.refresh()
        else:
            self.open_requested.emit(session.id)

    def open_selected(self) -> None:
        if self.pages.currentWidget() is self.table:
            self.open_row(self.table.currentIndex().row())

    def _imported(self, ids: list[str]) -> None:
        self.refresh()
        self.statusBar().showMessage(self.tr("Imported {n} session(s).").format(n=len(ids)), 4000)
        if len(ids) == 1:
            self.open_requested.emit(ids[0])

    def new_session(self) -> None:
        from facilitator.zones import local_timezone  # not needed to start
        from ui.library.new_session_dialog import NewSessionDialog

        choice = NewSessionDialog.ask(self, self.timezone or local_timezone())
        if choice is None:
            return
        store, sessions = self._core()
        try:
            new_id = sessions.create_session(
                store,
                choice.title,
                severity=choice.severity,
                depth=choice.depth,
                timezone=choice.timezone,
            )
        except errors.FacilitatorError as exc:
            warn(self, self.tr("New session"), describe(exc))
            return
        self.refresh()
        self.open_requested.emit(new_id)

    def delete_selected(self) -> None:
        session_id = self.selected_id()
        if session_id is None or self.trash_mode:
            return
        title = self.model.session(self.model.row_of(session_id)).title
        if not confirm(
            self,
            self.tr("Move to trash"),
            self.tr(
                "Move “{title}” to the trash? You can undo this or restore it from the trash."
            ).format(title=title),
        ):
            return
        store, _ = self._core()
        from ui.commands.library import DeleteSessionCommand

        self.undo_stack.push(DeleteSessionCommand(store, session_id, title, self.refresh))
        self.statusBar().showMessage(self.tr("“{title}” moved to the trash.").format(title=title))
        self.undo_button.show()

    def duplicate_selected(self) -> None:
        """A draft copy of the selected session (ui/library/duplicate.py); undo trashes it."""
        self._core()
        from ui.library.duplicate import duplicate_selected

        duplicate_selected(self)

    def _hide_undo(self) -> None:
        self.undo_button.setVisible(self.undo_stack.canUndo())
        if not self.undo_stack.canUndo():
            from ui.commands.library import DuplicateSessionCommand  # loaded: it made `undone`

            undone = self.undo_stack.command(self.undo_stack.index())
            copied = isinstance(undone, DuplicateSessionCommand)
            message = self.tr("The copy is in the trash.") if copied else self.tr("Restored.")
            self.statusBar().showMessage(message, 4000)

    def show_trash(self, on: bool) -> None:
        self.trash_mode = on
        self.heading.setText(self.tr("Trash") if on else self.tr("Post-mortems"))
        self.trash_button.setText(self.tr("Back to sessions") if on else self.tr("Trash"))
        if self.trash_button.isChecked() != on:
            self.trash_button.setChecked(on)
        self.refresh()

    def empty_trash(self) -> None:
        if confirm(
            self,
            self.tr("Empty trash"),
            self.tr("Delete every session in the trash for good? This cannot be undone."),
        ):
            store, sessions = self._core()
            count = sessions.empty_trash(store)
            self.undo_stack.clear()  # the deleted sessions cannot come back
            self.undo_button.hide()
            self.statusBar().showMessage(self.tr("Deleted {n} for good.").format(n=count), 4000)
            self.refresh()
