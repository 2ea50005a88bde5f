"""Simple one-header-row tables: アセスメント, モニタリング, 方針と異なる理由."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from xl_careplan import fields as F
from xl_careplan.grid import SheetGrid, WorkbookGrid
from xl_careplan.located import Located
from xl_careplan.models import (
    fields_of,
    Acknowledgement,
    Assessment,
    AssessmentItem,
    Monitoring,
    MonitoringRow,
)
from xl_careplan.readers.common import (
    LabelIndex,
    cell_text,
    construct,
    header_keys,
    loc_of,
    located,
    looks_like_date,
    max_row,
    merge_index,
    norm_label,
    row_cells,
    sheet_candidates,
)

Columns = dict[str, tuple[str, tuple[str, ...]]]


@dataclass
class SimpleTable:
    sheet: str
    header_row: int
    first_row: int
    columns: dict[str, int]
    last_row: int | None = None
    how: str = "labels"


_WANTED: dict[int, dict[str, list[str]]] = {}
_PATTERNS: dict[int, list[tuple[str, re.Pattern[str]]]] = {}


def _patterns(spec: Columns) -> list[tuple[str, re.Pattern[str]]]:
    """The header patterns (fields.HEADER_PATTERNS) of the table ``spec`` describes, in spec order."""
    p = _PATTERNS.get(id(spec))
    if p is None:
        table = {id(F.ASSESSMENT_COLUMNS): "assessment", id(F.MONITORING_COLUMNS): "monitoring"}.get(id(spec))
        pats = F.HEADER_PATTERNS.get(table or "", {})
        p = [(k, re.compile(pats[k])) for k in spec if k in pats]
        _PATTERNS[id(spec)] = p
    return p


def header_keys_for(v: str, spec: Columns) -> list[str]:
    """Column keys a header cell names: by its exact (normalised) label, else by the table's patterns."""
    wanted = _wanted(spec)
    keys = [key for k in header_keys(v) for key in wanted.get(k, ())]
    if keys:
        return keys
    n = norm_label(v)
    return [key for key, rx in _patterns(spec) if rx.search(n)][:1]


def _wanted(spec: Columns) -> dict[str, list[str]]:
    """Normalised header label -> the column keys it can name (in spec order)."""
    w = _WANTED.get(id(spec))
    if w is None:
        w = {}
        for key, (_, labels) in spec.items():
            for x in labels:
                lst = w.setdefault(norm_label(x), [])
                if key not in lst:
                    lst.append(key)
        _WANTED[id(spec)] = w
    return w


def detect_simple(sh: SheetGrid, spec: Columns, min_hits: int, near_row: int | None = None) -> SimpleTable | None:
    """The row holding the most of ``spec``'s header labels (at least ``min_hits``)."""
    per_row: dict[int, dict[str, int]] = {}
    for (r, c), v in sh.cells.items():
        if type(v) is not str or len(v) > 30:
            continue
        for key in header_keys_for(v, spec):
            cols = per_row.setdefault(r, {})
            if key not in cols or c < cols[key]:
                cols[key] = c
    best = None
    for r, cols in per_row.items():
        # a cell claimed by two keys (種別 is 区分, 課題 is 課題の有無…): keep it for the key listed first
        used: dict[int, str] = {}
        for key in spec:
            if key in cols:
                c = cols[key]
                if c in used:
                    del cols[key]
                else:
                    used[c] = key
        n = len(cols)
        if n < min_hits:
            continue
        score = (n, -(abs(r - near_row) if near_row else 0), -r)
        if best is None or score > best[0]:
            best = (score, r, cols)
    if best is None:
        return None
    _, r, cols = best
    bottom = r
    for c in cols.values():
        rng = sh.merged_range(r, c)
        if rng:
            bottom = max(bottom, rng[2])
    if "note" in cols:
        cols["note"] = _fullest_note_column(sh, spec, r, bottom, cols)
    return SimpleTable(sheet=sh.name, header_row=r, first_row=bottom + 1, columns=dict(cols))


def _fullest_note_column(sh: SheetGrid, spec: Columns, header: int, bottom: int, cols: dict[str, int]) -> int:
    """Several headers may name the record's content (目標の達成度, サービスの実施状況, 特記事項 …): the one whose
    cells hold the longest texts is the record itself (the others hold 「概ね達成」「計画どおり」)."""
    taken = {c for k, c in cols.items() if k != "note"}
    cands = [c for c, v in row_cells(sh, header) if c not in taken and isinstance(v, str) and len(v) <= 30
             and "note" in header_keys_for(v, spec)]
    if len(cands) < 2:
        return cols["note"]

    def fullness(c: int) -> float:
        texts = [cell_text(sh.cells.get((row, c))) for row in range(bottom + 1, bottom + 31)]
        texts = [t for t in texts if t]
        return sum(len(t) for t in texts) / len(texts) if texts else 0.0

    return max(cands, key=lambda c: (fullness(c), -c))


def find_simple(grid: WorkbookGrid, idx: LabelIndex, standard: str, spec: Columns, anchor_name: str,
                min_hits: int, essential: tuple[str, ...] = (), exclude: frozenset[str] = frozenset()) -> SimpleTable | None:
    """The table on our template's anchor, else on a sheet named like ``standard``, else — recognised by its
    content — on any other sheet (not in ``exclude``) whose header row names one more of the columns and
    every ``essential`` one."""
    named = sheet_candidates(grid, standard)
    anchor = grid.names.get(anchor_name)
    # a defined name is honoured only on a sheet named for the part: a received workbook's name must not put the
    # 方針と異なる理由 table (reasons that silence findings) on another sheet, at a row nobody looks at
    if anchor and anchor[0] in named:
        t = detect_simple(grid.sheet(anchor[0]), spec, min_hits, near_row=anchor[1])
        if t is not None:
            t.how = "template"
            return t
    for name in named:
        t = detect_simple(grid.sheet(name), spec, min_hits)
        if t is not None:
            return t
    if not essential:
        return None
    best = None
    for sh in grid.sheets:
        if sh.name in named or sh.name in exclude:
            continue
        t = detect_simple(sh, spec, min_hits + 1)
        if t is not None and all(k in t.columns for k in essential):
            if best is None or len(t.columns) > len(best.columns):
                best = t
    return best


def _rows(sh: SheetGrid, t: SimpleTable):
    """(row, {key: ((top-left row, col), value)}) for each table row; merged cells give their top-left."""
    last = t.last_row or max_row(sh)
    cols = list(t.columns.items())
    merges = merge_index(sh)
    cells = sh.cells
    for r in range(t.first_row, last + 1):
        out = {}
        for k, c in cols:
            rng = merges.get((r, c))
            tl = (rng[0], rng[1]) if rng else (r, c)
            out[k] = (tl, cells.get(tl))
        yield r, out


def _lv(typ, sheet: str, cell, parse=None) -> Located:
    (r, c), v = cell
    return located(typ, sheet, r, c, v, parse)


# --------------------------------------------------------------------------- アセスメント

_ITEM_KEYS = [norm_label(re.sub(r"（.*?）", "", x)) for x in F.ASSESSMENT_ITEMS]


def _item_number(name: str) -> int | None:
    exact = _exact_item_number(name)
    if exact is not None:
        return exact
    n = norm_label(re.sub(r"[（(].*?[）)]", "", unicodedata.normalize("NFKC", name)))
    n = re.sub(r"^\d+[.\s、]*", "", n)
    if len(n) < 4:
        return None
    hits = [(len(k), i) for i, k in enumerate(_ITEM_KEYS, start=1) if k and _SHORT_COUNTS[k] == 1 and (k in n or n in k)]
    return max(hits)[1] if hits else None  # the longest name that fits: IADL before ADL


_ITEM_FULL = [norm_label(x) for x in F.ASSESSMENT_ITEMS]
_SHORT_COUNTS = {k: _ITEM_KEYS.count(k) for k in _ITEM_KEYS}


def _exact_item_number(text: str) -> int | None:
    """Item number when the cell is just an item's name (optionally numbered: '10 健康状態', '⑩健康状態')."""
    n = re.sub(r"^(?:No\.?)?\d+[.\s、:)]*", "", norm_label(text))
    for i, k in enumerate(_ITEM_FULL, start=1):
        if n == k:
            return i
    short = re.sub(r"\([^()]*\)", "", n)
    for i, k in enumerate(_ITEM_KEYS, start=1):
        if short == k and _SHORT_COUNTS[k] == 1:  # 日常生活自立度 alone could be 障害 or 認知症
            return i
    return None


def find_items_by_name(grid: WorkbookGrid, standard_sheets: list[str]) -> tuple[str, dict[int, tuple[int, int]]] | None:
    """Assessment forms without a header row: the sheet where most of the 23 item names are written,
    and each item's name cell. At least 8 distinct items, so a stray 「ADL」 elsewhere does not count."""
    best = None
    order = standard_sheets + [s.name for s in grid.sheets if s.name not in standard_sheets]
    for name in order:
        sh = grid.sheet(name)
        found: dict[int, tuple[int, int]] = {}
        for (r, c), v in sh.cells.items():
            if type(v) is str and len(v) <= 40:
                i = _exact_item_number(v)
                if i is not None and (i not in found or (r, c) < found[i]):
                    found[i] = (r, c)
        if len(found) >= 8 and (best is None or len(found) > len(best[1])):
            best = (name, found)
    return best


def read_assessment_by_names(grid: WorkbookGrid, sheet: str, items: dict[int, tuple[int, int]], assessed_on: Located) -> Assessment:
    """Items found by their names; 状況 is the text right of the name (課題/ニーズ columns unknown)."""
    from xl_careplan.readers.common import next_right, is_label

    sh = grid.sheet(sheet)
    assert sh is not None
    A = fields_of(AssessmentItem)
    out: list[AssessmentItem] = []
    for num in sorted(items):
        r, c = items[num]
        _, _, _, c2 = sh.extent(r, c)
        right = next_right(sh, r, c2, max_cols=6)
        status_typ = A["status"].annotation
        if right is not None and not is_label(sh.cells.get(right)) and _exact_item_number(cell_text(sh.cells.get(right))) is None:
            status = located(status_typ, sheet, right[0], right[1], sh.cells.get(right), None)
        else:
            status = status_typ(loc=loc_of(sheet, r, c2 + 1))
        out.append(AssessmentItem(number=num, name=F.ASSESSMENT_ITEMS[num - 1], status=status))
    return Assessment(sheet=sheet, assessed_on=assessed_on, items=out)


def read_assessment(grid: WorkbookGrid, t: SimpleTable, assessed_on: Located) -> Assessment:
    from xl_careplan import parsing as P

    sh = grid.sheet(t.sheet)
    assert sh is not None
    name = sh.name
    A = fields_of(AssessmentItem)
    items: list[AssessmentItem] = []
    for r, cells in _rows(sh, t):
        num_cell = cells.get("number")
        name_cell = cells.get("name")
        label = cell_text(name_cell[1]) if name_cell else ""
        if name_cell and name_cell[0][0] != r:
            continue  # item name merged down: its extra rows
        num = None
        if num_cell is not None:
            v = num_cell[1]
            if isinstance(v, (int, float)) and not isinstance(v, bool) and float(v).is_integer():
                num = int(v)
            else:
                m = re.match(r"^\s*(\d+)", unicodedata.normalize("NFKC", cell_text(v)))
                num = int(m.group(1)) if m else None
        if not label and num is None:
            if not any(cell_text(v) for _, v in cells.values()):
                continue
        if num is None and label:
            num = _item_number(label)
        if num is None:
            num = len(items) + 1
        items.append(construct(
            AssessmentItem,
            number=num,
            name=label or (F.ASSESSMENT_ITEMS[num - 1] if 1 <= num <= len(F.ASSESSMENT_ITEMS) else ""),
            status=_lv(A["status"].annotation, name, cells["status"]) if "status" in cells else A["status"].annotation(),
            has_issue=_lv(A["has_issue"].annotation, name, cells["has_issue"], P.parse_mark) if "has_issue" in cells else A["has_issue"].annotation(),
            need_refs=_lv(A["need_refs"].annotation, name, cells["need_refs"], P.parse_need_refs) if "need_refs" in cells else A["need_refs"].annotation(),
        ))
    return Assessment(sheet=name, assessed_on=assessed_on, items=items)


# --------------------------------------------------------------------------- モニタリング


def date_or_text(v):
    """A monitoring date cell: a date, or — 「未実施」「入院中」 written instead — no date and no reading problem
    (that month simply has no visit date; the text is kept as written)."""
    from xl_careplan import parsing as P

    return P.parse_date(v) if looks_like_date(v) else None


def read_monitoring(grid: WorkbookGrid, t: SimpleTable) -> Monitoring:
    sh = grid.sheet(t.sheet)
    assert sh is not None
    name = sh.name
    M = fields_of(MonitoringRow)
    rows: list[MonitoringRow] = []
    parsers = {"planned_on": date_or_text, "done_on": date_or_text}
    # the row's cells outside the table's columns (a second 内容 column such as 目標の達成度), for the record rules
    used = set(t.columns.values())
    by_row: dict[int, list] = {}
    if "note" in t.columns:
        for (rr, c), v in sh.cells.items():
            if rr >= t.first_row and c not in used:
                by_row.setdefault(rr, []).append((c, v))
    for r, cells in _rows(sh, t):
        if not any(cell_text(v) for _, v in cells.values()):
            continue
        kw = {}
        for key in ("planned_on", "kind", "done_on", "method", "note"):
            typ = M[key].annotation
            if key in cells:
                (cr, cc), v = cells[key]
                if cr != r:  # merged down from above: belongs to that row, blank here
                    kw[key] = typ(loc=loc_of(name, r, t.columns[key]))
                else:
                    kw[key] = located(typ, name, cr, cc, v, parsers.get(key))
            else:
                kw[key] = typ()
        other = [x for c, v in sorted(by_row.get(r, ())) if c not in used and (x := cell_text(v))]
        rows.append(construct(MonitoringRow, row=r, **kw, other_text=other))
    return Monitoring(sheet=name, header_row=t.header_row, rows=rows)


def supply_years(mon: Monitoring, start: dt.date | None) -> tuple[list[Located], list[Located]]:
    """Dates of the record written without their year (「6/24（水）」) or era (「8/4/6」): read in the year that
    follows the record's order from a month before the plan's ``start`` (a written weekday must agree).
    Returns (the values so read, the dates still unread): the reader notes both."""
    from xl_careplan import parsing as P

    supplied: list[Located] = []
    unread: list[Located] = []
    near = start - dt.timedelta(days=31) if start is not None else None
    for r in mon.rows:
        for lv in (r.planned_on, r.done_on):
            if lv.value is not None or not lv.raw or lv.problem or not looks_like_date(lv.raw):
                continue
            d = P.date_without_year(lv.raw, near) if near is not None else None
            if d is None:
                unread.append(lv)
                continue
            lv.value = d
            supplied.append(lv)
            if lv is r.done_on:
                near = max(near, d - dt.timedelta(days=7))
    return supplied, unread


# --------------------------------------------------------------------------- 方針と異なる理由

_RULE_RE = re.compile(r"^[A-Z]{2}\d{3}$")


def read_acknowledgements(grid: WorkbookGrid, t: SimpleTable) -> list[Acknowledgement]:
    sh = grid.sheet(t.sheet)
    assert sh is not None
    out: list[Acknowledgement] = []
    for r, cells in _rows(sh, t):
        if "rule" not in cells or "reason" not in cells:
            break
        (rr, rc), rule_v = cells["rule"]
        rule = re.sub(r"\s+", "", unicodedata.normalize("NFKC", cell_text(rule_v))).upper()
        reason = cell_text(cells["reason"][1])
        if not rule or not reason or rr != r:
            continue
        sheet = cell_text(cells["sheet"][1]) if "sheet" in cells else ""
        cell = re.sub(r"[\s$]", "", unicodedata.normalize("NFKC", cell_text(cells["cell"][1]))) if "cell" in cells else ""
        if "!" in cell:
            ref_sheet, _, cell = cell.rpartition("!")
            sheet = sheet or ref_sheet.strip("'")
        cell = cell.upper()
        out.append(Acknowledgement(rule=rule, sheet=sheet or None, cell=cell or None, reason=reason,
                                   loc=loc_of(sh.name, rr, rc)))
    return out


# --------------------------------------------------------------------------- モニタリング in blocks of rows

def find_monitoring_blocks(grid: WorkbookGrid, named: list[str], exclude: frozenset[str]) -> tuple[str, int, list[dict[str, int]]] | None:
    """A monitoring record written as one block of rows a visit — a heading (「【令和8年5月】」), then 予定日 / 実施日 /
    方法 / 場所 / 内容 rows of label | value — instead of a table: (sheet, the labels' column, each block's key -> row).
    At least two blocks, each with its 実施日. On the sheets named like the monitoring first, else any other sheet."""
    order = [*named, *(s.name for s in grid.sheets if s.name not in named and s.name not in exclude)]
    for name in order:
        sh = grid.sheet(name)
        if sh is None:
            continue
        by_col: dict[int, list[tuple[int, str]]] = {}
        for (r, c), v in sh.cells.items():
            if type(v) is str and len(v) <= 12:
                keys = header_keys_for(v, F.MONITORING_COLUMNS)
                if keys:
                    by_col.setdefault(c, []).append((r, keys[0]))
        for c, labels in sorted(by_col.items()):
            if sum(1 for _, k in labels if k == "done_on") < 2:
                continue
            blocks: list[dict[str, int]] = []
            cur: dict[str, int] = {}
            last = -10
            for r, k in sorted(labels):
                if k in cur and k != "method" or r - last > 3:  # a key seen again (or a gap): the next block
                    if cur:
                        blocks.append(cur)
                    cur = {}
                if k == "method" and k in cur:
                    cur.setdefault("place", r)
                else:
                    cur[k] = r
                last = r
            if cur:
                blocks.append(cur)
            blocks = [b for b in blocks if "done_on" in b and len(b) >= 2]  # a title above is no block
            if len(blocks) >= 2:
                return name, c, blocks
    return None


def read_monitoring_blocks(grid: WorkbookGrid, sheet: str, col: int, blocks: list[dict[str, int]]) -> Monitoring:
    """One MonitoringRow a block, at its 実施日 row; each value is the cell right of its label."""
    sh = grid.sheet(sheet)
    assert sh is not None
    M = fields_of(MonitoringRow)
    parsers = {"planned_on": date_or_text, "done_on": date_or_text}
    rows = []
    for b in blocks:
        kw = {}
        for key in ("planned_on", "kind", "done_on", "method", "note"):
            typ = M[key].annotation
            if key not in b:
                kw[key] = typ()
                continue
            r = b[key]
            vr, vc = sh.top_left(r, sh.extent(r, col)[3] + 1)
            v = sh.cells.get((vr, vc))
            if key == "method" and "place" in b:  # 方法 and 場所 on two rows: read together
                pr = b["place"]
                pv = sh.cells.get(sh.top_left(pr, sh.extent(pr, col)[3] + 1))
                v = "　".join(t for t in (cell_text(v), cell_text(pv)) if t) or None
            kw[key] = located(typ, sheet, vr, vc, v, parsers.get(key))
        rows.append(construct(MonitoringRow, row=b["done_on"], **kw, other_text=[]))
    return Monitoring(sheet=sheet, header_row=None, rows=rows)


# --------------------------------------------------------------------------- モニタリング across

def find_monitoring_across(grid: WorkbookGrid, named: list[str], exclude: frozenset[str]) -> SimpleTable | None:
    """A monitoring record written across — the labels (予定日 / 実施日 / 方法 / 内容) down one column, one COLUMN a
    visit: the table of the sheet read with rows and columns swapped (``SimpleTable`` of the transposed sheet)."""
    order = [*named, *(s.name for s in grid.sheets if s.name not in named and s.name not in exclude)]
    for name in order:
        sh = grid.sheet(name)
        if sh is None:
            continue
        ts = transposed(sh)
        t = detect_simple(ts, F.MONITORING_COLUMNS, 3 if name in named else 4)
        # one column a visit: at least two columns right of the labels with a 実施日 or 予定日 written
        if t is not None and "done_on" in t.columns and sum(
                1 for (r, c), v in ts.cells.items() if r > t.header_row and c in (t.columns["done_on"], t.columns.get("planned_on"))
                and looks_like_date(v)) >= 2:
            return t
    return None


def transposed(sh: SheetGrid) -> SheetGrid:
    return SheetGrid(name=sh.name, cells={(c, r): v for (r, c), v in sh.cells.items()},
                     merged=[(c1, r1, c2, r2) for r1, c1, r2, c2 in sh.merged])


def read_monitoring_across(grid: WorkbookGrid, t: SimpleTable) -> Monitoring:
    """The transposed table read as rows, every cell named back in the sheet's own rows and columns."""
    from xl_careplan.grid import a1, parse_a1
    from xl_careplan.record import replace

    sh = grid.sheet(t.sheet)
    assert sh is not None
    mon = read_monitoring(WorkbookGrid(sheets=[transposed(sh)], names={}), t)

    def back(lv):
        if lv.loc is None:
            return lv
        r, c = parse_a1(lv.loc.cell)
        return replace(lv, loc=replace(lv.loc, cell=a1(c, r)))

    rows = []
    for row in mon.rows:
        kw = {k: back(getattr(row, k)) for k in ("planned_on", "kind", "done_on", "method", "note")}
        done_row = t.columns["done_on"]
        rows.append(replace(row, row=done_row, **kw))
    return Monitoring(sheet=t.sheet, header_row=None, rows=rows, across=True)
