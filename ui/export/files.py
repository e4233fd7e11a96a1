"""Where an export goes: a save dialog behind `ask()` (tests replace it) that remembers the
last folder, the suggested file name, and opening the result (also replaceable)."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QWidget

LAST_FOLDER_KEY = "export/folder"
SUFFIXES = {"pdf": "pdf", "html": "html", "md": "md", "json": "json"}
FILTERS = {
    "pdf": "PDF document (*.pdf)",
    "html": "Web page, one file (*.html)",
    "md": "Markdown for a wiki (*.md)",
    "json": "Exchange file (*.json)",
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("export", text)


def suggested_name(incident_ref: str, title: str, variant: str, fmt: str) -> str:
    """`INC-42-checkout-failures-public.pdf`: the reference, the title and the variant, in
    characters every file system and mail client accepts."""
    words = unicodedata.normalize("NFKD", f"{incident_ref} {title}")
    slug = re.sub(r"[^A-Za-z0-9]+", "-", words.encode("ascii", "ignore").decode()).strip("-")
    slug = slug[:80].rstrip("-") or "post-mortem"
    if variant != "full":
        slug += f"-{variant}"
    return f"{slug}.{SUFFIXES[fmt]}"


def last_folder(settings: QSettings) -> Path:
    """The folder of the last export, or the user's documents folder the first time."""
    saved = str(settings.value(LAST_FOLDER_KEY, "") or "")
    if saved and Path(saved).is_dir():
        return Path(saved)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents or Path.home())


def remember_folder(settings: QSettings, path: Path) -> None:
    settings.setValue(LAST_FOLDER_KEY, str(path.parent))


class SaveFileDialog:
    """The platform's save dialog, opening in the last export's folder."""

    @classmethod
    def ask(cls, parent: QWidget | None, suggested: Path, fmt: str) -> Path | None:
        """The chosen file (with the format's suffix), or None when the user cancelled."""
        path, _ = QFileDialog.getSaveFileName(
            parent, _tr("Export the write-up"), str(suggested), _tr(FILTERS[fmt])
        )
        if not path:
            return None
        chosen = Path(path)
        return chosen if chosen.suffix else chosen.with_suffix(f".{SUFFIXES[fmt]}")


class Opener:
    """Hands a file or folder to the desktop (tests replace `open_url`)."""

    @classmethod
    def open_url(cls, url: QUrl) -> bool:
        return QDesktopServices.openUrl(url)

    @classmethod
    def open_file(cls, path: Path) -> bool:
        return cls.open_url(QUrl.fromLocalFile(str(path)))

    @classmethod
    def show_folder(cls, path: Path) -> bool:
        # Opening the folder is the one way that works on every desktop; selecting the file
        # in it needs a different program on each.
        return cls.open_url(QUrl.fromLocalFile(str(path.parent)))
