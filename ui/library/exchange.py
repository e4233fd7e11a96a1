"""File > Import / Export JSON and the demo session, through `facilitator.exchange`,
with the file work off the GUI thread (ui/workers.py)."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from facilitator.errors import FacilitatorError
from facilitator.resources import resource_path
from ui.messages import describe, warn
from ui.workers import Workers

if TYPE_CHECKING:
    from facilitator.db.store import Store

DEMO = ("samples", "demo-session.json")


def exchange_available() -> bool:
    """Whether the core's exchange module is installed. Found, not imported: importing it
    cost the library's start-up some 20 ms for menus that may never be used."""
    return importlib.util.find_spec("facilitator.exchange") is not None


class LibraryExchange(QObject):
    """Imports and exports for the library window; `imported` gets the new ids."""

    def __init__(
        self,
        window: QWidget,
        store: Callable[[], Store],
        workers: Workers,
        selected: Callable[[], str | None],
        imported: Callable[[list[str]], None],
    ) -> None:
        super().__init__(window)
        self.window = window
        self._store = store  # called when needed: the app may still be opening it
        self.workers = workers
        self._selected = selected
        self._imported = imported

    def import_json(self) -> None:
        from PySide6.QtWidgets import QFileDialog  # when asked: start-up (DESIGN §7)

        paths, _ = QFileDialog.getOpenFileNames(
            self.window, self.tr("Import sessions"), "", self.tr("Sessions (*.json)")
        )
        if paths:
            self.import_paths(paths)

    def import_paths(self, paths: list[str]) -> None:
        store = self._store()  # first: its worker may still be importing the core
        from facilitator.exchange import import_files

        self.workers.run(
            import_files,
            store,
            paths,
            on_done=self._imported,
            on_error=lambda exc: self._import_failed(paths, exc),
        )

    def _import_failed(self, paths: list[str], exc: BaseException) -> None:
        """Over the cap of five: triage (ui/library/triage.py), then import the result."""
        from facilitator.actions import ActionCapError
        from facilitator.exchange import import_documents
        from ui.library.triage import triage_files

        if not isinstance(exc, ActionCapError):
            self._failed(exc)
            return
        try:
            documents = triage_files(self.window, paths)
        except FacilitatorError as problem:
            self._failed(problem)
            return
        if documents is not None:
            self.workers.run(
                import_documents,
                self._store(),
                documents,
                on_done=self._imported,
                on_error=self._failed,
            )

    def open_demo(self) -> None:
        self.import_paths([str(resource_path(*DEMO))])

    def export_json(self) -> None:
        session_id = self._selected()
        if session_id is None:
            return
        from PySide6.QtWidgets import QFileDialog  # when asked: start-up (DESIGN §7)

        path, _ = QFileDialog.getSaveFileName(
            self.window, self.tr("Export session"), "session.json", self.tr("Sessions (*.json)")
        )
        if path:
            self.workers.run(_export, self._store(), session_id, Path(path), on_error=self._failed)

    def _failed(self, exc: BaseException) -> None:
        warn(self.window, self.tr("Post-mortem Facilitator"), describe(exc))


def _export(store: Store, session_id: str, path: Path) -> Any:
    from facilitator.exchange import dumps, export_session

    path.write_text(dumps(export_session(store, session_id)), encoding="utf-8")
    return path
