"""Blameful phrasing underlined as the room types: the QSyntaxHighlighter over
`facilitator.language.check_text`, and the one switch (per mode) that shows or hides it.

The checker speaks Python offsets (code points); Qt speaks UTF-16 code units, in which an
emoji counts two. Every offset crosses that border through `to_utf16` / `from_utf16`, so a
finding after "😀" is still underlined under the right letters.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextCharFormat
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QWidget

from facilitator.language import LanguageFinding
from ui.style import is_dark, palette_of

SHOWN_KEY = "view/language_underlines"
SHOWN_PRESENTING_KEY = "view/language_underlines_presenting"
PRESENTING = "presenting"  # a window's dynamic property while it is in presentation mode
COLOR_TOKEN = "warn"  # a finding is a warning: the same colour as the app's other warnings


def to_utf16(text: str, index: int) -> int:
    """The UTF-16 offset (Qt's) of the code-point offset `index` (Python's) in `text`."""
    return index + sum(1 for char in text[:index] if ord(char) > 0xFFFF)


def from_utf16(text: str, offset: int) -> int:
    """The code-point offset of the UTF-16 offset `offset` in `text` (inside a surrogate
    pair: the character it belongs to)."""
    units = 0
    for index, char in enumerate(text):
        units += 2 if ord(char) > 0xFFFF else 1
        if units > offset:
            return index
    return len(text)


def utf16_span(text: str, finding: LanguageFinding) -> tuple[int, int]:
    """Where a finding of `text` is, in UTF-16 offsets: (start, end)."""
    start = to_utf16(text, finding.start)
    return start, start + to_utf16(finding.phrase, len(finding.phrase))


def presenting(widget: QWidget) -> bool:
    """Whether the widget's window is in presentation mode (the room sees it)."""
    return bool(widget.window().property(PRESENTING))


def underline_color(widget: QWidget) -> QColor:
    """The theme's warning colour for the widget's background and mode."""
    shade = "dark" if is_dark(widget.palette()) else "light"
    theme = f"presentation-{shade}" if presenting(widget) else shade
    return QColor(palette_of(theme)[COLOR_TOKEN])


class LanguageDisplay(QObject):
    """Whether underlines show, remembered in the settings: one choice for the facilitator's
    own screen (on by default) and one for presentation mode (off by default: the room reads
    the content, and a wavy line under someone's words can feel like a reprimand).

    One per settings object, found with `of(settings)`: a child of the QSettings, so every
    page given the same settings shares it without a global.
    """

    changed = Signal()

    def __init__(self, settings: QSettings) -> None:
        super().__init__(settings)
        self.setObjectName("languageDisplay")
        self.settings = settings

    @classmethod
    def of(cls, settings: QSettings) -> LanguageDisplay:
        found = settings.findChild(QObject, "languageDisplay")
        return found if isinstance(found, LanguageDisplay) else cls(settings)

    def shown(self, presenting: bool = False) -> bool:
        key, default = (SHOWN_PRESENTING_KEY, False) if presenting else (SHOWN_KEY, True)
        return bool(self.settings.value(key, default, type=bool))

    def set_shown(self, on: bool, presenting: bool = False) -> None:
        self.settings.setValue(SHOWN_PRESENTING_KEY if presenting else SHOWN_KEY, on)
        self.changed.emit()

    def shown_for(self, widget: QWidget) -> bool:
        return self.shown(presenting(widget))

    def set_presenting(self, window: QWidget, on: bool) -> None:
        """A window entered or left presentation mode: its fields follow that mode's choice."""
        window.setProperty(PRESENTING, on)
        self.changed.emit()


class LanguageHighlighter(QSyntaxHighlighter):
    """Wavy underlines under each finding of each block (a paragraph is checked on its own:
    the checker never lets a finding span two lines)."""

    def __init__(
        self,
        editor: QPlainTextEdit | QTextEdit,
        findings: Callable[[str], list[LanguageFinding]],
        shown: Callable[[], bool],
    ) -> None:
        super().__init__(editor)
        self.editor = editor
        self._findings = findings
        self._shown = shown
        self._format = QTextCharFormat()
        self._format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        self.setDocument(editor.document())
        self.refresh()

    def refresh(self) -> None:
        """Highlight every block again (shown or hidden changed, the theme, an ignore).

        Changing formats makes the document report a change, which the editor passes on as
        `textChanged`; an autosave binding would take that for typing. Nothing was typed, so
        the editor's signals are held while the formats change."""
        self._format.setUnderlineColor(underline_color(self.editor))
        blocked = self.editor.blockSignals(True)
        try:
            self.rehighlight()
        finally:
            self.editor.blockSignals(blocked)

    def highlightBlock(self, text: str) -> None:
        if not text.strip() or not self._shown():
            return
        for finding in self._findings(text):
            start, end = utf16_span(text, finding)
            self.setFormat(start, end - start, self._format)
