"""`facilitator check`: every area's findings on one session, in agenda order.

An area adds its rule by adding its function to `CHECKS`; each takes a fully loaded session
snapshot and returns findings whose section is an agenda step id (DESIGN section 6).
"""

from __future__ import annotations

from collections.abc import Callable

from facilitator import (
    action_findings,
    agenda,
    fault_tree,
    language_check,
    metrics,
    participants,
    sessions,
    whys,
)
from facilitator.db import models as m
from facilitator.db.store import Store
from facilitator.findings import Finding

Check = Callable[[m.Session], list[Finding]]

CHECKS: tuple[Check, ...] = (
    metrics.key_time_findings,
    participants.participant_findings,
    whys.session_findings,
    fault_tree.session_findings,
    action_findings.action_findings,
    language_check.language_check,
)


def section_order(finding: Finding) -> tuple[int, str]:
    """Sort by the agenda step of the section (`whys[2]` sorts with `whys`)."""
    step = finding.section.split("[", 1)[0]
    position = agenda.STEP_IDS.index(step) if step in agenda.STEP_IDS else len(agenda.STEP_IDS)
    return position, finding.section


def check_session(session: m.Session) -> list[Finding]:
    found = [finding for check in CHECKS for finding in check(session)]
    # Errors first within a section, but the agenda's order between sections.
    return sorted(found, key=lambda f: (section_order(f), f.level != "error"))


def check(store: Store, session_id: str) -> list[Finding]:
    return check_session(sessions.load_session(store, session_id))
