"""Parts of an .xlsx/.xlsm that openpyxl would drop or alter on load + save (placeholder)."""
from __future__ import annotations
from pathlib import Path


def unpreservable_parts(path: str | Path) -> list[str]:
    return []
