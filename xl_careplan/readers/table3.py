"""第3表 週間サービス計画表: weekday columns × time rows → WeeklyEntry per filled day cell."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from xl_careplan import fields as F
from xl_careplan.grid import SheetGrid, WorkbookGrid, a1
from xl_careplan.located import Loc, Located
from xl_careplan.models import WEEKDAYS, Table3, WeeklyEntry
from xl_careplan.readers.common import (
    LabelIndex,
    cell_text,
    construct,
    located,
    make_loc,
    norm_label,
    row_cells,
    sheet_candidates,
    value_cell_for_label,
)

_DAY_NAMES = {norm_label(x): d for d in WEEKDAYS for x in (d, f"{d}曜", f"{d}曜日", f"({d})")}
ACTIVITY_LABELS = frozenset(norm_label(x) for x in ("主な日常生活上の活動", "主な日常生活上の活動等", "日常生活上の活動", "主な日常生活の活動"))
NON_WEEKLY_LABELS = ("週単位以外のサービス", "週単位以外のサービス等", "週単位以外")


@dataclass
class Table3Layout:
    sheet: str
    header_row: int
    day_cols: dict[str, int]  # 月..日 -> column
    time_col: int | None
    activity_col: int | None
    first_row: int
    last_row: int
    non_weekly: tuple[int, int] | None = None  # value cell
    how: str = "labels"
    extra: dict = field(default_factory=dict)


def is_weekday_header(cells: list[tuple[int, object]]) -> bool:
    """A row's (col, value) cells name at least five of 月〜日: a weekly plan's header."""
    return len({_DAY_NAMES.get(norm_label(v)) for _, v in cells if isinstance(v, str) and len(v) <= 6} - {None}) >= 5


def _header_rows(sh: SheetGrid) -> list[tuple[int, dict[str, int]]]:
    rows: dict[int, dict[str, int]] = {}
    for (r, c), v in sh.cells.items():
        if isinstance(v, str) and len(v) <= 6:
            d = _DAY_NAMES.get(norm_label(v))
            if d is not None:
                rows.setdefault(r, {}).setdefault(d, c)
    return sorted(((r, days) for r, days in rows.items() if len(days) >= 5), key=lambda x: x[0])


@lru_cache(maxsize=4096, typed=True)
def _time_of(v) -> str | None:
    """'HH:MM' of a time-row label, None for anything else (深夜, blanks, text)."""
    from xl_careplan.parsing import parse_time_label

    try:
        return parse_time_label(v)
    except Exception:  # ParseError, or a parser bug: not a time label
        return None


def detect_table3(sh: SheetGrid) -> Table3Layout | None:
    hdrs = _header_rows(sh)
    if not hdrs:
        return None
    h, days = hdrs[0]
    first_day = min(days.values())
    last_day = max(days.values())
    # header bottom (labels merged down over two rows)
    bottom = h
    for c in days.values():
        rng = sh.merged_range(h, c)
        if rng:
            bottom = max(bottom, rng[2])
    # time column: the column left of 月 holding the most time labels below the header (one pass)
    times_by_col: dict[int, dict[int, str]] = {}
    for (r, c), v in sh.cells.items():
        if c < first_day and r > bottom and v is not None:
            t = _time_of(v)
            if t is not None:
                times_by_col.setdefault(c, {})[r] = t
    best, best_n = None, 0
    for c in sorted(times_by_col, reverse=True):  # nearest to 月 wins a tie
        if len(times_by_col[c]) > best_n:
            best, best_n = c, len(times_by_col[c])
    activity = None
    for r in (h, bottom):
        for c, v in row_cells(sh, r):
            if c > last_day and isinstance(v, str) and norm_label(v) in ACTIVITY_LABELS:
                activity = c if activity is None else min(activity, c)
    # rows: from below the header to the last time-labelled row (and the ranges merged down from it)
    if best is not None and best_n:
        time_rows = times_by_col[best]
        last = max(time_rows)
        rng = sh.merged_range(last, best)
        if rng:
            last = max(last, rng[2])
        # a last 2-hour slot usually spans down to the next label row's distance
        gaps = sorted(set(b - a for a, b in zip(sorted(time_rows), sorted(time_rows)[1:])))
        if gaps and gaps[0] > 1:
            last += gaps[0] - 1
    else:
        last = bottom
        for (r, c), v in sh.cells.items():
            if first_day <= c <= last_day and r > last:
                last = r
    nw_row = None
    nw_labels = {norm_label(x) for x in NON_WEEKLY_LABELS}
    for (r, c), v in sh.cells.items():
        if r > bottom and isinstance(v, str) and norm_label(v) in nw_labels:
            if nw_row is None or (r, c) < nw_row:
                nw_row = (r, c)
    non_weekly = None
    if nw_row:
        last = min(last, nw_row[0] - 1)
        (vr, vc), _ = value_cell_for_label(sh, *nw_row)
        non_weekly = (vr, vc)
    return Table3Layout(sheet=sh.name, header_row=h, day_cols=days, time_col=best, activity_col=activity,
                        first_row=bottom + 1, last_row=last, non_weekly=non_weekly)


def find_table3(grid: WorkbookGrid, idx: LabelIndex) -> Table3Layout | None:
    order: list[str] = []
    anchor = grid.names.get("cp_t3_table")
    if anchor and grid.sheet(anchor[0]) is not None:
        order.append(anchor[0])
    for s in sheet_candidates(grid, F.SHEET_T3):
        if s not in order:
            order.append(s)
    for key in ACTIVITY_LABELS:  # sheets with the 主な日常生活上の活動 column, whatever their name
        for s, _, _ in idx.by_text.get(key, ()):
            if s not in order:
                order.append(s)
    order += [sh.name for sh in grid.sheets if sh.name not in order]  # any sheet with a 月〜日 header row
    for name in order:
        sh = grid.sheet(name)
        lay = detect_table3(sh) if sh is not None else None
        if lay is not None:
            if anchor and name == anchor[0]:
                lay.how = "template"
                nw = grid.names.get("cp_t3_non_weekly")
                if nw and nw[0] == name:
                    lay.non_weekly = (nw[1], nw[2])
            return lay
    # a transposed grid (the weekdays down a column, the time bands across): read as the grid turned over
    from xl_careplan.readers.tables import transposed

    for name in order:
        sh = grid.sheet(name)
        if sh is not None and _has_day_column(sh):
            lay = detect_table3(transposed(sh))
            if lay is not None and lay.time_col is not None:
                lay.extra["transposed"] = True
                return lay
    return None


def _has_day_column(sh: SheetGrid) -> bool:
    cols: dict[int, set[str]] = {}
    for (r, c), v in sh.cells.items():
        if isinstance(v, str) and len(v) <= 6:
            d = _DAY_NAMES.get(norm_label(v))
            if d is not None:
                cols.setdefault(c, set()).add(d)
    return any(len(days) >= 5 for days in cols.values())


def _back(lv):
    """A location of the turned-over grid named in the sheet's own rows and columns."""
    from xl_careplan.grid import parse_a1
    from xl_careplan.record import replace

    if lv.loc is None:
        return lv
    r, c = parse_a1(lv.loc.cell)
    return replace(lv, loc=replace(lv.loc, cell=a1(c, r)))


_MARK = re.compile(r"[●○◯〇◎■☑✓✔レ]")


def _row_name(sh: SheetGrid, row: int, first_day: int, time_col: int | None) -> str:
    """The service a row of a service × weekday grid is for: its first written cell left of 月 (not a time)."""
    for c, v in row_cells(sh, row):
        if c >= first_day:
            break
        t = cell_text(v)
        if c != time_col and t and _time_of(v) is None:
            return t
    return ""


def read_table3(grid: WorkbookGrid, lay: Table3Layout) -> Table3:
    sh = grid.sheet(lay.sheet)
    if sh is None:
        return Table3()
    if lay.extra.get("transposed"):
        from xl_careplan.readers.tables import transposed
        from xl_careplan.record import replace

        import dataclasses

        t3 = read_table3(WorkbookGrid(sheets=[transposed(sh)], names={}), dataclasses.replace(lay, extra={}))
        return replace(t3, entries=[_back(e) for e in t3.entries], daily_activities=_back(t3.daily_activities),
                       non_weekly=_back(t3.non_weekly))
    name = sh.name
    # time label of each row: its own, else the nearest one above
    row_time: dict[int, str] = {}
    current = ""
    for r in range(lay.first_row, lay.last_row + 1):
        if lay.time_col is not None:
            v = sh.value(r, lay.time_col)
            t = _time_of(v)
            if t is not None:
                current = t
            elif cell_text(v) and not current:
                current = cell_text(v)
        row_time[r] = current
    entries: list[WeeklyEntry] = []
    first_day = min(lay.day_cols.values())
    for day in WEEKDAYS:
        c = lay.day_cols.get(day)
        if c is None:
            continue
        for r in range(lay.first_row, lay.last_row + 1):
            rng = sh.merged_range(r, c)
            if rng and rng[0] != r:
                continue  # merged down from a row above: counted once, at its first row
            tl = (rng[0], rng[1]) if rng else (r, c)
            if tl[1] < first_day:
                continue  # a row-wide cell started left of 月 (「その他」「1日の過ごし方」 written across)
            text = cell_text(sh.cells.get(tl))
            if not text:
                continue
            time = row_time.get(r, "")
            if _MARK.fullmatch(text) or _time_of(text) is not None:
                # a service × weekday grid: the day cell holds ● or the time, the service is the row's name
                time = _time_of(text) or time
                text = _row_name(sh, r, first_day, lay.time_col)
                if not text:
                    continue
            entries.append(construct(WeeklyEntry, weekday=day, time=time, text=text, loc=make_loc(name, a1(*tl))))
    LStr = Located[str]
    activities = LStr()
    if lay.activity_col is not None:
        texts, first = [], None
        seen: set[tuple[int, int]] = set()
        for r in range(lay.first_row, lay.last_row + 1):
            tl = sh.top_left(r, lay.activity_col)
            if tl in seen:
                continue
            seen.add(tl)
            t = cell_text(sh.cells.get(tl))
            if t:
                texts.append(t)
                first = first or tl
        loc_cell = first or (lay.first_row, lay.activity_col)
        joined = " / ".join(texts)
        activities = LStr(value=joined or None, raw=joined or None, loc=Loc(sheet=name, cell=a1(*loc_cell)))
    non_weekly = LStr()
    if lay.non_weekly is not None:
        r, c = sh.top_left(*lay.non_weekly)
        non_weekly = located(LStr, name, r, c, sh.cells.get((r, c)), None)
    return Table3(sheet=name, entries=entries, daily_activities=activities, non_weekly=non_weekly)


# --------------------------------------------------------------------------- a weekly plan kept as a list

_LIST_HEADS = {
    "weekday": re.compile(r"^曜日$|^曜$"),
    "time": re.compile(r"開始|時刻|^時間$|時間帯"),
    "service": re.compile(r"サービス|内容|種類|種別"),
}


@dataclass
class ListLayout:
    sheet: str
    header_row: int
    columns: dict[str, int]


def detect_list(sh: SheetGrid) -> ListLayout | None:
    """A weekly plan written as a list of visits (曜日 | 開始時刻 | 終了時刻 | サービス種類 | 事業所) instead of
    a grid: the row with a 曜日 header and a service header."""
    for r in sorted({r for r, _ in sh.cells}):
        cols: dict[str, int] = {}
        for c, v in row_cells(sh, r):
            if not isinstance(v, str) or len(v) > 14:
                continue
            n = norm_label(v)
            for key, rx in _LIST_HEADS.items():
                if key not in cols and rx.search(n):
                    cols[key] = c
                    break
        if "weekday" in cols and "service" in cols:
            return ListLayout(sheet=sh.name, header_row=r, columns=cols)
    return None


def find_table3_list(grid: WorkbookGrid, exclude: frozenset[str] = frozenset()) -> ListLayout | None:
    names = sheet_candidates(grid, F.SHEET_T3) + [s.name for s in grid.sheets]
    for name in dict.fromkeys(names):
        if name in exclude:
            continue
        lay = detect_list(grid.sheet(name))
        if lay is not None:
            return lay
    return None


def read_table3_list(grid: WorkbookGrid, lay: ListLayout) -> Table3:
    from xl_careplan.models import WEEKDAYS as DAYS

    sh = grid.sheet(lay.sheet)
    name = sh.name
    cols = lay.columns
    entries: list[WeeklyEntry] = []
    nw_labels = {norm_label(x) for x in NON_WEEKLY_LABELS}
    non_weekly = Located[str]()
    for r in range(lay.header_row + 1, max(rr for rr, _ in sh.cells) + 1):
        first = cell_text(sh.value(r, min(cols.values())))
        if norm_label(first) in nw_labels:
            (vr, vc), _ = value_cell_for_label(sh, r, min(cols.values()))
            non_weekly = located(Located[str], name, vr, vc, sh.cells.get((vr, vc)), None)
            break
        days = [d for d in DAYS if d in cell_text(sh.value(r, cols["weekday"]))]
        text = cell_text(sh.value(r, cols["service"]))
        if not days or not text:
            continue
        t = _time_of(sh.value(r, cols["time"])) if "time" in cols else None
        tl = sh.top_left(r, cols["service"])
        for d in days:
            entries.append(construct(WeeklyEntry, weekday=d, time=t or "", text=text, loc=make_loc(name, a1(*tl))))
    return Table3(sheet=name, entries=entries, non_weekly=non_weekly)
