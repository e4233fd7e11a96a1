"""The *factors* step: the contributing-factor fault tree, built live on the shared screen.

The canvas asks (signals), this page decides (undo commands on the session's stack), the
core writes (autosave), and the canvas is handed the tree again from the core.
"""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QPushButton, QWidget

from facilitator import fault_tree_paths, language, timeline, times
from facilitator.fault_tree import FaultNode
from facilitator.fault_tree_paths import OpenPaths
from facilitator.tree_layout import DEFAULT_STYLE, TreeLayout, layout_tree
from ui.commands.factors import (
    AddFactorCommand,
    DeleteFactorCommand,
    EditFactorCommand,
    FactorTree,
    MoveFactorCommand,
    ReorderFactorsCommand,
    SetEvidenceCommand,
)
from ui.commands.fields import EditFieldCommand
from ui.steps.base import PageContext, StepPage
from ui.widgets.fault_tree_canvas import FaultTreeCanvas
from ui.widgets.fault_tree_canvas_editor import FOLLOW_CHILD
from ui.widgets.fault_tree_canvas_evidence import CiteEntriesDialog
from ui.widgets.fault_tree_canvas_export import ExportImageDialog, export_tree
from ui.widgets.fault_tree_canvas_legend import LegendWidget, OpenPathsLabel
from ui.widgets.fault_tree_canvas_toolbar import FaultTreeToolbar
from ui.widgets.language_watch import watch_language

ZOOM_STEP = 1.2


class Read(NamedTuple):
    """The tree as the core has it, ready to show: its open paths (when shown), its layout."""

    root: FaultNode
    highlight: OpenPaths | None
    layout: TreeLayout


class FactorsPage(StepPage):
    """What had to be true for the incident to happen, as a tree under it."""

    step_id = "factors"

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.stack = context.undo_stack
        self.tree = FactorTree(context.document, self)
        self.toolbar = FaultTreeToolbar(self)
        self.body.addWidget(self.toolbar)
        self.canvas = FaultTreeCanvas(self)
        self.body.addWidget(self.canvas, 1)
        self.legend = LegendWidget(self)
        self.body.addWidget(self.legend)
        self.paths_label = OpenPathsLabel(self)
        self.body.addWidget(self.paths_label)
        # After an edit the tree is shown again in two event-loop turns: read it, its open
        # paths and its layout (plain core work), then move the boxes and repaint; each is a
        # short stall, the two together would be one long one.
        self._read_timer = QTimer(self, singleShot=True, interval=0)
        self._read_timer.timeout.connect(self._read_now)
        self._show_timer = QTimer(self, singleShot=True, interval=0)
        self._show_timer.timeout.connect(self._show_now)
        self._read: Read | None = None
        self._pending_select = ""
        self._burst = 0
        self._editing: tuple[str, int, bool] | None = None  # factor id, burst, added by it
        self._connect()
        self.reload()
        watch_language(self, context.settings)  # every free-text field on the page
        # The checker compiles its rules on first use (0.1 s): done off the GUI thread now,
        # not inside the first F2.
        context.workers.run(language.warm_up)

    @property
    def paths_button(self) -> QPushButton:
        return self.toolbar.paths_button

    def _connect(self) -> None:
        c, bar = self.canvas, self.toolbar
        self.tree.changed.connect(self.reload_soon)
        self.stack.indexChanged.connect(self._stack_moved)
        c.about_to_act.connect(self.settle)
        self.tree.refused.connect(self.show_message)
        self.context.document.field_changed.connect(self._field_changed)
        self.context.document.register_editor(c.editor)  # step change and close save typing
        c.add_child_requested.connect(lambda fid: self.add(fid, child=True))
        c.add_sibling_requested.connect(lambda fid: self.add(fid, child=False))
        c.delete_requested.connect(self.delete)
        c.category_requested.connect(lambda fid, v: self.set_field(fid, "category", v))
        c.gate_requested.connect(lambda fid, v: self.set_field(fid, "gate", v))
        c.unknown_requested.connect(self.toggle_unknown)
        c.evidence_requested.connect(self.cite_evidence)
        c.reparent_requested.connect(self.reparent)
        c.reorder_requested.connect(self.reorder)
        c.open_paths_requested.connect(bar.paths_button.toggle)
        c.text_autosaved.connect(self._save_text)
        c.text_committed.connect(self._commit_text)
        c.edit_cancelled.connect(self._cancel_text)
        c.restyled.connect(self._restyled)
        bar.fit_button.clicked.connect(lambda: (self.settle(), c.fit()))
        bar.zoom_in_button.clicked.connect(lambda: c.zoom_by(ZOOM_STEP))
        bar.zoom_out_button.clicked.connect(lambda: c.zoom_by(1 / ZOOM_STEP))
        bar.paths_button.toggled.connect(lambda _on: self.reload_soon())
        bar.export_button.clicked.connect(self.export_image)

    # --- StepPage -------------------------------------------------------------------------

    def focus_main_input(self) -> None:
        self.canvas.setFocus()

    def entered(self) -> None:
        self.reload()  # the whys page can turn a root cause into a factor

    # --- showing --------------------------------------------------------------------------

    def reload_soon(self, select: str = "") -> None:
        """After an edit: the core has written; show the tree again in the next event-loop
        turns (read, then lay out), so the write, the read and the re-layout are short
        stalls instead of one long one."""
        self._pending_select = select or self._pending_select
        self._read = None
        self._show_timer.stop()
        self._read_timer.start()

    def settle(self) -> None:
        """Show the tree as the core has it now: before any key, click or decision that
        reads the canvas (an old value read there would make a wrong undo step)."""
        if self._read_timer.isActive() or self._show_timer.isActive():
            self._show(self._read or self._load())

    def reload(self, select: str = "") -> None:
        """The tree read afresh from the core (another page may have changed it), laid out
        again, the open paths too when they are shown."""
        self._show(self._load(fresh=True), select)

    def _read_now(self) -> None:
        self._read = self._load()
        self._show_timer.start()

    def _show_now(self) -> None:
        if self._read is not None:
            self._show(self._read)

    def _load(self, *, fresh: bool = False) -> Read:
        root = self.tree.load(fresh=fresh)
        highlight: OpenPaths | None = None
        if self.paths_button.isChecked():
            addressed = fault_tree_paths.addressed_ids(self.tree.store, self.tree.session_id)
            highlight = fault_tree_paths.open_paths(root, addressed)
        layout = self.canvas.layout_
        if layout is None or layout.nodes[0].node != root:
            layout = layout_tree(root, DEFAULT_STYLE)
        return Read(root, highlight, layout)

    def _show(self, read: Read, select: str = "") -> None:
        self._read_timer.stop()
        self._show_timer.stop()
        self._read = None
        select, self._pending_select = select or self._pending_select, ""
        self.canvas.set_tree(read.root, select, read.highlight, read.layout)
        self.paths_label.show_paths(read.root, read.highlight)

    def _stack_moved(self, _index: int) -> None:
        """A command ran, was undone or redone. One of another page's (the whys page's
        "make it a factor", undone from here with Ctrl+Z) may have changed the factors
        behind the tree kept between edits: read them afresh."""
        ours, self.tree.touched = self.tree.touched, False
        if not ours:
            self.tree.forget()
            if self.isVisible():
                self.reload_soon()

    def show_message(self, text: str) -> None:
        """A calm sentence above the tree (a refused move), gone after a while."""
        self.toolbar.show_message(text)

    def _restyled(self) -> None:
        presenting = self.canvas.presenting
        self.toolbar.setVisible(not presenting)  # the room sees the content, not our controls
        self.legend.set_colours(self.canvas.colours)

    def _field_changed(self, field: str, _value: object) -> None:
        if field == "title":
            self.reload()

    def _node(self, factor_id: str) -> FaultNode | None:
        return self.canvas.root.find(factor_id) if self.canvas.root is not None else None

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
            below = child or factor_id == self.canvas.top_id
            self.canvas.edit_new(new_id, factor_id, below=below)

    def delete(self, factor_id: str) -> None:
        then = self.canvas.nav.after_delete(factor_id)
        self.stack.push(DeleteFactorCommand(self.tree, factor_id, then))

    def set_field(self, factor_id: str, field: str, value: object) -> None:
        node = self._node(factor_id)
        if node is None or factor_id == self.canvas.top_id:
            return  # the incident has no category, and its gate is the core's rule (OR)
        old = getattr(node, field)
        if old != value:
            self.stack.push(EditFactorCommand(self.tree, factor_id, field, old, value))
        if field == "gate" and node.is_leaf:
            # Kept, but a gate joins sub-factors: say why nothing shows yet.
            self.show_message(
                self.tr("The gate shows once this factor has factors under it (Tab adds one).")
            )

    def toggle_unknown(self, factor_id: str) -> None:
        node = self._node(factor_id)
        if node is not None:
            self.set_field(factor_id, "unknown", not node.unknown)

    def cite_evidence(self, factor_id: str) -> None:
        """L: tick the timeline entries that show this factor (one undo step)."""
        node = self._node(factor_id)
        if node is None:
            return
        entries = timeline.load_entries(self.tree.store, self.tree.session_id)
        if not entries:
            self.show_message(self.tr("The timeline has no entries to cite yet."))
            return
        zone = self.context.document.value("timezone")
        choices = [
            (e.id, f"{times.format_time(e.at, zone, with_date=True)}  ·  {e.kind}  ·  {e.text}")
            for e in entries
        ]
        chosen = CiteEntriesDialog.ask(self, choices, list(node.evidence), node.text)
        if chosen is not None and chosen != list(node.evidence):
            self.stack.push(SetEvidenceCommand(self.tree, factor_id, chosen))

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
        self.settle()
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
        self.settle()  # typing pauses are not canvas input: compare with what is saved
        if factor_id == self.canvas.top_id:
            return  # the incident's title saves once, at commit
        node = self._node(factor_id)
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
        self.settle()
        editing, self._editing = self._editing, None
        node = self._node(factor_id)
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
