"""Action items: undo-friendly edits, the cap of five, status rules, completeness, and the
cap over exchange documents (pure functions and the CLI import)."""

from __future__ import annotations

import copy
import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from facilitator import actions, cli, errors, factors, sessions, whys
from facilitator.actions import MAX_COMMITTED, ActionCapError, IncompleteSessionError
from facilitator.db import models as m
from facilitator.db.store import Store

DONE_AT = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)


@pytest.fixture
def session_id(store: Store) -> str:
    return sessions.create_session(store, "Checkout outage")


def titles(store: Store, session_id: str) -> list[str]:
    return [a.title for a in actions.load_actions(store, session_id)]


def complete_item(store: Store, session_id: str, title: str, **fields: Any) -> str:
    values: dict[str, Any] = {
        "owner": "Alice Chen",
        "due": date(2026, 12, 1),
        "success_criteria": "p95 under 200 ms in the load test",
        "priority": "must",
        **fields,
    }
    return actions.add_action(store, session_id, title, **values)


# --- editing ---------------------------------------------------------------------------------


def test_add_stores_every_field_and_keeps_order(store: Store, session_id: str) -> None:
    chain = whys.add_chain(store, session_id, problem="p", root_cause="no shared retry policy")
    factor = factors.add_factor(store, session_id, text="retries without backoff")
    first = actions.add_action(
        store,
        session_id,
        "Shared retry policy",
        owner="Sofia Lindqvist",
        due=date(2026, 12, 18),
        success_criteria="At most 3 attempts",
        priority="must",
        kind="mitigate",
        status="done",
        completed_at=DONE_AT,
        rationale="Retries made a storm",
        tracker_url="https://tracker.example.com/PAY-1",
        addresses=[factor, chain],
    )
    actions.add_action(store, session_id, "Last")
    actions.add_action(store, session_id, "Middle", index=1)
    stored = actions.load_actions(store, session_id)
    assert [a.title for a in stored] == ["Shared retry policy", "Middle", "Last"]
    assert [a.position for a in stored] == [0, 1, 2]
    item = stored[0]
    assert (item.id, item.owner, item.due, item.priority, item.kind) == (
        first,
        "Sofia Lindqvist",
        date(2026, 12, 18),
        "must",
        "mitigate",
    )
    assert (item.status, item.completed_at, item.rationale) == (
        "done",
        DONE_AT,
        "Retries made a storm",
    )
    assert item.tracker_url == "https://tracker.example.com/PAY-1"
    assert item.addresses == (factor, chain)
    assert (item.factor_ids, item.chain_ids) == ((factor,), (chain,))
    assert stored[1].priority == "should"
    assert stored[1].kind == "prevent"


@pytest.mark.parametrize(
    ("kwargs", "problem"),
    [
        ({"title": "  "}, "title: must not be empty"),
        ({"priority": "urgent"}, "priority: must be one of must, should, nice"),
        ({"kind": "blame"}, "kind: must be one of detect"),
        ({"status": "later"}, "status: must be one of open"),
        ({"due": "2026-12-01"}, "due: must be a date"),
        ({"due": datetime(2026, 12, 1, tzinfo=UTC)}, "due: must be a date"),
        ({"completed_at": datetime(2026, 12, 1)}, "completed_at: must be a time with a zone"),
        ({"tracker_url": "javascript:alert(1)"}, "tracker_url: must be an http"),
        ({"tracker_url": "file:///etc/passwd"}, "tracker_url: must be an http"),
        ({"tracker_url": "https://"}, "tracker_url: must be an http"),
        ({"tracker_url": "https://x.test/a b"}, "tracker_url: must not contain spaces"),
        ({"owner": 3}, "owner: must be text"),
        ({"addresses": ["nope"]}, "addresses.0.: no factor or why chain"),
        ({"addresses": "f1"}, "addresses: must be a list"),
        ({"index": 4}, "index: must be between 0 and 0"),
        ({"status": "dropped"}, "rationale: say why the item is dropped"),
        ({"completed_at": DONE_AT}, "completed_at: only a done item"),
    ],
)
def test_bad_items_are_refused(
    store: Store, session_id: str, kwargs: dict[str, Any], problem: str
) -> None:
    arguments: dict[str, Any] = {"title": "Add a canary stage", **kwargs}
    with pytest.raises(errors.ValidationError, match=problem.replace(".0.", r"\[0\]")):
        actions.add_action(store, session_id, **arguments)
    assert titles(store, session_id) == []


def test_addresses_must_belong_to_the_same_session(store: Store, session_id: str) -> None:
    other = sessions.create_session(store, "Other")
    foreign = factors.add_factor(store, other, text="elsewhere")
    with pytest.raises(errors.ValidationError, match="no factor or why chain"):
        actions.add_action(store, session_id, "Fix", addresses=[foreign])
    mine = factors.add_factor(store, session_id, text="here")
    with pytest.raises(errors.ValidationError, match="listed twice"):
        actions.add_action(store, session_id, "Fix", addresses=[mine, mine])


def test_update_returns_previous_values_and_undoes(store: Store, session_id: str) -> None:
    factor = factors.add_factor(store, session_id, text="pool too small")
    chain = whys.add_chain(store, session_id, root_cause="no load test")
    item = actions.add_action(store, session_id, "Alert on saturation", addresses=[factor])
    before = sessions.load_session(store, session_id).updated_at
    previous = actions.update_action(
        store, session_id, item, title="Page on saturation", owner="Jonas", addresses=[chain]
    )
    assert previous == {"title": "Alert on saturation", "owner": "", "addresses": (factor,)}
    view = actions.load_actions(store, session_id)[0]
    assert (view.title, view.owner, view.addresses) == ("Page on saturation", "Jonas", (chain,))
    assert sessions.load_session(store, session_id).updated_at > before
    actions.update_action(store, session_id, item, **previous)
    view = actions.load_actions(store, session_id)[0]
    assert (view.title, view.owner, view.addresses) == ("Alert on saturation", "", (factor,))


def test_update_accepts_a_blank_title_while_retyping(store: Store, session_id: str) -> None:
    item = actions.add_action(store, session_id, "Alert")
    assert actions.update_action(store, session_id, item, title="") == {"title": "Alert"}


def test_an_edit_that_changes_nothing_does_not_touch_the_session(
    store: Store, session_id: str
) -> None:
    item = actions.add_action(store, session_id, "Alert")
    before = sessions.load_session(store, session_id).updated_at
    actions.update_action(store, session_id, item, title="Alert", addresses=[])
    assert sessions.load_session(store, session_id).updated_at == before


def test_update_is_all_or_nothing(store: Store, session_id: str) -> None:
    item = actions.add_action(store, session_id, "Alert")
    with pytest.raises(errors.ValidationError, match="kind"):
        actions.update_action(store, session_id, item, title="New", kind="wrong")  # type: ignore[typeddict-item]
    with pytest.raises(errors.ValidationError, match="not a field"):
        actions.update_action(store, session_id, item, colour="red")  # type: ignore[call-arg]
    assert titles(store, session_id) == ["Alert"]


def test_an_item_of_another_session_is_not_found(store: Store, session_id: str) -> None:
    other = sessions.create_session(store, "Other")
    item = actions.add_action(store, other, "Theirs")
    with pytest.raises(errors.NotFoundError):
        actions.update_action(store, session_id, item, title="Mine")
    with pytest.raises(errors.NotFoundError):
        actions.remove_action(store, session_id, item)


def test_remove_and_restore_put_back_links_and_reviews(store: Store, session_id: str) -> None:
    factor = factors.add_factor(store, session_id, text="pool too small")
    chain = whys.add_chain(store, session_id, root_cause="no load test")
    actions.add_action(store, session_id, "First")
    item = complete_item(store, session_id, "Second", addresses=[chain, factor], kind="detect")
    actions.add_action(store, session_id, "Third")
    later = sessions.create_session(store, "Later incident")
    from facilitator import review

    review.record_review(store, later, item, "slipped", note="still open")
    before = actions.load_actions(store, session_id)[1]
    record = actions.remove_action(store, session_id, item)
    assert titles(store, session_id) == ["First", "Third"]
    assert review.session_reviews(store, later) == []
    actions.restore_action(store, session_id, record)
    assert titles(store, session_id) == ["First", "Second", "Third"]
    assert actions.load_actions(store, session_id)[1] == before
    (kept,) = review.session_reviews(store, later)
    assert (kept.action_id, kept.verdict, kept.note) == (item, "slipped", "still open")
    with pytest.raises(errors.ValidationError, match="already exists"):
        actions.restore_action(store, session_id, record)


def test_restore_skips_links_to_what_was_deleted_since(store: Store, session_id: str) -> None:
    factor = factors.add_factor(store, session_id, text="pool too small")
    chain = whys.add_chain(store, session_id, root_cause="no load test")
    item = actions.add_action(store, session_id, "Fix", addresses=[factor, chain])
    record = actions.remove_action(store, session_id, item)
    factors.delete_factor(store, session_id, factor)
    actions.restore_action(store, session_id, record)
    assert actions.load_actions(store, session_id)[0].addresses == (chain,)


def test_deleting_a_factor_and_undoing_it_keeps_the_link(store: Store, session_id: str) -> None:
    factor = factors.add_factor(store, session_id, text="pool too small")
    item = actions.add_action(store, session_id, "Fix", addresses=[factor])
    deleted = factors.delete_factor(store, session_id, factor)
    assert actions.load_actions(store, session_id)[0].addresses == ()
    factors.restore_factors(store, session_id, deleted)
    assert actions.load_actions(store, session_id)[0].addresses == (factor,)
    assert actions.load_actions(store, session_id)[0].id == item


def test_move_returns_the_old_index(store: Store, session_id: str) -> None:
    ids = [actions.add_action(store, session_id, t, priority="nice") for t in "ABC"]
    assert actions.move_action(store, session_id, ids[0], 2) == 0
    assert titles(store, session_id) == ["B", "C", "A"]
    actions.move_action(store, session_id, ids[0], 0)
    assert titles(store, session_id) == ["A", "B", "C"]
    with pytest.raises(errors.ValidationError, match="index"):
        actions.move_action(store, session_id, ids[0], 3)


# --- status ---------------------------------------------------------------------------------


def test_done_defaults_its_completion_time_to_now(store: Store, session_id: str) -> None:
    item = actions.add_action(store, session_id, "Alert")
    start = datetime.now(UTC)
    previous = actions.set_status(store, session_id, item, "done")
    assert previous == {"status": "open", "completed_at": None, "rationale": ""}
    view = actions.load_actions(store, session_id)[0]
    assert view.status == "done"
    assert view.completed_at is not None
    assert view.completed_at >= start.replace(microsecond=0)
    actions.update_action(store, session_id, item, **previous)
    view = actions.load_actions(store, session_id)[0]
    assert (view.status, view.completed_at) == ("open", None)


def test_done_keeps_a_given_time_and_done_again_keeps_it(store: Store, session_id: str) -> None:
    item = actions.add_action(store, session_id, "Alert")
    actions.set_status(store, session_id, item, "done", completed_at=DONE_AT)
    actions.set_status(store, session_id, item, "done")
    assert actions.load_actions(store, session_id)[0].completed_at == DONE_AT


def test_leaving_done_clears_the_completion_time_and_undo_restores_it(
    store: Store, session_id: str
) -> None:
    item = actions.add_action(store, session_id, "Alert", status="done", completed_at=DONE_AT)
    previous = actions.update_action(store, session_id, item, status="in_progress")
    assert previous == {"status": "done", "completed_at": DONE_AT}
    assert actions.load_actions(store, session_id)[0].completed_at is None
    actions.update_action(store, session_id, item, **previous)
    assert actions.load_actions(store, session_id)[0].completed_at == DONE_AT


def test_status_rules_refuse_inconsistent_edits(store: Store, session_id: str) -> None:
    item = actions.add_action(store, session_id, "Alert", status="done", completed_at=DONE_AT)
    with pytest.raises(errors.ValidationError, match="a done item needs its completion time"):
        actions.update_action(store, session_id, item, completed_at=None)
    with pytest.raises(errors.ValidationError, match="only a done item"):
        actions.set_status(store, session_id, item, "open", completed_at=DONE_AT)
    with pytest.raises(errors.ValidationError, match="only a done item"):
        actions.update_action(store, session_id, item, status="open", completed_at=DONE_AT)
    with pytest.raises(errors.ValidationError, match="say why the item is dropped"):
        actions.set_status(store, session_id, item, "dropped")
    with pytest.raises(errors.ValidationError, match="say why the item is dropped"):
        actions.set_status(store, session_id, item, "dropped", rationale="  ")
    with pytest.raises(errors.ValidationError, match="say why the item is dropped"):
        actions.update_action(store, session_id, item, status="dropped")
    with pytest.raises(errors.ValidationError, match="status: must be one of"):
        actions.set_status(store, session_id, item, "closed")
    view = actions.load_actions(store, session_id)[0]
    assert (view.status, view.completed_at) == ("done", DONE_AT)


def test_dropped_takes_its_rationale(store: Store, session_id: str) -> None:
    item = actions.add_action(store, session_id, "Alert", rationale="pages earlier")
    previous = actions.set_status(store, session_id, item, "dropped", rationale="vendor fixed it")
    view = actions.load_actions(store, session_id)[0]
    assert (view.status, view.rationale) == ("dropped", "vendor fixed it")
    actions.update_action(store, session_id, item, **previous)
    view = actions.load_actions(store, session_id)[0]
    assert (view.status, view.rationale) == ("open", "pages earlier")
    # Editing the text of a dropped item's rationale later is typing, not a status change.
    actions.set_status(store, session_id, item, "dropped", rationale="vendor fixed it")
    actions.update_action(store, session_id, item, rationale="")


# --- the cap --------------------------------------------------------------------------------


def fill_cap(store: Store, session_id: str) -> list[str]:
    return [
        actions.add_action(store, session_id, f"Item {n}", priority="must" if n % 2 else "should")
        for n in range(MAX_COMMITTED)
    ]


def test_a_sixth_committed_item_is_refused_with_the_reason(store: Store, session_id: str) -> None:
    ids = fill_cap(store, session_id)
    with pytest.raises(ActionCapError) as caught:
        actions.add_action(store, session_id, "Sixth", priority="must")
    error = caught.value
    assert isinstance(error, errors.ValidationError)
    assert error.cap == MAX_COMMITTED == 5
    assert [item.id for item in error.items] == ids
    assert "Twenty action items means zero" in str(error)
    assert "at most 5 must/should items" in str(error)
    assert "nice-to-have" in str(error)
    # What the UI offers: make it nice-to-have.
    actions.add_action(store, session_id, "Sixth", priority="nice")
    assert len(titles(store, session_id)) == 6


def test_raising_a_nice_item_past_the_cap_is_refused(store: Store, session_id: str) -> None:
    ids = fill_cap(store, session_id)
    backlog = actions.add_action(store, session_id, "Backlog", priority="nice")
    with pytest.raises(ActionCapError):
        actions.update_action(store, session_id, backlog, priority="should")
    assert actions.load_actions(store, session_id)[-1].priority == "nice"
    # Moving within must/should or lowering is always fine.
    actions.update_action(store, session_id, ids[0], priority="should")
    actions.update_action(store, session_id, ids[0], priority="nice")
    actions.update_action(store, session_id, backlog, priority="must")


def test_dropped_items_make_room_and_reopening_counts(store: Store, session_id: str) -> None:
    ids = fill_cap(store, session_id)
    actions.set_status(store, session_id, ids[0], "dropped", rationale="superseded")
    sixth = actions.add_action(store, session_id, "Sixth")
    with pytest.raises(ActionCapError) as caught:
        actions.set_status(store, session_id, ids[0], "open")
    assert caught.value.where == "status"
    actions.update_action(store, session_id, sixth, priority="nice")
    actions.set_status(store, session_id, ids[0], "open")
    # A dropped committed item may be added, and restoring one past the cap is refused.
    actions.add_action(store, session_id, "Old", priority="must", status="dropped", rationale="x")
    record = actions.remove_action(store, session_id, ids[1])
    actions.update_action(store, session_id, sixth, priority="must")
    with pytest.raises(ActionCapError):
        actions.restore_action(store, session_id, record)


def test_done_items_still_count(store: Store, session_id: str) -> None:
    ids = fill_cap(store, session_id)
    actions.set_status(store, session_id, ids[0], "done")
    with pytest.raises(ActionCapError):
        actions.add_action(store, session_id, "Sixth")


def over_the_cap(store: Store, count: int = 7) -> str:
    """A session holding more committed items than the cap, as a database from before the
    cap (or a forced import) may: written straight through the ORM."""
    session_id = sessions.create_session(store, "Old session")
    with store.session() as db:
        db.add_all(
            m.ActionItem(session_id=session_id, position=n, title=f"Old {n + 1}", priority="must")
            for n in range(count)
        )
    return session_id


def test_a_session_already_over_the_cap_stays_editable(store: Store) -> None:
    session_id = over_the_cap(store)
    first = actions.load_actions(store, session_id)[0]
    actions.update_action(store, session_id, first.id, title="Renamed", priority="should")
    actions.set_status(store, session_id, first.id, "done")
    actions.move_action(store, session_id, first.id, 3)
    with pytest.raises(ActionCapError) as caught:
        actions.add_action(store, session_id, "Eighth")
    assert len(caught.value.items) == 7


# --- completeness ---------------------------------------------------------------------------


def test_blockers_name_exactly_what_is_missing(store: Store, session_id: str) -> None:
    complete_item(store, session_id, "Complete")
    no_owner = complete_item(store, session_id, "No owner", owner="  ")
    no_due = complete_item(store, session_id, "No due", due=None, success_criteria="")
    actions.add_action(store, session_id, "Backlog idea", priority="nice")
    actions.add_action(store, session_id, "Dropped", status="dropped", rationale="moot")
    blockers = actions.load_blockers(store, session_id)
    assert [(b.action_id, b.number, b.missing) for b in blockers] == [
        (no_owner, 2, ("owner",)),
        (no_due, 3, ("due", "success_criteria")),
    ]
    assert blockers[1].describe() == 'actions[3] "No due" needs a deadline and success criteria'
    assert actions.completion_blockers(sessions.load_session(store, session_id)) == blockers


def test_complete_session_is_refused_while_blocked(store: Store, session_id: str) -> None:
    item = complete_item(store, session_id, "Alert", owner="")
    with pytest.raises(IncompleteSessionError) as caught:
        actions.complete_session(store, session_id)
    assert [b.action_id for b in caught.value.blockers] == [item]
    assert 'actions[1] "Alert" needs an owner' in str(caught.value)
    assert sessions.load_session(store, session_id).status == "draft"
    actions.update_action(store, session_id, item, owner="Alice Chen")
    assert actions.complete_session(store, session_id) == "draft"
    assert sessions.load_session(store, session_id).status == "completed"
    assert actions.complete_session(store, session_id) == "completed"


def test_a_session_without_actions_can_be_completed(store: Store, session_id: str) -> None:
    assert actions.complete_session(store, session_id) == "draft"


# --- the cap over documents and the CLI import ----------------------------------------------


def document(count: int, *, priorities: list[str] | None = None) -> dict[str, Any]:
    chosen = priorities or ["must" if n % 3 == 0 else "should" for n in range(count)]
    return {
        "format": "postmortem-facilitator",
        "version": 1,
        "session": {
            "title": "Too many items",
            "actions": [
                {"title": f"Item {n + 1}", "priority": priority}
                for n, priority in enumerate(chosen)
            ],
        },
    }


@pytest.mark.parametrize(
    ("priorities", "moved"),
    [
        (["must"] * 5, []),
        (["must"] * 5 + ["nice", "nice"], []),
        (["must"] * 6, [5]),
        (["should", "must", "must", "must", "must", "must", "should"], [0, 6]),
        (["must", "should", "must", "should", "must", "should", "must"], [3, 5]),
        (["should"] * 7, [5, 6]),
    ],
)
def test_overflow_moves_should_before_must_and_later_first(
    priorities: list[str], moved: list[int]
) -> None:
    doc = document(len(priorities), priorities=priorities)
    assert actions.committed_overflow(doc) == moved
    original = copy.deepcopy(doc)
    result, titles_moved = actions.overflow_to_backlog(doc)
    assert doc == original
    assert titles_moved == [f"Item {n + 1}" for n in moved]
    assert actions.committed_overflow(result) == []
    new = [a["priority"] for a in result["session"]["actions"]]
    assert new == ["nice" if n in moved else p for n, p in enumerate(priorities)]


def test_overflow_ignores_dropped_and_reads_missing_priority_as_should() -> None:
    doc = document(6, priorities=["must"] * 6)
    doc["session"]["actions"][0]["status"] = "dropped"
    assert actions.committed_overflow(doc) == []
    doc["session"]["actions"].append({"title": "Default"})
    assert actions.committed_overflow(doc) == [6]


@pytest.mark.parametrize(
    "value",
    [None, [], {"session": []}, {"session": {"actions": "x"}}, {"session": {"actions": [1, 2]}}],
)
def test_overflow_tolerates_malformed_documents(value: Any) -> None:
    assert actions.committed_overflow(value) == []


def test_document_cap_error_names_the_cap() -> None:
    actions.check_document_cap(document(5))
    with pytest.raises(ActionCapError) as caught:
        actions.check_document_cap(document(7), source="big.json")
    assert "big.json" in str(caught.value)
    assert "at most 5" in str(caught.value)
    assert len(caught.value.items) == 7
    assert caught.value.items[0].id is None


def write(tmp_path: Path, name: str, doc: dict[str, Any]) -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def test_cli_import_refuses_more_than_five(
    tmp_path: Path, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = write(tmp_path, "good.json", document(3))
    big = write(tmp_path, "big.json", document(7))
    status = cli.main(["--db", str(db_path), "import", str(good), str(big)])
    out, err = capsys.readouterr()
    assert status == 2
    assert out == ""
    assert "at most 5" in err
    assert "big.json" in err
    assert "--overflow-to-backlog" in err
    assert err.count("\n") == 1
    cli.main(["--db", str(db_path), "list", "--json"])
    assert json.loads(capsys.readouterr().out) == []  # all or nothing


def test_cli_import_overflow_to_backlog(
    tmp_path: Path, db_path: Path, store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    big = write(tmp_path, "big.json", document(7))
    status = cli.main(["--db", str(db_path), "import", "--overflow-to-backlog", str(big)])
    out, err = capsys.readouterr()
    assert status == 0
    (session_id,) = out.split()
    assert err == (
        f"facilitator: {big}: moved 2 must/should items to the backlog (nice-to-have) to "
        'keep 5: "Item 5", "Item 6".\n'
    )
    stored = actions.load_actions(store, session_id)
    assert sum(a.committed for a in stored) == MAX_COMMITTED
    assert [a.title for a in stored if a.priority == "nice"] == ["Item 5", "Item 6"]


def test_cli_import_within_the_cap_says_nothing_extra(
    tmp_path: Path, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "ok.json", document(5))
    assert cli.main(["--db", str(db_path), "import", "--overflow-to-backlog", str(path)]) == 0
    out, err = capsys.readouterr()
    assert len(out.split()) == 1
    assert err == ""


def test_triage_keeps_the_chosen_five() -> None:
    doc = document(7, priorities=["must"] * 6 + ["nice"])
    result, moved = actions.triage(doc, keep=[5, 4, 3, 2, 1])
    assert moved == ["Item 1"]
    assert [a["priority"] for a in result["session"]["actions"]] == ["nice"] + ["must"] * 5 + [
        "nice"
    ]
    assert doc["session"]["actions"][0]["priority"] == "must"  # the original is untouched
    with pytest.raises(errors.ValidationError, match="at most 5"):
        actions.triage(doc, keep=range(6))
    with pytest.raises(errors.ValidationError, match="item 7 is not a must/should item"):
        actions.triage(doc, keep=[6])
    assert actions.triage(doc, keep=[])[1] == [f"Item {n}" for n in range(1, 7)]
