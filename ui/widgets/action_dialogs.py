"""The two questions a status change asks: when was it done, and why is it dropped.

Each dialog has an `ask()` classmethod returning the answer or None (cancelled), so the
actions page, the follow-up page and the Action items window share them and tests replace
them.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from facilitator.metrics import zone_of
from ui.style import set_role


def completion_instant(day: date, timezone: str, now: datetime | None = None) -> datetime:
    """The completion time for a day the user picked: now if it is today (where the session
    is), else midday of that day there (a day is all anyone remembers)."""
    zone = zone_of(timezone) if timezone else ZoneInfo("UTC")
    current = (now or datetime.now(UTC)).astimezone(zone)
    if day >= current.date():
        return current.astimezone(UTC)
    return datetime.combine(day, time(12, 0), tzinfo=zone).astimezone(UTC)


class _Question(QDialog):
    """A heading, a line of explanation, one input, and OK / Cancel."""

    def __init__(self, heading: str, explanation: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setMinimumWidth(460)
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(24, 20, 24, 16)
        self.column.setSpacing(12)
        title = QLabel(heading, self)
        title.setWordWrap(True)
        set_role(title, "h3")
        self.column.addWidget(title)
        hint = QLabel(explanation, self)
        hint.setWordWrap(True)
        set_role(hint, "muted")
        self.column.addWidget(hint)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    @property
    def ok(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def finish(self, ok_text: str) -> None:
        self.ok.setText(ok_text)
        set_role(self.ok, "true", "primary")
        self.column.addWidget(self.buttons)


class CompletionDateDialog(_Question):
    """Done: on which day (today unless someone is catching up on the tracker)."""

    def __init__(self, title: str, today: date, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("When was “{title}” done?").format(title=title),
            self.tr("The completion date feeds the completion rate and the time to complete."),
            parent,
        )
        self.setWindowTitle(self.tr("Mark done"))
        self.date = QDateEdit(self)
        self.date.setObjectName("completionDate")
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.date.setMaximumDate(QDate(today.year, today.month, today.day))
        self.date.setDate(QDate(today.year, today.month, today.day))
        self.column.addWidget(self.date)
        self.finish(self.tr("Mark done"))

    def value(self) -> date:
        return self.date.date().toPython()  # type: ignore[no-any-return]

    @classmethod
    def ask(cls, parent: QWidget | None, title: str, today: date | None = None) -> date | None:
        dialog = cls(title, today or date.today(), parent)
        return dialog.value() if dialog.exec() == QDialog.DialogCode.Accepted else None


class DropRationaleDialog(_Question):
    """Dropped: why (so the follow-up, months later, knows it was a decision)."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Why is “{title}” dropped?").format(title=title),
            self.tr(
                "A sentence for whoever reads this later: superseded, not worth the cost, "
                "covered by another item…"
            ),
            parent,
        )
        self.setWindowTitle(self.tr("Drop the item"))
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("dropRationale")
        self.text.setTabChangesFocus(True)
        self.text.setFixedHeight(90)
        self.column.addWidget(self.text)
        self.finish(self.tr("Drop it"))
        self.ok.setEnabled(False)
        self.text.textChanged.connect(lambda: self.ok.setEnabled(bool(self.value())))

    def value(self) -> str:
        return self.text.toPlainText().strip()

    @classmethod
    def ask(cls, parent: QWidget | None, title: str) -> str | None:
        dialog = cls(title, parent)
        return dialog.value() if dialog.exec() == QDialog.DialogCode.Accepted else None


def ask_status_change(
    parent: QWidget | None, title: str, status: str, timezone: str
) -> dict[str, object] | None:
    """What a move to `status` needs, asked of the user: for done the completion time, for
    dropped the rationale, for the others nothing ({}); None when they cancelled."""
    if status == "done":
        day = CompletionDateDialog.ask(parent, title)
        return None if day is None else {"completed_at": completion_instant(day, timezone)}
    if status == "dropped":
        why = DropRationaleDialog.ask(parent, title)
        return None if why is None else {"rationale": why}
    return {}
