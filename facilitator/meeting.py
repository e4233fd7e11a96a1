"""The meeting's clock and progress: timer arithmetic, timebox status, done marks, local times.

Everything here is plain Python with an injectable clock, so the rules (when a step is over
its timebox, what is saved in `session.step_elapsed`) are the same for the app, the CLI and
the tests, and the tests never sleep.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any

from facilitator import errors
from facilitator.metrics import zone_of

Clock = Callable[[], float]
NEAR_FRACTION = 0.8  # past this share of a timebox the timer warns that time is nearly up
DONE_KEY = "__done__"  # in `step_elapsed`: the steps marked done (every other key is seconds)


class TimeboxStatus(Enum):
    UNTIMED = "untimed"
    WITHIN = "within"
    NEAR = "near"
    OVER = "over"


def timebox_status(elapsed: float, timebox_minutes: int | None) -> TimeboxStatus:
    if not timebox_minutes:
        return TimeboxStatus.UNTIMED
    limit = timebox_minutes * 60
    if elapsed >= limit:
        return TimeboxStatus.OVER
    if elapsed >= limit * NEAR_FRACTION:
        return TimeboxStatus.NEAR
    return TimeboxStatus.WITHIN


def format_clock(seconds: float) -> str:
    """`7:05`, `1:02:09`: whole seconds, truncated, never negative."""
    whole = max(0, int(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


@dataclass(frozen=True)
class MeetingState:
    """What `session.step_elapsed` holds: seconds per step and the steps marked done."""

    elapsed: dict[str, float]
    done: frozenset[str]

    @classmethod
    def from_saved(cls, saved: Mapping[str, Any] | None) -> MeetingState:
        saved = saved or {}
        elapsed = {
            k: float(v)
            for k, v in saved.items()
            if k != DONE_KEY and isinstance(v, int | float) and v >= 0
        }
        done = saved.get(DONE_KEY, [])
        return cls(elapsed, frozenset(s for s in done if isinstance(s, str)))

    def to_saved(self) -> dict[str, Any]:
        saved: dict[str, Any] = {k: round(v, 1) for k, v in sorted(self.elapsed.items())}
        if self.done:
            saved[DONE_KEY] = sorted(self.done)
        return saved

    def with_done(self, step_id: str, done: bool = True) -> MeetingState:
        marks = self.done | {step_id} if done else self.done - {step_id}
        return MeetingState(dict(self.elapsed), frozenset(marks))


class MeetingTimer:
    """Elapsed time per step, counted only while running; the step is whichever is current."""

    def __init__(self, elapsed: Mapping[str, float] | None = None, clock: Clock | None = None):
        self._clock = clock or time.monotonic
        self._banked: dict[str, float] = dict(elapsed or {})
        self._step: str | None = None
        self._since: float | None = None  # clock reading when the running stretch began

    @property
    def running(self) -> bool:
        return self._since is not None

    @property
    def step(self) -> str | None:
        return self._step

    def start(self) -> None:
        if self._since is None:
            self._since = self._clock()

    def pause(self) -> None:
        self._bank()
        self._since = None

    def toggle(self) -> bool:
        """Start or pause; return whether it now runs."""
        if self.running:
            self.pause()
        else:
            self.start()
        return self.running

    def switch_to(self, step_id: str) -> None:
        """Count from now on for another step; time so far stays with the previous one."""
        self._bank()
        self._step = step_id

    def elapsed(self, step_id: str) -> float:
        running = self._clock() - self._since if self._since is not None else 0.0
        extra = running if step_id == self._step else 0.0
        return self._banked.get(step_id, 0.0) + extra

    def total(self, steps: Iterable[str] | None = None) -> float:
        ids = set(self._banked) | ({self._step} if self._step else set())
        if steps is not None:
            ids &= set(steps)
        return sum(self.elapsed(s) for s in ids)

    def snapshot(self) -> dict[str, float]:
        """Seconds per step as of now, for saving (the timer keeps running)."""
        ids = set(self._banked) | ({self._step} if self._step else set())
        return {s: self.elapsed(s) for s in ids if self.elapsed(s) > 0}

    def _bank(self) -> None:
        if self._since is not None and self._step is not None:
            now = self._clock()
            self._banked[self._step] = self._banked.get(self._step, 0.0) + (now - self._since)
            self._since = now


_TIME_ONLY = re.compile(r"^\s*(\d{1,2}):(\d{2})(?::(\d{2}))?\s*$")
_DATE_TIME = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*$")
LOCAL_FORMAT = "%Y-%m-%d %H:%M"


def format_local(value: datetime | None, timezone: str) -> str:
    """An instant as the session's wall-clock time, `2024-05-01 14:18`; empty when unset."""
    return "" if value is None else value.astimezone(zone_of(timezone)).strftime(LOCAL_FORMAT)


def parse_local(text: str, timezone: str, default_date: date | None = None) -> datetime | None:
    """`2024-05-01 14:18` (or `14:18` on `default_date`) in the session's zone; "" is None."""
    if not text.strip():
        return None
    zone = zone_of(timezone)
    try:
        if match := _TIME_ONLY.match(text):
            if default_date is None:
                raise errors.ValidationError("time", "give a date too: YYYY-MM-DD HH:MM")
            hour, minute, second = (int(g or 0) for g in match.groups())
            return datetime.combine(default_date, datetime.min.time()).replace(
                hour=hour, minute=minute, second=second, tzinfo=zone
            )
        if match := _DATE_TIME.match(text):
            year, month, day, hour, minute, second = (int(g or 0) for g in match.groups())
            return datetime(year, month, day, hour, minute, second, tzinfo=zone)
    except ValueError as exc:
        raise errors.ValidationError("time", f"not a real date or time: {text.strip()}") from exc
    raise errors.ValidationError("time", "write it as YYYY-MM-DD HH:MM")
