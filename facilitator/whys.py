"""5 Whys chains: editing them over the store, and the checks that flag a chain stopped early.

A session holds several chains, each a problem statement, ordered whys and a root cause.
Editing functions are one unit of work each: they take the store and ids, check their
input, raise `facilitator.errors` types, keep positions 0..n-1 and mark the session as
changed. The checks are pure functions over snapshots (`ChainView` or ORM rows), so the
app can run them as the room types and `facilitator check` can run them on a session.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session as OrmSession, selectinload

from facilitator import editing, errors, factors, sessions
from facilitator.db import models as m
from facilitator.db.store import Store
from facilitator.factors import UNSET, Unset
from facilitator.findings import Finding

MIN_WHYS = 3
WHY_PROMPT = "Why did the system allow this?"  # what the app shows for each new why


@dataclass(frozen=True)
class ChainView:
    """A plain snapshot of one chain: what the checks, the CLI and the write-up read."""

    id: str
    problem: str
    whys: tuple[str, ...]
    root_cause: str
    why_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class RemovedWhy:
    """What `remove_why` took out: `restore_why` puts it back with the same id, as
    `add_why(chain_id, text, position)` would with a new one."""

    chain_id: str
    position: int
    text: str
    why_id: str = ""  # empty in records made before restore_why: a new id then


@dataclass(frozen=True)
class RemovedChain:
    """What `remove_chain` took out, with the action items that addressed its root cause."""

    chain: ChainView
    position: int
    targets: tuple[tuple[str, str, int], ...]  # (target id, action id, position)


def chain_view(chain: m.WhyChain) -> ChainView:
    return ChainView(
        id=chain.id,
        problem=chain.problem,
        whys=tuple(why.text for why in chain.whys),
        root_cause=chain.root_cause,
        why_ids=tuple(why.id for why in chain.whys),
    )


def load_chains(store: Store, session_id: str) -> list[ChainView]:
    """The session's chains in order, as plain snapshots."""
    with store.session() as db:
        sessions.get(db, session_id, full=False)
        query = (
            select(m.WhyChain)
            .where(m.WhyChain.session_id == session_id)
            .options(selectinload(m.WhyChain.whys))
            .order_by(m.WhyChain.position, m.WhyChain.id)
        )
        return [chain_view(chain) for chain in db.scalars(query)]


# --- chains -------------------------------------------------------------------------


def add_chain(
    store: Store,
    session_id: str,
    *,
    problem: str = "",
    whys: Sequence[str] = (),
    root_cause: str = "",
    position: int | None = None,
) -> str:
    """Add a chain (last unless `position` says where) and return its id."""
    with store.session() as db:
        sessions.touch(db, session_id)
        chains = _chains(db, session_id)
        at = editing.insert_index(position, len(chains))
        chain = m.WhyChain(
            id=m.new_id(),
            session_id=session_id,
            problem=sessions.check_text("problem", problem),
            root_cause=sessions.check_text("root_cause", root_cause),
        )
        chain.whys = [
            m.Why(text=sessions.check_text(f"whys[{i}]", text), position=i)
            for i, text in enumerate(whys)
        ]
        db.add(chain)
        chains.insert(at, chain)
        editing.renumber(chains)
        return chain.id


def edit_chain(
    store: Store,
    session_id: str,
    chain_id: str,
    *,
    problem: str | Unset = UNSET,
    root_cause: str | Unset = UNSET,
) -> None:
    """Change a chain's problem statement and/or root cause."""
    with store.session() as db:
        sessions.touch(db, session_id)
        chain = _chain(db, session_id, chain_id)
        if not isinstance(problem, Unset):
            chain.problem = sessions.check_text("problem", problem)
        if not isinstance(root_cause, Unset):
            chain.root_cause = sessions.check_text("root_cause", root_cause)


def reorder_chains(store: Store, session_id: str, ordered_ids: Sequence[str]) -> None:
    """Put the chains in the order given; `ordered_ids` names each chain exactly once."""
    with store.session() as db:
        sessions.touch(db, session_id)
        _reorder(_chains(db, session_id), ordered_ids)


def remove_chain(store: Store, session_id: str, chain_id: str) -> RemovedChain:
    """Delete a chain with its whys; return what went, for undo (`restore_chain`)."""
    with store.session() as db:
        sessions.touch(db, session_id)
        chains = _chains(db, session_id)
        chain = _chain(db, session_id, chain_id)
        links = db.scalars(select(m.ActionTarget).where(m.ActionTarget.chain_id == chain_id))
        removed = RemovedChain(
            chain=chain_view(chain),
            position=chains.index(chain),
            targets=tuple((t.id, t.action_id, t.position) for t in links),
        )
        db.delete(chain)
        editing.renumber([c for c in chains if c is not chain])
        return removed


def restore_chain(store: Store, session_id: str, removed: RemovedChain) -> None:
    """Undo `remove_chain`: the same chain, ids and action links, where it was."""
    view = removed.chain
    with store.session() as db:
        sessions.touch(db, session_id)
        chains = _chains(db, session_id)
        chain = m.WhyChain(
            id=view.id, session_id=session_id, problem=view.problem, root_cause=view.root_cause
        )
        ids = view.why_ids if len(view.why_ids) == len(view.whys) else (None,) * len(view.whys)
        chain.whys = [
            m.Why(id=why_id or m.new_id(), text=text, position=i)
            for i, (why_id, text) in enumerate(zip(ids, view.whys, strict=True))
        ]
        db.add(chain)
        chains.insert(min(removed.position, len(chains)), chain)
        editing.renumber(chains)
        actions = {t[1] for t in removed.targets}
        live = set(
            db.scalars(
                select(m.ActionItem.id).where(
                    m.ActionItem.id.in_(actions), m.ActionItem.session_id == session_id
                )
            )
        )
        db.flush()  # the chain row first: the links point at it
        for target_id, action_id, position in removed.targets:
            if action_id in live:  # an action deleted since has nothing left to link
                db.add(
                    m.ActionTarget(
                        id=target_id, action_id=action_id, position=position, chain_id=view.id
                    )
                )


# --- whys ---------------------------------------------------------------------------


def add_why(
    store: Store, session_id: str, chain_id: str, text: str = "", position: int | None = None
) -> str:
    """Add a why to a chain (last, or inserted at `position`) and return its id."""
    with store.session() as db:
        sessions.touch(db, session_id)
        chain = _chain(db, session_id, chain_id)
        whys = list(chain.whys)
        at = editing.insert_index(position, len(whys))
        why = m.Why(id=m.new_id(), chain_id=chain.id, text=sessions.check_text("text", text))
        db.add(why)
        whys.insert(at, why)
        editing.renumber(whys)
        return why.id


def insert_why(store: Store, session_id: str, chain_id: str, position: int, text: str = "") -> str:
    """Insert a why before the one now at `position` (len(whys) appends)."""
    return add_why(store, session_id, chain_id, text, position)


def edit_why(store: Store, session_id: str, why_id: str, text: str) -> None:
    with store.session() as db:
        sessions.touch(db, session_id)
        _why(db, session_id, why_id).text = sessions.check_text("text", text)


def remove_why(store: Store, session_id: str, why_id: str) -> RemovedWhy:
    with store.session() as db:
        sessions.touch(db, session_id)
        why = _why(db, session_id, why_id)
        whys = list(why.chain.whys)
        removed = RemovedWhy(
            chain_id=why.chain_id, position=whys.index(why), text=why.text, why_id=why.id
        )
        db.delete(why)
        editing.renumber([w for w in whys if w is not why])
        return removed


def restore_why(store: Store, session_id: str, removed: RemovedWhy) -> str:
    """Undo `remove_why`: the same why (same id) back in its place; return its id.

    The same id lets the app's redo and undo find the very row they made, however often
    they alternate. A place past the end (whys removed since) puts it last.
    """
    with store.session() as db:
        sessions.touch(db, session_id)
        chain = _chain(db, session_id, removed.chain_id)
        whys = list(chain.whys)
        why = m.Why(
            id=removed.why_id or m.new_id(),
            chain_id=chain.id,
            text=sessions.check_text("text", removed.text),
        )
        db.add(why)
        whys.insert(min(max(removed.position, 0), len(whys)), why)
        editing.renumber(whys)
        return why.id


def reorder_whys(store: Store, session_id: str, chain_id: str, ordered_ids: Sequence[str]) -> None:
    """Put a chain's whys in the order given; `ordered_ids` names each why exactly once."""
    with store.session() as db:
        sessions.touch(db, session_id)
        _reorder(list(_chain(db, session_id, chain_id).whys), ordered_ids)


def root_cause_to_factor(
    store: Store, session_id: str, chain_id: str, parent_id: str | None = None
) -> str:
    """Add the chain's root cause (or, without one, its last why) as a factor; return its id."""
    with store.session() as db:
        view = chain_view(_chain(db, session_id, chain_id))
    text = view.root_cause.strip() or next((w for w in reversed(view.whys) if w.strip()), "")
    return factors.add_factor(store, session_id, parent_id, text=text)


def _chains(db: OrmSession, session_id: str) -> list[m.WhyChain]:
    query = (
        select(m.WhyChain)
        .where(m.WhyChain.session_id == session_id)
        .order_by(m.WhyChain.position, m.WhyChain.id)
    )
    return list(db.scalars(query))


def _chain(db: OrmSession, session_id: str, chain_id: str) -> m.WhyChain:
    return editing.owned(db, m.WhyChain, "why chain", session_id, chain_id)


def _why(db: OrmSession, session_id: str, why_id: str) -> m.Why:
    why = db.get(m.Why, why_id)
    if why is None or why.chain.session_id != session_id:
        raise errors.NotFoundError("why", why_id)
    return why


def _reorder(rows: Sequence[m.WhyChain] | Sequence[m.Why], ordered_ids: Sequence[str]) -> None:
    by_id = {row.id: row for row in rows}
    if sorted(ordered_ids) != sorted(by_id):
        raise errors.ValidationError("ordered_ids", "must list each one exactly once")
    editing.renumber([by_id[ident] for ident in ordered_ids])


# --- checks -------------------------------------------------------------------------

# Words that put the blame on people rather than on the system that let them fail.
_BLAME = re.compile(
    r"\b(?:human|operator|user|pilot|staff|personnel|engineer|developer)\s+errors?\b"
    r"|\bmistakes?\b|\b\w+(?:'s|’s)\s+fault\b|\bfault\s+of\b"
    r"|\b(?:careless(?:ness)?|negligen(?:ce|t)|incompeten(?:ce|t))\b",
    re.IGNORECASE,
)
# A person as the subject of a failure: a pronoun or a role ...
_PERSON = (
    r"(?:he|she|you|i|someone|somebody|(?:the|a|an|our|one|new)\s+"
    r"(?:on-?call(?:\s+engineer)?|engineer|operator|developer|dev|admin(?:istrator)?|intern|"
    r"sre|new\s+hire|employee|contractor|person|reviewer|team\s+lead|tech\s+lead|manager))"
)
# ... with any failure verb, or a name (a capitalised word) with a verb only people do, since
# "Terraform didn't check the lock" is a fine systemic cause and "Sarah forgot" is not.
_HUMAN_ONLY = "|".join(
    (
        r"forgot",
        r"neglected",
        r"overlooked",
        r"messed\s+up",
        r"screwed\s+up",
        r"fat[- ]fingered",
        r"should(?:n'?t| not)?\s+have",
        r"made\s+(?:a|an)\s+(?:mistake|error|typo)",
        r"was(?:n'?t| not)\s+careful",
        r"was\s+(?:careless|tired|distracted|lazy|rushed|sloppy|inexperienced|untrained)",
        r"did(?:n'?t| not)\s+(?:notice|realis|realiz|think|pay\s+attention|bother|double-?check)",
    )
)
_ANY_FAILURE = "|".join(
    (
        _HUMAN_ONLY,
        r"ignored",
        r"missed",
        r"failed\s+to",
        r"did(?:n'?t| not)\s+\w+",
        r"ran\s+the\s+wrong",
        r"deleted|pushed|deployed|typed|clicked|broke",
    )
)
_LEAD_IN = r"^\W*(?i:because\s+|since\s+|as\s+)?"
_NAME_FAILED = re.compile(_LEAD_IN + r"[A-Z][\w-]+\s+(?i:" + _HUMAN_ONLY + r")")
_PERSON_FAILED = re.compile(_LEAD_IN + _PERSON + r"\s+(?:" + _ANY_FAILURE + ")", re.IGNORECASE)
_WHY_DID_YOU = re.compile(
    r"^\W*why\s+(?:did|didn'?t|did\s+not|do|don'?t|were|weren'?t|was|wasn'?t|would|could|"
    r"couldn'?t|wouldn'?t|have|haven'?t)\s+(?:you|he|she|they|we|i)\b",
    re.IGNORECASE,
)
_SENTENCES = re.compile(r"(?<=[.!?;])\s+|\s*\n\s*")


def blames_a_person(text: str) -> bool:
    """Whether `text` ends the analysis on a person or on "human error" (a heuristic)."""
    text = text.replace("\u2019", "'")  # typographic apostrophes, as editors type them
    if _BLAME.search(text):
        return True
    return any(
        _PERSON_FAILED.search(sentence) or _NAME_FAILED.search(sentence)
        for sentence in _SENTENCES.split(text.strip())
    )


def chain_findings(chains: Iterable[ChainView | m.WhyChain]) -> list[Finding]:
    """What `facilitator check` says about the chains, section `whys[N]` (N from 1)."""
    found: list[Finding] = []
    for number, chain in enumerate(chains, start=1):
        view = chain if isinstance(chain, ChainView) else chain_view(chain)
        found += _check_chain(view, f"whys[{number}]")
    return found


def is_started(view: ChainView) -> bool:
    """Whether anyone has written in the chain yet: its problem, a why or its root cause.

    A chain nobody has started is not "too short", only new: the checks say nothing about it
    (a facilitator who adds a chain should not be warned before the room has said a word).
    """
    return any(text.strip() for text in (view.problem, *view.whys, view.root_cause))


def too_short(view: ChainView) -> bool:
    """A started chain with fewer than `MIN_WHYS` answered whys: it likely stops at a symptom."""
    return is_started(view) and len(_answered(view)) < MIN_WHYS


def _answered(view: ChainView) -> list[str]:
    return [text for text in view.whys if text.strip()]  # a why just added says nothing yet


def _check_chain(view: ChainView, section: str) -> list[Finding]:
    found: list[Finding] = []
    whys = _answered(view)
    if too_short(view):
        count = f"only {len(whys)} why" + ("" if len(whys) == 1 else "s") if whys else "no whys"
        found.append(
            Finding(
                "warning",
                section,
                f"{count}: a chain this short usually stops at a symptom; keep asking "
                f'"{WHY_PROMPT}"',
            )
        )
    if view.root_cause.strip():
        ending, where = view.root_cause, "the root cause"
    else:
        ending, where = (whys[-1] if whys else ""), "the chain"
    if ending and blames_a_person(ending):
        found.append(
            Finding(
                "warning",
                section,
                f"{where} ends on a person or on human error: ask what made the slip possible "
                "and likely, and end on something the system can change",
            )
        )
    for index, text in enumerate(view.whys, start=1):
        if _WHY_DID_YOU.search(text.replace("\u2019", "'")):
            found.append(
                Finding(
                    "warning",
                    section,
                    f'why {index} asks a person ("why did you …"): ask "why did the system '
                    'allow …" instead',
                )
            )
    return found


def session_findings(session: m.Session) -> list[Finding]:
    """The chain checks on a loaded session snapshot."""
    return chain_findings(session.why_chains)
