"""Follow-up across sessions: filters, figures, CSV and iCalendar exports, the CLI command."""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from facilitator import actions, cli, errors, followup, sessions
from facilitator.db.store import Store
from facilitator.followup import FollowUpItem

TODAY = date(2026, 11, 26)  # a Thursday: its week runs from Monday 23 to Sunday 29
MEETING = datetime(2026, 11, 2, 14, 0, tzinfo=UTC)


@pytest.fixture
def filled(store: Store) -> dict[str, str]:
    """Two live sessions and one in the trash, with items in every state."""
    first = sessions.create_session(store, "Checkout outage", meeting_at=MEETING)
    sessions.update_session(store, first, incident_ref="INC-1")
    second = sessions.create_session(store, "Search outage")
    trashed = sessions.create_session(store, "Trashed")
    ids = {
        "overdue": actions.add_action(
            store, first, "Overdue", owner="Alice Chen", due=date(2026, 11, 20), priority="must"
        ),
        "this_week": actions.add_action(
            store, first, "This week", owner="alice  chen", due=date(2026, 11, 29)
        ),
        "today": actions.add_action(
            store, second, "Today", owner="Bo", due=TODAY, status="in_progress"
        ),
        "next_week": actions.add_action(
            store, second, "Next week", owner="Bo", due=date(2026, 11, 30)
        ),
        "done": actions.add_action(
            store,
            first,
            "Done",
            owner="Bo",
            due=date(2026, 11, 10),
            status="done",
            completed_at=MEETING + timedelta(days=4),
        ),
        "dropped": actions.add_action(
            store, second, "Dropped", status="dropped", rationale="moot", priority="nice"
        ),
        "no_due": actions.add_action(store, second, "No due", owner="Cleo"),
    }
    actions.add_action(store, trashed, "In the trash", due=date(2026, 11, 1))
    sessions.delete_session(store, trashed)
    return ids


def titles(items: list[FollowUpItem]) -> list[str]:
    return [item.title for item in items]


def test_lists_every_live_item_soonest_deadline_first(store: Store, filled: dict[str, str]) -> None:
    items = followup.list_items(store, today=TODAY)
    assert titles(items) == [
        "Done",
        "Overdue",
        "Today",
        "This week",
        "Next week",
        "Dropped",
        "No due",
    ]
    first = items[1]
    assert (first.session_label, first.number, first.priority) == (
        "INC-1 Checkout outage",
        1,
        "must",
    )
    assert first.started_at == MEETING


def test_filters(store: Store, filled: dict[str, str]) -> None:
    def listed(**filters: object) -> list[str]:
        return titles(followup.list_items(store, today=TODAY, **filters))  # type: ignore[arg-type]

    assert listed(overdue=True) == ["Overdue"]
    assert listed(due_this_week=True) == ["Today", "This week"]
    assert listed(owner="ALICE CHEN") == ["Overdue", "This week"]
    assert listed(owner=" bo ") == ["Done", "Today", "Next week"]
    assert listed(status="done") == ["Done"]
    assert sorted(listed(status=["open", "in_progress"])) == sorted(
        ["Overdue", "Today", "This week", "Next week", "No due"]
    )
    assert listed(priority="nice") == ["Dropped"]
    assert listed(owner="Bo", due_this_week=True) == ["Today"]
    checkout = next(i.session_id for i in followup.list_items(store) if i.title == "Overdue")
    assert listed(session_id=checkout) == ["Done", "Overdue", "This week"]
    assert listed(session_id=checkout, owner="Bo") == ["Done"]
    with pytest.raises(errors.ValidationError, match="status: must be one of"):
        listed(status="closed")


def test_week_of_runs_monday_to_sunday() -> None:
    assert followup.week_of(TODAY) == (date(2026, 11, 23), date(2026, 11, 29))
    assert followup.week_of(date(2026, 11, 23)) == (date(2026, 11, 23), date(2026, 11, 29))
    assert followup.week_of(date(2026, 11, 29)) == (date(2026, 11, 23), date(2026, 11, 29))


def test_owners_and_grouping(store: Store, filled: dict[str, str]) -> None:
    items = followup.list_items(store, today=TODAY)
    assert followup.owners(items) == ["Alice Chen", "Bo", "Cleo"]
    groups = followup.by_owner(items)
    assert sorted(titles(groups["Alice Chen"])) == ["Overdue", "This week"]
    assert titles(groups[""]) == ["Dropped"]


def test_completion_figures(store: Store, filled: dict[str, str]) -> None:
    stats = followup.completion_stats(followup.list_items(store, today=TODAY), today=TODAY)
    assert (stats.total, stats.open, stats.in_progress, stats.done, stats.dropped) == (
        7,
        4,
        1,
        1,
        1,
    )
    assert stats.overdue == 1
    assert stats.completion_rate == pytest.approx(1 / 6)  # the dropped item does not count
    assert stats.median_time_to_complete == timedelta(days=4)  # from the meeting


def item(**fields: object) -> FollowUpItem:
    values: dict[str, object] = {
        "action_id": "a1",
        "session_id": "s1",
        "session_title": "Outage",
        "incident_ref": "",
        "number": 1,
        "title": "Alert on saturation",
        "owner": "Alice",
        "due": date(2026, 12, 1),
        "priority": "must",
        "kind": "detect",
        "status": "open",
        "success_criteria": "",
        "completed_at": None,
        "rationale": "",
        "tracker_url": "",
        "started_at": MEETING,
        **fields,
    }
    return FollowUpItem(**values)  # type: ignore[arg-type]


def test_median_time_to_complete_and_items_done_before_the_meeting() -> None:
    done = [item(status="done", completed_at=MEETING + timedelta(days=days)) for days in (1, 3, 10)]
    early = item(status="done", completed_at=MEETING - timedelta(hours=5))
    assert early.time_to_complete == timedelta(0)
    assert followup.completion_stats(done).median_time_to_complete == timedelta(days=3)
    both = followup.completion_stats([*done, early])
    assert both.median_time_to_complete == timedelta(days=2)
    nothing = followup.completion_stats([item(status="dropped")])
    assert (nothing.completion_rate, nothing.median_time_to_complete) == (None, None)
    assert item(status="done").time_to_complete is None  # no completion time: not counted


# --- CSV ------------------------------------------------------------------------------------


def test_csv_parses_back_with_every_tricky_value() -> None:
    tricky = [
        item(title='Quote " and, comma', owner="Tomás Ferreira", success_criteria="line 1\nline 2"),
        item(title='=HYPERLINK("http://evil")', owner="@alice", due=None, incident_ref="INC-9"),
    ]
    text = followup.export_csv(tricky)
    assert text.endswith("\r\n")
    assert text.splitlines()[0] == ",".join(followup.CSV_HEADER)
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == ["Title", "Owner", "Due", "Priority", "Status", "Session", "Success criteria"]
    assert rows[1] == [
        'Quote " and, comma',
        "Tomás Ferreira",
        "2026-12-01",
        "must",
        "open",
        "Outage",
        "line 1\nline 2",
    ]
    # A cell a spreadsheet would run as a formula is defused.
    assert rows[2][:3] == ['\'=HYPERLINK("http://evil")', "'@alice", ""]
    assert rows[2][5] == "INC-9 Outage"
    assert text.encode("utf-8").decode("utf-8") == text
    # Every record ends in CRLF: the embedded newline is inside quotes.
    assert text.count("\r\n") == 3


def test_csv_of_nothing_is_the_header() -> None:
    assert followup.export_csv([]) == ",".join(followup.CSV_HEADER) + "\r\n"


# --- iCalendar ------------------------------------------------------------------------------

STAMP = datetime(2026, 11, 27, 9, 30, tzinfo=UTC)


def unfold(text: str) -> list[str]:
    return text.replace("\r\n ", "").split("\r\n")[:-1]


def events(text: str) -> list[dict[str, str]]:
    found: list[dict[str, str]] = []
    for line in unfold(text):
        if line == "BEGIN:VEVENT":
            found.append({})
        elif found and line != "END:VEVENT" and ":" in line:
            name, value = line.split(":", 1)
            found[-1].setdefault(name, value)
    return found


def test_ics_structure_and_line_rules() -> None:
    long_title = "Zeitüberschreitung bei der Verbindung – " * 5 + "✓"
    items = [
        item(title=long_title, success_criteria="a; b, c\\d\nnext", tracker_url="https://t.test/1"),
        item(action_id="a2", due=None),  # no deadline: no event
        item(action_id="a3", status="dropped", tracker_url="javascript:alert(1)"),
    ]
    text = followup.export_ics(items, stamp=STAMP)
    raw = text.encode("utf-8")
    assert raw.endswith(b"\r\n")
    assert b"\n" not in raw.replace(b"\r\n", b"")  # CRLF only
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    lines = unfold(text)
    assert lines[0] == "BEGIN:VCALENDAR"
    assert lines[-1] == "END:VCALENDAR"
    assert {"VERSION:2.0", f"PRODID:{followup.PRODID}"} <= set(lines)
    assert lines.count("BEGIN:VEVENT") == lines.count("END:VEVENT") == 2
    first, dropped = events(text)
    for event in (first, dropped):
        assert {"UID", "DTSTAMP", "DTSTART;VALUE=DATE", "DTEND;VALUE=DATE", "SUMMARY"} <= set(event)
        assert event["DTSTAMP"] == "20261127T093000Z"
        assert (event["DTSTART;VALUE=DATE"], event["DTEND;VALUE=DATE"]) == ("20261201", "20261202")
    assert first["UID"] == "a1@postmortem-facilitator"
    assert first["SUMMARY"] == long_title
    assert "Success criteria: a\\; b\\, c\\\\d\\nnext" in first["DESCRIPTION"]
    assert first["URL"] == "https://t.test/1"
    assert first["STATUS"] == "CONFIRMED"
    assert dropped["STATUS"] == "CANCELLED"
    assert "URL" not in dropped  # only http(s) links become URLs


def test_ics_uids_are_stable_across_exports() -> None:
    one = followup.export_ics([item()], stamp=STAMP)
    two = followup.export_ics([item(title="Renamed")], stamp=STAMP + timedelta(days=1))
    assert events(one)[0]["UID"] == events(two)[0]["UID"]


@pytest.mark.parametrize(
    "text", ["", "a" * 74, "a" * 75, "a" * 76, "é" * 80, "😀" * 40, "a" + "€" * 50]
)
def test_folding_keeps_characters_whole_and_lines_short(text: str) -> None:
    folded = followup.fold(text)
    parts = folded.split("\r\n")
    assert all(len(part.encode("utf-8")) <= 75 for part in parts)
    assert all(part.startswith(" ") for part in parts[1:])
    assert folded.replace("\r\n ", "") == text


def test_escape_text_drops_control_characters() -> None:
    assert followup.escape_text("a\x00b\x07c\td") == "abc\td"
    assert followup.escape_text("x\r\ny\rz") == "x\\ny\\nz"


# --- the CLI --------------------------------------------------------------------------------


def test_cli_actions_lists_and_exports(
    store: Store, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    session_id = sessions.create_session(store, "Outage")
    actions.add_action(store, session_id, "Long overdue", owner="Alice", due=date(2020, 1, 1))
    actions.add_action(store, session_id, "Later", owner="Bo", due=date(2999, 1, 1))
    assert cli.main(["--db", str(db_path), "actions"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("2020-01-01  open, overdue")
    assert "Later" in out[1]
    assert re.match(r"2 items: 0 done, 0 in progress, 2 open, 0 dropped; 1 overdue", out[2])
    assert cli.main(["--db", str(db_path), "actions", "--overdue"]) == 0
    assert "Later" not in capsys.readouterr().out
    csv_path, ics_path = tmp_path / "items.csv", tmp_path / "items.ics"
    status = cli.main(
        [
            "--db",
            str(db_path),
            "actions",
            "--owner",
            "bo",
            "--csv",
            str(csv_path),
            "--ics",
            str(ics_path),
        ]
    )
    assert status == 0
    assert capsys.readouterr().out == ""
    rows = list(csv.reader(io.StringIO(csv_path.read_text(encoding="utf-8"), newline="")))
    assert [row[0] for row in rows] == ["Title", "Later"]
    assert ics_path.read_bytes().count(b"BEGIN:VEVENT\r\n") == 1


def test_cli_actions_with_nothing_to_show(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["--db", str(db_path), "actions", "--status", "done"]) == 0
    assert capsys.readouterr().out == "No action items.\n"
