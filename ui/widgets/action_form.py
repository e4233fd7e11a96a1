"""The form under the facilitator's hands on the actions page: every field of the selected
item, each change an undoable command; the item's findings underneath.

Text saves as it is typed (ItemTextBinding); a choice, a date or a box saves when made.
A move to done asks for the completion date and a move to dropped for the rationale
(`ask_status_change`); a change the cap refuses comes back through the model's
`cap_refused`, which the page explains.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from facilitator import actions
from ui.commands.actions import EditActionCommand, SetStatusCommand
from ui.models.actions import KIND_NAMES, PRIORITY_NAMES, STATUS_NAMES, ActionsModel
from ui.models.addresses import AddressesModel
from ui.style import set_role
from ui.widgets.action_dialogs import ask_status_change
from ui.widgets.due_edit import DueEdit
from ui.widgets.form_grid import FormGrid
from ui.widgets.item_binding import ItemTextBinding
from ui.widgets.language_watch import watch_language

CHOICES = {"priority": PRIORITY_NAMES, "kind": KIND_NAMES, "status": STATUS_NAMES}


class ActionForm(QWidget):
    """Edits `item_id` of `model`; shows nothing editable while no item is selected.
    `focused` names the input that took the keyboard (the page scrolls it into view)."""

    focused = Signal(QWidget)

    def __init__(
        self,
        model: ActionsModel,
        stack: QUndoStack,
        addresses: AddressesModel,
        *,
        settings: Any,
        timezone: Callable[[], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("actionForm")
        self.model = model
        self.stack = stack
        self.addresses = addresses
        self._timezone = timezone
        self.item_id: str | None = None
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        # With no item selected there is nothing to edit: a line saying so, not a blank form
        # whose inputs (and "Must-fix", the first priority) look like a new item's.
        self.empty = QLabel(
            self.tr(
                "Add an item or pick one in the list: its owner, deadline and success "
                "criteria are filled in here."
            ),
            self,
        )
        self.empty.setObjectName("actionFormEmpty")
        self.empty.setWordWrap(True)
        set_role(self.empty, "muted")
        column.addWidget(self.empty)
        self.fields = FormGrid(self)
        column.addWidget(self.fields)
        column.addStretch(1)
        add = self.fields.add

        self.title = QLineEdit(self)
        self.title.setObjectName("actionTitle")
        self.title.setPlaceholderText(self.tr("What will be different after it"))
        add(self.tr("Task"), self.title)
        self.owner = QLineEdit(self)
        self.owner.setObjectName("actionOwner")
        self.owner.setPlaceholderText(self.tr("One person"))
        add(self.tr("Owner"), self.owner, pair=True)
        due_box = QWidget(self)
        due_row = QHBoxLayout(due_box)
        due_row.setContentsMargins(0, 0, 0, 0)
        due_row.setSpacing(2)
        self.due = DueEdit(due_box)
        self.due.setObjectName("actionDue")
        self.due.chosen.connect(lambda value: self._edit({"due": value}))
        due_row.addWidget(self.due, 1)
        self.clear_due = QToolButton(due_box)
        self.clear_due.setText("×")
        self.clear_due.setToolTip(self.tr("No deadline"))
        self.clear_due.setObjectName("clearDue")
        set_role(self.clear_due, "true", "flat")
        self.clear_due.clicked.connect(self.due.clear_value)
        due_row.addWidget(self.clear_due)
        add(self.tr("Due"), due_box, pair=True)
        self.combos = {"priority": self._combo("priority"), "status": self._combo("status")}
        add(self.tr("Priority"), self.combos["priority"], pair=True)
        add(self.tr("Status"), self.combos["status"], pair=True)
        self.completed = QLabel(self)
        set_role(self.completed, "ok")
        add(None, self.completed)
        self.criteria = QPlainTextEdit(self)
        self.criteria.setObjectName("actionCriteria")
        self.criteria.setPlaceholderText(self.tr("How we will know it worked"))
        self.criteria.setTabChangesFocus(True)
        self.criteria.setFixedHeight(58)
        add(self.tr("Success\ncriteria"), self.criteria)
        self.more = QToolButton(self)
        self.more.setObjectName("actionMore")
        self.more.setCheckable(True)
        self.more.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.more.setArrowType(Qt.ArrowType.RightArrow)
        self.more.setText(self.tr("Kind, tracker link, what it addresses"))
        set_role(self.more, "true", "flat")
        self.more.toggled.connect(self._show_more)
        add(None, self.more)
        self.combos["kind"] = self._combo("kind")
        add(self.tr("Kind"), self.combos["kind"])
        self.tracker = QLineEdit(self)
        self.tracker.setObjectName("actionTracker")
        self.tracker.setPlaceholderText("https://tracker.example/OPS-1")
        add(self.tr("Tracker"), self.tracker)
        self.address_view = QListView(self)
        self.address_view.setObjectName("actionAddresses")
        self.address_view.setModel(addresses)
        self.address_view.setFixedHeight(76)
        self.address_view.setAccessibleName(self.tr("Addresses: factors and why chains"))
        self.address_view.setToolTip(self.tr("The factors and why chains this item addresses"))
        addresses.chosen.connect(lambda ids: self._edit({"addresses": ids}))
        add(self.tr("Addresses"), self.address_view)
        self.rationale = QLineEdit(self)
        self.rationale.setObjectName("actionRationale")
        self.rationale.setPlaceholderText(self.tr("Why it is what it is (why it was dropped)"))
        add(self.tr("Rationale"), self.rationale)
        self.findings = QLabel(self)
        self.findings.setObjectName("actionFindings")
        self.findings.setWordWrap(True)
        self.findings.setTextFormat(Qt.TextFormat.PlainText)
        set_role(self.findings, "warning")
        add(None, self.findings)
        self._show_more(False)

        self.bindings = [
            ItemTextBinding(self.title, model, stack, "title"),
            ItemTextBinding(self.owner, model, stack, "owner"),
            ItemTextBinding(self.criteria, model, stack, "success_criteria"),
            ItemTextBinding(
                self.tracker, model, stack, "tracker_url", check=actions.check_tracker_url
            ),
            ItemTextBinding(self.rationale, model, stack, "rationale"),
        ]
        for widget in (self.title, self.criteria, self.rationale):
            watch_language(widget, settings)
        for widget in self._inputs():
            widget.installEventFilter(self)
        model.dataChanged.connect(lambda *_: self.refresh())
        model.modelReset.connect(self.refresh)
        self.show_item(None)

    # Building ----------------------------------------------------------------------------

    def _combo(self, name: str) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(f"action_{name}")
        for value, text in CHOICES[name].items():
            combo.addItem(self.tr(text), value)
        combo.activated.connect(lambda _i, n=name, c=combo: self._chosen(n, c.currentData()))
        return combo

    def _show_more(self, shown: bool) -> None:
        """The fields a meeting rarely fills in as it goes, folded away by default."""
        self.more.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        if self.more.isChecked() != shown:
            self.more.setChecked(shown)
        for widget in (self.combos["kind"], self.tracker, self.address_view):
            self.fields.set_shown(widget, shown)
        self._show_rationale()

    def _show_rationale(self) -> None:
        # The rationale matters for a dropped item (or once written): not a row for every item.
        row = self.model.find(self.item_id) if self.item_id else None
        explains = row is not None and (row.status == "dropped" or bool(row.rationale.strip()))
        self.fields.set_shown(self.rationale, explains or self.more.isChecked())

    # Showing --------------------------------------------------------------------------------

    def show_item(self, item_id: str | None) -> None:
        for binding in self.bindings:
            binding.show_item(item_id)
        self.item_id = item_id
        self.refresh()

    def flush(self) -> None:
        for binding in self.bindings:
            binding.flush()

    def refresh(self) -> None:
        """Show the saved values of the item (after any edit, undo or redo)."""
        row = self.model.find(self.item_id) if self.item_id else None
        if self.item_id is not None and row is None:
            self.show_item(None)  # deleted (or undone away)
            return
        for widget in self._inputs():
            widget.setEnabled(row is not None)
        self.fields.setVisible(row is not None)
        self.empty.setVisible(row is None)
        for binding in self.bindings:
            binding.refresh()
        if row is None:
            self.due.set_value(None)
            self.addresses.set_checked((), enabled=False)
            self.completed.clear()
            self.completed.hide()
            self.findings.clear()
            return
        if not self.due.hasFocus():
            self.due.set_value(row.due)
        for name, combo in self.combos.items():
            combo.setCurrentIndex(max(0, combo.findData(getattr(row, name))))
        self.addresses.set_checked(row.addresses)
        self._show_rationale()
        done = row.completed_at.date().isoformat() if row.completed_at else ""
        self.completed.setText(self.tr("✓ Done on {day}").format(day=done) if done else "")
        self.completed.setVisible(bool(done))  # no empty row under the status
        found = self.model.findings_of(row.id)
        self.findings.setText("\n".join(f"⚠ {f.message}" for f in found))

    def _inputs(self) -> list[QWidget]:
        return [
            self.title,
            self.owner,
            self.due,
            self.clear_due,
            self.criteria,
            self.tracker,
            self.rationale,
            self.address_view,
            *self.combos.values(),
        ]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn and isinstance(watched, QWidget):
            self.focused.emit(watched)
        return False

    # Changing ------------------------------------------------------------------------------

    def _edit(self, changes: dict[str, Any]) -> None:
        if self.item_id is not None:
            self.stack.push(EditActionCommand(self.model, self.item_id, changes))
            self.refresh()  # refused: show what is saved

    def _chosen(self, name: str, value: str) -> None:
        if name == "status":
            self.change_status(value)
        else:
            self._edit({name: value})

    def change_status(self, status: str) -> None:
        """Done asks for the day, dropped for the reason; then one undoable change."""
        row = self.model.find(self.item_id) if self.item_id else None
        if row is None or status == row.status:
            return
        keywords = ask_status_change(self, row.title, status, self._timezone())
        if keywords is not None:
            self.stack.push(SetStatusCommand(self.model, row.id, status, **keywords))
        self.refresh()
