"""The two lists of the actions page: the committed items (at most five) and, below, the
backlog (nice-to-have and dropped items, which do not count). One item is current across
both; keys act on it: Alt+Up/Down moves it within its list, Del deletes it (undoable), Enter
or F2 opens it in the form."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QLabel, QSizePolicy, QVBoxLayout, QWidget

from ui.models.actions import TITLE, ActionsFilter, ActionsModel
from ui.models.rows import RowIdRole
from ui.style import set_role
from ui.widgets.action_delegate import PAD_X, ActionDelegate
from ui.widgets.row_keys import add_row_keys
from ui.widgets.row_view import RowListView

# How much more of the height the committed items get than the backlog when both scroll.
COMMITTED_STRETCH = 4


def rows_height(view: RowListView, rows: int) -> int:
    """The height that shows `rows` of the view's (equally tall) rows whole."""
    spacing = view.spacing()
    row = view.sizeHintForRow(0) if view.model().rowCount() else 0
    return rows * (row + 2 * spacing) + 2 * view.frameWidth() + 2


class ActionLists(QWidget):
    """`current_changed(id or "")` when the current item changes; `open_requested` on Enter;
    `move_requested(id, index)` and `delete_requested(id)` for the page's commands."""

    current_changed = Signal(str)
    open_requested = Signal()
    move_requested = Signal(str, int)
    delete_requested = Signal(str)

    def __init__(self, model: ActionsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.committed = ActionsFilter(model, True, self)
        self.backlog = ActionsFilter(model, False, self)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(6)
        self.committed_view = self._view(self.committed, "committedActions")
        self.committed_empty = self._empty(
            self.tr("No must/should items yet. Type a task above and press Enter."),
            "committedEmpty",
        )
        column.addWidget(self.committed_view, COMMITTED_STRETCH)
        column.addWidget(self.committed_empty)
        # Room between a row cut at the list's edge and the heading under it: without it
        # the cut row read as running into the heading.
        column.addSpacing(12)
        self.backlog_heading = QLabel(self.tr("Backlog · not counted"), self)
        self.backlog_heading.setObjectName("backlogHeading")
        self.backlog_heading.setToolTip(
            self.tr("Nice-to-have and dropped items: they do not count against the five")
        )
        set_role(self.backlog_heading, "h3")
        column.addWidget(self.backlog_heading)
        self.backlog_view = self._view(self.backlog, "backlogActions")
        self.backlog_empty = self._empty(
            self.tr("Nothing in the backlog. Ideas that are not in the five go here."),
            "backlogEmpty",
        )
        column.addWidget(self.backlog_view, 1)
        column.addWidget(self.backlog_empty)
        # What neither list needs stays under them, not as gaps between rows.
        column.addStretch(0)
        self._current = ""
        for proxy in (self.committed, self.backlog):
            for signal in (
                proxy.rowsInserted,
                proxy.rowsRemoved,
                proxy.modelReset,
                proxy.layoutChanged,
            ):
                signal.connect(self._fit)
        self._fit()

    def _fit(self, *_args: object) -> None:
        """Each list as tall as its rows at most (then it scrolls), at least one row: the
        height left over goes to the committed items first (their stretch), so the five
        stay in view while the backlog scrolls. An empty list is a line saying what to do,
        a label that wraps to its width rather than text painted into a fixed box."""
        for view, empty in (
            (self.committed_view, self.committed_empty),
            (self.backlog_view, self.backlog_empty),
        ):
            rows = view.model().rowCount()
            view.setVisible(rows > 0)
            empty.setVisible(rows == 0)
            if rows:
                view.setMinimumHeight(rows_height(view, min(rows, 1)))
                view.setMaximumHeight(rows_height(view, rows))

    def _empty(self, text: str, name: str) -> QLabel:
        label = QLabel(text, self)
        label.setObjectName(name)
        label.setWordWrap(True)
        set_role(label, "muted")
        label.setContentsMargins(PAD_X, 4, PAD_X, 4)
        return label

    def _view(self, proxy: ActionsFilter, name: str) -> RowListView:
        view = RowListView("", self)
        view.setObjectName(name)
        view.setDragDropMode(QAbstractItemView.DragDropMode.NoDragDrop)  # keys reorder
        view.setModel(proxy)
        view.setModelColumn(TITLE)
        view.setItemDelegate(ActionDelegate(view))
        view.setAccessibleName(name)
        # Its height comes from `_fit` and the column's stretch, not from Qt's 192 pixels.
        view.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Ignored)
        add_row_keys(view, move=lambda delta: self._move(view, delta), delete=self._delete)
        # The form beside the list edits an item; F2 and Enter go there.
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self._picked(view, current)
        )
        view.installEventFilter(self)
        return view

    # The current item --------------------------------------------------------------------

    def current_id(self) -> str:
        return self._current

    def select(self, item_id: str) -> None:
        """Make `item_id` current in whichever list holds it now."""
        for view, proxy in self._pairs():
            row = proxy.row_of(item_id) if item_id else -1
            if row >= 0:
                index = proxy.index(row, TITLE)
                view.setCurrentIndex(index)
                view.scrollTo(index)
                self._set_current(item_id)
                return
        self._set_current("")

    def focus_current(self) -> None:
        """Keyboard focus on the list holding the current item (the committed one if none)."""
        for view, proxy in self._pairs():
            if self._current and proxy.row_of(self._current) >= 0:
                view.setFocus()
                return
        self.committed_view.setFocus()

    def _pairs(self) -> list[tuple[RowListView, ActionsFilter]]:
        return [(self.committed_view, self.committed), (self.backlog_view, self.backlog)]

    def _picked(self, view: RowListView, current: QModelIndex) -> None:
        item_id = current.data(RowIdRole) if current.isValid() else ""
        if not item_id:
            return
        other = self.backlog_view if view is self.committed_view else self.committed_view
        other.selectionModel().clear()  # one current item across both lists
        self._set_current(str(item_id))

    def _set_current(self, item_id: str) -> None:
        if item_id != self._current:
            self._current = item_id
            self.current_changed.emit(item_id)

    def follow(self) -> None:
        """After rows moved between the lists (a priority or status change), keep the
        current item current where it is now."""
        if self._current:
            for view, proxy in self._pairs():
                row = proxy.row_of(self._current)
                if row >= 0 and view.currentIndex().row() != row:
                    view.selectionModel().setCurrentIndex(
                        proxy.index(row, TITLE),
                        QItemSelectionModel.SelectionFlag.ClearAndSelect
                        | QItemSelectionModel.SelectionFlag.Rows,
                    )

    # Keys ------------------------------------------------------------------------------------

    def _move(self, view: RowListView, delta: int) -> None:
        """Move within the list on show: to where its neighbour there is among all items."""
        proxy = view.model()
        assert isinstance(proxy, ActionsFilter)
        row = view.currentIndex().row()
        target = row + delta
        if row < 0 or not 0 <= target < proxy.rowCount():
            return
        item_id, neighbour = proxy.item_id(row), proxy.item_id(target)
        if item_id and neighbour:
            self.move_requested.emit(item_id, self.model.row_of(neighbour))

    def _delete(self) -> None:
        if self._current:
            self.delete_requested.emit(self._current)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FontChange and watched in (
            self.committed_view,
            self.backlog_view,
        ):
            self._fit()  # presentation mode and zoom change the rows' heights
            return False
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2)
            and isinstance(watched, RowListView)
        ):
            self.open_requested.emit()
            return True
        return False
