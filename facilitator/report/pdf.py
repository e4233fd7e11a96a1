"""The write-up's HTML laid out as a PDF by WeasyPrint, fetching nothing but our resources.

Call `write_pdf` only inside the export's child process (`facilitator.report.worker`):
WeasyPrint's layout is not thread-safe, can take long on a pathological document, and its
documentation advises a separate process with limits for content one does not control.

The PDF is tagged and claims PDF/UA-1 (`pdf_variant="pdf/ua-1"`, which WeasyPrint 70 accepts
for our content). Should a WeasyPrint version refuse the variant for some document, the same
layout is written again as a plain tagged PDF and `PdfInfo.pdf_variant` says so.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import weasyprint

from facilitator.report.fetcher import ResourceFetcher
from facilitator.resources import resource_path

PDF_VARIANT = "pdf/ua-1"
Report = Callable[[str, float], None]  # (what is happening, fraction done)
_PAGE = re.compile(r"Step 5 - Creating layout - Page (\d+)")
# WeasyPrint's progress steps, with where each starts in the whole export (0 to 1); the
# HTML took the export to 0.2, layout is most of the time, writing the rest.
_STEPS = (
    ("Step 1", "Reading the document", 0.22),
    ("Step 2", "Reading the styles", 0.25),
    ("Step 3", "Applying the styles", 0.28),
    ("Step 4", "Building the pages", 0.32),
    ("Step 6", "Writing the PDF", 0.82),
    ("Step 7", "Adding the document's details", 0.95),
)


@dataclass(frozen=True, slots=True)
class PdfInfo:
    """What came out: pages, the PDF variant claimed (None: tagged only), what was refused."""

    pages: int
    pdf_variant: str | None
    refused: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    notes: tuple[str, ...] = field(default_factory=tuple)


class _Progress(logging.Handler):
    """Turns WeasyPrint's progress log into (message, fraction) reports."""

    def __init__(self, report: Report) -> None:
        super().__init__(logging.INFO)
        self._report = report

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        page = _PAGE.match(message)
        if page:
            number = int(page.group(1))
            # The page count is unknown until layout ends: approach 0.8 without reaching it.
            self._report(f"Laying out page {number}", 0.32 + 0.48 * number / (number + 6))
            return
        for prefix, text, fraction in _STEPS:
            if message.startswith(prefix):
                self._report(text, fraction)
                return


class _Collect(logging.Handler):
    """Keeps WeasyPrint's warnings (a refused URL, an unknown CSS property) for the caller."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if len(self.messages) < 100:
            self.messages.append(record.getMessage()[:300])


def write_pdf(html: str, target: Path | None, *, report: Report | None = None) -> PdfInfo:
    """Lay out `html` and write the PDF to `target` (see the module docstring); with no
    target, lay out and write to memory only (to warm a renderer up)."""
    fetcher = ResourceFetcher()
    progress = _Progress(report) if report is not None else None
    collect = _Collect()
    main_logger = logging.getLogger("weasyprint")
    progress_logger = logging.getLogger("weasyprint.progress")
    # Warnings go to the caller, not to the terminal of whoever ran the command line.
    main_logger.addHandler(collect)
    propagate, main_logger.propagate = main_logger.propagate, False
    if progress is not None:
        progress_logger.addHandler(progress)
        progress_logger.setLevel(logging.INFO)
    try:
        document = weasyprint.HTML(
            string=html, base_url=resource_path("report").as_uri() + "/", url_fetcher=fetcher
        ).render(pdf_variant=PDF_VARIANT)
        notes: tuple[str, ...] = ()
        variant: str | None = PDF_VARIANT
        try:
            data = document.write_pdf(pdf_variant=PDF_VARIANT)
        except Exception as exc:  # any refusal of the variant: fall back, and say so
            variant = None
            notes = (f"written as a tagged PDF without the PDF/UA-1 claim ({exc})",)
            data = document.write_pdf(pdf_tags=True)
        if target is not None:
            target.write_bytes(data)
    finally:
        main_logger.removeHandler(collect)
        main_logger.propagate = propagate
        if progress is not None:
            progress_logger.removeHandler(progress)
    return PdfInfo(
        pages=len(document.pages),
        pdf_variant=variant,
        refused=tuple(fetcher.refused),
        warnings=tuple(collect.messages),
        notes=notes,
    )
