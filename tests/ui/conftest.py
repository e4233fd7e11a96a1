"""Fixtures for UI tests: one style for the run, a settings file per test, a session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QThreadPool
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication

from facilitator import sessions
from facilitator.db.store import Store
from ui.session.window import SessionWindow
from ui.style import Style
from ui.workers import Workers


class FakeClock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture(scope="session", autouse=True)
def no_job_outlives_the_run(qapp: QApplication) -> Iterator[None]:
    """Background jobs finish before Python shuts down: one still running in a pool thread
    while the interpreter and the QApplication were torn down could crash the process
    after every test had passed."""
    yield
    QThreadPool.globalInstance().waitForDone(30_000)


@pytest.fixture(scope="session")
def style(qapp: QApplication, tmp_path_factory: pytest.TempPathFactory) -> Style:
    settings = QSettings(
        str(tmp_path_factory.mktemp("style") / "style.ini"), QSettings.Format.IniFormat
    )
    applied = Style(qapp, settings, scheme="light")
    applied.apply()
    return applied


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def demo_window(qtbot, store, style, settings, workers, clock) -> SessionWindow:
    """The demo session in its window, at the 1280×720 a screen-share shows."""
    from facilitator.exchange import import_files
    from facilitator.resources import resource_path
    from tests.ui.helpers import session_window

    (demo,) = import_files(store, [resource_path("samples", "demo-session.json")])
    window = session_window(qtbot, store, demo, style, settings, workers, clock)
    window.resize(1280, 720)
    return window


@pytest.fixture
def undo_stack() -> Iterator[QUndoStack]:
    """A page's undo stack, as its window's is in the app: emptied at the end of the test,
    while the commands' Python halves are alive. Left to the garbage collector at the end of
    the run, a parentless stack deleted commands the collector had freed already, and the
    process crashed after the last test had passed."""
    stack = QUndoStack()
    yield stack
    stack.clear()


@pytest.fixture
def workers() -> Iterator[Workers]:
    pool = Workers()
    yield pool
    pool.wait()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def session_id(store: Store) -> str:
    return sessions.create_session(
        store, "Checkout outage", severity="SEV2", depth="standard", timezone="Europe/Berlin"
    )
