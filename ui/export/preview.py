"""The write-up preview: the first pages of a PDF exported to a temporary file, rasterised
with PDFium (pypdfium2) off the GUI thread, and the pane that shows them.

Why PDFium: PySide6-Essentials has no QtPdf, and previewing the real PDF (rather than the
HTML in a text widget) shows exactly what the reader gets: page breaks, paper, fonts.
pypdfium2 is imported only here, in a pool thread, the first time a preview renders.
"""

from __future__ import annotations

import tempfile
import threading
import uuid
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QStackedLayout, QVBoxLayout, QWidget

from facilitator.db.store import Store
from facilitator.report.export import ExportCancelledError, Exporter, ExportProgress
from ui.style import set_role
from ui.widgets.export_spinner import Spinner

PREVIEW_PAGES = 3
PREVIEW_WIDTH_PX = 620  # sharp enough for a 1280×720 screen at device pixel ratio 1–1.5
PREVIEW_TIMEOUT = 60.0  # seconds; the real export keeps the core's longer limit
# PDFium is not thread-safe; a stale preview may still be rasterising when the next starts.
_PDFIUM = threading.Lock()
_QT_FORMATS = {
    "RGBX": QImage.Format.Format_RGBX8888,
    "RGBA": QImage.Format.Format_RGBA8888,
    "RGB": QImage.Format.Format_RGB888,
    "BGR": QImage.Format.Format_BGR888,
}


def render_pages(
    pdf: Path, count: int = PREVIEW_PAGES, width_px: int = PREVIEW_WIDTH_PX
) -> list[QImage]:
    """The first `count` pages of `pdf` as images `width_px` wide (QImage is safe to build
    outside the GUI thread; QPixmap is not)."""
    import pypdfium2

    images: list[QImage] = []
    with _PDFIUM:
        document = pypdfium2.PdfDocument(str(pdf))
        try:
            for index in range(min(count, len(document))):
                page = document[index]
                bitmap = page.render(
                    scale=width_px / page.get_width(),
                    may_draw_forms=False,
                    rev_byteorder=True,  # RGB order: one QImage format on every CPU
                    prefer_bgrx=True,  # four bytes a pixel: the fastest for QImage to copy
                )
                image = QImage(
                    bytes(bitmap.buffer),
                    bitmap.width,
                    bitmap.height,
                    bitmap.stride,
                    _QT_FORMATS[bitmap.mode],
                )
                images.append(image.copy())  # own the pixels before the buffer goes
                bitmap.close()
                page.close()
        finally:
            document.close()
    return images


def make_preview(
    exporter: Exporter,
    store: Store,
    session_id: str,
    variant: str,
    paper: str,
    progress: Callable[[ExportProgress], None],
    cancel: threading.Event,
) -> list[QImage]:
    """Export the write-up to a temporary PDF and rasterise its first pages (pool thread)."""
    with tempfile.TemporaryDirectory(prefix="pm-preview-") as folder:
        target = Path(folder) / f"{uuid.uuid4().hex}.pdf"
        exporter.export(
            store,
            session_id,
            "pdf",
            target,
            variant=variant,
            paper=paper,
            timeout=PREVIEW_TIMEOUT,
            progress=progress,
            cancel_event=cancel,
        )
        if cancel.is_set():  # superseded while it finished: nobody wants these pages
            raise ExportCancelledError()
        return render_pages(target)


class PagesView(QWidget):
    """Pages side by side, each scaled to the pane's height, on the window's background."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pixmaps: list[QPixmap] = []

    def set_images(self, images: list[QImage]) -> None:
        self.pixmaps = [QPixmap.fromImage(image) for image in images]
        self.update()

    def layout_pages(self) -> list[QRectF]:
        """Where each page shown goes: as many pages as show the most of the write-up
        (pages × area), so a narrow pane shows one readable page, a wide one two or three."""
        gap, margin = 16.0, 2.0
        width, height = self.width() - 2 * margin, self.height() - 2 * margin
        ratios = [p.width() / max(1, p.height()) for p in self.pixmaps]

        def page_height(count: int) -> float:
            fit_width = (width - gap * (count - 1)) / sum(ratios[:count])
            return max(1.0, min(height, fit_width))

        count = max(
            range(1, len(ratios) + 1), key=lambda n: (round(n * page_height(n) ** 2, -3), n)
        )
        tall = page_height(count)
        row = sum(ratios[:count]) * tall + gap * (count - 1)
        x = margin + (width - row) / 2
        boxes = []
        for ratio in ratios[:count]:
            boxes.append(QRectF(x, margin, ratio * tall, tall))
            x += ratio * tall + gap
        return boxes

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self.pixmaps:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        for pixmap, box in zip(self.pixmaps, self.layout_pages(), strict=False):
            # A hairline edge so a white page stands out on a light window.
            painter.fillRect(box.adjusted(-1, -1, 1, 1), QColor(0, 0, 0, 60))
            painter.drawPixmap(box, pixmap, QRectF(pixmap.rect()))


class PreviewPane(QWidget):
    """Shows the pages, or a spinner while they render, or why there are none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportPreview")
        self.stack = QStackedLayout(self)
        self.pages = PagesView(self)
        self.stack.addWidget(self.pages)

        self.waiting = QWidget(self)
        column = QVBoxLayout(self.waiting)
        column.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        self.spinner = Spinner(self.waiting)
        row.addWidget(self.spinner)
        self.waiting_text = QLabel(self.tr("Preparing the preview…"), self.waiting)
        set_role(self.waiting_text, "muted")
        row.addWidget(self.waiting_text)
        row.addStretch(1)
        column.addLayout(row)
        column.addStretch(1)
        self.stack.addWidget(self.waiting)

        self.problem = QLabel(self)
        self.problem.setObjectName("previewProblem")
        self.problem.setWordWrap(True)
        self.problem.setAlignment(Qt.AlignmentFlag.AlignCenter)
        set_role(self.problem, "muted")
        self.stack.addWidget(self.problem)
        self.show_waiting()

    @property
    def showing_pages(self) -> bool:
        return self.stack.currentWidget() is self.pages and bool(self.pages.pixmaps)

    def show_waiting(self) -> None:
        # Old pages stay on screen while new ones render: the pane does not flash.
        if not self.pages.pixmaps:
            self.stack.setCurrentWidget(self.waiting)

    def show_pages(self, images: list[QImage]) -> None:
        self.pages.set_images(images)
        self.stack.setCurrentWidget(self.pages)

    def show_problem(self, text: str) -> None:
        self.pages.set_images([])
        self.problem.setText(text)
        self.stack.setCurrentWidget(self.problem)
