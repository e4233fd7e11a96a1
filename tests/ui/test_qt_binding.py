"""The Qt binding itself: a release that corrupts Python's state must fail here, not mid-meeting."""

from __future__ import annotations

import sys

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QApplication


class NoneModel(QAbstractTableModel):
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:
        return 1

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:
        return 1

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> None:
        return None


def test_returning_none_to_qt_keeps_the_reference_count(qapp: QApplication) -> None:
    """PySide6 6.12.0 dropped a reference to None on each such call and aborted the process
    after a few hundred thousand; every item model returns None for roles it ignores."""
    model = NoneModel()  # kept alive: an index must not outlive its model
    index = model.index(0, 0)
    before = sys.getrefcount(None)
    for _ in range(20_000):
        index.data()
    assert sys.getrefcount(None) - before > -1_000
