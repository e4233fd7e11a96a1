"""`watch_language(widget, settings)`: the blameless language checker on one text field.

Page authors call it once per free-text widget. On a QPlainTextEdit (or QTextEdit) it adds a
`LanguageHighlighter`; a QLineEdit has no QTextDocument, so a transparent overlay draws the
same wavy underline under the text, placed through the line edit's own `cursorPositionAt`
(public API, so it follows scrolling and fallback fonts). Either way: hovering a finding shows
its message and suggestion, and the right-click menu offers the quick fix (where the rule has
one) and "Ignore" (for this field, until the page closes).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, QPoint, QSettings, Qt
from PySide6.QtGui import QContextMenuEvent, QHelpEvent, QTextCursor
from PySide6.QtWidgets import QLineEdit, QMenu, QPlainTextEdit, QTextEdit, QToolTip, QWidget

from facilitator.language import LanguageFinding, apply_fix, check_text
from ui.widgets.language_highlighter import (
    LanguageDisplay,
    LanguageHighlighter,
    to_utf16,
    utf16_span,
)
from ui.widgets.language_line import LineUnderlines

TextWidget = QLineEdit | QPlainTextEdit | QTextEdit


@dataclass(frozen=True)
class Hit:
    """A finding under the mouse: in `text` (the line, or the paragraph), which starts at
    UTF-16 offset `offset` of the widget's whole text."""

    finding: LanguageFinding
    text: str
    offset: int


class LanguageWatch(QObject):
    """The checker on one widget: underlines, tooltips, quick fixes, ignores."""

    def __init__(self, widget: TextWidget, display: LanguageDisplay) -> None:
        super().__init__(widget)
        self.setObjectName("languageWatch")
        self.widget = widget
        self.display = display
        self.ignored: set[tuple[str, str]] = set()  # (rule, phrase in lower case)
        self.highlighter: LanguageHighlighter | None = None
        self.underlines: LineUnderlines | None = None
        if isinstance(widget, QLineEdit):
            self.underlines = LineUnderlines(widget, self.findings, self.shown)
            self.surface: QWidget = widget
        else:
            self.highlighter = LanguageHighlighter(widget, self.findings, self.shown)
            self.surface = widget.viewport()
        self.surface.installEventFilter(self)
        if self.surface is not widget:
            widget.installEventFilter(self)  # palette changes arrive at the widget itself
        display.changed.connect(self.refresh)

    # What is found -------------------------------------------------------------------------

    def shown(self) -> bool:
        return self.display.shown_for(self.widget)

    def findings(self, text: str) -> list[LanguageFinding]:
        """The checker's findings in `text`, less those ignored in this field."""
        return [f for f in check_text(text) if (f.rule, f.phrase.lower()) not in self.ignored]

    def hit_at(self, pos: QPoint) -> Hit | None:
        """The finding under `pos` (in the coordinates of `surface`), when shown."""
        if not self.shown():
            return None
        if isinstance(self.widget, QLineEdit):
            text, offset = self.widget.text(), 0
            at = self.widget.cursorPositionAt(pos)  # the nearest gap between characters
            span = (at, at)
        else:
            cursor = self.widget.cursorForPosition(pos)
            block = cursor.block()
            text, offset = block.text(), block.position()
            at = cursor.positionInBlock()
            # The nearest gap: the character under the mouse is the one before it when the
            # mouse is left of the gap.
            left = at - 1 if pos.x() < self.widget.cursorRect(cursor).x() else at
            span = (left, left + 1)
        for finding in self.findings(text):
            start, end = utf16_span(text, finding)
            if start <= span[0] and span[1] <= end and start < end:
                return Hit(finding, text, offset)
        return None

    def tooltip_at(self, pos: QPoint) -> str | None:
        hit = self.hit_at(pos)
        if hit is None:
            return None
        finding = hit.finding
        lines = [
            f"{finding.message}.",
            self.tr("Try: {suggestion}").format(suggestion=finding.suggestion),
        ]
        if finding.replacement is not None and not self.widget.isReadOnly():
            lines.append(
                self.tr("Right-click to replace it with “{fix}”.").format(fix=finding.replacement)
            )
        return "\n".join(lines)

    # Acting on a finding ---------------------------------------------------------------------

    def context_menu(self, pos: QPoint) -> QMenu:
        """The widget's standard menu, with the quick fix and Ignore on top when `pos` is on
        a finding (a separate method so tests can trigger the entries without `exec`)."""
        if isinstance(self.widget, QLineEdit):
            menu = self.widget.createStandardContextMenu()
        else:
            menu = self.widget.createStandardContextMenu(pos)
        menu.setParent(self.widget, menu.windowFlags())
        hit = self.hit_at(pos)
        if hit is None:
            return menu
        first = menu.actions()[0] if menu.actions() else None
        entries = []
        if hit.finding.replacement is not None and not self.widget.isReadOnly():
            fix = menu.addAction(
                self.tr("Replace with “{fix}”").format(fix=hit.finding.replacement)
            )
            fix.setObjectName("languageFix")
            fix.triggered.connect(lambda _checked=False: self.apply(hit))
            entries.append(fix)
        ignore = menu.addAction(self.tr("Ignore “{phrase}” here").format(phrase=hit.finding.phrase))
        ignore.setObjectName("languageIgnore")
        ignore.triggered.connect(lambda _checked=False: self.ignore(hit.finding))
        entries.append(ignore)
        for action in entries:  # addAction appends; the fixes belong first
            menu.removeAction(action)
            menu.insertAction(first, action)
        if first is not None:
            menu.insertSeparator(first)
        return menu

    def apply(self, hit: Hit) -> None:
        """The quick fix, as an edit the user could have typed (so it saves and undoes like
        typing); nothing when the text changed since the menu opened."""
        try:
            fixed = apply_fix(hit.text, hit.finding)
        except ValueError:
            return
        start, _end = utf16_span(hit.text, hit.finding)
        caret = start + to_utf16(hit.finding.replacement or "", len(hit.finding.replacement or ""))
        if isinstance(self.widget, QLineEdit):
            if self.widget.text() != hit.text:
                return
            self.widget.selectAll()
            self.widget.insert(fixed)  # keeps the line edit's own undo, emits textEdited
            self.widget.setCursorPosition(caret)
            return
        cursor = QTextCursor(self.widget.document())
        cursor.setPosition(hit.offset)
        cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
        if cursor.selectedText() != hit.text:
            return
        cursor.insertText(fixed)
        cursor.setPosition(hit.offset + caret)
        self.widget.setTextCursor(cursor)

    def ignore(self, finding: LanguageFinding) -> None:
        self.ignored.add((finding.rule, finding.phrase.lower()))
        self.refresh()

    def refresh(self) -> None:
        if self.highlighter is not None:
            self.highlighter.refresh()
        if self.underlines is not None:
            self.underlines.refresh()

    # Events ----------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is self.surface and kind == QEvent.Type.ToolTip:
            assert isinstance(event, QHelpEvent)
            text = self.tooltip_at(event.pos())
            if text is None:
                return False  # the widget's own tooltip, if any (e.g. why a value is invalid)
            QToolTip.showText(event.globalPos(), text, self.surface)
            return True
        if watched is self.surface and kind == QEvent.Type.ContextMenu:
            assert isinstance(event, QContextMenuEvent)
            if self.hit_at(event.pos()) is None:
                return False
            menu = self.context_menu(event.pos())
            menu.exec(event.globalPos())
            menu.deleteLater()
            return True
        if watched is self.widget and kind in (
            QEvent.Type.PaletteChange,
            QEvent.Type.StyleChange,
        ):
            self.refresh()  # the theme changed: the underline takes its colour
        return False


def watch_language(widget: QWidget, settings: QSettings) -> QObject:
    """Check text for blameful phrasing as it is typed: the one call pages make.

    On a text field (QLineEdit, QPlainTextEdit, QTextEdit) it returns the field's
    `LanguageWatch`, a child that lives and dies with it (a second call returns the first).
    On any other widget, a page or a panel, it watches every text field inside it, those
    there now and those added later (a why added to a chain, the editor a list opens to edit
    an item in place), and returns that `LanguageScope` (ui/widgets/language_scope.py)."""
    if not isinstance(widget, TextWidget):
        from ui.widgets.language_scope import LanguageScope

        return LanguageScope.of(widget, settings)
    existing = widget.findChild(
        LanguageWatch, "languageWatch", Qt.FindChildOption.FindDirectChildrenOnly
    )
    if isinstance(existing, LanguageWatch):
        return existing
    return LanguageWatch(widget, LanguageDisplay.of(settings))


__all__ = ["Hit", "LanguageWatch", "watch_language"]
