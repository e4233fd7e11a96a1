"""The README's shortcut table is the app's own (ui/actions.py), so the two never drift."""

from __future__ import annotations

from pathlib import Path

from ui.actions import markdown_table

README = Path(__file__).resolve().parents[2] / "README.md"


def test_the_readme_lists_every_shortcut() -> None:
    text = README.read_text(encoding="utf-8")
    block = text.split("<!-- shortcuts:start -->", 1)[1].split("<!-- shortcuts:end -->", 1)[0]
    assert block.strip() == markdown_table().strip(), "run: python tools/update_readme.py"
