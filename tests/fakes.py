"""In-memory ``WorkbookAccess`` for tests (schedule, writer, add-in may all use it).

Holds cell values, merged ranges, notes and fills per sheet. ``grid()`` always reflects the
current state (unlike a file, nothing is cached), and ``calls`` records every write so tests can
assert that nothing outside the expected cells was touched.
"""

from __future__ import annotations

from typing import Any, Sequence

from xl_careplan.grid import SheetGrid, WorkbookGrid, a1, parse_a1


class FakeWorkbook:
    def __init__(self, sheets: dict[str, dict[str, Any]] | None = None, label: str = "fake.xlsx"):
        """``sheets``: name -> {"A1": value, ...}."""
        self.label = label
        self.cells: dict[str, dict[tuple[int, int], Any]] = {}
        self.merged: dict[str, list[tuple[int, int, int, int]]] = {}
        self.notes: dict[tuple[str, str], str] = {}
        self.fills: dict[tuple[str, str], str] = {}
        self.hidden: dict[str, bool] = {}
        self.col_widths: dict[str, dict[str, float]] = {}
        self.links: dict[str, dict[str, str]] = {}
        self.calls: list[tuple] = []
        for name, values in (sheets or {}).items():
            self.add_sheet(name, values)

    # --- building -------------------------------------------------------------------------
    def add_sheet(self, name: str, values: dict[str, Any] | None = None,
                  merged: Sequence[str] = ()) -> None:
        self.cells[name] = {}
        self.merged[name] = []
        for ref, v in (values or {}).items():
            self.cells[name][parse_a1(ref)] = v
        for rng in merged:
            a, b = rng.split(":")
            r1, c1 = parse_a1(a)
            r2, c2 = parse_a1(b)
            self.merged[name].append((r1, c1, r2, c2))

    def value(self, sheet: str, ref: str) -> Any:
        return self.cells[sheet].get(parse_a1(ref))

    def snapshot(self) -> dict[str, dict[tuple[int, int], Any]]:
        return {s: dict(c) for s, c in self.cells.items()}

    # --- WorkbookAccess ---------------------------------------------------------------------
    def grid(self) -> WorkbookGrid:
        sheets = []
        for name, cells in self.cells.items():
            sheets.append(SheetGrid(name=name,
                                    cells={k: v for k, v in cells.items() if v is not None and v != ""},
                                    merged=list(self.merged[name])))
        return WorkbookGrid(sheets=sheets, path=self.label)

    def sheet_names(self) -> list[str]:
        return list(self.cells)

    def get_note(self, sheet: str, cell: str) -> str | None:
        return self.notes.get((sheet, cell))

    def set_note(self, sheet: str, cell: str, text: str | None) -> None:
        self._check(sheet, cell)
        self.calls.append(("set_note", sheet, cell, text))
        if text is None:
            self.notes.pop((sheet, cell), None)
        else:
            self.notes[(sheet, cell)] = text

    def get_fill(self, sheet: str, cell: str) -> str | None:
        return self.fills.get((sheet, cell))

    def set_fill(self, sheet: str, cell: str, rgb: str | None) -> None:
        self._check(sheet, cell)
        self.calls.append(("set_fill", sheet, cell, rgb))
        if rgb is None:
            self.fills.pop((sheet, cell), None)
        else:
            self.fills[(sheet, cell)] = rgb

    def set_value(self, sheet: str, cell: str, value: Any) -> None:
        self._check(sheet, cell)
        self.calls.append(("set_value", sheet, cell, value))
        self.cells[sheet][parse_a1(cell)] = value

    def write_sheet(self, name: str, rows: Sequence[Sequence[Any]], *, links: dict[str, str] | None = None,
                    col_widths: dict[str, float] | None = None, hidden: bool = False) -> None:
        self.calls.append(("write_sheet", name, len(rows)))
        self.cells[name] = {}
        self.merged[name] = []
        for i, row in enumerate(rows, start=1):
            for j, v in enumerate(row, start=1):
                if v is not None and v != "":
                    self.cells[name][(i, j)] = v
        self.hidden[name] = hidden
        self.col_widths[name] = dict(col_widths or {})
        self.links[name] = dict(links or {})

    def read_sheet(self, name: str) -> list[list[Any]] | None:
        if name not in self.cells:
            return None
        cells = self.cells[name]
        if not cells:
            return []
        nr = max(r for r, _ in cells)
        nc = max(c for _, c in cells)
        return [[cells.get((r, c)) for c in range(1, nc + 1)] for r in range(1, nr + 1)]

    # --- guards -----------------------------------------------------------------------------
    def _check(self, sheet: str, cell: str) -> None:
        if sheet not in self.cells:
            raise KeyError(f"no sheet {sheet!r}")
        r, c = parse_a1(cell)
        for (r1, c1, r2, c2) in self.merged[sheet]:
            if r1 <= r <= r2 and c1 <= c <= c2 and (r, c) != (r1, c1):
                raise ValueError(f"{sheet}!{cell} is inside merged range {a1(r1, c1)}:{a1(r2, c2)}")
