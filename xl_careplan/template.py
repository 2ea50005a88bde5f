"""Our blank 居宅サービス計画書 workbook, laid out exactly as ``xl_careplan.fields`` says.

``build_template()`` returns an openpyxl Workbook (the template script, the sample generator and
the tests all start from it); ``save_deterministic()`` writes it so that the same input gives the
same bytes (fixed document timestamps and zip entry times).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from xl_careplan import fields as F
from xl_careplan.grid import parse_a1
from xl_careplan.jpdate import EXCEL_DATE_FORMAT

FIXED_TIME = dt.datetime(2026, 4, 1, 0, 0, 0)
DATE_FORMAT = EXCEL_DATE_FORMAT
FONT_NAME = "游ゴシック"

_thin = Side(style="thin", color="000000")
BORDER = Border(left=_thin, right=_thin, top=_thin, bottom=_thin)
LABEL_FILL = PatternFill("solid", fgColor="F2F2F2")
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
FONT = Font(name=FONT_NAME, size=10)
LABEL_FONT = Font(name=FONT_NAME, size=9)
TITLE_FONT = Font(name=FONT_NAME, size=14, bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")
WRAP_CENTER = Alignment(wrap_text=True, vertical="center", horizontal="center")
LABEL_ALIGN = Alignment(wrap_text=True, vertical="center")

TITLES = {
    F.SHEET_T1: "第1表　居宅サービス計画書（1）",
    F.SHEET_T2: "第2表　居宅サービス計画書（2）",
    F.SHEET_T3: "第3表　週間サービス計画表",
    F.SHEET_T4: "第4表　サービス担当者会議の要点",
    F.SHEET_ASSESSMENT: "アセスメント（課題分析標準項目）",
    F.SHEET_MONITORING: "モニタリング記録",
    F.SHEET_ACK: "方針と異なる理由（点検ルールと異なる計画とした理由）",
}

# 第3表 time-of-day groups in column B: (label, first time index, last time index) over F.T3_TIMES
T3_PERIODS = [("深夜", 0, 2), ("早朝", 3, 3), ("午前", 4, 5), ("午後", 6, 8), ("夜間", 9, 10), ("深夜", 11, 11)]
T3_FIRST_ROW = F.T3_HEADER_ROW + 1
T3_LAST_ROW = T3_FIRST_ROW + len(F.T3_TIMES) - 1
ASSESSMENT_FIRST_ROW = F.ASSESSMENT_HEADER_ROW + 1
ACK_FIRST_ROW = F.ACK_HEADER_ROW + 1
ACK_LAST_ROW = ACK_FIRST_ROW + 29


def _abs_ref(sheet: str, cell: str) -> str:
    row, col = parse_a1(cell)
    from openpyxl.utils import get_column_letter

    return f"'{sheet}'!${get_column_letter(col)}${row}"


def _box(ws: Worksheet, rng: str, *, fill=None, font=None, align=None) -> None:
    """Border every cell of ``rng`` (merged or not) and style it."""
    if ":" not in rng:
        rng = f"{rng}:{rng}"
    for row in ws[rng]:
        for c in row:
            c.border = BORDER
            if fill is not None:
                c.fill = fill
            if font is not None:
                c.font = font
            if align is not None:
                c.alignment = align


def _label(ws: Worksheet, cell: str, text: str, merge_to: str | None = None, fill=LABEL_FILL) -> None:
    ws[cell] = text
    rng = f"{cell}:{merge_to}" if merge_to else cell
    if merge_to:
        ws.merge_cells(rng)
    _box(ws, rng, fill=fill, font=LABEL_FONT, align=LABEL_ALIGN)


def _value(ws: Worksheet, cell: str, merge_to: str | None = None, *, date: bool = False) -> None:
    rng = f"{cell}:{merge_to}" if merge_to else cell
    if merge_to:
        ws.merge_cells(rng)
    _box(ws, rng, font=FONT, align=WRAP)
    if date:
        ws[cell].number_format = DATE_FORMAT


def _title(ws: Worksheet, text: str, merge_to: str) -> None:
    ws["A1"] = text
    ws["A1"].font = TITLE_FONT
    ws["A1"].alignment = Alignment(vertical="center")
    ws.merge_cells(f"A1:{merge_to}")
    ws.row_dimensions[1].height = 24


def _page(ws: Worksheet, print_rows: str | None = None) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.5
    if print_rows:
        ws.print_title_rows = print_rows


def _widths(ws: Worksheet, widths: dict[str, float]) -> None:
    for col, w in widths.items():
        ws.column_dimensions[col].width = w


def _list_validation(ws: Worksheet, choices, ranges: list[str], prompt: str) -> None:
    dv = DataValidation(type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True)
    dv.promptTitle = "選択"
    dv.prompt = prompt
    dv.showInputMessage = True
    dv.showErrorMessage = False  # offices write variants (和暦, 手書きの〇): warn in the check, not here
    for r in ranges:
        dv.add(r)
    ws.add_data_validation(dv)


def _fieldspecs(ws: Worksheet, specs: list[F.FieldSpec]) -> None:
    for spec in specs:
        _label(ws, spec.label_cell, spec.labels[0])
        _value(ws, spec.cell, spec.merge_to, date=spec.kind == "date")
        if spec.end_cell:
            # period written as two cells around 「～」 (start in spec.cell, end in spec.end_cell)
            ws[spec.cell].number_format = DATE_FORMAT
            er, ec = parse_a1(spec.end_cell)
            sr, sc = parse_a1(spec.cell)
            for col in range(sc + 1, ec):
                c = ws.cell(row=sr, column=col, value="～")
                c.alignment = WRAP_CENTER
                c.border = BORDER
                c.font = FONT
            _value(ws, spec.end_cell, date=True)


def _sheet_t1(ws: Worksheet) -> None:
    _title(ws, TITLES[F.SHEET_T1], "H1")
    _fieldspecs(ws, F.TABLE1_FIELDS)
    ws.row_dimensions[1].height = 28  # the 作成（変更）日 label beside the title wraps to two lines
    _widths(ws, {"A": 16, "B": 14, "C": 14, "D": 16, "E": 14, "F": 6, "G": 14, "H": 14, "I": 12, "J": 12, "K": 14, "L": 14})
    for r in range(3, 9):
        ws.row_dimensions[r].height = 30
    for r, h in ((9, 90), (10, 60), (11, 110), (12, 40)):
        ws.row_dimensions[r].height = h
    ws["A13"] = "生活援助中心型の算定理由は「1. 一人暮らし　2. 家族等が障害、疾病等　3. その他（　）」のいずれかを記入してください。"
    ws["A13"].font = Font(name=FONT_NAME, size=8)
    ws.merge_cells("A13:L13")
    ws.row_dimensions[14].height = 30
    by = F.TABLE1_BY_KEY
    _list_validation(ws, by["care_level"].choices, [by["care_level"].cell], "要介護状態区分を選んでください")
    _list_validation(ws, by["plan_kind"].choices, [by["plan_kind"].cell], "初回・紹介・継続のいずれか")
    _list_validation(ws, by["certification_status"].choices, [by["certification_status"].cell], "認定済・申請中のいずれか")
    _page(ws)


def _sheet_t2(ws: Worksheet) -> None:
    _title(ws, TITLES[F.SHEET_T2], "F1")
    h1, h2 = F.T2_HEADER_ROW, F.T2_HEADER_ROW + 1
    col = {k: v[0] for k, v in F.T2_COLUMNS.items()}
    _label(ws, f"{col['need']}{h1}", F.T2_COLUMNS["need"][1][0], f"{col['need']}{h2}", fill=HEADER_FILL)
    _label(ws, f"{col['long_goal']}{h1}", "援助目標", f"{col['short_period']}{h1}", fill=HEADER_FILL)
    _label(ws, f"{col['content']}{h1}", "援助内容", f"{col['service_period']}{h1}", fill=HEADER_FILL)
    for key, (c, labels) in F.T2_COLUMNS.items():
        if key == "need":
            continue
        _label(ws, f"{c}{h2}", labels[0], fill=HEADER_FILL)
    for r in (h1, h2):
        ws.row_dimensions[r].height = 18
        for row in ws[f"A{r}:K{r}"]:  # noqa: B007
            for c in row:
                c.alignment = WRAP_CENTER
    _box(ws, f"A{F.T2_FIRST_ROW}:K{F.T2_LAST_ROW}", font=FONT, align=WRAP)
    for r in range(F.T2_FIRST_ROW, F.T2_LAST_ROW + 1):
        ws[f"{col['insured']}{r}"].alignment = WRAP_CENTER
        ws.row_dimensions[r].height = 30  # Excel does not grow merged rows to fit wrapped text
    note = F.T2_LAST_ROW + 1
    ws[f"A{note}"] = "※1「保険給付の対象となるかどうかの区分」について、保険給付対象内サービスについては○印を付す。"
    ws[f"A{note + 1}"] = "※2「当該サービス提供を行う事業所」について記入する。"
    for r in (note, note + 1):
        ws[f"A{r}"].font = Font(name=FONT_NAME, size=8)
        ws.merge_cells(f"A{r}:K{r}")
    # period columns wide enough for 「令和8年10月1日～」 on one line and the end date on the next
    _widths(ws, {"A": 24, "B": 22, "C": 15, "D": 22, "E": 15, "F": 24, "G": 5, "H": 16, "I": 16, "J": 14, "K": 15})
    def data_col(key: str) -> str:
        return f"{col[key]}{F.T2_FIRST_ROW}:{col[key]}{F.T2_LAST_ROW}"

    _list_validation(ws, ("○",), [data_col("insured")], "保険給付対象なら○")
    _list_validation(ws, F.SERVICE_TYPE_CHOICES, [data_col("service_type")], "サービス種別を選ぶか入力してください")
    ws.freeze_panes = f"A{F.T2_FIRST_ROW}"
    _page(ws, f"{h1}:{h2}")


def _sheet_t3(ws: Worksheet) -> None:
    _title(ws, TITLES[F.SHEET_T3], "H1")
    h = F.T3_HEADER_ROW
    _label(ws, f"A{h}", "時間", f"{F.T3_TIME_COL}{h}", fill=HEADER_FILL)
    for c, day in zip(F.T3_DAY_COLS, ("月", "火", "水", "木", "金", "土", "日")):
        _label(ws, f"{c}{h}", day, fill=HEADER_FILL)
    _label(ws, f"{F.T3_ACTIVITY_COL}{h}", "主な日常生活上の活動", fill=HEADER_FILL)
    for row in ws[f"A{h}:{F.T3_ACTIVITY_COL}{h}"]:
        for c in row:
            c.alignment = WRAP_CENTER
    for label, i0, i1 in T3_PERIODS:
        r0, r1 = T3_FIRST_ROW + i0, T3_FIRST_ROW + i1
        ws[f"B{r0}"] = label
        if r1 > r0:
            ws.merge_cells(f"B{r0}:B{r1}")
        _box(ws, f"A{r0}:B{r1}", fill=LABEL_FILL, font=LABEL_FONT, align=WRAP_CENTER)
    for i, t in enumerate(F.T3_TIMES):
        r = T3_FIRST_ROW + i
        c = ws[f"{F.T3_TIME_COL}{r}"]
        c.value = t
        c.number_format = "@"
        ws.row_dimensions[r].height = 30
    _box(ws, f"{F.T3_TIME_COL}{T3_FIRST_ROW}:{F.T3_TIME_COL}{T3_LAST_ROW}", fill=LABEL_FILL, font=LABEL_FONT, align=WRAP_CENTER)
    _box(ws, f"{F.T3_DAY_COLS[0]}{T3_FIRST_ROW}:{F.T3_ACTIVITY_COL}{T3_LAST_ROW}", font=FONT, align=WRAP)
    label_cell, value_cell, merge_to = F.T3_NON_WEEKLY
    lr, _ = parse_a1(label_cell)
    _label(ws, label_cell, "週単位以外のサービス", f"{F.T3_TIME_COL}{lr}")
    _value(ws, value_cell, merge_to)
    ws.row_dimensions[lr].height = 45
    _widths(ws, {"A": 3, "B": 6, "C": 8, **{c: 14 for c in F.T3_DAY_COLS}, F.T3_ACTIVITY_COL: 24})
    _page(ws)


def _sheet_t4(ws: Worksheet) -> None:
    _title(ws, TITLES[F.SHEET_T4], "H1")
    _fieldspecs(ws, F.TABLE4_FIELDS)
    _widths(ws, {"A": 16, **{c: 12 for c in "BCDEFGHIJK"}})
    ws.row_dimensions[4].height = 30
    for r, h in ((5, 45), (6, 60), (7, 120), (8, 80), (9, 60)):
        ws.row_dimensions[r].height = h
    _page(ws)


def _sheet_assessment(ws: Worksheet) -> None:
    _title(ws, TITLES[F.SHEET_ASSESSMENT], "C1")
    s = F.ASSESSMENT_DATE
    _label(ws, s.label_cell, s.labels[0])
    _value(ws, s.cell, s.merge_to, date=True)
    ws.row_dimensions[parse_a1(s.cell)[0]].height = 30  # the label wraps in the narrow 課題 column
    h = F.ASSESSMENT_HEADER_ROW
    for key, (c, labels) in F.ASSESSMENT_COLUMNS.items():
        _label(ws, f"{c}{h}", labels[0], fill=HEADER_FILL)
        ws[f"{c}{h}"].alignment = WRAP_CENTER
    last = ASSESSMENT_FIRST_ROW + len(F.ASSESSMENT_ITEMS) - 1
    _box(ws, f"A{ASSESSMENT_FIRST_ROW}:E{last}", font=FONT, align=WRAP)
    cols = {k: v[0] for k, v in F.ASSESSMENT_COLUMNS.items()}
    for i, name in enumerate(F.ASSESSMENT_ITEMS, start=1):
        r = ASSESSMENT_FIRST_ROW + i - 1
        ws[f"{cols['number']}{r}"] = i
        ws[f"{cols['number']}{r}"].alignment = WRAP_CENTER
        ws[f"{cols['name']}{r}"] = name
        ws[f"{cols['name']}{r}"].fill = LABEL_FILL
        ws[f"{cols['name']}{r}"].alignment = LABEL_ALIGN  # centred in the row like its number
        ws[f"{cols['has_issue']}{r}"].alignment = WRAP_CENTER
        ws.row_dimensions[r].height = 36
    _widths(ws, {"A": 5, "B": 26, "C": 60, "D": 8, "E": 14})
    hc = cols["has_issue"]
    _list_validation(ws, ("有", "無"), [f"{hc}{ASSESSMENT_FIRST_ROW}:{hc}{last}"], "課題の有無")
    ws.freeze_panes = f"A{ASSESSMENT_FIRST_ROW}"
    _page(ws, f"{h}:{h}")


def _sheet_monitoring(ws: Worksheet) -> None:
    _title(ws, TITLES[F.SHEET_MONITORING], "E1")
    ws["A2"] = "種別: " + "・".join(F.MONITORING_KINDS) + "　方法: 居宅訪問・テレビ電話・電話"
    ws["A2"].font = Font(name=FONT_NAME, size=8)
    ws.merge_cells("A2:E2")
    h = F.MONITORING_HEADER_ROW
    for key, (c, labels) in F.MONITORING_COLUMNS.items():
        _label(ws, f"{c}{h}", labels[0], fill=HEADER_FILL)
        ws[f"{c}{h}"].alignment = WRAP_CENTER
    _box(ws, f"A{F.MONITORING_FIRST_ROW}:E{F.MONITORING_LAST_ROW}", font=FONT, align=WRAP)
    cols = {k: v[0] for k, v in F.MONITORING_COLUMNS.items()}
    for key in ("planned_on", "done_on"):
        for r in range(F.MONITORING_FIRST_ROW, F.MONITORING_LAST_ROW + 1):
            ws[f"{cols[key]}{r}"].number_format = DATE_FORMAT
    for r in range(F.MONITORING_FIRST_ROW, F.MONITORING_LAST_ROW + 1):
        ws.row_dimensions[r].height = 22  # room to write a line of 内容・評価 comfortably
    _widths(ws, {"A": 16, "B": 16, "C": 16, "D": 12, "E": 60})
    kc = cols["kind"]
    _list_validation(ws, F.MONITORING_KINDS, [f"{kc}{F.MONITORING_FIRST_ROW}:{kc}{F.MONITORING_LAST_ROW}"], "種別を選んでください")
    mc = cols["method"]
    _list_validation(ws, ("居宅訪問", "テレビ電話", "電話"), [f"{mc}{F.MONITORING_FIRST_ROW}:{mc}{F.MONITORING_LAST_ROW}"], "方法")
    ws.freeze_panes = f"A{F.MONITORING_FIRST_ROW}"
    _page(ws, f"{h}:{h}")


def _sheet_ack(ws: Worksheet) -> None:
    _title(ws, TITLES[F.SHEET_ACK], "D1")
    ws["A2"] = "点検ルールと異なる計画とした場合、ルールコード（例: AS201）と理由を記入してください。シート・セルを空欄にすると計画全体に適用します。"
    ws["A2"].font = Font(name=FONT_NAME, size=8)
    ws["A2"].alignment = WRAP
    ws.merge_cells("A2:E2")
    ws.row_dimensions[2].height = 28
    h = F.ACK_HEADER_ROW
    for key, (c, labels) in F.ACK_COLUMNS.items():
        _label(ws, f"{c}{h}", labels[0], fill=HEADER_FILL)
        ws[f"{c}{h}"].alignment = WRAP_CENTER
    _box(ws, f"A{ACK_FIRST_ROW}:E{ACK_LAST_ROW}", font=FONT, align=WRAP)
    for r in range(ACK_FIRST_ROW, ACK_LAST_ROW + 1):
        ws[f"E{r}"].number_format = DATE_FORMAT
        ws.row_dimensions[r].height = 24  # room to write a reason
    _widths(ws, {"A": 12, "B": 12, "C": 8, "D": 70, "E": 16})
    _page(ws, f"{h}:{h}")


def _names(wb: Workbook) -> None:
    def add(name: str, sheet: str, cell: str) -> None:
        wb.defined_names[name] = DefinedName(name, attr_text=_abs_ref(sheet, cell))

    for spec in F.TABLE1_FIELDS:
        add(spec.defined_name, F.SHEET_T1, spec.cell)
    add("cp_cert_period_end", F.SHEET_T1, F.TABLE1_BY_KEY["cert_period"].end_cell)
    for spec in F.TABLE4_FIELDS:
        add(spec.defined_name, F.SHEET_T4, spec.cell)
    add(F.ASSESSMENT_DATE.defined_name, F.SHEET_ASSESSMENT, F.ASSESSMENT_DATE.cell)
    add("cp_t3_non_weekly", F.SHEET_T3, F.T3_NON_WEEKLY[1])
    for name, (sheet, cell) in F.TABLE_NAMES.items():
        add(name, sheet, cell)


def build_template() -> Workbook:
    """The blank template as an openpyxl Workbook (deterministic content)."""
    wb = Workbook()
    wb.remove(wb.active)
    builders = [
        (F.SHEET_T1, _sheet_t1),
        (F.SHEET_T2, _sheet_t2),
        (F.SHEET_T3, _sheet_t3),
        (F.SHEET_T4, _sheet_t4),
        (F.SHEET_ASSESSMENT, _sheet_assessment),
        (F.SHEET_MONITORING, _sheet_monitoring),
        (F.SHEET_ACK, _sheet_ack),
    ]
    for name, build in builders:
        ws = wb.create_sheet(name)
        ws.sheet_view.zoomScale = 90
        build(ws)
    _names(wb)
    wb.properties.creator = "xl-careplan"
    wb.properties.title = "居宅サービス計画書"
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    wb.properties.lastModifiedBy = "xl-careplan"
    wb.active = 0
    return wb


def save_deterministic(wb: Workbook, path: str | Path, modified: dt.datetime = FIXED_TIME) -> None:
    """Save with fixed document times and zip entry times, so equal workbooks give equal bytes.

    (openpyxl stamps ``dcterms:modified`` with the current time on every save; we put ``modified`` back.)
    """
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    out = io.BytesIO()
    with zipfile.ZipFile(buf) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "docProps/core.xml":
                stamp = modified.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)", rb"\g<1>" + stamp + rb"\g<2>", data)
            zi = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o600 << 16
            zout.writestr(zi, data)
    Path(path).write_bytes(out.getvalue())
