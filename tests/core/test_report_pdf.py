"""The demo write-up as real PDF and HTML files: content, metadata, pages, vectors, variants,
and the export's promises (whole file or none, time limit, cancel, memory cap, bad input)."""

from __future__ import annotations

import re
import sys
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from pypdf import PdfReader

from facilitator import errors, sessions
from facilitator.db.store import Store, open_store
from facilitator.report.export import (
    ExportCancelledError,
    Exporter,
    ExportMemoryError,
    ExportProgress,
    ExportResult,
    ExportTimeoutError,
    RendererFailedError,
    export,
)
from tests.core.report_support import (  # noqa: F401 (shared_exporter: a fixture)
    import_demo,
    page_texts,
    pdf_text,
    raster_images,
    shared_exporter,
    squash,
    visible,
)

PARTICIPANTS = (
    "Priya Raman", "Jonas Richter", "Mehmet Aydın", "Sofia Lindqvist",
    "Lukas Brandt", "Claire Dubois", "Tomás Ferreira",
)  # fmt: skip


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, str, Path]]:
    folder = tmp_path_factory.mktemp("writeup")
    store = open_store(folder / "sessions.sqlite")
    yield store, import_demo(store), folder
    store.close()


@pytest.fixture(scope="module")
def exports(
    demo: tuple[Store, str, Path], exporter: Exporter
) -> dict[str, tuple[ExportResult, list[ExportProgress]]]:
    """The demo in each variant, rendered once for the whole module: the full one by the
    shared warm exporter, the others at the same time by their own renderers (the SQLite
    store is shared between threads, as the app's worker threads share it)."""
    store, session_id, folder = demo

    def one(variant: str, paper: str) -> tuple[ExportResult, list[ExportProgress]]:
        seen: list[ExportProgress] = []
        run = exporter.export if variant == "full" else export
        result = run(
            store,
            session_id,
            "pdf",
            folder / f"{variant}.pdf",
            variant=variant,
            paper=paper,
            progress=seen.append,
        )
        return result, seen

    jobs = {"full": "A4", "public": "A4", "pre-read": "letter"}
    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        futures = {variant: pool.submit(one, variant, paper) for variant, paper in jobs.items()}
        return {variant: future.result() for variant, future in futures.items()}


@pytest.fixture(scope="module")
def full(exports: dict[str, tuple[ExportResult, list[ExportProgress]]]) -> Path:
    return exports["full"][0].path


def test_every_section_timeline_entry_and_action_is_in_the_pdf(
    demo: tuple[Store, str, Path], full: Path
) -> None:
    text = squash(pdf_text(full, body_only=True))
    for heading in (
        "Executive summary", "Impact", "Key times", "Timeline", "Went well", "Went poorly",
        "Where we got lucky", "Parking lot", "5 Whys", "Contributing factors",
        "By category", "Fault tree", "Action items",
    ):  # fmt: skip
        assert squash(heading) in text, heading
    session = sessions.load_session(demo[0], demo[1])
    for factor in session.factors:
        assert squash(visible(factor.text)) in text
    assert len(session.timeline) == 18
    for entry in session.timeline:
        assert squash(visible(entry.text)) in text, entry.text
        assert squash(visible(entry.notes)) in text
    for action in session.actions:
        assert squash(visible(action.title)) in text
        assert squash(visible(action.success_criteria)) in text
        assert squash(action.owner) in text
    for chain in session.why_chains:
        for why in chain.whys:
            assert squash(visible(why.text)) in text


def test_metadata_language_and_pdf_ua(
    exports: dict[str, tuple[ExportResult, list[ExportProgress]]], full: Path
) -> None:
    reader = PdfReader(full)
    info = reader.metadata
    assert info is not None
    assert info.title == (
        "INC-2026-1110 — Checkout failures during the flash sale: connection pool exhausted, "
        "amplified by client retries"
    )
    assert info.author == "Priya Raman"
    assert info.subject == "Post-mortem: SEV2 incident, completed"
    assert "checkout-api" in str(info.get("/Keywords"))
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == "en"
    assert catalog["/MarkInfo"]["/Marked"]
    assert "/StructTreeRoot" in catalog
    assert b"pdfuaid:part" in catalog["/Metadata"].get_object().get_data()
    assert exports["full"][0].pdf_variant == "pdf/ua-1"


def test_every_page_is_numbered_and_carries_the_running_header(full: Path) -> None:
    pages = page_texts(full)
    assert len(pages) >= 5
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in text
        if number > 1:
            assert "INC-2026-1110 · Checkout failures" in text
    # The timeline runs over several pages, its header row repeated on each.
    assert sum("WHAT HAPPENED" in text for text in pages) >= 2


def test_a4_by_default_and_the_tree_on_a_sideways_page(full: Path) -> None:
    sizes = [
        (round(float(p.mediabox.width)), round(float(p.mediabox.height)))
        for p in PdfReader(full).pages
    ]
    assert sizes.count((842, 595)) == 1  # the fault tree's page
    assert all(size in ((595, 842), (842, 595)) for size in sizes)


def test_the_fault_tree_is_vectors_and_text_not_a_picture(full: Path) -> None:
    assert raster_images(full) == set()
    tree_page = next(p for p in page_texts(full) if "AND: all inputs needed" in p)
    assert "INCIDENT" in tree_page
    assert "checkout-api" in tree_page
    assert "TECHNICAL" in tree_page


def test_no_embedded_files_and_only_sans_serif_fonts(full: Path) -> None:
    reader = PdfReader(full)
    assert reader.attachments == {}
    names = reader.trailer["/Root"].get("/Names")
    assert names is None or "/EmbeddedFiles" not in names.get_object()
    fonts = set()
    for page in reader.pages:
        for ref in page["/Resources"].get_object().get("/Font", {}).values():
            fonts.add(str(ref.get_object()["/BaseFont"]))
    assert any("Inter" in font for font in fonts)
    assert not any("Serif" in font for font in fonts), fonts


def test_progress_rises_to_done(
    exports: dict[str, tuple[ExportResult, list[ExportProgress]]],
) -> None:
    seen = exports["full"][1]
    fractions = [step.fraction for step in seen]
    assert fractions == sorted(fractions)
    assert seen[0].message == "Reading the session"
    assert any(step.message.startswith("Laying out page") for step in seen)
    assert seen[-1] == ExportProgress("Done", 1.0)


def test_the_public_pdf_names_no_participant(
    exports: dict[str, tuple[ExportResult, list[ExportProgress]]],
) -> None:
    path = exports["public"][0].path
    text = pdf_text(path)
    for name in PARTICIPANTS:
        for part in (name, *name.split()):
            assert part not in text, part
    assert "Incident lead" in text
    assert "Responder (Database Platform)" in text
    assert "Walkthrough note" not in text
    assert "Parking lot" not in text
    meta = PdfReader(path).metadata
    assert meta is not None
    assert meta.author == "Facilitator"


def test_the_pre_read_on_letter_paper(
    exports: dict[str, tuple[ExportResult, list[ExportProgress]]],
) -> None:
    path = exports["pre-read"][0].path
    text = pdf_text(path)
    for heading in ("Agenda", "Blameless opener", "Timeline", "Participants", "Total"):
        assert heading in text
    for missing in ("Executive summary", "Walkthrough note", "Root cause", "Done when"):
        assert missing not in text
    page = PdfReader(path).pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (612, 792)


def test_html_export_is_one_self_contained_file(
    demo: tuple[Store, str, Path], exporter: Exporter
) -> None:
    store, session_id, folder = demo
    result = exporter.export(store, session_id, "html", folder / "writeup.html")
    html = result.path.read_text("utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert "<svg" in html
    assert "<style>" in html
    assert not re.search(r"""(src|href)=["'](?!https://tracker|data:)""", html)


def test_a_time_out_kills_the_renderer_and_leaves_the_old_file(
    demo: tuple[Store, str, Path],
) -> None:
    store, session_id, folder = demo
    target = folder / "kept.pdf"
    target.write_bytes(b"previous export")
    with pytest.raises(ExportTimeoutError, match=r"longer than 0\.5 seconds"):
        export(store, session_id, "pdf", target, timeout=0.5)
    assert target.read_bytes() == b"previous export"
    assert not list(folder.glob(".kept.pdf.*"))


def test_cancel_stops_the_export_and_cleans_up(
    demo: tuple[Store, str, Path], exporter: Exporter
) -> None:
    store, session_id, folder = demo
    cancel = threading.Event()

    def progress(step: ExportProgress) -> None:
        if step.message.startswith("Laying out"):
            cancel.set()

    with pytest.raises(ExportCancelledError):
        exporter.export(
            store,
            session_id,
            "pdf",
            folder / "cancelled.pdf",
            progress=progress,
            cancel_event=cancel,
        )
    assert not list(folder.glob("*cancelled*"))


@pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="RLIMIT_AS is enforced on Linux only"
)
def test_the_memory_cap_is_a_clear_error(demo: tuple[Store, str, Path]) -> None:
    store, session_id, folder = demo
    with pytest.raises((ExportMemoryError, RendererFailedError)) as caught:
        export(store, session_id, "pdf", folder / "capped.pdf", memory_mb=64)
    if isinstance(caught.value, ExportMemoryError):
        assert "64 MB" in str(caught.value)
    assert not list(folder.glob("*capped*"))


@pytest.mark.parametrize(
    ("fmt", "variant", "paper", "problem"),
    [
        ("docx", "full", None, "pdf, html, md, json"),
        ("pdf", "leaked", None, "full, pre-read, public"),
        ("pdf", "full", "A3", "A4 or letter"),
        ("json", "public", None, "only the full variant"),
    ],
)
def test_bad_arguments_are_input_errors(
    demo: tuple[Store, str, Path], fmt: str, variant: str, paper: str | None, problem: str
) -> None:
    store, session_id, folder = demo
    with pytest.raises(errors.InputError, match=problem):
        export(store, session_id, fmt, folder / "bad.out", variant=variant, paper=paper)
    assert not (folder / "bad.out").exists()


def test_bad_places_and_ids(demo: tuple[Store, str, Path]) -> None:
    store, session_id, folder = demo
    with pytest.raises(errors.FileProblemError, match="does not exist"):
        export(store, session_id, "pdf", folder / "missing" / "x.pdf")
    with pytest.raises(errors.FileProblemError, match="is a folder"):
        export(store, session_id, "pdf", folder)
    with pytest.raises(errors.NotFoundError):
        export(store, "no-such-id", "html", folder / "x.html")


def test_markdown_and_json_exports_still_work(demo: tuple[Store, str, Path]) -> None:
    store, session_id, folder = demo
    md = export(store, session_id, "md", folder / "w.md")
    assert md.path.read_text("utf-8").startswith("# INC-2026-1110 — Checkout failures")
    js = export(store, session_id, "json", folder / "w.json")
    assert '"format": "postmortem-facilitator"' in js.path.read_text("utf-8")
