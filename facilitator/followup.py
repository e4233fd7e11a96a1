"""Follow-through across sessions: action items of every live session, filtered the ways a
follow-up meeting asks (overdue, due this week, by owner, by status), their completion figures,
and exports for an issue tracker (CSV) and a calendar (iCalendar).

Definitions:
- overdue: open or in progress, with a deadline before today;
- due this week: open or in progress, with a deadline in the calendar week (Monday to Sunday)
  holding today, overdue ones excluded;
- completion rate: done items over all items that are not dropped (dropping an item is a
  decision, not a failure to finish it); None when no item counts;
- time to complete: from the session's meeting (its creation when no meeting time is set)
  to the item's completion time, counted as zero when the item was done before the meeting
  (a fix made during the incident); the median is over done items with a completion time.
"""

from __future__ import annotations

import csv
import io
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select

from facilitator import errors
from facilitator.actions import OPEN_STATUSES, check_tracker_url
from facilitator.db import models as m
from facilitator.db.store import Store
from facilitator.metrics import format_duration

CSV_HEADER = ("Title", "Owner", "Due", "Priority", "Status", "Session", "Success criteria")
PRODID = "-//Post-mortem Facilitator//Action items//EN"
UID_DOMAIN = "postmortem-facilitator"
_LINE_OCTETS = 75  # RFC 5545 section 3.1: a content line is at most 75 octets, then folded
# Spreadsheets run a cell starting with one of these as a formula (CSV injection): such a
# cell gets a leading apostrophe, as OWASP advises.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class FollowUpItem:
    """One action item with what the follow-up shows about its session."""

    action_id: str
    session_id: str
    session_title: str
    incident_ref: str
    number: int  # 1-based, as `check` shows it (`actions[N]`)
    title: str
    owner: str
    due: date | None
    priority: str
    kind: str
    status: str
    success_criteria: str
    completed_at: datetime | None
    rationale: str
    tracker_url: str
    started_at: datetime  # the session's meeting time, else when it was created

    @property
    def session_label(self) -> str:
        """The session as a person names it: `INC-2291 Checkout outage`."""
        return (
            f"{self.incident_ref} {self.session_title}" if self.incident_ref else self.session_title
        )

    def is_overdue(self, today: date) -> bool:
        return self.status in OPEN_STATUSES and self.due is not None and self.due < today

    @property
    def time_to_complete(self) -> timedelta | None:
        if self.status != "done" or self.completed_at is None:
            return None
        return max(self.completed_at - self.started_at, timedelta(0))


@dataclass(frozen=True)
class FollowUpStats:
    """Counts and figures over a set of items (see the module docstring for definitions)."""

    total: int
    open: int
    in_progress: int
    done: int
    dropped: int
    overdue: int
    completion_rate: float | None
    median_time_to_complete: timedelta | None


def week_of(today: date) -> tuple[date, date]:
    """Monday and Sunday of the calendar week holding `today`."""
    monday = today - timedelta(days=today.weekday())
    return monday, monday + timedelta(days=6)


def list_items(
    store: Store,
    *,
    overdue: bool = False,
    due_this_week: bool = False,
    owner: str | None = None,
    status: str | Iterable[str] | None = None,
    priority: str | Iterable[str] | None = None,
    session_id: str | None = None,
    today: date | None = None,
) -> list[FollowUpItem]:
    """Action items of every live session (or of one, `session_id`) matching all the filters
    given, soonest deadline first (items without one last), then by session and number.
    `owner` compares names case-insensitively, ignoring extra spaces. `today` defaults to
    the machine's date."""
    today = today or date.today()
    statuses = _choices("status", status, m.ACTION_STATUSES)
    priorities = _choices("priority", priority, m.PRIORITIES)
    A, S = m.ActionItem, m.Session
    query = select(A, S).join(S, A.session_id == S.id).where(S.deleted_at.is_(None))
    if session_id is not None:
        query = query.where(A.session_id == session_id)
    if statuses is not None:
        query = query.where(A.status.in_(statuses))
    if priorities is not None:
        query = query.where(A.priority.in_(priorities))
    if overdue or due_this_week:
        query = query.where(A.status.in_(OPEN_STATUSES), A.due.is_not(None))
    if overdue:
        query = query.where(A.due < today)
    if due_this_week:
        monday, sunday = week_of(today)
        query = query.where(A.due >= max(monday, today), A.due <= sunday)
    wanted = _name_key(owner) if owner is not None else None
    with store.session() as db:
        rows = db.execute(query).all()
    items = [
        _item(action, session)
        for action, session in rows
        if wanted is None or _name_key(action.owner) == wanted
    ]
    return sorted(items, key=_order)


def owners(items: Iterable[FollowUpItem]) -> list[str]:
    """Every owner named, once each (first spelling kept), in alphabetical order."""
    seen: dict[str, str] = {}
    for item in items:
        if item.owner.strip():
            seen.setdefault(_name_key(item.owner), " ".join(item.owner.split()))
    return sorted(seen.values(), key=str.casefold)


def by_owner(items: Iterable[FollowUpItem]) -> dict[str, list[FollowUpItem]]:
    """Items grouped by owner (as `owners` spells them; "" for items without one)."""
    items = list(items)
    spelled = {_name_key(name): name for name in owners(items)}
    groups: dict[str, list[FollowUpItem]] = {}
    for item in items:
        groups.setdefault(spelled.get(_name_key(item.owner), ""), []).append(item)
    return groups


def completion_stats(items: Iterable[FollowUpItem], *, today: date | None = None) -> FollowUpStats:
    """The follow-up figures over `items` (filter them first to scope the figures)."""
    today = today or date.today()
    items = list(items)
    count = {status: sum(i.status == status for i in items) for status in m.ACTION_STATUSES}
    counted = len(items) - count["dropped"]
    durations = [d for i in items if (d := i.time_to_complete) is not None]
    return FollowUpStats(
        total=len(items),
        open=count["open"],
        in_progress=count["in_progress"],
        done=count["done"],
        dropped=count["dropped"],
        overdue=sum(i.is_overdue(today) for i in items),
        completion_rate=count["done"] / counted if counted else None,
        median_time_to_complete=_median(durations),
    )


def format_items(items: Sequence[FollowUpItem], *, today: date | None = None) -> list[str]:
    """What `facilitator actions` prints: one line an item, then the figures."""
    today = today or date.today()
    if not items:
        return ["No action items."]
    width = min(max(len(" ".join(i.owner.split()) or "-") for i in items), 24)
    lines = []
    for item in items:
        due = item.due.isoformat() if item.due else "-"
        status = item.status.replace("_", " ") + (", overdue" if item.is_overdue(today) else "")
        owner = _clip(" ".join(item.owner.split()) or "-", width)
        lines.append(
            f"{due:<10}  {status:<17}  {item.priority:<6}  {owner:<{width}}  "
            f"{_clip(item.title, 60)}  [{_clip(item.session_label, 40)}]"
        )
    lines.append(summary_line(completion_stats(items, today=today)))
    return lines


def summary_line(stats: FollowUpStats) -> str:
    """The figures in one sentence: counts, completion rate, median time to complete."""
    parts = [
        f"{stats.total} item{'' if stats.total == 1 else 's'}: {stats.done} done, "
        f"{stats.in_progress} in progress, {stats.open} open, {stats.dropped} dropped",
        f"{stats.overdue} overdue",
    ]
    if stats.completion_rate is not None:
        parts.append(f"completion rate {stats.completion_rate:.0%}")
    if stats.median_time_to_complete is not None:
        parts.append(f"median time to complete {format_duration(stats.median_time_to_complete)}")
    return "; ".join(parts) + "."


def _clip(text: str, limit: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


# --- CSV ------------------------------------------------------------------------------------


def export_csv(items: Iterable[FollowUpItem]) -> str:
    """RFC 4180 CSV (CRLF line ends, fields quoted where needed) with a header row, one row an
    item: what an issue tracker's importer maps. Write it as UTF-8."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for item in items:
        writer.writerow(
            _cell(value)
            for value in (
                item.title,
                item.owner,
                item.due.isoformat() if item.due else "",
                item.priority,
                item.status,
                item.session_label,
                item.success_criteria,
            )
        )
    return out.getvalue()


def _cell(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


# --- iCalendar ------------------------------------------------------------------------------


def export_ics(items: Iterable[FollowUpItem], *, stamp: datetime | None = None) -> str:
    """An iCalendar file (RFC 5545) with one all-day event on each item's deadline (items
    without one are left out). UIDs come from the item ids, so importing a newer export
    updates the events rather than adding copies. `stamp` (DTSTAMP) defaults to now."""
    stamp = (stamp or datetime.now(UTC)).astimezone(UTC)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:Post-mortem action items",
    ]
    for item in items:
        if item.due is not None:
            lines += _event(item, item.due, stamp)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def _event(item: FollowUpItem, due: date, stamp: datetime) -> list[str]:
    details = [
        f"Owner: {item.owner or '(none)'}",
        f"Success criteria: {item.success_criteria or '(none)'}",
        f"Priority: {item.priority}",
        f"Status: {item.status.replace('_', ' ')}",
        f"Session: {item.session_label}",
    ]
    event = [
        "BEGIN:VEVENT",
        f"UID:{item.action_id}@{UID_DOMAIN}",
        f"DTSTAMP:{stamp:%Y%m%dT%H%M%SZ}",
        f"DTSTART;VALUE=DATE:{due:%Y%m%d}",
        f"DTEND;VALUE=DATE:{due + timedelta(days=1):%Y%m%d}",  # DTEND is exclusive
        f"SUMMARY:{escape_text(item.title or '(untitled action item)')}",
        f"DESCRIPTION:{escape_text(chr(10).join(details))}",
        # A deadline is a marker, not time taken: it must not show the owner as busy.
        "TRANSP:TRANSPARENT",
        f"STATUS:{'CANCELLED' if item.status == 'dropped' else 'CONFIRMED'}",
    ]
    if _safe_url(item.tracker_url):
        event.append(f"URL:{item.tracker_url.strip()}")
    event.append("END:VEVENT")
    return event


def escape_text(text: str) -> str:
    """An iCalendar TEXT value: backslash, semicolon, comma and line breaks escaped."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")
    # Other control characters are not allowed in a content line at all.
    return "".join(c for c in text if c == "\t" or (ord(c) >= 32 and c != "\x7f"))


def fold(line: str) -> str:
    """Fold a content line into lines of at most 75 octets (the continuation lines start with
    a space, which counts), never splitting a UTF-8 character."""
    parts: list[str] = []
    current: list[str] = []
    size, limit = 0, _LINE_OCTETS
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            parts.append("".join(current))
            # Continuation lines start with a space, which counts against the limit.
            current, size, limit = [], 0, _LINE_OCTETS - 1
        current.append(char)
        size += width
    parts.append("".join(current))
    return "\r\n ".join(parts)


# --- helpers --------------------------------------------------------------------------------


def _item(action: m.ActionItem, session: m.Session) -> FollowUpItem:
    return FollowUpItem(
        action_id=action.id,
        session_id=session.id,
        session_title=session.title,
        incident_ref=session.incident_ref,
        number=action.position + 1,
        title=action.title,
        owner=action.owner,
        due=action.due,
        priority=action.priority,
        kind=action.kind,
        status=action.status,
        success_criteria=action.success_criteria,
        completed_at=action.completed_at,
        rationale=action.rationale,
        tracker_url=action.tracker_url,
        started_at=session.meeting_at or session.created_at,
    )


def _order(item: FollowUpItem) -> tuple[bool, date, str, str, int]:
    return (
        item.due is None,
        item.due or date.min,
        item.session_label,
        item.session_id,
        item.number,
    )


def _name_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def _choices(
    field: str, value: str | Iterable[str] | None, allowed: Sequence[str]
) -> list[str] | None:
    if value is None:
        return None
    chosen = [value] if isinstance(value, str) else list(value)
    for choice in chosen:
        if choice not in allowed:
            raise errors.ValidationError(
                field, f"must be one of {', '.join(allowed)}, not {choice!r}"
            )
    return chosen


def _median(durations: Sequence[timedelta]) -> timedelta | None:
    if not durations:
        return None
    return timedelta(seconds=statistics.median(d.total_seconds() for d in durations))


def _safe_url(url: str) -> bool:
    try:
        return bool(check_tracker_url("tracker_url", url))
    except errors.ValidationError:
        return False
