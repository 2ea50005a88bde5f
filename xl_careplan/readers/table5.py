"""第5表 居宅介護支援経過: 年月日 | 項目 | 内容, read when a sheet is named like one.

The standard form prints the three columns twice side by side; every 年月日 column is paired with the 内容
column to its right (and the 項目 column between them). Only sheets named as a 第5表 are read (a sheet of
dated notes elsewhere is more likely a monitoring record). Dates are kept as written: 「9/15」 has no year,
and the rules that read this sheet look for what was recorded (照会, 主治医の意見, 特段の事情), not when.
"""

from __future__ import annotations

from xl_careplan import fields as F
from xl_careplan.grid import SheetGrid, WorkbookGrid
from xl_careplan.models import SupportRecord, Table5
from xl_careplan.readers.common import cell_text, header_keys, loc_of, max_row, sheet_candidates
from xl_careplan.located import Located

_LABELS = {key: {k for label in labels for k in header_keys(label)} for key, (_, labels) in F.TABLE5_COLUMNS.items()}


def _header(sh: SheetGrid) -> tuple[int, list[tuple[int, int | None, int]]] | None:
    """(header row, [(date col, item col or None, content col)…]) of the first row naming 年月日 and 内容."""
    rows: dict[int, dict[str, list[int]]] = {}
    for (r, c), v in sh.cells.items():
        if type(v) is not str or len(v) > 12 or r > 15:
            continue
        keys = set(header_keys(v))
        for key, labels in _LABELS.items():
            if keys & labels:
                rows.setdefault(r, {}).setdefault(key, []).append(c)
    for r in sorted(rows):
        cols = rows[r]
        if "date" not in cols or "content" not in cols:
            continue
        groups = []
        dates = sorted(cols["date"])
        for i, dc in enumerate(dates):
            nxt = dates[i + 1] if i + 1 < len(dates) else 10 ** 6
            content = [c for c in cols["content"] if dc < c < nxt]
            if not content:
                continue
            item = [c for c in cols.get("item", []) if dc < c < content[0]]
            groups.append((dc, item[0] if item else None, content[0]))
        if groups:
            return r, groups
    return None


def find_table5(grid: WorkbookGrid) -> tuple[str, int, list[tuple[int, int | None, int]]] | None:
    for name in sheet_candidates(grid, F.SHEET_T5):
        sh = grid.sheet(name)
        if sh is None:
            continue
        h = _header(sh)
        if h is not None:
            return name, h[0], h[1]
    return None


def _lv(sheet: str, r: int, c: int | None, v) -> Located[str]:
    if c is None:
        return Located[str]()
    text = cell_text(v)
    return Located[str](value=text or None, raw=text or None, loc=loc_of(sheet, r, c))


def read_table5(grid: WorkbookGrid, sheet: str, header_row: int, groups: list[tuple[int, int | None, int]]) -> Table5:
    sh = grid.sheet(sheet)
    assert sh is not None
    entries: list[SupportRecord] = []
    last = max_row(sh)
    for dc, ic, cc in groups:
        for r in range(header_row + 1, last + 1):
            content = sh.cells.get((r, cc))
            item = sh.cells.get((r, ic)) if ic is not None else None
            date = sh.cells.get((r, dc))
            if not (cell_text(content) or cell_text(item)):
                continue
            entries.append(SupportRecord(row=r, date=_lv(sheet, r, dc, date), item=_lv(sheet, r, ic, item),
                                         content=_lv(sheet, r, cc, content)))
    return Table5(sheet=sheet, entries=entries)
