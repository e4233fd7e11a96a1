"""Time-zone names: checking one, and the machine's own (no SQLAlchemy: the library's first
window uses it for new sessions)."""

from __future__ import annotations

import os
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from facilitator import errors


def check_timezone(name: str) -> str:
    """The name, if it is an IANA zone this machine knows; else a ValidationError."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise errors.ValidationError("timezone", f"unknown time zone {name!r}") from exc
    return name


def local_timezone() -> str:
    """The machine's IANA zone name, or UTC when it cannot be told."""
    name = os.environ.get("TZ", "").lstrip(":")
    if not name:
        try:
            name = "/".join(Path("/etc/localtime").resolve().parts[-2:])
        except OSError:
            name = ""
    try:
        return check_timezone(name)
    except errors.ValidationError:
        return "UTC"
