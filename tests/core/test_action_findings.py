"""`check` on action items and free text: every finding fires when it should and stays quiet
when it should (no crying wolf), and the demo session comes out as judged."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest

from facilitator import actions, checks, exchange, factors, lists, sessions, timeline, whys
from facilitator.action_findings import action_findings, coverage_findings
from facilitator.action_words import aims_at_person, is_vague, owner_problem
from facilitator.db import models as m
from facilitator.db.store import Store
from facilitator.findings import Finding
from facilitator.language_check import language_check
from facilitator.resources import resource_path

TODAY = date(2026, 11, 27)
GOOD: dict[str, Any] = {
    "owner": "Alice Chen",
    "due": date(2026, 12, 15),
    "success_criteria": "A page fires within 3 minutes of pool saturation in a load test",
    "priority": "must",
}


@pytest.fixture
def session_id(store: Store) -> str:
    return sessions.create_session(store, "Checkout outage")


def findings_for(store: Store, session_id: str) -> list[Finding]:
    return action_findings(sessions.load_session(store, session_id), today=TODAY)


def item_messages(store: Store, session_id: str, title: str, **fields: Any) -> list[str]:
    """The findings of one item added with GOOD fields overridden, coverage left out."""
    actions.add_action(store, session_id, title, **{**GOOD, **fields})
    return [
        f"{f.level} {f.section}: {f.message}"
        for f in findings_for(store, session_id)
        if f.section != "actions"
    ]


def test_a_good_item_has_no_findings(store: Store, session_id: str) -> None:
    assert item_messages(store, session_id, "Alert on connection-pool saturation") == []


# --- owners ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "owner",
    [
        "Platform team",
        "SRE",
        "ops",
        "everyone",
        "TBD",
        "team",
        "squad",
        "on-call",
        "devs",
        "Security",
        "QA",
        "payments-oncall",
        "Payments on-call",
        "@platform-team",
        "n/a",
        "?",
        "The DBA team",
        "Engineering",
        "Backend devs",
        "Unassigned",
        "NOC",
    ],
)
def test_a_team_or_group_is_not_an_owner(owner: str) -> None:
    assert owner_problem(owner) == (
        "is a team or a group, not one person: name the individual who drives it"
    )


@pytest.mark.parametrize(
    "owner", ["Alice and Bob", "Alice & Bob", "Alice/Bob", "A, B, C", "Al; Bo"]
)
def test_several_owners_are_one_too_many(owner: str) -> None:
    assert (
        owner_problem(owner) == "names more than one owner; one person drives it (others can help)"
    )


@pytest.mark.parametrize(
    "owner",
    [
        "Alice Chen",
        "Dev Patel",
        "Tomás Ferreira",
        "Mehmet Aydın",
        "Alice Chen (SRE)",
        "achen",
        "alice@example.com",
        "Chen, Alice",
        "AJ",
        "Sam",
        "",
    ],
)
def test_an_individual_is_an_owner(owner: str) -> None:
    assert owner_problem(owner) is None


def test_team_owner_finding(store: Store, session_id: str) -> None:
    assert item_messages(store, session_id, "Add a canary", owner="Platform team") == [
        'warning actions[1]: owner "Platform team" is a team or a group, not one person: name '
        "the individual who drives it"
    ]


# --- completeness, deadlines ----------------------------------------------------------------


def test_missing_fields_are_errors_for_committed_items(store: Store, session_id: str) -> None:
    assert item_messages(store, session_id, "Add a canary", due=None, success_criteria=" ") == [
        "error actions[1]: needs a deadline and success criteria before the session can be "
        "completed"
    ]


def test_backlog_and_dropped_items_need_no_owner(store: Store, session_id: str) -> None:
    actions.add_action(store, session_id, "Backlog idea: a canary", priority="nice")
    actions.add_action(store, session_id, "Dropped: a canary", status="dropped", rationale="moot")
    assert [f for f in findings_for(store, session_id) if f.section != "actions"] == []


@pytest.mark.parametrize(
    ("status", "due", "expected"),
    [
        ("open", date(2026, 11, 20), "due 2026-11-20 (7 days ago) and still open"),
        ("in_progress", date(2026, 11, 26), "due 2026-11-26 (1 day ago) and still in progress"),
        ("open", TODAY, None),
        ("done", date(2026, 11, 1), None),
    ],
)
def test_past_deadline_for_an_open_item(
    store: Store, session_id: str, status: str, due: date, expected: str | None
) -> None:
    messages = item_messages(store, session_id, "Add a canary", status=status, due=due)
    if expected is None:
        assert messages == []
    else:
        assert messages == [
            f"warning actions[1]: {expected}: move the deadline or update the status"
        ]


def test_today_defaults_to_the_session_zone(store: Store, session_id: str) -> None:
    actions.add_action(store, session_id, "Add a canary", **{**GOOD, "due": date(2000, 1, 1)})
    found = action_findings(sessions.load_session(store, session_id))
    assert any("still open" in f.message for f in found)


# --- vague tasks ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "criteria"),
    [
        ("Improve monitoring", ""),
        ("Be more careful", "People are careful"),
        ("Investigate", ""),
        ("Look into the DNS timeouts", "We understand it"),
        ("Better alerting", ""),
        ("We should review the process", ""),
        ("More testing", "Better coverage"),
    ],
)
def test_vague_tasks_without_a_measure(title: str, criteria: str) -> None:
    assert is_vague(title, criteria)


@pytest.mark.parametrize(
    ("title", "criteria"),
    [
        ("Improve p99 latency to under 200 ms", ""),
        ("Improve monitoring", "A page fires when pool utilisation is above 85% for 2 minutes"),
        ("Alert on pool saturation", ""),
        ("Investigate the flaky test", "Root cause documented in the ticket"),
        ("Add a canary stage", ""),
        ("Review the runbook", "Runbook published and linked from the alert"),
        ("Ensure retries use exponential backoff", ""),
    ],
)
def test_specific_or_measured_tasks_are_fine(title: str, criteria: str) -> None:
    assert not is_vague(title, criteria)


def test_vague_finding(store: Store, session_id: str) -> None:
    messages = item_messages(
        store, session_id, "Improve monitoring", success_criteria="Monitoring is better"
    )
    assert len(messages) == 1
    assert messages[0].startswith("warning actions[1]: the task is vague and nothing measures it")


# --- aimed at a person ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "title",
    [
        "Sarah needs Kubernetes training",
        "Train John on deploys",
        "Remind Bob to double-check the config",
        "Bob should be more careful",
        "The on-call engineer must pay more attention",
        "Talk to Dave about the deploy",
        "Kubernetes training for Sarah",
        "Everyone must be more careful",
        "Engineers need Kubernetes training",
        "Send Priya to the Postgres course",
        "Sarah's training on failovers",
        "Priya to read the runbook",
    ],
)
def test_items_aimed_at_a_person(title: str) -> None:
    assert aims_at_person(title, ["Priya Raman"])


@pytest.mark.parametrize(
    "title",
    [
        "Model needs retraining",
        "Train the anomaly detector on last year's traffic",
        "Alice to add a canary stage",
        "Checkout needs more training data",
        "Add a canary stage to the deploy pipeline",
        "CI needs more tests",
        "Terraform must stop applying without a plan",
        "Alert on checkout-api connection-pool saturation and wait time",
        "Run a game day for the failover runbook",
    ],
)
def test_items_aimed_at_the_system(title: str) -> None:
    assert not aims_at_person(title, ["Alice Chen"])


def test_person_finding(store: Store, session_id: str) -> None:
    messages = item_messages(store, session_id, "Sarah needs Kubernetes training")
    assert len(messages) == 1
    assert messages[0].startswith("warning actions[1]: aims at a person rather than the system")


# --- other item findings --------------------------------------------------------------------


def test_status_records_and_links(store: Store, session_id: str) -> None:
    with store.session() as db:  # as an old import may hold them: no API allows these
        db.add_all(
            [
                m.ActionItem(
                    session_id=session_id, position=0, title="Done", status="done", **GOOD
                ),
                m.ActionItem(session_id=session_id, position=1, title="Drop", status="dropped"),
                m.ActionItem(
                    session_id=session_id,
                    position=2,
                    title="Link",
                    tracker_url="javascript:alert(1)",
                    **GOOD,
                ),
                m.ActionItem(session_id=session_id, position=3, title="  ", **GOOD),
            ]
        )
    found = [str(f) for f in findings_for(store, session_id) if f.section != "actions"]
    assert found == [
        "warning actions[1]: done but without a completion time: follow-up cannot count it",
        "warning actions[2]: dropped without a rationale: say why, so the decision is on record",
        "error actions[3]: tracker link must be an http:// or https:// link",
        "warning actions[4]: has no task: say what will change",
    ]


def test_more_than_five_committed_items_is_an_error(store: Store, session_id: str) -> None:
    with store.session() as db:
        db.add_all(
            m.ActionItem(session_id=session_id, position=n, title=f"Item {n}", **GOOD)
            for n in range(7)
        )
    found = [f for f in findings_for(store, session_id) if f.section == "actions"]
    assert found[0] == Finding(
        "error",
        "actions",
        "7 must/should items; a session keeps at most 5 (twenty action items means zero): make "
        "the lowest-priority ones nice-to-have (the backlog) or drop some",
    )


def test_five_committed_items_and_a_backlog_are_fine(store: Store, session_id: str) -> None:
    for n in range(5):
        actions.add_action(store, session_id, f"Item {n}", **GOOD)
    actions.add_action(store, session_id, "Backlog", priority="nice")
    assert not any("at most 5" in f.message for f in findings_for(store, session_id))


# --- coverage -------------------------------------------------------------------------------


def coverage(store: Store, session_id: str) -> list[str]:
    return [f.message for f in coverage_findings(sessions.load_session(store, session_id))]


def test_coverage_of_root_causes_and_leaf_factors(store: Store, session_id: str) -> None:
    chain = whys.add_chain(store, session_id, root_cause="No load test covers dependency latency")
    whys.add_chain(store, session_id, problem="Only a problem so far")  # no root cause yet
    top = factors.add_factor(store, session_id, text="Pool exhausted")
    held = factors.add_child(store, session_id, top, text="Connections held across a remote call")
    factors.add_child(store, session_id, top, text="Traffic tripled")
    unknown = factors.add_factor(store, session_id, text="Was the sale announced?")
    factors.edit_factor(store, session_id, unknown, unknown=True)
    assert coverage(store, session_id) == [
        'no action item addresses the root cause of why chain 1 ("No load test covers dependency '
        'latency"), and no dropped item explains why not',
        'no action item addresses factor "Connections held across a remote call", and no dropped '
        "item explains why not",
        'no action item addresses factor "Traffic tripled", and no dropped item explains why not',
    ]
    actions.add_action(store, session_id, "Load test", **GOOD, addresses=[chain, held])
    assert coverage(store, session_id) == [
        'no action item addresses factor "Traffic tripled", and no dropped item explains why not'
    ]
    actions.add_action(store, session_id, "Cap traffic", status="dropped", rationale="x")
    assert len(coverage(store, session_id)) == 1  # a dropped item explains only what it names
    dropped = actions.load_actions(store, session_id)[-1].id
    actions.update_action(store, session_id, dropped, addresses=[top])  # covers the branch
    assert coverage(store, session_id) == []


def test_an_action_on_a_parent_covers_its_leaves(store: Store, session_id: str) -> None:
    top = factors.add_factor(store, session_id, text="Retry storm")
    factors.add_child(store, session_id, top, text="No backoff")
    factors.add_child(store, session_id, top, text="No jitter")
    actions.add_action(store, session_id, "Shared retry policy", **GOOD, addresses=[top])
    assert coverage(store, session_id) == []


def test_coverage_says_it_once_when_nothing_is_linked(store: Store, session_id: str) -> None:
    for n in range(7):
        factors.add_factor(store, session_id, text=f"Factor {n}")
    assert coverage(store, session_id) == [
        "no action item addresses any of the 7 root causes and factors yet: link each item to "
        "what it addresses"
    ]
    actions.add_action(store, session_id, "One", **GOOD, addresses=[])
    first = factors.load_tree(store, session_id).children[0].id
    actions.update_action(
        store, session_id, actions.load_actions(store, session_id)[0].id, addresses=[first]
    )
    found = coverage(store, session_id)
    assert len(found) == 6
    assert found[-1] == "…and 1 more causes no action addresses"


def test_a_session_without_analysis_has_no_coverage_findings(store: Store, session_id: str) -> None:
    assert coverage(store, session_id) == []


# --- language -------------------------------------------------------------------------------


def test_one_language_finding_a_field_in_its_step(store: Store, session_id: str) -> None:
    sessions.update_session(store, session_id, summary="Fine summary. Nothing blameful here.")
    lists.add_item(store, session_id, "went_poorly", "Alerts were noisy")
    lists.add_item(
        store, session_id, "went_poorly", "John forgot the flag and Jane ignored the alert."
    )
    timeline.add_entry(
        store, session_id, datetime(2026, 11, 2, 10, 0, tzinfo=UTC), "You deployed on a Friday"
    )
    whys.add_chain(store, session_id, problem="Checkout failed", root_cause="Human error")
    found = language_check(sessions.load_session(store, session_id))
    assert [(f.level, f.section) for f in found] == [
        ("warning", "timeline[1]"),
        ("warning", "went-poorly[2]"),
        ("warning", "whys[1]"),
    ]
    assert found[1].message.startswith("“John forgot")
    assert found[1].message.endswith("(and 1 more in this text)")


def test_blameless_text_has_no_language_findings(store: Store, session_id: str) -> None:
    lists.add_item(store, session_id, "went_well", "Alice restarted the database at 02:30")
    lists.add_item(store, session_id, "went_poorly", "We should add a canary stage")
    lists.add_item(store, session_id, "went_poorly", "Alerting missed the spike")
    assert language_check(sessions.load_session(store, session_id)) == []


# --- through `check` and on the demo -------------------------------------------------------


def test_check_reports_action_and_language_findings(store: Store, session_id: str) -> None:
    actions.add_action(store, session_id, "Add a canary", **{**GOOD, "owner": "SRE"})
    lists.add_item(store, session_id, "went_poorly", "It was my fault")
    lines = [str(f) for f in checks.check(store, session_id)]
    assert any(line.startswith('warning actions[1]: owner "SRE"') for line in lines)
    assert any(line.startswith("warning went-poorly[1]: “my fault”") for line in lines)
    # Agenda order: went-poorly comes before actions.
    poorly = next(i for i, line in enumerate(lines) if "went-poorly" in line)
    owner = next(i for i, line in enumerate(lines) if "SRE" in line)
    assert poorly < owner


def test_the_demo_session_is_judged_as_expected(store: Store) -> None:
    (demo,) = exchange.import_files(store, [resource_path("samples", "demo-session.json")])
    session = sessions.load_session(store, demo)
    assert language_check(session) == []
    # Every root cause and leaf factor is addressed; every item is complete and owned.
    assert action_findings(session, today=TODAY) == []
