"""The SVG drawing: well-formed, self-contained, escaped, and saying everything in words too."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings

from facilitator.fault_tree import FaultNode
from facilitator.tree_drawing import (
    CATEGORY_COLOURS,
    FONT_FAMILY,
    on_colour,
    render_svg,
    xml_text,
)
from tests.core.tree_strategies import random_trees

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = "<script>alert('x')</script> & \"quotes\" ]]> <!-- --> &amp; \r\n\t end"


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # raises on anything that is not well-formed XML


def node_titles(root: ET.Element) -> list[str]:
    """The tooltip texts of the boxes (the document's own title is the first <title>)."""
    return [t.text or "" for g in root.iter(f"{SVG}g") for t in g.findall(f"{SVG}title")]


def all_text(root: ET.Element) -> str:
    return " ".join(e.text or "" for e in root.iter(f"{SVG}text"))


def legal(text: str) -> str:
    """What XML can carry of `text`: the drawing swaps the rest for U+FFFD."""
    return re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", "\ufffd", text)


def sample() -> FaultNode:
    return FaultNode(
        "top",
        "Checkout outage",
        gate="or",
        children=(
            FaultNode(
                "a",
                "Bad config shipped",
                "process",
                "and",
                children=(
                    FaultNode("a1", "Skipped canary", "process"),
                    FaultNode("a2", "No validation", "technical", unknown=True),
                ),
            ),
            FaultNode(
                "b",
                "Slow alerting",
                "communication",
                None,
                children=(FaultNode("b1", "Threshold too high", "technical"),),
            ),
            FaultNode("c", "Provider degraded", "external"),
        ),
    )


def test_the_document_is_a_titled_scalable_svg() -> None:
    root = parse(render_svg(sample()))
    assert root.tag == f"{SVG}svg"
    assert re.fullmatch(r"0 0 [\d.]+ [\d.]+", root.attrib["viewBox"])
    assert root.attrib["width"] == root.attrib["viewBox"].split()[2]
    assert root.attrib["font-family"] == FONT_FAMILY
    assert FONT_FAMILY.endswith("sans-serif")
    assert root[0].tag == f"{SVG}title"
    assert root[0].text == "Contributing factors: Checkout outage"
    assert parse(render_svg(sample(), title="Figure 1"))[0].text == "Figure 1"


def test_max_width_scales_the_shown_size_but_not_the_view_box() -> None:
    natural = parse(render_svg(sample()))
    scaled = parse(render_svg(sample(), max_width=300))
    assert scaled.attrib["viewBox"] == natural.attrib["viewBox"]
    assert float(scaled.attrib["width"]) == 300
    ratio = float(natural.attrib["width"]) / float(natural.attrib["height"])
    assert float(scaled.attrib["width"]) / float(scaled.attrib["height"]) == pytest.approx(
        ratio, rel=1e-2
    )


def test_every_category_is_a_colour_and_a_word() -> None:
    svg = render_svg(sample())
    text = all_text(parse(svg))
    for category, colour in CATEGORY_COLOURS.items():
        assert colour in svg
        assert category.upper() in text  # the tag in each box of that category
        assert category.capitalize() in text  # the legend
    assert "INCIDENT" in text


def test_gates_are_drawn_with_their_words_and_a_missing_gate_as_or() -> None:
    texts = [e.text for e in parse(render_svg(sample(), legend=False)).iter(f"{SVG}text")]
    assert texts.count("AND") == 1  # under "Bad config shipped"
    assert texts.count("OR") == 2  # under the incident, and the gate-less "Slow alerting"


def test_unknown_factors_are_dashed_and_badged() -> None:
    root = parse(render_svg(sample(), legend=False))
    boxes = {
        g.find(f"{SVG}title").text: g.find(f"{SVG}rect")  # type: ignore[union-attr]
        for g in root.iter(f"{SVG}g")
        if g.find(f"{SVG}title") is not None
    }
    assert "stroke-dasharray" in boxes["No validation"].attrib  # type: ignore[union-attr]
    assert "stroke-dasharray" not in boxes["Skipped canary"].attrib  # type: ignore[union-attr]
    assert [e.text for e in root.iter(f"{SVG}text")].count("?") == 1


def test_the_legend_explains_gates_and_unknowns() -> None:
    text = all_text(parse(render_svg(sample())))
    assert "AND: all inputs needed" in text
    assert "OR: any one suffices" in text
    assert "? not yet known" in text
    assert "AND: all inputs needed" not in all_text(parse(render_svg(sample(), legend=False)))


def test_hostile_text_is_escaped_everywhere() -> None:
    tree = FaultNode(
        "top",
        HOSTILE,
        children=(
            FaultNode("a", HOSTILE, "technical"),
            FaultNode("b", "\x00\x1b bell\x07", "<b>category</b>"),
        ),
    )
    svg = render_svg(tree)
    root = parse(svg)
    assert not any(e.tag.endswith(("script", "foreignObject")) for e in root.iter())
    assert "<script" not in svg
    assert node_titles(root)[:2] == [HOSTILE, HOSTILE]
    assert node_titles(root)[2] == "\ufffd\ufffd bell\ufffd"
    assert "<B>CATEGORY</B>" in all_text(root)  # an odd category is shown as text, not markup


def test_nothing_is_fetched_from_outside() -> None:
    svg = render_svg(sample())
    for needle in ("href", "url(", "<image", "@import", "<style", "<script", "http://w"):
        assert needle not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")


def test_an_empty_label_shows_a_placeholder() -> None:
    tree = FaultNode("top", "Incident", children=(FaultNode("a", "", "technical"),))
    assert "(no text yet)" in all_text(parse(render_svg(tree)))


def test_xml_text_keeps_carriage_returns_through_a_parser() -> None:
    escaped = xml_text("a\rb")
    assert ET.fromstring(f"<t>{escaped}</t>").text == "a\rb"


def test_tag_text_contrasts_with_its_colour() -> None:
    assert on_colour("#0072B2") == "#FFFFFF"
    assert on_colour("#E69F00") != "#FFFFFF"


def test_drawing_is_deterministic() -> None:
    assert render_svg(sample()) == render_svg(sample())


@settings(max_examples=30, deadline=None)
@given(random_trees)
def test_any_tree_draws_a_parseable_svg_holding_every_text(tree: FaultNode) -> None:
    svg = render_svg(tree)
    root = parse(svg)
    titles = node_titles(root)
    assert titles == [legal(node.text) for node in tree.walk()]
    assert render_svg(tree) == svg
