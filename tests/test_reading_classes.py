"""The reader on office forms written independently of samples/ (tests/office_forms.py), one class of
layout at a time: clean plans give no error or warning, planted problems are found at their cell, and
every finding has a sheet and a cell."""

from __future__ import annotations

import pytest

from office_forms import TODAY, office_workbook, save
from xl_careplan.pipeline import check_file
from xl_careplan.profiles import load_profile
from xl_careplan.readers import read_plan_file

NATIONAL = load_profile("national")

CLEAN = {
    "side by side, captions next to the consent date": {},
    "values below labels": {"values_below": True},
    "label and value in one cell": {"inline": True},
    "○ mark": {"living_mark": "○"},
    "レ mark": {"living_mark": "レ"},
    "第2表 (2)": {"split_t2": "第2表 (2)"},
    "第2表(2)": {"split_t2": "第2表(2)"},
    "第2表 その2": {"split_t2": "第2表 その2"},
    "モニタリング表 実施日/方法 居宅": {"monitoring": ("モニタリング表", ("実施日", "方法", "内容・評価"), "居宅")},
    "経過記録 訪問日/場所 訪問": {"monitoring": ("経過記録", ("訪問日", "場所", "所見"), "訪問")},
    "a sheet of any name: 面接日/方法・場所": {"monitoring": ("Sheet5", ("面接日", "方法・場所", "目標の達成状況"), "居宅")},
    "開催日時 with weekday and time": {"t4": ("担当者会議", "開催日時", "令和8年4月12日（日）14:00～14:30")},
    "開催年月日 R8.4.12": {"t4": ("会議", "開催年月日", "R8.4.12")},
    "関連するニーズ№": {"assessment": ("課題分析", "関連するニーズ№")},
    "ニーズNo.": {"assessment": ("アセスメントシート", "ニーズNo.")},
    "関連課題No on a sheet of another name": {"assessment": ("基本情報", "関連課題No")},
    "frequency 購入時1回": {"equipment_frequency": "購入時1回"},
    "frequency 必要時": {"equipment_frequency": "必要時"},
    "frequency 随時（月1回程度）": {"equipment_frequency": "随時（月1回程度）"},
    "frequency 1回（購入時）": {"equipment_frequency": "1回（購入時）"},
    "frequency 適宜": {"equipment_frequency": "適宜"},
    "第2表 as a software export": {"t2_style": "export"},
    "第2表 export over two sheets": {"t2_style": "export", "split_t2": "第2表(2)"},
    "第2表 periods 「同上」": {"t2_style": "export-ditto"},
    "第3表 on a sheet of any name": {"t3_sheet": "週間"},
    "第1表 labels in other words": {"relabel": {
        "説明・同意日": "計画の説明・同意年月日", "作成年月日": "計画作成(変更)年月日", "要介護状態区分": "要介護状態区分等",
        "認定の有効期間": "認定有効期限", "利用者名": "利用者氏名（ふりがな）", "認定日": "要介護認定年月日"}},
    "第1表 labels in other words, values below": {"values_below": True, "relabel": {
        "説明・同意日": "同意年月日", "生活援助中心型の算定理由": "生活援助中心型を算定する理由"}},
}


def _check(tmp_path, **options):
    path = save(office_workbook(**options), tmp_path / "plan.xlsx")
    res = check_file(path, NATIONAL, TODAY)
    assert res.error is None, res.error
    assert all(f.sheet and f.cell for f in res.findings), [(f.rule, f.sheet, f.cell) for f in res.findings]
    return path, res


@pytest.mark.parametrize("options", CLEAN.values(), ids=CLEAN.keys())
def test_clean_office_forms_have_no_error_or_warning(tmp_path, options):
    _path, res = _check(tmp_path, **options)
    loud = [(f.rule, f.sheet, f.cell, f.message) for f in res.findings if f.severity.value != "info"]
    assert loud == []
    assert not [f for f in res.findings if f.rule == "CP001"], [f.message for f in res.findings if f.rule == "CP001"]


def test_software_export_table2_columns(tmp_path):
    path, _ = _check(tmp_path, t2_style="export")
    plan = read_plan_file(path)
    cols = plan.form("第2表").columns
    assert cols == {"need": "A", "long_goal": "B", "long_period": "C", "short_goal": "D", "short_period": "E",
                    "content": "F", "insured": "G", "service_type": "H", "provider": "I", "frequency": "J",
                    "service_period": "K"}
    assert len(plan.table2.needs) == 3 and len(plan.table2.services()) == 6


def test_ditto_takes_the_value_above_at_its_own_cell(tmp_path):
    path, _ = _check(tmp_path, t2_style="export-ditto")
    services = read_plan_file(path).table2.services()
    assert all(s.period.value is not None and s.period.value.end.isoformat() == "2026-10-14" for s in services)
    assert str(services[1].period.loc) == "第2表!K5" and services[1].period.raw == "同上"


def test_second_page_of_table2_is_part_of_the_plan(tmp_path):
    path, _ = _check(tmp_path, split_t2="第2表 (2)")
    plan = read_plan_file(path)
    assert [n.number for n in plan.table2.needs] == [1, 2, 3]
    assert plan.table2.needs[2].text.loc.sheet == "第2表 (2)"
    assert plan.form("第2表").sheets == ["第2表", "第2表 (2)"]


def test_a_service_only_on_the_second_page_is_in_the_plan(tmp_path):
    # 訪問介護 is only on 「第2表 (2)」: read as part of the plan, so 第3表's 訪問介護 is no CP152 and CP140 sees it
    _path, res = _check(tmp_path, split_t2="第2表 (2)", living_mark=None)
    assert [(f.rule, f.cell) for f in res.findings if f.rule in ("CP140", "CP152")] == [("CP140", "C16")]


@pytest.mark.parametrize("mark", [None])
def test_unmarked_living_support_list_is_blank_so_cp140(tmp_path, mark):
    _path, res = _check(tmp_path, living_mark=mark)
    assert [(f.rule, f.sheet, f.cell) for f in res.findings if f.severity.value != "info"] == [
        ("CP140", "居宅サービス計画書（１）", "C16")]


def test_values_and_captions(tmp_path):
    path, _ = _check(tmp_path, captions=True)
    t1 = read_plan_file(path).table1
    assert t1.consent_on.value.isoformat() == "2026-04-14" and str(t1.consent_on.loc) == "居宅サービス計画書（１）!C17"
    path, _ = _check(tmp_path, inline=True)
    t1 = read_plan_file(path).table1
    assert t1.created_on.value.isoformat() == "2026-04-10" and str(t1.created_on.loc) == "居宅サービス計画書（１）!A3"
    assert t1.certified_on.value.isoformat() == "2026-03-20"


@pytest.mark.parametrize("options,expect", [
    # a label in other words still finds its (blank) value cell
    ({"relabel": {"説明・同意日": "計画の説明・同意年月日"}, "blank": ("計画の説明・同意年月日",)},
     [("CP101", "居宅サービス計画書（１）", "C17")]),
    # a blank consent date next to the printed 利用者同意欄 / 署名 / 印 is blank, not the caption
    ({"blank": ("説明・同意日",)}, [("CP101", "居宅サービス計画書（１）", "C17")]),
    # values below labels: a blank value cell does not take the next label
    ({"values_below": True, "blank": ("説明・同意日",)}, [("CP101", "居宅サービス計画書（１）", "G12")]),
    ({"values_below": True, "blank": ("作成年月日",)}, [("CP101", "居宅サービス計画書（１）", "A4")]),
    # an unfilled printed date skeleton is blank, not unreadable
    ({"skeleton": ("説明・同意日",)}, [("CP101", "居宅サービス計画書（１）", "C17")]),
    # 「未実施」 in a date column: no visit that month (CP170 at the next free row), not an unreadable date
    ({"missed_month": 9}, [("CP170", "モニタリング記録", "A12")]),
    # visits by phone only, on a monitoring sheet recognised by its content
    ({"monitoring": ("支援記録", ("実施日時", "実施場所", "モニタリング内容"), "電話")},
     [("CP170", "支援記録", f"A{r}") for r in range(12, 18)]),
])
def test_planted_problems_at_their_cell(tmp_path, options, expect):
    _path, res = _check(tmp_path, **options)
    assert sorted((f.rule, f.sheet, f.cell) for f in res.findings if f.severity.value != "info") == sorted(expect)


def test_missing_monitoring_sheet_is_a_reading_note_not_an_error(tmp_path):
    _path, res = _check(tmp_path, monitoring=None, t4=None, assessment=None)
    assert [f for f in res.findings if f.severity.value != "info"] == []
    (note,) = [f for f in res.findings if f.rule == "CP001"]
    assert "モニタリング" in note.message and "第4表" in note.message and "アセスメント" in note.message


def test_words_in_a_period_column_are_a_reading_note_not_cp102(tmp_path):
    wb = office_workbook()
    wb["第2表"]["K6"] = "短期目標の期間と同じ"
    path = save(wb, tmp_path / "plan.xlsx")
    res = check_file(path, NATIONAL, TODAY)
    assert [f for f in res.findings if f.severity.value != "info"] == []
    (note,) = [f for f in res.findings if f.rule == "CP001"]
    assert "K6「短期目標の期間と同じ」" in note.message and (note.sheet, note.cell) == ("第2表", "K6")
    wb["第2表"]["K6"] = "R8.4.15～R8.13.14"  # looks like a period but is impossible: still unreadable
    res = check_file(save(wb, tmp_path / "plan2.xlsx"), NATIONAL, TODAY)
    assert [(f.rule, f.cell) for f in res.findings if f.severity.value != "info"] == [("CP102", "K6")]
