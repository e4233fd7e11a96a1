"""A hostile session exports to a harmless PDF (DESIGN section 4).

One session carries every attack in a different field, so one render checks them all:
markup that would run, fetch or embed, remote and local URLs in every form WeasyPrint
follows, SVG and XML injection into the fault tree, a 10,000-character word and
right-to-left overrides. The PDF must hold no local file's content and no embedded file,
the loopback server must see no request, and every text the user typed must still be
there for the reader. Nested brackets get their own export with a short time limit.
"""

from __future__ import annotations

import base64
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from facilitator import sessions
from facilitator.db import models as m
from facilitator.db.store import Store, open_store
from facilitator.report.export import Exporter, ExportResult, ExportTimeoutError
from tests.core.report_support import (  # noqa: F401 (shared_exporter: a fixture)
    CountingServer,
    pdf_text,
    raster_images,
    shared_exporter,
    squash,
)

START = datetime(2026, 3, 4, 9, 0, tzinfo=UTC)
SECRET = "SECRET-MARKER-7f3a1c"
# Greek and Cyrillic are in the shipped font; the others need a system font (tested where
# one is installed), and must never fall back to a serif face.
SCRIPTS = "Ελληνικά Кириллица עברית العربية 中文 😀"
LONG_WORD = "Unbroken" + "abcdefghij" * 999 + "End"  # 10,011 characters
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


@dataclass
class Hostile:
    pdf: Path
    result: ExportResult
    requests: list[str]
    expected: list[str]  # texts a reader must find, as typed


def attacks(url: str, secret: Path) -> dict[str, str]:
    """Field name → hostile text; `url` is the loopback server, `secret` a local file."""
    leak = secret.as_uri()
    return {
        "title": f'Outage <script>alert("t")</script></svg><img src="{url}/title.png"> T1',
        "summary": f'<link rel="attachment" href="{leak}"> S2 <img src=file:///etc/passwd>',
        "customers": (
            f'<link rel="stylesheet" href="{url}/remote.css"> <style>@import url({url}/i.css);'
            f" body {{ background: url({url}/bg.png) }}</style> C3"
        ),
        "revenue": f'<p style="background-image: url({url}/style.png)">R4</p>',
        "entry": (
            f'<iframe src="{url}/frame"></iframe><object data="{url}/object"></object>'
            f'<embed src="{url}/embed"> E5 <a rel="attachment" href="{leak}">attach</a>'
        ),
        "entry_links": f"[click E6](javascript:alert(1)) [file E7]({leak}) ![alt E8]({url}/m.png)",
        "notes": f'<svg><image href="{url}/svg.png"/><script>alert(1)</script></svg> N9',
        "factor": (
            f'</text></svg><svg onload="alert(1)"><image href="{url}/f.png"/></svg> F10 '
            f'<foreignObject><iframe src="{url}/fo"></iframe></foreignObject>'
        ),
        "factor_child": f'<!DOCTYPE x [<!ENTITY e SYSTEM "{leak}">]>&e; F11',
        "why": f'<meta http-equiv="refresh" content="0;url={url}/meta"> W12',
        "action": f'<a href="{url}/action">A13</a> <base href="{url}/">',
        "criteria": f"</style><style>@page {{ size: 1px }} @import '{url}/c.css';</style> K14",
        "rtl": "before \u202erevo-ltr\u202c after L15 \u202eunbalanced",
    }


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory, exporter: Exporter) -> Iterator[Hostile]:
    folder = tmp_path_factory.mktemp("hostile")
    secret = folder / "secret.txt"
    secret.write_text(SECRET)
    server = CountingServer()
    text = attacks(server.url, secret)
    store = open_store(folder / "sessions.sqlite")
    session_id = sessions.create_session(
        store, text["title"], incident_ref="INC-<b>1</b>", summary=text["summary"]
    )
    with store.session() as db:
        fill(sessions.get(db, session_id), text, server.url)
    with server.running():
        result = exporter.export(store, session_id, "pdf", folder / "hostile.pdf", timeout=90)
    store.close()
    expected = [
        '<script>alert("t")</script>', "T1", "S2", "<img src=file:///etc/passwd>", "C3",
        "@import", "R4", "<iframe", "E5", "attach", "click E6", "file E7", "[image: alt E8]",
        "N9", "F10", "F11", "W12", "A13", "K14", LONG_WORD, "before", "after L15",
        "INC-<b>1</b>", "Owner <i>name</i>", "Ελληνικά Кириллица",
    ]  # fmt: skip
    return Hostile(result.path, result, server.requests, expected)


def fill(session: m.Session, text: dict[str, str], url: str) -> None:
    svg = f'<svg xmlns="http://www.w3.org/2000/svg"><image href="{url}/att.svg"/></svg>'
    session.impact_customers = text["customers"]
    session.impact_revenue = text["revenue"]
    session.started_at = START
    session.participants = [m.Participant(name="Owner <i>name</i>", role="responder")]
    session.timeline = [
        m.TimelineEntry(at=START, text=text["entry"], notes=text["notes"], key=True, position=0),
        m.TimelineEntry(at=START + timedelta(minutes=5), text=text["entry_links"], position=1),
        m.TimelineEntry(at=START + timedelta(hours=1), text=text["rtl"], position=2),
    ]
    session.items = [
        m.ListItem(list="went_well", text=LONG_WORD, position=0),
        m.ListItem(list="went_well", text=SCRIPTS, position=1),
        m.ListItem(list="went_poorly", text=text["rtl"], position=0),
    ]
    session.factors = [
        m.Factor(id="hf1", text=text["factor"], position=0, gate="and"),
        m.Factor(text=text["factor_child"], parent_id="hf1", position=0),
        m.Factor(text="Plain second cause", parent_id="hf1", position=1),
    ]
    session.why_chains = [m.WhyChain(problem=text["why"], whys=[m.Why(text=text["why"])])]
    session.actions = [
        m.ActionItem(
            title=text["action"],
            owner="Owner <i>name</i>",
            success_criteria=text["criteria"],
            tracker_url="javascript:alert(1)",
            priority="must",
        )
    ]
    session.attachments = [
        m.Attachment(name="lies.png", media_type="image/png", data=svg.encode(), position=0),
        m.Attachment(name="real.png", media_type="image/png", data=PNG, caption="P16", position=1),
    ]


def test_no_request_reaches_the_loopback_server(hostile: Hostile) -> None:
    assert hostile.requests == []


def test_the_renderer_was_not_even_asked_for_anything_hostile(hostile: Hostile) -> None:
    # Everything hostile was escaped before WeasyPrint saw it: the fetcher had nothing
    # to refuse (its refusals are tested on their own, in test_report_html).
    assert hostile.result.refused == ()


def test_no_local_file_content_and_no_embedded_file(hostile: Hostile) -> None:
    text = pdf_text(hostile.pdf)
    assert SECRET not in text
    assert "root:x:0:0" not in text
    reader = PdfReader(hostile.pdf)
    assert reader.attachments == {}
    names = reader.trailer["/Root"].get("/Names")
    assert names is None or "/EmbeddedFiles" not in names.get_object()
    assert SECRET.encode() not in hostile.pdf.read_bytes()


def test_every_script_is_set_in_a_sans_serif_face(hostile: Hostile) -> None:
    fonts = set()
    for page in PdfReader(hostile.pdf).pages:
        for ref in page["/Resources"].get_object().get("/Font", {}).values():
            fonts.add(str(ref.get_object()["/BaseFont"]))
    assert any("Inter" in font for font in fonts)
    assert not any("Serif" in font for font in fonts), fonts


def test_links_are_web_links_only(hostile: Hostile) -> None:
    reader = PdfReader(hostile.pdf)
    targets = []
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action is not None and "/URI" in action:
                targets.append(str(action["/URI"]))
    assert all(target.startswith(("http://", "https://", "mailto:")) for target in targets)
    assert "/JavaScript" not in str(reader.trailer["/Root"].get("/Names", {}))


def test_only_the_real_picture_is_embedded(hostile: Hostile) -> None:
    # real.png (its transparency mask hangs off it); the SVG posing as a PNG is not drawn
    assert len(raster_images(hostile.pdf)) == 1


def test_none_of_the_users_visible_text_is_dropped(hostile: Hostile) -> None:
    # Case aside: a heading's CSS may capitalise what it shows.
    text = squash(pdf_text(hostile.pdf, body_only=True)).casefold()
    for expected in hostile.expected:
        assert squash(expected).casefold() in text, expected[:80]
    assert "p16" in text  # the real picture's caption
    # The override shows its characters in reverse order, but shows all of them.
    assert "revoltr" in text or "rtlover" in text


def test_nested_brackets_give_a_pdf_or_a_clean_time_out(
    tmp_path: Path, store: Store, exporter: Exporter
) -> None:
    nested = "[" * 8_000 + "deep" + "]" * 8_000
    session_id = sessions.create_session(store, "Brackets", summary=nested)
    target = tmp_path / "nested.pdf"
    try:
        result = exporter.export(store, session_id, "pdf", target, timeout=20)
    except ExportTimeoutError:
        assert not target.exists()
        assert not list(tmp_path.glob(".nested.pdf*"))
    else:
        assert squash("[" * 100 + "deep") in squash(pdf_text(result.path))
