"""Where the files under `resources/` are, installed or in a checkout."""

from __future__ import annotations

from pathlib import Path

import resources

# A regular package, always installed as files (we never zip it), so its folder is the
# package's own; `importlib.resources` would cost the app's start-up some 5 ms to say the same.
ROOT = Path(resources.__file__).parent


def resource_path(*parts: str) -> Path:
    """A file or folder shipped in the `resources` package."""
    return ROOT.joinpath(*parts)


def read_text(*parts: str) -> str:
    return resource_path(*parts).read_text(encoding="utf-8")
