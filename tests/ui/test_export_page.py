"""The export page: each format through a replaced save dialog, cancel, failures in words,
the last folder remembered, the choices reaching the exporter, and the preview pages."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QKeySequence

from facilitator.exchange import import_files
from facilitator.report.export import Exporter, ExportProgress, ExportResult, ExportTimeoutError
from facilitator.resources import resource_path
from tests.ui.pages import open_page
from ui import steps
from ui.export import files
from ui.export.files import suggested_name
from ui.steps.export import ExportPage

RENDER_WAIT = 60_000  # ms: PDF rendering takes 1–3 s, more on a busy machine


@pytest.fixture(scope="module")
def exporter() -> Iterator[Exporter]:
    """One warm renderer for the module: each page would otherwise start its own."""
    with Exporter() as shared:
        shared.warm()
        yield shared


@pytest.fixture
def demo_id(store) -> str:
    return import_files(store, [resource_path("samples", "demo-session.json")])[0]


class FakeExporter:
    """Records what the page asked for and writes a token file (or raises `error`)."""

    def __init__(self, error: BaseException | None = None) -> None:
        self.calls: list[dict[str, Any]] = []
        self.error = error
        self.keep_warm = True
        self.closed = False

    def warm(self) -> None:
        pass

    def close(self) -> None:
        self.closed = True

    def export(self, store, session_id, fmt, output, **options) -> ExportResult:
        self.calls.append({"fmt": fmt, "output": output, **options})
        options["progress"](ExportProgress("Laying out pages", 0.5))
        if self.error is not None:
            raise self.error
        output.write_bytes(b"%PDF-fake")
        return ExportResult(output, fmt, options["variant"], 0.1, pages=1)


def make_page(qtbot, store, session_id, workers, settings, exporter) -> ExportPage:
    page: ExportPage = open_page(
        qtbot, partial(ExportPage, exporter=exporter), store, session_id, workers, settings
    )
    return page


def answer_dialog(monkeypatch, path: Path) -> list[Path]:
    """Replace the save dialog with one that picks `path`; returns the suggestions made."""
    suggested: list[Path] = []

    def ask(cls, parent, suggestion: Path, fmt: str) -> Path:
        suggested.append(suggestion)
        return path

    monkeypatch.setattr(files.SaveFileDialog, "ask", classmethod(ask))
    return suggested


def choose(page: ExportPage, fmt: str = "pdf", variant: str = "full", paper: str = "A4") -> None:
    options = page.options
    options.format.setCurrentIndex(options.format.findData(fmt))
    options.variant.setCurrentIndex(options.variant.findData(variant))
    options.paper.setCurrentIndex(options.paper.findData(paper))


def wait_done(qtbot, page: ExportPage) -> None:
    qtbot.waitUntil(lambda: page.task is not None and not page.task.running, timeout=RENDER_WAIT)


def test_page_is_registered():
    assert steps.PAGES["export"] is ExportPage


@pytest.mark.parametrize(
    ("fmt", "start"), [("pdf", b"%PDF"), ("html", b"<!"), ("md", b"#"), ("json", b"{")]
)
def test_each_format_exports_in_the_background(
    qtbot, monkeypatch, tmp_path, store, demo_id, workers, settings, exporter, fmt, start
):
    page = make_page(qtbot, store, demo_id, workers, settings, exporter)
    target = tmp_path / f"write-up.{fmt}"
    answer_dialog(monkeypatch, target)
    choose(page, fmt)
    page.export_button.click()
    assert page.task is not None
    assert not page.export_button.isEnabled()  # one export at a time
    wait_done(qtbot, page)
    assert target.read_bytes().startswith(start)
    assert page.export_button.isEnabled()
    assert "Saved write-up" in page.status.message.text()
    assert page.status.result_buttons.isVisibleTo(page)


def test_cancel_leaves_no_file(
    qtbot, monkeypatch, tmp_path, store, demo_id, workers, settings, exporter
):
    page = make_page(qtbot, store, demo_id, workers, settings, exporter)
    target = tmp_path / "cancelled.pdf"
    answer_dialog(monkeypatch, target)
    choose(page, "pdf")
    page.export()
    assert page.status.cancel.isVisibleTo(page)
    page.status.cancel.click()
    wait_done(qtbot, page)
    assert not target.exists()
    assert list(tmp_path.glob("*.part")) == []
    assert "cancelled" in page.status.message.text()


def test_a_failing_export_says_why(qtbot, monkeypatch, tmp_path, store, demo_id, workers, settings):
    page = make_page(qtbot, store, demo_id, workers, settings, FakeExporter())
    page.exporter = Exporter()  # the real checks on the output, no renderer needed for JSON
    target = tmp_path / "no such folder" / "out.json"
    answer_dialog(monkeypatch, target)
    choose(page, "json")
    page.export()
    wait_done(qtbot, page)
    assert not target.exists()
    text = page.status.message.text()
    assert "Cannot save to" in text
    assert "does not exist" in text
    assert page.status.message.property("role") == "error"


def test_a_time_out_is_explained(qtbot, monkeypatch, tmp_path, store, demo_id, workers, settings):
    page = make_page(qtbot, store, demo_id, workers, settings, FakeExporter(ExportTimeoutError(5)))
    answer_dialog(monkeypatch, tmp_path / "slow.pdf")
    page.export()
    wait_done(qtbot, page)
    assert "longer than 5 seconds" in page.status.message.text()


def test_the_last_folder_is_remembered_and_the_name_suggested(
    qtbot, monkeypatch, tmp_path, store, demo_id, workers, settings
):
    page = make_page(qtbot, store, demo_id, workers, settings, FakeExporter())
    folder = tmp_path / "exports"
    folder.mkdir()
    suggested = answer_dialog(monkeypatch, folder / "first.pdf")
    page.export()
    wait_done(qtbot, page)
    choose(page, "pdf", "public")
    page.export()
    wait_done(qtbot, page)
    assert suggested[1].parent == folder
    assert suggested[1].name.startswith("INC-")
    assert suggested[1].name.endswith("-public.pdf")
    assert settings.value(files.LAST_FOLDER_KEY) == str(folder)


def test_suggested_names_are_plain():
    assert suggested_name("INC-7", "Ünicode: the 50% outage!", "pre-read", "md") == (
        "INC-7-Unicode-the-50-outage-pre-read.md"
    )
    assert suggested_name("", "", "full", "json") == "post-mortem.json"


def test_variant_and_paper_reach_the_exporter(
    qtbot, monkeypatch, tmp_path, store, demo_id, workers, settings
):
    fake = FakeExporter()
    page = make_page(qtbot, store, demo_id, workers, settings, fake)
    answer_dialog(monkeypatch, tmp_path / "out.pdf")
    choose(page, "html", "pre-read", "letter")
    page.export()
    wait_done(qtbot, page)
    call = fake.calls[-1]
    assert (call["fmt"], call["variant"], call["paper"]) == ("html", "pre-read", "letter")
    assert isinstance(call["cancel_event"], threading.Event)
    choose(page, "md", "public")  # Markdown has the variants, but no paper
    assert page.options.variant.isEnabled()
    assert not page.options.paper.isEnabled()
    page.export()
    wait_done(qtbot, page)
    assert fake.calls[-1]["variant"] == "public"
    choose(page, "json", "public")  # JSON holds the whole session: the choice greys out
    assert not page.options.variant.isEnabled()
    page.export()
    wait_done(qtbot, page)
    assert fake.calls[-1]["variant"] == "full"


def test_ctrl_e_exports_and_open_hands_the_file_to_the_desktop(
    qtbot, monkeypatch, tmp_path, store, demo_id, workers, settings
):
    page = make_page(qtbot, store, demo_id, workers, settings, FakeExporter())
    answer_dialog(monkeypatch, tmp_path / "out.pdf")
    opened: list[QUrl] = []
    monkeypatch.setattr(files.Opener, "open_url", classmethod(lambda cls, url: opened.append(url)))
    action = next(a for a in page.actions() if a.objectName() == "action_export")
    assert QKeySequence("Ctrl+E") in action.shortcuts()
    action.trigger()
    wait_done(qtbot, page)
    page.status.open.click()
    page.status.show_folder.click()
    assert [url.toLocalFile() for url in opened] == [str(tmp_path / "out.pdf"), str(tmp_path)]


def test_the_preview_shows_the_first_pages_and_follows_the_paper(
    qtbot, store, demo_id, workers, settings, exporter
):
    page = make_page(qtbot, store, demo_id, workers, settings, exporter)
    choose(page, "pdf", "full", "A4")
    page.entered()
    qtbot.waitUntil(lambda: page.preview.showing_pages, timeout=RENDER_WAIT)
    images = page.preview_images()
    assert len(images) >= 2
    a4 = images[0].height() / images[0].width()
    assert a4 == pytest.approx(297 / 210, rel=0.02)
    choose(page, "pdf", "full", "letter")  # debounced, rendered again in the background
    qtbot.waitUntil(
        lambda: (
            page.preview_task is not None
            and not page.preview_task.running
            and not page._preview_timer.isActive()
        ),
        timeout=RENDER_WAIT,
    )
    letter = page.preview_images()[0]
    assert letter.height() / letter.width() == pytest.approx(279.4 / 215.9, rel=0.02)
    assert "Letter" in page.preview_caption.text()


def test_the_window_closing_stops_the_renderer(qtbot, store, demo_id, workers, settings):
    fake = FakeExporter()
    page = make_page(qtbot, store, demo_id, workers, settings, fake)
    page._owns_exporter = True
    page.entered()
    page.window().close()
    assert fake.closed
    assert not fake.keep_warm


def test_phrasing_that_may_read_as_blame_is_named_before_export(
    qtbot, store, session_id, workers, settings
):
    from facilitator import lists

    page = make_page(qtbot, store, session_id, workers, settings, FakeExporter())
    qtbot.waitUntil(lambda: not page._counting, timeout=5_000)
    assert page.language_notice.isHidden()  # nothing to say about a clean session
    lists.add_item(store, session_id, "went_well", "Bob should have checked the pool size")
    page.entered()
    qtbot.waitUntil(lambda: page.language_notice.isVisible(), timeout=5_000)
    assert "1 phrase(s) may read as blame: What went well (1)" in page.language_notice.text()
