"""Wavy underlines over a QLineEdit, which has no QTextDocument for a QSyntaxHighlighter.

A transparent child widget the size of the line edit, deaf to the mouse, draws the lines.
Where a character sits comes from the line edit itself: `cursorPositionAt(x)` is public and
knows the scrolling, the padding and the fallback fonts. Searching it once for the first
visible character gives where the text starts; font metrics give the rest.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QLineEdit, QWidget

from facilitator.language import LanguageFinding
from ui.widgets.language_highlighter import from_utf16, underline_color

WAVE_HEIGHT = 2.0  # px, peak to trough
WAVE_LENGTH = 4.0  # px, one up-and-down


def wave(x0: float, x1: float, y: float) -> QPainterPath:
    """A zigzag from x0 to x1 around y, like Qt's own wave underline."""
    path = QPainterPath(QPointF(x0, y))
    x, up = x0, True
    while x < x1:
        x = min(x + WAVE_LENGTH / 2, x1)
        path.lineTo(x, y - WAVE_HEIGHT / 2 if up else y + WAVE_HEIGHT / 2)
        up = not up
    return path


class LineUnderlines(QWidget):
    """The overlay: rechecks on every text change, redraws when the text scrolls."""

    def __init__(
        self,
        line: QLineEdit,
        findings: Callable[[str], list[LanguageFinding]],
        shown: Callable[[], bool],
    ) -> None:
        super().__init__(line)
        self.setObjectName("languageUnderlines")
        self.line = line
        self._findings = findings
        self._shown = shown
        self.found: list[LanguageFinding] = []
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        line.textChanged.connect(self.refresh)
        line.cursorPositionChanged.connect(lambda _old, _new: self.update())
        line.installEventFilter(self)
        self.setGeometry(line.rect())
        self.refresh()
        self.show()

    def refresh(self) -> None:
        text = self.line.text()
        self.found = self._findings(text) if text.strip() else []
        self.update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.line and event.type() == QEvent.Type.Resize:
            self.setGeometry(self.line.rect())
        return False

    def spans(self) -> list[tuple[float, float]]:
        """Where each finding is drawn: (left, right) in pixels of the line edit."""
        text = self.line.text()
        base = self._text_left(text)
        if base is None:
            return []
        metrics = self.line.fontMetrics()
        return [
            (
                base + metrics.horizontalAdvance(text[: f.start]),
                base + metrics.horizontalAdvance(text[: f.end]),
            )
            for f in self.found
        ]

    def baseline(self) -> float:
        """Just under the text's baseline (the caret rectangle spans the text's line)."""
        top = self.line.cursorRect().top()
        return top + self.line.fontMetrics().ascent() + 2.5

    def _text_left(self, text: str) -> float | None:
        """Where x of the text's first character would be, scrolled as it is now."""
        if not text:
            return None
        y = self.line.cursorRect().center().y()
        left = self.line.rect().left()
        first = self.line.cursorPositionAt(QPoint(left, y))  # UTF-16, like every Qt offset
        index = from_utf16(text, first)
        if index >= len(text):
            return None
        # cursorPositionAt flips from `first` to the next gap at the middle of character
        # `index`: find that x by bisection (a few calls), then step back half a character.
        low, high = left, self.line.rect().right() + self.line.fontMetrics().maxWidth() * 2
        while high - low > 1:
            middle = (low + high) // 2
            if self.line.cursorPositionAt(QPoint(middle, y)) > first:
                high = middle
            else:
                low = middle
        metrics = self.line.fontMetrics()
        middle_of_char = high - 0.5
        return (
            middle_of_char
            - metrics.horizontalAdvance(text[:index])
            - metrics.horizontalAdvance(text[index]) / 2
        )

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self.found or not self._shown():
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setClipRect(self.rect().adjusted(4, 0, -4, 0))  # not over the rounded border
        pen = QPen(underline_color(self.line), 1.2)
        painter.setPen(pen)
        y = self.baseline()
        for x0, x1 in self.spans():
            painter.drawPath(wave(x0, x1, y))
        painter.end()
