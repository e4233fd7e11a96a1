"""The fault-tree canvas's look: theme tokens and category colours, fonts in scene pixels,
and the AND/OR gate symbols (shared by the tree and its legend)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPen

from facilitator.tree_drawing import CATEGORY_COLOURS, OTHER_COLOUR
from facilitator.tree_layout import DrawingStyle
from ui.style import palette_of


@cache
def _stroke(category: str | None) -> str:
    return CATEGORY_COLOURS.get(category or "", OTHER_COLOUR)


@cache
def _fill(category: str | None, bg: str, dark: bool) -> str:
    # A tint light enough for dark text in the light theme, deep enough for light text in
    # the dark one: the box stays the category's colour without shouting. Cached: every
    # box paint asks, and there are a handful of answers.
    return mix(_stroke(category), bg, 0.26 if dark else 0.14).name()


def mix(colour: str, into: str, amount: float) -> QColor:
    """`colour` laid over `into` at `amount` opacity, as an opaque colour."""
    a, b = QColor(colour), QColor(into)
    return QColor(
        round(b.red() + (a.red() - b.red()) * amount),
        round(b.green() + (a.green() - b.green()) * amount),
        round(b.blue() + (a.blue() - b.blue()) * amount),
    )


@dataclass(frozen=True)
class CanvasColours:
    """The theme's tokens the canvas paints with, and the category colours on them."""

    dark: bool
    bg: str
    surface: str
    text: str
    muted: str
    accent: str
    danger: str
    ok: str
    border: str

    @classmethod
    def of(cls, theme: str) -> CanvasColours:
        """Tokens of `light`, `dark`, `presentation-light` or `presentation-dark`."""
        t = palette_of(theme)
        return cls(
            "dark" in theme,
            t["bg"],
            t["surface"],
            t["text"],
            t["muted"],
            t["accent"],
            t["danger"],
            t["ok"],
            t["border"],
        )

    def stroke(self, category: str | None) -> QColor:
        return QColor(_stroke(category))

    def fill(self, category: str | None) -> QColor:
        return QColor(_fill(category, self.bg, self.dark))


@dataclass(frozen=True)
class Fonts:
    """Fonts in scene pixels (the layout's CSS pixels at 1:1); the view scales them."""

    text: QFont
    bold: QFont
    tag: QFont
    small: QFont

    @classmethod
    def of(cls, family: str, style: DrawingStyle) -> Fonts:
        def font(size: float, weight: QFont.Weight, *, italic: bool = False) -> QFont:
            f = QFont(family)
            f.setPixelSize(round(size))
            f.setWeight(weight)
            f.setItalic(italic)
            f.setHintingPreference(QFont.HintingPreference.PreferNoHinting)  # smooth zoom
            return f

        tag = font(style.tag_font_size, QFont.Weight.Bold)
        tag.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, 0.3)
        return cls(
            text=font(style.font_size, QFont.Weight.Normal),
            bold=font(style.font_size, QFont.Weight.DemiBold),
            tag=tag,
            small=font(11, QFont.Weight.Bold),
        )


def gate_path(gate: str, cx: float, top: float, width: float, height: float) -> QPainterPath:
    """The AND (flat input, round output) or OR (curved input, pointed output) symbol."""
    left, right, bottom = cx - width / 2, cx + width / 2, top + height
    path = QPainterPath(QPointF(left, bottom))
    if gate == "and":
        path.lineTo(left, top + height / 2)
        path.arcTo(QRectF(left, top, width, height), 180, -180)
        path.lineTo(right, bottom)
    else:
        path.quadTo(cx, bottom - height * 0.35, right, bottom)
        path.quadTo(right, top + height * 0.3, cx, top)
        path.quadTo(left, top + height * 0.3, left, bottom)
    path.closeSubpath()
    return path


def gate_font(base: QFont, height: float) -> QFont:
    """The gate's word: bold, a third of the symbol's height (the legend's are bigger)."""
    font = QFont(base)
    font.setPixelSize(max(8, round(height / 3)))
    font.setBold(True)
    return font


def gate_label(gate: str) -> str:
    return "AND" if gate == "and" else "OR"


def gate_label_rect(gate: str, cx: float, top: float, width: float, height: float) -> QRectF:
    """Where the word goes: centred in the body of the symbol, above the OR's curved input."""
    middle = top + height * (0.62 if gate == "and" else 0.52)
    return QRectF(cx - width / 2, middle - 5, width, 10)


def paint_gate(
    painter: QPainter, gate: str, cx: float, top: float, style: DrawingStyle, c: CanvasColours
) -> None:
    """A gate with its word inside, so AND and OR differ in shape and in text."""
    w, h = style.gate_width, style.gate_height
    painter.setPen(QPen(QColor(c.text), 1.5))
    painter.setBrush(QColor(c.bg))
    painter.drawPath(gate_path(gate, cx, top, w, h))
    painter.setFont(gate_font(painter.font(), h))
    painter.drawText(
        gate_label_rect(gate, cx, top, w, h), Qt.AlignmentFlag.AlignCenter, gate_label(gate)
    )
