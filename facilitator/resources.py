"""Where the files under `resources/` are, installed or in a checkout."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def resource_path(*parts: str) -> Path:
    """A file or folder shipped in the `resources` package (always on disk: we never zip it)."""
    return Path(str(files("resources").joinpath(*parts)))


def read_text(*parts: str) -> str:
    return resource_path(*parts).read_text(encoding="utf-8")
