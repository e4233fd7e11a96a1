"""The workers helper: jobs held back while a page is drawn start once the hold ends."""

from __future__ import annotations

import threading

from ui.workers import Workers


def test_a_job_asked_for_during_a_hold_starts_when_it_ends(qtbot, workers: Workers):
    started = threading.Event()
    results: list[object] = []
    workers.hold(150)
    workers.run(started.set, on_done=results.append)
    assert workers.holding
    assert not started.wait(0.1)  # held: not started, though the pool is idle
    qtbot.waitUntil(lambda: results == [None], timeout=2000)
    assert not workers.holding


def test_a_later_hold_moves_the_end_on_never_back(qtbot, workers: Workers):
    workers.hold(400)
    workers.hold(10)  # shorter: the first end stands
    started = threading.Event()
    workers.run(started.set)
    qtbot.wait(100)
    assert not started.is_set()
    assert workers.holding


def test_wait_starts_the_held_jobs_and_waits_for_them(workers: Workers):
    results: list[int] = []
    workers.hold(10_000)
    workers.run(lambda: results.append(1))
    assert workers.wait()
    assert results == [1]
    assert not workers.holding
