"""How the Import dialog reads a file: the format, the zone of times without an offset, the
day of bare times, and for a table which column holds what. Shown before anything is
imported; any change asks for the file to be read again."""

from __future__ import annotations

from datetime import date
from typing import Final

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from facilitator.timeline_import import Parsed
from ui.style import set_role
from ui.timeline_import.files import zone_names

FORMAT_LABELS: Final = (
    (None, "Tell from the file"),
    ("csv", "Table (CSV, TSV)"),
    ("json", "JSON"),
    ("chat", "Chat log"),
    ("slack", "Slack export"),
    ("alerts", "Alert export (paging tool)"),
)
# The fields a table's columns can be mapped to, in the order the mapping row shows them.
MAPPED_FIELDS: Final = (("at", "Time"), ("text", "Text"), ("kind", "Kind"), ("source", "Source"))
_UNUSED: Final = ""


def _labelled(text: str, widget: QWidget, parent: QWidget) -> QHBoxLayout:
    row = QHBoxLayout()
    row.setSpacing(8)
    label = QLabel(text, parent)
    label.setBuddy(widget)
    set_role(label, "muted")
    row.addWidget(label)
    row.addWidget(widget)
    return row


class ReadOptions(QWidget):
    """The format, zone and date pickers, and the column mapping of a table."""

    changed = Signal()  # the file must be read again

    def __init__(self, timezone: str, day: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(12)
        row = QHBoxLayout()
        row.setSpacing(28)
        self.format = QComboBox(self)
        self.format.setObjectName("importFormat")
        for value, label in FORMAT_LABELS:
            self.format.addItem(self.tr(label), value)
        row.addLayout(_labelled(self.tr("Format"), self.format, self))
        self.zone = QComboBox(self)
        self.zone.setObjectName("importZone")
        self.zone.setEditable(True)
        self.zone.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.zone.addItems(zone_names())
        completer = QCompleter(zone_names(), self.zone)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)  # "berl" finds Europe/Berlin
        self.zone.setCompleter(completer)
        self.zone.setMinimumContentsLength(16)
        self.zone.setToolTip(
            self.tr(
                "Times in the file without an offset are read in this zone; times with one keep it"
            )
        )
        self.zone.setCurrentText(timezone)
        row.addLayout(_labelled(self.tr("Times without an offset are in"), self.zone, self))
        self.day = QDateEdit(self)
        self.day.setObjectName("importDate")
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("ddd d MMM yyyy")
        self.day.setDate(QDate(day.year, day.month, day.day))
        self.day.setToolTip(
            self.tr(
                "A bare time like 14:18 (a chat log) is on this day; later times roll over midnight"
            )
        )
        row.addLayout(_labelled(self.tr("Bare times are on"), self.day, self))
        row.addStretch(1)
        column.addLayout(row)
        self.mapping_row = QWidget(self)
        mapping = QHBoxLayout(self.mapping_row)
        mapping.setContentsMargins(0, 0, 0, 0)
        mapping.setSpacing(20)
        title = QLabel(self.tr("Columns"), self.mapping_row)
        set_role(title, "muted")
        mapping.addWidget(title)
        self.columns: dict[str, QComboBox] = {}
        for field, label in MAPPED_FIELDS:
            combo = QComboBox(self.mapping_row)
            combo.setObjectName(f"importColumn_{field}")
            combo.setAccessibleName(self.tr("Column for the {field}").format(field=label.lower()))
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.activated.connect(lambda _i: self.changed.emit())
            self.columns[field] = combo
            mapping.addLayout(_labelled(self.tr(label) + " ←", combo, self.mapping_row))
        mapping.addStretch(1)
        self.mapping_row.hide()
        column.addWidget(self.mapping_row)
        self._mapped: dict[str, str] = {}  # fields mapped by the reader that the row hides
        self.format.activated.connect(self._format_chosen)
        self.zone.activated.connect(lambda _i: self._zone_typed())
        typed = self.zone.lineEdit()
        if typed is not None:  # always, for an editable combo box
            typed.editingFinished.connect(self._zone_typed)
        self.day.dateChanged.connect(lambda _d: self.changed.emit())
        self._last_zone = timezone

    # What the controls say -----------------------------------------------------------------

    def chosen_format(self) -> str | None:
        value = self.format.currentData()
        return str(value) if value else None

    def timezone(self) -> str:
        return self.zone.currentText().strip()

    def reference_date(self) -> date:
        chosen = self.day.date()
        return date(chosen.year(), chosen.month(), chosen.day())

    def mapping(self) -> dict[str, str]:
        """The columns chosen for the fields (empty until a table was read)."""
        if self.mapping_row.isHidden():
            return {}
        chosen = dict(self._mapped)
        for field, combo in self.columns.items():
            value = combo.currentData()
            if value:
                chosen[field] = str(value)
            else:
                chosen.pop(field, None)
        return chosen

    def show_table(self, parsed: Parsed | None) -> None:
        """After a read: the mapping row for a table (CSV, or JSON objects), else nothing."""
        if parsed is None:
            return  # a read failed: the row stays, so a wrong column can be put right
        if parsed.format not in ("csv", "json") or not parsed.columns:
            self.mapping_row.hide()
            return
        self._mapped = {f: c for f, c in parsed.mapping.items() if f not in self.columns}
        headerless = all(column.isdigit() for column in parsed.columns)
        for field, combo in self.columns.items():
            combo.clear()
            combo.addItem(self.tr("(none)"), _UNUSED)
            for name in parsed.columns:
                shown = self.tr("column {n}").format(n=name) if headerless else name
                combo.addItem(shown, name)
            combo.setCurrentIndex(max(0, combo.findData(parsed.mapping.get(field, _UNUSED))))
        self.mapping_row.show()

    def forget_table(self) -> None:
        """Another file or format: its columns are not this file's."""
        self._mapped = {}
        self.mapping_row.hide()

    def _format_chosen(self, _index: int) -> None:
        self.forget_table()
        self.changed.emit()

    def _zone_typed(self) -> None:
        if self.timezone() != self._last_zone:
            self._last_zone = self.timezone()
            self.changed.emit()
