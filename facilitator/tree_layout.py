"""Tidy layout of a fault tree: wrapped labels, box sizes and positions, gate and bus places.

The app's canvas and the SVG drawing (`facilitator.tree_drawing`) both place things from
this one layout, so the screen and the write-up show the same picture.

- Label widths come from a per-character metric (fitted to Inter, the app's font, and
  erring wide), so the core needs no font library; text is wrapped greedily on spaces,
  over-long words are broken, and labels past `max_lines` end in "…" (the full text
  stays in the drawing's tooltip).
- Positions follow Reingold–Tilford: each subtree is laid out on its own, then siblings
  are pushed right, level by level along their contours, until no two boxes on any level
  are closer than `sibling_gap`; a parent is centred between its first and last child.
  Subtrees interleave where their shapes allow, so wide trees stay narrower than a
  "one column per leaf" layout. Everything is computed in a fixed order with no hashing
  or randomness, so the same tree always gives the same numbers.
- Every level is one row: boxes are top-aligned, and the gap below a row holds the gates
  and the bus lines to the next row.
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from facilitator.fault_tree import FaultNode


@dataclass(frozen=True)
class DrawingStyle:
    """Sizes in CSS pixels at 1:1. Defaults are legible when screen-shared at 1280×720."""

    font_size: float = 14.0
    line_height: float = 18.0
    tag_font_size: float = 10.0
    tag_height: float = 15.0
    max_text_width: float = 168.0  # about 26 characters a line
    max_lines: int = 5
    min_box_width: float = 104.0  # inside the padding; boxes grow to fit their tag
    padding_x: float = 10.0
    padding_y: float = 8.0
    sibling_gap: float = 18.0
    level_gap: float = 66.0  # room for a gate and the bus between two rows
    gate_width: float = 26.0
    gate_height: float = 24.0
    gate_offset: float = 10.0  # from the lowest box bottom of a row to its gates' tops
    margin: float = 24.0


DEFAULT_STYLE = DrawingStyle()

# Advance widths in em of printable ASCII: the wider of Inter (the app's font) and DejaVu
# Sans (a wide fallback, what Linux shows when Inter is missing), rounded up, so a label
# measured here fits its box in either and in the narrower Segoe UI, Helvetica or Arial.
_ASCII_EM_GROUPS = (
    (0.28, "ijl'"),
    (0.30, "I"),
    (0.32, ",. "),
    (0.34, ":;|"),
    (0.36, "/\\"),
    (0.37, "f"),
    (0.40, "t()[]"),
    (0.41, "!"),
    (0.42, "r"),
    (0.46, '"'),
    (0.47, "-"),
    (0.50, "*_`"),
    (0.53, "s"),
    (0.54, "?"),
    (0.55, "zJ"),
    (0.56, "c"),
    (0.57, "L"),
    (0.58, "k"),
    (0.59, "F"),
    (0.60, "vxy"),
    (0.62, "aeo"),
    (0.64, "012356789bdghnpquEPS${}"),
    (0.65, "4T"),
    (0.66, "K"),
    (0.67, "Y"),
    (0.69, "ABVXZ"),
    (0.70, "R"),
    (0.73, "C"),
    (0.75, "U"),
    (0.76, "HN"),
    (0.78, "DG&"),
    (0.79, "OQ"),
    (0.82, "w"),
    (0.84, "#+<=>^~"),
    (0.89, "M"),
    (0.96, "%"),
    (0.98, "m"),
    (0.99, "W"),
    (1.00, "@"),
)
_ASCII_EM = {char: em for em, chars in _ASCII_EM_GROUPS for char in chars}
BOLD_FACTOR = 1.12  # semi-bold Inter and bold DejaVu run about 10% wider on average


@lru_cache(maxsize=4096)
def char_em(char: str) -> float:
    """The approximate advance width of one character, in em."""
    known = _ASCII_EM.get(char)
    if known is not None:
        return known
    if unicodedata.combining(char):
        return 0.0
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return 1.0
    # Accented Latin, Greek, Cyrillic: like an ASCII letter of the same case, erring wide.
    return 0.76 if char.isupper() else 0.66


def text_width(text: str, font_size: float, *, bold: bool = False) -> float:
    width = sum(char_em(char) for char in text) * font_size
    return width * BOLD_FACTOR if bold else width


@functools.lru_cache(maxsize=4096)  # pure, and the canvas re-lays out the tree on every edit
def wrap_label(
    text: str, max_width: float, font_size: float, max_lines: int, *, bold: bool = False
) -> tuple[str, ...]:
    """Lines of at most `max_width`; line breaks in the text are kept, other runs of white
    space become one space; at most `max_lines`, the last ending in "…" when cut."""
    lines: list[str] = []
    for paragraph in text.splitlines():
        current = ""
        for word in paragraph.split():
            candidate = f"{current} {word}" if current else word
            if text_width(candidate, font_size, bold=bold) <= max_width:
                current = candidate
                continue
            if current:
                lines.append(current)
            current = word
            while text_width(current, font_size, bold=bold) > max_width:
                head = _fit(current, max_width, font_size, bold)
                lines.append(head)
                current = current[len(head) :]
        if current:
            lines.append(current)
    if len(lines) > max_lines:
        last = lines[max_lines - 1]
        while last and text_width(last + "…", font_size, bold=bold) > max_width:
            last = last[:-1]
        lines = [*lines[: max_lines - 1], last.rstrip() + "…"]
    return tuple(lines)


def _fit(word: str, max_width: float, font_size: float, bold: bool) -> str:
    """The longest head of `word` that fits (at least one character, so wrapping ends)."""
    width = 0.0
    for index, char in enumerate(word):
        width += char_em(char) * font_size * (BOLD_FACTOR if bold else 1.0)
        if width > max_width:
            return word[: max(index, 1)]
    return word


@dataclass(frozen=True)
class PlacedNode:
    """One box: `x`, `y` its top-left corner; `parent` and `children` index the layout."""

    node: FaultNode
    depth: int
    parent: int | None
    children: tuple[int, ...]
    x: float
    y: float
    width: float
    height: float
    lines: tuple[str, ...]

    @property
    def cx(self) -> float:
        return self.x + self.width / 2

    @property
    def bottom(self) -> float:
        return self.y + self.height


@dataclass(frozen=True)
class TreeLayout:
    """Boxes in reading order (`nodes[0]` is the top event), inside `width` × `height`."""

    nodes: tuple[PlacedNode, ...]
    row_tops: tuple[float, ...]
    row_bottoms: tuple[float, ...]
    width: float
    height: float
    style: DrawingStyle

    def gate_top(self, index: int) -> float:
        """The y of the top of the gate under node `index` (its row's, so gates line up)."""
        return self.row_bottoms[self.nodes[index].depth] + self.style.gate_offset

    def bus_y(self, index: int) -> float:
        """The y of the horizontal line joining the gate under `index` to its children."""
        gate_bottom = self.gate_top(index) + self.style.gate_height
        next_row = self.row_tops[self.nodes[index].depth + 1]
        return (gate_bottom + next_row) / 2


def tag_label(node: FaultNode, *, top: bool) -> str:
    """The words in a box's tag: the category (or INCIDENT), so colour is never alone."""
    return "INCIDENT" if top else (node.category or "factor").upper()


def tag_width(label: str, style: DrawingStyle) -> float:
    return text_width(label, style.tag_font_size, bold=True) + 8


BADGE_ROOM = 26.0  # the "?" badge at a box's top right, with a gap to the tag


def box_size(
    node: FaultNode, style: DrawingStyle, *, top: bool
) -> tuple[float, float, tuple[str, ...]]:
    """Width, height and wrapped lines of a node's box: tag row on top, then the text."""
    return _box_size(node.text, tag_label(node, top=top), node.unknown, style, top)


@functools.lru_cache(maxsize=4096)  # the canvas lays the whole tree out again after each edit
def _box_size(
    text: str, label: str, unknown: bool, style: DrawingStyle, top: bool
) -> tuple[float, float, tuple[str, ...]]:
    lines = wrap_label(text, style.max_text_width, style.font_size, style.max_lines, bold=top)
    widest = max((text_width(line, style.font_size, bold=top) for line in lines), default=0.0)
    header = tag_width(label, style) + (BADGE_ROOM if unknown else 0.0)
    width = max(style.min_box_width, widest, header) + 2 * style.padding_x
    text_rows = max(len(lines), 1)  # an empty node keeps one line for its placeholder
    height = 2 * style.padding_y + style.tag_height + 4 + text_rows * style.line_height
    return width, height, lines


def layout_tree(root: FaultNode, style: DrawingStyle = DEFAULT_STYLE) -> TreeLayout:
    """Place every box of the tree (see the module docstring for the rules)."""
    # Reading order with parent links, iteratively: deep trees never hit the recursion limit.
    order: list[FaultNode] = []
    parents: list[int | None] = []
    depths: list[int] = []
    stack: list[tuple[FaultNode, int | None, int]] = [(root, None, 0)]
    while stack:
        node, parent, depth = stack.pop()
        order.append(node)
        parents.append(parent)
        depths.append(depth)
        stack.extend((child, len(order) - 1, depth + 1) for child in reversed(node.children))
    count = len(order)
    kids: list[list[int]] = [[] for _ in range(count)]
    for index in range(1, count):
        parent = parents[index]
        assert parent is not None  # only the root has none
        kids[parent].append(index)
    sizes = [box_size(node, style, top=index == 0) for index, node in enumerate(order)]

    # Bottom-up: each subtree's contour is, per level below its root, the (left, right)
    # extent relative to the root's centre; `offset` is a child's centre relative to its
    # parent's centre.
    contour: list[list[tuple[float, float]]] = [[] for _ in range(count)]
    offset = [0.0] * count
    for index in reversed(range(count)):
        half = sizes[index][0] / 2
        children = kids[index]
        if not children:
            contour[index] = [(-half, half)]
            continue
        merged = list(contour[children[0]])
        placed = [0.0]
        for child in children[1:]:
            shape = contour[child]
            shift = max(
                right - left + style.sibling_gap
                for (_, right), (left, _) in zip(merged, shape, strict=False)
            )
            placed.append(shift)
            for level, (left, right) in enumerate(shape):
                if level < len(merged):
                    merged[level] = (merged[level][0], right + shift)
                else:
                    merged.append((left + shift, right + shift))
        middle = (placed[0] + placed[-1]) / 2
        for child, at in zip(children, placed, strict=True):
            offset[child] = at - middle
        contour[index] = [(-half, half)] + [(lo - middle, hi - middle) for lo, hi in merged]

    centres = [0.0] * count
    for index in range(1, count):
        parent = parents[index]
        assert parent is not None
        centres[index] = centres[parent] + offset[index]
    left_edge = min(lo for lo, _ in contour[0])
    shift_x = style.margin - left_edge

    rows = max(depths) + 1
    row_heights = [0.0] * rows
    for index in range(count):
        row_heights[depths[index]] = max(row_heights[depths[index]], sizes[index][1])
    row_tops: list[float] = []
    y = style.margin
    for height in row_heights:
        row_tops.append(y)
        y += height + style.level_gap
    row_bottoms = tuple(top + height for top, height in zip(row_tops, row_heights, strict=True))

    nodes = tuple(
        PlacedNode(
            node=order[index],
            depth=depths[index],
            parent=parents[index],
            children=tuple(kids[index]),
            x=centres[index] + shift_x - sizes[index][0] / 2,
            y=row_tops[depths[index]],
            width=sizes[index][0],
            height=sizes[index][1],
            lines=sizes[index][2],
        )
        for index in range(count)
    )
    right_edge = max(hi for _, hi in contour[0]) + shift_x
    return TreeLayout(
        nodes=nodes,
        row_tops=tuple(row_tops),
        row_bottoms=row_bottoms,
        width=right_edge + style.margin,
        height=row_bottoms[-1] + style.margin,
        style=style,
    )
