"""Exporting action items to files: where to save (a dialog with an `ask()` tests replace)
and the writing itself, done off the GUI thread."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from facilitator.followup import FollowUpItem, export_csv, export_ics
from ui.workers import Workers

FORMATS = {
    "csv": ("Spreadsheet for an issue tracker (*.csv)", export_csv),
    "ics": ("Calendar of deadlines (*.ics)", export_ics),
}


class SaveFileDialog:
    """The platform's save dialog, behind a classmethod tests replace."""

    @classmethod
    def ask(cls, parent: QWidget | None, title: str, suggested: str, filters: str) -> Path | None:
        path, _ = QFileDialog.getSaveFileName(parent, title, suggested, filters)
        return Path(path) if path else None


def suggested_name(kind: str, today: date | None = None) -> str:
    return f"action-items-{(today or date.today()).isoformat()}.{kind}"


def _write(path: Path, text: str) -> Path:
    # newline="" keeps the CRLF line ends both formats require.
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(text)
    return path


def export_items(
    parent: QWidget,
    workers: Workers,
    items: Sequence[FollowUpItem],
    kind: str,
    *,
    done: Callable[[Path], object],
    failed: Callable[[BaseException], object],
) -> bool:
    """Ask where, then write `items` as CSV or iCalendar; False if the user cancelled."""
    filters, render = FORMATS[kind]
    title = parent.tr("Export action items") if kind == "csv" else parent.tr("Export deadlines")
    path = SaveFileDialog.ask(parent, title, suggested_name(kind), parent.tr(filters))
    if path is None:
        return False
    if not path.suffix:
        path = path.with_suffix(f".{kind}")
    text = render(list(items))
    workers.run(_write, path, text, on_done=done, on_error=failed)
    return True
