"""Help > Keyboard shortcuts: the table in ui/actions.py, as a dialog."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.actions import shortcut_rows
from ui.style import set_role

WHERE, ACTION, KEYS = range(3)
SCREEN_MARGIN = 48  # around the dialog, so the window it belongs to still shows round it
MARGINS = (24, 20, 24, 16)
ITEM_PAD = (8, 6)  # `QTableView::item { padding: 6px 8px }` in app.qss


class ShortcutsDialog(QDialog):
    """A read-only list of every shortcut, grouped by where it works: as wide as its longest
    rows where the screen allows (every action whole), wrapped where it does not; as tall
    as the screen allows, and the table scrolls."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(*MARGINS)
        layout.setSpacing(12)
        title = QLabel(self.tr("Keyboard shortcuts"))
        set_role(title, "h2")
        layout.addWidget(title)
        rows = shortcut_rows()
        self.table = QTableWidget(len(rows), 3, self)
        self.table.setHorizontalHeaderLabels([self.tr("Where"), self.tr("Action"), self.tr("Keys")])
        for row, values in enumerate(rows):
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                self.table.setItem(row, column, item)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(True)  # on a narrow screen an action wraps, never "Open the…"
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(WHERE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ACTION, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(KEYS, QHeaderView.ResizeMode.ResizeToContents)
        # Rows as tall as their wrapped text, measured again when the action column's width
        # changes (seventy-odd rows: cheap); ResizeToContents would not re-measure then.
        header.sectionResized.connect(self._action_resized)
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._fit_to_screen()

    def wanted_width(self) -> int:
        """The width that shows every row on one line: the widest cell of each column."""
        self.ensurePolished()
        self.table.ensurePolished()  # the app's style sheet sets the table's type size
        columns = sum(
            max(self.table.sizeHintForColumn(c), self.table.horizontalHeader().sectionSizeHint(c))
            for c in (WHERE, ACTION, KEYS)
        )
        chrome = self.table.verticalScrollBar().sizeHint().width() + 2 * self.table.frameWidth()
        return columns + chrome + MARGINS[0] + MARGINS[2] + 8

    def _fit_to_screen(self) -> None:
        parent = self.parentWidget()
        screen = parent.screen() if parent is not None else QGuiApplication.primaryScreen()
        area = screen.availableGeometry()
        width = min(self.wanted_width(), area.width() - SCREEN_MARGIN)
        # As tall as the screen allows (to 760 px): sixty-odd rows scroll in any case.
        self.resize(max(width, 480), min(760, area.height() - SCREEN_MARGIN))

    def _action_resized(self, column: int, _old: int, _new: int) -> None:
        if column in (ACTION, KEYS):
            self.fit_rows()

    def fit_rows(self) -> None:
        """Each row as tall as its action and keys wrapped at their columns' widths.

        Measured here: Qt's own measure (resizeRowsToContents) leaves out the cell padding
        of the style sheet, so it found one line where the cell drew two and cut the second.
        """
        table = self.table
        metrics = table.fontMetrics()
        flags = int(Qt.TextFlag.TextWordWrap)
        line = metrics.height() + 2 * ITEM_PAD[1]
        for row in range(table.rowCount()):
            height = line
            for column in (ACTION, KEYS):
                room = table.columnWidth(column) - 2 * ITEM_PAD[0] - 2
                text = table.item(row, column).text()
                if room > 0 and metrics.horizontalAdvance(text) > room:
                    bounds = metrics.boundingRect(QRect(0, 0, room, 10_000), flags, text)
                    height = max(height, bounds.height() + 2 * ITEM_PAD[1])
            table.setRowHeight(row, height + 2)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.fit_rows()  # at the width the dialog got

    @classmethod
    def ask(cls, parent: QWidget | None = None) -> None:
        cls(parent).exec()
