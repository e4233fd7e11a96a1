"""5 Whys chains: editing over a real database, and the checks on chains stopped early."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime

import pytest

from facilitator import errors, factors, sessions, whys
from facilitator.db import models as m
from facilitator.db.store import Store, open_store
from facilitator.whys import ChainView, blames_a_person, chain_findings


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """One database for the module: opening one runs every migration (~0.15 s), and each
    test works inside its own new session, which isolates it well enough."""
    opened = open_store(tmp_path_factory.mktemp("whys") / "sessions.sqlite")
    yield opened
    opened.close()


@pytest.fixture
def sid(store: Store) -> str:
    return sessions.create_session(store, "Checkout outage")


def texts(store: Store, sid: str) -> list[tuple[str, list[str], str]]:
    return [(c.problem, list(c.whys), c.root_cause) for c in whys.load_chains(store, sid)]


def whys_of(store: Store, sid: str, index: int = 0) -> list[str]:
    return list(whys.load_chains(store, sid)[index].whys)


def updated_at(store: Store, sid: str) -> datetime:
    return sessions.load_session(store, sid).updated_at


# --- editing -------------------------------------------------------------------------------


def test_add_chains_with_whys_and_read_them_back(store: Store, sid: str) -> None:
    first = whys.add_chain(store, sid, problem="Checkout failed", whys=["a", "b"], root_cause="r")
    second = whys.add_chain(store, sid, problem="Alert was late")
    chains = whys.load_chains(store, sid)
    assert [c.id for c in chains] == [first, second]
    assert texts(store, sid) == [("Checkout failed", ["a", "b"], "r"), ("Alert was late", [], "")]
    assert len(chains[0].why_ids) == 2


def test_add_a_chain_at_a_position(store: Store, sid: str) -> None:
    whys.add_chain(store, sid, problem="second")
    whys.add_chain(store, sid, problem="first", position=0)
    assert [c[0] for c in texts(store, sid)] == ["first", "second"]


def test_add_insert_edit_remove_reorder_whys(store: Store, sid: str) -> None:
    chain = whys.add_chain(store, sid, problem="p")
    one = whys.add_why(store, sid, chain, "one")
    three = whys.add_why(store, sid, chain, "three")
    two = whys.insert_why(store, sid, chain, 1, "two")
    assert whys_of(store, sid) == ["one", "two", "three"]
    whys.edit_why(store, sid, two, "TWO")
    whys.reorder_whys(store, sid, chain, [three, two, one])
    assert whys_of(store, sid) == ["three", "TWO", "one"]
    removed = whys.remove_why(store, sid, two)
    assert removed == whys.RemovedWhy(chain_id=chain, position=1, text="TWO", why_id=two)
    assert whys_of(store, sid) == ["three", "one"]
    whys.add_why(store, sid, removed.chain_id, removed.text, removed.position)  # the undo
    assert whys_of(store, sid) == ["three", "TWO", "one"]
    with store.session() as db:
        chain_row = db.get(m.WhyChain, chain)
        assert chain_row is not None
        assert [w.position for w in chain_row.whys] == [0, 1, 2]


def test_restore_why_brings_back_the_same_id_in_its_place(store: Store, sid: str) -> None:
    chain = whys.add_chain(store, sid, whys=["one", "two", "three"])
    ids = whys.load_chains(store, sid)[-1].why_ids
    removed = whys.remove_why(store, sid, ids[1])
    assert whys.restore_why(store, sid, removed) == ids[1]
    view = whys.load_chains(store, sid)[-1]
    assert (view.whys, view.why_ids) == (("one", "two", "three"), ids)
    # Removed again, and the chain shrank meanwhile: it goes last rather than fail.
    removed = whys.remove_why(store, sid, ids[2])
    whys.remove_why(store, sid, ids[1])
    whys.restore_why(store, sid, removed)
    assert whys.load_chains(store, sid)[-1].whys == ("one", "three")
    # A record without an id (made before restore_why) gets a new one.
    whys.restore_why(store, sid, whys.RemovedWhy(chain_id=chain, position=0, text="zero"))
    assert whys.load_chains(store, sid)[-1].whys == ("zero", "one", "three")
    with pytest.raises(errors.NotFoundError):
        whys.restore_why(store, "no-such-session", removed)


def test_edit_chain_changes_only_what_is_given(store: Store, sid: str) -> None:
    chain = whys.add_chain(store, sid, problem="p", root_cause="r")
    whys.edit_chain(store, sid, chain, root_cause="no canary stage")
    assert texts(store, sid) == [("p", [], "no canary stage")]
    whys.edit_chain(store, sid, chain, problem="q")
    assert texts(store, sid) == [("q", [], "no canary stage")]


def test_reorder_chains_needs_a_permutation(store: Store, sid: str) -> None:
    a = whys.add_chain(store, sid, problem="a")
    b = whys.add_chain(store, sid, problem="b")
    whys.reorder_chains(store, sid, [b, a])
    assert [c[0] for c in texts(store, sid)] == ["b", "a"]
    with pytest.raises(errors.ValidationError):
        whys.reorder_chains(store, sid, [a])
    with pytest.raises(errors.ValidationError):
        whys.reorder_whys(store, sid, a, ["nope"])


def test_remove_and_restore_a_chain_with_its_action_links(store: Store, sid: str) -> None:
    a = whys.add_chain(store, sid, problem="a", whys=["w1", "w2"], root_cause="r")
    whys.add_chain(store, sid, problem="b")
    with store.session() as db:
        db.add(
            m.ActionItem(
                session_id=sid, title="Canary stage", addresses=[m.ActionTarget(chain_id=a)]
            )
        )
    before = whys.load_chains(store, sid)
    removed = whys.remove_chain(store, sid, a)
    assert [c[0] for c in texts(store, sid)] == ["b"]
    assert sessions.load_session(store, sid).actions[0].addresses == []
    whys.restore_chain(store, sid, removed)
    assert whys.load_chains(store, sid) == before
    assert [t.chain_id for t in sessions.load_session(store, sid).actions[0].addresses] == [a]


def test_ids_from_another_session_are_not_found(store: Store, sid: str) -> None:
    chain = whys.add_chain(store, sid, problem="p")
    why = whys.add_why(store, sid, chain, "w")
    other = sessions.create_session(store, "Other")
    with pytest.raises(errors.NotFoundError):
        whys.add_why(store, other, chain, "x")
    with pytest.raises(errors.NotFoundError):
        whys.edit_why(store, other, why, "x")
    with pytest.raises(errors.NotFoundError):
        whys.remove_chain(store, other, chain)
    with pytest.raises(errors.NotFoundError):
        whys.add_chain(store, "no-such-session")


def test_bad_input_is_refused(store: Store, sid: str) -> None:
    chain = whys.add_chain(store, sid, problem="p")
    with pytest.raises(errors.ValidationError):
        whys.add_why(store, sid, chain, "x", position=5)
    with pytest.raises(errors.ValidationError):
        whys.edit_chain(store, sid, chain, problem="x" * 20_001)
    with pytest.raises(errors.ValidationError):
        whys.add_chain(store, sid, whys=["fine", 42])  # type: ignore[list-item]
    assert texts(store, sid) == [("p", [], "")]


def test_root_cause_becomes_a_factor(store: Store, sid: str) -> None:
    with_cause = whys.add_chain(store, sid, whys=["a", "b"], root_cause="No canary stage")
    without = whys.add_chain(store, sid, whys=["a", "Deploys skip review", " "])
    whys.root_cause_to_factor(store, sid, with_cause)
    whys.root_cause_to_factor(store, sid, without)
    tree = factors.load_tree(store, sid)
    assert [child.text for child in tree.children] == ["No canary stage", "Deploys skip review"]


Edit = Callable[[Store, str, str, str], object]
EDITS: dict[str, Edit] = {
    "add chain": lambda s, sid, c, w: whys.add_chain(s, sid),
    "edit chain": lambda s, sid, c, w: whys.edit_chain(s, sid, c, problem="x"),
    "reorder chains": lambda s, sid, c, w: whys.reorder_chains(s, sid, [c]),
    "remove chain": lambda s, sid, c, w: whys.remove_chain(s, sid, c),
    "add why": lambda s, sid, c, w: whys.add_why(s, sid, c, "x"),
    "edit why": lambda s, sid, c, w: whys.edit_why(s, sid, w, "x"),
    "remove why": lambda s, sid, c, w: whys.remove_why(s, sid, w),
    "restore why": lambda s, sid, c, w: whys.restore_why(s, sid, whys.RemovedWhy(c, 0, "x")),
    "reorder whys": lambda s, sid, c, w: whys.reorder_whys(s, sid, c, [w]),
}


@pytest.mark.parametrize("name", sorted(EDITS))
def test_every_edit_touches_the_session(store: Store, sid: str, name: str) -> None:
    chain = whys.add_chain(store, sid, problem="p")
    why = whys.add_why(store, sid, chain, "w")
    before = updated_at(store, sid)
    EDITS[name](store, sid, chain, why)
    assert updated_at(store, sid) > before


# --- checks --------------------------------------------------------------------------------

GOOD = ChainView(
    id="c1",
    problem="Checkout returned errors for 40 minutes",
    whys=(
        "The payment service timed out",
        "A config change lowered the timeout to 1 s",
        "The change skipped the canary stage",
    ),
    root_cause="The deploy pipeline lets config changes bypass canaries",
)


def chain(*whys_: str, root_cause: str = "") -> ChainView:
    return ChainView(id="c", problem="p", whys=whys_, root_cause=root_cause)


def test_a_good_chain_is_clean() -> None:
    assert chain_findings([GOOD]) == []


def test_fewer_than_three_whys_is_flagged_per_chain() -> None:
    found = chain_findings([GOOD, chain("only one", "  ", root_cause="The pipeline allows it")])
    assert [(f.level, f.section) for f in found] == [("warning", "whys[2]")]
    assert found[0].message.startswith("only 1 why:")
    assert "Why did the system allow this?" in found[0].message


def test_an_empty_new_chain_is_not_flagged_until_someone_writes_in_it() -> None:
    new = ChainView(id="c", problem="", whys=("", "  "), root_cause=" ")
    assert not whys.is_started(new)
    assert not whys.too_short(new)
    assert chain_findings([new]) == []
    started = ChainView(id="c", problem="Checkout failed", whys=(), root_cause="")
    assert whys.is_started(started)
    assert whys.too_short(started)
    assert [f.message.split(":")[0] for f in chain_findings([GOOD, started])] == ["no whys"]
    assert not whys.too_short(GOOD)


@pytest.mark.parametrize(
    "ending",
    [
        "Human error",
        "operator error during the failover",
        "A mistake in the runbook step",
        "It was Sarah's fault",
        "Sarah forgot to run the migration",
        "Because Dave didn't double-check the diff",
        "The on-call engineer ignored the alert",
        "He deployed on a Friday",
        "Someone deleted the wrong volume.",
        "The new hire ran the wrong command",
        "Bob should have known",
        "Priya wasn't careful with the flags",
    ],
)
def test_a_chain_ending_on_a_person_is_flagged(ending: str) -> None:
    assert blames_a_person(ending)
    found = chain_findings([chain("a", "b", "c", root_cause=ending)])
    assert len(found) == 1
    assert found[0].message.startswith("the root cause ends on a person or on human error")


@pytest.mark.parametrize(
    "ending",
    [
        "The deploy pipeline lets config changes bypass canaries",
        "Terraform didn't check the state lock",
        "Alerting missed the error spike",
        "No runbook covered the failover",
        "The client ignored the Retry-After header",
        "Deploys failed to roll back automatically",
        "Reviews have no checklist for timeouts",
    ],
)
def test_a_systemic_ending_is_not_flagged(ending: str) -> None:
    assert not blames_a_person(ending)


def test_without_a_root_cause_the_last_why_is_the_ending() -> None:
    found = chain_findings([chain("a", "b", "The operator made a mistake")])
    assert [f.message.split(":")[0] for f in found] == [
        "the chain ends on a person or on human error"
    ]


def test_why_did_you_is_flagged_with_the_reframe() -> None:
    found = chain_findings(
        [chain("Why did you restart the database?", "b", "Why didn't they page?", root_cause="r")]
    )
    assert [f.message[:5] for f in found] == ["why 1", "why 3"]
    assert all('"why did the system allow …"' in f.message for f in found)
    assert chain_findings([chain("Why did the system allow a restart?", "b", "c")]) == []


def test_checks_read_orm_rows_too(store: Store, sid: str) -> None:
    whys.add_chain(store, sid, problem="p", whys=["a"], root_cause="human error")
    session = sessions.load_session(store, sid)
    found = whys.session_findings(session)
    assert [f.section for f in found] == ["whys[1]", "whys[1]"]
