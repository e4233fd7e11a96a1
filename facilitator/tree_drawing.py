"""The fault tree as one self-contained SVG, for the app's image export and the write-up.

What the drawing promises:
- Colour never carries meaning alone: each box has its category's Okabe–Ito colour
  (DESIGN section 9) *and* a category tag in words; "?" factors are dashed *and* badged;
  the top event is set apart by a double black border, bold text and an "INCIDENT" tag.
- Standard gate symbols sit between a node and its children: AND flat-bottomed with a
  round top, OR with a curved bottom and a pointed top, each with its word inside. A node
  with children but no gate is drawn with the OR it counts as.
- All user text is escaped for XML, and characters XML cannot hold become U+FFFD, so any
  title or factor (`<script>`, `&`, quotes, control characters) gives a document that
  parses and runs nothing. There are no external references at all: no fonts, images,
  stylesheets or links, only presentation attributes (which Qt's SVG renderer, WeasyPrint
  and browsers all read).
- Each box's full text is in its `<title>` (a tooltip in viewers, read by screen readers),
  even when the label is cut to `max_lines`.

Scaling: the natural size is `width`/`height` in CSS pixels at 14 px text. The `viewBox`
keeps proportions, so a consumer scales by changing `width`/`height` (or by dropping them
and setting a CSS width); `render_svg(..., max_width=...)` does that for you. A 200-node
tree is several thousand pixels wide: on paper, fit it to the page only when text stays at
least ~7 pt, else draw it a branch per page with `fault_tree.split_by_branch`.
"""

from __future__ import annotations

import re

from facilitator.fault_tree import FaultNode
from facilitator.tree_layout import (
    DEFAULT_STYLE,
    DrawingStyle,
    PlacedNode,
    TreeLayout,
    layout_tree,
    tag_label,
    tag_width,
    text_width,
)

CATEGORY_COLOURS = {  # Okabe–Ito, DESIGN section 9
    "technical": "#0072B2",
    "process": "#E69F00",
    "communication": "#009E73",
    "external": "#CC79A7",
}
OTHER_COLOUR = "#999999"  # a category outside the four (an imported or older row)
INK = "#1A1A1A"
LINE = "#4D4D4D"
MUTED = "#666666"
FONT_FAMILY = "Inter, 'Noto Sans', 'Segoe UI', 'Helvetica Neue', Arial, sans-serif"
EMPTY_LABEL = "(no text yet)"

# Characters XML 1.0 cannot carry at all, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """`text` safe as XML element content. A carriage return becomes a character reference
    because a parser would otherwise turn it into a line feed."""
    text = _NOT_XML.sub("\ufffd", text)
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
    )


def _n(value: float) -> str:
    """A coordinate: one decimal is finer than a pixel and keeps the file small."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _tint(colour: str, amount: float = 0.14) -> str:
    """`colour` mixed into white: a box fill light enough for dark text on it."""
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    mixed = (round(255 - (255 - c) * amount) for c in (red, green, blue))
    return "#" + "".join(f"{c:02X}" for c in mixed)


def _luminance(colour: str) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)


def on_colour(colour: str) -> str:
    """White or near-black, whichever contrasts more with `colour` (WCAG ratio)."""
    lum = _luminance(colour)
    return "#FFFFFF" if (1.05 / (lum + 0.05)) >= ((lum + 0.05) / 0.05) else INK


def category_colour(category: str | None) -> str:
    return CATEGORY_COLOURS.get(category or "", OTHER_COLOUR)


def render_svg(
    root: FaultNode,
    *,
    style: DrawingStyle = DEFAULT_STYLE,
    title: str | None = None,
    max_width: float | None = None,
    legend: bool = True,
) -> str:
    """The tree drawn as an SVG document (a string, no XML declaration, ready to inline)."""
    return render_layout(layout_tree(root, style), title=title, max_width=max_width, legend=legend)


def render_layout(
    layout: TreeLayout,
    *,
    title: str | None = None,
    max_width: float | None = None,
    legend: bool = True,
) -> str:
    """Draw an existing layout (the app lays out once and both shows and exports it)."""
    style = layout.style
    root = layout.nodes[0].node
    legend_parts: list[str] = []
    width, height = layout.width, layout.height
    if legend:
        legend_height, legend_width = _legend(
            legend_parts, style.margin, layout.height, max(layout.width, 420.0) - 2 * style.margin
        )
        width = max(width, legend_width + 2 * style.margin)
        height += legend_height + style.margin
    shown_w, shown_h = width, height
    if max_width is not None and width > max_width:
        shown_w, shown_h = max_width, height * max_width / width
    heading = title if title is not None else f"Contributing factors: {root.text}"
    factors = len(layout.nodes) - 1
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" viewBox="0 0 {_n(width)} '
        f'{_n(height)}" width="{_n(shown_w)}" height="{_n(shown_h)}" role="img" '
        f'font-family="{FONT_FAMILY}" font-size="{_n(style.font_size)}">',
        f"<title>{xml_text(heading)}</title>",
        f"<desc>Fault tree: the incident on top, {factors} contributing factor"
        f"{'' if factors == 1 else 's'} below. An AND gate needs all of its inputs, an OR "
        "gate any one of them.</desc>",
        f'<rect width="{_n(width)}" height="{_n(height)}" fill="#FFFFFF"/>',
    ]
    for index, placed in enumerate(layout.nodes):
        if placed.children:
            _connectors(parts, layout, index)
    for index, placed in enumerate(layout.nodes):
        _box(parts, placed, style, top=index == 0)
    parts += legend_parts
    parts.append("</svg>")
    return "".join(parts)


def _connectors(parts: list[str], layout: TreeLayout, index: int) -> None:
    placed = layout.nodes[index]
    style = layout.style
    gate_top = layout.gate_top(index)
    gate_bottom = gate_top + style.gate_height
    bus = layout.bus_y(index)
    kids = [layout.nodes[child] for child in placed.children]
    left = min(placed.cx, *(kid.cx for kid in kids))
    right = max(placed.cx, *(kid.cx for kid in kids))
    path = [
        f"M{_n(placed.cx)} {_n(placed.bottom)}V{_n(gate_top)}",
        f"M{_n(placed.cx)} {_n(gate_bottom)}V{_n(bus)}",
        f"M{_n(left)} {_n(bus)}H{_n(right)}",
    ]
    path += [f"M{_n(kid.cx)} {_n(bus)}V{_n(kid.y)}" for kid in kids]
    parts.append(f'<path d="{"".join(path)}" fill="none" stroke="{LINE}" stroke-width="1.5"/>')
    _gate(parts, placed.node.effective_gate or "or", placed.cx, gate_top, style)


def _gate(parts: list[str], gate: str, cx: float, top: float, style: DrawingStyle) -> None:
    w, h = style.gate_width, style.gate_height
    left, right, bottom = cx - w / 2, cx + w / 2, top + h
    if gate == "and":
        # Flat input side below, a half-round output side above.
        d = (
            f"M{_n(left)} {_n(bottom)}V{_n(top + h / 2)}"
            f"A{_n(w / 2)} {_n(h / 2)} 0 0 1 {_n(right)} {_n(top + h / 2)}"
            f"V{_n(bottom)}Z"
        )
    else:
        # Curved input side below, two arcs meeting in a point above.
        d = (
            f"M{_n(left)} {_n(bottom)}Q{_n(cx)} {_n(bottom - h * 0.35)} {_n(right)} {_n(bottom)}"
            f"Q{_n(right)} {_n(top + h * 0.3)} {_n(cx)} {_n(top)}"
            f"Q{_n(left)} {_n(top + h * 0.3)} {_n(left)} {_n(bottom)}Z"
        )
    parts.append(f'<path d="{d}" fill="#FFFFFF" stroke="{INK}" stroke-width="1.5"/>')
    label = "AND" if gate == "and" else "OR"
    parts.append(
        f'<text x="{_n(cx)}" y="{_n(bottom - 5)}" font-size="7.5" font-weight="700" '
        f'text-anchor="middle" fill="{INK}">{label}</text>'
    )


def _box(parts: list[str], placed: PlacedNode, style: DrawingStyle, *, top: bool) -> None:
    node = placed.node
    x, y, w, h = placed.x, placed.y, placed.width, placed.height
    parts.append(f"<g><title>{xml_text(node.text)}</title>")
    if top:
        parts.append(
            f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(w)}" height="{_n(h)}" rx="4" '
            f'fill="#FFFFFF" stroke="{INK}" stroke-width="3"/>'
            f'<rect x="{_n(x + 4)}" y="{_n(y + 4)}" width="{_n(w - 8)}" height="{_n(h - 8)}" '
            f'rx="2" fill="none" stroke="{INK}" stroke-width="1"/>'
        )
        tag_fill = INK
    else:
        colour = category_colour(node.category)
        dash = ' stroke-dasharray="6 4"' if node.unknown else ""
        parts.append(
            f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(w)}" height="{_n(h)}" rx="6" '
            f'fill="{_tint(colour)}" stroke="{colour}" stroke-width="2"{dash}/>'
        )
        tag_fill = colour
    _tag(parts, tag_label(node, top=top), tag_fill, x + style.padding_x, y + style.padding_y, style)
    if node.unknown:
        _unknown_badge(parts, x + w - style.padding_x - 8, y + style.padding_y + 7)
    text_top = y + style.padding_y + style.tag_height + 4
    baseline = text_top + style.line_height * 0.75
    weight = ' font-weight="600"' if top else ""
    if placed.lines:
        # One <text> a line: Qt's SVG renderer ignores x/y on <tspan>, so tspans would pile
        # every line on the first.
        lines = "".join(
            f'<text x="{_n(placed.cx)}" y="{_n(baseline + i * style.line_height)}">'
            f"{xml_text(line)}</text>"
            for i, line in enumerate(placed.lines)
        )
        parts.append(f'<g text-anchor="middle" fill="{INK}"{weight}>{lines}</g>')
    else:
        parts.append(
            f'<text x="{_n(placed.cx)}" y="{_n(baseline)}" text-anchor="middle" '
            f'fill="{MUTED}" font-style="italic">{EMPTY_LABEL}</text>'
        )
    parts.append("</g>")


def _tag(parts: list[str], label: str, fill: str, x: float, y: float, style: DrawingStyle) -> None:
    """A small filled label: the category in words next to its colour."""
    size = style.tag_font_size
    width = tag_width(label, style)
    parts.append(
        f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(width)}" height="{_n(style.tag_height)}" '
        f'rx="3" fill="{fill}"/>'
        f'<text x="{_n(x + 4)}" y="{_n(y + style.tag_height - 4)}" font-size="{_n(size)}" '
        f'font-weight="700" letter-spacing="0.3" fill="{on_colour(fill)}">'
        f"{xml_text(label)}</text>"
    )


def _unknown_badge(parts: list[str], cx: float, cy: float) -> None:
    parts.append(
        f'<circle cx="{_n(cx)}" cy="{_n(cy)}" r="8" fill="#FFFFFF" stroke="{INK}" '
        f'stroke-width="1.2" stroke-dasharray="2 2"/>'
        f'<text x="{_n(cx)}" y="{_n(cy + 4)}" font-size="11" font-weight="700" '
        f'text-anchor="middle" fill="{INK}">?</text>'
    )


def _legend(parts: list[str], left: float, top: float, room: float) -> tuple[float, float]:
    """Flow the legend's entries into rows under the tree; return its height and width."""
    entries: list[tuple[float, str]] = []  # (width, svg drawn at the origin)
    for category, colour in CATEGORY_COLOURS.items():
        label = category.capitalize()
        entries.append(
            (
                28 + text_width(label, 12),
                f'<rect x="0" y="2" width="20" height="14" rx="3" fill="{_tint(colour)}" '
                f'stroke="{colour}" stroke-width="2"/>'
                f'<text x="26" y="14" font-size="12" fill="{INK}">{label}</text>',
            )
        )
    for gate, words in (("and", "AND: all inputs needed"), ("or", "OR: any one suffices")):
        symbol: list[str] = []
        _gate(symbol, gate, 10, -1, DrawingStyle(gate_width=20, gate_height=19))
        entries.append(
            (
                28 + text_width(words, 12),
                "".join(symbol) + f'<text x="26" y="14" font-size="12" fill="{INK}">{words}</text>',
            )
        )
    unknown = "? not yet known"
    entries.append(
        (
            28 + text_width(unknown, 12),
            f'<rect x="0" y="2" width="20" height="14" rx="3" fill="#FFFFFF" stroke="{MUTED}" '
            f'stroke-width="2" stroke-dasharray="4 3"/>'
            f'<text x="26" y="14" font-size="12" fill="{INK}">{unknown}</text>',
        )
    )
    gap, row_height = 22.0, 24.0
    x, y, widest = 0.0, 0.0, 0.0
    for width, drawing in entries:
        if x > 0 and x + width > room:
            x, y = 0.0, y + row_height
        parts.append(f'<g transform="translate({_n(left + x)} {_n(top + y)})">{drawing}</g>')
        widest = max(widest, x + width)
        x += width + gap
    return y + row_height, widest
