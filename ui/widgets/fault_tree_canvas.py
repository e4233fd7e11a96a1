"""The interactive fault-tree canvas: the core's layout on a QGraphicsView, driven from the
keyboard first (see `KEYS`), with the mouse for selecting, dragging and zooming.

The canvas never writes: it says what the facilitator asked for with signals, and the page
turns them into undo commands; after each command the page hands back the new tree.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QFont,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPalette,
    QResizeEvent,
    QShowEvent,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import QGraphicsView, QWidget

from facilitator.fault_tree import FaultNode
from facilitator.fault_tree_paths import OpenPaths
from facilitator.tree_layout import DEFAULT_STYLE, TreeLayout, layout_tree
from ui.style import tokens
from ui.widgets.fault_tree_canvas_drag import BoxDrag
from ui.widgets.fault_tree_canvas_editor import InPlaceEditor
from ui.widgets.fault_tree_canvas_items import SKETCH_BELOW
from ui.widgets.fault_tree_canvas_keys import ZOOM_STEP, handle_key
from ui.widgets.fault_tree_canvas_menu import factor_menu
from ui.widgets.fault_tree_canvas_minimap import MinimapWidget
from ui.widgets.fault_tree_canvas_nav import TreeNavigator, describe
from ui.widgets.fault_tree_canvas_scene import FaultTreeScene
from ui.widgets.fault_tree_canvas_theme import CanvasColours, Fonts

MIN_SCALE, MAX_SCALE = 0.03, 4.0  # fit must reach a 200-box tree's whole width
# Opening the step fits the tree when its words still show at the fitted scale (below it
# the boxes are drawn as sketches): a tree too big for that starts at the incident.
FIT_READABLE = SKETCH_BELOW
# The UI's type grows 2× in presentation mode; a tree needs more room than a paragraph, so
# the canvas follows the UI's text size damped: 1.3× when presenting, 1.09× at zoom 1.25.
FONT_FOLLOW = 0.38


class FaultTreeCanvas(QGraphicsView):
    """Shows one tree and turns keys, clicks and drags into requests (signals)."""

    selection_changed = Signal(str)
    add_child_requested = Signal(str)  # under this factor (the top event's id: top level)
    add_sibling_requested = Signal(str)  # right after this factor
    delete_requested = Signal(str)
    category_requested = Signal(str, str)
    gate_requested = Signal(str, str)
    unknown_requested = Signal(str)
    reparent_requested = Signal(str, str)  # factor id, new parent id
    reorder_requested = Signal(str, int)  # factor id, -1 (left) or +1 (right)
    open_paths_requested = Signal()
    evidence_requested = Signal(str)  # choose the timeline entries this factor cites
    text_autosaved = Signal(str, str)  # factor id, text: typed, not yet committed
    text_committed = Signal(str, str, str)  # factor id, text, what follows ("" or "child")
    edit_cancelled = Signal(str)
    restyled = Signal()  # theme, presentation mode or the UI's text size changed
    about_to_act = Signal()  # input arrives: bring the tree up to date before reading it

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("faultTreeCanvas")
        self.setAccessibleName(self.tr("Contributing-factor tree"))
        self.tree_scene = FaultTreeScene(self)
        self.setScene(self.tree_scene)
        self.nav = TreeNavigator()
        self.root: FaultNode | None = None
        self.layout_: TreeLayout | None = None
        self.highlight: OpenPaths | None = None
        self.zoom = 1.0  # the facilitator's own zoom, over the base that follows the UI's type
        self.base = 1.0
        self.presenting = False
        self.colours = CanvasColours.of("light")
        self.fonts = Fonts.of(self.font().family(), DEFAULT_STYLE)
        self.drag = BoxDrag(self)
        self._shown_once = False
        # While set, the view keeps the whole tree fitted to the window (as the step opens,
        # and after F) with this cap over the base scale; the facilitator's own zoom or pan
        # clears it, and the view then stays where they put it.
        self.fitting: float | None = None
        self._fitted_to = QSize()
        self._panning = False  # the background is held: scrolling now is the facilitator's
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)  # drag the background to pan
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.MinimalViewportUpdate)
        self.setFrameShape(QGraphicsView.Shape.NoFrame)
        for bar in (self.horizontalScrollBar(), self.verticalScrollBar()):
            # Only the facilitator's own use of a scroll bar triggers an action (not setValue).
            bar.actionTriggered.connect(lambda _action: self.stop_fitting())
        self.minimap = MinimapWidget(self)
        self.editor = InPlaceEditor(self.viewport())
        self.editor.autosave.connect(self.text_autosaved)
        self.editor.committed.connect(self._editor_closed_commit)
        self.editor.cancelled.connect(self._editor_closed_cancel)
        self._restyle_timer = QTimer(self, singleShot=True, interval=0)
        self._restyle_timer.timeout.connect(self.restyle)
        self.restyle()

    # --- what the page calls ------------------------------------------------------------

    @property
    def selected_id(self) -> str:
        return self.tree_scene.selected_id

    @property
    def top_id(self) -> str:
        return self.root.id if self.root is not None else ""

    def set_tree(
        self,
        root: FaultNode,
        select: str = "",
        highlight: OpenPaths | None = None,
        layout: TreeLayout | None = None,
    ) -> None:
        """Show `root` (re-laid out), select `select` if given, keep the editor on its box.

        `layout`, when given, is `root` laid out already (in an earlier event-loop turn)."""
        self.root, self.highlight = root, highlight
        if layout is not None and layout.nodes[0].node is root and layout.style == DEFAULT_STYLE:
            self.layout_ = layout
        if select:
            self.tree_scene.selected_id = select
        self._rebuild()
        if self.editor.active:
            if self.editor.factor_id in self.tree_scene.items_by_id:
                self.editor.place(self.box_in_viewport(self.editor.factor_id))
            else:
                self.editor.cancel()  # its factor went away (an undo from the menu)
        self.ensure_visible(self.selected_id)
        self._describe_selection()

    def select(self, factor_id: str | None) -> None:
        if factor_id and self.tree_scene.select(factor_id) is not None:
            self.ensure_visible(factor_id)
            self._describe_selection()
            self.selection_changed.emit(factor_id)

    def _describe_selection(self) -> None:
        item = self.tree_scene.items_by_id.get(self.selected_id)
        if item is not None:
            self.setAccessibleDescription(describe(item.node, top=item.top))

    def edit(self, factor_id: str = "") -> None:
        """Open the in-place editor on a box (the selected one by default)."""
        factor_id = factor_id or self.selected_id
        item = self.tree_scene.items_by_id.get(factor_id)
        if item is None:
            return
        self.select(factor_id)
        font = QFont(self.fonts.bold if item.top else self.fonts.text)
        font.setPixelSize(max(9, round(DEFAULT_STYLE.font_size * self.scale_now())))
        self.editor.open(factor_id, item.node.text, font, self.box_in_viewport(factor_id))

    def edit_new(self, factor_id: str, anchor_id: str, *, below: bool) -> None:
        """Type into a factor the core has just added, before the re-layout shows its box:
        the editor opens about where the box will be (under its parent, or beside the
        factor it follows) and moves onto it once the tree is laid out again. So the keys
        typed next reach the editor at once, while the re-layout runs in a turn of its own."""
        if anchor_id not in self.tree_scene.items_by_id:
            return
        rect = self.box_in_viewport(anchor_id)
        scale = self.scale_now()
        if below:
            rect.translate(0, round(rect.height() + DEFAULT_STYLE.level_gap * scale))
        else:
            rect.translate(round(rect.width() + DEFAULT_STYLE.sibling_gap * scale), 0)
        self.tree_scene.selected_id = factor_id  # ringed as soon as its box exists
        font = QFont(self.fonts.text)
        font.setPixelSize(max(9, round(DEFAULT_STYLE.font_size * scale)))
        self.editor.open(factor_id, "", font, rect)

    def scale_now(self) -> float:
        return self.transform().m11()

    def fit(self) -> None:
        """F: the whole tree in the window, never larger than twice the readable size; the
        view keeps it fitted as the window changes until the facilitator zooms or pans."""
        self.fitting = 2.0
        self._fit_now()

    def fit_scale(self) -> float | None:
        """The scale that shows the whole tree in the viewport (None before there is one)."""
        rect = self.tree_scene.sceneRect()
        view = self.maximumViewportSize()  # without scroll bars: a fitted tree needs none
        if rect.isEmpty() or view.isEmpty():
            return None
        # A hair under the exact fit, so rounding never brings the scroll bars back.
        return 0.98 * min(view.width() / rect.width(), view.height() / rect.height())

    def _fit_now(self) -> None:
        scale = self.fit_scale()
        if self.fitting is None or scale is None:
            return
        if self.fitting <= 1.0 and scale < FIT_READABLE:
            return  # the window got too small for a readable whole: leave the view be
        self._fitted_to = self.maximumViewportSize()
        self.set_zoom(min(scale, self.fitting * self.base) / self.base)
        self.centerOn(self.tree_scene.sceneRect().center())

    def stop_fitting(self) -> None:
        """The facilitator zoomed or panned: the view is theirs until the next F."""
        self.fitting = None

    def set_zoom(self, zoom: float) -> None:
        scale = min(MAX_SCALE, max(MIN_SCALE, zoom * self.base))
        self.zoom = scale / self.base
        self.setTransform(QTransform.fromScale(scale, scale))
        self._follow_editor()
        self.minimap.follow()

    def zoom_by(self, factor: float) -> None:
        self.stop_fitting()
        self.set_zoom(self.zoom * factor)

    def zoom_reset(self) -> None:
        """0: the readable size (100 %), as the facilitator's own zoom."""
        self.stop_fitting()
        self.set_zoom(1.0)

    def pan_to(self, point: QPointF) -> None:
        """The facilitator moved the view there (the overview)."""
        self.stop_fitting()
        self.centerOn(point)

    def ensure_visible(self, factor_id: str) -> None:
        item = self.tree_scene.items_by_id.get(factor_id)
        if item is not None:
            self.ensureVisible(item.sceneBoundingRect(), 24, 24)

    def visible_scene_rect(self) -> QRectF:
        return self.mapToScene(self.viewport().rect()).boundingRect()

    def box_in_viewport(self, factor_id: str) -> QRect:
        item = self.tree_scene.items_by_id[factor_id]
        return self.mapFromScene(item.mapRectToScene(item.rect())).boundingRect()

    # --- look -----------------------------------------------------------------------------

    def restyle(self) -> None:
        """Theme, presentation and zoom follow the widget's palette and font."""
        body = float(tokens()["type_scale_pt"]["body"])
        ratio = max(self.font().pointSizeF(), 1.0) / body
        self.presenting = ratio >= 1.8
        self.base = ratio**FONT_FOLLOW
        dark = self.palette().color(QPalette.ColorRole.Window).lightness() < 128
        theme = ("presentation-" if self.presenting else "") + ("dark" if dark else "light")
        self.colours = CanvasColours.of(theme)
        self.fonts = Fonts.of(self.font().family(), DEFAULT_STYLE)
        self.set_zoom(self.zoom)
        if self.root is not None:
            self._rebuild()
            self._fit_now()  # a fitted tree stays whole (presentation's type, the app's zoom)
            # The scale changed under the scroll position: bring the selection back in view.
            QTimer.singleShot(0, lambda: self.ensure_visible(self.selected_id))
        self.restyled.emit()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        kinds = (QEvent.Type.FontChange, QEvent.Type.PaletteChange, QEvent.Type.StyleChange)
        if event.type() in kinds:
            self._restyle_timer.start()  # one restyle for the burst a theme switch sends

    def _rebuild(self) -> None:
        assert self.root is not None
        if self.layout_ is None or self.layout_.nodes[0].node != self.root:
            self.layout_ = layout_tree(self.root, DEFAULT_STYLE)  # the same tree: same places
        self.nav.set_layout(self.layout_)
        self.tree_scene.show_layout(self.layout_, self.colours, self.fonts, self.highlight)
        self.minimap.tree_changed()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.root is not None:
            if not self._shown_once:
                self._shown_once = True
                QTimer.singleShot(0, self.first_view)
            else:
                self._fit_now()  # back on the step: the tree may have grown elsewhere

    def first_view(self) -> None:
        """The whole tree, fitted, while its words stay readable (and never above the
        readable size); a bigger tree starts at the incident, the overview beside it."""
        scale = self.fit_scale()
        if scale is not None and scale >= FIT_READABLE:
            self.fitting = 1.0
            self._fit_now()
            return
        top = self.tree_scene.items_by_id.get(self.top_id)
        if top is not None:
            box = top.sceneBoundingRect()
            half_height = self.viewport().height() / 2 / self.scale_now()
            self.centerOn(box.center().x(), box.top() - 20 + half_height)

    # --- keys ------------------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Tab
            and not event.modifiers()
        ):
            self.keyPressEvent(event)  # Tab adds a sub-factor here, it does not move focus
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        self.about_to_act.emit()
        if not handle_key(self, event):
            super().keyPressEvent(event)

    # --- mouse -----------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.about_to_act.emit()
        item = self.tree_scene.node_at(self.mapToScene(event.position().toPoint()))
        if item is None or event.button() != Qt.MouseButton.LeftButton:
            self._panning = event.button() == Qt.MouseButton.LeftButton
            super().mousePressEvent(event)  # the background pans (ScrollHandDrag)
            return
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        self.select(item.node.id)
        self.drag.press(item.node.id, event.position().toPoint())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self.drag.pressed:
            self.drag.move(event.position().toPoint())
        else:
            super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._panning = False
        if not self.drag.pressed:
            super().mouseReleaseEvent(event)
            return
        dropped = self.drag.release(event.position().toPoint())
        if dropped is not None:
            self._rebuild()  # the box back in place until the move re-lays out the tree
            self.reparent_requested.emit(*dropped)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        self.about_to_act.emit()
        item = self.tree_scene.node_at(self.mapToScene(event.position().toPoint()))
        if item is not None:
            self.edit(item.node.id)
        else:
            super().mouseDoubleClickEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120
            self.zoom_by(ZOOM_STEP**steps)
            event.accept()
        else:
            self.stop_fitting()  # the wheel scrolls: the facilitator moves the view
            super().wheelEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        self.about_to_act.emit()
        if event.reason() == QContextMenuEvent.Reason.Keyboard and self.selected_id:
            self.menu_at(self.selected_id, self.box_in_viewport(self.selected_id).center())
            return
        item = self.tree_scene.node_at(self.mapToScene(event.pos()))
        if item is not None:
            self.select(item.node.id)
            self.menu_at(item.node.id, event.pos())

    def menu_at(self, factor_id: str, pos: QPoint) -> None:
        factor_menu(self, factor_id).exec(self.viewport().mapToGlobal(pos))

    # --- the editor ------------------------------------------------------------------------

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        super().scrollContentsBy(dx, dy)
        if self._panning:
            self.stop_fitting()
        self._follow_editor()
        self.minimap.follow()  # the frame moves; the overview goes once everything shows

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.maximumViewportSize() != self._fitted_to:
            # A fitted tree stays whole as the window (or its panels) change; scroll bars
            # that come and go as the tree grows under the editor are no reason to refit.
            self._fit_now()
        self._follow_editor()
        self.minimap.follow()

    def _follow_editor(self) -> None:
        if self.editor.active and self.editor.factor_id in self.tree_scene.items_by_id:
            self.editor.place(self.box_in_viewport(self.editor.factor_id))

    def _editor_closed_commit(self, factor_id: str, text: str, follow: str) -> None:
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        self.text_committed.emit(factor_id, text, follow)

    def _editor_closed_cancel(self, factor_id: str) -> None:
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        self.edit_cancelled.emit(factor_id)
