"""A timeline entry's text as the room reads it: its Markdown formatted, read-only."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QByteArray, QUrl
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QTextBrowser, QWidget

# Raw HTML in the user's Markdown is shown as text, never interpreted.
_MARKDOWN = (
    QTextDocument.MarkdownFeature.MarkdownDialectGitHub
    | QTextDocument.MarkdownFeature.MarkdownNoHTML
)


class EntryText(QTextBrowser):
    """The entry's Markdown, read-only; it never loads images or follows links."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setFrameShape(QTextBrowser.Shape.NoFrame)
        self.document().setDocumentMargin(0)

    def loadResource(self, kind: int, name: QUrl) -> Any:
        # Empty data, not None: PySide6 6.12.0 on Python 3.11 drops a reference to None
        # for every None an override hands back as a QVariant, until the process aborts.
        return QByteArray()

    def show_markdown(self, text: str) -> None:
        self.document().setMarkdown(text, _MARKDOWN)
