"""read_plan on office forms found by labels (no cp_* names)."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from reader_helpers import PLAN, fill_template, label_workbook, save, strip_locations
from xl_careplan.errors import NotACarePlanError
from xl_careplan.reading import grid_from_openpyxl
from xl_careplan.readers import read_plan, read_plan_file
from xl_careplan.values import CareLevel, Period
from xl_careplan.record import dump

D = dt.date


def _read(wb, name="x.xlsx"):
    return read_plan(grid_from_openpyxl(wb), name)


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    d = tmp_path_factory.mktemp("l")
    return save(fill_template(), d / "template.xlsx"), save(label_workbook(), d / "labels.xlsx")


def test_same_plan_same_model_in_template_and_label_layout(files):
    a, b = (read_plan_file(f) for f in files)
    assert (a.layout, b.layout) == ("template", "labels")
    assert strip_locations(dump(a, json=True)) == strip_locations(dump(b, json=True))


def test_label_locations(files):
    p = read_plan_file(files[1])
    t1 = p.table1
    s1 = "計画書(1)"
    assert str(t1.user_name.loc) == f"{s1}!B6"  # value below the label (right of it is another label)
    assert str(t1.birth_date.loc) == f"{s1}!E6"
    assert str(t1.care_manager.loc) == f"{s1}!D8"  # right of a merged label
    assert str(t1.office.loc) == f"{s1}!H8"
    assert str(t1.cert_period.loc) == f"{s1}!H10" and t1.cert_period.raw == "2026-04-01～2027-03-31"
    assert str(t1.overall_policy.loc) == f"{s1}!B17"  # merged label over the row, value merged below
    assert t1.changed_on.blank and str(t1.changed_on.loc) == f"{s1}!H9"  # blank: the cell after the label
    assert str(t1.created_on.loc) == f"{s1}!I2"
    t2 = p.table2
    assert t2.sheet == "計画書(2)"
    assert str(t2.needs[1].text.loc) == "計画書(2)!B8"
    assert [str(s.frequency.loc) for s in t2.services()] == [f"計画書(2)!K{r}" for r in range(5, 10)]
    assert p.table3.sheet == "週間サービス計画表"
    assert {str(e.loc) for e in p.table3.entries} == {"週間サービス計画表!D13", "週間サービス計画表!G13", "週間サービス計画表!E17"}
    assert str(p.table3.non_weekly.loc) == "週間サービス計画表!C28"
    assert p.table4.sheet == "担当者会議" and str(p.table4.held_on.loc) == "担当者会議!B3"
    assert p.assessment.sheet == "課題分析" and str(p.assessment.assessed_on.loc) == "課題分析!D2"
    assert p.monitoring.sheet == "モニタリング記録" and p.monitoring.header_row == 2 and [r.row for r in p.monitoring.rows] == [3, 4]
    assert str(p.acknowledgements[0].loc) == "逸脱理由!A3"


def test_wareki_text_dates():
    p = _read(label_workbook(wareki=True))
    t1 = p.table1
    assert t1.birth_date.value == D(1940, 5, 3) and t1.birth_date.raw == "昭和15年5月3日"
    assert t1.created_on.value == D(2026, 4, 10) and t1.created_on.raw == "令和8年4月10日"
    assert t1.cert_period.value == Period(start=D(2026, 4, 1), end=D(2027, 3, 31))
    assert t1.cert_period.raw == "令和8年4月1日～令和9年3月31日"
    assert p.monitoring.rows[0].done_on.value == D(2026, 5, 11)
    # only raw texts differ from the template
    a = strip_locations(dump(_read(fill_template()), json=True))
    b = strip_locations(dump(p, json=True))

    def no_raw(x):
        if isinstance(x, dict):
            return {k: no_raw(v) for k, v in x.items() if k != "raw"}
        if isinstance(x, list):
            return [no_raw(v) for v in x]
        return x

    assert no_raw(a) == no_raw(b)


def _one_sheet_form(**over):
    """第1表 and 第2表 on one sheet with an unknown name, single-row 第2表 header, shifted columns."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws["C2"] = over.get("name_label", "利用者名")
    ws["E2"] = over.get("name", "見本 一郎")  # D2 left empty: the next non-empty cell to the right
    ws["G2"] = "介護度"
    ws["H2"] = over.get("level", "要介護３")
    ws["C3"] = "認定期間"
    ws["D3"] = over.get("period", "R8.4.1～R9.3.31")
    ws["C4"] = "作成日"
    ws["D4"] = "R8.4.5"
    headers = over.get("headers", ["課題", "長期目標", "期間", "短期目標", "期間", "援助内容", "保険給付", "種別", "事業所", "頻度", "期間"])
    for i, h in enumerate(headers):
        ws.cell(row=7, column=3 + i, value=h)
    rows = over.get("rows", [
        ["食事を自分で作りたい", "調理ができる", "R8.4.1～R9.3.31", "一緒に調理する", "R8.4.1～R8.9.30", "調理の見守り", "○", "訪問介護", "A", "週1回", "R8.4.1～R8.9.30"],
        ["食事を自分で作りたい", "調理ができる", "R8.4.1～R9.3.31", "一緒に調理する", "R8.4.1～R8.9.30", "買物同行", "○", "訪問介護", "A", "週1回", "R8.4.1～R8.9.30"],
        ["入浴したい", "入浴できる", "R8.4.1～R9.3.31", "週2回入浴する", "R8.4.1～R8.9.30", "入浴介助", "○", "通所介護", "B", "週2回", "R8.4.1～R8.9.30"],
    ])
    for r, row in enumerate(rows, start=8):
        for c, v in enumerate(row, start=3):
            ws.cell(row=r, column=c, value=v or None)
    ws["C12"] = "※1「保険給付の対象となるかどうかの区分」について、保険給付対象内サービスについては○印を付す。"
    ws.merge_cells("C12:M12")
    return wb


def test_one_sheet_form_with_shifted_columns_and_repeated_need_text():
    p = _read(_one_sheet_form())
    assert p.layout == "labels"
    t1 = p.table1
    assert t1.user_name.value == "見本 一郎" and str(t1.user_name.loc) == "Sheet1!E2"
    assert t1.care_level.value is CareLevel.KAIGO3
    assert t1.cert_period.value == Period(start=D(2026, 4, 1), end=D(2027, 3, 31))
    assert t1.created_on.value == D(2026, 4, 5)
    needs = p.table2.needs
    assert [n.text.value for n in needs] == ["食事を自分で作りたい", "入浴したい"]  # repeated text = same need
    assert [s.content.value for s in needs[0].services()] == ["調理の見守り", "買物同行"]
    assert len(needs[0].long_goals) == 1 and len(needs[0].long_goals[0].short_goals) == 1
    sg = needs[0].long_goals[0].short_goals[0]
    # the three 期間 columns told apart by position
    assert str(needs[0].long_goals[0].period.loc) == "Sheet1!E8"
    assert str(sg.period.loc) == "Sheet1!G8"
    assert str(sg.services[0].period.loc) == "Sheet1!M8"
    assert sg.services[0].insured.value is True and str(sg.services[0].service_type.loc) == "Sheet1!J8"
    assert len(p.table2.services()) == 3  # the ※1 footnote row is not a service


def test_need_blank_first_row_and_goal_without_services():
    rows = [
        [None, "長期A", "R8.4.1～R9.3.31", "短期A", "R8.4.1～R8.9.30", "サービスA", "○", "訪問介護", "A", "週1回", "R8.4.1～R8.9.30"],
        ["ニーズB", "長期B", "R8.4.1～R9.3.31", "短期B", "R8.4.1～R8.9.30", None, None, None, None, None, None],
    ]
    p = _read(_one_sheet_form(rows=rows))
    n1, n2 = p.table2.needs
    assert n1.text.blank and str(n1.text.loc) == "Sheet1!C8"
    assert n2.text.value == "ニーズB" and n2.long_goals[0].short_goals[0].services == []


def test_inline_label_and_value_in_one_cell():
    wb = _one_sheet_form(name_label="利用者名：見本 次郎", name=None)
    p = _read(wb)
    assert p.table1.user_name.value == "見本 次郎" and str(p.table1.user_name.loc) == "Sheet1!C2"


def test_blank_value_stops_at_next_label():
    wb = _one_sheet_form(name=None)  # 利用者名 blank: must not take 介護度 or 要介護３
    p = _read(wb)
    assert p.table1.user_name.blank and str(p.table1.user_name.loc) == "Sheet1!D2"


def test_values_that_do_not_fit_their_field_are_reading_doubts():
    # 「重い」 is no care level and 「来年まで」 no period: the reader does not guess; a reading note at the cell
    p = _read(_one_sheet_form(level="重い", period="来年まで"))
    assert p.table1.care_level.value is None and p.table1.care_level.loc is None and not p.table1.care_level.problem
    assert p.table1.cert_period.loc is None and not p.table1.cert_period.problem
    doubts = {str(n.loc): n.message for n in p.notes if n.loc is not None}
    assert "「重い」" in doubts["Sheet1!D3"] or "「来年まで」" in doubts["Sheet1!D3"]
    assert any("重い" in m for m in doubts.values()) and any("来年まで" in m for m in doubts.values())


def test_date_like_but_impossible_values_are_still_problems():
    p = _read(_one_sheet_form(level="要介護6", period="令和8年4月1日～令和8年13月31日"))
    assert p.table1.care_level.problem and p.table1.care_level.raw == "要介護6"
    assert p.table1.cert_period.problem and str(p.table1.cert_period.loc) == "Sheet1!D3"


def test_printed_choice_with_mark():
    wb = label_workbook()
    wb["計画書(1)"]["C3"] = "初回・紹介・(継続)"
    wb["計画書(1)"]["F3"] = "■認定済 □申請中"
    p = _read(wb)
    assert p.table1.plan_kind.value == "継続" and p.table1.plan_kind.raw == "初回・紹介・(継続)"
    assert p.table1.certification_status.value == "認定済"


def test_table1_only_is_a_care_plan_and_table2_only_too():
    wb = label_workbook()
    del wb["計画書(2)"]
    p = _read(wb)
    assert p.table2.needs == [] and p.table2.sheet is None and p.table1.user_name.value == PLAN["t1"]["user_name"]
    wb = label_workbook()
    del wb["計画書(1)"]
    p = _read(wb)
    assert len(p.table2.needs) == 2 and p.table1.user_name.loc is None


def test_monitoring_only_workbook_is_not_a_care_plan():
    wb = label_workbook()
    for name in ("計画書(1)", "計画書(2)"):
        del wb[name]
    with pytest.raises(NotACarePlanError):
        _read(wb)


def test_full_width_and_spaced_labels():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "利 用 者 名："
    ws["B1"] = "見本 三郎"
    ws["A2"] = "要介護状態区分"
    ws["B2"] = "要支援２"
    ws["A3"] = "認定の有効期間"
    ws["B3"] = D(2026, 4, 1)
    ws["C3"] = "〜"
    ws["D3"] = D(2026, 9, 30)
    p = _read(wb)
    assert p.table1.user_name.value == "見本 三郎"
    assert p.table1.care_level.value is CareLevel.SHIEN2
    assert p.table1.cert_period.value == Period(start=D(2026, 4, 1), end=D(2026, 9, 30))


def test_printed_options_without_label_and_printed_care_levels():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "第1表"
    ws["A1"] = "利用者名"
    ws["B1"] = "見本 五郎"
    ws["A2"] = "初回・紹介・○継続"  # no label: the printed options with a mark are the field
    ws["C2"] = "■認定済　□申請中"
    ws["A3"] = "要介護状態区分"
    ws["B3"] = "要支援1・要支援2・要介護1・(要介護2)・要介護3・要介護4・要介護5"
    p = _read(wb)
    t1 = p.table1
    assert t1.plan_kind.value == "継続" and str(t1.plan_kind.loc) == "第1表!A2"
    assert t1.certification_status.value == "認定済" and str(t1.certification_status.loc) == "第1表!C2"
    assert t1.care_level.value is CareLevel.KAIGO2
    ws["B3"] = "要支援1・要支援2・要介護1・要介護2・要介護3・要介護4・要介護5"  # circled with a shape: invisible
    p = _read(wb)
    # a printed list with nothing marked is blank (CP101 when required), not unreadable
    assert p.table1.care_level.value is None and not p.table1.care_level.problem and not p.table1.care_level.raw
    assert str(p.table1.care_level.loc) == "第1表!B3"


def test_unfilled_printed_skeletons_are_blank_not_problems():
    wb = label_workbook()
    ws = wb["計画書(1)"]
    ws["G21"] = "令和　　年　　月　　日"  # 計画交付日 printed, not filled in
    wb["計画書(2)"]["K5"] = "週　回"
    p = _read(wb)
    assert p.table1.delivered_on.blank and p.table1.delivered_on.problem is None
    assert str(p.table1.delivered_on.loc) == "計画書(1)!G21"
    assert p.table2.services()[0].frequency.blank


def test_our_own_result_sheets_are_not_read():
    wb = _one_sheet_form()  # sheet name unknown: 第1表 and 第2表 are found by their labels
    res = wb.create_sheet("点検結果", 0)
    for r, (label, value) in enumerate((("利用者氏名", "別人"), ("要介護度", "要介護5"), ("作成日", "R1.5.1"),
                                        ("生年月日", "S1.1.1"), ("住所", "どこか"), ("同意日", "R1.5.1")), start=1):
        res.cell(row=r, column=1, value=label)
        res.cell(row=r, column=2, value=value)
    res["A8"] = "長期目標"
    res["B8"] = "短期目標"
    res["A9"] = "別の目標"
    wb.create_sheet("_xlcp_state")["A1"] = "利用者名"
    a = strip_locations(dump(_read(_one_sheet_form()), json=True))
    b = strip_locations(dump(_read(wb), json=True))
    assert a == b


def test_header_cells_with_notes_and_line_breaks():
    headers = ["生活全般の解決すべき\n課題（ニーズ）", "長 期 目 標", "（期間）", "短期目標", "（期間）", "サービス\n内容",
               "※１", "サービス種別", "※２\n事業所名", "頻度（回数）", "期間"]
    p = _read(_one_sheet_form(headers=headers))
    svc = p.table2.services()[0]
    assert str(svc.provider.loc) == "Sheet1!K8" and svc.provider.value == "A"
    assert str(svc.frequency.loc) == "Sheet1!L8" and svc.frequency.value.count == 1
    assert str(svc.period.loc) == "Sheet1!M8"
    assert [n.text.value for n in p.table2.needs] == ["食事を自分で作りたい", "入浴したい"]


def test_assessment_without_header_row_found_by_item_names():
    wb = label_workbook()
    del wb["課題分析"]
    ws = wb.create_sheet("アセスメントシート")
    ws["A1"] = "アセスメント実施日"
    ws["B1"] = "R8.4.5"
    from xl_careplan import fields as F

    for i, name in enumerate(F.ASSESSMENT_ITEMS, start=1):
        if i == 5:
            continue  # one item left out of this office's form
        ws.cell(row=2 + i, column=1, value=f"{i}. {name}")
        ws.merge_cells(start_row=2 + i, start_column=1, end_row=2 + i, end_column=2)
        if i != 7:
            ws.cell(row=2 + i, column=3, value=f"{name}について記載")
    a = _read(wb).assessment
    assert a.sheet == "アセスメントシート"
    assert a.assessed_on.value == D(2026, 4, 5)
    assert [i.number for i in a.items] == [n for n in range(1, 24) if n != 5]
    health = next(i for i in a.items if i.number == 10)
    assert health.status.value == "健康状態について記載" and str(health.status.loc) == "アセスメントシート!C12"
    shuso = next(i for i in a.items if i.number == 7)
    assert shuso.status.blank and str(shuso.status.loc) == "アセスメントシート!C9"
    assert health.has_issue.loc is None  # no 課題 column on this form


def test_assessment_table_without_number_column():
    wb = label_workbook()
    ws = wb["課題分析"]
    ws.delete_cols(2)  # drop 番号: item numbers come from the names
    for r, name in ((15, "IADLの状況"), (14, "ADLの状況")):  # items 12 and 11 (row = 3 + number)
        ws.cell(row=r, column=2, value=name)
    a = _read(wb).assessment
    assert [i.number for i in a.items][:3] == [1, 2, 3]
    assert {i.number: i.name for i in a.items}[12] == "IADLの状況"
    assert {i.number: i.name for i in a.items}[11] == "ADLの状況"


def test_table2_header_repeated_on_a_second_page():
    rows = [
        ["ニーズA", "長期A", "R8.4.1～R9.3.31", "短期A", "R8.4.1～R8.9.30", "サービスA", "○", "訪問介護", "A", "週1回", "R8.4.1～R8.9.30"],
        ["生活全般の解決すべき課題", "長期目標", "期間", "短期目標", "期間", "サービス内容", "※1", "サービス種別", "※2", "頻度", "期間"],
        ["ニーズB", "長期B", "R8.4.1～R9.3.31", "短期B", "R8.4.1～R8.9.30", "サービスB", "○", "通所介護", "B", "週2回", "R8.4.1～R8.9.30"],
    ]
    p = _read(_one_sheet_form(rows=rows))
    assert [n.text.value for n in p.table2.needs] == ["ニーズA", "ニーズB"]
    assert [s.content.value for s in p.table2.services()] == ["サービスA", "サービスB"]


@pytest.mark.parametrize("texts,numbers", [
    (["②入浴したい", "①食事を作りたい"], [2, 1]),
    (["2. 入浴したい", "1．食事を作りたい"], [2, 1]),
    (["（３）入浴したい", "(1)食事を作りたい"], [3, 1]),
    (["①入浴したい", "食事を作りたい"], [1, 2]),  # not every need numbered: table order
    (["①入浴したい", "①食事を作りたい"], [1, 2]),  # repeated number: table order
    (["入浴したい", "食事を作りたい"], [1, 2]),
])
def test_need_numbers_as_written(texts, numbers):
    rows = [
        [texts[0], "長期A", "R8.4.1～R9.3.31", "短期A", "R8.4.1～R8.9.30", "サービスA", "○", "訪問介護", "A", "週1回", "R8.4.1～R8.9.30"],
        [texts[1], "長期B", "R8.4.1～R9.3.31", "短期B", "R8.4.1～R8.9.30", "サービスB", "○", "通所介護", "B", "週2回", "R8.4.1～R8.9.30"],
    ]
    p = _read(_one_sheet_form(rows=rows))
    assert [n.number for n in p.table2.needs] == numbers


@pytest.mark.parametrize("written,value,problem", [
    ("1. 一人暮らし　2. 家族等が障害、疾病等　3. その他（　）", None, False),  # printed list, nothing marked: blank
    ("□1.一人暮らし □2.家族等が障害、疾病等 □3.その他（ ）", None, False),
    ("○1. 一人暮らし　2. 家族等が障害、疾病等　3. その他（　）", "1. 一人暮らし", False),
    ("1. 一人暮らし　2. 家族等が障害、疾病等　○3. その他（日中独居）", "1. 一人暮らし　2. 家族等が障害、疾病等　○3. その他（日中独居）", False),
    ("長女が遠方に住み日中独居のため", "長女が遠方に住み日中独居のため", False),
])
def test_living_support_reason_printed_choices(written, value, problem):
    wb = label_workbook()
    wb["計画書(1)"]["B19"] = written
    lv = _read(wb).table1.living_support_reason
    assert lv.value == value and bool(lv.problem) is problem and lv.raw == (written if value else None)
    assert str(lv.loc) == "計画書(1)!B19"


def test_period_as_two_adjacent_date_cells_without_tilde():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "利用者名"
    ws["B1"] = "見本 六郎"
    ws["A2"] = "認定有効期間"
    ws["B2"] = D(2026, 4, 1)
    ws["C2"] = D(2027, 3, 31)
    ws["D2"] = "要介護度"
    ws["E2"] = "要介護1"
    p = _read(wb)
    assert p.table1.cert_period.value == Period(start=D(2026, 4, 1), end=D(2027, 3, 31))
    assert p.table1.care_level.value is CareLevel.KAIGO1


def test_inline_label_before_long_text():
    wb = _one_sheet_form()
    ws = wb.active
    ws["C2"] = None
    ws["E2"] = None
    ws["C20"] = "総合的な援助の方針：" + "住み慣れた自宅で暮らし続けられるよう、" * 4
    p = _read(wb)
    assert p.table1.overall_policy.value.startswith("住み慣れた自宅で") and str(p.table1.overall_policy.loc) == "Sheet1!C20"
