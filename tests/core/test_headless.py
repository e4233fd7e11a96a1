"""The core imports and runs without Qt (DESIGN section 2)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import facilitator

CORE = Path(facilitator.__file__).parent
BLOCK_QT = """
import importlib, pkgutil, sys
class BlockQt:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("PySide6", "shiboken6", "ui"):
            raise ImportError(f"the core imported {name}")
sys.meta_path.insert(0, BlockQt())
import facilitator
for module in pkgutil.walk_packages(facilitator.__path__, "facilitator."):
    if ".migrations." not in module.name:
        importlib.import_module(module.name)
print("ok")
"""


def test_every_core_module_imports_with_qt_blocked() -> None:
    result = subprocess.run(
        [sys.executable, "-c", BLOCK_QT], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
