"""GUI-thread stall budget (DESIGN section 7, issue 3): the longest stall while a facilitator
types quickly, adds 300 timeline entries and walks through every step; budget 50 ms.

    python bench/bench_gui_stall.py [--entries 300] [--cps 15] [--rounds 3] [--verbose]
                                    [--profile ACTIVITY]

The session window runs on the demo session, offscreen, with the meeting timer running.
A 5 ms heartbeat timer on the GUI thread records the gaps between its beats; the longest
gap during an activity is the longest stall anyone at the keyboard could feel. Activities
are scripted as real key events (QTest), one action per event-loop turn:

- typing the title, the executive summary and went-poorly items at ~15 characters a second,
  with a pause after each phrase so the debounced autosave (and the language checker) run;
- adding timeline entries one by one through the timeline page's quick-add field (Enter);
- switching steps through every page: first visits, and again with every page visited;
- staying on the export step until its first preview shows.

The session window builds the pages not shown yet in idle turns (ui/session/step_pages.py),
so its 2 s idle opening is when the pages are built, and "first visits" are of pages built
ahead. "first visits, nothing built ahead" is the worst case, a facilitator jumping through
the steps the moment the window opens: a second window whose building ahead is stopped
builds each page when its step is first shown (what its constructor makes at once, the
stages it leaves for later in the next turns, as StepPages.show does for any page not
finished).

The floor is the same heartbeat over an idle event loop in the same run (what the loop and
the timer cost by themselves). Each round opens a new copy of the demo session in a new
window; per activity the median over rounds of its longest stall is printed with its ratio
to the floor, then the worst round and the action that was running when its longest gap
ended. With `--verbose`, each round's longest gap also says how much of it the GUI thread
spent running (its CPU time): a gap much longer than that was a wait, for a pool thread's
turn at the interpreter lock or for another process on a busy machine, not work of the
GUI thread's own. `--profile ACTIVITY` runs that activity under cProfile (SORT=tottime to
reorder) and prints where the time went.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QEventLoop, QSettings, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from facilitator.db.store import Store, open_store
from facilitator.exchange import import_files
from facilitator.resources import resource_path
from ui.app import release_heap, settle_heap, share_the_interpreter
from ui.session.window import SessionWindow
from ui.style import Style
from ui.workers import Workers

BUDGET_MS = 50.0
FLOOR = "idle event loop (floor)"
BEAT_MS = 5
PAUSE_MS = 700  # after a phrase: longer than the 0.5 s autosave debounce
TITLE = " (retry storm)"
SUMMARY = (
    "Checkout failed for 56 minutes because the connection pool ran out. "
    "Client retries without backoff tripled the load."
)
POORLY = "No alert watched pool saturation\nThe runbook began with a pod restart"

# An activity yields (what it just did, milliseconds to wait before its next action).
Script = Iterator[tuple[str, int]]


@dataclass
class Heartbeat:
    """A precise timer on the GUI thread; `longest` is the widest gap between two beats."""

    longest: float = 0.0
    during: str = ""
    busy: float = 0.0  # of the longest gap, the GUI thread's CPU time (the rest it waited)
    doing: str = "idle"
    gaps: list[tuple[float, str]] = field(default_factory=list)
    _last: float = field(default=0.0)
    _last_cpu: float = field(default=0.0)
    _timer: QTimer | None = None

    def start(self) -> None:
        self.longest, self.during, self.busy, self.gaps = 0.0, "", 0.0, []
        self._timer = QTimer(timerType=Qt.TimerType.PreciseTimer, interval=BEAT_MS)
        self._timer.timeout.connect(self._beat)
        self._last, self._last_cpu = time.perf_counter(), time.thread_time()
        self._timer.start()

    def stop(self) -> None:
        assert self._timer is not None
        self._beat()
        self._timer.stop()

    def _beat(self) -> None:
        now, cpu = time.perf_counter(), time.thread_time()
        gap = (now - self._last) * 1000
        if gap > self.longest:
            self.longest, self.during = gap, self.doing
            self.busy = (cpu - self._last_cpu) * 1000
        if gap > BUDGET_MS:
            self.gaps.append((gap, self.doing))
        self._last, self._last_cpu = now, cpu


def run(script: Script, beat: Heartbeat) -> None:
    """Drive a script from the event loop (one action per turn) until it ends."""
    loop = QEventLoop()

    def step() -> None:
        try:
            beat.doing, wait = next(script)
        except StopIteration:
            loop.quit()
            return
        QTimer.singleShot(wait, step)

    QTimer.singleShot(0, step)
    beat.start()
    loop.exec()
    beat.stop()


def idle(seconds: float) -> Script:
    yield "idle", int(seconds * 1000)


def type_text(widget: QWidget, text: str, cps: float, what: str) -> Script:
    """Keystrokes at `cps`, a pause after each sentence (autosave and the checker run)."""
    widget.setFocus()
    every = int(1000 / cps)
    for char in text:
        QTest.keyClicks(widget, char)
        yield f"{what}: key", PAUSE_MS if char in ".," else every
    yield f"{what}: pause", PAUSE_MS


def typing_into(window: SessionWindow, step_id: str, text: str, cps: float) -> Script:
    """Type into a step's main input (the title, the summary, the capture field)."""
    field_ = main_input(window, step_id)
    for phrase in text.split("\n"):
        yield from type_text(field_, phrase, cps, step_id)
        if step_id == "went-poorly":
            QTest.keyClick(field_, Qt.Key.Key_Return)
            yield f"{step_id}: Enter adds the item", PAUSE_MS


def main_input(window: SessionWindow, step_id: str) -> QWidget:
    page = window.pages[step_id]
    found = {"details": "title", "summary": "summary", "timeline": "quick_add"}.get(step_id)
    return getattr(page, found) if found else page.capture.field  # type: ignore[attr-defined]


def timeline_entries(window: SessionWindow, count: int) -> Script:
    page = window.pages["timeline"]
    for n in range(count):
        hour, minute = divmod(n, 60)
        page.quick_add.setText(f"{hour:02d}:{minute:02d} Bench entry {n}: pool wait rises")
        QTest.keyClick(page.quick_add, Qt.Key.Key_Return)
        yield f"timeline: Enter adds entry {n + 1}", 30
    yield "timeline: pause", PAUSE_MS


def export_preview(window: SessionWindow, limit_s: float = 30.0) -> Script:
    """Stay on the export step until its preview shows (rendered in a child process, the
    pages rasterised in a pool thread, then drawn on the GUI thread)."""
    window.go_to("export")
    yield "export: go to the step", 50
    pane = window.pages["export"].preview  # type: ignore[attr-defined]
    waited = 0.0
    while not pane.showing_pages and waited < limit_s:
        yield "export: preview on its way", 50
        waited += 0.05
    yield "export: preview shown", PAUSE_MS


def switching(window: SessionWindow, rounds: int = 1) -> Script:
    for _ in range(rounds):
        for step_id in window.step_ids():
            window.go_to(step_id)
            yield f"go to {step_id}", 120


@dataclass(frozen=True)
class Activity:
    name: str
    script: Callable[[], Script]
    setup: Callable[[], object] = lambda: None  # not measured: going to the step


@dataclass(frozen=True)
class Result:
    name: str
    longest: float
    during: str
    over: int  # gaps over the budget
    busy: float = 0.0  # the GUI thread's CPU time in the longest gap


def measure(activity: Activity, beat: Heartbeat, app: QApplication, profile: str | None) -> Result:
    activity.setup()
    for _ in range(3):
        app.processEvents()  # what the setup left (a page built, a first paint) is not ours
    profiler = cProfile.Profile() if profile == activity.name else None
    if profiler is not None:
        profiler.enable()
    run(activity.script(), beat)
    if profiler is not None:
        profiler.disable()
        pstats.Stats(profiler).sort_stats(os.environ.get("SORT", "cumulative")).print_stats(30)
    return Result(activity.name, beat.longest, beat.during, len(beat.gaps), beat.busy)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--entries", type=int, default=300)
    parser.add_argument("--cps", type=float, default=15.0, help="typing speed, characters/s")
    parser.add_argument("--rounds", type=int, default=3, help="a new window (and session) each")
    parser.add_argument("--profile", help="an activity to run under cProfile (first round)")
    parser.add_argument("--verbose", action="store_true", help="every round's stalls")
    args = parser.parse_args()

    share_the_interpreter()  # as ui.app.run does
    app = QApplication(sys.argv[:1])
    folder = Path(tempfile.mkdtemp(prefix="bench-stall-"))
    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    style = Style(app, settings, scheme="light")
    style.apply()
    store = open_store(folder / "bench.sqlite")
    workers = Workers()
    beat = Heartbeat()
    floors: list[Result] = []
    rounds: list[list[Result]] = []
    for number in range(args.rounds):
        floors.append(measure(Activity(FLOOR, lambda: idle(2.0)), beat, app, None))
        profile = args.profile if number == 0 else None
        rounds.append(one_round(store, style, settings, workers, beat, app, args, profile))
        if args.verbose:
            for r in rounds[-1]:
                print(
                    f"round {number + 1}: {r.name:<36} {r.longest:7.1f} ms"
                    f"  (GUI thread busy {r.busy:5.1f})  {r.during}"
                )
    workers.wait()
    store.close()
    report(floors, rounds)


def one_round(
    store: Store,
    style: Style,
    settings: QSettings,
    workers: Workers,
    beat: Heartbeat,
    app: QApplication,
    args: argparse.Namespace,
    profile: str | None,
) -> list[Result]:
    """A fresh copy of the demo session in a new window, every activity once."""
    session_id = import_files(store, [resource_path("samples", "demo-session.json")])[0]
    window = SessionWindow(store, session_id, style=style, settings=settings, workers=workers)
    window.resize(1280, 720)
    window.show()
    settle_heap()  # as the app does when it has opened a session window
    window.progress.toggle()  # the meeting timer runs: its tick and saves are part of it

    def focus(step_id: str) -> Callable[[], object]:
        return lambda: (window.go_to(step_id), main_input(window, step_id).setFocus())

    cps = args.cps
    activities = [
        Activity("session window open, idle", lambda: idle(2.0)),
        Activity("switching steps, first visits", lambda: switching(window)),
        Activity(
            "typing the title", lambda: typing_into(window, "details", TITLE, cps), focus("details")
        ),
        Activity(
            "typing the summary",
            lambda: typing_into(window, "summary", SUMMARY, cps),
            focus("summary"),
        ),
        Activity(
            "typing went-poorly items",
            lambda: typing_into(window, "went-poorly", POORLY, cps),
            focus("went-poorly"),
        ),
        Activity(
            f"adding {args.entries} timeline entries",
            lambda: timeline_entries(window, args.entries),
            focus("timeline"),
        ),
        Activity("switching steps, pages built (x2)", lambda: switching(window, rounds=2)),
        Activity("export step, first preview", lambda: export_preview(window)),
    ]
    results = [measure(activity, beat, app, profile) for activity in activities]
    window.save_all()
    window.close()
    release_heap()
    results.append(cold_first_visits(store, style, settings, workers, beat, app, profile))
    return results


def cold_first_visits(
    store: Store,
    style: Style,
    settings: QSettings,
    workers: Workers,
    beat: Heartbeat,
    app: QApplication,
    profile: str | None,
) -> Result:
    """Every step's first visit in a window that built nothing ahead of time."""
    session_id = import_files(store, [resource_path("samples", "demo-session.json")])[0]
    window = SessionWindow(store, session_id, style=style, settings=settings, workers=workers)
    window.step_pages.stop()
    window.resize(1280, 720)
    window.show()
    settle_heap()
    window.progress.toggle()
    activity = Activity("first visits, nothing built ahead", lambda: switching(window))
    result = measure(activity, beat, app, profile)
    window.save_all()
    window.close()
    release_heap()
    return result


def report(floors: list[Result], rounds: list[list[Result]]) -> None:
    """Per activity: the median over rounds of its longest stall (a busy machine can pause
    any process now and then; the median keeps one such pause from deciding), the worst."""
    floor = statistics.median(f.longest for f in floors)
    print(f"heartbeat every {BEAT_MS} ms; longest gap between two beats; budget {BUDGET_MS:.0f} ms")
    print(f"median of {len(rounds)} round(s), then the worst round and what ran then")
    print(f"  {FLOOR:<36} {floor:7.1f} ms")
    for column in zip(*rounds, strict=True):
        median = statistics.median(r.longest for r in column)
        worst = max(column, key=lambda r: r.longest)
        verdict = "ok" if median <= BUDGET_MS else "OVER"
        print(
            f"  {worst.name:<36} {median:7.1f} ms  {median / floor:5.1f}× floor  {verdict:<4}"
            f"  worst {worst.longest:6.1f} ms ({worst.during})"
        )


if __name__ == "__main__":
    main()
