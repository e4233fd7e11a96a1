"""From rows to a preview (folded, in time order, duplicates marked) and from there to entries."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from typing import Final

from sqlalchemy import select

from facilitator import collector, errors, sessions, timeline, times
from facilitator.db import models as m
from facilitator.db.store import Store
from facilitator.timeline_import.reading import parse
from facilitator.timeline_import.rows import ImportOptions, ImportRow, Parsed, Preview

# Messages of one person closer than this to the one before fold into one entry; a bot
# that keeps posting (still firing, still firing) folds over a longer run.
FOLD_WINDOW: Final = timedelta(minutes=1)
BOT_FOLD_WINDOW: Final = timedelta(minutes=10)
EXISTING: Final = "an existing entry"

Key = tuple[datetime, str]


def session_defaults(store: Store, session_id: str) -> tuple[str, date]:
    """The session's zone and the date a bare time refers to (`times.incident_date`): what
    an import reads times in unless told otherwise, shown before anything is imported."""
    with store.session() as db:
        session = sessions.get(db, session_id, full=False)
        return session.timezone, times.incident_date(session)


def existing_entries(store: Store, session_id: str) -> list[Key]:
    """(at, text) of the session's entries, for telling duplicates; two columns only, so a
    long timeline costs little."""
    with store.session() as db:
        sessions.get(db, session_id, full=False)
        query = select(m.TimelineEntry.at, m.TimelineEntry.text).where(
            m.TimelineEntry.session_id == session_id
        )
        return [(at, text) for at, text in db.execute(query)]


@collector.paused()
def build_preview(
    parsed: Parsed,
    existing: Iterable[Key] = (),
    *,
    fold: bool = False,
    display_timezone: str | None = None,
) -> Preview:
    """Readable rows in time order (equal times in source order), each marked when it
    repeats an existing entry or an earlier row, folded if asked; then the unreadable rows.

    Duplicates are marked before folding, so a message pasted twice is skipped rather than
    folded into itself; a folded row is checked against the timeline again afterwards, so
    importing the same log folded twice adds nothing the second time.
    """
    # Each row's instant is worked out once: sorting and comparing 100,000 rows would
    # otherwise convert every time several times over.
    timed = [(_utc(row), row.order, row) for row in parsed.rows if row.readable]
    timed.sort(key=lambda item: item[:2])
    known = {(at.astimezone(UTC), _same(text)) for at, text in existing}
    marked = _mark_duplicates(timed, known)
    if fold:
        kept = fold_rows([row for row in marked if not row.duplicate_of])
        skipped = [row for row in marked if row.duplicate_of]
        refolded = [
            replace(row, duplicate_of=EXISTING)
            if row.folded > 1 and (_utc(row), _same(row.text)) in known
            else row
            for row in kept
        ]
        marked = sorted([*refolded, *skipped], key=lambda row: (_utc(row), row.order))
    unreadable = [row for row in parsed.rows if not row.readable]
    zone = display_timezone or parsed.timezone
    return Preview(parsed, (*marked, *unreadable), zone, folded=fold)


def _mark_duplicates(
    timed: list[tuple[datetime, int, ImportRow]], known: set[Key]
) -> list[ImportRow]:
    seen: dict[Key, str] = dict.fromkeys(known, EXISTING)
    marked = []
    for at, _, row in timed:
        key = (at, _same(row.text))
        first = seen.get(key)
        if first is None:
            seen[key] = row.where
            marked.append(row)
        else:
            marked.append(replace(row, duplicate_of=first))
    return marked


def fold_rows(rows: list[ImportRow]) -> list[ImportRow]:
    """Fold chat messages (rows in time order) into the one before them when the same
    person posted it, in the same channel and thread, within FOLD_WINDOW of the previous
    message (BOT_FOLD_WINDOW for a bot), with the same kind: a FIRING and a RESOLVED stay
    two entries, because each is a moment on the timeline."""
    out: list[ImportRow] = []
    last: dict[tuple[str, str], tuple[int, datetime]] = {}  # place -> (index in out, time)
    for row in rows:
        if not row.author or row.at is None:
            out.append(row)
            continue
        place = (row.channel, row.thread)
        open_group = last.get(place)
        if open_group is not None:
            index, previous = open_group
            head = out[index]
            window = BOT_FOLD_WINDOW if row.bot else FOLD_WINDOW
            text = f"{head.text}\n{row.text}"
            if (
                (head.author, head.bot, head.kind) == (row.author, row.bot, row.kind)
                and _utc(row) - previous.astimezone(UTC) <= window
                and len(text) <= sessions.MAX_TEXT
            ):
                out[index] = replace(head, text=text, folded=head.folded + row.folded)
                last[place] = (index, row.at)
                continue
        last[place] = (len(out), row.at)
        out.append(row)
    return out


def preview_file(
    store: Store,
    session_id: str,
    path: str | os.PathLike[str],
    *,
    format: str | None = None,
    timezone: str | None = None,
    reference_date: date | None = None,
    mapping: Mapping[str, str] | None = None,
    channels: Iterable[str] | None = None,
    fold: bool = False,
) -> Preview:
    """Parse a file for a session and preview it against the session's timeline. Times
    without an offset are read in `timezone` (default: the session's), bare times from
    `reference_date` (default: the incident's date)."""
    zone, day = session_defaults(store, session_id)
    options = ImportOptions(
        timezone=timezone or zone,
        reference_date=reference_date or day,
        format=format,
        mapping=dict(mapping or {}),
        channels=frozenset(c.lstrip("#") for c in channels) if channels is not None else None,
    )
    parsed = parse(path, options)
    return build_preview(
        parsed, existing_entries(store, session_id), fold=fold, display_timezone=zone
    )


@collector.paused()
def commit(
    store: Store, session_id: str, rows: Iterable[ImportRow], *, source: str | None = None
) -> list[str]:
    """Add the chosen rows in one unit of work (all or none); return the new entries' ids in
    the order of `rows`, so the app can undo the import by removing them. Every row must be
    readable: the first that is not is named in the ValidationError and nothing is added."""
    chosen = list(rows)
    check_readable(chosen, source=source)
    # The rows themselves, not an EntryDraft made of each: they hold the same fields.
    return timeline.add_entries(store, session_id, chosen)


def check_readable(rows: Iterable[ImportRow], *, source: str | None = None) -> None:
    """ValidationError naming the first row that cannot be read (and how many more)."""
    bad = [row for row in rows if not row.readable]
    if bad:
        more = f" ({len(bad) - 1} more cannot be read either)" if len(bad) > 1 else ""
        problem = f"{bad[0].problem or 'cannot be read'}{more}; nothing was added"
        raise errors.ValidationError(bad[0].where, problem, source=source)


def _utc(row: ImportRow) -> datetime:
    assert row.at is not None  # only readable rows are sorted, folded and compared
    return row.at.astimezone(UTC)


def _same(text: str) -> str:
    """Text as duplicates compare it: the same words, whatever the spacing."""
    return " ".join(text.split())
