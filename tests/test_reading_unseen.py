"""Classes of reading failure the blind_office layout (benchmarks/reading_corpus/layouts/blind_office.py) exposed on
its first run — what an office does to its Excel form that the cells alone do not show. Each test writes a small
workbook the way such forms are kept (xlsxwriter / openpyxl) and reads it from the file:

- hidden rows and columns keeping the previous plan are not printed: not read;
- a value typed into a text box over the blank value cell is read (a note);
- a printed option with an oval drawn over it is the chosen one (a note);
- a field whose label is only in the print header, or a formula saved without its result, is a reading note and
  never CP101 空欄.
"""

import datetime as dt
import zipfile

import pytest

from xl_careplan.pipeline import check_file
from xl_careplan.profiles import load_profile
from xl_careplan.readers import read_plan_file
from xl_careplan.readers.sheet_extras import header_sections, read_drawing

import xlsxwriter  # noqa: E402  (a test dependency)

TODAY = dt.date(2026, 5, 20)
T2_HEAD = ["生活全般の解決すべき課題（ニーズ）", "長期目標", "（期間）", "短期目標", "（期間）", "サービス内容", "※1",
           "サービス種別", "※2", "頻度", "期間"]
PERIOD = "R8.4.15～R9.3.31"
SERVICE = ["入浴介助", "○", "通所介護", "デイサービスこぶし", "週2回", PERIOD]
NEED = "膝が痛く入浴できないが、湯船につかりたい"


def _book(path, t1_rows, header=None, hidden_t2_row=False, shapes=()):
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("第1表")
    for r, row in enumerate(t1_rows):
        for c, v in enumerate(row):
            if v is not None:
                ws.write(r, c, v)
    if header:
        ws.set_header(header)
    for cell, text in shapes:
        ws.insert_textbox(cell, text, {"width": 120, "height": 20})
    t2 = wb.add_worksheet("第2表")
    t2.write_row(0, 0, T2_HEAD)
    t2.write_row(1, 0, [NEED, "入浴できる", PERIOD, "体を洗える", PERIOD, *SERVICE])
    if hidden_t2_row:  # the previous plan's short goal, its period over, kept hidden
        t2.write_row(2, 3, ["屋内を伝い歩きで移動できる", "R7.10.1～R8.3.31", "歩行訓練（前回計画）"])
        t2.set_row(2, None, None, {"hidden": True})
    wb.close()
    return path


T1 = [["利用者名", "見本 花子"], ["居宅サービス計画作成（変更）日", "R8.4.10"], ["要介護状態区分", "要介護2"],
      ["説明・同意日", "R8.4.14"], ["総合的な援助の方針", "自宅で入浴を続けられるよう支援します。"]]


def _bad(path, rule=None):
    res = check_file(str(path), load_profile("national"), TODAY)
    assert res.error is None
    return [f for f in res.findings if f.severity.value in ("error", "warning") and (rule is None or f.rule == rule)]


def test_hidden_rows_are_the_previous_plan_and_not_read(tmp_path):
    p = _book(tmp_path / "h.xlsx", T1, hidden_t2_row=True)
    plan = read_plan_file(p)
    assert [s.content.value for s in plan.table2.services()] == ["入浴介助"]
    assert [sg.text.value for sg in plan.table2.short_goals()] == ["体を洗える"]
    assert any("非表示" in n.message and n.loc.cell == "D3" for n in plan.notes)
    assert not [f for f in _bad(p) if f.rule in ("CP121", "CP130", "CP123", "CP177")]


def test_a_value_in_a_text_box_over_the_blank_cell_is_read(tmp_path):
    rows = [list(r) for r in T1]
    rows[0][1] = None  # 利用者名 typed into a text box over B1
    p = _book(tmp_path / "t.xlsx", rows, shapes=[("B1", "見本 花子")])
    plan = read_plan_file(p)
    assert plan.table1.user_name.value == "見本 花子" and plan.table1.user_name.loc.cell == "B1"
    assert any("テキストボックス" in n.message for n in plan.notes)
    assert not _bad(p, "CP101")


def test_a_text_box_away_from_any_label_is_not_a_value(tmp_path):
    p = _book(tmp_path / "n.xlsx", T1, shapes=[("D8", "※ 説明は長女同席で行う")])
    plan = read_plan_file(p)
    assert not any("テキストボックス" in n.message for n in plan.notes)


@pytest.mark.parametrize("label", ["利用者名", "利用者氏名"])
def test_a_field_only_in_the_print_header_is_a_note_not_cp101(tmp_path, label):
    rows = [list(r) for r in T1]
    rows[0][1] = None
    p = _book(tmp_path / "hd.xlsx", rows, header=f"&L{label}　見本 花子　様&R&P / &N")
    plan = read_plan_file(p)
    assert plan.table1.user_name.loc is None
    assert any("ヘッダー" in n.message and "利用者名" in n.message for n in plan.notes)
    assert not _bad(p, "CP101")


def test_a_blank_field_with_an_unrelated_header_is_still_blank(tmp_path):
    rows = [list(r) for r in T1]
    rows[0][1] = None
    p = _book(tmp_path / "u.xlsx", rows, header="&C居宅サービス計画書（利用者用）")
    assert [f.cell for f in _bad(p, "CP101")] == ["B1"]


def _ovals(path):
    """xlsxwriter writes text boxes as rectangles: the empty ones become ovals (a circle drawn over a word)."""
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    for n in parts:
        if n.startswith("xl/drawings/drawing") and n.endswith(".xml"):
            parts[n] = parts[n].replace(b'prst="rect"', b'prst="ellipse"')
    with zipfile.ZipFile(path, "w") as z:
        for n, data in parts.items():
            z.writestr(n, data)


def test_an_oval_over_a_printed_option_is_its_mark(tmp_path):
    rows = [["", "初回", "紹介", "継続", "認定済", "申請中"], ["利用者名", "見本 花子"],
            ["要介護状態区分", "要介護1", "要介護2", "要介護3", "要介護4", "要介護5"], *T1[1:2], *T1[3:]]
    wb = xlsxwriter.Workbook(str(tmp_path / "o.xlsx"))
    ws = wb.add_worksheet("第1表")
    for r, row in enumerate(rows):
        ws.write_row(r, 0, row)
    for cell in ("D1", "E1", "C3"):  # 継続, 認定済, 要介護2
        ws.insert_textbox(cell, "", {"width": 50, "height": 18, "x_offset": 4})
    t2 = wb.add_worksheet("第2表")
    t2.write_row(0, 0, T2_HEAD)
    t2.write_row(1, 0, [NEED, "入浴できる", PERIOD, "体を洗える", PERIOD, *SERVICE])
    wb.close()
    _ovals(tmp_path / "o.xlsx")
    plan = read_plan_file(tmp_path / "o.xlsx")
    t1 = plan.table1
    assert (t1.plan_kind.value, t1.certification_status.value) == ("継続", "認定済")
    assert str(t1.care_level.value.value if hasattr(t1.care_level.value, "value") else t1.care_level.value) == "要介護2"
    assert any("丸" in n.message for n in plan.notes)
    assert not _bad(tmp_path / "o.xlsx", "CP101")


def test_a_formula_saved_without_its_result_is_a_note_not_cp101(tmp_path):
    import openpyxl
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "第1表"
    for row in T1:
        ws.append(row)
    ws["B4"] = "=DATE(2026,4,14)"  # openpyxl saves no computed value: the file was never opened in Excel
    t2 = wb.create_sheet("第2表")
    t2.append(T2_HEAD)
    t2.append([NEED, "入浴できる", PERIOD, "体を洗える", PERIOD, *SERVICE])
    wb.save(tmp_path / "f.xlsx")
    plan = read_plan_file(tmp_path / "f.xlsx")
    assert plan.table1.consent_on.loc is None
    assert any("数式" in n.message for n in plan.notes)
    assert not _bad(tmp_path / "f.xlsx", "CP101")


def test_header_sections_drop_excel_codes():
    assert header_sections('&L&"ＭＳ 明朝,標準"&12利用者名　山田 様&C&P / &N&R作成日 R8.4.10') == \
        ["利用者名　山田 様", "/", "作成日 R8.4.10"]


def test_drawing_anchors_give_the_cells_under_a_shape():
    xml = ('<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" '
           'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><xdr:twoCellAnchor>'
           '<xdr:from><xdr:col>3</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>10</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>'
           '<xdr:to><xdr:col>14</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>11</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>'
           '<xdr:sp><xdr:nvSpPr><xdr:cNvPr id="2" name="t"/><xdr:cNvSpPr txBox="1"/></xdr:nvSpPr><xdr:spPr>'
           '<a:prstGeom prst="rect"/></xdr:spPr><xdr:txBody><a:p><a:r><a:t>一行目</a:t></a:r></a:p><a:p><a:r><a:t>二行目'
           '</a:t></a:r></a:p></xdr:txBody></xdr:sp><xdr:clientData/></xdr:twoCellAnchor></xdr:wsDr>').encode()
    (sh,) = read_drawing(xml)
    assert (sh.top, sh.left, sh.bottom, sh.right, sh.center, sh.text, sh.oval) == (11, 4, 11, 14, (11, 9), "一行目\n二行目", False)


def test_a_formula_whose_result_is_an_empty_string_is_a_blank_cell(tmp_path):
    rows = [list(r) for r in T1]
    rows[0][1] = None
    wb = xlsxwriter.Workbook(str(tmp_path / "e.xlsx"))
    ws = wb.add_worksheet("第1表")
    for r, row in enumerate(rows):
        ws.write_row(r, 0, row)
    ws.write_formula("B1", '=IF(基本情報!C4="","",基本情報!C4)', None, "")  # computed: the name is blank
    wb.add_worksheet("基本情報")
    t2 = wb.add_worksheet("第2表")
    t2.write_row(0, 0, T2_HEAD)
    t2.write_row(1, 0, [NEED, "入浴できる", PERIOD, "体を洗える", PERIOD, *SERVICE])
    wb.close()
    assert [f.cell for f in _bad(tmp_path / "e.xlsx", "CP101")] == ["B1"]


def test_the_extras_are_read_in_the_grid_readers_pass(tmp_path):
    """``readers.load_grid`` (the check's and the export's grid) reads the extras during the grid reader's own
    pass over each sheet (the part is inflated once): hidden rows, the print header and the shapes all arrive."""
    from xl_careplan.readers import load_grid

    path = _book(tmp_path / "p.xlsx", T1, header="&L利用者名　見本 花子", hidden_t2_row=True,
                 shapes=[("D1", "自宅で入浴を続けられるよう支援します。")])
    extras = {sh.name: sh.extras for sh in load_grid(path).sheets if sh.extras is not None}
    assert extras["第2表"].hidden_rows == frozenset({3})
    assert extras["第1表"].header == ["利用者名　見本 花子"]
    assert [s.text for s in extras["第1表"].shapes] == ["自宅で入浴を続けられるよう支援します。"]
