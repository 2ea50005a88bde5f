"""The blank template: layout per xl_careplan.fields, names, validations, page setup, determinism."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from xl_careplan import fields as F
from xl_careplan.reading import grid_from_openpyxl, load_workbook_grid
from xl_careplan.readers import read_plan
from xl_careplan.template import build_template, save_deterministic

ROOT = Path(__file__).resolve().parent.parent
SHEETS = [F.SHEET_T1, F.SHEET_T2, F.SHEET_T3, F.SHEET_T4, F.SHEET_ASSESSMENT, F.SHEET_MONITORING, F.SHEET_ACK]


@pytest.fixture(scope="module")
def wb():
    return build_template()


def _merged(ws) -> set[str]:
    return {str(r) for r in ws.merged_cells.ranges}


def test_sheets_in_order(wb):
    assert wb.sheetnames == SHEETS


@pytest.mark.parametrize("sheet,specs", [(F.SHEET_T1, F.TABLE1_FIELDS), (F.SHEET_T4, F.TABLE4_FIELDS),
                                         (F.SHEET_ASSESSMENT, [F.ASSESSMENT_DATE])])
def test_field_labels_cells_and_merges(wb, sheet, specs):
    ws = wb[sheet]
    merged = _merged(ws)
    for spec in specs:
        assert ws[spec.label_cell].value == spec.labels[0], spec.key
        assert ws[spec.cell].value is None, spec.key
        if spec.merge_to:
            assert f"{spec.cell}:{spec.merge_to}" in merged, spec.key
        if spec.kind == "date":
            assert "yyyy" in ws[spec.cell].number_format


def test_cert_period_two_cells_around_tilde(wb):
    ws = wb[F.SHEET_T1]
    spec = F.TABLE1_BY_KEY["cert_period"]
    assert ws["F7"].value == "～"
    assert spec.cell == "E7" and spec.end_cell == "G7"


def test_defined_names(wb):
    names = grid_from_openpyxl(wb).names
    for spec in F.TABLE1_FIELDS:
        r, c = openpyxl.utils.cell.coordinate_to_tuple(spec.cell)
        assert names[spec.defined_name] == (F.SHEET_T1, r, c)
    for spec in F.TABLE4_FIELDS:
        r, c = openpyxl.utils.cell.coordinate_to_tuple(spec.cell)
        assert names[spec.defined_name] == (F.SHEET_T4, r, c)
    assert names["cp_cert_period_end"] == (F.SHEET_T1, 7, 7)
    assert names["cp_assessed_on"] == (F.SHEET_ASSESSMENT, 2, 5)
    for name, (sheet, cell) in F.TABLE_NAMES.items():
        r, c = openpyxl.utils.cell.coordinate_to_tuple(cell)
        assert names[name] == (sheet, r, c)


def test_table2_two_row_header(wb):
    ws = wb[F.SHEET_T2]
    h1, h2 = F.T2_HEADER_ROW, F.T2_HEADER_ROW + 1
    assert ws[f"A{h1}"].value == F.T2_COLUMNS["need"][1][0]
    assert f"A{h1}:A{h2}" in _merged(ws)
    assert ws[f"B{h1}"].value == "援助目標" and ws[f"F{h1}"].value == "援助内容"
    for key, (col, labels) in F.T2_COLUMNS.items():
        if key != "need":
            assert ws[f"{col}{h2}"].value == labels[0], key
    assert ws[f"A{F.T2_LAST_ROW}"].border.bottom.style == "thin"


def test_table3_grid(wb):
    ws = wb[F.SHEET_T3]
    h = F.T3_HEADER_ROW
    assert [ws[f"{c}{h}"].value for c in F.T3_DAY_COLS] == ["月", "火", "水", "木", "金", "土", "日"]
    assert ws[f"{F.T3_ACTIVITY_COL}{h}"].value == "主な日常生活上の活動"
    assert [ws[f"{F.T3_TIME_COL}{h + 1 + i}"].value for i in range(len(F.T3_TIMES))] == F.T3_TIMES
    bands = [ws[f"B{h + 1 + i}"].value for i in range(len(F.T3_TIMES))]
    assert [b for b in bands if b] == ["深夜", "早朝", "午前", "午後", "夜間", "深夜"]
    label, value, merge_to = F.T3_NON_WEEKLY
    assert ws[label].value == "週単位以外のサービス"
    assert f"{value}:{merge_to}" in _merged(ws)


def test_assessment_items_prefilled(wb):
    ws = wb[F.SHEET_ASSESSMENT]
    h = F.ASSESSMENT_HEADER_ROW
    assert [ws[f"{F.ASSESSMENT_COLUMNS[k][0]}{h}"].value for k in F.ASSESSMENT_COLUMNS] == [v[1][0] for v in F.ASSESSMENT_COLUMNS.values()]
    names = [ws[f"B{h + i}"].value for i in range(1, 24)]
    assert names == F.ASSESSMENT_ITEMS
    assert [ws[f"A{h + i}"].value for i in range(1, 24)] == list(range(1, 24))


def test_monitoring_and_ack_headers(wb):
    ws = wb[F.SHEET_MONITORING]
    assert [ws[f"{c}{F.MONITORING_HEADER_ROW}"].value for c, _ in F.MONITORING_COLUMNS.values()] == [v[1][0] for v in F.MONITORING_COLUMNS.values()]
    ws = wb[F.SHEET_ACK]
    assert [ws[f"{c}{F.ACK_HEADER_ROW}"].value for c, _ in F.ACK_COLUMNS.values()] == ["ルール", "シート", "セル", "理由", "記入日"]


def _validations(ws) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for dv in ws.data_validations.dataValidation:
        out[dv.formula1] = {str(r) for r in dv.sqref.ranges}
    return out


def test_data_validation_lists(wb):
    t1 = _validations(wb[F.SHEET_T1])
    assert t1['"要支援1,要支援2,要介護1,要介護2,要介護3,要介護4,要介護5"'] == {"B8"}
    assert t1['"初回,紹介,継続"'] == {"B3"}
    assert t1['"認定済,申請中"'] == {"E3"}
    t2 = _validations(wb[F.SHEET_T2])
    assert t2['"○"'] == {f"G{F.T2_FIRST_ROW}:G{F.T2_LAST_ROW}"}
    assert t2['"' + ",".join(F.SERVICE_TYPE_CHOICES) + '"'] == {f"H{F.T2_FIRST_ROW}:H{F.T2_LAST_ROW}"}
    assert len('"' + ",".join(F.SERVICE_TYPE_CHOICES) + '"') <= 257  # Excel's 255-character list limit
    assert _validations(wb[F.SHEET_ASSESSMENT])['"有,無"'] == {"D5:D27"}
    assert '"' + ",".join(F.MONITORING_KINDS) + '"' in _validations(wb[F.SHEET_MONITORING])


def test_page_setup_a4_landscape_fit_to_width(wb):
    for ws in wb.worksheets:
        assert ws.page_setup.orientation == "landscape"
        assert int(ws.page_setup.paperSize) == 9  # A4
        assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.column_dimensions["A"].width > 0


def test_output_is_deterministic(tmp_path):
    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    save_deterministic(build_template(), a)
    save_deterministic(build_template(), b)
    assert a.read_bytes() == b.read_bytes()


def test_committed_template_is_current(tmp_path):
    out = tmp_path / "t.xlsx"
    save_deterministic(build_template(), out)
    committed = ROOT / "templates" / "居宅サービス計画書.xlsx"
    assert committed.read_bytes() == out.read_bytes(), "run: python scripts/make_templates.py"


def test_blank_template_reads_as_blank_template_plan():
    path = ROOT / "templates" / "居宅サービス計画書.xlsx"
    plan = read_plan(load_workbook_grid(path), str(path))
    assert plan.layout == "template"
    for spec in F.TABLE1_FIELDS:
        lv = getattr(plan.table1, spec.key)
        assert lv.loc is not None and lv.loc.sheet == F.SHEET_T1 and lv.loc.cell == spec.cell, spec.key
        assert lv.value is None and lv.problem is None
    assert plan.table2.sheet == F.SHEET_T2 and plan.table2.needs == []
    assert plan.table3 is not None and plan.table3.entries == []
    assert plan.table4 is not None and plan.table4.held_on.loc.cell == "B4"
    assert plan.assessment is not None and len(plan.assessment.items) == 23
    assert plan.monitoring is not None and plan.monitoring.header_row == F.MONITORING_HEADER_ROW and plan.monitoring.rows == []
    assert plan.acknowledgements == []
