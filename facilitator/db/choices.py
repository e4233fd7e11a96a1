"""The closed vocabularies the database stores: severities, depths, statuses, kinds…

Plain tuples, apart from the models, so that what shows the first window (the library's
filters, the new-session dialog) can name them before SQLAlchemy has loaded (DESIGN
section 7, start-up). `facilitator.db.models` re-exports every one of them.
"""

from __future__ import annotations

SEVERITIES = ("SEV1", "SEV2", "SEV3", "SEV4")
DEPTHS = ("quick", "standard", "deep")
STATUSES = ("draft", "in_meeting", "completed")
ROLES = ("facilitator", "incident_lead", "responder", "stakeholder", "scribe")
KINDS = (
    "detection",
    "alert",
    "action",
    "decision",
    "communication",
    "escalation",
    "mitigation",
    "resolution",
    "note",
)
LISTS = ("went_well", "went_poorly", "lucky", "parking_lot")
CATEGORIES = ("technical", "process", "communication", "external")
GATES = ("and", "or")
PRIORITIES = ("must", "should", "nice")
ACTION_KINDS = ("detect", "mitigate", "prevent", "repair", "process")
ACTION_STATUSES = ("open", "in_progress", "done", "dropped")
KEY_TIMES = ("started_at", "detected_at", "acknowledged_at", "mitigated_at", "resolved_at")
IMPACT_FIELDS = ("customers", "revenue", "reputation", "internal")
