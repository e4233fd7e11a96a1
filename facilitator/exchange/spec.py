"""What exchange format 1 is made of: keys in their order, patterns, and words for messages."""

from __future__ import annotations

import json

from facilitator.db import models as m
from facilitator.factors import MAX_DEPTH

FORMAT = "postmortem-facilitator"
VERSION = 1

# Patterns without anchors: Python uses them with fullmatch, the schema wraps them in ^…$
# (a test checks they agree). [0-9], not \d: Python's \d also matches other scripts' digits.
TIME_PATTERN = (
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,6})?)?"
    r"(Z|[+-][0-9]{2}:[0-9]{2})"
)
DATE_PATTERN = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
CHAIN_ID_PATTERN = r"w[0-9]+"
FACTOR_ID_PATTERN = r"f[0-9]+"
ENTRY_ID_PATTERN = r"t[0-9]+"
ATTACHMENT_ID_PATTERN = r"a[0-9]+"
MEDIA_TYPE_PATTERN = r"[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*"

MAX_TIMEZONE = 64  # the widths of their columns, which PostgreSQL enforces
MAX_MEDIA_TYPE = 128
# The app's own bound (deep enough for any real analysis): an imported tree can be edited.
MAX_FACTOR_DEPTH = MAX_DEPTH

DEFAULT_TIMEZONE = "UTC"
DEFAULT_MEDIA_TYPE = "application/octet-stream"

TOP_KEYS = ("format", "version", "session")
TIME_KEYS = (*m.KEY_TIMES, "meeting_at")
# The session's keys that are plain values, written and read as they are.
PLAIN_KEYS = (
    *("incident_ref", "severity", "depth", "status", "incident_lead", "facilitator"),
    *("timezone", "services", "tags"),
)
SESSION_TEXTS = ("incident_ref", "incident_lead", "facilitator", "summary", "opener")
SESSION_KEYS = (
    *("title", *PLAIN_KEYS, *TIME_KEYS, "summary", "opener", "impact", "participants"),
    *("timeline", *m.LISTS, "why_chains", "factors", "actions", "attachments"),
)
PARTICIPANT_KEYS = ("name", "role", "team")
ENTRY_KEYS = ("id", "at", "kind", "text", "source", "key", "notes", "attachment", "internal")
LIST_ITEM_KEYS = ("text", "internal")
CHAIN_KEYS = ("id", "problem", "whys", "root_cause")
FACTOR_KEYS = ("id", "text", "category", "gate", "unknown", "evidence", "children")
ACTION_KEYS = (
    *("title", "owner", "due", "success_criteria", "priority", "kind", "status"),
    *("completed_at", "rationale", "addresses", "tracker_url"),
)
ATTACHMENT_KEYS = ("id", "name", "media_type", "caption", "internal", "data")


def join(where: str, key: str) -> str:
    """The path of a key inside `where`: `session` + `title` -> `session.title`."""
    return f"{where}.{key}" if where else key


def kind_of(value: object) -> str:
    """What a JSON value is, in the words of a message: `must be text, not a list`."""
    if value is None or isinstance(value, bool):
        return json.dumps(value)  # null, true, false
    names = {str: "text", int: "a number", float: "a number", list: "a list", dict: "an object"}
    return names.get(type(value), type(value).__name__)


def show(value: object, limit: int = 60) -> str:
    """A value quoted for a message (text as 'SEV9', the rest as JSON), cut short."""
    if isinstance(value, str):
        shown = repr(value)
    else:
        shown = json.dumps(value, ensure_ascii=False, default=str)
    return shown if len(shown) <= limit else f"{shown[: limit - 1]}…"
