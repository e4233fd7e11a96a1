"""Write screenshots of the library and every step page, normal and presentation mode, light
and dark, at 1280×720, to docs/screenshots/ (offscreen: `widget.grab()`).

    .venv/bin/python tools/screenshots.py [OUTPUT_DIR]
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Beside this file (the script's own directory is on the path when it runs).
from followup_shots import add_related_history, grab_windows
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QWidget
from timeline_import_shots import grab_import_dialog

from facilitator import sessions
from facilitator.db.store import Store, open_store
from facilitator.resources import resource_path
from ui.export.preview import PreviewPane
from ui.library.exchange import exchange_available
from ui.library.window import LibraryWindow
from ui.session.window import SessionWindow
from ui.style import Style
from ui.workers import Workers

SIZE = (1280, 720)


def sample_session(store: Store) -> str:
    """The demo session when the exchange module is there, else one made through the core."""
    if exchange_available():
        from facilitator.exchange import import_files

        return import_files(store, [resource_path("samples", "demo-session.json")])[0]
    return sessions.create_session(
        store,
        "Checkout failures during the flash sale",
        severity="SEV2",
        timezone="Europe/Berlin",
        incident_ref="INC-2026-1110",
        summary="Checkout failed for 38 minutes while a retry storm exhausted the pool.",
    )


def settle(window: SessionWindow, app: QApplication) -> None:
    """Let the step just shown finish: a page not built ahead fills in over a few turns
    (ui/session/step_pages.py), and a grab before then shows it half made."""
    deadline = time.monotonic() + 10
    while not window.step_pages.showing_ready and time.monotonic() < deadline:
        app.processEvents()
    window.context.workers.wait()  # what its pages read in the background (follow-up, findings)
    app.processEvents()
    preview = getattr(window.stack.currentWidget(), "preview", None)
    if isinstance(preview, PreviewPane):  # the export step: its first pages, rendered
        while not preview.showing_pages and time.monotonic() < deadline + 50:
            app.processEvents()
            time.sleep(0.01)


def grab(widget: QWidget, app: QApplication, path: Path) -> None:
    """Save the widget at exactly 1280×720, or stop: a wider PNG is a layout bug to fix."""
    # Pending style and layout work first (a step just shown, presentation just left), so
    # the window's minimum size is settled before the resize rather than after it.
    app.processEvents()
    widget.resize(*SIZE)
    for _ in range(3):
        app.processEvents()
    image = widget.grab()
    if (image.width(), image.height()) != SIZE:
        raise SystemExit(
            f"{path.name}: {image.width()}×{image.height()}, not {SIZE[0]}×{SIZE[1]} "
            f"(window minimum {widget.minimumWidth()}×{widget.minimumHeight()})"
        )
    image.save(str(path))
    print(path)


def main(out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    workdir = Path(tempfile.mkdtemp(prefix="pm-shots-"))
    settings = QSettings(str(workdir / "settings.ini"), QSettings.Format.IniFormat)
    style = Style(app, settings, scheme="light")
    workers = Workers()
    empty_store = open_store(workdir / "empty.sqlite")
    store = open_store(workdir / "shots.sqlite")
    session_id = sample_session(store)
    sessions.create_session(
        store, "DNS resolution failures in eu-west", severity="SEV1", incident_ref="INC-2026-1031"
    )
    sessions.create_session(store, "Slow search after the index rebuild", severity="SEV3")
    add_related_history(store)  # something for the follow-up page to review
    for scheme in ("light", "dark"):
        style.force_scheme(scheme)
        for name, library_store in (("library-empty", empty_store), ("library", store)):
            library = LibraryWindow(library_store, style=style, settings=settings, workers=workers)
            library.show()
            grab(library, app, out / f"{name}-{scheme}.png")
            library.close()
        grab_windows(
            store, style, settings, workers, scheme, lambda w, name: grab(w, app, out / name)
        )
        grab_import_dialog(
            store,
            session_id,
            settings,
            workers,
            workdir,
            scheme,
            lambda widget, name: grab(widget, app, out / name),
        )
        window = SessionWindow(store, session_id, style=style, settings=settings, workers=workers)
        window.show()
        for step_id in window.step_ids():
            window.go_to(step_id)
            settle(window, app)
            grab(window, app, out / f"{step_id}-{scheme}.png")
            window.presentation.enter()
            window.showNormal()  # offscreen "full screen" is the virtual screen's size
            grab(window, app, out / f"{step_id}-presentation-{scheme}.png")
            window.presentation.leave()
        # The facilitator's notes window as it looks on the second screen while presenting.
        window.go_to("walkthrough")
        settle(window, app)
        window.toggle_notes()
        window.presentation.enter()
        assert window.notes is not None
        grab(window.notes, app, out / f"notes-{scheme}.png")
        window.presentation.leave()
        window.close()
    workers.wait()
    store.close()
    empty_store.close()
    return 0


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/screenshots")
    sys.exit(main(target))
