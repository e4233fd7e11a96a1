"""What `facilitator check` says about a session's action items, arranged for the actions page:
per item (by id, since numbers shift as items move) and about the items as a whole (the cap,
the coverage of root causes and factors)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from facilitator import actions, checks, sessions
from facilitator.db.store import Store
from facilitator.findings import Finding

_ITEM = re.compile(r"actions\[(\d+)\]")


@dataclass(frozen=True)
class ActionHints:
    """`items`: item id -> its findings, errors first; `general`: the rest of the section."""

    items: dict[str, list[Finding]] = field(default_factory=dict)
    general: list[Finding] = field(default_factory=list)


def action_hints(store: Store, session_id: str) -> ActionHints:
    """Every check finding in the `actions` section of a session, placed."""
    session = sessions.load_session(store, session_id)
    ids = [view.id for view in actions.actions_of(session)]
    hints = ActionHints()
    for finding in checks.check_session(session):
        if finding.section.split("[", 1)[0] != "actions":
            continue
        match = _ITEM.fullmatch(finding.section)
        number = int(match.group(1)) if match else 0
        if 1 <= number <= len(ids):
            hints.items.setdefault(ids[number - 1], []).append(finding)
        else:
            hints.general.append(finding)
    return hints
