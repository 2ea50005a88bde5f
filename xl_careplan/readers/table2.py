"""第2表: two-row header table → Need → LongGoal → ShortGoal → ServiceRow, every value Located.

A need merged (or written once and left blank below) over several goal rows belongs to all of them;
a goal merged over several service rows likewise. The three 期間 columns are told apart by position:
after 長期目標, after 短期目標, after 頻度.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Callable

from xl_careplan import fields as F
from xl_careplan.grid import SheetGrid, WorkbookGrid
from xl_careplan.located import Located
from xl_careplan.models import LongGoal, Need, ServiceRow, ShortGoal, Table2, fields_of
from xl_careplan.readers.common import (
    LabelIndex,
    cell_text,
    is_placeholder,
    construct,
    header_match,
    loc_of,
    located,
    looks_like_date,
    make_located,
    max_row,
    merge_index,
    norm_label,
    row_cells,
    safe_parse,
    sheet_candidates,
)

SERVICE_KEYS = ("content", "insured", "service_type", "provider", "frequency", "service_period")
PERIOD_LABELS = frozenset(norm_label(x) for x in ("期間", "（期間）", "(期間)", "長期目標期間", "短期目標期間", "サービス期間", "援助期間"))


@dataclass
class TableLayout:
    sheet: str
    header_row: int  # first header row
    first_row: int  # first data row
    columns: dict[str, int]  # key -> column index
    last_row: int | None = None  # None: to the last row with content
    how: str = "labels"
    ends: dict[str, int] = field(default_factory=dict)  # period key -> its 終了 column, when split in two
    # 援助内容 over two lines a service (「サービス種別」 over 「※2」, 「頻度」 over 「期間」): key -> column of the
    # service's SECOND row that holds it
    second: dict[str, int] = field(default_factory=dict)


# 長期目標 and 短期目標 in ONE column (「目標（長期・短期）」), each cell 「【長期】…\n【短期】…」, their periods likewise
SHARED_GOAL_LABELS = frozenset(norm_label(x) for x in ("目標（長期・短期）", "目標（長期／短期）", "長期・短期目標", "長期目標・短期目標",
                                                       "長期目標／短期目標", "長期／短期目標", "援助目標（長期・短期）"))
_PART_RE = re.compile(r"^[\s\u3000]*[【\[(（<〈]?[\s\u3000]*(長期|短期)(?:目標)?(?:期間)?[\s\u3000]*[】\])）>〉]?[\s\u3000]*[:：]?", re.M)


def goal_part(v: Any, which: str) -> Any:
    """The 長期 or 短期 part of a cell holding both (「【長期】…\n【短期】…」「長期：R8.4.15～…\n短期：…」); the
    whole value when the cell does not say which part is which (read the same for both: never a blank)."""
    if type(v) is not str or "期" not in v:
        return v
    marks = list(_PART_RE.finditer(v))
    if {m.group(1) for m in marks} != {"長期", "短期"}:
        return v
    for m, nxt in zip(marks, [*marks[1:], None]):
        if m.group(1) == which:
            return v[m.end():nxt.start() if nxt else len(v)].strip()
    return v


@lru_cache(maxsize=None)
def _labels(key: str) -> frozenset[str]:
    return frozenset(norm_label(x) for x in F.T2_COLUMNS[key][1])


_T2_PATTERNS = {k: re.compile(p) for k, p in F.HEADER_PATTERNS["table2"].items()}


def _find_by_pattern(sh: SheetGrid, row: int, key: str, after: int = 0, taken: set[int] | frozenset[int] = frozenset()) -> int | None:
    """A header cell that says what the column holds in other words (「保険給付対象」「提供事業者」…)."""
    rx = _T2_PATTERNS.get(key)
    if rx is None:
        return None
    for c, v in row_cells(sh, row):
        if c > after and c not in taken and isinstance(v, str) and len(v) <= 30 and rx.search(norm_label(v)):
            return c
    return None


GROUP_LABELS = frozenset(norm_label(x) for x in ("援助目標", "援助内容"))


def _find_in_row(sh: SheetGrid, row: int, labels: frozenset[str] | set[str], after: int = 0, before: int = 10**6) -> int | None:
    for c, v in row_cells(sh, row):
        if after < c < before and header_match(v, labels):
            return c
    return None


def detect_header(sh: SheetGrid, idx: LabelIndex | None = None, near_row: int | None = None) -> TableLayout | None:
    """Find the 第2表 header on this sheet: the row with 長期目標 and 短期目標 (the lower header row)."""
    long_l, short_l = _labels("long_goal"), _labels("short_goal")
    rows: list[int] = []
    content_l = _labels("content")
    for (r, c), v in sh.cells.items():
        if header_match(v, long_l):
            if _find_in_row(sh, r, short_l) is not None:
                rows.append(r)
        elif header_match(v, SHARED_GOAL_LABELS) and _find_in_row(sh, r, content_l) is not None:
            rows.append(r)
    if not rows:
        return None
    rows.sort()
    if near_row is not None:
        rows.sort(key=lambda r: abs(r - near_row))
    h2 = rows[0]
    return layout_from_header_row(sh, h2)


_END_RE = re.compile(r"終了|終期|まで|至|～$")


def _says_period(v: Any) -> bool:
    """「目標期間」「提供期間」「期間（開始～終了）」: a period column in other words."""
    return isinstance(v, str) and len(v) <= 14 and "期間" in norm_label(v) and not header_match(v, _labels("long_goal") | _labels("short_goal"))


def layout_from_header_row(sh: SheetGrid, h2: int) -> TableLayout | None:
    cols: dict[str, int] = {}
    lg = _find_in_row(sh, h2, _labels("long_goal"))
    sg = _find_in_row(sh, h2, _labels("short_goal"))
    if lg is None or sg is None:
        lg = sg = _find_in_row(sh, h2, SHARED_GOAL_LABELS)
        if lg is None:
            return None
    cols["long_goal"], cols["short_goal"] = lg, sg
    upper = h2 - 1 if h2 > 1 else h2

    def find(key: str, after: int = 0, rows=(h2, upper)) -> int | None:
        # a label merged down over both header rows sits in the upper row; exact labels before patterns
        for r in rows:
            c = _find_in_row(sh, r, _labels(key), after)
            if c is not None:
                return c
        taken = set(cols.values())
        for r in rows:
            c = _find_by_pattern(sh, r, key, after, taken)
            if c is not None:
                return c
        return None

    need = find("need")
    if need is not None and need < lg:
        cols["need"] = need
    elif lg > 1:
        cols["need"] = lg - 1 if lg - 1 >= 1 else 1
    content = (_find_in_row(sh, h2, _labels("content"), sg) or _find_in_row(sh, upper, _labels("content"), sg)
               or _find_by_pattern(sh, h2, "content", sg))
    for key in ("insured", "service_type", "provider", "frequency"):
        c = find(key, sg)
        if c is not None:
            cols[key] = c
    if content is not None:
        cols["content"] = content
    elif "insured" in cols:
        cols["content"] = cols["insured"] - 1
    # the three 期間 columns by position
    periods = [c for c, v in row_cells(sh, h2) if header_match(v, PERIOD_LABELS) or _says_period(v)]
    # a period split in two columns (「長期目標期間開始」「長期目標期間終了」): the start column stands for it
    ends: dict[int, int] = {}
    for a, b in zip(periods, periods[1:]):
        if _END_RE.search(norm_label(cell_text(sh.value(h2, b)))) and not _END_RE.search(norm_label(cell_text(sh.value(h2, a)))):
            ends[a] = b
    periods = [c for c in periods if c not in ends.values()]
    lp = next((c for c in periods if lg < c < sg), None)
    if lp is not None:
        cols["long_period"] = lp
    sp = next((c for c in periods if c > sg and (content is None or c < content)), None)
    if sp is not None:
        cols["short_period"] = sp
        if lg == sg:  # one period column for both goals
            cols["long_period"] = sp
    freq = cols.get("frequency")
    after = freq if freq is not None else (content or sg)
    svp = next((c for c in periods if c > after), None)
    if svp is not None:
        cols["service_period"] = svp
    # header bottom: the lowest row any header label cell (merged) reaches
    bottom = h2
    for c in cols.values():
        for r in (h2, upper):
            rng = sh.merged_range(r, c)
            if rng and rng[0] <= h2 <= rng[2]:
                bottom = max(bottom, rng[2])
    second = _second_line(sh, h2, max(bottom, h2 + 1), cols)
    if second and bottom == h2:
        bottom = h2 + 1  # the second line's labels in a header row of their own
    end_cols = {k: ends[c] for k, c in cols.items() if k in ("long_period", "short_period", "service_period") and c in ends}
    two_rows = upper < h2 and (_find_in_row(sh, upper, GROUP_LABELS) is not None
                               or any(sh.merged_range(upper, c) is not None and sh.merged_range(upper, c)[2] >= h2 for c in cols.values()))
    return TableLayout(sheet=sh.name, header_row=upper if two_rows else h2, first_row=bottom + 1, columns=cols,
                       ends=end_cols, second=second)


def _second_line(sh: SheetGrid, h2: int, bottom: int, cols: dict[str, int]) -> dict[str, int]:
    """Service columns named in a header row below the goals' row, under another service column's label
    (「サービス種別」 over 「※2」, 「頻度」 over 「期間」): each service is written on two rows, these on the second."""
    out: dict[str, int] = {}
    service_cols = {cols[k] for k in ("service_type", "frequency", "content", "insured") if k in cols}
    for r in range(h2 + 1, bottom + 1):
        if any(lo not in service_cols for lo, _ in row_cells(sh, r)) and r > h2 + 1:
            break
        for key, labels in (("provider", _labels("provider")), ("service_period", PERIOD_LABELS)):
            if key in cols and cols[key] not in service_cols:
                continue
            for c, v in row_cells(sh, r):
                if c in service_cols and sh.top_left(r, c) == (r, c) and header_match(v, labels):
                    out[key] = c
                    break
    for key, c in out.items():
        cols.pop(key, None)
    return out


def find_table2(grid: WorkbookGrid, idx: LabelIndex) -> TableLayout | None:
    pages = find_table2_pages(grid, idx)
    return pages[0] if pages else None


def find_table2_pages(grid: WorkbookGrid, idx: LabelIndex) -> list[TableLayout]:
    """Every sheet holding a 第2表 header, in workbook order (the template's anchored table first):
    a 第2表 continued on 「第2表 (2)」「第2表 その2」… is one table, read from its first page on."""
    first = _find_first(grid, idx)
    if first is None:
        return []
    pages = [first]
    for sh in grid.sheets:
        if sh.name == first.sheet:
            continue
        lay = detect_header(sh)
        if lay is not None:
            lay.how = first.how if first.how != "template" else "labels"
            pages.append(lay)
    order = {s.name: i for i, s in enumerate(grid.sheets)}
    if first.how == "template":
        return [first] + sorted(pages[1:], key=lambda l: order[l.sheet])
    return sorted(pages, key=lambda l: order[l.sheet])


def _find_first(grid: WorkbookGrid, idx: LabelIndex) -> TableLayout | None:
    anchor = grid.names.get("cp_t2_table")
    if anchor and grid.sheet(anchor[0]) is not None:
        sh = grid.sheet(anchor[0])
        lay = detect_header(sh, near_row=anchor[1] + 1)
        if lay is not None:
            lay.how = "template"
            return lay
    order = sheet_candidates(grid, F.SHEET_T2)
    # also scan every other sheet that holds 長期目標 (forms with 第1表 and 第2表 on one sheet, odd names)
    long_l = _labels("long_goal") | SHARED_GOAL_LABELS
    for key, hits in idx.by_text.items():
        if key in long_l:
            for s, _, _ in hits:
                if s not in order:
                    order.append(s)
    for name in order:
        sh = grid.sheet(name)
        if sh is None:
            continue
        lay = detect_header(sh)
        if lay is not None:
            return lay
    return None


@dataclass
class _Cell:
    row: int
    col: int
    value: Any
    starts: bool  # the value's merged range (or the cell) starts on this row
    merged_cont: bool  # this row continues a merged range started above


def _cell(sh: SheetGrid, row: int, col: int | None) -> _Cell | None:
    if col is None:
        return None
    rng = merge_index(sh).get((row, col))
    if rng:
        tl = (rng[0], rng[1])
        v = sh.cells.get(tl)
        return _Cell(tl[0], tl[1], None if _dropdown(v) else v, rng[0] == row, rng[0] < row)
    v = sh.cells.get((row, col))
    return _Cell(row, col, None if _dropdown(v) else v, True, False)


def _dropdown(v: Any) -> bool:
    """A drop-down's 「▼選択」 left in a cell: blank (the form's unused slots are no services)."""
    return type(v) is str and ("▼" in v or "選択" in v) and is_placeholder(v)


def _nonblank(c: _Cell | None) -> bool:
    return c is not None and cell_text(c.value) != ""


# 「同上」「〃」: the same as the row above (the need, goal or value written there)
DITTO = frozenset({"同上", "〃", "″", "\"", "々", "同", "上に同じ", "同左"})


def period_or_text(v: Any):
    """A 期間 cell: a period, or — 「認定期間中」「短期目標と同じ」 written instead of dates — no period and no
    reading problem (a reading note lists such cells; the rules on periods stay silent for them)."""
    from xl_careplan import parsing as P

    if not looks_like_date(v) or _is_ditto(v):
        return None
    return P.parse_period(v)


def _is_ditto(v: Any) -> bool:
    return isinstance(v, str) and norm_label(v).strip("()") in DITTO


def _same(c: _Cell | None, prev: Located) -> bool:
    text = cell_text(c.value) if c is not None else ""
    raw = prev.raw or ""
    # (a period split in two columns keeps 「start～end」 as its raw text)
    return text == raw or (bool(text) and raw.startswith(text + "～")) or (c is not None and _is_ditto(c.value))


def _is_header_row(sh: SheetGrid, row: int) -> bool:
    return _find_in_row(sh, row, _labels("long_goal")) is not None and _find_in_row(sh, row, _labels("short_goal")) is not None


def _is_note_row(sh: SheetGrid, row: int, cols: dict[str, int]) -> bool:
    """Footnote (※1「保険給付…」) written across the table, or a note merged over ≥3 table columns."""
    span = [c for c in cols.values()]
    for c in span:
        rng = sh.merged_range(row, c)
        if rng and rng[0] == row and rng[2] == row and sum(1 for x in span if rng[1] <= x <= rng[3]) >= 3:
            return True
    first = sh.cells.get((row, min(span)))
    if isinstance(first, str) and first.strip().startswith(("※1", "※１", "※2", "※２")) and len(first.strip()) > 4:
        return True
    return False


# what starts another form below the 第2表 on the same sheet (a print export stacks 第1表〜第4表 on one sheet):
# another form's title, or a label of 第1表 / 第4表 — the table ends above it
_OTHER_FORMS = frozenset(
    norm_label(x) for part in (F.SHEET_T1, F.SHEET_T3, F.SHEET_T4, F.SHEET_T5) for x in F.SHEET_VARIANTS[part]
    if len(norm_label(x)) >= 4
) | frozenset(norm_label(x) for spec in F.TABLE4_FIELDS for x in spec.labels)
_PAGE_HEAD = frozenset(norm_label(x) for spec in F.TABLE1_FIELDS for x in spec.labels)


def _span_cells(sh: SheetGrid, row: int, span: tuple[int, int]) -> list[tuple[int, Any]]:
    """The row's cells within the table's columns: a form printed beside the table on the same sheet (第1表 left
    of the 第2表 on one A3 sheet) is not part of it."""
    return [(c, v) for c, v in row_cells(sh, row) if span[0] <= c <= span[1]]


def _starts_other_form(sh: SheetGrid, row: int, span: tuple[int, int]) -> bool:
    from xl_careplan.readers.table3 import is_weekday_header

    cells = _span_cells(sh, row, span)
    return is_weekday_header(cells) or any(isinstance(v, str) and norm_label(v) in _OTHER_FORMS for _, v in cells)


def _is_page_head(sh: SheetGrid, row: int, span: tuple[int, int]) -> bool:
    """A page's header repeated above a continued table (「被保険者氏名 ○○ 様」): a 第1表 label in the row."""
    return any(isinstance(v, str) and norm_label(v) in _PAGE_HEAD for _, v in _span_cells(sh, row, span))


def _table_end(sh: SheetGrid, first: int, last: int, span: tuple[int, int]) -> int:
    for r in sorted({r for r, _ in sh.cells if first <= r <= last}):
        if _starts_other_form(sh, r, span):
            return r - 1
    return last


def read_table2(grid: WorkbookGrid, lay: TableLayout) -> Table2:
    return read_table2_pages(grid, [lay])


def drop_copies(grid: WorkbookGrid, pages: list[TableLayout]) -> tuple[list[TableLayout], list[str]]:
    """The pages without those that only repeat needs the other pages hold — the same table again (an input
    sheet the printed form pulls in by formula, a second print), not a continuation — and the sheets left out.
    Of two copies the one whose header was recognised more fully stays (then the first)."""
    if len(pages) < 2:
        return pages, []
    texts = []
    for lay in pages:
        found: list[Need] = []
        _read_page(grid, lay, found, (None, None, None), [])
        texts.append({norm_label(n.text.value) for n in found if n.text.value})
    kept = list(range(len(pages)))
    while len(kept) > 1:
        covered = [i for i in kept if texts[i] and texts[i] <= set().union(*(texts[j] for j in kept if j != i))]
        if not covered:
            break
        worst = min(covered, key=lambda i: (len(pages[i].columns) + len(pages[i].ends), -i))
        kept.remove(worst)
    return [pages[i] for i in kept], [pages[i].sheet for i in range(len(pages)) if i not in kept]


def read_table2_pages(grid: WorkbookGrid, pages: list[TableLayout], notes: list | None = None) -> Table2:
    """The needs of every page in order, numbered across pages (a need carried over to the next page's
    first rows without its text written again stays one need). ``notes`` gets the reading notes
    (ReadingNote) of what was read with a doubt."""
    needs: list[Need] = []
    carry: tuple = (None, None, None)
    joined: list[Located] = []
    for lay in pages:
        carry = _read_page(grid, lay, needs, carry, joined)
    _written_numbers(needs)
    if joined and notes is not None:
        from xl_careplan.models import ReadingNote

        cells = "・".join(lv.loc.cell for lv in joined[:3] if lv.loc) + ("ほか" if len(joined) > 3 else "")
        notes.append(ReadingNote(
            part=F.SHEET_T2, message=f"ニーズの欄で目標のない行の記載を、上のニーズの続きとして読みました（{cells}）",
            looked=f"シート「{joined[0].loc.sheet}」のニーズの列", layout="[table2]", loc=joined[0].loc))
    return Table2(sheet=pages[0].sheet if pages else None, needs=needs)


def _heading_need(sh: SheetGrid, row: int, cols: dict[str, int], last: int) -> _Cell | None:
    """A need written as a heading across the table (「課題①　膝の痛みで…」 merged over the row), with its goals
    and services in the rows below and nothing in their own need cells: the heading's cell, else None."""
    nc = cols.get("need")
    rng = sh.merged_range(row, nc) if nc is not None else None
    if rng is None or rng[0] != row or rng[2] != row or rng[1] > nc:
        return None
    text = cell_text(sh.cells.get((rng[0], rng[1])))
    if not text or text.startswith(("※", "注")):
        return None
    lo, hi = min(cols.values()), max(cols.values())
    for r in range(row + 1, last + 1):
        if not any(lo <= c <= hi for c, _ in row_cells(sh, r)):
            continue
        goals = [_cell(sh, r, cols.get(k)) for k in ("long_goal", "short_goal")]
        if _nonblank(_cell(sh, r, nc)) or not any(_nonblank(g) for g in goals):
            return None
        return _Cell(rng[0], rng[1], sh.cells.get((rng[0], rng[1])), True, False)
    return None


def _read_page(grid: WorkbookGrid, lay: TableLayout, needs: list[Need], carry: tuple, joined: list[Located]) -> tuple:
    """Append the page's needs to ``needs``; ``carry`` is the (need, long goal, short goal) the previous
    page ended in, which rows at the top of this page without their own need / goal continue.
    ``joined`` gets the need texts continued from the cell above."""
    from xl_careplan import parsing as P

    sh = grid.sheet(lay.sheet)
    if sh is None:
        return carry
    cols = lay.columns
    name = sh.name
    LStr = Located[str]

    above: dict[str, Any] = {}  # the last value written in each column, for 「同上」
    shared = {k for a, b in (("long_goal", "short_goal"), ("long_period", "short_period"))
              if cols.get(a) is not None and cols.get(a) == cols.get(b) for k in (a, b)}

    def loc_value(key: str, c: _Cell | None, typ: type, parse: Callable[[Any], Any] | None) -> Located:
        if c is None:
            return typ()
        if key in shared:
            return located(typ, name, c.row, c.col, goal_part(c.value, "長期" if key[0] == "l" else "短期"), parse)
        end_col = lay.ends.get(key)
        if end_col is not None:  # start and end in two columns: one period at the start cell
            end = _cell(sh, c.row, end_col)
            end_v = end.value if end is not None else None
            if cell_text(c.value) or cell_text(end_v):
                combined = f"{cell_text(c.value)}～{cell_text(end_v)}"
                if not (looks_like_date(c.value) or looks_like_date(end_v)):  # words, not dates: no reading problem
                    return make_located(typ, None, combined, loc_of(name, c.row, c.col))
                return safe_parse(typ, loc_of(name, c.row, c.col), combined, P.parse_period,
                                  c.value if cell_text(c.value) else None, end_v)
        if _is_ditto(c.value) and key in above:
            lv = located(typ, name, c.row, c.col, above[key], parse)  # the value above, at this cell
            lv.raw = cell_text(c.value)
            return lv
        if cell_text(c.value):
            above[key] = c.value
        return located(typ, name, c.row, c.col, c.value, parse)

    lo_col, hi_col = min(cols.values()), max(cols.values())
    span = (lo_col, max(hi_col, *lay.ends.values()) if lay.ends else hi_col)
    last = lay.last_row or _table_end(sh, lay.first_row, max_row(sh), span)
    need: Need | None = carry[0]
    need_row = -1  # the last row the current need's text was written on
    lgoal: LongGoal | None = carry[1]
    sgoal: ShortGoal | None = carry[2]

    def new_need(row: int) -> Need:
        c = _cell(sh, row, cols.get("need"))
        n = Need(number=len(needs) + 1, text=loc_value("need", c, LStr, None))
        needs.append(n)
        return n

    def new_long(row: int) -> LongGoal:
        g = LongGoal(
            text=loc_value("long_goal", _cell(sh, row, cols.get("long_goal")), LStr, None),
            period=loc_value("long_period", _cell(sh, row, cols.get("long_period")), fields_of(LongGoal)["period"].annotation, period_or_text),
        )
        assert need is not None
        need.long_goals.append(g)
        return g

    def new_short(row: int) -> ShortGoal:
        g = ShortGoal(
            text=loc_value("short_goal", _cell(sh, row, cols.get("short_goal")), LStr, None),
            period=loc_value("short_period", _cell(sh, row, cols.get("short_period")), fields_of(ShortGoal)["period"].annotation, period_or_text),
        )
        assert lgoal is not None
        lgoal.short_goals.append(g)
        return g

    S = fields_of(ServiceRow)
    second_rows: set[int] = set()
    for row in range(lay.first_row, last + 1):
        if row in second_rows:
            continue  # a service's second line (its ※2 and 期間)
        # nothing starts on a row without a cell in the table's columns (merged continuations included)
        if not any(lo_col <= c <= hi_col for c, _ in row_cells(sh, row)):
            continue
        if _is_header_row(sh, row) or _is_page_head(sh, row, span):
            continue
        if _is_note_row(sh, row, cols):
            heading = _heading_need(sh, row, cols, last)
            if heading is not None:
                need = Need(number=len(needs) + 1, text=loc_value("need", heading, LStr, None))
                needs.append(need)
                lgoal = sgoal = None
                need_row = row
            continue
        nc = _cell(sh, row, cols.get("need"))
        lc, lpc = _cell(sh, row, cols.get("long_goal")), _cell(sh, row, cols.get("long_period"))
        sc, spc = _cell(sh, row, cols.get("short_goal")), _cell(sh, row, cols.get("short_period"))
        svc = {k: _cell(sh, row, cols.get(k)) for k in SERVICE_KEYS}
        for k, c in lay.second.items():
            svc[k] = _cell(sh, row + 1, c)
        starts_need = _nonblank(nc) and nc.starts  # type: ignore[union-attr]
        starts_long = any(_nonblank(x) and x.starts for x in (lc, lpc))  # type: ignore[union-attr]
        starts_short = any(_nonblank(x) and x.starts for x in (sc, spc))  # type: ignore[union-attr]
        starts_service = any(_nonblank(x) and x.starts for x in svc.values())  # type: ignore[union-attr]
        if not (starts_need or starts_long or starts_short or starts_service):
            continue
        # the same text written again on every row (instead of merging) continues the same need / goal
        if starts_need and need is not None and _same(nc, need.text):
            starts_need = False
        if (starts_need and need is not None and row == need_row + 1 and need.long_goals
                and not any(_nonblank(x) for x in (lc, lpc, sc, spc))):
            # no goal of its own, right under the need's text: the need's text continued in the cell below
            more = cell_text(nc.value)  # type: ignore[union-attr]
            need.text = make_located(LStr, f"{need.text.value or ''}{more}", f"{need.text.raw or ''}{more}", need.text.loc)
            joined.append(loc_value("need", nc, LStr, None))
            starts_need = False
        if _nonblank(nc) and nc.starts:  # type: ignore[union-attr]
            need_row = row
        if starts_long and not starts_need and lgoal is not None and _same(lc, lgoal.text) and _same(lpc, lgoal.period):
            starts_long = False
        if starts_short and not starts_need and not starts_long and sgoal is not None and _same(sc, sgoal.text) and _same(spc, sgoal.period):
            starts_short = False
        if starts_need or need is None:
            need = new_need(row)
            lgoal = sgoal = None
        if starts_long or lgoal is None:
            lgoal = new_long(row)
            sgoal = None
        if starts_short or sgoal is None:
            sgoal = new_short(row)
        if starts_service:
            if lay.second:
                second_rows.add(row + 1)

            def sv(key: str, parse=None) -> Located:
                # a value merged down from a row above belongs to this row too (same loc: its top-left)
                return loc_value(key, svc[key], S[_FIELD[key]].annotation, parse)

            sgoal.services.append(construct(
                ServiceRow,
                content=sv("content"),
                insured=sv("insured", P.parse_mark),
                service_type=sv("service_type"),
                provider=sv("provider"),
                frequency=sv("frequency", P.parse_frequency),
                period=sv("service_period", period_or_text),
            ))
    return need, lgoal, sgoal


_NUM_PREFIX = re.compile(r"^(?:ニーズ|課題)\s*(?=[\u2460-\u2473])")
_HASH_RE = re.compile(r"^[#＃]\s*([0-9０-９]{1,2})(?![0-9０-９])")  # 「#1 膝の痛み…」「#2\n…」
_NUM_RE = re.compile(r"^\s*(?:ニーズ|課題)?\s*[(（]?\s*([0-9０-９]{1,2})\s*[)）.．、:：]")


def _leading_number(text: str | None) -> int | None:
    if not text:
        return None
    t = _NUM_PREFIX.sub("", text.lstrip())
    if t and "\u2460" <= t[0] <= "\u2473":  # ①..⑳, also after 「課題」「ニーズ」
        return ord(t[0]) - 0x2460 + 1
    m = _HASH_RE.match(t) or _NUM_RE.match(t)
    return int(unicodedata.normalize("NFKC", m.group(1))) if m else None


def _written_numbers(needs: list[Need]) -> None:
    """Use the care manager's own numbering (①②…, 1. 2. …) when every need has one and none repeats,
    so アセスメント 関連ニーズ番号 refer to the same needs; otherwise the order in the table."""
    nums = [_leading_number(n.text.raw) for n in needs]
    if needs and None not in nums and len(set(nums)) == len(nums):
        for n, k in zip(needs, nums):
            n.number = k


_FIELD = {
    "content": "content",
    "insured": "insured",
    "service_type": "service_type",
    "provider": "provider",
    "frequency": "frequency",
    "service_period": "period",
}
