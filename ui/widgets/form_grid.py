"""A form whose short fields sit two to a row while there is room, and one to a row when
there is not (a narrow column beside a list, or presentation mode's large type): labels stay
beside their fields either way, so the form stays short."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from ui.style import set_role

WIDE_CHARS = 56  # two label + field pairs need about this many average characters


@dataclass
class _Entry:
    caption: QLabel | None
    widget: QWidget
    pair: bool  # may share a row with the next pairable entry


class FormGrid(QWidget):
    """Add entries in reading order with `add`; they reflow when the width changes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 4, 0)
        self.grid.setHorizontalSpacing(8)
        self.grid.setVerticalSpacing(6)
        self.grid.setColumnStretch(1, 1)
        self.grid.setColumnStretch(3, 1)
        self._entries: list[_Entry] = []
        self._wide: bool | None = None

    def add(self, label: str | None, widget: QWidget, *, pair: bool = False) -> QLabel | None:
        """A field with its label (None: a row of its own, such as a note or a button)."""
        caption = None
        if label is not None:
            caption = QLabel(label, self)
            set_role(caption, "small")
            caption.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            caption.setBuddy(widget)
        self._entries.append(_Entry(caption, widget, pair))
        self._reflow(self._is_wide(), force=True)
        return caption

    def set_shown(self, widget: QWidget, shown: bool) -> None:
        """Show or hide a field with its label."""
        for entry in self._entries:
            if entry.widget is widget:
                widget.setVisible(shown)
                if entry.caption is not None:
                    entry.caption.setVisible(shown)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._reflow(self._is_wide())

    def _is_wide(self) -> bool:
        return self.width() >= WIDE_CHARS * self.fontMetrics().averageCharWidth()

    def _reflow(self, wide: bool, *, force: bool = False) -> None:
        if wide == self._wide and not force:
            return
        self._wide = wide
        while self.grid.count():
            self.grid.takeAt(0)  # the widgets stay; only their places are redone
        for stretched in range(self.grid.rowCount()):
            self.grid.setRowStretch(stretched, 0)
        row, column = 0, 0
        for entry in self._entries:
            pairable = wide and entry.pair
            if not pairable and column:  # a half row left by a lone pairable field
                row, column = row + 1, 0
            if entry.caption is None:
                self.grid.addWidget(entry.widget, row, 0, 1, 4)
                row += 1
            elif pairable:
                self.grid.addWidget(entry.caption, row, column)
                self.grid.addWidget(entry.widget, row, column + 1)
                row, column = (row, 2) if column == 0 else (row + 1, 0)
            else:
                self.grid.addWidget(entry.caption, row, 0)
                self.grid.addWidget(entry.widget, row, 1, 1, 3)
                row += 1
        self.grid.setRowStretch(row + (1 if column else 0), 1)
