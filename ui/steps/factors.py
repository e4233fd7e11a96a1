"""The *factors* step: the contributing-factor fault tree, built live on the shared screen.

The canvas asks (signals), this page decides (undo commands on the session's stack), the
core writes (autosave), and the canvas is handed the tree again from the core.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from facilitator import fault_tree_paths
from facilitator.fault_tree import describe_cut_set
from facilitator.fault_tree_paths import OpenPaths
from ui.commands.factors import (
    HAS_UNKNOWN,
    AddFactorCommand,
    DeleteFactorCommand,
    EditFactorCommand,
    FactorTree,
    MoveFactorCommand,
    ReorderFactorsCommand,
)
from ui.commands.fields import EditFieldCommand
from ui.steps.base import PageContext, StepPage
from ui.style import set_role
from ui.widgets.fault_tree_canvas import FaultTreeCanvas
from ui.widgets.fault_tree_canvas_editor import FOLLOW_CHILD
from ui.widgets.fault_tree_canvas_export import ExportImageDialog, export_tree
from ui.widgets.fault_tree_canvas_legend import LegendWidget

MESSAGE_MS = 8000
PATHS_LISTED = 3


class FactorsPage(StepPage):
    """What had to be true for the incident to happen, as a tree under it."""

    step_id = "factors"

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.stack = context.undo_stack
        self.tree = FactorTree(context.document, self)
        self.hint = self.add_hint(
            self.tr(
                "Under the incident, what made it possible? Tab adds a factor under the selected "
                "box, Enter one beside it, F2 edits; 1–4 set the category, A/O the gate."
            )
        )
        self._build_toolbar()
        self.canvas = FaultTreeCanvas(self)
        self.body.addWidget(self.canvas, 1)
        self.legend = LegendWidget(self)
        self.body.addWidget(self.legend)
        self.paths_label = QLabel(self)
        self.paths_label.setWordWrap(True)
        self.paths_label.hide()
        self.body.addWidget(self.paths_label)
        self._message_timer = QTimer(self, singleShot=True, interval=MESSAGE_MS)
        self._message_timer.timeout.connect(lambda: self.message.setText(""))
        self._burst = 0
        self._editing: tuple[str, int, bool] | None = None  # factor id, burst, added by it
        self._connect()
        self.reload()

    def _build_toolbar(self) -> None:
        self.toolbar = QWidget(self)
        row = QHBoxLayout(self.toolbar)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(8)
        self.fit_button = QPushButton(self.tr("Fit to window (F)"), self.toolbar)
        self.zoom_out_button = QPushButton("−", self.toolbar)
        self.zoom_out_button.setToolTip(self.tr("Zoom out (-, or Ctrl+wheel)"))
        self.zoom_in_button = QPushButton("+", self.toolbar)
        self.zoom_in_button.setToolTip(self.tr("Zoom in (+, or Ctrl+wheel)"))
        self.paths_button = QPushButton(self.tr("Show open paths (H)"), self.toolbar)
        self.paths_button.setCheckable(True)
        self.paths_button.setToolTip(
            self.tr("Highlight every path to the incident that no action item breaks yet")
        )
        self.export_button = QPushButton(self.tr("Export image…"), self.toolbar)
        self.message = QLabel(self.toolbar)
        self.message.setWordWrap(True)
        set_role(self.message, "warning")
        for button in (self.fit_button, self.zoom_out_button, self.zoom_in_button):
            set_role(button, "true", "flat")
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # clicks leave the focus on the tree
            row.addWidget(button)
        row.addWidget(self.paths_button)
        row.addWidget(self.message, 1)
        row.addWidget(self.export_button)
        self.body.addWidget(self.toolbar)

    def _connect(self) -> None:
        c = self.canvas
        self.tree.changed.connect(self.reload)
        self.tree.refused.connect(self.show_message)
        self.context.document.field_changed.connect(self._field_changed)
        self.context.document.register_editor(c.editor)  # step change and close save typing
        c.add_child_requested.connect(lambda fid: self.add(fid, child=True))
        c.add_sibling_requested.connect(lambda fid: self.add(fid, child=False))
        c.delete_requested.connect(self.delete)
        c.category_requested.connect(lambda fid, v: self.set_field(fid, "category", v))
        c.gate_requested.connect(lambda fid, v: self.set_field(fid, "gate", v))
        c.unknown_requested.connect(self.toggle_unknown)
        c.reparent_requested.connect(self.reparent)
        c.reorder_requested.connect(self.reorder)
        c.open_paths_requested.connect(self.paths_button.toggle)
        c.text_autosaved.connect(self._save_text)
        c.text_committed.connect(self._commit_text)
        c.edit_cancelled.connect(self._cancel_text)
        c.restyled.connect(self._restyled)
        self.fit_button.clicked.connect(c.fit)
        self.zoom_in_button.clicked.connect(lambda: c.zoom_by(1.2))
        self.zoom_out_button.clicked.connect(lambda: c.zoom_by(1 / 1.2))
        self.paths_button.toggled.connect(lambda _on: self.reload())
        self.export_button.clicked.connect(self.export_image)

    # --- StepPage -------------------------------------------------------------------------

    def focus_main_input(self) -> None:
        self.canvas.setFocus()

    def entered(self) -> None:
        self.reload()  # the whys page can turn a root cause into a factor

    # --- showing --------------------------------------------------------------------------

    def reload(self, select: str = "") -> None:
        """The tree from the core, laid out again, the open paths too when they are shown."""
        root = self.tree.load()
        highlight: OpenPaths | None = None
        if self.paths_button.isChecked():
            addressed = fault_tree_paths.addressed_ids(self.tree.store, self.tree.session_id)
            highlight = fault_tree_paths.open_paths(root, addressed)
        self.canvas.set_tree(root, select, highlight)
        self._show_paths(highlight)

    def _show_paths(self, highlight: OpenPaths | None) -> None:
        self.paths_label.setVisible(highlight is not None)
        if highlight is None or self.canvas.root is None:
            return
        root = self.canvas.root
        if highlight.too_many is not None:
            text = self.tr("More than {n} paths lead to the incident: too many to show.").format(
                n=f"{highlight.too_many:,}"
            )
        elif not highlight.paths:
            text = self.tr("✓ Every path to the incident is broken by an action item.")
        else:
            count = len(highlight.paths)
            listed = "; ".join(describe_cut_set(root, p) for p in highlight.paths[:PATHS_LISTED])
            more = count - PATHS_LISTED
            text = (
                self.tr("1 path to the incident is still open: {paths}")
                if count == 1
                else self.tr("{n} paths to the incident are still open: {paths}")
            ).format(
                n=count,
                paths=listed + (self.tr(" …and {m} more").format(m=more) if more > 0 else ""),
            )
        self.paths_label.setText(text)

    def show_message(self, text: str) -> None:
        """A calm sentence beside the toolbar (a refused move), gone after a while."""
        self.message.setText(text)
        self._message_timer.start()

    def _restyled(self) -> None:
        presenting = self.canvas.presenting
        self.hint.setVisible(not presenting)  # the room sees the content, not our controls
        self.toolbar.setVisible(not presenting)
        self.legend.set_colours(self.canvas.colours)

    def _field_changed(self, field: str, _value: object) -> None:
        if field == "title":
            self.reload()

    # --- edits ----------------------------------------------------------------------------

    def _parent_arg(self, factor_id: str | None) -> str | None:
        """The core's parent id: None stands for the incident (the top event)."""
        return None if factor_id in (None, self.canvas.top_id) else factor_id

    def add(self, factor_id: str, *, child: bool) -> None:
        """Add a factor and open its editor at once, so the facilitator just types."""
        self.canvas.editor.commit()
        self._burst += 1
        if child or factor_id == self.canvas.top_id:
            command = AddFactorCommand(
                self.tree, parent_id=self._parent_arg(factor_id), burst=self._burst
            )
        else:
            command = AddFactorCommand(self.tree, after_id=factor_id, burst=self._burst)
        self.stack.push(command)
        new_id = command.factor_id
        if new_id:
            self._editing = (new_id, self._burst, True)
            self.canvas.edit(new_id)

    def delete(self, factor_id: str) -> None:
        then = self.canvas.nav.after_delete(factor_id)
        self.stack.push(DeleteFactorCommand(self.tree, factor_id, then))

    def set_field(self, factor_id: str, field: str, value: object) -> None:
        node = self.canvas.root.find(factor_id) if self.canvas.root else None
        if node is None:
            return
        if factor_id == self.canvas.top_id:
            return  # the incident's gate is the core's rule (OR), not stored
        old = getattr(node, field)
        if old != value:
            self.stack.push(EditFactorCommand(self.tree, factor_id, field, old, value))

    def toggle_unknown(self, factor_id: str) -> None:
        if not HAS_UNKNOWN:
            self.show_message(self.tr("Marking a factor as not yet known needs a newer core."))
            return
        node = self.canvas.root.find(factor_id) if self.canvas.root else None
        if node is not None:
            self.set_field(factor_id, "unknown", not node.unknown)

    def reparent(self, factor_id: str, target_id: str) -> None:
        self.stack.push(MoveFactorCommand(self.tree, factor_id, self._parent_arg(target_id)))

    def reorder(self, factor_id: str, step: int) -> None:
        siblings = self.canvas.nav.siblings_of(factor_id)
        at = siblings.index(factor_id)
        if not 0 <= at + step < len(siblings):
            return
        order = list(siblings)
        order[at], order[at + step] = order[at + step], order[at]
        parent = self._parent_arg(self.canvas.nav.parent_of(factor_id))
        self.stack.push(ReorderFactorsCommand(self.tree, factor_id, parent, siblings, order))

    def export_image(self) -> None:
        if self.canvas.root is None:
            return
        path = ExportImageDialog.ask(self, self.tr("fault-tree.svg"))
        if path is not None:
            written = export_tree(self.canvas.root, path)
            self.show_message(self.tr("Saved the fault tree to {path}").format(path=written))

    # --- typing in place ------------------------------------------------------------------

    def _burst_for(self, factor_id: str) -> int:
        if self._editing is None or self._editing[0] != factor_id:
            self._burst += 1
            self._editing = (factor_id, self._burst, False)
        return self._editing[1]

    def _save_text(self, factor_id: str, text: str) -> None:
        if factor_id == self.canvas.top_id:
            return  # the incident's title saves once, at commit
        node = self.canvas.root.find(factor_id) if self.canvas.root else None
        if node is not None and node.text != text:
            burst = self._burst_for(factor_id)
            self.stack.push(EditFactorCommand(self.tree, factor_id, "text", node.text, text, burst))

    def _commit_text(self, factor_id: str, text: str, follow: str) -> None:
        if factor_id == self.canvas.top_id:
            old = self.context.document.value("title")
            if text.strip() and text != old:
                self.stack.push(EditFieldCommand(self.context.document, "title", old, text.strip()))
        else:
            self._save_text(factor_id, text)
        self._editing = None
        if follow == FOLLOW_CHILD:
            self.add(factor_id, child=True)

    def _cancel_text(self, factor_id: str) -> None:
        """Esc: the factor as it was before this burst of typing, in the database too."""
        editing, self._editing = self._editing, None
        node = self.canvas.root.find(factor_id) if self.canvas.root else None
        if editing is None or editing[0] != factor_id or node is None:
            return
        _, burst, added = editing
        if added:  # merges into the add, which then leaves nothing on the stack
            then = self.canvas.nav.after_delete(factor_id)
            self.stack.push(DeleteFactorCommand(self.tree, factor_id, then, burst))
        elif node.text != self.canvas.editor.original:
            original = self.canvas.editor.original
            self.stack.push(
                EditFactorCommand(self.tree, factor_id, "text", node.text, original, burst)
            )
