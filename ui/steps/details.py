"""The *details* step: incident metadata, people, and the key times with derived durations."""

from __future__ import annotations

from datetime import date
from typing import Any
from zoneinfo import available_timezones

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QLineEdit, QScrollArea, QWidget

from facilitator import metrics
from facilitator.db import models as m
from facilitator.meeting import format_local, parse_local
from ui.binding import ChoiceBinding, TextBinding
from ui.commands import SetLabelsCommand
from ui.steps.base import PageContext, StepPage
from ui.style import set_role
from ui.widgets.language_watch import watch_language

DEPTH_NAMES = {
    "quick": "Quick (15–30 min)",
    "standard": "Standard (60–90 min)",
    "deep": "Deep dive",
}
TIME_NAMES = {
    "started_at": "Started",
    "detected_at": "Detected",
    "acknowledged_at": "Acknowledged",
    "mitigated_at": "Mitigated",
    "resolved_at": "Resolved",
}


def split_list(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


class DetailsPage(StepPage):
    """Everything about the incident a facilitator fills in before the meeting."""

    step_id = "details"

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.doc = context.document
        self.add_hint(
            self.tr(
                "What happened, who led it, and when. Times are in the session's "
                "time zone; durations follow from them."
            )
        )
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        inner = QWidget()
        scroll.setWidget(inner)
        self.body.addWidget(scroll)
        self._scroll = scroll
        grid = QGridLayout(inner)
        grid.setContentsMargins(0, 4, 8, 8)
        grid.setHorizontalSpacing(20)
        grid.setVerticalSpacing(6)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        self.grid = grid
        self._row = 0

        self.title = self._text(self.tr("Title"), "title", 0, span=2)
        watch_language(self.title, context.settings)
        self.incident_ref = self._text(self.tr("Incident reference"), "incident_ref", 0)
        self.severity = self._choice(
            self.tr("Severity"), "severity", 1, [(s, s) for s in m.SEVERITIES]
        )
        self._next_row()
        self.depth = self._choice(
            self.tr("Depth"), "depth", 0, [(self.tr(DEPTH_NAMES[d]), d) for d in m.DEPTHS]
        )
        zones = sorted(available_timezones())
        self.timezone = self._choice(self.tr("Time zone"), "timezone", 1, [(z, z) for z in zones])
        self._next_row()
        self.services = self._text(
            self.tr("Services (comma-separated)"), "services", 0, labels=True
        )
        self.tags = self._text(self.tr("Tags (comma-separated)"), "tags", 1, labels=True)
        self._next_row()
        self.lead = self._text(self.tr("Incident lead"), "incident_lead", 0)
        self.facilitator = self._text(self.tr("Facilitator"), "facilitator", 1)
        self._next_row()

        heading = QLabel(self.tr("Key times"))
        set_role(heading, "h3")
        grid.addWidget(heading, self._row, 0, 1, 2)
        self._row += 1
        self.times: dict[str, TextBinding] = {}
        self.derived: dict[str, QLabel] = {}
        for field, name in TIME_NAMES.items():
            self._time_row(field, self.tr(name))
        self.findings = QLabel(inner)
        self.findings.setWordWrap(True)
        set_role(self.findings, "warning")
        grid.addWidget(self.findings, self._row, 0, 1, 2)
        grid.setRowStretch(self._row + 1, 1)
        self.doc.field_changed.connect(self._field_changed)
        self._refresh_durations()

    def focus_main_input(self) -> None:
        self.title.setFocus()

    # Building the form -------------------------------------------------------------------

    def _label(self, text: str, column: int) -> None:
        label = QLabel(text)
        set_role(label, "small")
        self.grid.addWidget(label, self._row, column)

    def _next_row(self) -> None:
        self._row += 2

    def _text(
        self, label: str, field: str, column: int, *, span: int = 1, labels: bool = False
    ) -> QLineEdit:
        self._label(label, column)
        edit = QLineEdit()
        edit.setObjectName(field)
        self.grid.addWidget(edit, self._row + 1, column, 1, span)
        if labels:
            TextBinding(
                edit,
                self.doc,
                self.context.undo_stack,
                field,
                parse=split_list,
                format=", ".join,
                command=SetLabelsCommand,
            )
        else:
            TextBinding(edit, self.doc, self.context.undo_stack, field)
        if span == 2:
            self._next_row()
        return edit

    def _choice(
        self, label: str, field: str, column: int, items: list[tuple[str, str]]
    ) -> QComboBox:
        self._label(label, column)
        combo = QComboBox()
        combo.setObjectName(field)
        for text, value in items:
            combo.addItem(text, value)
        self.grid.addWidget(combo, self._row + 1, column)
        ChoiceBinding(combo, self.doc, self.context.undo_stack, field)
        return combo

    def _time_row(self, field: str, name: str) -> None:
        label = QLabel(name)
        edit = QLineEdit()
        edit.setObjectName(field)
        edit.setPlaceholderText(self.tr("YYYY-MM-DD HH:MM"))
        edit.setToolTip(self.tr("A date and time, or just HH:MM for the incident's first day"))
        row = QGridLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(label, 0, 0)
        row.addWidget(edit, 0, 1)
        row.setColumnMinimumWidth(0, 120)
        self.grid.addLayout(row, self._row, 0)
        self.times[field] = TextBinding(
            edit,
            self.doc,
            self.context.undo_stack,
            field,
            parse=lambda text: parse_local(text, self.doc.value("timezone"), self._start_date()),
            format=lambda value: format_local(value, self.doc.value("timezone")),
        )
        derived = QLabel()
        set_role(derived, "muted")
        self.derived[field] = derived
        self.grid.addWidget(derived, self._row, 1)
        self._row += 1

    # Live values ---------------------------------------------------------------------------

    def _start_date(self) -> date | None:
        """The day that a bare `HH:MM` means: the incident's first known day."""
        zone = metrics.zone_of(self.doc.value("timezone"))
        for field in metrics.KEY_TIME_ORDER:
            if (value := self.doc.value(field)) is not None:
                return value.astimezone(zone).date()
        return None

    def _field_changed(self, field: str, _value: Any) -> None:
        if field == "timezone":
            for binding in self.times.values():
                binding.refresh()
        if field in TIME_NAMES or field == "timezone":
            self._refresh_durations()

    def _refresh_durations(self) -> None:
        times = _Times(self.doc)
        for label in self.derived.values():
            label.clear()
            set_role(label, "muted")
        for duration in metrics.key_durations(times):
            label = self.derived[duration.end]
            if duration.value is not None:
                text = f"{self.tr(duration.label)}: {metrics.format_duration(duration.value)}"
            elif times.has(duration.start) and times.has(duration.end):
                # Out of order: never a negative duration, but not a silent gap either.
                text = self.tr("⚠ {label}: check the order of the times").format(
                    label=self.tr(duration.label)
                )
                set_role(label, "warning")
            else:
                continue
            label.setText(f"{label.text()}   {text}".strip())
        findings = metrics.key_time_findings(times)
        shown = self.findings.isVisibleTo(self)
        self.findings.setText("\n".join(f"⚠ {f.message}" for f in findings))
        self.findings.setVisible(bool(findings))
        if findings and not shown:
            # Below the key times, often below the fold: bring the reason into view.
            QTimer.singleShot(0, self, lambda: self._scroll.ensureWidgetVisible(self.findings))


class _Times:
    """The document's key times in the shape `facilitator.metrics` reads."""

    def __init__(self, document: Any) -> None:
        self._doc = document

    def __getattr__(self, name: str) -> Any:
        return self._doc.value(name)

    def has(self, name: str) -> bool:
        return self._doc.value(name) is not None
