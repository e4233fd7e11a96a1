"""The composition root: a damaged library offers a backup; the app opens a session on a step."""

from __future__ import annotations

import gc
import os
import subprocess
import sys

import pytest

from facilitator import errors, sessions
from facilitator.db.store import backup_database, open_store
from facilitator.library import LibraryFile
from ui import app as app_module
from ui.app import FacilitatorApp, open_with_recovery
from ui.first_paint import UNPAINTED_AFTER_MS, when_painted
from ui.store_dialog import DatabaseProblemDialog, StoreChoice
from ui.store_opening import StoreOpening


def test_a_damaged_file_can_be_restored_from_its_backup(db_path, monkeypatch):
    store = open_store(db_path)
    session_id = sessions.create_session(store, "Keep me")
    backup = backup_database(store)
    store.close()
    db_path.write_bytes(b"this is not a database at all, not even close")
    asked = []

    def ask(cls, error, newest, parent=None):
        asked.append((type(error).__name__, newest))
        return StoreChoice("restore", newest)

    monkeypatch.setattr(DatabaseProblemDialog, "ask", classmethod(ask))
    restored = open_with_recovery(str(db_path))
    try:
        assert asked == [("NotADatabaseError", backup)]
        assert sessions.load_session(restored, session_id).title == "Keep me"
    finally:
        restored.close()


def test_quitting_from_the_dialog_opens_nothing(tmp_path, monkeypatch):
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"garbage" * 10)
    monkeypatch.setattr(DatabaseProblemDialog, "ask", classmethod(lambda cls, *a: None))
    assert open_with_recovery(str(bad)) is None


def test_open_session_on_a_step(qtbot, store, session_id, style, settings, workers):
    root = FacilitatorApp(store, style, settings, workers)
    window = root.open_session(session_id, "opener")
    qtbot.addWidget(window)
    assert window.current == "opener"
    assert root.open_session(session_id) is window  # one window per session
    window.close()
    assert root.sessions == {}
    assert app_module.APP_NAME


def test_open_windows_are_kept_out_of_full_collections(
    qtbot, store, session_id, style, settings, workers
):
    root = FacilitatorApp(store, style, settings, workers)
    try:
        window = root.open_session(session_id)
        qtbot.addWidget(window)
        assert gc.get_freeze_count() > 0  # the window and its pages are frozen
        window.close()
        assert gc.get_freeze_count() > 0  # collected once, the rest frozen again
    finally:
        gc.unfreeze()  # the rest of the test run collects as usual


def test_the_library_starts_without_what_only_other_windows_need(tmp_path):
    """Start-up is budgeted (DESIGN §7): when the first window is up, neither SQLAlchemy (its
    store opens on a worker thread after that) nor the session window, the Action items
    window or the exchange format have been imported; the library lists its sessions."""
    library = tmp_path / "library.sqlite"
    store = open_store(library)
    sessions.create_session(store, "Listed before the store is open")
    store.close()
    script = (
        "import sys\n"
        "from PySide6.QtCore import QTimer\n"
        "from PySide6.QtWidgets import QApplication\n"
        "import ui.app\n"
        "app = QApplication(sys.argv[:1])\n"
        "def first():\n"
        "    window = next(w for w in app.topLevelWidgets() if w.objectName() == 'libraryWindow')\n"
        "    print(' '.join(sorted(sys.modules)))\n"
        "    print(window.model.session(0).title)\n"
        "    window.store  # waits for the worker\n"
        "    print('sqlalchemy' in sys.modules, window._listing is None)\n"
        "    app.quit()\n"
        "QTimer.singleShot(0, first)\n"
        "sys.exit(ui.app.run(sys.argv[1]))\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path))
    done = subprocess.run(
        [sys.executable, "-c", script, str(library)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    modules, title, after = done.stdout.splitlines()
    loaded = set(modules.split())
    assert "ui.library.window" in loaded
    late = {"ui.session.window", "ui.followup.window", "facilitator.exchange", "weasyprint"}
    assert loaded & (late | {"sqlalchemy", "facilitator.sessions"}) == set()
    assert title == "Listed before the store is open"
    assert after == "True True"  # then the store opened, and the library lists through it


def test_a_library_shown_before_its_store_opens_works_once_it_has(
    qtbot, store, db_path, session_id, style, settings, workers
):
    listing = LibraryFile.open(db_path)
    assert listing is not None
    opening = StoreOpening(workers, str(db_path))
    root = FacilitatorApp(opening, style, settings, workers, listing=listing)
    library = root.show_library()
    qtbot.addWidget(library)
    assert library.model.rowCount() == 1  # from the file, before the store
    opening.start()
    with qtbot.waitSignal(opening.ready, timeout=10_000):
        pass
    assert library._listing is None
    window = root.open_session(session_id)  # through the store the worker opened
    qtbot.addWidget(window)
    window.close()
    library.search.setText("nothing like this")
    library.refresh()
    assert library.model.rowCount() == 0
    root.close()
    gc.unfreeze()


def test_acting_before_the_store_has_opened_waits_for_it(
    qtbot, store, db_path, session_id, style, settings, workers
):
    listing = LibraryFile.open(db_path)
    opening = StoreOpening(workers, str(db_path))
    root = FacilitatorApp(opening, style, settings, workers, listing=listing)
    library = root.show_library()
    qtbot.addWidget(library)
    window = root.open_session(session_id)  # not started yet: the wait starts it
    qtbot.addWidget(window)
    assert window.isVisible()
    assert library._listing is None
    window.close()
    root.close()
    gc.unfreeze()


def test_a_store_that_fails_to_open_after_the_first_read_offers_the_way_out(
    qtbot, store, db_path, style, settings, workers, monkeypatch
):
    listing = LibraryFile.open(db_path)
    opening = StoreOpening(workers, str(db_path))
    root = FacilitatorApp(opening, style, settings, workers, listing=listing)
    library = root.show_library()
    qtbot.addWidget(library)
    asked = []

    def ask(cls, error, newest, parent=None):
        asked.append(type(error).__name__)
        return None  # the facilitator quits

    monkeypatch.setattr(DatabaseProblemDialog, "ask", classmethod(ask))
    monkeypatch.setattr(
        "ui.store_opening.open_warm",
        lambda target: (_ for _ in ()).throw(errors.DatabaseLockedError(str(target))),
    )
    opening.start()
    qtbot.waitUntil(lambda: asked == ["DatabaseLockedError"], timeout=10_000)
    assert not library.isVisible()  # quit: nothing half-open is left on screen
    with pytest.raises(errors.DatabaseError):
        root.store  # noqa: B018  (the property is what is tested)


def test_what_waits_for_the_first_paint_runs_after_it(qtbot):
    """The store's opening (a worker whose imports share the GIL with the first paint, which
    calls into Python for every visible cell: started before it, they slowed it fourfold,
    bench_startup.py) and the font faces the library does not draw with wait for its paint."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QLabel

    class Paints(QObject):
        count = 0

        def eventFilter(self, watched, event):
            self.count += event.type() == QEvent.Type.Paint
            return False

    window = QLabel("The library")
    qtbot.addWidget(window)
    paints = Paints(window)
    window.installEventFilter(paints)
    called_after: list[int] = []
    when_painted(window, lambda: called_after.append(paints.count))
    qtbot.wait(50)
    assert called_after == []  # nothing painted yet: nothing called
    window.show()
    qtbot.waitUntil(lambda: bool(called_after), timeout=2_000)
    qtbot.wait(UNPAINTED_AFTER_MS)
    assert called_after == [1]  # after the paint, and once


def test_the_library_paint_starts_the_store_and_the_other_faces(
    qtbot, db_path, store, session_id, settings, workers, monkeypatch
):
    from PySide6.QtWidgets import QApplication

    from ui import style as style_module

    faces = ("Inter-Bold.otf", "Inter-Italic.otf", "Inter-Regular.otf", "Inter-SemiBold.otf")
    loaded: list[list[str]] = []
    monkeypatch.setattr(
        style_module, "load_fonts", lambda wanted: loaded.append(list(filter(wanted, faces)))
    )
    style = style_module.Style(QApplication.instance(), settings, first_faces_only=True)
    assert loaded == [["Inter-Regular.otf", "Inter-SemiBold.otf"]]
    opening = StoreOpening(workers, str(db_path))
    root = FacilitatorApp(opening, style, settings, workers, listing=LibraryFile.open(db_path))
    library = root.show_library()
    qtbot.addWidget(library)
    root.library_painted()
    assert loaded[1:] == [["Inter-Bold.otf", "Inter-Italic.otf"]]
    with qtbot.waitSignal(opening.ready, timeout=10_000):
        pass
    assert library._listing is None
    root.open_session(session_id).close()
    assert len(loaded) == 2  # each face registered once
    root.close()
    gc.unfreeze()
