"""`facilitator check` on action items: the practice's rules that a session can break and still
be stored (an import never refuses for them), reported as findings in section `actions[N]`.

- error: an item that counts against the cap but lacks an owner, a deadline or success
  criteria (it keeps the session from being completed); more than `MAX_COMMITTED` committed
  items (a file from before the cap); a tracker link that is not http(s).
- warning: an owner that is a team or a group, or several people; a deadline passed while
  the item is still open; a vague task with no measurable criterion; an item aimed at a person
  rather than a system; a done item without a completion time, a dropped one without a reason;
  a root cause or a leaf factor that nothing addresses (the coverage check).

The word heuristics (owners, vague tasks, items aimed at a person) are in
`facilitator.action_words`.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from facilitator import fault_tree
from facilitator.action_words import aims_at_person, is_vague, owner_problem
from facilitator.actions import (
    MAX_COMMITTED,
    OPEN_STATUSES,
    ActionView,
    actions_of,
    check_tracker_url,
    committed_items,
    completion_blockers,
)
from facilitator.db import models as m
from facilitator.errors import ValidationError
from facilitator.findings import Finding
from facilitator.metrics import zone_of

SECTION = "actions"
COVERAGE_LISTED = 5  # uncovered causes listed one a line; more are counted in one line

# --- the checks -----------------------------------------------------------------------------


def item_findings(view: ActionView, *, today: date, people: Iterable[str] = ()) -> list[Finding]:
    """The findings on one item, for `check` and the actions page's inline hints."""
    section = f"{SECTION}[{view.number}]"
    found: list[Finding] = []

    def add(level: str, message: str) -> None:
        found.append(Finding("error" if level == "error" else "warning", section, message))

    if not view.title.strip():
        add("warning", "has no task: say what will change")
    for blocker in completion_blockers([view]):
        add("error", f"needs {blocker.needs()} before the session can be completed")
    problem = owner_problem(view.owner) if view.status != "dropped" else None
    if problem:
        add("warning", f'owner "{view.owner.strip()}" {problem}')
    if view.status in OPEN_STATUSES and view.due is not None and view.due < today:
        days = (today - view.due).days
        add(
            "warning",
            f"due {view.due.isoformat()} ({days} day{'s' if days != 1 else ''} ago) and still "
            f"{view.status.replace('_', ' ')}: move the deadline or update the status",
        )
    if view.status != "dropped" and is_vague(view.title, view.success_criteria):
        add(
            "warning",
            "the task is vague and nothing measures it: say what will change and how you will "
            'know ("a page fires within 3 minutes of pool saturation")',
        )
    if aims_at_person(view.title, people):
        add(
            "warning",
            "aims at a person rather than the system: change what made the slip easy (a check, "
            "a default, a guard rail) instead of asking someone to try harder",
        )
    if view.status == "done" and view.completed_at is None:
        add("warning", "done but without a completion time: follow-up cannot count it")
    if view.status == "dropped" and not view.rationale.strip():
        add("warning", "dropped without a rationale: say why, so the decision is on record")
    if view.tracker_url:
        try:
            check_tracker_url("tracker_url", view.tracker_url)
        except ValidationError as exc:
            add("error", f"tracker link {exc.problem}")
    return found


def action_findings(session: m.Session, *, today: date | None = None) -> list[Finding]:
    """Every action-item finding on a loaded session snapshot; `today` defaults to the date
    in the session's time zone (deadlines are days there)."""
    if today is None:
        today = datetime.now(zone_of(session.timezone)).date()
    views = actions_of(session)
    people = [p.name for p in session.participants]
    people += [session.incident_lead, session.facilitator]
    found: list[Finding] = []
    committed = committed_items(views)
    if len(committed) > MAX_COMMITTED:
        found.append(
            Finding(
                "error",
                SECTION,
                f"{len(committed)} must/should items; a session keeps at most {MAX_COMMITTED} "
                "(twenty action items means zero): make the lowest-priority ones nice-to-have "
                "(the backlog) or drop some",
            )
        )
    for view in views:
        found += item_findings(view, today=today, people=people)
    return found + coverage_findings(session)


def coverage_findings(session: m.Session) -> list[Finding]:
    """Each root cause (why chain) and leaf factor that no live action addresses and no
    dropped item explains. Addressing a factor covers the factors under it: the action
    breaks that branch. Factors marked "?" are open questions, not causes yet."""
    live: set[str] = set()
    explained: set[str] = set()
    for action in session.actions:
        refs = {str(t.factor_id or t.chain_id) for t in action.addresses}
        (explained if action.status == "dropped" else live).update(refs)
    covered = live | explained
    gaps: list[str] = []
    for number, chain in enumerate(session.why_chains, start=1):
        if chain.root_cause.strip() and chain.id not in covered:
            gaps.append(f'the root cause of why chain {number} ("{_short(chain.root_cause)}")')
    root = fault_tree.session_tree(session)
    for leaf, path in _leaves(root):
        if leaf.unknown or not leaf.text.strip():
            continue
        if not covered & {node.id for node in path}:
            gaps.append(f'factor "{_short(leaf.text)}"')
    if not gaps:
        return []
    if not live and len(gaps) > COVERAGE_LISTED:
        return [
            Finding(
                "warning",
                SECTION,
                f"no action item addresses any of the {len(gaps)} root causes and factors yet: "
                "link each item to what it addresses",
            )
        ]
    found = [
        Finding(
            "warning",
            SECTION,
            f"no action item addresses {gap}, and no dropped item explains why not",
        )
        for gap in gaps[:COVERAGE_LISTED]
    ]
    if len(gaps) > COVERAGE_LISTED:
        more = len(gaps) - COVERAGE_LISTED
        found.append(Finding("warning", SECTION, f"…and {more} more causes no action addresses"))
    return found


def _leaves(
    root: fault_tree.FaultNode,
) -> list[tuple[fault_tree.FaultNode, tuple[fault_tree.FaultNode, ...]]]:
    """Every leaf below the top event with its path from the top (the top left out)."""
    Path = tuple[fault_tree.FaultNode, ...]
    found: list[tuple[fault_tree.FaultNode, Path]] = []
    stack: list[tuple[fault_tree.FaultNode, Path]] = [(c, (c,)) for c in reversed(root.children)]
    while stack:
        node, path = stack.pop()
        if not node.children:
            found.append((node, path))
        stack.extend((child, (*path, child)) for child in reversed(node.children))
    return found


def _short(text: str, limit: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"
