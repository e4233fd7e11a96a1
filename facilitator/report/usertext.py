"""User Markdown made safe for the write-up: rendered with raw HTML escaped, then sanitised.

Two locks, so that a mistake in one is caught by the other (DESIGN section 4):

1. Python-Markdown runs without its raw-HTML block and inline patterns, so `<script>`,
   `<img src=…>` or `<link rel=attachment …>` typed by a user come out as visible text,
   never as markup. Markdown images become their alt text: the write-up shows pictures
   only from the session's own evidence, never from a URL someone typed.
2. nh3 (the Rust ammonia sanitiser) then keeps only a small set of text tags, links only
   to http, https and mailto, and no attributes but `href` and `title` on links.

Python-Markdown is quadratic on deeply nested brackets. Brackets nested past any sensible
depth are escaped first (same characters, linear time), but other shapes of text can still
be slow, so call this only where a slow field cannot stall anyone: in the export's child
process, with its time limit.
"""

from __future__ import annotations

import re
import unicodedata
import xml.etree.ElementTree as etree
from functools import cache

import markdown
import nh3
from markdown.blockprocessors import HashHeaderProcessor
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markupsafe import escape

ALLOWED_TAGS = frozenset(
    {
        "p", "br", "strong", "em", "b", "i", "code", "pre", "del", "s", "sub", "sup",
        "ul", "ol", "li", "blockquote", "hr", "a", "span",
        "h1", "h2", "h3", "h4", "h5", "h6",
        "table", "thead", "tbody", "tr", "th", "td",
    }
)  # fmt: skip
LINK_SCHEMES = frozenset({"http", "https", "mailto"})
# Brackets nested deeper than this are no link anyone wrote, and Python-Markdown's time
# grows with the square of the depth (8,000 levels: 20 s); such a text has its brackets
# escaped, which shows the same characters and takes linear time.
MAX_BRACKET_DEPTH = 32
_BRACKET = re.compile(r"([\[\]])")
_SCHEME = re.compile(r"^\s*([a-zA-Z][a-zA-Z0-9+.-]*):")
_PARAGRAPH = re.compile(r"\A<p>(.*)</p>\Z", re.DOTALL)
# WeasyPrint's line breaking takes time in the square of a word's length (a 16,000-letter
# word: 20 s). A zero-width space every CHUNK characters of a long run gives it places to
# break, shows nothing, and keeps layout linear.
ZWSP = "\u200b"
LONG_RUN = 60
CHUNK = 30
_TAG = re.compile(r"(<[^>]*>)")
_RUN_HTML = re.compile(rf"(?:&#?\w+;|[^\s<>&{ZWSP}]){{{LONG_RUN},}}")
_RUN_TEXT = re.compile(rf"[^\s{ZWSP}]{{{LONG_RUN},}}")
_ATOM = re.compile(r"&#?\w+;|.", re.DOTALL)
# Text with no character Markdown treats specially and no line that starts a block.
_PLAIN = re.compile(r"(?! {4}| *\t)(?![ \t]*(?:[-+]|\d+[.)]))[^\n\r*_`\[\]<>&#!\\|~=]*\Z")


class _SafeText(Extension):
    """Raw HTML is text: drop the patterns that would pass it through, keep autolinks.
    Headings need a space after the hashes, as in CommonMark and the Markdown write-up,
    so a channel name like "#incidents" stays text."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.parser.blockprocessors.register(_SpacedHeading(md.parser), "hashheader", 70)
        md.treeprocessors.register(_ImagesAsText(md), "images_as_text", 0)


class _SpacedHeading(HashHeaderProcessor):
    # Python-Markdown's own pattern with one change: a space, tab or end after the hashes.
    RE = re.compile(
        r"(?:^|\n)(?P<level>#{1,6})(?=[ \t]|\n|$)"
        r"(?P<header>(?:\\.|[^\\#]|#+(?=[^#\n]))*?)#*(?:\n|$)"
    )


class _ImagesAsText(Treeprocessor):
    """`![alt](url)` becomes "[image: alt]": never fetched, and its words are not lost."""

    def run(self, root: etree.Element) -> None:
        for parent in root.iter():
            for index, child in enumerate(list(parent)):
                if child.tag != "img":
                    continue
                alt = (child.get("alt") or "").strip()
                span = etree.Element("span")
                span.text = f"[image: {alt}]" if alt else "[image]"
                span.tail = child.tail
                parent.remove(child)
                parent.insert(index, span)


def _link_filter(tag: str, attribute: str, value: str) -> str | None:
    # nh3's own scheme list lets relative URLs through; a write-up has no page to be
    # relative to, so a link must name its scheme and the scheme must be on the list.
    if tag == "a" and attribute == "href":
        match = _SCHEME.match(value)
        if match is None or match.group(1).lower() not in LINK_SCHEMES:
            return None
    return value


@cache
def _cleaner() -> nh3.Cleaner:
    return nh3.Cleaner(
        tags=set(ALLOWED_TAGS),
        clean_content_tags={"script", "style"},
        attributes={"a": {"href", "title"}},
        attribute_filter=_link_filter,
        url_schemes=set(LINK_SCHEMES),
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


@cache
def _markdown() -> markdown.Markdown:
    # One instance per process, reset between fields: building it costs more than a field.
    return markdown.Markdown(
        extensions=[_SafeText(), "sane_lists", "nl2br", "fenced_code", "tables"],
        output_format="html",
    )


def to_html(text: str) -> str:
    """Markdown `text` as a sanitised block of HTML ("" for blank text)."""
    if not text.strip():
        return ""
    if _PLAIN.match(text):
        # Nothing Markdown would act on: one paragraph of escaped text, as it would render,
        # for a tenth of the time (a 500-entry timeline has a thousand such fields).
        return breakable_html(f"<p>{escape(text.strip())}</p>")
    renderer = _markdown()
    try:
        html = renderer.convert(_defused(text))
    finally:
        renderer.reset()
    return breakable_html(str(_cleaner().clean(html)))


def breakable(text: str) -> str:
    """Plain `text` with a zero-width space every CHUNK characters of any long run."""
    return _RUN_TEXT.sub(lambda match: _chop(_ATOM.findall(match.group(0))), text)


def breakable_html(html: str) -> str:
    """`breakable` for the text between the tags of an HTML fragment (entities kept whole)."""
    parts = _TAG.split(html)
    for index in range(0, len(parts), 2):  # even places hold text, odd ones tags
        parts[index] = _RUN_HTML.sub(
            lambda match: _chop(_ATOM.findall(match.group(0))), parts[index]
        )
    return "".join(parts)


def _chop(atoms: list[str]) -> str:
    out: list[str] = []
    since = 0
    for atom in atoms:
        # Never between a letter and its combining accent: the accent would float alone.
        if since >= CHUNK and not unicodedata.combining(atom[0]):
            out.append(ZWSP)
            since = 0
        out.append(atom)
        since += 1
    return "".join(out)


def _defused(text: str) -> str:
    if text.count("[") <= MAX_BRACKET_DEPTH:
        return text
    depth = deepest = 0
    for char in text:
        if char == "[":
            depth += 1
            deepest = max(deepest, depth)
        elif char == "]" and depth:
            depth -= 1
    return _BRACKET.sub(r"\\\1", text) if deepest > MAX_BRACKET_DEPTH else text


def to_inline_html(text: str) -> str:
    """Like `to_html`, without the paragraph around a one-paragraph text (for table cells)."""
    html = to_html(text)
    match = _PARAGRAPH.match(html)
    if match and "<p>" not in match.group(1):
        return match.group(1)
    return html
