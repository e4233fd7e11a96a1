"""The composition root: a damaged library offers a backup; the app opens a session on a step."""

from __future__ import annotations

import gc
import os
import subprocess
import sys

from facilitator import sessions
from facilitator.db.store import backup_database, open_store
from ui import app as app_module
from ui.app import FacilitatorApp, open_with_recovery
from ui.store_dialog import DatabaseProblemDialog, StoreChoice


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
    """Start-up is budgeted (DESIGN §7): the session window, the Action items window and the
    exchange format are imported when first used, not to show the library."""
    script = (
        "import sys\n"
        "from PySide6.QtCore import QTimer\n"
        "from PySide6.QtWidgets import QApplication\n"
        "import ui.app\n"
        "app = QApplication(sys.argv[:1])\n"
        "QTimer.singleShot(0, app.quit)\n"
        "ui.app.run(sys.argv[1])\n"
        "print(' '.join(sorted(sys.modules)))\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path))
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "library.sqlite")],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    loaded = set(done.stdout.split())
    assert "ui.library.window" in loaded
    late = {"ui.session.window", "ui.followup.window", "facilitator.exchange", "weasyprint"}
    assert loaded & late == set()
