"""Helpers for the write-up tests: the demo session, PDF text as a reader sees it, a
loopback HTTP server that counts the requests it gets."""

from __future__ import annotations

import re
import shutil
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from html import unescape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import DictionaryObject, IndirectObject

from facilitator import exchange
from facilitator.db.store import Store
from facilitator.report.export import Exporter
from facilitator.report.usertext import to_html
from facilitator.resources import resource_path

PT_PER_MM = 72 / 25.4


@pytest.fixture(scope="session", name="exporter")
def shared_exporter() -> Iterator[Exporter]:
    """One exporter for the write-up tests, its renderer kept warm between exports (import
    this fixture into a test module to use it)."""
    with Exporter() as shared:
        shared.warm()
        yield shared


def import_demo(store: Store) -> str:
    (session_id,) = exchange.import_files(store, [resource_path("samples", "demo-session.json")])
    return session_id


def squash(text: str) -> str:
    """Text without whitespace or hyphens: line breaks fall where the layout puts them, and
    pdftotext joins a word broken after a hyphen ("payment-" / "provider") without it."""
    return re.sub(r"[\s\u200b-]+", "", text)


def visible(markdown_text: str) -> str:
    """What a reader sees of a Markdown text: rendered, tags dropped, entities resolved."""
    return unescape(re.sub(r"<[^>]+>", "", to_html(markdown_text)))


def page_texts(pdf: Path, *, body_only: bool = False) -> list[str]:
    """The text of each page; `body_only` crops off the running header and footer, so a
    text that runs over a page break reads as one."""
    reader = PdfReader(pdf)
    texts = []
    for number, page in enumerate(reader.pages, start=1):
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        if shutil.which("pdftotext") is None:  # pragma: no cover (poppler-utils missing)
            texts.append(page.extract_text())
            continue
        crop: list[str] = []
        if body_only:
            top, bottom = 21 * PT_PER_MM, 19 * PT_PER_MM
            crop = ["-x", "0", "-y", f"{top:.0f}", "-W", f"{width:.0f}"]
            crop += ["-H", f"{height - top - bottom:.0f}"]
        result = subprocess.run(
            ["pdftotext", "-f", str(number), "-l", str(number), *crop, str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        )
        texts.append(result.stdout)
    return texts


def pdf_text(pdf: Path, *, body_only: bool = False) -> str:
    return "\n".join(page_texts(pdf, body_only=body_only))


def raster_images(pdf: Path) -> set[int]:
    """The object numbers of the raster images a PDF draws, on pages or inside forms (how
    WeasyPrint draws SVG). Pages share one resources dictionary, so count objects, not uses."""
    found: set[int] = set()
    seen: set[int] = set()

    def visit(resources: DictionaryObject) -> None:
        xobjects = resources.get("/XObject")
        for ref in (xobjects.get_object() if xobjects else {}).values():
            if isinstance(ref, IndirectObject):
                if ref.idnum in seen:
                    continue
                seen.add(ref.idnum)
            xobject = ref.get_object()
            if xobject.get("/Subtype") == "/Image" and isinstance(ref, IndirectObject):
                found.add(ref.idnum)
            elif "/Resources" in xobject:
                visit(xobject["/Resources"].get_object())

    for page in PdfReader(pdf).pages:
        visit(page["/Resources"].get_object())
    return found


class CountingServer:
    """An HTTP server on 127.0.0.1 that answers everything and counts what it was asked."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                outer.requests.append(self.path)
                body = b"body { color: red }"
                self.send_response(200)
                self.send_header("Content-Type", "text/css")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_POST = do_GET

            def log_message(self, format: str, *args: object) -> None:
                pass  # quiet: the test reads `requests`

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"

    @contextmanager
    def running(self) -> Iterator[CountingServer]:
        thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        thread.start()
        try:
            yield self
        finally:
            self._server.shutdown()
            self._server.server_close()
            thread.join(5)


def reviewing_pair(store: Store) -> tuple[str, str]:
    """Two sessions of the service "checkout-api": the earlier with two must items, the
    later reviewing both (one slipped, one done without meeting its criteria). Returns the
    (earlier, later) ids."""
    from datetime import UTC, date, datetime

    from facilitator import actions, review, sessions

    earlier = sessions.create_session(
        store,
        "Cache stampede",
        incident_ref="INC-7",
        started_at=datetime(2026, 3, 1, 9, tzinfo=UTC),
        incident_lead="Grace Hopper",
    )
    later = sessions.create_session(
        store, "Checkout errors", started_at=datetime(2026, 5, 1, 9, tzinfo=UTC)
    )
    for session_id in (earlier, later):
        sessions.set_labels(store, session_id, "service", ["checkout-api"])
    slipped = actions.add_action(
        store, earlier, "Add jitter to cache expiry", owner="Ada Lovelace", due=date(2026, 3, 20)
    )
    partial = actions.add_action(store, earlier, "Alert on cache hit rate", owner="Alan Turing")
    review.record_review(store, later, slipped, "slipped", "Ada Lovelace moved it to Q3")
    review.record_review(store, later, partial, "criteria_not_met", "Alert fires too late")
    return earlier, later
