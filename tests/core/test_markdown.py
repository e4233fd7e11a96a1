"""The Markdown write-up: sections in order, tables escaped, user text verbatim."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

import markdown
import pytest

from facilitator import review, sessions
from facilitator.db import models as m
from facilitator.db.store import Store
from facilitator.report.markdown import render_markdown
from tests.core.report_support import import_demo, reviewing_pair

# 18:06 in Berlin (CET, UTC+1) on a Tuesday evening.
START = datetime(2026, 11, 10, 17, 6, tzinfo=UTC)


def minutes(n: int) -> timedelta:
    return timedelta(minutes=n)


def make(store: Store, title: str = "Checkout failures", **fields: Any) -> str:
    fields.setdefault("timezone", "Europe/Berlin")
    return sessions.create_session(store, title, **fields)


def add(store: Store, session_id: str, build: Callable[[m.Session], None]) -> str:
    """Add ORM rows to a stored session in one unit of work, then render its snapshot."""
    with store.session() as db:
        build(sessions.get(db, session_id))
    return render_markdown(sessions.load_session(store, session_id))


def render(store: Store, session_id: str) -> str:
    return render_markdown(sessions.load_session(store, session_id))


def headings(text: str) -> list[str]:
    return re.findall(r"^#{1,3} .*$", text, re.MULTILINE)


def section(text: str, heading: str) -> str:
    """The body of one `##` section, up to the next `##` heading."""
    start = text.index(f"\n## {heading}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else len(text)]


def html_tables(text: str) -> list[list[list[str]]]:
    """Every table as rows of cells, parsed by Python-Markdown's own table extension."""
    html = markdown.markdown(text, extensions=["tables"])
    tables = re.findall(r"<table>(.*?)</table>", html, re.DOTALL)
    return [
        [
            re.findall(r"<t[hd]>(.*?)</t[hd]>", row, re.DOTALL)
            for row in re.findall(r"<tr>(.*?)</tr>", t, re.DOTALL)
        ]
        for t in tables
    ]


def fill(session: m.Session) -> None:
    """Something in every section, in a deliberately shuffled order of insertion."""
    session.participants = [
        m.Participant(name="Priya Raman", role="facilitator", team="Reliability", position=0),
        m.Participant(name="Jonas Richter", role="incident_lead", team="Payments", position=1),
        m.Participant(name="Ana Costa", role="responder", team="", position=2),
    ]
    session.timeline = [
        m.TimelineEntry(
            at=START + minutes(8), kind="detection", text="Support sees failed chats", key=True
        ),
        m.TimelineEntry(
            at=START, kind="note", text="Pool reaches 240/240", notes="Found afterwards"
        ),
    ]
    session.items = [
        m.ListItem(list="parking_lot", text="Stagger push campaigns?"),
        m.ListItem(list="lucky", text="The database on-call was online"),
        m.ListItem(list="went_poorly", text="Alerting watches latency, not saturation"),
        m.ListItem(list="went_well", text="Idempotency keys held"),
    ]
    session.why_chains = [
        m.WhyChain(
            problem="Checkout failed",
            whys=[m.Why(text="Why did the system allow the pool to run out?", position=0)],
            root_cause="Load tests ignore dependency latency",
        )
    ]
    session.factors = [m.Factor(text="Pool exhausted", category="technical")]
    session.actions = [
        m.ActionItem(title="Alert on pool saturation", owner="Jonas Richter", priority="must"),
        m.ActionItem(title="Dark mode for the dashboard", owner="Ana Costa", priority="nice"),
    ]


@pytest.fixture
def full(store: Store) -> str:
    session_id = make(
        store,
        incident_ref="INC-2026-1110",
        severity="SEV2",
        incident_lead="Jonas Richter",
        facilitator="Priya Raman",
        summary="Checkout failed for 56 minutes.",
        impact_customers="14,200 customers saw an error.",
        impact_internal="Support ran at three times the usual volume.",
        started_at=START,
        detected_at=START + minutes(8),
        meeting_at=datetime(2026, 11, 13, 13, 0, tzinfo=UTC),
    )
    sessions.set_labels(store, session_id, "service", ["checkout-api", "orders-db"])
    sessions.set_labels(store, session_id, "tag", ["retry-storm"])
    return add(store, session_id, fill)


def test_sections_come_in_the_write_up_order(full: str) -> None:
    assert headings(full) == [
        "# INC-2026-1110 — Checkout failures",
        "## Executive summary",
        "## Impact",
        "### Customers",
        "### Internal",
        "## Key times",
        "## Timeline",
        "### Walkthrough notes",
        "## Went well",
        "## Went poorly",
        "## Where we got lucky",
        "## Parking lot",
        "## 5 Whys",
        "### Chain 1",
        "## Contributing factors",
        "## Action items",
        "### Backlog",
    ]
    # The metadata table sits between the title and the summary.
    assert full.index("| Field | Value |") < full.index("## Executive summary")
    assert full.endswith(" |\n")  # the backlog table, one final newline, no blank line


def test_metadata_table(full: str) -> None:
    metadata = html_tables(full)[0]
    assert metadata[0] == ["Field", "Value"]
    assert dict(metadata[1:]) == {
        "Incident": "INC-2026-1110",
        "Severity": "SEV2",
        "Status": "Draft",
        "Depth": "Standard",
        "Incident lead": "Jonas Richter",
        "Facilitator": "Priya Raman",
        "Participants": "Priya Raman (facilitator, Reliability)<br>"
        "Jonas Richter (incident lead, Payments)<br>Ana Costa (responder)",
        "Services": "checkout-api, orders-db",
        "Tags": "retry-storm",
        "Time zone": "Europe/Berlin",
        "Meeting": "2026-11-13 14:00",  # 13:00 UTC shown in Berlin
    }


def test_an_empty_session_has_only_its_title_and_metadata(store: Store) -> None:
    text = render(store, make(store, "Quiet night", timezone="UTC"))
    assert headings(text) == ["# Quiet night"]
    rows = dict(html_tables(text)[0][1:])
    assert set(rows) == {"Severity", "Status", "Depth", "Time zone"}


def test_blank_entries_do_not_make_a_section(store: Store) -> None:
    def blank(session: m.Session) -> None:
        session.items = [m.ListItem(list="went_well", text="  \n")]
        session.why_chains = [m.WhyChain(problem=" ", whys=[m.Why(text="")])]

    text = add(store, make(store, summary="\n\n", impact_revenue="   "), blank)
    assert headings(text) == ["# Checkout failures"]


def test_user_markdown_is_kept_verbatim(store: Store) -> None:
    summary = (
        "Checkout **failed** for [56 minutes](https://status.example.com/x).\n\n"
        "- first\n- second *with* `code | pipe`\n\n"
        "```\nSELECT 1;\n```"
    )
    session_id = make(store, summary=summary, impact_revenue="€ _73,000_ <small>net</small>")
    text = add(
        store, session_id, lambda s: s.items.append(m.ListItem(list="lucky", text="A *b* `c`"))
    )
    assert f"## Executive summary\n\n{summary}\n\n" in text
    assert "### Revenue\n\n€ _73,000_ <small>net</small>" in text
    assert "- A *b* `c`" in text


def test_windows_line_endings_are_unified_and_surrounding_blank_lines_dropped(
    store: Store,
) -> None:
    text = render(store, make(store, summary="\r\n\r\nLine one\r\nLine two\r\n\r\n"))
    assert "## Executive summary\n\nLine one\nLine two\n" in text


def test_table_cells_escape_pipes_and_turn_line_breaks_into_br(store: Store) -> None:
    def entries(session: m.Session) -> None:
        session.timeline = [
            m.TimelineEntry(at=START, text="p99 | p50\nsecond line\r\nthird", source="a|b"),
        ]
        session.actions = [
            m.ActionItem(title="A | B", owner="Ana", success_criteria="ok\nthen `x|y`")
        ]

    text = add(store, make(store), entries)
    assert "| p99 \\| p50<br>second line<br>third | a\\|b |" in text
    assert "| A \\| B | Ana |" in text
    assert "ok<br>then `x\\|y`" in text
    # A Markdown table parser sees the right columns, with the pipes back in the cells.
    timeline, actions = html_tables(text)[1:]
    assert timeline[1][2:] == ["p99 | p50<br>second line<br>third", "a|b"]
    assert len(actions[1]) == 7


def test_multi_line_list_items_stay_inside_their_item(store: Store) -> None:
    def lists(session: m.Session) -> None:
        session.items = [m.ListItem(list="went_well", text="First line\n\n  nested para\nlast")]
        session.why_chains = [m.WhyChain(whys=[m.Why(text="Why one?\nMore", position=0)])]

    text = add(store, make(store), lists)
    assert "- First line\n\n    nested para\n  last" in text
    assert "1. Why one?\n   More" in text


def test_key_times_and_durations_in_the_session_zone(store: Store) -> None:
    session_id = make(
        store,
        started_at=START,
        detected_at=START + minutes(8),
        acknowledged_at=START + minutes(15),
        mitigated_at=START + minutes(56),
        resolved_at=START + minutes(154),
    )
    key_times = section(render(store, session_id), "Key times")
    times, durations = html_tables(key_times)
    assert times == [
        ["Key time", "Time (Europe/Berlin)"],
        ["Started", "2026-11-10 18:06"],
        ["Detected", "2026-11-10 18:14"],
        ["Acknowledged", "2026-11-10 18:21"],
        ["Mitigated", "2026-11-10 19:02"],
        ["Resolved", "2026-11-10 20:40"],
    ]
    assert durations[1:] == [
        ["Time to detect", "started", "detected", "8 min"],
        ["Time to acknowledge", "detected", "acknowledged", "7 min"],
        ["Time to mitigate", "started", "mitigated", "56 min"],
        ["Time to resolve", "started", "resolved", "2 h 34 min"],
    ]
    assert "Note" not in key_times


def test_key_times_out_of_order_get_a_note_and_no_duration(store: Store) -> None:
    session_id = make(store, started_at=START, detected_at=START - minutes(7))
    key_times = section(render(store, session_id), "Key times")
    assert html_tables(key_times)[1][1:] == [["Time to detect", "started", "detected", "—"]]
    assert "> - detected at 17:59 is before started at 18:06" in key_times


def test_only_durations_with_both_times_are_listed(store: Store) -> None:
    key_times = section(
        render(store, make(store, started_at=START, resolved_at=START + minutes(45))), "Key times"
    )
    assert [row[0] for row in html_tables(key_times)[1][1:]] == ["Time to resolve"]


def test_timeline_shows_the_date_when_the_day_changes(store: Store) -> None:
    def entries(session: m.Session) -> None:
        session.timeline = [
            m.TimelineEntry(at=START, kind="alert", text="Page fires", key=True, position=0),
            m.TimelineEntry(at=START + minutes(4), kind="action", text="Restart", position=1),
            # 00:30 in Berlin on the next day, although still the 10th in UTC.
            m.TimelineEntry(at=datetime(2026, 11, 10, 23, 30, tzinfo=UTC), text="Wrap", position=2),
        ]

    timeline = section(add(store, make(store), entries), "Timeline")
    [table] = html_tables(timeline)
    assert table == [
        ["Time", "Kind", "What happened"],  # no source column when no entry has a source
        ["2026-11-10 18:06", "Alert", "★ Page fires"],
        ["18:10", "Action", "Restart"],
        ["2026-11-11 00:30", "Note", "Wrap"],
    ]
    assert "★ key event" in timeline
    assert "Walkthrough notes" not in timeline


def test_walkthrough_notes_beneath_the_timeline(full: str) -> None:
    timeline = section(full, "Timeline")
    assert timeline.index("| Pool reaches 240/240 |") < timeline.index("### Walkthrough notes")
    assert "- **2026-11-10 18:06, note:** Found afterwards" in timeline


def test_multi_line_notes_start_below_their_label(store: Store) -> None:
    def entries(session: m.Session) -> None:
        session.timeline = [m.TimelineEntry(at=START, text="x", notes="- one\n- two")]

    text = add(store, make(store), entries)
    assert "- **2026-11-10 18:06, note:**\n\n  - one\n  - two" in text


def test_lists(full: str) -> None:
    assert "## Went well\n\n- Idempotency keys held\n" in full
    assert "## Went poorly\n\n- Alerting watches latency, not saturation\n" in full
    assert "## Where we got lucky\n\n- The database on-call was online\n" in full
    assert "## Parking lot\n\n- Stagger push campaigns?\n" in full


def test_why_chains(store: Store) -> None:
    def chains(session: m.Session) -> None:
        session.why_chains = [
            m.WhyChain(position=1, problem="Retries piled up", root_cause="No shared retry policy"),
            m.WhyChain(
                position=0,
                problem="Pool exhausted",
                whys=[
                    m.Why(text=f"Why did the system allow step {n}?", position=n) for n in range(4)
                ],
                root_cause="# Not a heading here\nLoad tests ignore latency",
            ),
        ]

    whys = section(add(store, make(store), chains), "5 Whys")
    assert whys.index("### Chain 1") < whys.index("Pool exhausted") < whys.index("### Chain 2")
    assert "**Problem:** Pool exhausted\n\n1. Why did the system allow step 0?\n" in whys
    assert "4. Why did the system allow step 3?\n\n" in whys
    # Text that starts a block goes below its label, so it keeps its meaning.
    assert "**Root cause:**\n\n# Not a heading here\nLoad tests ignore latency" in whys
    assert "**Problem:** Retries piled up\n\n**Root cause:** No shared retry policy" in whys


def test_factors_nest_with_category_and_gate(store: Store) -> None:
    def tree(session: m.Session) -> None:
        top = m.Factor(text="Pool exhausted", category="technical", gate="and", position=0)
        volume = m.Factor(
            text="Volume too high", category="technical", gate="or", parent=top, position=1
        )
        session.factors = [
            top,
            m.Factor(text="Slow alerting", category="process", position=1),
            m.Factor(text="Pool sized for normal load", category="process", parent=top, position=0),
            volume,
            m.Factor(text="Flash sale", category="external", parent=volume, position=0),
            m.Factor(
                text="Calendar gap\nacross teams", category="communication", gate="or", position=2
            ),
        ]

    factors = section(add(store, make(store), tree), "Contributing factors")
    assert factors.strip().splitlines()[2:] == [
        "- _technical_ · Pool exhausted — **AND** all of:",
        "  - _process_ · Pool sized for normal load",
        "  - _technical_ · Volume too high — **OR** any of:",
        "    - _external_ · Flash sale",
        "- _process_ · Slow alerting",
        # A gate without inputs says nothing, so it is not shown.
        "- _communication_ · Calendar gap",
        "  across teams",
    ]


def test_action_items_and_backlog(store: Store) -> None:
    def actions(session: m.Session) -> None:
        session.actions = [
            m.ActionItem(
                title="Alert on pool saturation",
                owner="Jonas Richter",
                due=date(2026, 11, 20),
                success_criteria="Pages within 3 min",
                priority="must",
                kind="detect",
                status="done",
                completed_at=datetime(2026, 11, 18, 23, 30, tzinfo=UTC),
                tracker_url="https://tracker.example.com/browse/PAY 2291|x",
                position=0,
            ),
            m.ActionItem(
                title="Backoff with jitter",
                priority="should",
                kind="mitigate",
                status="in_progress",
                position=1,
            ),
            m.ActionItem(
                title="Prettier dashboard", owner="Ana", priority="nice", kind="process", position=2
            ),
        ]

    text = section(add(store, make(store), actions), "Action items")
    committed, backlog = html_tables(text)
    assert committed[0] == [
        "Action",
        "Owner",
        "Due",
        "Priority",
        "Kind",
        "Status",
        "Success criteria",
    ]
    link = "[Tracker](<https://tracker.example.com/browse/PAY%202291%7Cx>)"
    assert f"| Alert on pool saturation<br>{link} | Jonas Richter | 2026-11-20 | Must fix |" in text
    # Completed on the 19th in Berlin; a missing owner, due date or criterion shows as a dash.
    assert committed[1][4:6] == ["Detect", "Done 2026-11-19"]
    assert committed[2] == [
        "Backoff with jitter",
        "—",
        "—",
        "Should fix",
        "Mitigate",
        "In progress",
        "—",
    ]
    assert text.index("### Backlog") > text.index("Backoff with jitter")
    assert backlog == [
        ["Action", "Owner", "Due", "Kind", "Status", "Success criteria"],
        ["Prettier dashboard", "Ana", "—", "Process", "Open", "—"],
    ]


def test_only_web_tracker_links_become_links(store: Store) -> None:
    def actions(session: m.Session) -> None:
        session.actions = [m.ActionItem(title="X", tracker_url="javascript:alert(1)")]

    text = add(store, make(store), actions)
    assert "| X<br>javascript:alert(1) |" in text
    assert "](" not in text


def test_a_backlog_alone_still_gets_the_action_items_heading(store: Store) -> None:
    def actions(session: m.Session) -> None:
        session.actions = [m.ActionItem(title="Someday", priority="nice")]

    text = add(store, make(store), actions)
    assert headings(text)[-2:] == ["## Action items", "### Backlog"]


def test_title_without_a_reference_and_with_a_line_break(store: Store) -> None:
    text = render(store, make(store, "Checkout\nfailures"))
    assert text.startswith("# Checkout failures\n\n")


def test_the_review_of_earlier_actions_lists_each_verdict(store: Store) -> None:
    earlier, later = reviewing_pair(store)
    text = render_markdown(
        sessions.load_session(store, later), reviews=review.session_reviews(store, later)
    )
    section = text[text.index("## Review of earlier actions") :]
    assert (
        "| INC-7 · Cache stampede | Add jitter to cache expiry | Ada Lovelace | 2026-03-20 "
        "| Slipped | Ada Lovelace moved it to Q3 |" in section
    )
    assert "| Done, but the success criteria not met | Alert fires too late |" in section
    assert "Review of earlier actions" not in render_markdown(
        sessions.load_session(store, earlier), reviews=review.session_reviews(store, earlier)
    )


def test_public_markdown_holds_no_participant_name(store: Store) -> None:
    session = sessions.load_session(store, import_demo(store))
    text = render_markdown(session, "public")
    for person in session.participants:
        for part in (person.name, *person.name.split()):
            assert part not in text
    assert "Incident lead" in text
    assert "_Post-mortem, public version_" in text
    assert "### Walkthrough notes" not in text
    assert "## Parking lot" not in text
    assert "tracker.example.com" not in text
    assert "## Action items" in text


def test_pre_read_markdown_has_the_agenda_and_timeline_but_no_actions(store: Store) -> None:
    session = sessions.load_session(store, import_demo(store))
    assert headings(render_markdown(session, "pre-read")) == [
        f"# {session.incident_ref} — {session.title}",
        "## Agenda",
        "## Blameless opener",
        "## Timeline",
    ]
    text = render_markdown(session, "pre-read")
    assert "**Total**" in text
    assert "min |" in text
    assert "Priya Raman" in text  # the pre-read goes to the people in the room
    for left_out in ("## Action items", "## Executive summary", "### Walkthrough notes"):
        assert left_out not in text
