"""Timeline import: every source shape, time zones, duplicates, folding, bad input, the CLI."""

from __future__ import annotations

import contextlib
import io
import shutil
import zipfile
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from facilitator import cli, errors, sessions, timeline, timeline_import as ti, times
from facilitator.db.store import Store, open_store
from facilitator.timeline_import import slack
from facilitator.timeline_import.clock import Clock

FIXTURES = Path(__file__).parent / "fixtures" / "timeline"
BERLIN = "Europe/Berlin"
DAY = date(2026, 3, 4)
OPTIONS = ti.ImportOptions(BERLIN, DAY)


def read(name: str, *, fold: bool = False, **options: Any) -> ti.Preview:
    """Parse a fixture (Berlin, March 4 unless told otherwise) and preview it."""
    parsed = ti.parse(FIXTURES / name, replace(OPTIONS, **options))
    return ti.build_preview(parsed, fold=fold)


def berlin(text: str) -> datetime:
    """A wall time in Berlin: ``2026-03-04 14:02``."""
    return datetime.fromisoformat(text).replace(tzinfo=times.zone(BERLIN))


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def texts(preview: ti.Preview) -> list[str]:
    return [row.text for row in preview.to_add]


@pytest.fixture
def session_id(store: Store) -> str:
    return sessions.create_session(store, "Checkout outage", timezone=BERLIN)


# --- CSV and TSV -------------------------------------------------------------------------


def test_csv_header_synonyms_and_every_time_form() -> None:
    preview = read("spreadsheet.csv")
    assert preview.format == "csv"
    assert dict(preview.parsed.mapping) == {
        "at": "Timestamp",
        "text": "Event",
        "kind": "Type",
        "source": "Source",
    }
    rows = preview.to_add
    assert [row.where for row in rows] == [
        "line 2",
        "line 3",
        "line 4",
        "line 6",
        "line 7",
        "line 8",
    ]
    assert [row.at.astimezone(UTC) if row.at else None for row in rows] == [
        utc("2026-03-04 13:02"),  # ISO 8601 with an offset
        utc("2026-03-04 13:05"),  # YYYY-MM-DD HH:MM in the session's zone
        utc("2026-03-04 13:07:30"),  # … with seconds
        utc("2026-03-04 13:10"),  # epoch seconds
        utc("2026-03-04 13:15"),  # epoch milliseconds
        utc("2026-03-04 13:40"),
    ]
    assert (
        rows[2].text == "Checkout pods restarting, pool at 100%\n(a second line in the same cell)"
    )
    assert [(row.kind, row.kind_guessed) for row in rows] == [
        ("alert", True),
        ("escalation", True),
        ("action", False),  # the Type column said so
        ("mitigation", True),
        ("communication", True),
        ("resolution", False),
    ]
    assert rows[3].source == "Argo CD"


def test_tsv_with_mixed_offsets_keeps_them_and_sorts_by_instant() -> None:
    preview = read("monitoring.tsv")
    assert preview.parsed.delimiter == "\t"
    rows = preview.to_add
    assert [row.where for row in rows] == ["line 2", "line 4", "line 3", "line 5"]
    offsets = [row.at.utcoffset() for row in rows if row.at]
    assert offsets == [timedelta(0), timedelta(hours=1), timedelta(hours=-5), timedelta(0)]
    assert rows[3].at == utc("2026-03-04 13:04:00.250")
    assert [row.source for row in rows] == ["lb-1", "db-primary", "synthetics", "k8s"]


def test_a_table_without_a_header_is_mapped_by_what_its_columns_hold() -> None:
    preview = read("headerless.csv")
    assert dict(preview.parsed.mapping) == {"at": "1", "text": "2"}
    assert texts(preview) == ["Alert fired on checkout", "Incident channel opened"]


def test_date_and_time_in_two_columns_and_semicolons() -> None:
    preview = read("split-date.csv")
    assert preview.parsed.delimiter == ";"
    assert [row.at for row in preview.to_add] == [
        berlin("2026-03-04 23:50"),
        berlin("2026-03-05 00:05"),
    ]


def test_an_explicit_mapping_wins_over_the_names(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text("When it happened,What,Note\n2026-03-04 14:02,Alert fired,from Grafana\n")
    parsed = ti.parse(path, replace(OPTIONS, mapping={"at": "When it happened", "text": "note"}))
    (row,) = parsed.rows
    assert (row.at, row.text) == (berlin("2026-03-04 14:02"), "from Grafana")
    numbered = tmp_path / "numbered.csv"
    numbered.write_text("Alert fired,2026-03-04 14:02\n")
    (row,) = ti.parse(numbered, replace(OPTIONS, mapping={"at": "2", "text": "1"})).rows
    assert (row.at, row.text) == (berlin("2026-03-04 14:02"), "Alert fired")


@pytest.mark.parametrize(
    ("mapping", "message"),
    [
        ({"colour": "Event"}, "mapping: unknown field 'colour'; the fields are at, date, text"),
        ({"at": "Time"}, "spreadsheet.csv has no column 'Time'; its columns are 'Timestamp'"),
    ],
)
def test_an_explicit_mapping_naming_nothing_is_refused(
    mapping: dict[str, str], message: str
) -> None:
    with pytest.raises(errors.ValidationError, match=message):
        read("spreadsheet.csv", mapping=mapping)


def test_a_table_without_times_says_which_mapping_is_missing(tmp_path: Path) -> None:
    path = tmp_path / "notes.csv"
    path.write_text("who,what\nalice,looked at graphs\n")
    with pytest.raises(errors.ValidationError, match=r"no column of notes\.csv holds the times"):
        ti.parse(path, OPTIONS)


# --- time zones ----------------------------------------------------------------------------


def test_a_time_the_clocks_skipped_is_flagged_on_its_row_not_guessed() -> None:
    preview = read("dst-spring.csv")
    assert [row.at for row in preview.to_add] == [
        berlin("2026-03-29 01:55"),
        berlin("2026-03-29 03:05"),
    ]
    (bad,) = preview.unreadable
    assert bad.where == "line 3"
    assert bad.at is None
    assert "does not exist in Europe/Berlin" in bad.problem
    assert "03:30" in bad.problem


def test_an_hour_shown_twice_is_flagged_and_offsets_tell_the_two_apart() -> None:
    preview = read("dst-autumn.txt")
    rows = preview.to_add
    assert [row.at.astimezone(UTC) if row.at else None for row in rows] == [
        utc("2026-10-24 23:50"),
        utc("2026-10-24 23:58"),
        utc("2026-10-25 00:30"),  # 02:30+02:00, the first 02:30
        utc("2026-10-25 01:30"),  # 02:30+01:00, the second
        utc("2026-10-25 02:10"),
    ]
    (bad,) = preview.unreadable
    assert bad.where == "line 5"
    assert "happened twice in Europe/Berlin" in bad.problem
    assert "02:45+02:00" in bad.problem


def test_times_without_an_offset_are_read_in_the_zone_chosen(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("time,event\n2026-03-04 14:02,Alert\n2026-03-04T14:03:00Z,Page\n")
    rows = ti.parse(path, replace(OPTIONS, timezone="America/New_York")).rows
    assert rows[0].at == datetime(2026, 3, 4, 19, 2, tzinfo=UTC)
    assert rows[1].at == utc("2026-03-04 14:03")  # an offset in the source wins


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1772629800", utc("2026-03-04 13:10")),
        ("1772629800.5", utc("2026-03-04 13:10:00.5")),
        ("1772629800123", utc("2026-03-04 13:10:00.123")),
        ("1772629800123456", utc("2026-03-04 13:10:00.123456")),
        ("1772629800123456789", utc("2026-03-04 13:10:00.123457")),
        ("2026-03-04 13:10:00 UTC", utc("2026-03-04 13:10")),
        ("2026/03/04 14:10", berlin("2026-03-04 14:10")),
        ("2026-03-04T14:10:00+0100", utc("2026-03-04 13:10")),
        ("14:10", berlin("2026-03-04 14:10")),
        ("+1d 00:10", berlin("2026-03-05 00:10")),
    ],
)
def test_time_forms(value: str, expected: datetime) -> None:
    clock = Clock(BERLIN, DAY)
    assert clock.read(value, "line 2") == expected


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("17726298001", "is a number but not a time since 1970"),
        ("04/03/2026 14:10", "the day and the month could be either way round"),
        ("2026-03-04", "has a date but no time"),
        ("yesterday", "is not a time"),
        ("", "has no time"),
        ("25:99", "is not a time"),
    ],
)
def test_times_that_cannot_be_read(value: str, problem: str) -> None:
    with pytest.raises(errors.ValidationError, match=problem) as caught:
        Clock(BERLIN, DAY).read(value, "line 7")
    assert caught.value.where == "line 7"


# --- JSON -------------------------------------------------------------------------------


def test_a_json_array_of_objects_is_mapped_like_a_table() -> None:
    preview = read("events.json")
    assert preview.format == "json"
    rows = preview.to_add
    assert [row.at for row in rows] == [
        utc("2026-03-04 13:00"),  # epoch milliseconds as a JSON number
        berlin("2026-03-04 14:05"),
        berlin("2026-03-04 14:10"),
    ]
    assert (rows[0].kind, rows[0].kind_guessed, rows[0].source) == ("alert", False, "checkout")
    assert rows[2].notes == "via Argo CD"


def test_a_list_wrapped_in_an_object() -> None:
    assert texts(read("wrapped.json")) == ["Alert fired", "Incident resolved"]


def test_an_exchange_file_gives_its_timeline_as_it_is() -> None:
    rows = read("exchange.json").to_add
    assert [(row.kind, row.kind_guessed, row.key) for row in rows] == [
        ("detection", False, True),
        ("resolution", False, False),
    ]
    assert (rows[0].source, rows[1].notes) == ("Support", "confirmed by synthetics")


def test_exchange_entries_that_break_the_format_are_flagged(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text(
        '{"format": "postmortem-facilitator", "version": 1, "session": {"title": "t", '
        '"timeline": [{"at": "2026-03-04T14:02:00+01:00", "colour": "red"}, '
        '{"at": "2026-03-04T14:03:00+01:00", "kind": "panic"}, {"text": "no time"}]}}'
    )
    problems = [row.problem for row in ti.parse(path, OPTIONS).rows]
    assert problems[0] == "has an unknown key 'colour'"
    assert problems[1].startswith("kind must be one of detection")
    assert problems[2] == "has no time (at)"
    path.write_text('{"format": "postmortem-facilitator", "version": 2, "session": {}}')
    with pytest.raises(errors.ValidationError, match="we read version 1"):
        ti.parse(path, OPTIONS)


# --- chat logs ----------------------------------------------------------------------------


def test_a_chat_log_rolls_over_midnight_and_joins_continuation_lines() -> None:
    preview = read("chat-bracket.txt")
    assert preview.format == "chat"
    rows = preview.to_add
    assert [row.at for row in rows] == [
        berlin("2026-03-04 22:50"),
        berlin("2026-03-04 22:51"),
        berlin("2026-03-04 22:54"),
        berlin("2026-03-04 23:59"),
        berlin("2026-03-05 00:12"),
        berlin("2026-03-05 00:20"),
    ]
    assert rows[1].text == (
        "looking at it\nthe pool graph is flat at 100%\nand the retries are climbing"
    )
    assert [row.author for row in rows] == ["alice", "bob", "alice", "carol", "bob", "alice"]
    assert [row.kind for row in rows] == [
        "alert",
        "note",
        "escalation",
        "mitigation",
        "resolution",
        "communication",
    ]


def test_folding_joins_one_persons_messages_within_a_minute_of_one_kind() -> None:
    unfolded = read("chat-plain.txt")
    assert len(unfolded.to_add) == 5
    folded = read("chat-plain.txt", fold=True)
    assert texts(folded) == [
        "checkout is throwing 500s",
        "ack, looking",  # an acknowledgement is a moment of its own: not folded
        "it's the pool again\nrestarting the pods",
        "customers see errors at checkout",
    ]
    assert [row.folded for row in folded.to_add] == [1, 1, 2, 1]


def test_folding_a_bot_keeps_firing_and_resolved_apart() -> None:
    folded = read("chat-dated.txt", fold=True).to_add
    assert [(row.author, row.bot, row.folded, row.kind) for row in folded] == [
        ("alice", False, 1, "note"),
        ("alertbot", True, 2, "alert"),  # 14:02:40 and 14:06:10: a bot folds over minutes
        ("alertbot", True, 1, "resolution"),
        ("alice", False, 1, "note"),
    ]


def test_chat_shapes_and_lines_before_the_first_message(tmp_path: Path) -> None:
    path = tmp_path / "log.txt"
    path.write_text(
        "Incident channel, copied\n"
        "[14:18] <alice> the pool is at 100%\n"
        "14:19 bob: on it\n"
        "14:20 We rolled back the deploy that went out at noon: it helped\n"
    )
    preview = ti.build_preview(ti.parse(path, OPTIONS))
    assert [(row.author, row.text) for row in preview.to_add] == [
        ("alice", "the pool is at 100%"),
        ("bob", "on it"),
        ("", "We rolled back the deploy that went out at noon: it helped"),
    ]
    (bad,) = preview.unreadable
    assert (bad.where, bad.problem) == (
        "line 1",
        "starts with no time; a message starts like [14:18] name: text",
    )


# --- Slack exports -------------------------------------------------------------------------


def slack_rows(preview: ti.Preview) -> list[tuple[str, str, str]]:
    return [(row.author, row.text, row.notes) for row in preview.to_add]


def test_a_slack_export_folder_resolves_users_threads_bots_and_markup() -> None:
    preview = read("slack-export", channels=frozenset({"incident-42"}))
    assert preview.format == "slack"
    assert preview.parsed.ignored == 2  # a join and a topic change
    thread = "reply in a thread started by alice"
    assert slack_rows(preview) == [
        ("Alertmanager", "[FIRING:1] HighErrorRate checkout", ""),
        ("alice", "@Bob Okafor can you look? [dashboard](https://grafana.example/d/abc)", ""),
        ("Bob Okafor", "ack, on it", thread),
        ("Bob Okafor", "the pool is exhausted & retries pile up", thread),
        ("carol", "rolling back deploy 412 in #incident-42", ""),
        ("Deploy Bot", "Rollback of deploy 412 started", ""),
        ("Deploy Bot", "Rollback of deploy 412 finished", ""),
        ("Alertmanager", "[RESOLVED] HighErrorRate checkout", ""),
        ("alice", "@here posted the final update on the status page", ""),
    ]
    rows = preview.to_add
    assert [row.bot for row in rows] == [True, False, False, False, False, True, True, True, False]
    assert rows[0].at == datetime(2026, 3, 4, 13, 2, 0, 200, tzinfo=UTC)
    assert rows[0].source == "Alertmanager (#incident-42)"
    assert rows[-1].at == datetime(2026, 3, 5, 0, 20, 0, 100, tzinfo=UTC)
    assert rows[2].thread == rows[3].thread != ""


def test_slack_folding_keeps_threads_apart_and_folds_a_bot(tmp_path: Path) -> None:
    folded = read("slack-export", channels=frozenset({"incident-42"}), fold=True).to_add
    assert [row.folded for row in folded] == [1, 1, 1, 1, 1, 2, 1, 1]
    assert folded[5].text == "Rollback of deploy 412 started\nRollback of deploy 412 finished"
    # The two replies in the thread are one person within a minute, but of two kinds.
    assert [row.kind for row in folded[2:4]] == ["escalation", "note"]


def zip_folder(folder: Path, target: Path, *, prefix: str = "export/") -> Path:
    with zipfile.ZipFile(target, "w") as archive:
        for path in sorted(folder.rglob("*.json")):
            archive.write(path, prefix + path.relative_to(folder).as_posix())
    return target


def test_a_zipped_export_reads_as_the_folder_does(tmp_path: Path) -> None:
    archive = zip_folder(FIXTURES / "slack-export", tmp_path / "slack.zip")
    from_zip = ti.build_preview(ti.parse(archive, OPTIONS))
    from_folder = read("slack-export")
    assert from_zip.format == "slack"
    assert slack_rows(from_zip) == slack_rows(from_folder)
    assert [row.where for row in from_zip.to_add][:2] == [
        "general/2026-03-04.json, message 1",
        "incident-42/2026-03-04.json, message 2",
    ]


def test_a_channel_file_alone_finds_users_json_one_folder_up() -> None:
    preview = read("slack-export/incident-42/2026-03-04.json")
    assert preview.format == "slack"
    assert preview.to_add[2].author == "Bob Okafor"
    assert preview.to_add[0].where == "incident-42/2026-03-04.json, message 2"


def test_a_zip_without_channel_files_is_refused(tmp_path: Path) -> None:
    archive = tmp_path / "photos.zip"
    with zipfile.ZipFile(archive, "w") as out:
        out.writestr("users.json", "[]")
        out.writestr("readme.txt", "hello")
    with pytest.raises(errors.FileProblemError, match="is a zip without Slack channel files"):
        ti.parse(archive, OPTIONS)
    full = zip_folder(FIXTURES / "slack-export", tmp_path / "slack.zip")
    with pytest.raises(errors.FileProblemError, match="for #random"):
        ti.parse(full, replace(OPTIONS, channels=frozenset({"random"})))
    fake = tmp_path / "fake.zip"
    fake.write_text("not a zip")
    with pytest.raises(errors.FileProblemError, match="is not a zip file"):
        ti.parse(fake, OPTIONS)


# --- alert exports ---------------------------------------------------------------------------


def test_a_paging_export_gives_alert_escalation_and_resolution_entries() -> None:
    preview = read("pagerduty.csv")
    assert preview.format == "alerts"
    assert [(row.at, row.kind, row.text, row.source) for row in preview.to_add] == [
        (utc("2026-03-04 13:02"), "alert", "#1234 Checkout error rate above 5%", "checkout"),
        (utc("2026-03-04 13:03"), "alert", "#1235 DB connections saturated", "database"),
        (
            utc("2026-03-04 13:05"),
            "escalation",
            "#1234 acknowledged by Alice: Checkout error rate above 5%",
            "checkout",
        ),
        (
            utc("2026-03-04 13:30"),
            "resolution",
            "#1235 resolved: DB connections saturated",
            "database",
        ),
        (
            utc("2026-03-04 13:40"),
            "resolution",
            "#1234 resolved: Checkout error rate above 5%",
            "checkout",
        ),
    ]
    assert not any(row.kind_guessed for row in preview.to_add)


# --- kinds ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("[FIRING:1] HighErrorRate", "alert"),
        ("Alert: disk full", "alert"),
        ("firing up a new node", None),
        ("acked the page", "escalation"),
        ("Acknowledged by Bob", "escalation"),
        ("paged the DBA", "escalation"),
        ("feedback from the team", None),
        ("Rolled back deploy 412", "mitigation"),
        ("mitigation in place", "mitigation"),
        ("Alert resolved", "resolution"),
        ("Status page updated: resolved", "communication"),
        ("customers see errors", "communication"),
        ("rollback helped customers", "mitigation"),
        ("looking at graphs", None),
    ],
)
def test_kind_guesses(text: str, kind: str | None) -> None:
    assert ti.guess_kind(text) == kind


# --- duplicates, preview, commit --------------------------------------------------------------


def test_duplicates_in_the_file_and_in_the_timeline_are_skipped(
    store: Store, session_id: str
) -> None:
    timeline.add_entry(store, session_id, berlin("2026-03-04 14:05"), "Paged the database team")
    preview = ti.build_preview(
        ti.parse(FIXTURES / "duplicates.csv", OPTIONS),
        ti.existing_entries(store, session_id),
    )
    assert [(row.where, row.duplicate_of) for row in preview.duplicates] == [
        ("line 3", "line 2"),
        ("line 5", "line 2"),  # the same instant written in UTC, spaced differently
        ("line 6", "an existing entry"),
    ]
    assert texts(preview) == ["Alert fired", "Alert fired again"]


def test_preview_then_commit_adds_the_chosen_rows_in_one_step(
    store: Store, session_id: str
) -> None:
    preview = ti.preview_file(store, session_id, FIXTURES / "spreadsheet.csv", reference_date=DAY)
    assert preview.display_timezone == BERLIN
    assert len(preview.to_add) == 6
    assert (preview.first, preview.last) == (utc("2026-03-04 13:02"), utc("2026-03-04 13:40"))
    assert preview.kinds == {
        "alert": 1,
        "escalation": 1,
        "action": 1,
        "mitigation": 1,
        "communication": 1,
        "resolution": 1,
    }
    assert preview.guessed == 4
    # The dialog leaves one row out and stars another.
    chosen = [replace(row, key=row.kind == "resolution") for row in preview.to_add[1:]]
    ids = ti.commit(store, session_id, chosen)
    stored = timeline.load_entries(store, session_id)
    assert [entry.id for entry in stored] == ids
    assert [entry.text for entry in stored] == [row.text for row in chosen]
    assert [entry.key for entry in stored] == [False, False, False, False, True]
    assert stored[0].source == "PagerDuty"
    # Undo is removing what was added.
    timeline.remove_entries(store, session_id, ids)
    assert timeline.load_entries(store, session_id) == []
    # Importing again finds nothing new.
    ti.commit(
        store, session_id, ti.preview_file(store, session_id, FIXTURES / "spreadsheet.csv").chosen
    )
    again = ti.preview_file(store, session_id, FIXTURES / "spreadsheet.csv")
    assert again.to_add == ()
    assert len(again.duplicates) == 6


def test_nothing_is_added_while_a_chosen_row_cannot_be_read(store: Store, session_id: str) -> None:
    preview = ti.preview_file(store, session_id, FIXTURES / "bad-time.csv")
    assert [row.where for row in preview.unreadable] == ["line 3"]
    with pytest.raises(errors.ValidationError) as caught:
        ti.commit(store, session_id, preview.chosen, source=preview.source)
    assert str(caught.value).startswith("bad-time.csv: line 3: '2026-03-04 14:0x' is not a time")
    assert str(caught.value).endswith("nothing was added")
    assert timeline.load_entries(store, session_id) == []
    # Leaving the bad line out imports the rest.
    assert len(ti.commit(store, session_id, preview.to_add)) == 2


def test_the_zone_and_date_default_to_the_sessions(store: Store) -> None:
    started = datetime(2026, 3, 4, 21, 0, tzinfo=UTC)
    tokyo = sessions.create_session(store, "t", timezone="Asia/Tokyo", started_at=started)
    preview = ti.preview_file(store, tokyo, FIXTURES / "chat-plain.txt")
    assert (preview.parsed.timezone, preview.parsed.reference_date) == (
        "Asia/Tokyo",
        date(2026, 3, 5),
    )
    assert preview.to_add[0].at == datetime(2026, 3, 5, 14, 2, tzinfo=times.zone("Asia/Tokyo"))


# --- bad input -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "options", "error", "message"),
    [
        ("empty.csv", {}, errors.FileProblemError, "empty.csv: is empty"),
        (
            "not-json.json",
            {},
            errors.ValidationError,
            "not-json.json: line 1, column 1: not valid JSON",
        ),
        ("spreadsheet.csv", {"format": "json"}, errors.ValidationError, "not valid JSON"),
        (
            "events.json",
            {"format": "csv"},
            errors.FileProblemError,
            "is a JSON file, not a CSV file",
        ),
        ("spreadsheet.csv", {"format": "slack"}, errors.FileProblemError, "is not a Slack export"),
        (
            "events.json",
            {"format": "slack"},
            errors.FileProblemError,
            "not a Slack channel's messages",
        ),
        ("spreadsheet.csv", {"format": "chat"}, errors.FileProblemError, "holds no chat messages"),
        ("slack-export", {"format": "csv"}, errors.FileProblemError, "is a folder, not a CSV file"),
        (
            "spreadsheet.csv",
            {"format": "xml"},
            errors.ValidationError,
            "format: must be one of csv",
        ),
        ("spreadsheet.csv", {"timezone": "Mars/Base"}, errors.ValidationError, "unknown time zone"),
        ("missing.csv", {}, errors.FileProblemError, "no such file"),
    ],
)
def test_bad_input_is_named(
    name: str, options: dict[str, Any], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        ti.parse(FIXTURES / name, replace(OPTIONS, **options))


def test_binary_and_encoded_text(tmp_path: Path) -> None:
    binary = tmp_path / "image.csv"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    with pytest.raises(errors.FileProblemError, match="is a binary file"):
        ti.parse(binary, OPTIONS)
    utf16 = tmp_path / "excel.txt"
    utf16.write_text("Time\tMessage\n2026-03-04 14:02\tÄrger im Shop\n", encoding="utf-16")
    (row,) = ti.parse(utf16, OPTIONS).rows
    assert row.text == "Ärger im Shop"
    windows = tmp_path / "windows.csv"
    windows.write_bytes("Time;Message\n2026-03-04 14:02;Ärger – im Shop\n".encode("cp1252"))
    (row,) = ti.parse(windows, OPTIONS).rows
    assert row.text == "Ärger – im Shop"


def test_text_that_is_nothing_we_know(tmp_path: Path) -> None:
    path = tmp_path / "prose.txt"
    path.write_text("Dear team,\nthe outage was bad.\n")
    with pytest.raises(errors.FileProblemError, match="is not something we can import"):
        ti.parse(path, OPTIONS)


# --- properties: import never loses or reorders what it accepts ---------------------------------

WORDS = st.text(alphabet="abcdefghij XYZ,;\"'", min_size=1, max_size=20).filter(
    lambda text: text.strip() and text == text.strip() and "  " not in text
)
EVENTS = st.lists(st.tuples(st.integers(0, 3000), WORDS), min_size=1, max_size=25)
START = datetime(2026, 3, 4, 13, 0, tzinfo=UTC)


def expected_order(events: list[tuple[int, str]]) -> list[tuple[datetime, str]]:
    """What an import must give: time order, equal times in file order, repeats once."""
    ordered = sorted(
        ((START + timedelta(minutes=minute), text) for minute, text in events),
        key=lambda pair: pair[0],
    )
    return list(dict.fromkeys(ordered))


def csv_of(events: list[tuple[int, str]]) -> str:
    import csv

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["timestamp", "event"])
    for minute, text in events:
        at = (START + timedelta(minutes=minute)).astimezone(timezone(timedelta(hours=-3)))
        writer.writerow([at.isoformat(), text])
    return out.getvalue()


@settings(max_examples=60, deadline=None)
@given(EVENTS)
def test_csv_import_keeps_every_row_in_time_order(events: list[tuple[int, str]]) -> None:
    parsed = ti.parse_bytes("p.csv", csv_of(events).encode(), OPTIONS)
    preview = ti.build_preview(parsed)
    assert preview.unreadable == ()
    assert [(row.at, row.text) for row in preview.to_add] == expected_order(events)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 11 * 60), WORDS), min_size=1, max_size=25))
def test_chat_import_keeps_every_message_in_time_order(gaps: list[tuple[int, str]]) -> None:
    # A chat log is written in order, and bare times are read across midnight as long as
    # no two messages are 12 hours or more apart: minutes here are gaps under 11 hours.
    events: list[tuple[int, str]] = []
    minute = 0
    for gap, text in gaps:
        minute += gap if events else 0  # the first message is on the reference date
        events.append((minute, text))
    lines = [
        f"[{(START + timedelta(minutes=m)).astimezone(times.zone(BERLIN)):%H:%M}] alice: {text}"
        for m, text in events
    ]
    preview = ti.build_preview(ti.parse_bytes("p.txt", "\n".join(lines).encode(), OPTIONS))
    assert [(row.at, row.text) for row in preview.to_add] == expected_order(events)
    folded = ti.build_preview(preview.parsed, fold=True)
    # Folding joins messages but never loses one, nor changes their order.
    joined = [line for row in folded.to_add for line in row.text.split("\n")]
    assert joined == [text for _, text in expected_order(events)]


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(EVENTS)
def test_commit_stores_what_the_preview_showed(store: Store, events: list[tuple[int, str]]) -> None:
    session_id = sessions.create_session(store, "p", timezone=BERLIN)
    preview = ti.build_preview(ti.parse_bytes("p.csv", csv_of(events).encode(), OPTIONS))
    ids = ti.commit(store, session_id, preview.chosen)
    stored = timeline.load_entries(store, session_id)
    assert [entry.id for entry in stored] == ids
    assert [(entry.at, entry.text) for entry in stored] == expected_order(events)


# --- the command line ---------------------------------------------------------------------------


def run(db: Path, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = cli.main(["--db", str(db), *args])
        except SystemExit as exit_:  # argparse's own errors
            status = int(exit_.code or 0)
    return status, out.getvalue(), err.getvalue()


@pytest.fixture
def cli_session(db_path: Path) -> str:
    status, out, _ = run(db_path, "new", "--title", "Checkout outage", "--timezone", BERLIN)
    assert status == 0
    return out.strip()


def entry_count(db: Path, session_id: str) -> int:
    store = open_store(db)
    try:
        return len(timeline.load_entries(store, session_id))
    finally:
        store.close()


def test_cli_dry_run_prints_the_summary_and_adds_nothing(db_path: Path, cli_session: str) -> None:
    status, out, err = run(
        db_path, "timeline", cli_session, "--import", str(FIXTURES / "chat-bracket.txt"),
        "--date", "2026-03-04", "--dry-run",
    )  # fmt: skip
    assert (status, err) == (0, "")
    assert "Will add 6 entries, 2026-03-04 22:50 to 2026-03-05 00:20 (Europe/Berlin)." in out
    assert (
        "Kinds: alert 1, note 1, escalation 1, mitigation 1, resolution 1, communication 1" in out
    )
    assert "Duplicates skipped: 0" in out
    assert "Unreadable lines: 0." in out
    assert entry_count(db_path, cli_session) == 0


def test_cli_import_then_again_skips_duplicates(db_path: Path, cli_session: str) -> None:
    args = ("timeline", cli_session, "--import", str(FIXTURES / "pagerduty.csv"))
    status, out, _ = run(db_path, *args)
    assert status == 0
    assert "Read pagerduty.csv as alerts" in out
    assert "Added 5 entries, 2026-03-04 14:02 to 2026-03-04 14:40 (Europe/Berlin)." in out
    status, out, _ = run(db_path, *args)
    assert status == 0
    assert "Added no entries." in out
    assert "Duplicates skipped: 5" in out
    assert entry_count(db_path, cli_session) == 5


def test_cli_options_reach_the_reader(db_path: Path, cli_session: str, tmp_path: Path) -> None:
    path = tmp_path / "log.csv"
    path.write_text("When,Said,Who\n09:02,page the DBA,alice\n")
    status, out, err = run(
        db_path, "timeline", cli_session, "--import", str(path), "--map", "at=When",
        "--map", "text=Said", "--timezone", "America/New_York", "--date", "2026-03-04",
    )  # fmt: skip
    assert (status, err) == (0, "")
    assert "Added 1 entry, 2026-03-04 15:02 to 2026-03-04 15:02 (Europe/Berlin)." in out
    folder = tmp_path / "export"
    shutil.copytree(FIXTURES / "slack-export", folder)
    status, out, _ = run(
        db_path, "timeline", cli_session, "--import", str(folder), "--channel", "#general"
    )
    assert status == 0
    assert "Added 1 entry" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("--import", str(FIXTURES / "bad-time.csv")),
            "bad-time.csv: line 3: '2026-03-04 14:0x' is not a time",
        ),
        (("--import", str(FIXTURES / "empty.csv")), "empty.csv: is empty."),
        (("--import", str(FIXTURES / "spreadsheet.csv"), "--format", "json"), "not valid JSON"),
        (
            ("--import", str(FIXTURES / "spreadsheet.csv"), "--map", "colour=Event"),
            "unknown field 'colour'",
        ),
        (
            ("--import", str(FIXTURES / "spreadsheet.csv"), "--map", "nonsense"),
            "is not FIELD=COLUMN",
        ),
        (
            ("--import", str(FIXTURES / "spreadsheet.csv"), "--date", "March 4"),
            "is not a date; use YYYY-MM-DD",
        ),
        (("--import", str(FIXTURES / "dst-spring.csv")), "line 3: 2026-03-29 02:30 does not exist"),
    ],
)
def test_cli_bad_input_exits_2_with_one_sentence_and_adds_nothing(
    db_path: Path, cli_session: str, args: tuple[str, ...], message: str
) -> None:
    status, _, err = run(db_path, "timeline", cli_session, *args)
    assert status == 2
    assert err.startswith("facilitator: ")
    assert message in err
    assert err.count("\n") == 1
    assert entry_count(db_path, cli_session) == 0


def test_cli_unknown_session(db_path: Path, cli_session: str) -> None:
    status, _, err = run(db_path, "timeline", "nope", "--import", str(FIXTURES / "headerless.csv"))
    assert status == 2
    assert "no session with id 'nope'" in err


def test_a_zip_is_read_within_one_budget(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # What a zip says about its sizes can lie; what is read is what counts.
    monkeypatch.setattr(slack, "MAX_BYTES", 600)
    archive = zip_folder(FIXTURES / "slack-export", tmp_path / "slack.zip")
    with pytest.raises(errors.FileProblemError, match="unpacks to more than"):
        ti.parse(archive, OPTIONS)


def test_json_items_that_are_not_objects_are_flagged() -> None:
    data = b'[{"time": "2026-03-04T14:02:00Z", "event": 42}, "stray text", {"event": "no time"}]'
    rows = ti.parse_bytes("events.json", data, OPTIONS).rows
    assert (rows[0].text, rows[0].problem) == ("42", "")
    assert rows[1].problem == "holds text, not an object"
    assert rows[2].problem.startswith("holds nothing, not a time")


def test_cli_fold(db_path: Path, cli_session: str) -> None:
    path = str(FIXTURES / "chat-dated.txt")
    status, out, _ = run(db_path, "timeline", cli_session, "--import", path, "--fold")
    assert status == 0
    assert "Added 4 entries" in out
    assert "Folded 1 message into the ones before them." in out


def test_a_time_column_named_utc_is_pointed_out(tmp_path: Path) -> None:
    path = tmp_path / "grafana.csv"
    path.write_text("Time (UTC),Message\n2026-03-04 13:02:00,Alert fired\n")
    parsed = ti.parse(path, OPTIONS)
    assert parsed.mapping["at"] == "Time (UTC)"
    (note,) = parsed.notes
    assert "says UTC, but times without an offset are read in Europe/Berlin" in note
    assert ti.parse(path, replace(OPTIONS, timezone="UTC")).notes == ()
    lines = ti.summary_lines(ti.build_preview(parsed))
    assert any(line.startswith("The column 'Time (UTC)' says UTC") for line in lines)
