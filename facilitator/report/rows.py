"""The rows of the write-up's sections as plain, picklable values (built in `sections`)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Fact:
    """A labelled value: a title-block row, an impact area, a key time."""

    label: str
    value: str


@dataclass(frozen=True, slots=True)
class Person:
    name: str
    role: str
    team: str


@dataclass(frozen=True, slots=True)
class KeyTime:
    """A milestone of the incident: its name, the time and the day (in the session's zone)."""

    label: str
    time: str
    day: str


@dataclass(frozen=True, slots=True)
class Duration:
    label: str
    span: str
    value: str


@dataclass(frozen=True, slots=True)
class Phase:
    """One segment of the phase strip; `share` is its width as a fraction of the strip."""

    label: str
    tone: str
    start: str
    end: str
    duration: str
    share: float


@dataclass(frozen=True, slots=True)
class TimelineRow:
    """A timeline table row: a `day` heading, a `gap` marker or an `entry`."""

    row: str
    time: str = ""
    kind: str = ""
    text: str = ""
    source: str = ""
    key: bool = False
    notes: str = ""


@dataclass(frozen=True, slots=True)
class Chain:
    problem: str
    whys: tuple[str, ...]
    root_cause: str


@dataclass(frozen=True, slots=True)
class Action:
    title: str
    owner: str
    due: str
    priority: str
    priority_label: str
    kind: str
    status: str
    status_label: str
    overdue: bool
    criteria: str
    tracker_url: str
    addresses: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Image:
    caption: str
    media_type: str
    data: bytes


@dataclass(frozen=True, slots=True)
class FactorText:
    """A factor row with its text redacted: what `tree_from_factors` reads."""

    id: str
    parent_id: str | None
    position: int
    text: str
    category: str
    gate: str | None
    unknown: bool


@dataclass(frozen=True, slots=True)
class Review:
    """A verdict of the effectiveness review on an earlier session's action item."""

    session: str  # the earlier session: "INC-1 · Title"
    title: str
    owner: str
    due: str
    verdict: str  # done, slipped, criteria_not_met: a class for colour, never alone
    verdict_label: str  # the words the reader goes by
    note: str
