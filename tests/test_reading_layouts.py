"""Layout classes of office and software forms, each on a small workbook made here (not from samples/):
choices as cells with the mark in the cell before, levels printed in groups, software codes, periods split in
開始/終了, a value box below its label, attendee grids, 第2表 periods in two columns."""

from __future__ import annotations

import datetime as dt

import openpyxl

from xl_careplan.readers import read_plan
from xl_careplan.readers.single import _care_level
from xl_careplan.reading import grid_from_openpyxl
from xl_careplan.values import CareLevel

D = dt.date


def _plan(wb):
    return read_plan(grid_from_openpyxl(wb), "x.xlsx")


def _base(title: str = "計画書1"):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    ws["A1"] = "利用者名"
    ws["B1"] = "試験 花"
    ws["A2"] = "作成日"
    ws["B2"] = "令和8年4月10日"
    return wb, ws


def test_choices_as_cells_with_the_mark_in_the_cell_before():
    wb, ws = _base()
    ws["A3"] = "要介護状態区分"
    for i, (mark, level) in enumerate([("", "要支援１"), ("", "要支援２"), ("", "要介護１"), ("レ", "要介護２"), ("", "要介護３")]):
        if mark:
            ws.cell(3, 2 + 2 * i, mark)
        ws.cell(3, 3 + 2 * i, level)
    ws["D4"] = "○"  # no label: 初回 / 紹介 / 継続 as cells
    for col, o in ((3, "初回"), (5, "紹介"), (7, "継続")):
        ws.cell(4, col, o)
    ws["A5"] = "生活援助中心型の算定理由"
    for col, o in ((3, "1.一人暮らし"), (6, "2.家族等が障害、疾病等"), (9, "3.その他（　）")):
        ws.cell(5, col, o)  # nothing marked: blank
    t1 = _plan(wb).table1
    assert t1.care_level.value is CareLevel.KAIGO2 and t1.care_level.loc.cell == "B3"
    assert t1.plan_kind.value == "紹介"
    lv = t1.living_support_reason
    assert lv.loc is not None and lv.value is None and not lv.raw and not lv.problem


def test_levels_printed_in_groups():
    assert _care_level("要支援（１・２）　要介護（ 1　・　■2　・　3　・　4　・　5 ）") is CareLevel.KAIGO2
    assert _care_level("要支援（○1・2）　要介護（1・2・3・4・5）") is CareLevel.SHIEN1


def test_software_codes_and_periods_split_by_labels():
    wb, ws = _base()
    for col, (h, v) in enumerate([("計画区分", "2:紹介"), ("認定状況", "1:認定済"), ("認定有効期間（開始）", "2026/4/1"),
                                  ("認定有効期間（終了）", "2027/3/31")], start=1):
        ws.cell(4, col, h)
        ws.cell(5, col, v)
    t1 = _plan(wb).table1
    assert t1.plan_kind.value == "紹介" and t1.certification_status.value == "認定済"
    per = t1.cert_period.value
    assert (per.start, per.end) == (D(2026, 4, 1), D(2027, 3, 31)) and t1.cert_period.loc.cell == "C5"
    ws["D5"] = None  # the end left blank: a period with its start only (CP111 says so), not unreadable
    cp = _plan(wb).table1.cert_period
    assert cp.value.start == D(2026, 4, 1) and cp.value.end is None and not cp.problem


def test_blank_value_box_below_its_label():
    wb, ws = _base()
    ws["A7"] = "総合的な援助の方針"
    ws.merge_cells("A8:F8")
    t1 = _plan(wb).table1
    assert t1.overall_policy.loc.cell == "A8" and t1.overall_policy.blank


def test_attendee_grid_is_read_whole():
    wb, ws = _base()
    s4 = wb.create_sheet("担当者会議")
    s4["A1"] = "開催日"
    s4["B1"] = "令和8年4月12日"
    s4["A2"] = "会議出席者"
    s4.merge_cells("A2:A4")
    s4["B2"], s4["C2"] = "所属（職種）", "氏名"
    s4["B3"], s4["C3"] = "本人", "試験 花"
    s4["B4"], s4["C4"] = "試験デイ 生活相談員", "山田 一"
    s4["A5"] = "検討した項目"
    s4["B5"] = "原案について"
    t4 = _plan(wb).table4
    assert t4.attendees.value == "本人、試験 花、試験デイ 生活相談員、山田 一" and t4.attendees.loc.cell == "B3"
    assert t4.topics.value == "原案について"


def test_table2_periods_in_two_columns_and_marks_with_codes():
    wb, ws = _base()
    s2 = wb.create_sheet("計画書2")
    heads = ["課題", "長期目標", "長期目標期間開始", "長期目標期間終了", "短期目標", "短期目標期間開始", "短期目標期間終了",
             "サービス内容", "保険給付対象", "サービス種別", "事業所名", "頻度", "期間開始", "期間終了"]
    for c, h in enumerate(heads, start=1):
        s2.cell(1, c, h)
    row = ["入浴したい", "見守りで入浴できる", D(2026, 4, 15), D(2027, 3, 31), "週2回入浴する", D(2026, 4, 15),
           D(2026, 10, 14), "入浴介助", "対象", "通所介護", "試験デイ", "週2回", D(2026, 4, 15), D(2026, 10, 14)]
    for r in (2, 3):
        for c, v in enumerate(row, start=1):
            s2.cell(r, c, v)
    s2.cell(3, 8, "機能訓練")
    plan = _plan(wb)
    (need,) = plan.table2.needs
    (lg,) = need.long_goals
    assert (lg.period.value.start, lg.period.value.end) == (D(2026, 4, 15), D(2027, 3, 31)) and lg.period.loc.cell == "C2"
    (sg,) = lg.short_goals
    assert len(sg.services) == 2 and sg.services[1].period.value.end == D(2026, 10, 14)
    assert sg.services[0].insured.value is True
    assert plan.form("第2表").columns["service_period"] == "M"


def test_weekly_plan_kept_as_a_list_of_visits():
    wb, ws = _base()
    s3 = wb.create_sheet("週間計画一覧")
    for c, h in enumerate(["曜日", "開始時刻", "終了時刻", "サービス種類", "事業所"], start=1):
        s3.cell(1, c, h)
    s3.append(["火", "10:00", "16:00", "通所介護", "試験デイ"])
    s3.append(["月・木", "14:00", "15:00", "訪問介護", "試験ヘルパー"])
    s3["A5"], s3["B5"] = "週単位以外のサービス", "福祉用具貸与"
    t3 = _plan(wb).table3
    assert [(e.weekday, e.time, e.text, e.loc.cell) for e in t3.entries] == [
        ("火", "10:00", "通所介護", "D2"), ("月", "14:00", "訪問介護", "D3"), ("木", "14:00", "訪問介護", "D3")]
    assert t3.non_weekly.value == "福祉用具貸与"


def test_period_with_an_unfilled_printed_end():
    wb, ws = _base()
    ws["A3"] = "認定の有効期間"
    ws["B3"] = "令和8年4月1日～令和　　年　　月　　日"
    cp = _plan(wb).table1.cert_period
    assert cp.value.start == D(2026, 4, 1) and cp.value.end is None and not cp.problem


def test_check_mark_after_a_space_marks_the_next_option():
    from xl_careplan import fields as F
    from xl_careplan.parsing import parse_choice

    assert parse_choice("　1.一人暮らし 　2.家族等が障害、疾病等 レ3.その他（長女が遠方）", F.LIVING_SUPPORT_CHOICES) == "3. その他"
    assert parse_choice("初回 レ紹介 継続", ("初回", "紹介", "継続")) == "紹介"
