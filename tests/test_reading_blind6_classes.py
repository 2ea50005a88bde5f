"""Classes of reading failure the round-6 blind layout (benchmarks/reading_corpus/layouts/blind6_a.py) exposed on its
first run; each test builds a small workbook laid out that way.

- labels of a localised form with an English caption: 「User name / 利用者名」「利用者名 / User name」
  「利用者名（User name）」 — the English half is neither the value nor a reason not to know the label;
- a 第2表 where 長期目標 and 短期目標 share one column 「目標（長期・短期）」 (「【長期】…\n【短期】…」) and their periods
  one cell (「長期：…\n短期：…」): read as the two goals, a blank part a blank goal; a cell that does not say which
  part is which is read the same for both (never a blank: no CP123 from a doubt);
- a 第3表 turned over (the weekdays down a column, the time bands across a row): read as the grid turned back, every
  entry at its own cell, a reading note.
"""

import datetime as dt

import pytest

from xl_careplan.grid import SheetGrid, WorkbookGrid
from xl_careplan.pipeline import check_plan
from xl_careplan.profiles import load_profile
from xl_careplan.readers import read_plan

TODAY = dt.date(2026, 11, 20)
POLICY = "住み慣れた自宅で暮らし続けたいというご本人の希望を大切にし、自分でできることを増やせるよう支援します。"
INTENT = "本人：自分のことは自分でしながら暮らしたい。長女：できる範囲で手伝いたい。"


def _read(*sheets: SheetGrid):
    return read_plan(WorkbookGrid(sheets=list(sheets), names={}), source="test.xlsx")


def _bilingual(style: str) -> SheetGrid:
    def lab(ja, en):
        return {"en": f"{en} / {ja}", "ja": f"{ja} / {en}", "paren": f"{ja}（{en}）"}[style]
    return SheetGrid.from_rows("Sheet1", [
        ["計画 / Plan", lab("作成年月日", "Date created"), "令和8年4月10日"],
        ["利用者 / Client", lab("利用者名", "User name"), "見本 花子"],
        ["", lab("認定の有効期間", "Valid period"), "令和8年4月1日～令和9年3月31日"],
        ["", lab("要介護状態区分", "Care level"), "要介護２"],
        ["", lab("利用者及び家族の生活に対する意向を踏まえた課題分析の結果", "Wishes and assessment"), INTENT],
        ["", lab("総合的な援助の方針", "Overall policy"), POLICY],
        ["", lab("説明・同意日", "Date of consent"), "令和8年4月14日"],
    ])


@pytest.mark.parametrize("style", ["en", "ja", "paren"])
def test_bilingual_labels_are_read_by_their_japanese(style):
    plan = _read(_bilingual(style))
    t1 = plan.table1
    assert t1.user_name.value == "見本 花子"
    assert t1.overall_policy.value == POLICY
    assert t1.user_intent.value == INTENT
    assert t1.created_on.value == dt.date(2026, 4, 10)
    assert t1.consent_on.value == dt.date(2026, 4, 14)
    # the English caption is never read as the value (NY302 「総合的な援助の方針「/ Overall policy」…」 before)
    said = " ".join(f.message for f in check_plan(plan, load_profile("nayoro"), TODAY, "test.xlsx"))
    assert "Overall" not in said and "User name" not in said


T2_SHARED = ["生活全般の解決すべき課題（ニーズ） / Needs", "目標（長期・短期） / Goals", "期間 / Period", "サービス内容",
             "※1", "サービス種別", "※2", "頻度", "期間"]
NEED = "膝が痛く入浴できないが、湯船につかって過ごしたい"


def _t1_min() -> SheetGrid:
    return SheetGrid.from_rows("Sheet1", [["利用者名", "見本 花子"], ["作成年月日", "令和8年4月10日"],
                                          ["認定の有効期間", "令和8年4月1日～令和9年3月31日"], ["要介護状態区分", "要介護2"]])


def _t2(goals: str, periods: str) -> SheetGrid:
    return SheetGrid.from_rows("Sheet2", [T2_SHARED, [NEED, goals, periods, "入浴介助", "○", "通所介護", "デイこぶし",
                                                      "週2回", "R8.4.15～R8.10.14"]])


def _goals(plan):
    lg = plan.table2.needs[0].long_goals[0]
    sg = lg.short_goals[0]
    return lg.text.value, lg.period.value, sg.text.value, sg.period.value


def test_long_and_short_goals_in_one_column_are_split():
    plan = _read(_t1_min(), _t2("【長期】見守りで浴槽をまたいで入浴できる\n【短期】入浴用いすで体を洗える",
                                "長期：R8.4.15～R9.3.31\n短期：R8.4.15～R8.10.14"))
    assert len(plan.table2.needs) == 1
    long_text, long_period, short_text, short_period = _goals(plan)
    assert long_text == "見守りで浴槽をまたいで入浴できる" and short_text == "入浴用いすで体を洗える"
    assert (long_period.start, long_period.end) == (dt.date(2026, 4, 15), dt.date(2027, 3, 31))
    assert (short_period.start, short_period.end) == (dt.date(2026, 4, 15), dt.date(2026, 10, 14))


def test_a_blank_part_is_a_blank_goal_and_an_unsaid_part_is_no_blank():
    plan = _read(_t1_min(), _t2("【長期】見守りで浴槽をまたいで入浴できる\n【短期】", "長期：R8.4.15～R9.3.31\n短期：R8.4.15～R8.10.14"))
    assert _goals(plan)[2] is None
    rules = {f.rule for f in check_plan(plan, load_profile("national"), TODAY, "test.xlsx")}
    assert "CP123" in rules
    plan = _read(_t1_min(), _t2("見守りで浴槽をまたいで入浴できる", "R8.4.15～R9.3.31"))
    long_text, _, short_text, _ = _goals(plan)
    assert long_text == short_text == "見守りで浴槽をまたいで入浴できる"
    assert "CP123" not in {f.rule for f in check_plan(plan, load_profile("national"), TODAY, "test.xlsx")}


def test_a_transposed_weekly_grid_is_read_in_the_sheets_own_cells():
    # the weekdays down column A, two-hour bands across row 1: 通所介護 on 火・金 at 10:00, 訪問介護 on 月 at 14:00
    head = ["曜日"] + [f"{h}:00～" for h in range(0, 24, 2)]
    rows = [head] + [[f"{d}曜日"] + [""] * 12 for d in "月火水木金土日"]
    rows[2][6] = rows[5][6] = "通所介護"
    rows[1][8] = "訪問介護"
    rows.append(["主な日常生活上の活動", "", "", "", "起床・朝食"])
    plan = _read(_t1_min(), SheetGrid.from_rows("Sheet3", rows))
    got = {(e.weekday, e.time, e.text, e.loc.cell) for e in plan.table3.entries}
    assert got == {("火", "10:00", "通所介護", "G3"), ("月", "14:00", "訪問介護", "I2"), ("金", "10:00", "通所介護", "G6")}
    assert any("曜日が縦" in n.message for n in plan.notes)
