"""The *whys* step: 5 Whys chains in large type, one tab per chain, checked as the room types.

Keys (listed in ui/actions.py): Enter in a why adds the next one, Delete on an empty why
removes it, Alt+Up / Alt+Down move a why, Ctrl+Tab / Ctrl+Shift+Tab switch chains,
Ctrl+Shift+N adds a chain, Ctrl+Shift+F turns the root cause into a factor. Every edit is
an undoable command; text is saved 400 ms after the last keystroke.

Tabs rather than chains side by side: at 1280×720 with the sidebar and the questions
showing, two columns would leave each why about 300 px wide, too narrow for large type.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTabBar,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from facilitator import errors, whys
from ui.actions import make_action
from ui.commands.whys import AddChainCommand, Focus, WhysTarget
from ui.messages import describe
from ui.session.presentation import facilitator_only
from ui.steps.base import PageContext, StepPage
from ui.style import set_role
from ui.widgets.language_watch import watch_language
from ui.widgets.why_chain import ChainEditor

TAB_TITLE_CHARS = 24


class WhysPage(StepPage):
    """Several chains, each from a problem through "why did the system allow this?" to a
    root cause the system can change."""

    step_id = "whys"
    reads_when_built = True

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.add_hint(
            self.tr("Ask “{prompt}” until you reach what the system can change.").format(
                prompt=self.tr(whys.WHY_PROMPT)
            )
        )
        self.target = WhysTarget(
            context.store, context.document.session_id, context.document, self.show_saved
        )
        self.editors: dict[str, ChainEditor] = {}
        self._shown: dict[str, whys.ChainView] = {}  # chain id -> as last shown

        self.views = QStackedWidget(self)
        self.body.addWidget(self.views, 1)
        self.empty = QWidget(self.views)
        self.empty.setObjectName("emptyState")
        column = QVBoxLayout(self.empty)
        column.addStretch(1)
        message = QLabel(self.tr("No chains yet"), self.empty)
        set_role(message, "h2")
        detail = QLabel(
            self.tr("Start with the problem as customers saw it, then ask why, and why again."),
            self.empty,
        )
        set_role(detail, "muted")
        keys = QLabel(
            self.tr(
                "Then: Enter adds the next why · Del on an empty why removes it · Alt+↑/↓ "
                "moves it · Ctrl+Tab goes to the next chain · F1 lists every key"
            ),
            self.empty,
        )
        keys.setObjectName("whyKeys")
        keys.setWordWrap(True)
        keys.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        set_role(keys, "small")
        self.start_button = QPushButton(self.tr("Start a chain (Ctrl+Shift+N)"), self.empty)
        self.start_button.setObjectName("startChain")
        set_role(self.start_button, "true", "primary")
        self.start_button.clicked.connect(self.add_chain)
        for widget in (message, detail):
            column.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addSpacing(12)
        column.addWidget(self.start_button, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addSpacing(24)
        column.addWidget(keys)
        column.addStretch(2)
        self.views.addWidget(self.empty)

        self.tabs = QTabWidget(self.views)
        self.tabs.setObjectName("whyChains")
        self.tabs.setDocumentMode(True)
        self.tabs.setElideMode(Qt.TextElideMode.ElideRight)
        self.tabs.setUsesScrollButtons(False)
        self.tabs.tabBar().setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Ctrl+Tab switches chains
        self.new_button = QPushButton(self.tr("+ New chain"), self.tabs)
        self.new_button.setObjectName("newChain")
        self.new_button.setToolTip(self.tr("Add a chain (Ctrl+Shift+N)"))
        self.new_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab stays among the fields
        set_role(self.new_button, "true", "flat")
        facilitator_only(self.new_button)  # Ctrl+Shift+N for the room's screen
        self.new_button.clicked.connect(self.add_chain)
        self.tabs.setCornerWidget(self.new_button, Qt.Corner.TopRightCorner)
        self.tabs.currentChanged.connect(lambda _index: self._retitle())
        self.views.addWidget(self.tabs)

        self._add_actions()
        context.document.register_editor(self)  # step change, close and quit save typing
        watch_language(self, context.settings)  # every free-text field on the page
        # Each chain's editor, then its text, in turns of their own when the window builds
        # this page ahead of time (all chains at once were 50–100 ms); then the rest.
        self.later(self._stage_saved_chains)

    def _add_actions(self) -> None:
        for action_id, slot in (
            ("chain_next", lambda: self.switch_chain(1)),
            ("chain_previous", lambda: self.switch_chain(-1)),
            ("chain_add", self.add_chain),
            ("root_to_factor", self.root_cause_to_factor),
        ):
            action = make_action(self, action_id, slot)
            # Only while the keyboard is on this page: another step may use the same keys.
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            if action_id == "chain_previous":
                # Shift+Tab arrives as Backtab, which "Ctrl+Shift+Tab" alone does not match.
                backtab = QKeySequence(
                    Qt.KeyboardModifier.ControlModifier
                    | Qt.KeyboardModifier.ShiftModifier
                    | Qt.Key.Key_Backtab
                )
                action.setShortcuts([*action.shortcuts(), backtab])

    # StepPage ----------------------------------------------------------------------------

    def focus_main_input(self) -> None:
        editor = self.current_editor()
        if editor is None:
            self.start_button.setFocus()
        else:
            editor.focus_resume()

    def entered(self) -> None:
        self.show_saved(None)

    def flush(self) -> None:
        """Save what is being typed in every chain (step change, close, quit)."""
        for editor in self.editors.values():
            editor.flush()

    # Chains ------------------------------------------------------------------------------

    def current_editor(self) -> ChainEditor | None:
        widget = self.tabs.currentWidget()
        return widget if isinstance(widget, ChainEditor) else None

    def add_chain(self) -> None:
        self.flush()
        self.context.undo_stack.push(AddChainCommand(self.target))

    def switch_chain(self, delta: int) -> None:
        count = self.tabs.count()
        if count < 2:
            return
        self.tabs.setCurrentIndex((self.tabs.currentIndex() + delta) % count)
        editor = self.current_editor()
        if editor is not None:
            editor.focus_resume()

    def root_cause_to_factor(self) -> None:
        editor = self.current_editor()
        if editor is not None:
            editor.to_factor()

    def show_saved(self, focus: Focus | None) -> None:
        """Show the chains as saved (after any command), then put the focus at `focus`."""
        try:
            chains = whys.load_chains(self.context.store, self.context.document.session_id)
        except errors.FacilitatorError as exc:
            self.context.document.save_failed.emit(describe(exc))
            return
        ids = [chain.id for chain in chains]
        had_focus = False  # the keyboard was in a chain that goes: it must land somewhere
        for gone in [chain_id for chain_id in self.editors if chain_id not in ids]:
            editor = self.editors.pop(gone)
            self._shown.pop(gone, None)
            had_focus = had_focus or editor.isAncestorOf(QApplication.focusWidget())
            editor.discard()
            self.tabs.removeTab(self.tabs.indexOf(editor))
            editor.deleteLater()
        for index, chain in enumerate(chains):
            editor = self.editors.get(chain.id) or self._new_editor(chain.id)
            at = self.tabs.indexOf(editor)
            if at < 0:
                self.tabs.insertTab(index, editor, "")
                self._add_close_button(editor, index)
            elif at != index:
                self.tabs.tabBar().moveTab(at, index)
            if self._shown.get(chain.id) != chain:  # an edit elsewhere leaves chains as is
                editor.show_view(chain)
                self._shown[chain.id] = chain
        self._retitle()
        self.views.setCurrentWidget(self.tabs if chains else self.empty)
        if focus is not None:
            self._focus(focus)
        elif had_focus:
            self.focus_main_input()

    def _stage_saved_chains(self) -> None:
        """Leave for later, per saved chain, making its editor and showing its text."""
        try:
            chains = whys.load_chains(self.context.store, self.context.document.session_id)
        except errors.FacilitatorError:
            chains = []  # `show_saved` says why
        for index, chain in enumerate(chains):
            self.later(partial(self._add_editor, index, chain.id))
            self.later(partial(self._show_chain, chain))
        self.later(lambda: self.show_saved(None))  # the chains as saved by then, titles

    def _add_editor(self, index: int, chain_id: str) -> None:
        if chain_id not in self.editors:
            self.tabs.insertTab(index, self._new_editor(chain_id), "")
            self._add_close_button(self.editors[chain_id], index)

    def _show_chain(self, chain: whys.ChainView) -> None:
        editor = self.editors.get(chain.id)
        if editor is not None and self._shown.get(chain.id) != chain:
            editor.show_view(chain)
            self._shown[chain.id] = chain

    def _add_close_button(self, editor: ChainEditor, index: int) -> None:
        """A quiet × on the tab (Qt's own close button is a red square): removes the chain."""
        button = QToolButton(self.tabs)
        button.setObjectName("removeChain")
        button.setText("×")
        button.setAutoRaise(True)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setToolTip(self.tr("Remove this chain (Ctrl+Z brings it back)"))
        button.setAccessibleName(self.tr("Remove this chain"))
        set_role(button, "true", "flat")
        facilitator_only(button)
        button.clicked.connect(editor.remove_chain)
        self.tabs.tabBar().setTabButton(index, QTabBar.ButtonPosition.RightSide, button)

    def _new_editor(self, chain_id: str) -> ChainEditor:
        editor = ChainEditor(self.target, self.context.undo_stack, chain_id, self.tabs)
        editor.title_changed.connect(self._retitle)
        self.editors[chain_id] = editor
        return editor

    def _focus(self, focus: Focus) -> None:
        for editor in self.editors.values():
            field = editor.field_for(focus)
            if field is not None:
                self.tabs.setCurrentWidget(editor)
                editor.focus_field(field)
                return

    def _retitle(self) -> None:
        for index in range(self.tabs.count()):
            editor = self.tabs.widget(index)
            if not isinstance(editor, ChainEditor):
                continue
            problem = " ".join(editor.problem.text().split())
            if len(problem) > TAB_TITLE_CHARS:
                problem = problem[: TAB_TITLE_CHARS - 1].rstrip() + "…"
            # "2. Retries amplified…": the number for Ctrl+Tab, the problem to tell them apart.
            title = (
                f"{index + 1}. {problem}" if problem else self.tr("Chain {n}").format(n=index + 1)
            )
            self.tabs.setTabText(index, title)
            self.tabs.setTabToolTip(index, editor.problem.text())
