"""Read a care plan (居宅サービス計画書 第1〜4表, アセスメント, モニタリング) from a WorkbookGrid.

Fields are found, in this order of preference:

1. a TOML layout file given by the user (``layout=``; CarePlan.layout = "layout-file");
2. the workbook-level defined names ``cp_*`` of our template (CarePlan.layout = "template");
3. labels (利用者名, 認定の有効期間, 長期目標…, with the variants in ``xl_careplan.fields``): the value
   is right of the label (or below it) — layout "labels".

Values are parsed with ``xl_careplan.parsing``; a value that cannot be read becomes a ``Located``
with ``problem`` set, never an exception. ``NotACarePlanError`` is raised when the workbook holds
neither 第1表 fields nor a 第2表 table.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from xl_careplan import fields as F
from xl_careplan.errors import NotACarePlanError
from xl_careplan.grid import WorkbookGrid
from xl_careplan.grid import column_letter as get_column_letter

import datetime as dt

from xl_careplan.jpdate import jp_date
from xl_careplan.located import Located
from xl_careplan.models import Assessment, CarePlan, FormMap, Monitoring, ReadingNote, Table1, Table2, Table4, fields_of
from xl_careplan.readers.common import looks_like_date
from xl_careplan.readers import layout_file as LF
from xl_careplan.readers.common import LabelIndex, sheet_candidates
from xl_careplan.readers.plan_sheets import plan_sheets
from xl_careplan.readers.single import locate_field, read_field, read_fields, sheets_for
from xl_careplan.readers import unseen

if TYPE_CHECKING:
    from xl_careplan.package import Package
from xl_careplan.readers.table2 import drop_copies, find_table2_pages, read_table2_pages
from xl_careplan.readers.table3 import find_table3, find_table3_list, read_table3, read_table3_list
from xl_careplan.readers.table5 import find_table5, read_table5
from xl_careplan.readers.tables import (
    find_items_by_name,
    find_monitoring_across,
    find_monitoring_blocks,
    read_monitoring_across,
    read_monitoring_blocks,
    find_simple,
    read_acknowledgements,
    read_assessment,
    read_assessment_by_names,
    read_monitoring,
    supply_years,
)

__all__ = ["read_plan", "read_plan_file", "NOT_A_CARE_PLAN"]

NOT_A_CARE_PLAN = "居宅サービス計画書（第1表・第2表）が見つかりません"


def read_plan(grid: WorkbookGrid, source: str, layout: str | os.PathLike | None = None) -> CarePlan:
    """The CarePlan in ``grid``. ``source`` names the file (or live workbook) in messages."""
    lf = None
    if layout is not None:
        lf = LF.load_layout(layout)
        LF.check_field_sheets(lf, grid)
    grid, left_out = plan_sheets(grid)  # not ours, not hidden, not a 記入例
    grid, sheet_notes = unseen.apply(grid)  # the form as printed: hidden rows out, text boxes and ovals in
    idx = LabelIndex.build(grid)
    hows: set[str] = set()
    notes: list[ReadingNote] = list(left_out)
    forms: list[FormMap] = []

    # 第1表
    t1_sheets = sheets_for(grid, idx, F.SHEET_T1, F.TABLE1_FIELDS)
    doubts: list = []
    t1_kw, h = read_fields(grid, idx, F.TABLE1_FIELDS, Table1, t1_sheets, lf.table1 if lf else None, doubts)
    hows |= h
    notes.extend(_doubt_notes(F.SHEET_T1, "[table1]", doubts))
    silent_notes, silenced = unseen.silence_unseen(grid, F.TABLE1_FIELDS, t1_kw, F.SHEET_T1, "[table1]")
    notes.extend(silent_notes)
    table1 = Table1(**t1_kw)
    t1_found = sum(1 for v in t1_kw.values() if v.loc is not None)

    # 第2表 (with its continuation sheets)
    if lf and lf.table2:
        pages2 = [LF.table2_layout(lf, grid)]
    else:
        pages2 = find_table2_pages(grid, idx)
    if not pages2 and t1_found < 2:
        raise NotACarePlanError(NOT_A_CARE_PLAN, file=source)
    pages2, copies = drop_copies(grid, pages2)
    table2 = read_table2_pages(grid, pages2, notes) if pages2 else Table2()
    if copies:
        notes.append(ReadingNote(
            part=F.SHEET_T2, message=f"シート「{'」「'.join(copies)}」の第2表は、ほかのシートの第2表と同じニーズの写し（入力用・印刷用など）のため、"
                                     "続きとしては読んでいません", looked=f"シート「{'」「'.join(copies)}」", layout="[table2]"))
    for lay in pages2:
        hows.add(lay.how)
    if t1_found:
        t1_sheet_names = list(dict.fromkeys(v.loc.sheet for v in t1_kw.values() if v.loc is not None))
        forms.append(FormMap(part=F.SHEET_T1, sheets=t1_sheet_names, how=_how(h)))
        missing = [spec.labels[0] for spec in F.TABLE1_FIELDS if t1_kw[spec.key].loc is None and spec.key not in F.TABLE1_OPTIONAL
                   and spec.key not in silenced]
        if missing:
            notes.append(ReadingNote(
                part=F.SHEET_T1, message=f"「{'」「'.join(missing)}」の欄が見つかりません",
                looked=f"シート「{'」「'.join(t1_sheets or t1_sheet_names)}」の見出し", layout="[table1]"))
    else:
        notes.append(_not_found(F.SHEET_T1, "第1表の項目", grid, "[table1]"))
    if pages2:
        forms.append(_table_map(F.SHEET_T2, [l.sheet for l in pages2], pages2[0].how, pages2[0].header_row, pages2[0].columns))
        missing = [F.T2_COLUMNS[k][1][0] for k in F.T2_COLUMNS if k not in pages2[0].columns and k not in pages2[0].second]
        if missing:
            notes.append(ReadingNote(
                part=F.SHEET_T2, message=f"列「{'」「'.join(missing)}」が見つかりません（その列の点検はしません）",
                looked=f"シート「{pages2[0].sheet}」{pages2[0].header_row}行目の見出し", layout="[table2]"))
    else:
        notes.append(_not_found(F.SHEET_T2, "「長期目標」「短期目標」の見出し行", grid, "[table2]"))

    # 第3表
    lay3 = LF.table3_layout(lf, grid) if lf and lf.table3 else find_table3(grid, idx)
    table3 = read_table3(grid, lay3) if lay3 is not None else None
    list3 = find_table3_list(grid, _used(forms)) if lay3 is None else None
    if lay3 is not None and lay3.extra.get("transposed"):  # the weekdays down a column, the time bands across
        hows.add(lay3.how)
        forms.append(FormMap(part=F.SHEET_T3, sheets=[lay3.sheet], how=lay3.how))
        notes.append(ReadingNote(
            part=F.SHEET_T3, layout="[table3]",
            message="第3表を、曜日が縦・時間帯が横に並んだ表として読みました（週単位以外のサービスは読んでいません）",
            looked=f"シート「{lay3.sheet}」の{get_column_letter(lay3.header_row)}列の曜日"))
    elif lay3 is not None:
        hows.add(lay3.how)
        forms.append(_table_map(F.SHEET_T3, [lay3.sheet], lay3.how, lay3.header_row, lay3.day_cols))
    elif list3 is not None:  # the weekly plan kept as a list of visits
        table3 = read_table3_list(grid, list3)
        forms.append(_table_map(F.SHEET_T3, [list3.sheet], "labels", list3.header_row, list3.columns))
    else:
        notes.append(_not_found(F.SHEET_T3, "月〜日の見出し行", grid, "[table3]"))

    # 第4表
    table4 = None
    t4_sheets = sheets_for(grid, idx, F.SHEET_T4, F.TABLE4_FIELDS)
    has_t4_names = any(s.defined_name in grid.names for s in F.TABLE4_FIELDS)
    if t4_sheets or has_t4_names or (lf and lf.table4):
        doubts = []
        t4_kw, h = read_fields(grid, idx, F.TABLE4_FIELDS, Table4, t4_sheets, lf.table4 if lf else None, doubts)
        notes.extend(_doubt_notes(F.SHEET_T4, "[table4]", doubts))
        silent_notes, _ = unseen.silence_unseen(grid, F.TABLE4_FIELDS, t4_kw, F.SHEET_T4, "[table4]")
        notes.extend(silent_notes)
        if any(v.loc is not None for v in t4_kw.values()):
            hows |= h
            table4 = Table4(sheet=_first_sheet(t4_kw) or (t4_sheets[0] if t4_sheets else None), **t4_kw)
            forms.append(FormMap(part=F.SHEET_T4, sheets=[table4.sheet] if table4.sheet else [], how=_how(h)))
            if t4_kw["held_on"].loc is None:
                notes.append(ReadingNote(part=F.SHEET_T4, message="「開催日」の欄が見つかりません（担当者会議の点検はしません）",
                                         looked=f"シート「{table4.sheet}」の見出し", layout="[table4]"))
    if table4 is None:
        notes.append(_not_found(F.SHEET_T4, "「開催日」「会議出席者」などの見出し", grid, "[table4]"))

    # アセスメント
    assessment = None
    ta = (LF.simple_layout(lf, grid, "assessment", F.ASSESSMENT_COLUMNS) if lf and lf.assessment else
          find_simple(grid, idx, F.SHEET_ASSESSMENT, F.ASSESSMENT_COLUMNS, "cp_assessment_table", 3,
                      essential=("name", "status"), exclude=_used(forms)))
    a_overrides = {"assessed_on": lf.assessed_on} if lf and lf.assessed_on else None
    by_names = None
    if ta is None:  # a form without a header row: find the 23 item names themselves
        by_names = find_items_by_name(grid, sheet_candidates(grid, F.SHEET_ASSESSMENT))
    if ta is not None or by_names is not None or a_overrides:
        typ = fields_of(Assessment)["assessed_on"].annotation
        a_sheet = ta.sheet if ta is not None else (by_names[0] if by_names else None)
        fp = locate_field(grid, idx, F.ASSESSMENT_DATE, [a_sheet] if a_sheet else [""], a_overrides)
        assessed_on = read_field(grid, F.ASSESSMENT_DATE, fp, typ)
        if ta is not None:
            hows.add(ta.how)
            assessment = read_assessment(grid, ta, assessed_on)
            forms.append(_table_map(F.SHEET_ASSESSMENT, [ta.sheet], ta.how, ta.header_row, ta.columns))
        elif by_names is not None:
            assessment = read_assessment_by_names(grid, by_names[0], by_names[1], assessed_on)
            forms.append(FormMap(part=F.SHEET_ASSESSMENT, sheets=[by_names[0]], how="labels"))
        else:
            assessment = Assessment(sheet=None, assessed_on=assessed_on)
        if assessment.items and not any(i.need_refs.loc is not None for i in assessment.items):
            notes.append(ReadingNote(
                part=F.SHEET_ASSESSMENT, message="「関連ニーズ番号」の列が見つかりません（ニーズの根拠の点検はしません）",
                looked=f"シート「{assessment.sheet}」の見出し", layout="[assessment]"))
    else:
        notes.append(_not_found(F.SHEET_ASSESSMENT, "「項目名」「状況」などの見出し、または課題分析標準項目の名前", grid, "[assessment]"))

    # 第5表 居宅介護支援経過 (before the monitoring table, which is recognised by content and must not take it)
    table5 = None
    t5 = find_table5(grid)
    if t5 is not None:
        table5 = read_table5(grid, *t5)
        forms.append(FormMap(part=F.SHEET_T5, sheets=[t5[0]], how="labels", header_row=t5[1],
                             columns={"内容": get_column_letter(t5[2][0][2])}))

    # モニタリング
    monitoring = None
    tm = (LF.simple_layout(lf, grid, "monitoring", F.MONITORING_COLUMNS) if lf and lf.monitoring else
          find_simple(grid, idx, F.SHEET_MONITORING, F.MONITORING_COLUMNS, "cp_monitoring_table", 2,
                      essential=("done_on",), exclude=_used(forms)))
    if tm is not None and "done_on" not in tm.columns:
        notes.append(ReadingNote(
            part=F.SHEET_MONITORING, message="「実施日」の列が見つかりません（モニタリング訪問の点検はしません）",
            looked=f"シート「{tm.sheet}」{tm.header_row}行目の見出し", layout="[monitoring]"))
        tm = None
    elif tm is not None:
        monitoring = read_monitoring(grid, tm)
        forms.append(_table_map(F.SHEET_MONITORING, [tm.sheet], tm.how, tm.header_row, tm.columns))
        monitoring = _with_years(monitoring, table1, notes)
    elif (blocks := find_monitoring_blocks(grid, sheet_candidates(grid, F.SHEET_MONITORING), _used(forms))) is not None:
        monitoring = read_monitoring_blocks(grid, *blocks)  # one block of rows a visit, label | value
        forms.append(FormMap(part=F.SHEET_MONITORING, sheets=[blocks[0]], how="labels"))
        notes.append(ReadingNote(
            part=F.SHEET_MONITORING, layout="[monitoring]", loc=monitoring.rows[0].done_on.loc,
            message=f"モニタリングの記録を、1回ごとの「実施日」などの欄のまとまり（{len(blocks[2])}回分）として読みました",
            looked=f"シート「{blocks[0]}」の{get_column_letter(blocks[1])}列の見出し"))
        monitoring = _with_years(monitoring, table1, notes)
    elif (across := find_monitoring_across(grid, sheet_candidates(grid, F.SHEET_MONITORING), _used(forms))) is not None:
        monitoring = read_monitoring_across(grid, across)  # one column a visit
        forms.append(FormMap(part=F.SHEET_MONITORING, sheets=[across.sheet], how="labels"))
        notes.append(ReadingNote(
            part=F.SHEET_MONITORING, layout="[monitoring]", loc=monitoring.rows[0].done_on.loc if monitoring.rows else None,
            message=f"モニタリングの記録を、1列に1回の横書きの表（{len(monitoring.rows)}回分）として読みました"
                    "（予定の書き込みはこの形の表にはしません）",
            looked=f"シート「{across.sheet}」の{get_column_letter(across.header_row)}列の見出し"))
        monitoring = _with_years(monitoring, table1, notes)
    else:
        notes.append(_not_found(F.SHEET_MONITORING, "「予定日」「実施日」「方法」などの見出し行", grid, "[monitoring]"))

    # 方針と異なる理由
    acks = []
    tk = (LF.simple_layout(lf, grid, "acknowledgements", F.ACK_COLUMNS) if lf and lf.acknowledgements else
          find_simple(grid, idx, F.SHEET_ACK, F.ACK_COLUMNS, "cp_ack_table", 2))
    if tk is not None:
        acks = read_acknowledgements(grid, tk)
        forms.append(_table_map(F.SHEET_ACK, [tk.sheet], tk.how, tk.header_row, tk.columns))

    notes.extend(unseen.with_part(sheet_notes, {s: fm.part for fm in reversed(forms) for s in fm.sheets}))
    notes.extend(_text_for_values(table2, monitoring))
    notes.extend(_unread_guesses(table1, table4, assessment))

    if lf is not None:
        how = "layout-file"
    elif "template" in hows:
        how = "template"
    else:
        how = "labels"
    return CarePlan(
        source=source,
        table1=table1,
        table2=table2,
        table3=table3,
        table4=table4,
        table5=table5,
        assessment=assessment,
        monitoring=monitoring,
        acknowledgements=acks,
        layout=how,
        sheets=grid.sheet_names,
        forms=forms,
        notes=notes,
    )


def _with_years(monitoring: Monitoring, table1: Table1, notes: list[ReadingNote]) -> Monitoring | None:
    """The record's dates written without their year or era, read from the plan's start on (a note says so);
    when some still cannot be read, no monitoring at all (a note): the visit rules must not count a month
    as missed because of a date the reader could not read."""
    start = next((v.value for v in (table1.consent_on, table1.created_on) if isinstance(v.value, dt.date)), None)
    supplied, unread = supply_years(monitoring, start)
    if supplied:
        notes.append(ReadingNote(
            part=F.SHEET_MONITORING, loc=supplied[0].loc, layout="[monitoring]",
            message=f"年（または年号）のない日付{len(supplied)}件を、計画の開始（{jp_date(start)}）からの順に年を補って読みました"
                    f"（{_cells(supplied)}）", looked=f"シート「{monitoring.sheet}」の日付の列"))
    if not unread:
        return monitoring
    notes.append(ReadingNote(
        part=F.SHEET_MONITORING, loc=unread[0].loc, layout="[monitoring]",
        message=f"年（または年号）のない日付が{len(unread)}件あり、年を決められないため、モニタリングの点検はしません（{_cells(unread)}）",
        looked=f"シート「{monitoring.sheet}」の日付の列"))
    return None


def _cells(values: list) -> str:
    return "・".join(f"{v.loc.cell}「{(v.raw or '')[:15]}」" for v in values[:3] if v.loc) + ("ほか" if len(values) > 3 else "")


def _unread_guesses(*parts) -> list[ReadingNote]:
    """Values of 第1表, 第4表 and the assessment readable only with a guess — dates without their year or era
    (「8/4/6」), a 要介護状態区分 as a bare number (「2」) —: not read, the rules that need them stay silent, and
    one note per form and kind."""
    out = []
    for part, section, model in ((F.SHEET_T1, "[table1]", parts[0]), (F.SHEET_T4, "[table4]", parts[1]),
                                 (F.SHEET_ASSESSMENT, "[assessment]", parts[2])):
        if model is None:
            continue
        unread = [v for v in map(model.__getattribute__, fields_of(type(model))) if isinstance(v, Located)
                  and v.value is None and v.raw and not v.problem and v.loc is not None]
        dates = [v for v in unread if looks_like_date(v.raw)]
        others = [v for v in unread if not looks_like_date(v.raw)]
        for vals, said in ((dates, "年（または年号）のない日付は"), (others, "数字だけの要介護状態区分など、")):
            if vals:
                out.append(ReadingNote(part=part, loc=vals[0].loc, layout=section, looked=f"シート「{vals[0].loc.sheet}」",
                                       message=f"{said}確かには読めないため、読んでいません（{_cells(vals)}）"))
    return out


_KIND_NAMES = {"date": "日付", "period": "期間", "care_level": "要介護状態区分", "choice": "選択肢", "text": "文字"}


def _doubt_notes(part: str, section: str, doubts: list) -> list[ReadingNote]:
    return [ReadingNote(part=part, message=f"「{spec.labels[0]}」の隣の「{text[:30]}」は{_KIND_NAMES[spec.kind]}として読めないため、値を読んでいません",
                        looked=f"見出し「{spec.labels[0]}」の右と下", layout=section, loc=loc)
            for spec, loc, text in doubts]


def _text_for_values(table2: Table2, monitoring) -> list[ReadingNote]:
    """Cells of a date or period column holding words instead (「認定期間中」「同上」 with nothing above,
    「未実施」): not read as values; one note per form naming the first cells."""
    out = []
    periods = [lv for lg in table2.long_goals() for lv in (lg.period,)]
    periods += [sg.period for sg in table2.short_goals()] + [s.period for s in table2.services()]
    dates = [lv for r in (monitoring.rows if monitoring else []) for lv in (r.planned_on, r.done_on)]
    for part, what, values, section in ((F.SHEET_T2, "期間", periods, "[table2]"), (F.SHEET_MONITORING, "日付", dates, "[monitoring]")):
        cells = list(dict.fromkeys(lv.loc for lv in values if lv.loc is not None and lv.value is None and lv.raw and not lv.problem))
        if cells:
            shown = "・".join(f"{c.cell}「{_raw_at(values, c)}」" for c in cells[:3]) + ("ほか" if len(cells) > 3 else "")
            # 「4/1～9/30」 (no year) is a doubt, 「認定期間中」 words: both unread, said the way each is
            said = ("年（または年号）のない日付など、確かには読めない記載" if any(looks_like_date(_raw_at(values, c)) for c in cells)
                    else f"{what}でない記載")
            out.append(ReadingNote(part=part, message=f"{what}の列に{said}が{len(cells)}か所あり、{what}として読んでいません（{shown}）",
                                   looked=f"シート「{cells[0].sheet}」の{what}の列", layout=section, loc=cells[0]))
    return out


def _raw_at(values, loc) -> str:
    return next((lv.raw or "")[:15] for lv in values if lv.loc == loc)


def _used(forms: list[FormMap]) -> frozenset[str]:
    """Sheets already read as another form."""
    return frozenset(s for fm in forms for s in fm.sheets)


def _how(hows: set[str]) -> str:
    return "layout-file" if "layout-file" in hows else "template" if "template" in hows else "labels"


def _table_map(part: str, sheets: list[str], how: str, header_row: int | None, columns: dict[str, int]) -> FormMap:
    return FormMap(part=part, sheets=sheets, how=how, header_row=header_row,
                   columns={k: get_column_letter(c) for k, c in columns.items()})


def _not_found(part: str, what: str, grid: WorkbookGrid, section: str) -> ReadingNote:
    return ReadingNote(part=part, message="シートが見つかりません（関係する点検はしません）",
                       looked=f"{what}をシート「{'」「'.join(grid.sheet_names)}」で探しました", layout=section)


def _first_sheet(kw: dict) -> str | None:
    for v in kw.values():
        if v.loc is not None:
            return v.loc.sheet
    return None


def read_plan_file(path: str | os.PathLike, layout: str | os.PathLike | None = None, *,
                   package: Package | None = None) -> CarePlan:
    """Read a workbook file and the CarePlan in it (WorkbookReadError / NotACarePlanError / ProfileError).
    ``package``: the file already open (``reading.open_workbook_file``), kept open for the writer."""
    if ".csv" in str(path).lower():  # only then the CSV reader (and its imports) is loaded
        from xl_careplan.carecsv.reader import is_csv_source, read_plan_ref

        if is_csv_source(path):  # ケアプランデータ連携の標準仕様 CSV (a plan reference or one CSV file)
            return read_plan_ref(path)
    return read_plan(load_grid(path, package=package), str(path), layout)


def load_grid(path: str | os.PathLike, *, package: Package | None = None) -> WorkbookGrid:
    """A workbook file's grid with what each sheet shows besides its cells (hidden rows, print header,
    shapes: ``SheetGrid.extras``), read in the grid reader's one pass over each sheet."""
    from xl_careplan.reading import load_workbook_grid
    from xl_careplan.readers.sheet_extras import ExtrasListener

    extras = ExtrasListener()
    grid = load_workbook_grid(path, extras, package=package)
    extras.attach(grid)
    return grid
