"""read_plan with a TOML layout file (forms the label search cannot read)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from reader_helpers import fill_template
from xl_careplan.errors import ProfileError
from xl_careplan.reading import grid_from_openpyxl
from xl_careplan.readers import read_plan
from xl_careplan.readers.layout_file import load_layout
from xl_careplan.values import CareLevel, Period

D = dt.date
ROOT = Path(__file__).resolve().parent.parent

LAYOUT = """
[table1]
user_name = "表紙!C5"
care_level = "表紙!C6"
cert_period = ["表紙!C7", "表紙!E7"]
created_on = "'表 紙'!B2"

[table2]
sheet = "計画"
first_row = 3
last_row = 10
columns = { need = "A", long_goal = "B", long_period = "C", short_goal = "D", short_period = "E", content = "F", insured = "G", service_type = "H", provider = "I", frequency = "J", service_period = "K" }

[table3]
sheet = "週"
first_row = 2
last_row = 5
time_col = "A"
day_cols = ["B", "C", "D", "E", "F", "G", "H"]
non_weekly = "週!B7"

[table4]
held_on = "表紙!C9"

[assessment]
assessed_on = "表紙!C10"

[monitoring]
sheet = "記録"
first_row = 2
columns = { planned_on = "A", done_on = "B" }
"""


def _odd_form():
    """No usable labels at all: values in fixed cells."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "表紙"
    ws["A5"] = "お名前"
    ws["C5"] = "見本 四郎"
    ws["C6"] = "要介護1"
    ws["C7"] = "R8.4.1"
    ws["D7"] = "から"
    ws["E7"] = "R9.3.31"
    ws["C9"] = D(2026, 4, 20)
    ws["C10"] = "R8.4.2"
    ws2 = wb.create_sheet("表 紙")
    ws2["B2"] = D(2026, 4, 18)
    ws3 = wb.create_sheet("計画")
    for c, v in enumerate(["困りごと", "大目標", "いつまで", "小目標", "いつまで", "すること", "保険", "だれ", "どこ", "どれくらい", "いつまで"], 1):
        ws3.cell(row=2, column=c, value=v)
    for c, v in enumerate(["外出したい", "散歩できる", "R8.4.1～R9.3.31", "庭に出る", "R8.4.1～R8.9.30", "歩行介助", "○", "訪問介護", "A", "週3回", "R8.4.1～R8.9.30"], 1):
        ws3.cell(row=3, column=c, value=v)
    ws3["F4"] = "手すり"
    ws3["J4"] = "随時"
    ws3["A12"] = "この行は表の外"
    ws4 = wb.create_sheet("週")
    for i, t in enumerate(["9:00", "11:00", "13:00", "15:00"], start=2):
        ws4.cell(row=i, column=1, value=t)
    ws4["C2"] = "歩行介助"
    ws4["B7"] = "福祉用具貸与"
    ws5 = wb.create_sheet("記録")
    ws5["A2"] = "R8.5.10"
    ws5["B2"] = D(2026, 5, 12)
    return wb


@pytest.fixture()
def layout(tmp_path):
    p = tmp_path / "layout.toml"
    p.write_text(LAYOUT, encoding="utf-8")
    return p


def test_layout_file_reads_odd_form(layout):
    p = read_plan(grid_from_openpyxl(_odd_form()), "odd.xlsx", layout=layout)
    assert p.layout == "layout-file"
    t1 = p.table1
    assert t1.user_name.value == "見本 四郎" and str(t1.user_name.loc) == "表紙!C5"
    assert t1.care_level.value is CareLevel.KAIGO1
    assert t1.cert_period.value == Period(start=D(2026, 4, 1), end=D(2027, 3, 31))
    assert t1.cert_period.raw == "R8.4.1～R9.3.31"
    assert t1.created_on.value == D(2026, 4, 18) and str(t1.created_on.loc) == "表 紙!B2"
    assert t1.address.loc is None  # not in the layout file and no label: not found
    (need,) = p.table2.needs
    assert need.text.value == "外出したい"
    assert [s.content.value for s in need.services()] == ["歩行介助", "手すり"]
    assert need.services()[1].frequency.value.kind == "as_needed"
    entries = [(e.weekday, e.time, e.text, str(e.loc)) for e in p.table3.entries]
    assert entries == [("火", "09:00", "歩行介助", "週!C2")]
    assert p.table3.non_weekly.value == "福祉用具貸与"
    assert p.table4.held_on.value == D(2026, 4, 20)
    assert p.assessment.assessed_on.value == D(2026, 4, 2) and p.assessment.items == []
    (row,) = p.monitoring.rows
    assert row.row == 2 and row.planned_on.value == D(2026, 5, 10) and row.done_on.value == D(2026, 5, 12)
    assert row.kind.loc is None


def test_without_layout_the_odd_form_is_not_a_care_plan():
    from xl_careplan.errors import NotACarePlanError

    with pytest.raises(NotACarePlanError):
        read_plan(grid_from_openpyxl(_odd_form()), "odd.xlsx")


def test_layout_file_overrides_only_what_it_names(tmp_path):
    """On our template a layout file naming one cell changes that field only."""
    p = tmp_path / "one.toml"
    p.write_text('[table1]\nuser_name = "第1表!H4"\n', encoding="utf-8")
    plan = read_plan(grid_from_openpyxl(fill_template()), "x.xlsx", layout=p)
    assert plan.layout == "layout-file"
    assert plan.table1.user_name.value == "北海道見本市本町1-2-3" and plan.table1.user_name.loc.cell == "H4"
    assert plan.table1.care_level.value is CareLevel.KAIGO2
    assert len(plan.table2.needs) == 2


def test_table2_header_row_only(tmp_path):
    """header_row without columns: the columns come from that row's labels."""
    wb = fill_template()
    p = tmp_path / "h.toml"
    p.write_text('[table2]\nsheet = "第2表"\nheader_row = 5\n', encoding="utf-8")
    plan = read_plan(grid_from_openpyxl(wb), "x.xlsx", layout=p)
    assert [n.text.loc.cell for n in plan.table2.needs] == ["A6", "A9"]


def test_example_layout_file_is_valid():
    lf = load_layout(ROOT / "templates" / "layout-example.toml")
    assert lf.table1["cert_period"].end == ("計画書1", 7, 7)
    assert lf.table2["columns"]["service_period"] == 11
    assert lf.table3["day_cols"] == [3, 4, 5, 6, 7, 8, 9]


@pytest.mark.parametrize("text,words", [
    ('[table1]\nusername = "第1表!B4"\n', ["username", "使える項目"]),
    ('[table1]\nuser_name = "B4"\n', ["user_name", "セル参照"]),
    ('[table1]\nuser_name = ["第1表!B4", "第1表!C4"]\n', ["期間の項目だけ"]),
    ('[tabel1]\nuser_name = "第1表!B4"\n', ["tabel1", "区分"]),
    ('[table2]\nheader_row = 5\n', ["sheet"]),
    ('[table2]\nsheet = "第2表"\nheader_row = 0\n', ["行番号"]),
    ('[table2]\nsheet = "第2表"\ncolumns = { need = "A" }\n', ["header_row"]),
    ('[table2]\nsheet = "第2表"\nheader_row = 5\ncolumns = { needs = "A" }\n', ["needs"]),
    ('[table3]\nsheet = "第3表"\nday_cols = ["D"]\n', ["day_cols"]),
    ("[table1\n", ["TOML"]),
])
def test_layout_file_errors(tmp_path, text, words):
    p = tmp_path / "bad.toml"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(ProfileError) as ei:
        load_layout(p)
    msg = str(ei.value)
    assert msg.startswith(str(p))
    for w in words:
        assert w in msg


def test_layout_file_missing(tmp_path):
    with pytest.raises(ProfileError) as ei:
        load_layout(tmp_path / "nope.toml")
    assert "レイアウトファイルが見つかりません" in str(ei.value)


def test_layout_sheet_not_in_workbook(tmp_path):
    p = tmp_path / "s.toml"
    p.write_text('[table1]\nuser_name = "表紙!C5"\n', encoding="utf-8")
    with pytest.raises(ProfileError) as ei:
        read_plan(grid_from_openpyxl(fill_template()), "x.xlsx", layout=p)
    assert "シート「表紙」がブックにありません" in str(ei.value)
    p.write_text('[monitoring]\nsheet = "記録"\nheader_row = 3\n', encoding="utf-8")
    with pytest.raises(ProfileError):
        read_plan(grid_from_openpyxl(fill_template()), "x.xlsx", layout=p)
