"""Classes of reading failure the round-4 blind layouts (benchmarks/reading_corpus/layouts/blind_vendor.py,
blind_a3.py, blind_input.py) exposed on their first run; each test builds a small workbook laid out that way.

- sheets that are not the plan: hidden / very hidden sheets, a prefecture's 記入例 left in the workbook;
- a 第2表 printed beside the 第1表 on one A3 sheet, continued on a later sheet;
- the same 第2表 twice (an input sheet and the printed form that pulls it in by formula);
- a software export: 認定の有効期間 as two rows （開始日）/（終了日）, codes with their name beside them
  (「22 | 要介護２」), yyyymmdd numbers, 「課題分析実施日」;
- a period field holding one date and no end, a 要介護状態区分 as a bare number: doubts, not unreadable values;
- a bracketed choice whose option carries its own parenthesis (「(3.その他（…）)」).
"""

import datetime as dt

from xl_careplan import fields as F
from xl_careplan import parsing as P
from xl_careplan.grid import SheetGrid, WorkbookGrid
from xl_careplan.readers import read_plan, read_plan_file
from xl_careplan.readers.sheet_extras import SheetExtras
from xl_careplan.values import CareLevel

T2_HEAD = ["生活全般の解決すべき課題（ニーズ）", "長期目標", "（期間）", "短期目標", "（期間）", "サービス内容", "※1",
           "サービス種別", "※2", "頻度", "期間"]
PERIOD = "R8.4.15～R9.3.31"
NEED_A = "膝が痛く入浴できないが、湯船につかりたい"
NEED_B = "薬を飲み忘れるが、持病を悪化させたくない"
T1_ROWS = [["利用者名", "見本 花子"], ["居宅サービス計画作成（変更）日", "R8.4.10"], ["要介護状態区分", "要介護2"],
           ["説明・同意日", "R8.4.14"]]


def _row(need, content="入浴介助"):
    return [need, "入浴できる", PERIOD, "体を洗える", PERIOD, content, "○", "通所介護", "デイこぶし", "週2回", PERIOD]


def _t1() -> SheetGrid:
    return SheetGrid.from_rows("第1表", T1_ROWS)


def _read(*sheets: SheetGrid):
    return read_plan(WorkbookGrid(sheets=list(sheets), names={}), source="test.xlsx")


def _needs(plan) -> list[str]:
    return [n.text.value for n in plan.table2.needs]


def test_a_hidden_sheet_is_not_read_as_the_plan():
    old = SheetGrid.from_rows("前回", [T2_HEAD, _row("前回のニーズ：一人で外出できない")])
    old.extras = SheetExtras(hidden_sheet=True)
    plan = _read(_t1(), SheetGrid.from_rows("第2表", [T2_HEAD, _row(NEED_A)]), old)
    assert _needs(plan) == [NEED_A]
    assert any(n.part == "前回" and "非表示" in n.message for n in plan.notes)


def test_a_filled_in_example_sheet_is_not_read_as_the_plan():
    example = SheetGrid.from_rows("記入例", [*T1_ROWS, [], T2_HEAD, _row("（記入例）歩いて買物に行きたい")])
    plan = _read(_t1(), SheetGrid.from_rows("第2表", [T2_HEAD, _row(NEED_A)]), example)
    assert _needs(plan) == [NEED_A]
    assert any(n.part == "記入例" and "記入例" in n.message for n in plan.notes)


def test_hidden_and_example_sheets_are_read_when_nothing_else_is_there():
    plan = _read(SheetGrid.from_rows("記入例", [*T1_ROWS, [], T2_HEAD, _row(NEED_A)]))
    assert _needs(plan) == [NEED_A]


def test_a_hidden_sheet_in_a_file_is_left_out(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    for title, rows, state in (("第1表", T1_ROWS, "visible"), ("第2表", [T2_HEAD, _row(NEED_A)], "visible"),
                               ("前回の計画", [T2_HEAD, _row(NEED_B)], "veryHidden")):
        ws = wb.create_sheet(title)
        ws.sheet_state = state
        for row in rows:
            ws.append(row)
    wb.remove(wb["Sheet"])
    wb.save(tmp_path / "b.xlsx")
    plan = read_plan_file(tmp_path / "b.xlsx")
    assert _needs(plan) == [NEED_A]


def test_a_table2_beside_the_table1_on_one_sheet_and_its_continuation_in_workbook_order():
    # A3: 第1表 in A:B, 第2表 from D on the same rows — the 第1表 labels beside the table are not the table's
    left = [["第１表", "居宅サービス計画書（１）"], *T1_ROWS, ["認定日", "R8.4.1"], ["住所", "名寄市"]]
    right = [T2_HEAD, _row(NEED_A)]
    rows = [(left[i] if i < len(left) else ["", ""]) + [""] + (right[i] if i < len(right) else [])
            for i in range(max(len(left), len(right)))]
    rows[1][3:] = T2_HEAD  # the header on the 第1表's second row, needs beside its labels
    rows[0][3:] = ["第２表", "居宅サービス計画書（２）"]
    rows[2][3:] = _row(NEED_A)
    plan = _read(SheetGrid.from_rows("計画書（１）（２）", rows),
                 SheetGrid.from_rows("第2表（2）", [T2_HEAD, _row(NEED_B, "服薬確認")]))
    assert _needs(plan) == [NEED_A, NEED_B]
    assert [n.number for n in plan.table2.needs] == [1, 2]
    assert plan.table1.user_name.value == "見本 花子"


def test_the_same_table2_on_an_input_sheet_is_read_once_from_the_fuller_form():
    entry = SheetGrid.from_rows("記入シート", [
        ["課題", "長期目標", "短期目標", "サービス内容", "種別", "事業所", "頻度"],
        [NEED_A, "入浴できる", "体を洗える", "入浴介助", "通所介護", "デイこぶし", "週2回"],
        [NEED_B, "薬を飲める", "声かけで飲める", "服薬確認", "訪問看護", "あおば", "週1回"]])
    printed = SheetGrid.from_rows("第2表（印刷用）", [T2_HEAD, _row(NEED_A), _row(NEED_B, "服薬確認")])
    plan = _read(_t1(), entry, printed)
    assert _needs(plan) == [NEED_A, NEED_B]
    assert plan.table2.needs[0].text.loc.sheet == "第2表（印刷用）"
    assert any("写し" in n.message and "記入シート" in n.message for n in plan.notes)
    t2 = next(f for f in plan.forms if f.part == F.SHEET_T2)
    assert t2.sheets == ["第2表（印刷用）"]


def test_a_continuation_with_new_needs_is_not_a_copy():
    plan = _read(_t1(), SheetGrid.from_rows("第2表", [T2_HEAD, _row(NEED_A)]),
                 SheetGrid.from_rows("第2表（2）", [T2_HEAD, _row(NEED_A), _row(NEED_B, "服薬確認")]))
    assert _needs(plan) == [NEED_A, NEED_B]


def _export(rows) -> SheetGrid:
    return SheetGrid.from_rows("計画書1", [["項目コード", "項目名", "設定値", "名称"], *rows])


def test_software_export_period_rows_codes_with_names_and_number_dates():
    plan = _read(_export([
        ["A002", "利用者氏名", "見本 花子", ""],
        ["B001", "作成区分", 2, "紹介"],
        ["B005", "居宅サービス計画作成（変更）日", 20260410, ""],
        ["B008", "認定の有効期間（開始日）", 20260401, ""],
        ["B009", "認定の有効期間（終了日）", 20270331, ""],
        ["B010", "要介護状態区分", 22, "要介護２"],
        ["C004", "生活援助中心型の算定理由", 1, "一人暮らし"],
    ]), SheetGrid.from_rows("計画書2", [T2_HEAD, _row(NEED_A)]))
    t1 = plan.table1
    assert (t1.cert_period.value.start, t1.cert_period.value.end) == (dt.date(2026, 4, 1), dt.date(2027, 3, 31))
    assert t1.created_on.value == dt.date(2026, 4, 10)
    assert t1.care_level.value == CareLevel.KAIGO2 and t1.care_level.loc.cell == "D7"
    assert t1.plan_kind.value == "紹介"
    assert t1.living_support_reason.value == "一人暮らし" and t1.living_support_reason.loc.cell == "D8"


def test_period_rows_with_the_end_left_blank_is_a_period_with_its_start_only():
    plan = _read(_export([["A002", "利用者氏名", "見本 花子", ""], ["B005", "居宅サービス計画作成（変更）日", 20260410, ""],
                          ["B008", "認定の有効期間（開始日）", 20260401, ""], ["B009", "認定の有効期間（終了日）", "", ""]]),
                 SheetGrid.from_rows("計画書2", [T2_HEAD, _row(NEED_A)]))
    cp = plan.table1.cert_period
    assert cp.problem is None and cp.value is not None and cp.value.start == dt.date(2026, 4, 1) and cp.value.end is None


def test_one_date_in_a_period_field_with_no_end_is_a_doubt_not_an_unreadable_period():
    plan = _read(SheetGrid.from_rows("第1表", [*T1_ROWS, ["認定の有効期間", "R8.4.1"]]),
                 SheetGrid.from_rows("第2表", [T2_HEAD, _row(NEED_A)]))
    cp = plan.table1.cert_period
    assert cp.value is None and cp.problem is None
    assert any("認定の有効期間" in n.message for n in plan.notes)


def test_assessment_date_label_in_other_words():
    plan = _read(_t1(), SheetGrid.from_rows("第2表", [T2_HEAD, _row(NEED_A)]), SheetGrid.from_rows("課題分析", [
        ["課題分析実施日", "2026/04/08"], [],
        ["項目番号", "課題分析標準項目名", "状況", "課題", "関連課題NO"],
        [10, "健康状態", "高血圧症", "○", "1"]]))
    assert plan.assessment.assessed_on.value == dt.date(2026, 4, 8)


def test_a_bracketed_option_with_its_own_parenthesis_is_marked():
    text = "1.一人暮らし・2.家族等が障害、疾病等・(3.その他（長女は遠方）)"
    assert P.parse_choice(text, F.LIVING_SUPPORT_CHOICES) == "3. その他"
    assert P.parse_choice("(1.一人暮らし)・2.家族等が障害、疾病等・3.その他（　）", F.LIVING_SUPPORT_CHOICES) == "1. 一人暮らし"


def test_a_care_level_written_as_a_bare_number_is_a_doubt():
    for level in ("2", 2):
        plan = _read(SheetGrid.from_rows("第1表", [*T1_ROWS[:2], ["要介護状態区分", level]]),
                     SheetGrid.from_rows("第2表", [T2_HEAD, _row(NEED_A)]))
        cl = plan.table1.care_level
        assert cl.value is None and cl.problem is None and cl.raw == "2"
        assert any("要介護状態区分" in n.message and "B3" in n.message for n in plan.notes)


def test_the_previous_plan_kept_on_its_own_sheets_is_not_read_with_the_current_one():
    old_t1 = SheetGrid.from_rows("第1表（前回）", [["利用者名", "見本 花子"], ["居宅サービス計画作成（変更）日", "R7.4.10"]])
    old_t2 = SheetGrid.from_rows("第2表（前回）", [T2_HEAD, _row(NEED_A), _row("前回のニーズ：一人で外出したい")])
    plan = _read(_t1(), SheetGrid.from_rows("第2表", [T2_HEAD, _row(NEED_A)]), old_t1, old_t2)
    assert _needs(plan) == [NEED_A]
    assert plan.table1.created_on.value == dt.date(2026, 4, 10)
    assert {n.part for n in plan.notes if "前の計画" in n.message} == {"第1表（前回）", "第2表（前回）"}
    # the only 第2表 on a sheet so named is still read
    plan = _read(_t1(), SheetGrid.from_rows("第2表（変更前から修正）", [T2_HEAD, _row(NEED_A)]))
    assert _needs(plan) == [NEED_A]
