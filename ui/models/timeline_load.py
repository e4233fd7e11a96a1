"""A large timeline read off the GUI thread: the rows, and how the table's rows become them.

`read` runs in a worker: it reads the entries, builds the rows (entries and gaps) and works
out the changes from the rows the table shows (`Plan`), so that the GUI thread only applies
them: a few ranges removed and inserted, or one reset when rows moved or changed in too
many places. Reading and building 100,000 rows on the GUI thread stalled it 3-5 s.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Final

from facilitator import timeline
from facilitator.db.store import Store
from ui.models.timeline_rows import EntryRow, GapRow, Row, row_key, rows_of

# More separate ranges than this are shown with one reset: each range is a signal the view
# handles and a move of the rows after it.
MOST_RANGES: Final = 200

Key = tuple[str, str]


@dataclass(frozen=True)
class Plan:
    """How the table's rows (`base`) become `rows`: `removed` ranges (first, last) of the
    old rows, highest first; then `inserted` ranges (first, count) of the new rows, lowest
    first; then `changed` ranges (first, last) of new rows with new values. `reset` when
    the rows are better shown afresh (rows moved, or too many ranges)."""

    rows: list[Row]
    entries: list[EntryRow]
    index: dict[str, int]  # entry id → row
    gaps: list[int]  # the rows that are gaps
    seconds: bool  # whether some time has seconds (the time column is wider)
    removed: list[tuple[int, int]]
    inserted: list[tuple[int, int]]
    changed: list[tuple[int, int]]
    reset: bool
    dropped: list[Row]  # rows no longer shown, to let go of a slice at a time


def read(store: Store, session_id: str, base: Sequence[Row]) -> Plan:
    """The session's rows now and the plan from `base` to them (in a worker)."""
    from ui.timeline_import.waiting import big_job  # the collector off, the GIL handed on

    with big_job():
        entries = [EntryRow.of(entry) for entry in timeline.load_entries(store, session_id)]
        return plan(base, rows_of(entries), entries)


def plan(base: Sequence[Row], rows: list[Row], entries: list[EntryRow]) -> Plan:
    """The changes from `base` to `rows` (rows still equal to the old ones are the old
    objects, so the GUI thread compares nothing)."""
    old = {row_key(row): i for i, row in enumerate(base)}
    index: dict[str, int] = {}
    inserted: list[tuple[int, int]] = []
    changed: list[tuple[int, int]] = []
    kept: list[int] = []  # old rows still there, in their new order
    for i, row in enumerate(rows):
        key = row_key(row)
        if key[0] == "entry":
            index[key[1]] = i
        was = old.pop(key, None)
        if was is None:
            _extend(inserted, i, count=True)
            continue
        kept.append(was)
        if base[was] == row:
            rows[i] = base[was]
        else:
            _extend(changed, i)
    removed: list[tuple[int, int]] = []
    for i in sorted(old.values()):
        _extend(removed, i)
    removed.reverse()
    moved = any(a > b for a, b in pairwise(kept))
    ranges = len(removed) + len(inserted) + len(changed)
    return Plan(
        rows=rows,
        entries=entries,
        index=index,
        gaps=[i for i, row in enumerate(rows) if isinstance(row, GapRow)],
        seconds=any(entry.at.second for entry in entries),
        removed=removed,
        inserted=inserted,
        changed=changed,
        reset=moved or ranges > MOST_RANGES,
        dropped=[base[i] for i in old.values()],
    )


def _extend(ranges: list[tuple[int, int]], i: int, *, count: bool = False) -> None:
    """Add row `i` to the last range when it follows it, else start a range. Ranges are
    (first, last), or (first, count) with `count`."""
    if ranges:
        first, second = ranges[-1]
        last = first + second - 1 if count else second
        if last == i - 1:
            ranges[-1] = (first, second + 1 if count else i)
            return
    ranges.append((i, 1) if count else (i, i))
