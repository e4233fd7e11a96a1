"""Findings: what `facilitator check` and the app's inline hints report about a session."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Level = Literal["error", "warning"]


@dataclass(frozen=True)
class Finding:
    """One problem: `section` is an agenda step id, with an index where it helps (`whys[1]`)."""

    level: Level
    section: str
    message: str

    def __str__(self) -> str:
        return f"{self.level} {self.section}: {self.message}"
