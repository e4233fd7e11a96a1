"""The write-up's HTML: section order, left-out sections, self-containment, escaping, and the
URL fetcher that WeasyPrint gets."""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from facilitator import fault_tree, review, sessions
from facilitator.db import models as m
from facilitator.db.store import Store, open_store
from facilitator.report.document import build_write_up
from facilitator.report.html import render_html
from facilitator.report.paper import PAPERS
from facilitator.resources import resource_path
from tests.core.report_support import import_demo, reviewing_pair

with warnings.catch_warnings():
    # Without the system's libharfbuzz-subset, WeasyPrint warns at import that a future
    # version will need it; it subsets fonts with fontTools meanwhile.
    warnings.simplefilter("ignore", DeprecationWarning)
    from weasyprint.urls import URLFetcherResponse

    from facilitator.report.fetcher import ResourceFetcher


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """One database for the module: every test makes its own sessions in it, and opening
    a database (with its migrations) per test would be most of the module's time."""
    opened = open_store(tmp_path_factory.mktemp("report") / "sessions.sqlite")
    yield opened
    opened.close()


_DEMO: dict[int, str] = {}


def demo_id(store: Store) -> str:
    """The demo session in this store, imported once."""
    if id(store) not in _DEMO:
        _DEMO[id(store)] = import_demo(store)
    return _DEMO[id(store)]


TODAY = date(2026, 11, 27)
START = datetime(2026, 11, 10, 17, 6, tzinfo=UTC)


def headings(html: str) -> list[str]:
    return re.findall(r"<h2[^>]*>(.*?)</h2>", html)


def demo_html(store: Store, variant: str = "full", *, for_pdf: bool = False) -> str:
    session = sessions.load_session(store, demo_id(store))
    return render_html(build_write_up(session, variant, today=TODAY), for_pdf=for_pdf)


def test_sections_come_in_the_write_up_order(store: Store) -> None:
    session = sessions.load_session(store, demo_id(store))
    html = render_html(build_write_up(session, today=TODAY))
    tree = fault_tree.session_tree(session)
    open_paths = fault_tree.open_cut_sets(tree, fault_tree.addressed_factor_ids(session))
    expected = [
        "Participants",
        "Executive summary",
        "Impact",
        "Key times",
        "Timeline",
        "Went well",
        "Went poorly",
        "Where we got lucky",
        "Parking lot",
        "5 Whys",
        "Contributing factors",
        "Open paths to the incident",
        "Action items",
    ]
    if not open_paths:  # the demo's actions may address every path
        expected.remove("Open paths to the incident")
    assert headings(html) == expected


def test_pre_read_and_public_sections(store: Store) -> None:
    assert headings(demo_html(store, "pre-read")) == [
        "Participants",
        "Agenda",
        "Blameless opener",
        "Timeline",
    ]
    public = headings(demo_html(store, "public"))
    assert "Parking lot" not in public
    assert "Action items" in public


def test_empty_sections_are_left_out(store: Store) -> None:
    session_id = sessions.create_session(store, "Quiet incident")
    with store.session() as db:
        session = sessions.get(db, session_id)
        session.items = [m.ListItem(list="lucky", text="   ", position=0)]
        session.summary = "  \n"
    html = render_html(build_write_up(sessions.load_session(store, session_id), today=TODAY))
    assert headings(html) == []
    assert '<table class="timeline' not in html
    assert "<svg" not in html


def test_html_export_is_self_contained(store: Store) -> None:
    html = demo_html(store)
    assert "<link" not in html
    assert "<script" not in html
    assert "@import" not in html
    assert "file:" not in html  # no path into the machine it was made on
    sources = re.findall(r'\ssrc="([^"]*)"', html)
    assert all(source.startswith("data:image/") for source in sources)
    links = re.findall(r'\shref="([^"]*)"', html)
    assert links == ["https://tracker.example.com/browse/PAY-2291"]
    assert html.count("<svg") == 1
    assert "<style>" in html


def test_the_pdf_html_names_only_the_shipped_fonts(store: Store) -> None:
    html = demo_html(store, for_pdf=True)
    style = html.split("<style>", 1)[1].split("</style>", 1)[0]
    assert "\u200b" not in style  # no break opportunity inside a URL, however long its path
    urls = re.findall(r'url\("([^"]*)"\)', html)
    assert len(urls) == 4
    fonts = resource_path("fonts").as_uri()
    assert all(url.startswith(fonts) and url.endswith(".otf") for url in urls)


def test_metadata_in_the_head(store: Store) -> None:
    html = demo_html(store)
    assert "<title>INC-2026-1110 — Checkout failures during the flash sale" in html
    assert '<meta name="author" content="Priya Raman">' in html
    assert '<meta name="keywords" content="INC-2026-1110, SEV2, checkout-api' in html
    assert '<html lang="en">' in html
    assert '<meta name="dcterms.created" content="2026-11-27">' in html


def test_a_wide_tree_gets_a_sideways_page_and_a_small_one_stays_in_the_column(
    store: Store,
) -> None:
    assert '<div class="wide">' in demo_html(store)
    session_id = sessions.create_session(store, "Small tree")
    with store.session() as db:
        sessions.get(db, session_id).factors = [m.Factor(text="One cause", position=0)]
    doc = build_write_up(sessions.load_session(store, session_id), today=TODAY)
    html = render_html(doc, paper=PAPERS["letter"])
    assert '<div class="column">' in html
    assert "size: letter;" in html


HOSTILE = [
    '<script>alert("x")</script>',
    "<img src=file:///etc/passwd>",
    '<link rel="attachment" href="file:///etc/passwd">',
    "</svg><iframe src=http://127.0.0.1:9/></iframe><svg>",
    '"><object data="x"></object>',
    "<style>@import url(http://127.0.0.1:9/a.css)</style>",
    "]]><!-- --><!ENTITY x SYSTEM 'file:///etc/passwd'>",
]


@pytest.mark.parametrize("payload", HOSTILE)
def test_markup_in_any_field_stays_text(store: Store, payload: str) -> None:
    session_id = sessions.create_session(store, f"Title {payload}", incident_ref=payload)
    with store.session() as db:
        session = sessions.get(db, session_id)
        session.participants = [m.Participant(name=payload, role="responder", team=payload)]
        session.timeline = [m.TimelineEntry(at=START, text=payload, source=payload, notes=payload)]
        parent = m.new_id()  # ids are unique across the module's shared database
        session.factors = [
            m.Factor(id=parent, text=payload, position=0),
            m.Factor(text=payload, parent_id=parent, position=1),
        ]
        session.actions = [m.ActionItem(title=payload, owner=payload, success_criteria=payload)]
        session.why_chains = [m.WhyChain(problem=payload, root_cause=payload)]
        session.labels = [
            m.Label(kind="service", value=payload),
            m.Label(kind="tag", value=payload),
        ]
    html = render_html(build_write_up(sessions.load_session(store, session_id), today=TODAY))
    body = html.split("</style>", 1)[1]
    for tag in ("script", "img", "link", "iframe", "object", "embed", "style", "image"):
        assert f"<{tag}" not in body.lower()
    assert body.count("<svg") == body.count("</svg>") == 1


def test_fetcher_serves_data_urls_and_resources_only(tmp_path: Path) -> None:
    fetcher = ResourceFetcher()
    font = resource_path("fonts", "Inter-Regular.otf")
    response = fetcher(font.as_uri())
    assert isinstance(response, URLFetcherResponse)
    assert response.read(4) == font.read_bytes()[:4]
    assert fetcher("data:image/png;base64,iVBORw0KGgo=").read() == b"\x89PNG\r\n\x1a\n"
    secret = tmp_path / "secret.txt"
    secret.write_text("hunter2")
    escape = resource_path("report").as_uri() + "/../../../" + "etc/passwd"
    refused = [
        secret.as_uri(),
        "file:///etc/passwd",
        escape,
        "file://evil.example/share/x.css",
        "http://127.0.0.1:9/x.css",
        "https://example.com/x.png",
        "ftp://example.com/x",
        "data:text/html;base64,PHNjcmlwdD4=",
        "data:text/css,body{}",
        "javascript:alert(1)",
        resource_path("report").as_uri(),  # a folder, not a file
    ]
    for url in refused:
        with pytest.raises(ValueError, match="may not load"):
            fetcher(url)
    assert len(fetcher.refused) == len(refused)


def test_fetcher_follows_no_symlink_out_of_its_roots(tmp_path: Path) -> None:
    root = tmp_path / "report"
    root.mkdir()
    (tmp_path / "outside.css").write_text("secret")
    (root / "inside.css").write_text("ok")
    (root / "link.css").symlink_to(tmp_path / "outside.css")
    fetcher = ResourceFetcher([root])
    assert fetcher((root / "inside.css").as_uri()).read() == b"ok"
    with pytest.raises(ValueError, match="may not load"):
        fetcher((root / "link.css").as_uri())


def test_open_paths_list_what_no_action_breaks(store: Store) -> None:
    session_id = sessions.create_session(store, "Paths")
    with store.session() as db:
        session = sessions.get(db, session_id)
        pool, retries = m.new_id(), m.new_id()
        session.factors = [
            m.Factor(id=pool, text="Pool too small", position=0),
            m.Factor(id=retries, text="Retries without backoff", position=1, gate="and"),
            m.Factor(text="Clients retry at once", parent_id=retries, position=0),
            m.Factor(text="No retry budget", parent_id=retries, position=1),
        ]
        session.actions = [
            m.ActionItem(title="Bigger pool", addresses=[m.ActionTarget(factor_id=pool)])
        ]
    html = render_html(build_write_up(sessions.load_session(store, session_id), today=TODAY))
    section = html.split('<section id="open-paths">', 1)[1].split("</section>", 1)[0]
    assert "Clients retry at once" in section
    assert '<span class="and">and</span>' in section
    assert "No retry budget" in section
    assert "Pool too small" not in section


def test_a_refused_pdf_ua_claim_falls_back_to_a_tagged_pdf(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        from weasyprint.document import Document

        from facilitator.report import pdf

    original = Document.write_pdf

    def refuse_variant(self: Document, *args: object, **options: object) -> object:
        if options.get("pdf_variant"):
            raise ValueError("this document cannot be PDF/UA")
        return original(self, *args, **options)

    monkeypatch.setattr(Document, "write_pdf", refuse_variant)
    target = tmp_path / "tagged.pdf"
    info = pdf.write_pdf("<html lang=en><title>T</title><p>Tagged anyway</p></html>", target)
    assert info.pdf_variant is None
    assert "without the PDF/UA-1 claim" in info.notes[0]
    assert target.read_bytes().startswith(b"%PDF")


def review_html(store: Store, session_id: str, variant: str = "full") -> str:
    session = sessions.load_session(store, session_id)
    reviews = review.session_reviews(store, session_id)
    return render_html(build_write_up(session, variant, today=TODAY, reviews=reviews))


def test_the_review_of_earlier_actions_shows_each_verdict_in_words(store: Store) -> None:
    earlier, later = reviewing_pair(store)
    html = review_html(store, later)
    assert headings(html)[-1] == "Review of earlier actions"
    section = html[html.index('<section id="review">') :]
    for text in ("INC-7 · Cache stampede", "Add jitter to cache expiry", "Ada Lovelace"):
        assert text in section
    assert "Slipped</span>" in section
    assert "Done, but the success criteria not met</span>" in section
    assert "Alert fires too late" in section
    assert "Review of earlier actions" not in review_html(store, later, "pre-read")
    assert "Review of earlier actions" not in review_html(store, earlier)  # reviewed nothing


def test_the_public_review_names_owners_by_role(store: Store) -> None:
    _, later = reviewing_pair(store)
    html = review_html(store, later, "public")
    section = html[html.index('<section id="review">') :]
    assert "Slipped" in section
    for name in ("Ada", "Lovelace", "Alan Turing"):
        assert name not in section
    assert "Action owner" in section
