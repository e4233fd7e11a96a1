"""The follow-up figures as large numbers with small captions: completion rate, median time to
complete, overdue, open (`facilitator.followup.completion_stats`)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from facilitator.followup import FollowUpStats
from facilitator.metrics import format_duration
from ui.style import set_role

CAPTIONS = {
    "rate": "completion rate",
    "median": "median time to complete",
    "overdue": "overdue",
    "open": "open or in progress",
}


class FiguresBar(QWidget):
    """Four figures side by side; a figure that cannot be told yet shows "–"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(32)
        grid.setVerticalSpacing(0)
        self.values: dict[str, QLabel] = {}
        for column, (key, caption) in enumerate(CAPTIONS.items()):
            value = QLabel("–", self)
            value.setObjectName(f"figure_{key}")
            set_role(value, "h2")
            label = QLabel(self.tr(caption), self)
            set_role(label, "small")
            grid.addWidget(value, 0, column, Qt.AlignmentFlag.AlignLeft)
            grid.addWidget(label, 1, column, Qt.AlignmentFlag.AlignLeft)
            self.values[key] = value
        grid.setColumnStretch(len(CAPTIONS), 1)

    def set_stats(self, stats: FollowUpStats) -> None:
        rate = stats.completion_rate
        median = stats.median_time_to_complete
        self.values["rate"].setText(f"{rate:.0%}" if rate is not None else "–")
        self.values["median"].setText(format_duration(median) if median is not None else "–")
        # A glyph as well as the number, so overdue items stand out without colour.
        self.values["overdue"].setText(f"⚠ {stats.overdue}" if stats.overdue else "0")
        self.values["open"].setText(str(stats.open + stats.in_progress))
