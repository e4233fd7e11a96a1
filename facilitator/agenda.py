"""The agenda: its steps in order, grouped Prepare / Meeting / After, with timeboxes per depth."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from facilitator import errors

Group = Literal["prepare", "meeting", "after"]
GROUP_TITLES: dict[Group, str] = {"prepare": "Prepare", "meeting": "Meeting", "after": "After"}


@dataclass(frozen=True)
class Step:
    id: str
    title: str
    group: Group
    timebox_minutes: int | None  # None: not part of the timed meeting


# Meeting timeboxes in minutes for each depth; a step missing from a depth is not on its agenda.
# quick ≈ 30 min, standard ≈ 85 min (the 60–90 min the practice recommends), deep ≈ 3 h.
TIMEBOXES: dict[str, dict[str, int]] = {
    "quick": {
        "opener": 2,
        "walkthrough": 8,
        "went-well": 2,
        "went-poorly": 4,
        "whys": 7,
        "actions": 5,
        "wrap-up": 2,
    },
    "standard": {
        "opener": 5,
        "walkthrough": 20,
        "went-well": 5,
        "went-poorly": 10,
        "lucky": 3,
        "whys": 12,
        "factors": 10,
        "actions": 12,
        "wrap-up": 5,
    },
    "deep": {
        "opener": 5,
        "walkthrough": 45,
        "went-well": 10,
        "went-poorly": 20,
        "lucky": 5,
        "whys": 30,
        "factors": 30,
        "actions": 20,
        "wrap-up": 10,
    },
}

# (id, title, group) in meeting order; DESIGN section 6 fixes the ids.
_STEPS: tuple[tuple[str, str, Group], ...] = (
    ("details", "Incident details", "prepare"),
    ("participants", "Participants", "prepare"),
    ("evidence", "Evidence", "prepare"),
    ("timeline", "Timeline", "prepare"),
    ("opener", "Blameless opener", "meeting"),
    ("walkthrough", "Timeline walkthrough", "meeting"),
    ("went-well", "What went well", "meeting"),
    ("went-poorly", "What went poorly", "meeting"),
    ("lucky", "Where we got lucky", "meeting"),
    ("whys", "5 Whys", "meeting"),
    ("factors", "Contributing factors", "meeting"),
    ("actions", "Action items", "meeting"),
    ("wrap-up", "Wrap-up", "meeting"),
    ("summary", "Summary and impact", "after"),
    ("export", "Export", "after"),
    ("follow-up", "Follow-up", "after"),
)
STEP_IDS: tuple[str, ...] = tuple(step_id for step_id, _, _ in _STEPS)
STEP_TITLES: dict[str, str] = {step_id: title for step_id, title, _ in _STEPS}


def agenda(depth: str, available: frozenset[str] | None = None) -> list[Step]:
    """The steps of a session of this depth, in order.

    `available` limits the agenda to the steps the caller can show (the app lists only the
    steps whose page exists); None means every step.
    """
    if depth not in TIMEBOXES:
        raise errors.ValidationError("depth", f"must be one of {', '.join(TIMEBOXES)}")
    boxes = TIMEBOXES[depth]
    steps = []
    for step_id, title, group in _STEPS:
        if group == "meeting" and step_id not in boxes:
            continue
        if available is not None and step_id not in available:
            continue
        steps.append(Step(step_id, title, group, boxes.get(step_id)))
    return steps


def total_minutes(depth: str) -> int:
    return sum(TIMEBOXES[depth].values())


def check_step(step_id: str) -> str:
    if step_id not in STEP_IDS:
        raise errors.ValidationError(
            "step", f"unknown step {step_id!r}; one of {', '.join(STEP_IDS)}"
        )
    return step_id
