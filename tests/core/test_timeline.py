"""Timeline entries: time order, undo-friendly edits, pasted lines and gaps."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from facilitator import errors, evidence, sessions, timeline
from facilitator.db import models as m
from facilitator.db.store import Store

BERLIN = "Europe/Berlin"
T0 = datetime(2026, 3, 4, 13, 0, tzinfo=UTC)


def minutes(n: int) -> datetime:
    return T0 + timedelta(minutes=n)


@pytest.fixture
def session_id(store: Store) -> str:
    return sessions.create_session(store, "Checkout outage", timezone=BERLIN)


def texts(store: Store, session_id: str) -> list[str]:
    return [entry.text for entry in timeline.load_entries(store, session_id)]


def test_entries_read_in_time_order_and_equal_times_in_the_order_added(
    store: Store, session_id: str
) -> None:
    timeline.add_entry(store, session_id, minutes(20), "third")
    timeline.add_entry(store, session_id, minutes(0), "first")
    timeline.add_entry(store, session_id, minutes(20), "fourth")
    timeline.add_entry(store, session_id, minutes(10), "second")
    assert texts(store, session_id) == ["first", "second", "third", "fourth"]
    snapshot = sessions.load_session(store, session_id)
    assert [e.text for e in timeline.entries(snapshot)] == texts(store, session_id)


def test_add_entry_stores_every_field(store: Store, session_id: str) -> None:
    attachment_id = evidence.add_note(store, session_id, "graph of p99")
    entry_id = timeline.add_entry(
        store,
        session_id,
        minutes(5),
        "Alert fired",
        kind="alert",
        source="PagerDuty",
        key=True,
        notes="who saw it?",
        attachment_id=attachment_id,
    )
    (entry,) = timeline.load_entries(store, session_id)
    assert (entry.id, entry.at, entry.text, entry.kind) == (
        entry_id,
        minutes(5),
        "Alert fired",
        "alert",
    )
    assert (entry.source, entry.key, entry.notes) == ("PagerDuty", True, "who saw it?")
    assert entry.attachment_id == attachment_id


@pytest.mark.parametrize(
    ("field", "value", "problem"),
    [
        ("kind", "panic", "must be one of detection"),
        ("at", datetime(2026, 3, 4, 14, 0), "must be a time with a zone"),
        ("at", None, "must be a time with a zone"),
        ("key", "yes", "must be true or false"),
        ("text", "x" * 20_001, "longer than"),
        ("attachment_id", "nope", "no attachment 'nope' in this session"),
        ("colour", "red", "is not a field of this timeline entry"),
    ],
)
def test_bad_values_are_refused_and_nothing_changes(
    store: Store, session_id: str, field: str, value: object, problem: str
) -> None:
    entry_id = timeline.add_entry(store, session_id, minutes(0), "kept")
    with pytest.raises(errors.ValidationError, match=problem):
        timeline.update_entry(store, session_id, entry_id, source="changed", **{field: value})  # type: ignore[misc]
    (entry,) = timeline.load_entries(store, session_id)
    assert (entry.text, entry.source) == ("kept", "")


def test_an_attachment_of_another_session_cannot_be_linked(store: Store, session_id: str) -> None:
    other = sessions.create_session(store, "Other")
    foreign = evidence.add_note(store, other, "elsewhere")
    with pytest.raises(errors.ValidationError, match="in this session"):
        timeline.add_entry(store, session_id, minutes(0), attachment_id=foreign)


def test_update_returns_the_previous_values_which_undo_it(store: Store, session_id: str) -> None:
    entry_id = timeline.add_entry(store, session_id, minutes(0), "Alert", kind="alert")
    previous = timeline.update_entry(
        store, session_id, entry_id, text="Page", key=True, at=minutes(3)
    )
    assert previous == {"text": "Alert", "key": False, "at": minutes(0)}
    timeline.update_entry(store, session_id, entry_id, **previous)
    (entry,) = timeline.load_entries(store, session_id)
    assert (entry.text, entry.key, entry.at, entry.kind) == ("Alert", False, minutes(0), "alert")


def test_an_edit_marks_the_session_changed_but_a_no_op_does_not(
    store: Store, session_id: str
) -> None:
    entry_id = timeline.add_entry(store, session_id, minutes(0), "same")
    before = sessions.load_session(store, session_id).updated_at
    timeline.update_entry(store, session_id, entry_id, text="same")
    assert sessions.load_session(store, session_id).updated_at == before
    timeline.update_entry(store, session_id, entry_id, text="other")
    assert sessions.load_session(store, session_id).updated_at > before


def test_unknown_ids_are_not_found(store: Store, session_id: str) -> None:
    other = sessions.create_session(store, "Other")
    entry_id = timeline.add_entry(store, other, minutes(0), "elsewhere")
    with pytest.raises(errors.NotFoundError):
        timeline.update_entry(store, session_id, entry_id, text="x")
    with pytest.raises(errors.NotFoundError):
        timeline.remove_entry(store, session_id, "missing")
    with pytest.raises(errors.NotFoundError):
        timeline.add_entry(store, "missing", minutes(0), "x")


def test_restore_puts_an_entry_back_exactly(store: Store, session_id: str) -> None:
    attachment_id = evidence.add_note(store, session_id, "screenshot")
    ids = [timeline.add_entry(store, session_id, minutes(0), f"tie {i}") for i in range(4)]
    timeline.update_entry(store, session_id, ids[2], attachment_id=attachment_id, notes="n")
    before = [(e.id, e.position, e.attachment_id) for e in timeline.load_entries(store, session_id)]

    record = timeline.remove_entry(store, session_id, ids[2])
    assert texts(store, session_id) == ["tie 0", "tie 1", "tie 3"]
    assert [e.position for e in timeline.load_entries(store, session_id)] == [0, 1, 2]
    assert (record.id, record.position, record.attachment_id) == (ids[2], 2, attachment_id)

    timeline.restore_entry(store, session_id, record)
    after = [(e.id, e.position, e.attachment_id) for e in timeline.load_entries(store, session_id)]
    assert after == before
    assert timeline.load_entries(store, session_id)[2].notes == "n"


def test_restore_twice_is_refused(store: Store, session_id: str) -> None:
    record = timeline.remove_entry(
        store, session_id, timeline.add_entry(store, session_id, minutes(0))
    )
    timeline.restore_entry(store, session_id, record)
    with pytest.raises(errors.ValidationError, match="already exists"):
        timeline.restore_entry(store, session_id, record)


def test_add_entries_is_one_unit_of_work(store: Store, session_id: str) -> None:
    drafts = [timeline.EntryDraft(minutes(1), "a"), timeline.EntryDraft(minutes(2), "b")]
    ids = timeline.add_entries(store, session_id, drafts)
    assert [e.id for e in timeline.load_entries(store, session_id)] == ids

    bad = [timeline.EntryDraft(minutes(3), "c"), timeline.EntryDraft(minutes(4), kind="?")]
    with pytest.raises(errors.ValidationError, match=r"entries\[1\]\.kind"):
        timeline.add_entries(store, session_id, bad)
    assert texts(store, session_id) == ["a", "b"]


def test_remove_entries_then_restore_entries_undoes_a_paste(store: Store, session_id: str) -> None:
    timeline.add_entry(store, session_id, minutes(0), "before")
    pasted = timeline.add_entries(
        store, session_id, [timeline.EntryDraft(minutes(0), t) for t in ("p1", "p2")]
    )
    timeline.add_entry(store, session_id, minutes(0), "after")
    records = timeline.remove_entries(store, session_id, pasted)
    assert texts(store, session_id) == ["before", "after"]
    timeline.restore_entries(store, session_id, reversed(records))
    assert texts(store, session_id) == ["before", "p1", "p2", "after"]


def test_many_entries_go_in_at_the_end_in_order_with_fresh_ids(
    store: Store, session_id: str
) -> None:
    first = timeline.add_entry(store, session_id, minutes(5), "already there")
    drafts = [timeline.EntryDraft(minutes(i % 7), f"e{i}", key=i % 3 == 0) for i in range(1200)]
    ids = timeline.add_entries(store, session_id, drafts)
    assert len(set(ids)) == 1200
    assert first not in ids
    assert all(uuid.UUID(i).version == 4 and str(uuid.UUID(i)) == i for i in ids)
    stored = {e.id: e for e in timeline.load_entries(store, session_id)}
    assert [stored[i].position for i in ids] == list(range(1, 1201))
    assert [(stored[i].text, stored[i].at, stored[i].key) for i in ids] == [
        (d.text, d.at, d.key) for d in drafts
    ]
    assert stored[ids[0]].at.tzinfo is not None


def test_an_unusual_draft_is_checked_field_by_field_and_named_by_its_index(
    store: Store, session_id: str
) -> None:
    class Text(str):
        pass

    attachment_id = evidence.add_note(store, session_id, "graph")
    fine = [
        timeline.EntryDraft(minutes(0), Text("a text of a subclass")),
        timeline.EntryDraft(minutes(1), "cites", attachment_id=attachment_id),
    ]
    ids = timeline.add_entries(store, session_id, fine)
    assert [e.attachment_id for e in timeline.load_entries(store, session_id)] == [
        None,
        attachment_id,
    ]
    for bad, where in (
        (timeline.EntryDraft(minutes(2), 3), r"entries\[2\]\.text"),
        (timeline.EntryDraft(minutes(2).replace(tzinfo=None)), r"entries\[2\]\.at"),
        (timeline.EntryDraft(minutes(2), attachment_id="nope"), r"entries\[2\]\.attachment_id"),
        (timeline.EntryDraft(minutes(2), "x" * (sessions.MAX_TEXT + 1)), r"entries\[2\]\.text"),
    ):
        with pytest.raises(errors.ValidationError, match=where):
            timeline.add_entries(store, session_id, [*fine, bad])
    assert [e.id for e in timeline.load_entries(store, session_id)] == ids


def test_removing_an_entry_of_another_session_removes_nothing(
    store: Store, session_id: str
) -> None:
    other = sessions.create_session(store, "Other")
    elsewhere = timeline.add_entry(store, other, minutes(0), "elsewhere")
    mine = timeline.add_entries(
        store, session_id, [timeline.EntryDraft(minutes(i), str(i)) for i in range(3)]
    )
    with pytest.raises(errors.NotFoundError, match=elsewhere):
        timeline.remove_entries(store, session_id, [mine[0], elsewhere, mine[2]])
    assert texts(store, session_id) == ["0", "1", "2"]
    assert texts(store, other) == ["elsewhere"]


def test_removing_from_the_middle_renumbers_and_the_records_keep_their_places(
    store: Store, session_id: str
) -> None:
    ids = timeline.add_entries(
        store, session_id, [timeline.EntryDraft(minutes(0), str(i)) for i in range(1500)]
    )
    doomed = ids[100:1400:3]
    records = timeline.remove_entries(store, session_id, [*doomed, doomed[0]])
    assert [r.id for r in records] == doomed
    assert [r.position for r in records] == list(range(100, 1400, 3))
    left = timeline.load_entries(store, session_id)
    assert [e.position for e in left] == list(range(1500 - len(doomed)))
    timeline.restore_entries(store, session_id, reversed(records))
    after = timeline.load_entries(store, session_id)
    assert [(e.id, e.position) for e in after] == [(i, n) for n, i in enumerate(ids)]


def test_an_internal_mark_survives_a_removal_and_its_undo(store: Store, session_id: str) -> None:
    entry_id = timeline.add_entry(store, session_id, minutes(0), "internal")
    with store.session() as db:
        db.get(m.TimelineEntry, entry_id).internal = True  # as an exchange import sets it
    (record,) = timeline.remove_entries(store, session_id, [entry_id])
    assert record.internal
    timeline.restore_entries(store, session_id, [record])
    assert timeline.load_entries(store, session_id)[0].internal


@settings(
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_removing_any_entries_and_restoring_them_gives_back_the_timeline(
    store: Store, data: st.DataObject
) -> None:
    session_id = sessions.create_session(store, "property")
    times = data.draw(st.lists(st.integers(0, 3), min_size=1, max_size=6))
    ids = timeline.add_entries(
        store, session_id, [timeline.EntryDraft(minutes(t), str(i)) for i, t in enumerate(times)]
    )
    doomed = data.draw(st.lists(st.sampled_from(ids), unique=True, min_size=1))
    before = [(e.id, e.position, e.at) for e in timeline.load_entries(store, session_id)]
    records = timeline.remove_entries(store, session_id, doomed)
    timeline.restore_entries(store, session_id, data.draw(st.permutations(records)))
    assert [(e.id, e.position, e.at) for e in timeline.load_entries(store, session_id)] == before


# Pasting several lines


def paste(text: str, day: date = date(2026, 3, 4)) -> timeline.ParsedPaste:
    return timeline.parse_pasted_lines(text, timezone=BERLIN, reference_date=day)


def local(draft: timeline.EntryDraft) -> str:
    return timeline.format_time(draft.at, BERLIN, with_date=True)


def test_paste_reads_the_common_line_forms() -> None:
    parsed = paste(
        "14:18 Alert fired: p99 latency\n"
        "[14:20] alice: looking\n"
        "14:22 - Rolled back\n"
        "14:23 – Status page updated\n"
        "14:24:30 | Recovered\n"
        "14:25: Closed\n"
        "2026-03-04 14:30 Postmortem scheduled\n"
        "- 14:31 Bulleted\n"
        "* [14:32] Starred\n"
    )
    assert parsed.problems == ()
    assert [d.text for d in parsed.drafts] == [
        "Alert fired: p99 latency",
        "alice: looking",
        "Rolled back",
        "Status page updated",
        "Recovered",
        "Closed",
        "Postmortem scheduled",
        "Bulleted",
        "Starred",
    ]
    assert local(parsed.drafts[0]) == "2026-03-04 14:18"
    assert local(parsed.drafts[4]) == "2026-03-04 14:24:30"
    assert all(d.kind == "note" for d in parsed.drafts)


def test_paste_rolls_over_midnight_when_times_go_back_a_lot() -> None:
    parsed = paste("22:54 Deploy\n23:40 Errors climb\n00:12 Paged\n00:10 Earlier note\n09:00 Fixed")
    assert [local(d) for d in parsed.drafts] == [
        "2026-03-04 22:54",
        "2026-03-04 23:40",
        "2026-03-05 00:12",
        "2026-03-05 00:10",  # two minutes back is an out-of-order line, not another day
        "2026-03-05 09:00",
    ]


def test_paste_follows_an_explicit_date() -> None:
    parsed = paste("2026-03-10 23:50 Late\n00:05 Next day\n+1d 08:00 Relative to the incident")
    assert [local(d) for d in parsed.drafts] == [
        "2026-03-10 23:50",
        "2026-03-11 00:05",
        "2026-03-05 08:00",
    ]


def test_lines_without_a_time_continue_the_entry_before() -> None:
    parsed = paste("14:18 Alert fired\n  on checkout-api\n\n14:20\nRollback started")
    assert [d.text for d in parsed.drafts] == ["Alert fired\non checkout-api", "Rollback started"]
    assert parsed.joined == (2, 5)  # said, not silent: the app tells the room what it joined
    assert paste("14:18 Alert fired\n14:20 Rollback").joined == ()


def test_unreadable_lines_are_reported_with_their_numbers() -> None:
    parsed = paste(
        "Incident log\n14:18 Alert\n25:99 Impossible\n  its detail\n14:180 odd\n14:30 Fine"
    )
    assert [d.text for d in parsed.drafts] == ["Alert", "Fine"]
    problems = {p.line: p.problem for p in parsed.problems}
    assert set(problems) == {1, 3, 4, 5}
    assert "starts with no time" in problems[1]
    assert problems[3].startswith("'25:99' is not a time")
    assert problems[4] == "continues line 3, which could not be read"
    assert "the time it starts with is unclear" in problems[5]
    assert parsed.problems[0].text == "Incident log"
    assert parsed.joined == ()  # line 4 went with the unreadable line 3, joined to nothing


def test_paste_reports_a_time_the_clocks_skipped() -> None:
    parsed = paste("01:50 Before\n02:30 In the gap\n03:10 After", day=date(2026, 3, 29))
    assert [d.text for d in parsed.drafts] == ["Before", "After"]
    (problem,) = parsed.problems
    assert problem.line == 2
    assert "does not exist in Europe/Berlin" in problem.problem


def test_pasted_drafts_can_be_added(store: Store, session_id: str) -> None:
    parsed = paste("22:54 Deploy\n00:12 Paged")
    ids = timeline.add_entries(store, session_id, parsed.drafts)
    stored = timeline.load_entries(store, session_id)
    assert [e.id for e in stored] == ids
    assert stored[1].at - stored[0].at == timedelta(minutes=78)


# Gaps


def test_gaps_longer_than_the_threshold() -> None:
    drafts = [timeline.EntryDraft(minutes(n)) for n in (0, 15, 31, 32, 92)]
    assert timeline.gaps(drafts) == [
        timeline.Gap(1, timedelta(minutes=16)),
        timeline.Gap(3, timedelta(hours=1)),
    ]
    assert timeline.gaps(drafts, threshold=timedelta(hours=1)) == []
    assert timeline.gaps([]) == []


def test_gaps_measure_real_time_across_a_clock_change() -> None:
    parsed = paste("01:50 Before\n03:10 After", day=date(2026, 3, 29))
    assert timeline.gaps(parsed.drafts) == [timeline.Gap(0, timedelta(minutes=20))]


def test_entries_are_read_as_plain_records_with_every_stored_value(
    store: Store, session_id: str
) -> None:
    link = evidence.add_link(store, session_id, "https://example.org/graph", name="graph")
    timeline.add_entry(store, session_id, minutes(5), "b", kind="alert", source="pager")
    timeline.add_entry(store, session_id, minutes(0), "a", key=True, notes="n", attachment_id=link)
    timeline.add_entry(store, session_id, minutes(5), "c")  # same time: after "b"
    with store.session() as db:
        query = m.TimelineEntry.session_id == session_id
        stored = {e.id: e for e in db.query(m.TimelineEntry).filter(query)}
        expected = [
            tuple(getattr(stored[ident], name) for name in timeline.Entry._fields)
            for ident in sorted(stored, key=lambda i: (stored[i].at, stored[i].position))
        ]
    read = timeline.load_entries(store, session_id)
    assert all(type(entry) is timeline.Entry for entry in read)
    assert [tuple(entry) for entry in read] == expected
    assert [e.text for e in read] == ["a", "b", "c"]
    assert read[0].at == minutes(0)
    assert read[0].at.tzinfo is UTC
    assert (read[0].key, read[0].internal, read[1].key) == (True, False, False)
    assert timeline.count_entries(store, session_id) == 3


def test_reading_entries_of_a_session_that_is_not_there_is_refused(store: Store) -> None:
    with pytest.raises(errors.NotFoundError):
        timeline.load_entries(store, str(uuid.uuid4()))
    assert timeline.count_entries(store, str(uuid.uuid4())) == 0


def test_stored_microseconds_and_daylight_saving_times_read_back_as_the_same_instants(
    store: Store, session_id: str
) -> None:
    from zoneinfo import ZoneInfo

    times = [
        datetime(2026, 3, 29, 1, 59, 59, 999_999, tzinfo=ZoneInfo(BERLIN)),
        datetime(2026, 3, 29, 3, 0, 0, 1, tzinfo=ZoneInfo(BERLIN)),
        datetime(2026, 10, 25, 2, 30, fold=1, tzinfo=ZoneInfo(BERLIN)),
    ]
    for when in times:
        timeline.add_entry(store, session_id, when, "t")
    # In UTC: Python never finds a time of the repeated hour (fold=1) equal to another zone's.
    expected = sorted(when.astimezone(UTC) for when in times)
    assert [e.at for e in timeline.load_entries(store, session_id)] == expected
