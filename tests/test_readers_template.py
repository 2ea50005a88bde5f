"""read_plan on our template (defined names cp_*): values, locations, hierarchy, problems."""

from __future__ import annotations

import datetime as dt

import pytest

from reader_helpers import PLAN, fill_template, save
from xl_careplan.errors import NotACarePlanError
from xl_careplan.reading import grid_from_openpyxl
from xl_careplan.readers import read_plan, read_plan_file
from xl_careplan.values import CareLevel, Period

D = dt.date


@pytest.fixture(scope="module")
def plan(tmp_path_factory):
    path = save(fill_template(), tmp_path_factory.mktemp("t") / "plan.xlsx")
    return read_plan_file(path)


def test_layout_and_source(plan):
    assert plan.layout == "template"
    assert plan.source.endswith("plan.xlsx")


def test_table1_values_and_cells(plan):
    t1 = plan.table1
    assert t1.user_name.value == "見本 花子" and str(t1.user_name.loc) == "第1表!B4"
    assert t1.created_on.value == D(2026, 4, 10) and t1.created_on.loc.cell == "K1"
    assert t1.care_level.value is CareLevel.KAIGO2
    assert t1.plan_kind.value == "継続" and t1.certification_status.value == "認定済"
    assert t1.cert_period.value == Period(start=D(2026, 4, 1), end=D(2027, 3, 31))
    assert t1.cert_period.loc.cell == "E7"
    assert t1.consent_on.value == D(2026, 4, 15)
    # blank but located: a finding can point at the cell to fill in
    assert t1.changed_on.value is None and t1.changed_on.raw is None and t1.changed_on.loc.cell == "H6"
    assert t1.committee_opinion.blank and t1.committee_opinion.found


def test_table2_hierarchy_and_locations(plan):
    t2 = plan.table2
    assert t2.sheet == "第2表"
    assert [n.number for n in t2.needs] == [1, 2]
    n1, n2 = t2.needs
    assert n1.text.value == PLAN["needs"][0]["text"] and n1.text.loc.cell == "A6"
    assert len(n1.long_goals) == 1 and len(n1.long_goals[0].short_goals) == 2
    sg1, sg2 = n1.long_goals[0].short_goals
    assert sg1.text.loc.cell == "D6" and sg2.text.loc.cell == "D8"
    assert sg1.period.value == Period(start=D(2026, 4, 1), end=D(2026, 9, 30))
    assert [s.content.value for s in sg1.services] == ["歩行訓練", "手すりの貸与"]
    assert [s.content.loc.cell for s in sg1.services] == ["F6", "F7"]
    svc = sg1.services[0]
    assert svc.insured.value is True and svc.service_type.value == "通所リハビリテーション"
    assert svc.provider.value == "見本通所リハ"
    assert svc.frequency.value.kind == "per_week" and svc.frequency.value.count == 2
    assert svc.period.value == Period(start=D(2026, 4, 1), end=D(2026, 9, 30)) and svc.period.loc.cell == "K6"
    assert n2.text.loc.cell == "A9"
    services2 = n2.services()
    assert [s.content.loc.cell for s in services2] == ["F9", "F10"]
    assert services2[0].frequency.value.weekdays == ["水"]
    assert services2[1].insured.value is None and services2[1].insured.loc.cell == "G10"
    assert len(t2.services()) == 5


def test_table3_entries(plan):
    t3 = plan.table3
    got = sorted((e.weekday, e.time, e.text, str(e.loc)) for e in t3.entries)
    assert got == sorted([
        ("火", "10:00", "通所リハビリ", "第3表!E10"),  # merged E10:E11 counts once
        ("金", "10:00", "通所リハビリ", "第3表!H10"),
        ("水", "14:00", "訪問介護", "第3表!F12"),
    ])
    assert t3.daily_activities.value == "起床 / 昼食 / 就寝" and t3.daily_activities.loc.cell == "K8"
    assert t3.non_weekly.value == PLAN["non_weekly"] and t3.non_weekly.loc.cell == "D19"


def test_table4_assessment_monitoring_acks(plan):
    assert plan.table4.held_on.value == D(2026, 4, 12) and plan.table4.held_on.loc.cell == "B4"
    assert plan.table4.conclusion.value == "原案どおり実施する。"
    a = plan.assessment
    assert a.assessed_on.value == D(2026, 4, 5) and a.assessed_on.loc.cell == "E2"
    assert [i.number for i in a.items] == list(range(1, 24))
    health = a.items[9]
    assert health.name == "健康状態" and health.status.value == "膝の痛みがある"
    assert health.has_issue.value is True and health.need_refs.value == [1] and health.need_refs.loc.cell == "E14"
    assert a.items[0].has_issue.value is False
    m = plan.monitoring
    assert m.header_row == 4 and [r.row for r in m.rows] == [5, 6]
    assert m.rows[0].done_on.value == D(2026, 5, 11) and m.rows[0].done_on.loc.cell == "C5"
    assert m.rows[1].done_on.blank and m.rows[1].done_on.loc.cell == "C6"
    (ack,) = plan.acknowledgements
    assert (ack.rule, ack.sheet, ack.cell, ack.reason) == ("AS201", "第2表", "E6", PLAN["acks"][0][3])
    assert str(ack.loc) == "方針と異なる理由!A4"


def test_unreadable_values_become_problems_not_exceptions():
    wb = fill_template()
    wb["第1表"]["H14"] = "R8.13.1"  # 交付日: no such month
    wb["第1表"]["B8"] = "要介護9"
    wb["第1表"]["E7"] = "いつか"
    wb["第2表"]["J6"] = "ときどき気が向いたら"
    wb["第2表"]["G6"] = "たぶん"
    wb["アセスメント"]["E14"] = "全部"
    plan = read_plan(grid_from_openpyxl(wb), "x.xlsx")
    t1 = plan.table1
    for lv, cell in ((t1.delivered_on, "H14"), (t1.care_level, "B8"), (t1.cert_period, "E7")):
        assert lv.value is None and lv.problem and lv.loc.cell == cell
    assert t1.delivered_on.raw == "R8.13.1"
    assert t1.cert_period.raw.startswith("いつか")
    svc = plan.table2.needs[0].long_goals[0].short_goals[0].services[0]
    assert svc.frequency.problem and svc.frequency.raw == "ときどき気が向いたら" and svc.frequency.loc.cell == "J6"
    assert svc.insured.problem and svc.insured.value is None
    assert plan.assessment.items[9].need_refs.problem


def test_template_with_whole_period_in_one_cell():
    wb = fill_template()
    wb["第1表"]["E7"] = "令和8年4月1日～令和9年3月31日"
    wb["第1表"]["G7"] = None
    plan = read_plan(grid_from_openpyxl(wb), "x.xlsx")
    assert plan.table1.cert_period.value == Period(start=D(2026, 4, 1), end=D(2027, 3, 31))


def test_vertical_merge_counts_once_horizontal_merge_per_day():
    wb = fill_template()
    ws = wb["第3表"]
    ws["D13"] = "通所介護"
    ws.merge_cells("D13:F14")  # 月火水 14:00-18:00
    plan = read_plan(grid_from_openpyxl(wb), "x.xlsx")
    day_entries = [(e.weekday, e.time, str(e.loc)) for e in plan.table3.entries if e.text == "通所介護"]
    assert sorted(day_entries) == sorted([("月", "16:00", "第3表!D13"), ("火", "16:00", "第3表!D13"), ("水", "16:00", "第3表!D13")])


def test_blank_workbook_is_not_a_care_plan():
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active["A1"] = "売上集計"
    wb.active["B2"] = 100
    with pytest.raises(NotACarePlanError) as ei:
        read_plan(grid_from_openpyxl(wb), "売上.xlsx")
    assert str(ei.value) == "売上.xlsx: 居宅サービス計画書（第1表・第2表）が見つかりません"


def test_optional_sheets_missing_give_none():
    wb = fill_template()
    for name in ("第3表", "第4表", "アセスメント", "モニタリング", "方針と異なる理由"):
        del wb[name]
    plan = read_plan(grid_from_openpyxl(wb), "x.xlsx")
    assert (plan.table3, plan.table4, plan.assessment, plan.monitoring) == (None, None, None, None)
    assert plan.acknowledgements == []
    assert plan.table1.user_name.value == "見本 花子" and len(plan.table2.needs) == 2


def test_template_with_inserted_column_still_reads_table2():
    """An office inserts a column in 第2表: the header labels, not the template columns, decide."""
    wb = fill_template()
    ws = wb["第2表"]
    ws.insert_cols(2)  # openpyxl shifts values (not merges); re-read the shifted layout through the labels
    ws.merged_cells.ranges = set()
    plan = read_plan(grid_from_openpyxl(wb), "x.xlsx")
    n1 = plan.table2.needs[0]
    assert n1.long_goals[0].text.loc.cell == "C6"
    assert n1.long_goals[0].short_goals[0].services[0].frequency.loc.cell == "K6"


def test_repeated_values_are_parsed_once_but_not_shared():
    wb = fill_template()
    plan = read_plan(grid_from_openpyxl(wb), "x.xlsx")
    s1, s2 = plan.table2.services()[:2]
    assert s1.period.value == s2.period.value and s1.period.value is not s2.period.value
    assert s1.period.loc.cell == "K6" and s2.period.loc.cell == "K7"
    again = read_plan(grid_from_openpyxl(wb), "x.xlsx")
    again.table2.services()[0].frequency.value.weekdays.append("日")
    assert plan.table2.services()[0].frequency.value.weekdays == []
