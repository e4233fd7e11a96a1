"""Paper sizes for the PDF, and which one a machine's locale expects by default."""

from __future__ import annotations

import locale
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass

from facilitator import errors


@dataclass(frozen=True, slots=True)
class Paper:
    """A page size with the write-up's margins; lengths in millimetres."""

    name: str  # as CSS `@page { size: … }` spells it
    width: float
    height: float
    margin_x: float = 18.0
    margin_top: float = 22.0
    margin_bottom: float = 20.0

    @property
    def landscape(self) -> Paper:
        """The same sheet turned sideways, margins kept."""
        return Paper(f"{self.name} landscape", self.height, self.width)

    @property
    def content_width_px(self) -> float:
        """Width of the text column in CSS pixels (1/96 inch), which inline SVG is sized in."""
        return (self.width - 2 * self.margin_x) / 25.4 * 96

    @property
    def content_height_px(self) -> float:
        return (self.height - self.margin_top - self.margin_bottom) / 25.4 * 96


PAPERS = {"A4": Paper("A4", 210.0, 297.0), "letter": Paper("letter", 215.9, 279.4)}
# Territories whose printers hold US Letter (after glibc's LC_PAPER data); the rest use A4.
LETTER_TERRITORIES = frozenset(
    {"US", "CA", "MX", "PH", "PR", "CL", "CO", "CR", "GT", "NI", "PA", "SV", "VE", "DO", "BZ"}
)
_TERRITORY = re.compile(r"^[a-zA-Z]{2,3}[_-]([A-Za-z]{2})\b")


def check_paper(name: str) -> Paper:
    """The paper called `name` (any letter case: "a4", "Letter"); ValidationError otherwise."""
    for key, paper in PAPERS.items():
        if name.strip().casefold() == key.casefold():
            return paper
    raise errors.ValidationError("paper", f"must be A4 or letter, not {name!r}")


def default_paper(environ: Mapping[str, str] | None = None) -> Paper:
    """Letter where the locale's territory prints on Letter (US, Canada, Mexico, the
    Philippines…), else A4. Reads LC_ALL, LC_PAPER and LANG as POSIX does, then the locale
    Python was started with (the only source on Windows and macOS app bundles)."""
    env = os.environ if environ is None else environ
    candidates = [env.get(name, "") for name in ("LC_ALL", "LC_PAPER", "LANG")]
    if environ is None:
        candidates.append(locale.getlocale()[0] or "")
    for value in candidates:
        match = _TERRITORY.match(value)
        if match:
            return (
                PAPERS["letter"] if match.group(1).upper() in LETTER_TERRITORIES else PAPERS["A4"]
            )
    return PAPERS["A4"]
