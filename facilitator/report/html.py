"""The write-up as one self-contained HTML document: Jinja2 templates in resources/report.

The same HTML serves the HTML export and, with `for_pdf=True`, WeasyPrint: CSS inline, the
fault tree as inline SVG, evidence images as data URIs. The only references it makes are
the shipped font files (PDF only), which `facilitator.report.fetcher` serves from the app's
resources. User text reaches the page only through `usertext` (rendered, then sanitised)
or Jinja2's autoescape, never as raw markup.
"""

from __future__ import annotations

import base64
import json
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from facilitator import fault_tree
from facilitator.fault_tree import FaultNode
from facilitator.report import usertext
from facilitator.report.document import VARIANT_LABELS, WriteUp
from facilitator.report.paper import PAPERS, Paper
from facilitator.report.sections import long_date
from facilitator.resources import resource_path
from facilitator.tree_drawing import CATEGORY_COLOURS, on_colour, render_svg

PRINT_SCALE = 0.86  # the app's type scale is for screens at arm's length; paper is closer
# The shipped font first (OFL, covers Latin, Greek and Cyrillic), then families that cover
# other scripts where the system has them; never a serif.
FONT_STACK = ", ".join(
    f'"{family}"'
    for family in (
        "Inter", "Noto Sans", "DejaVu Sans", "Segoe UI", "Helvetica Neue", "Arial",
        "Noto Sans CJK SC", "Noto Sans CJK JP", "Source Han Sans SC", "Microsoft YaHei",
        "PingFang SC", "Hiragino Sans", "Noto Sans Arabic", "Noto Sans Hebrew",
        "Arial Unicode MS", "Noto Color Emoji", "Apple Color Emoji", "Segoe UI Emoji",
    )
) + ", sans-serif"  # fmt: skip
FONT_FILES = (
    ("Inter-Regular.otf", 400, "normal"),
    ("Inter-Italic.otf", 400, "italic"),
    ("Inter-SemiBold.otf", 600, "normal"),
    ("Inter-Bold.otf", 700, "normal"),
)
OPEN_PATHS_SHOWN = 25  # past this a list stops informing; the count says the rest
MIN_TREE_SCALE = 0.67  # 14 px labels stay at 7 pt or more; smaller, draw a branch a figure
_SIZE = re.compile(r'\swidth="([\d.]+)" height="([\d.]+)"')


@dataclass(frozen=True, slots=True)
class TreeFigure:
    svg: Markup
    caption: str
    landscape: bool


@cache
def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(resource_path("report"))),
        autoescape=lambda name: bool(name and name.endswith(".html")),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_breakable,
    )
    env.filters["md"] = lambda text: Markup(usertext.to_html(str(text)))
    env.filters["md_inline"] = lambda text: Markup(usertext.to_inline_html(str(text)))
    # A URL is printed whole (escaped): a break opportunity inside it would break the link.
    env.filters["url"] = lambda text: Markup(escape(str(text)))
    return env


@cache
def _css_environment() -> Environment:
    # No `finalize` here: a break opportunity inside a font file's URL would break the URL.
    return Environment(
        loader=FileSystemLoader(str(resource_path("report"))),
        autoescape=False,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _breakable(value: object) -> object:
    """Every plain text the templates print gets break opportunities in long runs (see
    usertext.breakable); Markup (sanitised Markdown, the SVG, URLs) is left as it is."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return usertext.breakable(value)
    return value


@cache
def _tokens() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(resource_path("styles", "tokens.json").read_text("utf-8"))
    return data


def render_html(write_up: WriteUp, *, paper: Paper | None = None, for_pdf: bool = False) -> str:
    """The write-up as an HTML document (see the module docstring)."""
    paper = paper or PAPERS["A4"]
    env = _environment()
    tree_figures = _tree_figures(write_up.tree, paper) if write_up.tree is not None else []
    paths, paths_note = _open_paths(write_up.tree, write_up.addressed)
    label = VARIANT_LABELS[write_up.variant]
    title = write_up.title
    return env.get_template("writeup.html").render(
        doc=write_up,
        lang="en",
        css=Markup(_css(paper, for_pdf=for_pdf).replace("</", "<\\/")),
        meta_title=f"{write_up.incident_ref} — {title}" if write_up.incident_ref else title,
        subject=f"{label}: {write_up.severity} incident, {write_up.status.lower()}",
        created=write_up.generated.isoformat(),
        generated=long_date(write_up.generated),
        variant_label=label,
        tree_figures=tree_figures,
        categories=_categories(write_up.tree),
        open_paths=paths,
        open_paths_note=paths_note,
        kind_glyphs={name: spec["glyph"] for name, spec in _tokens()["kinds"].items()},
        images=[
            {"uri": Markup(_data_uri(image.media_type, image.data)), "caption": image.caption}
            for image in write_up.images
        ],
    )


def _css(paper: Paper, *, for_pdf: bool) -> str:
    tokens = _tokens()
    severity: dict[str, str] = tokens["severity"]
    faces = []
    if for_pdf:
        # Only the PDF names the font files: a saved HTML file must not point into the
        # machine it was made on. Browsers use Inter when installed, else the fallbacks.
        faces = [
            {"url": resource_path("fonts", name).as_uri(), "weight": weight, "style": style}
            for name, weight, style in FONT_FILES
        ]
    return (
        _css_environment()
        .get_template("report.css")
        .render(
            c=tokens["themes"]["light"],
            size={name: round(pt * PRINT_SCALE, 1) for name, pt in tokens["type_scale_pt"].items()},
            print_scale=PRINT_SCALE,
            severity=severity,
            ink={colour: on_colour(colour) for colour in severity.values()},
            categories={**CATEGORY_COLOURS, **tokens.get("category", {})},
            kinds={name: spec["light"] for name, spec in tokens["kinds"].items()},
            key_star=tokens.get("key_star", {}).get("light", tokens["themes"]["light"]["accent"]),
            paper=paper.name,
            font_stack=FONT_STACK,
            font_faces=faces,
        )
    )


def _tree_figures(tree: FaultNode, paper: Paper) -> list[TreeFigure]:
    """The tree at a readable size: in the text column when it fits there, else on a page
    of its own turned sideways, else a branch a sideways page."""
    svg = render_svg(tree, title=f"Contributing factors: {tree.text}")
    portrait, scale = _fitted(svg, paper)
    if scale >= MIN_TREE_SCALE:
        return [TreeFigure(portrait, "", landscape=False)]
    wide, scale = _fitted(svg, paper.landscape)
    if scale >= MIN_TREE_SCALE or len(tree.children) < 2:
        return [TreeFigure(wide, "", landscape=True)]
    parts = fault_tree.split_by_branch(tree)
    return [
        TreeFigure(
            _fitted(render_svg(part, legend=index == len(parts) - 1), paper.landscape)[0],
            part.children[0].text,
            landscape=True,
        )
        for index, part in enumerate(parts)
    ]


def _fitted(svg: str, paper: Paper) -> tuple[Markup, float]:
    """The SVG scaled down (never up) to the column and to most of a page's height."""
    match = _SIZE.search(svg)
    if match is None:  # not the drawing we know: leave it to the CSS max-width
        return Markup(svg), 1.0
    width, height = float(match.group(1)), float(match.group(2))
    scale = min(1.0, paper.content_width_px / width, paper.content_height_px * 0.88 / height)
    size = f' width="{width * scale:.1f}" height="{height * scale:.1f}"'
    # tree_drawing escapes every text it writes, so its output is markup we can trust.
    return Markup(svg[: match.start()] + size + svg[match.end() :]), scale


def _categories(tree: FaultNode | None) -> list[dict[str, Any]]:
    if tree is None:
        return []
    groups = fault_tree.factors_by_category(tree)
    return [
        {
            "category": name if name in CATEGORY_COLOURS else "other",
            "label": name.capitalize(),
            "factors": [
                {"text": node.text, "unknown": node.unknown} for node in nodes if node.text.strip()
            ],
        }
        for name, nodes in groups.items()
        if any(node.text.strip() for node in nodes)
    ]


def _open_paths(tree: FaultNode | None, addressed: frozenset[str]) -> tuple[list[list[str]], str]:
    """Each path to the incident that no action breaks, as its factors' texts."""
    if tree is None or not tree.children:
        return [], ""
    try:
        paths = fault_tree.open_cut_sets(tree, addressed)
    except fault_tree.TooManyCutSetsError as exc:
        return [], (
            f"The tree has more than {exc.limit:,} paths to the incident, too many to list "
            "here or to check against the action items."
        )
    texts = {node.id: node.text for node in tree.walk()}
    order = {node.id: index for index, node in enumerate(tree.walk())}
    listed = [[texts[i] for i in sorted(path, key=order.__getitem__)] for path in paths]
    if len(listed) > OPEN_PATHS_SHOWN:
        more = len(listed) - OPEN_PATHS_SHOWN
        return listed[:OPEN_PATHS_SHOWN], f"…and {more} more open paths."
    return listed, ""


def _data_uri(media_type: str, data: bytes) -> str:
    return f"data:{media_type};base64,{base64.b64encode(data).decode('ascii')}"
