"""第5表 居宅介護支援経過: read when a sheet is named like one, both halves of the standard form."""

from __future__ import annotations

from xl_careplan.grid import SheetGrid, WorkbookGrid
from xl_careplan.readers.table5 import find_table5, read_table5


def grid(name: str, rows: list[list]) -> WorkbookGrid:
    return WorkbookGrid(sheets=[SheetGrid.from_rows(name, rows)], names={})


ROWS = [
    ["居宅介護支援経過", None, None, None, None, None],
    ["利用者名 見本 花子", None, None, None, None, None],
    ["年月日", "項目", "内容", "年月日", "項目", "内容"],
    ["4/8", "主治医", "見本内科 主治医に通所リハビリの必要性を照会。利用の指示あり。", "4/20", "照会", "欠席の福祉用具事業所に照会"],
    ["4/12", "担当者会議", "自宅にて開催", None, None, None],
    [None, None, None, None, None, None],
]


def test_both_halves_are_read():
    g = grid("第5表", ROWS)
    t5 = find_table5(g)
    assert t5 is not None and t5[0] == "第5表" and t5[1] == 3
    table = read_table5(g, *t5)
    assert [(e.date.value, e.item.value) for e in table.entries] == [("4/8", "主治医"), ("4/12", "担当者会議"), ("4/20", "照会")]
    assert table.entries[2].content.loc.cell == "F4"
    assert any("指示" in t for t in table.texts())


def test_a_sheet_not_named_as_table5_is_not_read():
    assert find_table5(grid("記録", ROWS)) is None


def test_read_plan_keeps_table5_out_of_the_monitoring_table():
    from xl_careplan.readers import read_plan

    t1 = SheetGrid.from_rows("第1表", [["利用者名", "見本 花子"], ["居宅サービス計画作成（変更）日", "令和8年4月10日"]])
    g = WorkbookGrid(sheets=[t1, SheetGrid.from_rows("居宅介護支援経過", ROWS)], names={})
    plan = read_plan(g, "x.xlsx")
    assert plan.table5 is not None and len(plan.table5.entries) == 3
    assert plan.monitoring is None or plan.monitoring.sheet != "居宅介護支援経過"
