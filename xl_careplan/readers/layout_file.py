"""TOML layout files for forms the label search cannot read (see docs/layout-file.md)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from xl_careplan import fields as F
from xl_careplan.errors import ProfileError
from xl_careplan.readers.common import col_index, parse_ref
from xl_careplan.readers.single import FieldPos
from xl_careplan.readers.table2 import TableLayout
from xl_careplan.readers.table3 import Table3Layout
from xl_careplan.readers.tables import SimpleTable

T3_KEYS = {"sheet", "header_row", "first_row", "last_row", "time_col", "day_cols", "activity_col", "non_weekly"}
TABLE_KEYS = {"sheet", "header_row", "first_row", "last_row", "columns"}
SECTIONS = {"table1", "table2", "table3", "table4", "assessment", "monitoring", "acknowledgements"}


@dataclass
class LayoutFile:
    path: str
    table1: dict[str, FieldPos] = field(default_factory=dict)
    table4: dict[str, FieldPos] = field(default_factory=dict)
    assessed_on: FieldPos | None = None
    table2: dict[str, Any] | None = None
    table3: dict[str, Any] | None = None
    assessment: dict[str, Any] | None = None
    monitoring: dict[str, Any] | None = None
    acknowledgements: dict[str, Any] | None = None

    def err(self, message: str) -> ProfileError:
        return ProfileError(f"レイアウトファイルの誤り: {message}", file=self.path)


def _ref(lf: LayoutFile, where: str, value: Any) -> tuple[str, int, int]:
    if not isinstance(value, str):
        raise lf.err(f"{where} はセル参照（例: \"第1表!C5\"）で書いてください")
    try:
        return parse_ref(value)
    except (ValueError, TypeError):
        raise lf.err(f"{where} のセル参照「{value}」が読めません（例: \"第1表!C5\"）") from None


def _field_positions(lf: LayoutFile, section: str, data: dict, valid: dict[str, F.FieldSpec]) -> dict[str, FieldPos]:
    out: dict[str, FieldPos] = {}
    for key, value in data.items():
        if key not in valid:
            raise lf.err(f"[{section}] に「{key}」という項目はありません（使える項目: {', '.join(valid)}）")
        where = f"[{section}] {key}"
        if isinstance(value, list):
            if len(value) != 2 or valid[key].kind != "period":
                raise lf.err(f"{where}: 2つのセル（開始・終了）を指定できるのは期間の項目だけです")
            out[key] = FieldPos(_ref(lf, where, value[0]), _ref(lf, where, value[1]), how="layout-file")
        else:
            out[key] = FieldPos(_ref(lf, where, value), how="layout-file")
    return out


def _int(lf: LayoutFile, where: str, v: Any) -> int:
    if not isinstance(v, int) or isinstance(v, bool) or v < 1:
        raise lf.err(f"{where} は1以上の行番号で書いてください")
    return v


def _col(lf: LayoutFile, where: str, v: Any) -> int:
    if isinstance(v, int) and not isinstance(v, bool) and v >= 1:
        return v
    try:
        return col_index(str(v))
    except Exception:
        raise lf.err(f"{where} の列「{v}」が読めません（例: \"B\"）") from None


def _table(lf: LayoutFile, section: str, data: dict, columns: dict[str, tuple[str, tuple[str, ...]]]) -> dict[str, Any]:
    unknown = set(data) - TABLE_KEYS
    if unknown:
        raise lf.err(f"[{section}] に「{'・'.join(sorted(unknown))}」という設定はありません（使える設定: {', '.join(sorted(TABLE_KEYS))}）")
    if "sheet" not in data or not isinstance(data["sheet"], str):
        raise lf.err(f"[{section}] sheet（シート名）を書いてください")
    out: dict[str, Any] = {"sheet": data["sheet"]}
    for k in ("header_row", "first_row", "last_row"):
        if k in data:
            out[k] = _int(lf, f"[{section}] {k}", data[k])
    if "header_row" not in out and "first_row" not in out:
        raise lf.err(f"[{section}] header_row（見出しの行）か first_row（最初のデータ行）を書いてください")
    cols = data.get("columns")
    if cols is not None:
        if not isinstance(cols, dict):
            raise lf.err(f"[{section}] columns は {{ 項目 = \"列\" }} の形で書いてください")
        bad = set(cols) - set(columns)
        if bad:
            raise lf.err(f"[{section}] columns に「{'・'.join(sorted(bad))}」という列はありません（使える列: {', '.join(columns)}）")
        out["columns"] = {k: _col(lf, f"[{section}] columns.{k}", v) for k, v in cols.items()}
    elif "header_row" not in out:
        raise lf.err(f"[{section}] columns がないときは header_row（見出しの行）を書いてください")
    return out


def load_layout(path: str | Path) -> LayoutFile:
    p = Path(path)
    lf = LayoutFile(path=str(path))
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise ProfileError("レイアウトファイルが見つかりません", file=str(path)) from None
    except (OSError, UnicodeDecodeError) as e:
        raise ProfileError(f"レイアウトファイルを読めません（{type(e).__name__}）", file=str(path)) from None
    except tomllib.TOMLDecodeError as e:
        raise ProfileError(f"レイアウトファイルの書式（TOML）が正しくありません: {e}", file=str(path)) from None
    unknown = set(data) - SECTIONS
    if unknown:
        raise lf.err(f"「{'・'.join(sorted(unknown))}」という区分はありません（使える区分: {', '.join(sorted(SECTIONS))}）")
    for sec in data:
        if not isinstance(data[sec], dict):
            raise lf.err(f"[{sec}] は表（[{sec}] の下に 項目 = 値）で書いてください")
    if "table1" in data:
        lf.table1 = _field_positions(lf, "table1", data["table1"], {s.key: s for s in F.TABLE1_FIELDS})
    if "table4" in data:
        lf.table4 = _field_positions(lf, "table4", data["table4"], {s.key: s for s in F.TABLE4_FIELDS})
    if "table2" in data:
        lf.table2 = _table(lf, "table2", data["table2"], F.T2_COLUMNS)
    if "assessment" in data:
        sec = dict(data["assessment"])
        ao = sec.pop("assessed_on", None)
        if ao is not None:
            lf.assessed_on = FieldPos(_ref(lf, "[assessment] assessed_on", ao), how="layout-file")
        if sec:
            lf.assessment = _table(lf, "assessment", sec, F.ASSESSMENT_COLUMNS)
    if "monitoring" in data:
        lf.monitoring = _table(lf, "monitoring", data["monitoring"], F.MONITORING_COLUMNS)
    if "acknowledgements" in data:
        lf.acknowledgements = _table(lf, "acknowledgements", data["acknowledgements"], F.ACK_COLUMNS)
    if "table3" in data:
        t = data["table3"]
        unknown = set(t) - T3_KEYS
        if unknown:
            raise lf.err(f"[table3] に「{'・'.join(sorted(unknown))}」という設定はありません（使える設定: {', '.join(sorted(T3_KEYS))}）")
        if not isinstance(t.get("sheet"), str):
            raise lf.err("[table3] sheet（シート名）を書いてください")
        out: dict[str, Any] = {"sheet": t["sheet"]}
        for k in ("header_row", "first_row", "last_row"):
            if k in t:
                out[k] = _int(lf, f"[table3] {k}", t[k])
        for k in ("time_col", "activity_col"):
            if k in t:
                out[k] = _col(lf, f"[table3] {k}", t[k])
        if "day_cols" in t:
            dc = t["day_cols"]
            if not isinstance(dc, list) or len(dc) != 7:
                raise lf.err("[table3] day_cols は月〜日の7列を [\"D\", \"E\", …] の形で書いてください")
            out["day_cols"] = [_col(lf, "[table3] day_cols", v) for v in dc]
        if "non_weekly" in t:
            out["non_weekly"] = _ref(lf, "[table3] non_weekly", t["non_weekly"])
        lf.table3 = out
    return lf


# --------------------------------------------------------------------------- applying it


def _check_sheet(lf: LayoutFile, grid, sheet: str, section: str):
    sh = grid.sheet(sheet)
    if sh is None:
        raise lf.err(f"[{section}] のシート「{sheet}」がブックにありません（ブックのシート: {'・'.join(grid.sheet_names)}）")
    return sh


def table2_layout(lf: LayoutFile, grid) -> TableLayout | None:
    from xl_careplan.readers.table2 import layout_from_header_row

    t = lf.table2
    if t is None:
        return None
    sh = _check_sheet(lf, grid, t["sheet"], "table2")
    if "columns" in t:
        first = t.get("first_row") or t["header_row"] + 1
        lay = TableLayout(sheet=sh.name, header_row=t.get("header_row", first - 1), first_row=first, columns=t["columns"], last_row=t.get("last_row"))
    else:
        lay = layout_from_header_row(sh, t["header_row"])
        if lay is None:
            raise lf.err(f"[table2] {t['header_row']}行目に「長期目標」「短期目標」の見出しがありません")
        if "first_row" in t:
            lay.first_row = t["first_row"]
        lay.last_row = t.get("last_row")
    lay.how = "layout-file"
    return lay


def simple_layout(lf: LayoutFile, grid, section: str, spec) -> SimpleTable | None:
    from xl_careplan.readers.tables import detect_simple

    t = getattr(lf, section)
    if t is None:
        return None
    sh = _check_sheet(lf, grid, t["sheet"], section)
    if "columns" in t:
        first = t.get("first_row") or t["header_row"] + 1
        st = SimpleTable(sheet=sh.name, header_row=t.get("header_row", first - 1), first_row=first, columns=t["columns"], last_row=t.get("last_row"))
    else:
        st = detect_simple(sh, spec, 1, near_row=t["header_row"])
        if st is None or st.header_row != t["header_row"]:
            raise lf.err(f"[{section}] {t['header_row']}行目に見出しが見つかりません（columns で列を指定してください）")
        if "first_row" in t:
            st.first_row = t["first_row"]
        st.last_row = t.get("last_row")
    st.how = "layout-file"
    return st


def table3_layout(lf: LayoutFile, grid) -> Table3Layout | None:
    from xl_careplan.models import WEEKDAYS
    from xl_careplan.readers.table3 import detect_table3

    t = lf.table3
    if t is None:
        return None
    sh = _check_sheet(lf, grid, t["sheet"], "table3")
    detected = detect_table3(sh)
    if "day_cols" in t:
        days = dict(zip(WEEKDAYS, t["day_cols"]))
    elif detected is not None:
        days = detected.day_cols
    else:
        raise lf.err("[table3] 曜日の見出しが見つかりません（day_cols で月〜日の列を指定してください）")
    header = t.get("header_row") or (detected.header_row if detected else None)
    first = t.get("first_row") or (header + 1 if header else None) or (detected.first_row if detected else None)
    if first is None:
        raise lf.err("[table3] header_row か first_row を書いてください")
    last = t.get("last_row") or (detected.last_row if detected else sh.max_row)
    nw = t.get("non_weekly")
    if nw is not None:
        _check_sheet(lf, grid, nw[0], "table3")
    lay = Table3Layout(
        sheet=sh.name,
        header_row=header or first - 1,
        day_cols=days,
        time_col=t.get("time_col", detected.time_col if detected else None),
        activity_col=t.get("activity_col", detected.activity_col if detected else None),
        first_row=first,
        last_row=last,
        non_weekly=(nw[1], nw[2]) if nw else (detected.non_weekly if detected else None),
        how="layout-file",
    )
    return lay


def check_field_sheets(lf: LayoutFile, grid) -> None:
    for section, positions in (("table1", lf.table1), ("table4", lf.table4)):
        for key, fp in positions.items():
            for pos in (fp.pos, fp.end):
                if pos is not None and grid.sheet(pos[0]) is None:
                    raise lf.err(f"[{section}] {key} のシート「{pos[0]}」がブックにありません（ブックのシート: {'・'.join(grid.sheet_names)}）")
    if lf.assessed_on is not None and grid.sheet(lf.assessed_on.pos[0]) is None:
        raise lf.err(f"[assessment] assessed_on のシート「{lf.assessed_on.pos[0]}」がブックにありません")

