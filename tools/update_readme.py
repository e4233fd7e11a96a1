"""Rewrite the README's keyboard-shortcut table from the one table the app uses (ui/actions.py).

python tools/update_readme.py
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ui.actions import markdown_table

README = Path(__file__).resolve().parents[1] / "README.md"
START, END = "<!-- shortcuts:start -->", "<!-- shortcuts:end -->"


def with_table(text: str, table: str) -> str:
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{START}\n{table.strip()}\n{END}{tail}"


def main() -> None:
    README.write_text(with_table(README.read_text(encoding="utf-8"), markdown_table()))
    print(f"updated {README}")


if __name__ == "__main__":
    main()
