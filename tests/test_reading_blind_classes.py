"""Classes of reading failure the blind layouts (benchmarks/reading_corpus/layouts/blind_*.py) exposed on their
first run; each test builds a small workbook the way those forms are laid out.

- a print export stacks 第1表〜第4表 on one sheet: the 第2表 ends where the next form starts;
- a hand-made 第2表 writes a need as a heading row across the table, or continues its text in the cell below;
- dates without their year (訪問記録 「6/24（水）」) or era (「8/4/6」), or with the year written both ways
  (「令和8年(2026年)4月10日」);
- a 第3表 kept as a service × weekday grid with ● or the time in the day cells.
"""

import datetime as dt

import pytest

from xl_careplan import parsing as P
from xl_careplan.grid import SheetGrid, WorkbookGrid
from xl_careplan.readers import read_plan

T2_HEAD = ["生活全般の解決すべき課題（ニーズ）", "長期目標", "（期間）", "短期目標", "（期間）", "サービス内容", "※1",
           "サービス種別", "※2", "頻度", "期間"]
PERIOD = "R8.4.15～R9.3.31"


def _t1(consent="R8.4.14") -> SheetGrid:
    return SheetGrid.from_rows("第1表", [
        ["利用者名", "見本 花子"],
        ["居宅サービス計画作成（変更）日", "R8.4.10"],
        ["要介護状態区分", "要介護2"],
        ["説明・同意日", consent],
    ])


def _service(content="入浴介助", kind="通所介護", who="デイサービスこぶし", freq="週2回"):
    return [content, "○", kind, who, freq, PERIOD]


def _plan(*sheets: SheetGrid):
    return read_plan(WorkbookGrid(sheets=[_t1(), *sheets], names={}), source="test.xlsx")


def test_table2_ends_where_the_next_form_starts_on_the_same_sheet():
    rows = [T2_HEAD,
            ["膝が痛く入浴できないが、湯船につかりたい", "入浴できる", PERIOD, "体を洗える", PERIOD, *_service()],
            [],
            ["週間サービス計画表"],
            ["", "月", "火", "水", "木", "金", "土", "日"],
            ["10:00", "", "デイ", "", "", "デイ"],
            ["サービス担当者会議の要点"],
            ["開催日", "R8.4.12"],
            ["検討内容", "本人の意向を確認した。"]]
    plan = _plan(SheetGrid.from_rows("居宅サービス計画書", rows))
    assert [n.text.value for n in plan.table2.needs] == ["膝が痛く入浴できないが、湯船につかりたい"]
    assert len(plan.table2.services()) == 1


def test_a_need_written_as_a_heading_row_across_the_table():
    rows = [T2_HEAD,
            ["課題①　膝が痛く入浴できないが、湯船につかりたい"],
            ["", "入浴できる", PERIOD, "体を洗える", PERIOD, *_service()],
            ["課題②　薬を飲み忘れるが、持病を悪化させたくない"],
            ["", "薬を飲める", PERIOD, "声かけで飲める", PERIOD, *_service("服薬確認", "訪問看護", "ステーションあおば", "週1回")]]
    merged = [(2, 1, 2, 11), (4, 1, 4, 11)]
    plan = _plan(SheetGrid.from_rows("第2表", rows, merged=merged))
    needs = plan.table2.needs
    assert [n.text.loc.cell for n in needs] == ["A2", "A4"]
    assert [n.number for n in needs] == [1, 2]
    assert all(n.long_goals and n.long_goals[0].text.value for n in needs)


def test_a_need_continued_in_the_cell_below_is_one_need_with_a_note():
    rows = [T2_HEAD,
            ["膝が痛く入浴できないが、", "入浴できる", PERIOD, "体を洗える", PERIOD, *_service()],
            ["湯船につかりたい", "", "", "", "", *_service("入浴用いすの購入", "特定福祉用具販売", "ほっと", "随時")],
            ["薬を飲み忘れるが、持病を悪化させたくない", "薬を飲める", PERIOD, "声かけで飲める", PERIOD, *_service()]]
    plan = _plan(SheetGrid.from_rows("第2表", rows))
    needs = plan.table2.needs
    assert [n.text.value for n in needs] == ["膝が痛く入浴できないが、湯船につかりたい", "薬を飲み忘れるが、持病を悪化させたくない"]
    assert len(needs[0].long_goals) == 1 and len(needs[0].long_goals[0].short_goals[0].services) == 2
    assert any("続き" in n.message and n.loc.cell == "A3" for n in plan.notes)


def test_a_need_without_goals_after_a_blank_row_is_still_a_need():
    rows = [T2_HEAD,
            ["膝が痛く入浴できないが、湯船につかりたい", "入浴できる", PERIOD, "体を洗える", PERIOD, *_service()],
            [],
            ["薬を飲み忘れるが、持病を悪化させたくない", "", "", "", "", *_service()]]
    plan = _plan(SheetGrid.from_rows("第2表", rows))
    assert len(plan.table2.needs) == 2  # not directly below: a need of its own (its blank goals are CP123's)


@pytest.mark.parametrize("text", ["令和8年(2026年)4月10日", "2026年（令和8年）4月10日", "令和８年（２０２６年）４月１０日"])
def test_a_year_written_both_ways(text):
    assert P.parse_date(text) == dt.date(2026, 4, 10)


def test_a_year_written_both_ways_that_disagree_is_unreadable():
    with pytest.raises(P.ParseError) as e:
        P.parse_date("令和8年(2025年)4月10日")
    assert "合いません" in str(e.value) and not isinstance(e.value, P.Ambiguous)


@pytest.mark.parametrize("text", ["8/4/6", "6/24（水）", "6月24日", "8年4月6日"])
def test_a_date_without_its_year_or_era_is_a_doubt(text):
    with pytest.raises(P.Ambiguous):
        P.parse_date(text)


def test_a_consent_date_without_its_era_is_a_reading_note_not_an_error():
    grid = WorkbookGrid(sheets=[_t1(consent="8/4/14")], names={})
    plan = read_plan(grid, source="test.xlsx")
    lv = plan.table1.consent_on
    assert lv.value is None and lv.raw == "8/4/14" and lv.problem is None  # no CP102, and not blank (no CP101)
    assert any(n.loc and n.loc.cell == "B4" and "年号" in n.message for n in plan.notes)


def _visits(*dates: str) -> SheetGrid:
    return SheetGrid.from_rows("訪問記録", [["月", "訪問日", "方法", "様子・内容"],
                                        *[["", d, "自宅訪問", "変わりなし"] for d in dates]])


def test_visit_dates_without_the_year_follow_the_plan_from_its_start():
    plan = _plan(_visits("4/20（月）", "5/12（火）", "1/8（金）"))
    assert [r.done_on.value for r in plan.monitoring.rows] == [dt.date(2026, 4, 20), dt.date(2026, 5, 12), dt.date(2027, 1, 8)]
    assert any("年を補って" in n.message for n in plan.notes)


def test_visit_dates_whose_year_cannot_be_told_leave_the_visit_rules_silent():
    plan = _plan(_visits("4/20（月）", "5/12（水）"))  # 2026-05-12 is a Tuesday: no year near the plan fits
    assert plan.monitoring is None
    assert any("モニタリングの点検はしません" in n.message for n in plan.notes)


def test_a_service_by_weekday_grid_with_marks_or_times():
    rows = [["サービス", "事業所", "月", "火", "水", "木", "金", "土", "日"],
            ["デイサービス", "デイこぶし", "", "●", "", "", "●"],
            ["訪問看護", "あおば", "", "", "10:00～11:00"],
            ["その他（週単位以外）", "受診（月1回）"]]
    sh = SheetGrid.from_rows("1週間の予定", rows, merged=[(4, 2, 4, 9)])
    plan = _plan(sh)
    got = [(e.weekday, e.time, e.text) for e in plan.table3.entries]
    assert sorted(got) == sorted([("火", "", "デイサービス"), ("金", "", "デイサービス"), ("水", "10:00", "訪問看護")])


def test_a_label_written_after_its_value():
    sh = SheetGrid.from_rows("プラン", [
        ["居宅サービス計画書", "", "R8.4.10", "作成"],
        ["利用者名", "見本 花子"],
        ["要介護状態区分", "要介護2"],
        ["", "R8.4.14", "同意"],
        ["", "", "交付"],  # nothing before it: not read (the field stays unfound, a reading note)
    ])
    plan = read_plan(WorkbookGrid(sheets=[sh], names={}), source="test.xlsx")
    t1 = plan.table1
    assert (t1.created_on.value, t1.created_on.loc.cell) == (dt.date(2026, 4, 10), "C1")
    assert (t1.consent_on.value, t1.consent_on.loc.cell) == (dt.date(2026, 4, 14), "B4")
    assert t1.delivered_on.loc is None


def test_a_memo_beside_a_period_is_not_its_end():
    sh = SheetGrid.from_rows("第1表", [
        ["利用者名", "見本 花子"],
        ["認定期間", "R8.5.1～", "", "区分変更は検討中"],
    ])
    lv = read_plan(WorkbookGrid(sheets=[sh], names={}), source="test.xlsx").table1.cert_period
    assert lv.problem is None and lv.value.start == dt.date(2026, 5, 1) and lv.value.end is None  # CP111, not CP102


def test_a_meeting_memo_in_a_care_managers_own_words():
    memo = SheetGrid.from_rows("会議メモ", [
        ["日時", "R8.4.12（日）14:00～14:30"],
        ["参加者", "本人　見本 花子\n長女　見本 明美"],
        ["話し合った内容", "本人の意向を確認した。"],
        ["決まったこと", "原案のとおり。"],
    ])
    t4 = _plan(memo).table4
    assert t4.held_on.value == dt.date(2026, 4, 12)
    assert "長女" in t4.attendees.value and t4.discussion.value == "本人の意向を確認した。"
    assert t4.conclusion.value == "原案のとおり。"


def test_an_assessment_column_headed_just_ニーズ_holds_the_need_numbers():
    sh = SheetGrid.from_rows("聞き取り", [
        ["No.", "項目", "本人・家族から聞き取った状況", "課題", "ニーズ"],
        [10, "健康状態", "高血圧症。", "有", "①③"],
        [11, "ADL", "屋内は伝い歩き。", "－", ""],
    ])
    items = _plan(sh).assessment.items
    assert items[0].need_refs.loc.cell == "E2" and items[0].need_refs.value == [1, 3]


def test_an_attendee_grid_ends_at_the_next_label_in_words_no_list_knows():
    sheet = SheetGrid.from_rows("担当者会議録", [
        ["開催日", "R8.4.12"],
        ["出席者", "所属・職種", "氏名", "所属・職種", "氏名"],
        ["", "デイこぶし（生活相談員）", "石田 陽子", "訪問介護わかば", "内田 修"],
        ["話し合いのテーマ", "本人の望む暮らしと各サービスの役割"],
        ["検討内容", "各事業所の役割を確認した。"],
    ], merged=[(2, 1, 3, 1)])
    attendees = _plan(sheet).table4.attendees.value
    assert "内田 修" in attendees and "本人" not in attendees  # so CP172 can see that no 本人・家族 attended


def test_a_goal_period_without_its_year_is_a_note_not_cp102():
    rows = [T2_HEAD, ["膝が痛いが歩きたい", "歩ける", "4/15～3/31", "10分歩ける", PERIOD, *_service()]]
    plan = _plan(SheetGrid.from_rows("第2表", rows))
    lv = plan.table2.needs[0].long_goals[0].period
    assert lv.value is None and lv.problem is None and lv.raw == "4/15～3/31"
    assert any(n.loc == lv.loc and "年" in n.message for n in plan.notes)
