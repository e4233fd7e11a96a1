"""User Markdown in the write-up: rendered with raw HTML as text, then sanitised by nh3."""

from __future__ import annotations

import re
import time
from html import unescape

import pytest

from facilitator.report.usertext import to_html, to_inline_html

TAG = re.compile(r"<\s*([a-zA-Z][a-zA-Z0-9]*)")


def tags(html: str) -> set[str]:
    return {name.lower() for name in TAG.findall(html)}


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        "<img src=file:///etc/passwd>",
        '<link rel="attachment" href="file:///etc/passwd">',
        '<link rel="stylesheet" href="http://127.0.0.1:9/x.css">',
        "<style>@import url(http://127.0.0.1:9/x.css);</style>",
        '<p style="background: url(http://127.0.0.1:9/bg.png)">styled</p>',
        '<iframe src="http://127.0.0.1:9/"></iframe><object data="x.swf"></object>',
        '<svg onload="alert(1)"><image href="http://127.0.0.1:9/i.png"/></svg>',
        "<a href='javascript:alert(1)'>go</a>",
        "<div>\n\n<embed src=x>\n\n</div>",
    ],
)
def test_raw_html_is_shown_as_text_never_as_markup(text: str) -> None:
    html = to_html(text)
    assert tags(html) <= {"p", "br"}
    # What the user typed is still there for the reader, as characters.
    paragraphs = re.findall(r"<p>(.*?)</p>", html, re.DOTALL)
    visible = unescape("".join(paragraphs).replace("<br>", ""))
    assert re.sub(r"\s", "", visible) == re.sub(r"\s", "", text)


@pytest.mark.parametrize(
    ("text", "href"),
    [
        ("[ok](https://example.com/a?b=1)", "https://example.com/a?b=1"),
        ("[mail](mailto:oncall@example.com)", "mailto:oncall@example.com"),
        ("<https://example.com>", "https://example.com"),
        ("[js](javascript:alert(1))", None),
        ("[js](JaVaScRiPt:alert(1))", None),
        ("[data](data:text/html;base64,PHNjcmlwdD4=)", None),
        ("[file](file:///etc/passwd)", None),
        ("[relative](../../etc/passwd)", None),
        ("[vb](vbscript:msgbox)", None),
    ],
)
def test_links_keep_only_web_and_mail_targets(text: str, href: str | None) -> None:
    html = to_html(text)
    found = re.findall(r'href="([^"]*)"', html)
    assert found == ([href] if href else [])
    assert "<a" in html  # the link's words stay, even when its target goes


def test_markdown_images_become_their_alt_text() -> None:
    html = to_html("See ![the dashboard](http://127.0.0.1:9/pic.png) and ![](file:///x.png)")
    assert "<img" not in html
    assert "[image: the dashboard]" in html
    assert "[image]" in html


def test_formatting_that_people_use_survives() -> None:
    html = to_html("**bold** _it_ `code`\nnext line\n\n- one\n- two\n\n1. first\n\n> quoted")
    assert tags(html) == {"p", "strong", "em", "code", "br", "ul", "ol", "li", "blockquote"}


def test_a_hash_needs_a_space_to_make_a_heading() -> None:
    assert to_html("#incidents") == "<p>#incidents</p>"
    assert to_html("# Heading") == "<h1>Heading</h1>"


def test_inline_html_drops_a_lone_paragraph_only() -> None:
    assert to_inline_html("just *this*") == "just <em>this</em>"
    assert to_inline_html("one\n\ntwo") == "<p>one</p>\n<p>two</p>"
    assert to_inline_html("   ") == ""


def test_deeply_nested_brackets_render_quickly_and_keep_every_bracket() -> None:
    depth = 3_000  # the export of 8,000 levels is in test_report_hostile
    started = time.perf_counter()
    html = to_html("[" * depth + "x" + "]" * depth)
    assert time.perf_counter() - started < 3  # unescaped, Python-Markdown takes ~3 s
    assert html.count("[") == depth
    assert html.count("]") == depth


def test_ordinary_brackets_still_make_links() -> None:
    assert 'href="https://a.example"' in to_html("[[note]] and [a](https://a.example)")
