"""The *participants* step: who is in the room, with the core's warnings about the room."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from facilitator import errors, recap
from ui.commands.participants import (
    AddParticipantCommand,
    EditParticipantCommand,
    MoveParticipantCommand,
    RemoveParticipantCommand,
)
from ui.messages import describe
from ui.models.participants import NAME, ROLE, ROLE_NAMES, TEAM, ParticipantsModel, role_name
from ui.steps.base import PageContext, StepPage
from ui.style import set_role
from ui.widgets.row_keys import (
    PasteLines,
    UndoWhenEmpty,
    add_row_keys,
    current_row,
    select_row,
)
from ui.widgets.row_view import ChoiceDelegate, RowTableView

ROOM_FIELDS = ("facilitator", "incident_lead")  # document fields the findings depend on
# Around a role label: the cell's padding (app.qss, 8 px a side) and the arrow of the combo
# box that edits it.
ROLE_CHROME = 56


class ParticipantsPage(StepPage):
    """Quick add on top (type a name, Enter), the table below, findings under it."""

    step_id = "participants"
    reads_when_built = True

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.add_hint(
            self.tr(
                "Who takes part: the responders, the incident lead, someone affected, "
                "someone who decides priorities, and a scribe so you can facilitate."
            )
        )
        session_id = context.document.session_id
        self.model = ParticipantsModel(context.store, session_id, self)
        self.model.saved.connect(context.document.saved)
        self.model.failed.connect(context.document.save_failed)
        self.model.failed.connect(self._show_problem)
        self._build_add_row()

        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        set_role(self.problem, "error")
        self.problem.hide()
        self.body.addWidget(self.problem)
        # The table and the findings in a turn of their own (ui/session/step_pages.py).
        self.later(self._build_table)

    def _build_table(self) -> None:
        context = self.context
        self.view = RowTableView(
            self.tr(
                "No one yet. Type a name above and press Enter; Tab to pick a role or a team first."
            ),
            self,
        )
        self.view.setObjectName("participantsTable")
        self.view.setModel(self.model)
        roles = [(role_name(role), role) for role in ROLE_NAMES]
        self.view.setItemDelegateForColumn(ROLE, ChoiceDelegate(roles, self.view))
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        # The role column as wide as the longest role, measured here and again when the type
        # size changes (presentation, zoom). Not ResizeToContents: the header measures that
        # only on its own changes, not when rows come, and left "R…" under a 52 px "Role".
        header.setSectionResizeMode(ROLE, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(TEAM, QHeaderView.ResizeMode.Stretch)
        self.view.installEventFilter(self)
        self._fit_role_column()
        self.body.addWidget(self.view, 1)
        add_row_keys(self.view, move=self.move_current, delete=self.delete_current)
        self.model.edit_requested.connect(self._edit_requested)
        self.model.move_requested.connect(self._move_requested)

        self.findings = QVBoxLayout()
        self.findings.setSpacing(6)
        self.body.addLayout(self.findings)
        self.count = QLabel(self)
        set_role(self.count, "small")
        self.body.addWidget(self.count)

        for signal in (
            self.model.rowsInserted,
            self.model.rowsRemoved,
            self.model.modelReset,
            self.model.dataChanged,
        ):
            signal.connect(self.refresh_findings)
        context.document.field_changed.connect(self._field_changed)
        self.refresh_findings()

    def _build_add_row(self) -> None:
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(4)
        self.name = QLineEdit(self)
        self.name.setObjectName("participantName")
        self.name.setPlaceholderText(self.tr("Name — press Enter to add"))
        self.role = QComboBox(self)
        self.role.setObjectName("participantRole")
        for role in ROLE_NAMES:
            self.role.addItem(role_name(role), role)
        self.role.setCurrentIndex(self.role.findData("responder"))
        self.team = QLineEdit(self)
        self.team.setObjectName("participantTeam")
        self.team.setPlaceholderText(self.tr("Team (optional)"))
        self.add_button = QPushButton(self.tr("Add"), self)
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.add_from_fields)
        for column, (label, widget) in enumerate(
            (
                (self.tr("Name"), self.name),
                (self.tr("Role"), self.role),
                (self.tr("Team"), self.team),
            )
        ):
            caption = QLabel(label, self)
            caption.setBuddy(widget)
            set_role(caption, "small")
            grid.addWidget(caption, 0, column)
            grid.addWidget(widget, 1, column)
        grid.addWidget(self.add_button, 1, 3)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(2, 2)
        self.role.setMinimumWidth(180)
        self.role.installEventFilter(self)  # Enter on the role adds, as in the text fields
        for field in (self.name, self.team):
            field.returnPressed.connect(self.add_from_fields)
            field.textEdited.connect(lambda _text: self._show_problem(""))
        UndoWhenEmpty(self.name)
        UndoWhenEmpty(self.team)
        PasteLines(self.name, self.add_names)
        self.body.addLayout(grid)

    def _fit_role_column(self) -> None:
        """Every role label whole, and room for the combo box's arrow when one is edited."""
        metrics = self.view.fontMetrics()
        widest = max(metrics.horizontalAdvance(role_name(role)) for role in ROLE_NAMES)
        header = self.view.horizontalHeader().sectionSizeHint(ROLE)
        self.view.setColumnWidth(ROLE, max(widest + ROLE_CHROME, header))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is getattr(self, "view", None) and event.type() in (
            QEvent.Type.FontChange,
            QEvent.Type.StyleChange,
        ):
            self._fit_role_column()
            return False
        if (
            watched is self.role
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self.add_from_fields()
            return True
        return False

    def focus_main_input(self) -> None:
        self.name.setFocus(Qt.FocusReason.OtherFocusReason)

    def entered(self) -> None:
        self.refresh_findings()  # the facilitator and the lead are set on the details step

    # Editing -------------------------------------------------------------------------------

    def add_from_fields(self) -> None:
        """Add the person typed; the fields empty and the name field has the focus again."""
        name = self.name.text().strip()
        if not name:
            self.name.setFocus()
            return
        command = AddParticipantCommand(
            self.model, name, str(self.role.currentData()), self.team.text().strip()
        )
        self.context.undo_stack.push(command)
        if command.row_id is None:
            return  # refused: the text stays, `failed` said why
        # Reset all three: a second facilitator by accident is worse than re-picking a role.
        self.name.setText("")
        self.team.setText("")
        self.role.setCurrentIndex(self.role.findData("responder"))
        self.name.setFocus()
        self.view.scrollToBottom()

    def add_names(self, names: list[str]) -> None:
        """Several people at once (names pasted from an invite) as responders of the typed
        team, in one undo step."""
        team = self.team.text().strip()
        stack = self.context.undo_stack
        stack.beginMacro(self.tr("add {n} people").format(n=len(names)))
        for name in names:
            stack.push(AddParticipantCommand(self.model, name, "responder", team))
        stack.endMacro()
        self.team.setText("")
        self.view.scrollToBottom()

    def move_current(self, delta: int) -> None:
        row = current_row(self.view)
        if row >= 0 and 0 <= row + delta < self.model.rowCount():
            self._move_requested(self.model.row_at(row).id, row + delta)

    def delete_current(self) -> None:
        row = current_row(self.view)
        if row < 0:
            return
        self.context.undo_stack.push(
            RemoveParticipantCommand(self.model, self.model.row_at(row).id)
        )
        select_row(self.view, min(row, self.model.rowCount() - 1))

    def _move_requested(self, person_id: str, index: int) -> None:
        self.context.undo_stack.push(MoveParticipantCommand(self.model, person_id, index))
        select_row(self.view, self.model.row_of(person_id))

    def _edit_requested(self, person_id: str, field: str, value: Any) -> None:
        command = EditParticipantCommand(self.model, person_id, {field: value})
        self.context.undo_stack.push(command)

    # Findings ------------------------------------------------------------------------------

    def _field_changed(self, field: str, _value: Any) -> None:
        if field in ROOM_FIELDS:
            self.refresh_findings()

    def refresh_findings(self, *_args: Any) -> None:
        """Show the core's findings about the room, each as an icon and a sentence."""
        try:
            found = recap.room_findings(self.context.store, self.context.document.session_id)
        except errors.FacilitatorError as exc:
            self._show_problem(describe(exc))
            return
        while self.findings.count():
            item = self.findings.takeAt(0)
            if (widget := item.widget()) is not None:
                widget.hide()
                widget.deleteLater()
        for finding in found:
            label = QLabel(f"⚠  {finding.message[:1].upper()}{finding.message[1:]}.", self)
            label.setObjectName("participantFinding")
            label.setWordWrap(True)
            set_role(label, "notice")
            self.findings.addWidget(label)
        count = self.model.rowCount()
        self.count.setText(
            self.tr("1 person") if count == 1 else self.tr("{n} people").format(n=count)
        )

    def finding_texts(self) -> list[str]:
        """The findings on show, in order."""
        labels = (self.findings.itemAt(i).widget() for i in range(self.findings.count()))
        return [label.text() for label in labels if isinstance(label, QLabel)]

    def _show_problem(self, message: str) -> None:
        self.problem.setText(f"⚠ {message}" if message else "")
        self.problem.setVisible(bool(message))
