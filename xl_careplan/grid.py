"""Workbooks as plain grids of values: the one thing readers see.

Both the file path (openpyxl / calamine) and the live path (xlwings) produce these,
so every reader works the same whether the workbook is on disk or open in Excel.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterator

from xl_careplan import ooxml


class CellError(str):
    """A cell holding an Excel error (#REF!, #DIV/0!, …): not blank, and not a value a reader can use."""

    __slots__ = ()


CellValue = str | int | float | bool | dt.datetime | dt.date | dt.time | None


# A1 helpers of our own: openpyxl.utils would import all of openpyxl (a quarter of a check's start-up)
_A1 = re.compile(r"^([A-Za-z]{1,3})([0-9]+)$")
MAX_COL = 18278  # ZZZ: what three letters can name (openpyxl's limit; Excel's last column is XFD)


def column_letter(col: int) -> str:
    """1 -> 'A', 28 -> 'AB', 16384 -> 'XFD'."""
    if not 1 <= col <= MAX_COL:
        raise ValueError(f"column {col} is outside A:ZZZ")
    return ooxml.col_letters(col)


def column_index(letters: str) -> int:
    """'A' -> 1, 'ab' -> 28. ValueError for anything but 1-3 letters."""
    if not (1 <= len(letters) <= 3 and letters.isascii() and letters.isalpha()):
        raise ValueError(f"not a column: {letters!r}")
    return ooxml.col_number(letters)


@lru_cache(maxsize=1 << 16)  # a batch names the same few hundred cells of its forms again and again
def a1(row: int, col: int) -> str:
    return f"{column_letter(col)}{row}"


@lru_cache(maxsize=1 << 16)
def parse_a1(ref: str) -> tuple[int, int]:
    """'$B$3' or 'B3' -> (3, 2). ValueError when malformed."""
    m = _A1.match(ref.replace("$", ""))
    if not m or int(m.group(2)) == 0:
        raise ValueError(f"not an A1 reference: {ref!r}")
    return int(m.group(2)), column_index(m.group(1))


@dataclass
class SheetGrid:
    name: str
    cells: dict[tuple[int, int], CellValue] = field(default_factory=dict)
    # (min_row, min_col, max_row, max_col), 1-based inclusive
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    _merge_index: dict[tuple[int, int], tuple[int, int, int, int]] | None = field(
        default=None, repr=False, compare=False
    )
    # what the sheet shows besides its values (hidden rows, header, text boxes): readers.sheet_extras, file path only
    extras: Any = field(default=None, repr=False, compare=False)

    @classmethod
    def from_rows(cls, name: str, rows: list[list[Any]], merged=(), origin=(1, 1)) -> "SheetGrid":
        """Build from a 2-D list (as xlwings `.value` or calamine return)."""
        r0, c0 = origin
        cells: dict[tuple[int, int], CellValue] = {}
        for i, row in enumerate(rows):
            for j, v in enumerate(row):
                if v is None or (isinstance(v, str) and v == ""):
                    continue
                cells[(r0 + i, c0 + j)] = v
        return cls(name=name, cells=cells, merged=list(merged))

    @property
    def max_row(self) -> int:
        return max((r for r, _ in self.cells), default=0)

    @property
    def max_col(self) -> int:
        return max((c for _, c in self.cells), default=0)

    def _index(self) -> dict[tuple[int, int], tuple[int, int, int, int]]:
        if self._merge_index is None:
            idx: dict[tuple[int, int], tuple[int, int, int, int]] = {}
            for rng in self.merged:
                r1, c1, r2, c2 = rng
                for r in range(r1, r2 + 1):
                    for c in range(c1, c2 + 1):
                        idx[(r, c)] = rng
            self._merge_index = idx
        return self._merge_index

    def merged_range(self, row: int, col: int) -> tuple[int, int, int, int] | None:
        return self._index().get((row, col))

    def top_left(self, row: int, col: int) -> tuple[int, int]:
        rng = self.merged_range(row, col)
        return (rng[0], rng[1]) if rng else (row, col)

    def extent(self, row: int, col: int) -> tuple[int, int, int, int]:
        """The merged range holding (row, col), or the single cell."""
        return self.merged_range(row, col) or (row, col, row, col)

    def value(self, row: int, col: int) -> CellValue:
        """Value shown at (row, col): a merged range's value is its top-left cell's."""
        return self.cells.get(self.top_left(row, col))

    def text(self, row: int, col: int) -> str:
        v = self.value(row, col)
        return "" if v is None else str(v).strip()

    def iter_cells(self) -> Iterator[tuple[int, int, CellValue]]:
        for (r, c), v in sorted(self.cells.items()):
            yield r, c, v


@dataclass
class WorkbookGrid:
    sheets: list[SheetGrid]
    # workbook-level defined names pointing at one cell or range: name -> (sheet, row, col) top-left
    names: dict[str, tuple[str, int, int]] = field(default_factory=dict)
    path: str | None = None

    def sheet(self, name: str) -> SheetGrid | None:
        for s in self.sheets:
            if s.name == name:
                return s
        return None

    @property
    def sheet_names(self) -> list[str]:
        return [s.name for s in self.sheets]

    # a live workbook's grid is read once per click and kept in step with our own writes
    def put_value(self, sheet: str, row: int, col: int, value: CellValue) -> None:
        sh = self.sheet(sheet)
        if sh is None:
            return
        if value is None:
            sh.cells.pop((row, col), None)
        else:
            sh.cells[(row, col)] = value

    def put_sheet(self, fresh: SheetGrid, order: list[str]) -> None:
        """Add or replace a sheet we wrote, keeping the workbook's sheet ``order``."""
        others = [s for s in self.sheets if s.name != fresh.name]
        self.sheets = sorted(others + [fresh], key=lambda s: order.index(s.name) if s.name in order else len(order))
