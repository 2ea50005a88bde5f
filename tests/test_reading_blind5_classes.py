"""Classes of reading failure the round-5 blind layouts (benchmarks/reading_corpus/layouts/blind5_a.py, blind5_b.py,
blind5_c.py) exposed on their first run; each test builds a small workbook laid out that way.

- choices held by Excel form controls (check boxes, option buttons: VML + ctrlProp), not by marks in cells;
- the previous plan kept on sheets named like the current ones but with an older date (「第1表(R7.10)」);
- a drop-down's placeholder 「▼選択」 left in cells (the 第2表's unused slots, an unchosen 要介護状態区分);
- dates in split cells 「令和 | 8 | 年 | 4 | 月 | 10 | 日」;
- 援助内容 over two lines a service (「サービス種別」 over 「※2」, 「頻度」 over 「期間」);
- 「（その他の内容）」 beside a chosen 算定理由 is the caption of its box, not an option;
- a period written to the month only (「R8.4～R8.10」): the day is not known, so no length or nesting fault.
"""

import datetime as dt
import sys
from pathlib import Path

from xl_careplan.grid import SheetGrid, WorkbookGrid
from xl_careplan.parsing import parse_period
from xl_careplan.pipeline import check_plan
from xl_careplan.profiles import load_profile
from xl_careplan.readers import read_plan, read_plan_file
from xl_careplan.readers.sheet_extras import Control, SheetExtras, read_vml_controls
from xl_careplan.values import CareLevel, Period

TODAY = dt.date(2026, 11, 20)
T2_HEAD = ["生活全般の解決すべき課題（ニーズ）", "長期目標", "（期間）", "短期目標", "（期間）", "サービス内容", "※1",
           "サービス種別", "※2", "頻度", "期間"]
PERIOD = "R8.4.15～R9.3.31"
SHORT = "R8.4.15～R8.10.14"
NEED_A = "膝が痛く入浴できないが、湯船につかりたい"
NEED_B = "薬を飲み忘れるが、持病を悪化させたくない"


def _row(need, short=SHORT, long=PERIOD, content="入浴介助"):
    return [need, "入浴できる", long, "体を洗える", short, content, "○", "通所介護", "デイこぶし", "週2回", short]


def _t1(name="第1表", created="R8.4.10", level="要介護2"):
    return SheetGrid.from_rows(name, [["利用者名", "見本 花子"], ["居宅サービス計画作成（変更）日", created],
                                      ["認定の有効期間", "R8.4.1～R9.3.31"], ["要介護状態区分", level],
                                      ["説明・同意日", "R8.4.14"]])


def _read(*sheets: SheetGrid):
    return read_plan(WorkbookGrid(sheets=list(sheets), names={}), source="test.xlsx")


def _codes(plan, profile="national"):
    return [(f.rule, f.severity.name) for f in check_plan(plan, load_profile(profile), TODAY, "test.xlsx")]


# --------------------------------------------------------------------------- form controls

VML = """<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"
 xmlns:x="urn:schemas-microsoft-com:office:excel"><v:shape id="_x0000_s1025" type="#_x0000_t201"><v:textbox>
 <div style='text-align:left'><font face="ＭＳ Ｐゴシック" size="180">要介護1</font></div></v:textbox>
 <x:ClientData ObjectType="Checkbox"><x:Anchor>1, 2, 3, 2, 2, 0, 4, 0</x:Anchor><x:AutoFill>False</x:AutoFill>
 </x:ClientData></v:shape><v:shape id="_x0000_s1026" type="#_x0000_t201"><v:textbox><div>要介護2<br></div></v:textbox>
 <x:ClientData ObjectType="Radio"><x:Anchor>2, 2, 3, 2, 3, 0, 4, 0</x:Anchor><x:Checked>1</x:Checked></x:ClientData>
 </v:shape><v:shape id="_x0000_s1027"><x:ClientData ObjectType="Note"><x:Anchor>5, 0, 5, 0, 6, 0, 6, 0</x:Anchor>
 </x:ClientData></v:shape></xml>"""


def test_vml_form_controls_are_read_with_caption_place_and_state():
    ctl = read_vml_controls(VML.encode())
    assert [(c.top, c.left, c.text, c.checked, c.radio) for c in ctl] == [
        (4, 2, "要介護1", False, False), (4, 3, "要介護2", True, True)]  # a comment's shape is no control


def _level_sheet(controls, cells=None):
    sh = SheetGrid.from_rows("第1表", [["利用者名", "見本 花子"], ["居宅サービス計画作成（変更）日", "R8.4.10"],
                                       ["説明・同意日", "R8.4.14"], ["要介護状態区分", *(cells or [None] * 5)]])
    sh.extras = SheetExtras(controls=controls)
    return sh


def test_a_checked_form_control_captioned_with_the_option_is_its_mark():
    levels = ["要介護1", "要介護2", "要介護3", "要介護4", "要介護5"]
    ctl = [Control(top=4, left=2 + i, bottom=4, right=2 + i, text=lv, checked=(i == 2), radio=True)
           for i, lv in enumerate(levels)]
    plan = _read(_level_sheet(ctl), SheetGrid.from_rows("第2表", [T2_HEAD, _row(NEED_A)]))
    assert plan.table1.care_level.value == CareLevel.KAIGO3
    assert any("フォームのチェックボックス" in n.message for n in plan.notes)


def test_a_checked_caption_less_control_marks_the_word_printed_right_of_it():
    words = [None, "要介護1", None, "要介護2", None, "要介護3", None, "要介護4", None, "要介護5"]
    ctl = [Control(top=4, left=2 + 2 * i, bottom=4, right=2 + 2 * i, text="", checked=(i == 1), radio=False)
           for i in range(5)]
    plan = _read(_level_sheet(ctl, words), SheetGrid.from_rows("第2表", [T2_HEAD, _row(NEED_A)]))
    assert plan.table1.care_level.value == CareLevel.KAIGO2


def test_form_controls_all_off_are_a_doubt_not_a_blank():
    """A control's state is easily lost (LibreOffice saves option buttons without place or state): no CP101."""
    ctl = [Control(top=4, left=2 + i, bottom=4, right=2 + i, text=f"要介護{i + 1}", checked=False, radio=True)
           for i in range(5)]
    plan = _read(_level_sheet(ctl), SheetGrid.from_rows("第2表", [T2_HEAD, _row(NEED_A)]))
    assert plan.table1.care_level.value is None and plan.table1.care_level.loc is None
    assert ("CP101", "ERROR") not in _codes(plan)
    assert any("チェックボックス・オプションボタン" in n.message for n in plan.notes)
    placeless = [Control(top=0, left=0, bottom=0, right=0, text="", checked=False, radio=True)]
    plan = _read(_level_sheet(placeless), SheetGrid.from_rows("第2表", [T2_HEAD, _row(NEED_A)]))
    assert ("CP101", "ERROR") not in _codes(plan)


def test_form_controls_in_a_file(tmp_path):
    root = str(Path(__file__).resolve().parents[1])
    if root not in sys.path:  # benchmarks/ is a folder of the repository, not an installed package
        sys.path.insert(0, root)
    from benchmarks.reading_corpus.book import Book, Control as BookControl, save_openpyxl

    b = Book()
    s = "第1表"
    for r, (label, v) in enumerate([("利用者名", "見本 花子"), ("居宅サービス計画作成（変更）日", "R8.4.10"),
                                    ("説明・同意日", "R8.4.14"), ("要介護状態区分", None)], start=1):
        b.put(s, r, 1, label)
        b.put(s, r, 2, v)
    for i in range(5):
        b.sheet(s).controls.append(BookControl("radio", 4, 2 + i, 4, 2 + i, f"要介護{i + 1}", checked=(i == 3), first=(i == 0)))
    for r, row in enumerate([T2_HEAD, _row(NEED_A)], start=1):
        for c, v in enumerate(row, start=1):
            b.put("第2表", r, c, v)
    save_openpyxl(b, tmp_path / "c.xlsx")
    plan = read_plan_file(tmp_path / "c.xlsx")
    assert plan.table1.care_level.value == CareLevel.KAIGO4


# --------------------------------------------------------------------------- the previous plan on dated sheets

def test_the_previous_plan_on_sheets_named_with_an_older_date_is_not_read():
    plan = _read(_t1("第1表(R7.10)", created="R7.10.5"), SheetGrid.from_rows("第2表(R7.10)", [T2_HEAD, _row(NEED_B)]),
                 _t1("第1表(R8.4)"), SheetGrid.from_rows("第2表(R8.4)", [T2_HEAD, _row(NEED_A)]))
    assert [n.text.value for n in plan.table2.needs] == [NEED_A]
    assert plan.table1.created_on.value == dt.date(2026, 4, 10)
    assert {n.part for n in plan.notes if "日付の新しいシート" in n.message} == {"第1表(R7.10)", "第2表(R7.10)"}


def test_dated_names_in_other_styles_and_records_are_kept():
    from xl_careplan.readers.plan_sheets import older_dated

    assert older_dated(["R8.4 第2表", "R7.10 第2表", "第1表_20260410", "第1表_20251015"]) == ["R7.10 第2表", "第1表_20251015"]
    # monitoring sheets a month each hold different visits; sheets of different forms are no copies
    assert older_dated(["モニタリング(R8.5)", "モニタリング(R8.6)", "第1表(R8.4)", "第2表(R7.10)", "第1表 (2)"]) == []


# --------------------------------------------------------------------------- drop-down placeholders

def test_a_dropdown_placeholder_is_blank():
    slot = [None, None, None, None, None, None, None, "▼選択", None, None, None]
    plan = _read(_t1(level="▼選択"), SheetGrid.from_rows("第2表", [T2_HEAD, _row(NEED_A), slot, slot]))
    assert len(list(plan.table2.services())) == 1  # the unused slots are no services
    assert plan.table1.care_level.value is None and plan.table1.care_level.loc is not None  # blank, not a doubt
    assert ("CP101", "ERROR") in _codes(plan)
    assert ("CP130", "ERROR") not in _codes(plan)


# --------------------------------------------------------------------------- dates in split cells

def test_a_date_written_across_cells_is_read():
    sh = SheetGrid.from_rows("第1表", [
        ["利用者名", "見本 花子"],
        ["居宅サービス計画作成（変更）日", "令和", 8, "年", "４", "月", 10, "日"],
        ["認定の有効期間", "令和", 8, "年", 4, "月", 1, "日", "～", "令和", 9, "年", 3, "月", 31, "日"],
        ["説明・同意日", "令和", None, "年", None, "月", None, "日"],
        ["要介護状態区分", "要介護2"]])
    plan = _read(sh, SheetGrid.from_rows("第2表", [T2_HEAD, _row(NEED_A)]))
    t1 = plan.table1
    assert t1.created_on.value == dt.date(2026, 4, 10) and t1.created_on.loc.cell == "B2"
    assert t1.cert_period.value == Period(start=dt.date(2026, 4, 1), end=dt.date(2027, 3, 31))
    assert t1.consent_on.value is None and t1.consent_on.loc is not None and not t1.consent_on.problem  # blank
    assert ("CP101", "ERROR") in _codes(plan)


# --------------------------------------------------------------------------- two lines a service

def test_a_service_written_over_two_lines():
    head1 = ["生活全般の解決すべき課題（ニーズ）", "長期目標", "（期間）", "短期目標", "（期間）", "サービス内容", "※1", "サービス種別", "頻度"]
    head2 = [None, None, None, None, None, None, None, "※2", "期間"]
    rows = [head1, head2,
            [NEED_A, "入浴できる", PERIOD, "体を洗える", SHORT, "入浴介助", "○", "通所介護", "週2回"],
            [None, None, None, None, None, None, None, "デイこぶし", SHORT],
            [None, None, None, None, None, "見守り", "○", "訪問介護", "週1回"],
            [None, None, None, None, None, None, None, "ヘルパーわかば", SHORT]]
    plan = _read(_t1(), SheetGrid.from_rows("第2表", rows))
    svs = list(plan.table2.services())
    assert [(s.service_type.value, s.provider.value, s.provider.loc.cell) for s in svs] == [
        ("通所介護", "デイこぶし", "H4"), ("訪問介護", "ヘルパーわかば", "H6")]
    assert all(isinstance(s.period.value, Period) for s in svs)
    assert [s.period.loc.cell for s in svs] == ["I4", "I6"]


# --------------------------------------------------------------------------- 算定理由 with its その他 box

def test_the_caption_of_the_other_reason_box_is_no_option():
    sh = SheetGrid.from_rows("第1表", [["利用者名", "見本 花子"], ["居宅サービス計画作成（変更）日", "R8.4.10"],
                                       ["要介護状態区分", "要介護2"], ["説明・同意日", "R8.4.14"],
                                       ["生活援助中心型の算定理由", "1.一人暮らし", "（その他の内容）", None]])
    plan = _read(sh, SheetGrid.from_rows("第2表", [T2_HEAD, _row(NEED_A)]))
    assert "一人暮らし" in (plan.table1.living_support_reason.value or "")


# --------------------------------------------------------------------------- month-only periods

def test_a_month_only_period_is_not_faulted_for_the_unknown_day():
    p = parse_period("R8.4～R8.10")
    assert (p.start, p.end) == (dt.date(2026, 4, 1), dt.date(2026, 10, 31)) and p.start_month and p.end_month
    assert p.months() <= 6  # 4/30〜10/1 at the shortest: not 「7か月」
    assert parse_period("R8.4～R9.1").months() > 6  # longer than 6 months whatever the days
    assert Period(start=dt.date(2026, 4, 15), end=dt.date(2026, 10, 14)).contains(p)  # could be inside
    assert not Period(start=dt.date(2026, 4, 15), end=dt.date(2026, 10, 14)).contains(parse_period("R8.4～R8.11"))
    plan = _read(_t1(), SheetGrid.from_rows("第2表", [T2_HEAD, _row(NEED_A, short="R8.4～R8.10", long="R8.4～R9.3")]))
    codes = _codes(plan, "asahikawa")
    assert not any(r in ("AS201", "CP120", "CP121", "CP122") for r, _ in codes)


# --------------------------------------------------------------------------- a template's hints, the consent sentence

def test_a_templates_hint_beside_a_blank_field_is_no_value():
    sh = SheetGrid.from_rows("第1表", [["利用者名", "見本 花子"], ["居宅サービス計画作成（変更）日", "R8.4.10"],
                                       ["要介護状態区分", "要介護2"], ["説明・同意日", "R8.4.14"],
                                       ["総合的な援助の方針", None, None, "（記入例）緊急時の連絡先や対応の方法も記入する"]])
    plan = _read(sh, SheetGrid.from_rows("第2表", [T2_HEAD, _row(NEED_A)]))
    assert plan.table1.overall_policy.value is None and plan.table1.overall_policy.loc is not None
    assert ("CP101", "ERROR") in _codes(plan)


def test_the_consent_date_written_in_the_consent_sentence():
    def sheet(date):
        return SheetGrid.from_rows("第1表", [["利用者名", "見本 花子"], ["居宅サービス計画作成（変更）日", "R8.4.10"],
                                             ["要介護状態区分", "要介護2"],
                                             [f"上記の居宅サービス計画について説明を受け、同意し、交付を受けました。　{date}"]])
    plan = _read(sheet("令和８年４月１４日"), SheetGrid.from_rows("第2表", [T2_HEAD, _row(NEED_A)]))
    assert plan.table1.consent_on.value == dt.date(2026, 4, 14) and plan.table1.consent_on.loc.cell == "A4"
    plan = _read(sheet("令和　　年　　月　　日"), SheetGrid.from_rows("第2表", [T2_HEAD, _row(NEED_A)]))
    assert plan.table1.consent_on.value is None and plan.table1.consent_on.loc.cell == "A4"  # unsigned: blank
    assert ("CP101", "ERROR") in _codes(plan)


# --------------------------------------------------------------------------- monitoring in blocks of rows

def test_a_monitoring_record_written_as_one_block_of_rows_a_visit():
    rows = [["モニタリング記録"], ["利用者名", "見本 花子"], []]
    for month, day, how in ((5, 12, "訪問（面接）"), (6, 9, "電話"), (7, 14, "訪問（面接）")):
        rows += [[f"【令和8年{month}月】"], ["予定日", f"R8.{month}.{day}"], ["実施日", f"R8.{month}.{day}"],
                 ["方法", how], ["場所", "居宅" if how != "電話" else None], ["内容", "体調に変化なし。"], []]
    plan = _read(_t1(), SheetGrid.from_rows("第2表", [T2_HEAD, _row(NEED_A)]), SheetGrid.from_rows("モニタリング", rows))
    mon = plan.monitoring
    assert mon is not None and [r.done_on.value for r in mon.rows] == [
        dt.date(2026, 5, 12), dt.date(2026, 6, 9), dt.date(2026, 7, 14)]
    assert [r.done_on.loc.cell for r in mon.rows] == ["B6", "B13", "B20"]
    assert "居宅" in mon.rows[0].method.value and mon.rows[1].method.value == "電話"
    assert any("まとまり" in n.message for n in plan.notes)


# --------------------------------------------------------------------------- monitoring across

def test_a_monitoring_record_written_one_column_a_visit():
    visits = [("R8.5.12", "R8.5.12", "訪問"), ("R8.6.9", None, None), ("R8.7.14", "R8.7.14", "訪問")]
    rows = [["モニタリング表（月別）"], ["利用者名", "見本 花子"], [],
            ["対象月", "5月", "6月", "7月"],
            ["予定日", *(v[0] for v in visits)], ["実施日", *(v[1] for v in visits)],
            ["実施方法", *(v[2] for v in visits)], ["目標の達成状況・確認内容", "変化なし", None, "変化なし"]]
    plan = _read(_t1(), SheetGrid.from_rows("第2表", [T2_HEAD, _row(NEED_A)]), SheetGrid.from_rows("モニタリング", rows))
    mon = plan.monitoring
    assert mon is not None and mon.across
    assert [r.done_on.value for r in mon.rows] == [dt.date(2026, 5, 12), None, dt.date(2026, 7, 14)]
    assert [r.done_on.loc.cell for r in mon.rows] == ["B6", "C6", "D6"]
    cp170 = [f for f in check_plan(plan, load_profile("national"), TODAY, "test.xlsx") if f.rule == "CP170"]
    assert cp170 and any(f.cell == "C6" for f in cp170)  # June's visit not done: at its 実施日 cell
