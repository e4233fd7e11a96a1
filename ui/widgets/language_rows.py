"""Blameful phrasing in a list's rows, as in its text fields: the same wavy underline, drawn
by the row's delegate (the model gives the findings and puts them in the row's tooltip:
ui/models/list_items.py).

A field shows its findings while someone types (`watch_language`); once Enter has added the
item, it is a row of a list view, which no highlighter reaches. The delegate paints a row
with findings through a QTextLayout, wrapped at the width the plain text is wrapped at, so the
underline sits under the same letters the row shows.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRect
from PySide6.QtGui import QColor, QPainter, QTextCharFormat, QTextLayout, QTextOption
from PySide6.QtWidgets import QStyleOptionViewItem

from facilitator.language import LanguageFinding
from ui.widgets.language_highlighter import utf16_span


def paint_underlined(
    painter: QPainter,
    option: QStyleOptionViewItem,
    rect: QRect,
    text: str,
    findings: Sequence[LanguageFinding],
    color: QColor,
) -> None:
    """`text` wrapped at the width of `rect`, from its top left, each finding underlined."""
    layout = QTextLayout(text, option.font)
    text_option = QTextOption()
    text_option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(text_option)
    ranges = []
    for finding in findings:
        start, end = utf16_span(text, finding)
        underline = QTextLayout.FormatRange()
        underline.start, underline.length = start, end - start
        look = QTextCharFormat()
        look.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        look.setUnderlineColor(color)
        underline.format = look
        ranges.append(underline)
    layout.setFormats(ranges)
    layout.beginLayout()
    y = 0.0
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(rect.width())
        line.setPosition(QPointF(0, y))
        y += line.height()
    layout.endLayout()
    layout.draw(painter, QPointF(rect.topLeft()))
