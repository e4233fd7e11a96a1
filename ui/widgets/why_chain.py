"""One 5 Whys chain as the room builds it: the problem, the numbered whys, the root cause,
and under them what the checks say about the chain, updated as people type.

Every change is an undoable command (ui/commands/whys.py) pushed on the session's undo
stack; the page reloads the chain from the core after each one and calls `show_view`.
"""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from facilitator import whys
from ui.commands.whys import (
    AddWhyCommand,
    EditChainCommand,
    EditWhyCommand,
    Focus,
    MoveWhyCommand,
    RemoveChainCommand,
    RemoveWhyCommand,
    RootCauseToFactorCommand,
    WhysTarget,
)
from ui.session.presentation import facilitator_only
from ui.style import set_role
from ui.widgets.why_chain_fields import AutosavedLine, EnterLine, WhyLine


def as_sentence(message: str) -> str:
    """A core finding (a clause, as `facilitator check` prints it after "whys[1]: ") as the
    sentence the page shows: capitalised, with a full stop unless it ends on one already."""
    sentence = message[:1].upper() + message[1:]
    return sentence if sentence.rstrip('"”').endswith((".", "?", "!")) else sentence + "."


class ChainEditor(QWidget):
    """The editor of one chain; `title_changed` fires when its problem statement does."""

    title_changed = Signal()

    def __init__(
        self, target: WhysTarget, stack: QUndoStack, chain_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("whyChain")
        self.target = target
        self.stack = stack
        self.chain_id = chain_id
        self.order: list[str] = []  # why ids, as shown
        self.fields: dict[str, WhyLine] = {}
        self.labels: dict[str, QLabel] = {}
        self.last_field: AutosavedLine | None = None
        self.messages: list[str] = []  # the findings shown, as the core words them

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 12, 0, 0)
        outer.setSpacing(10)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        inner = QWidget()
        self.scroll.setWidget(inner)
        outer.addWidget(self.scroll, 1)
        column = QVBoxLayout(inner)
        column.setContentsMargins(0, 0, 12, 0)
        column.setSpacing(12)
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(16)
        self.grid.setVerticalSpacing(8)
        self.grid.setColumnStretch(1, 1)
        column.addLayout(self.grid)

        self.problem = EnterLine(inner)
        self.problem.setObjectName("whyProblem")
        self.problem.setPlaceholderText(self.tr("What went wrong, as customers saw it"))
        self.problem_label = self._label(self.tr("Problem"), inner)
        self.root = EnterLine(inner)
        self.root.setObjectName("whyRootCause")
        self.root.setPlaceholderText(self.tr("The root cause: something the system can change"))
        self.root_label = self._label(self.tr("Root cause"), inner)
        for field, kind in ((self.problem, "problem"), (self.root, "root_cause")):
            self._wire(field)
            field.committed.connect(
                lambda old, new, burst, kind=kind: self._push_text(
                    EditChainCommand(self.target, self.chain_id, kind, old, new, burst)
                )
            )
        self.problem.enter_pressed.connect(self._enter_in_problem)
        self.problem.textChanged.connect(self.title_changed)
        self.root.enter_pressed.connect(self.root.flush)

        self.findings = QWidget(inner)
        self.findings.setObjectName("whyFindings")
        self.findings_list = QVBoxLayout(self.findings)
        self.findings_list.setContentsMargins(0, 4, 0, 0)
        self.findings_list.setSpacing(6)
        self.findings.hide()
        column.addStretch(1)

        buttons = QHBoxLayout()
        buttons.setSpacing(8)
        self.add_button = QPushButton(self.tr("+ Add a why"), self)
        self.add_button.setObjectName("addWhy")
        self.add_button.setToolTip(self.tr("Enter in a why adds the next one"))
        set_role(self.add_button, "true", "flat")
        self.add_button.clicked.connect(lambda: self.add_why(None))
        self.added = QLabel(self)
        self.added.setObjectName("factorAdded")
        set_role(self.added, "ok")
        self.added.hide()
        self.factor_button = QPushButton(self.tr("Turn root cause into a factor"), self)
        self.factor_button.setObjectName("rootCauseToFactor")
        self.factor_button.setToolTip(
            self.tr("Add the root cause to the contributing factors (Ctrl+Shift+F)")
        )
        self.factor_button.clicked.connect(self.to_factor)
        # Editing controls are the facilitator's: the keys do the same, and the room
        # follows the chain, not the buttons (presentation mode hides them).
        buttons.addWidget(facilitator_only(self.add_button))
        buttons.addStretch(1)
        buttons.addWidget(self.added)
        buttons.addWidget(facilitator_only(self.factor_button))
        outer.addLayout(buttons)
        self._relayout()

    # Showing the saved state -------------------------------------------------------------

    def show_view(self, view: whys.ChainView) -> None:
        """Show the chain as saved; a field being typed in keeps its text."""
        self.problem.show_saved(view.problem)
        self.root.show_saved(view.root_cause)
        ids = list(view.why_ids)
        for gone in [why_id for why_id in self.fields if why_id not in ids]:
            self._drop(gone)
        for why_id, text in zip(ids, view.whys, strict=True):
            field = self.fields.get(why_id) or self._new_why(why_id)
            field.show_saved(text)
        if ids != self.order:
            self.order = ids
            self._relayout()
        self.refresh_findings()

    def current_view(self) -> whys.ChainView:
        """The chain as typed, saved or not: what the live findings read."""
        return whys.ChainView(
            id=self.chain_id,
            problem=self.problem.text(),
            whys=tuple(self.fields[why_id].text() for why_id in self.order),
            root_cause=self.root.text(),
            why_ids=tuple(self.order),
        )

    def refresh_findings(self) -> None:
        view = self.current_view()
        messages = [finding.message for finding in whys.chain_findings([view])]
        if messages != self.messages:  # rebuilt only when they change, not per keystroke
            self._show_findings(messages)
        has_cause = bool(view.root_cause.strip() or any(w.strip() for w in view.whys))
        self.factor_button.setEnabled(has_cause)

    def _show_findings(self, messages: list[str]) -> None:
        """One row a finding: a warning sign and the sentence, wrapped beside the sign."""
        self.messages = messages
        while (item := self.findings_list.takeAt(0)) is not None:
            row = item.layout()
            while row is not None and (cell := row.takeAt(0)) is not None:
                if (widget := cell.widget()) is not None:
                    widget.hide()  # at once: deleteLater alone leaves it drawn until then
                    widget.deleteLater()
            if row is not None:
                row.deleteLater()
        for message in messages:
            row = QHBoxLayout()
            row.setSpacing(8)
            icon = QLabel("⚠", self.findings)
            set_role(icon, "warning")
            icon.setAlignment(Qt.AlignmentFlag.AlignTop)
            text = QLabel(as_sentence(message), self.findings)
            text.setObjectName("whyFinding")
            text.setWordWrap(True)
            text.setTextFormat(Qt.TextFormat.PlainText)
            set_role(text, "warning")
            row.addWidget(icon)
            row.addWidget(text, 1)
            self.findings_list.addLayout(row)
        self.findings.setVisible(bool(messages))

    def field_for(self, focus: Focus) -> AutosavedLine | None:
        if focus.kind == "why":
            return self.fields.get(focus.ident)
        if focus.ident != self.chain_id:
            return None
        return self.problem if focus.kind == "problem" else self.root

    def focus_field(self, field: AutosavedLine) -> None:
        field.setFocus(Qt.FocusReason.OtherFocusReason)
        self.scroll.ensureWidgetVisible(field, 0, 24)

    def focus_resume(self) -> None:
        """Back where the keyboard last was in this chain; the problem at first."""
        field = self.last_field if self.last_field in self._all_fields() else None
        self.focus_field(field or self.problem)

    def flush(self) -> None:
        for field in self._all_fields():
            field.flush()

    def discard(self) -> None:
        """Forget unsaved typing: the chain is going away."""
        for field in self._all_fields():
            field.discard()

    # Edits, each an undoable command -----------------------------------------------------

    def add_why(self, after: str | None) -> None:
        """A new, empty why after the why `after` (None: at the end), with the focus in it."""
        self.flush()
        position = self.order.index(after) + 1 if after in self.order else None
        back = Focus("why", after) if after else Focus("problem", self.chain_id)
        self._push(AddWhyCommand(self.target, self.chain_id, position, back))

    def remove_why(self, why_id: str) -> None:
        """Remove an (empty) why; the focus goes to the field before it."""
        self.fields[why_id].discard()  # its unsaved text goes with it; undo brings the saved
        at = self.order.index(why_id)
        back = Focus("why", self.order[at - 1]) if at else Focus("problem", self.chain_id)
        self._push(RemoveWhyCommand(self.target, why_id, back))

    def move_why(self, why_id: str, delta: int) -> None:
        at = self.order.index(why_id)
        if not 0 <= at + delta < len(self.order):
            return
        self.flush()
        order = list(self.order)
        order.insert(at + delta, order.pop(at))
        self._push(MoveWhyCommand(self.target, self.chain_id, why_id, self.order, order))

    def remove_chain(self) -> None:
        self.flush()
        self._push(RemoveChainCommand(self.target, self.chain_id))

    def to_factor(self) -> None:
        """The root cause (or, without one, the last why) as a factor under the incident."""
        self.flush()
        if not self.factor_button.isEnabled():
            return
        self._push(RootCauseToFactorCommand(self.target, self.chain_id, self._factor_added))

    def _push(self, command: QUndoCommand) -> None:
        if self.target.busy:
            return  # a refresh moved the focus: not a request from the user
        self.stack.push(command)

    def _push_text(self, command: QUndoCommand) -> None:
        if self.target.busy:
            # A refresh moved the focus out of a field being typed in: save it just after.
            field = self.field_for(getattr(command, "focus", Focus("", "")))
            if field is not None:  # with the field as context: dropped if it is gone by then
                QTimer.singleShot(0, field, field.flush)
            return
        self.stack.push(command)

    # Building ----------------------------------------------------------------------------

    def _label(self, text: str, parent: QWidget) -> QLabel:
        label = QLabel(text, parent)
        set_role(label, "muted")
        label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        label.setContentsMargins(0, 7, 0, 0)  # level with the first line of its field
        return label

    def _wire(self, field: AutosavedLine) -> None:
        field.textChanged.connect(self.refresh_findings)
        field.edited.connect(self.target.document.pending)  # the status bar says "Saving…"
        field.focused.connect(lambda field=field: self._focused(field))

    def _focused(self, field: AutosavedLine) -> None:
        self.last_field = field
        self.scroll.ensureWidgetVisible(field, 0, 24)

    def _new_why(self, why_id: str) -> WhyLine:
        inner = self.scroll.widget()
        field = WhyLine(inner)
        field.setObjectName("why")
        field.setPlaceholderText(self.tr(whys.WHY_PROMPT))
        self._wire(field)
        field.committed.connect(
            lambda old, new, burst: self._push_text(
                EditWhyCommand(self.target, why_id, old, new, burst)
            )
        )
        field.enter_pressed.connect(lambda: self._enter_in_why(why_id))
        field.remove_requested.connect(lambda: self.remove_why(why_id))
        field.move_requested.connect(lambda delta: self.move_why(why_id, delta))
        self.fields[why_id] = field
        self.labels[why_id] = self._label("", inner)
        return field

    def _drop(self, why_id: str) -> None:
        field = self.fields.pop(why_id)
        label = self.labels.pop(why_id)
        field.discard()
        for widget in (field, label):
            self.grid.removeWidget(widget)
            widget.hide()
            widget.deleteLater()
        if self.last_field is field:
            self.last_field = None

    def _relayout(self) -> None:
        """Lay the rows out in order and make Tab follow them: problem, whys, root cause."""
        rows: list[tuple[QLabel, AutosavedLine]] = [(self.problem_label, self.problem)]
        for number, why_id in enumerate(self.order, start=1):
            self.labels[why_id].setText(self.tr("Why {n}").format(n=number))
            rows.append((self.labels[why_id], self.fields[why_id]))
        rows.append((self.root_label, self.root))
        for row, (label, field) in enumerate(rows):
            self.grid.addWidget(label, row, 0)
            self.grid.addWidget(field, row, 1)
            # Now, not when the layout gets round to it: a new why takes the focus at once.
            label.show()
            field.show()
        self.grid.addWidget(self.findings, len(rows), 1)  # under the chain it speaks about
        chain = [field for _, field in rows]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _all_fields(self) -> list[AutosavedLine]:
        return [self.problem, *(self.fields[why_id] for why_id in self.order), self.root]

    def _enter_in_problem(self) -> None:
        self.problem.flush()
        if self.order:
            self.focus_field(self.fields[self.order[0]])
        else:
            self.add_why(None)

    def _enter_in_why(self, why_id: str) -> None:
        field = self.fields[why_id]
        if not field.text().strip() and why_id == self.order[-1]:
            # Enter on an empty last why: the room has run out of whys; go to the root cause.
            self.focus_field(self.root)
            return
        self.add_why(why_id)

    def _factor_added(self, added: bool) -> None:
        self.added.setText(self.tr("✓ Added to the contributing factors") if added else "")
        self.added.setVisible(added)
