"""fill_monitoring through the WorkbookAccess protocol (in-memory fake and the package editor PackageWorkbook)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from fakes import FakeWorkbook
from schedule_helpers import D, make_plan
from xl_careplan import fields as F
from xl_careplan.schedule import ScheduleSettings, fill_monitoring, plan_events
from xl_careplan.values import CareLevel

TODAY = D(2026, 11, 25)
TEMPLATE = Path(__file__).resolve().parents[1] / "templates" / "居宅サービス計画書.xlsx"
HEADER = {"A1": "モニタリング記録", "A4": "予定日", "B4": "種別", "C4": "実施日", "D4": "方法", "E4": "内容・評価"}


def plan_and_events(level=CareLevel.KAIGO2):
    plan = make_plan(level=level, consent=D(2026, 10, 20), cert=(D(2026, 10, 1), D(2027, 9, 30)),
                     goals=[((D(2026, 10, 20), D(2027, 9, 30)), [(D(2026, 10, 20), D(2027, 3, 31))])])
    return plan, plan_events(plan, today=TODAY, settings=ScheduleSettings())


def rows_of(wb: FakeWorkbook, sheet="モニタリング"):
    out = []
    for r in range(5, 200):
        vals = [wb.cells[sheet].get((r, c)) for c in range(1, 6)]
        if any(v is not None for v in vals):
            out.append((r, *vals))
    return out


def test_fill_blank_template_sheet():
    plan, events = plan_and_events()
    wb = FakeWorkbook({"第1表": {"A1": "x"}, "モニタリング": dict(HEADER)}, )
    wb.merged["モニタリング"].append((1, 1, 1, 5))
    res = fill_monitoring(wb, plan, events, today=TODAY)
    assert not res.created_sheet and res.sheet == "モニタリング"
    assert len(res.written) == len(events) and not res.already_present
    rows = rows_of(wb)
    assert rows[0][0] == 5  # first data row
    assert [r[1] for r in rows] == [e.date for e in events]
    assert all(isinstance(r[1], dt.date) for r in rows)  # real dates, not text
    assert rows[0][2] == "モニタリング訪問" and rows[0][3] is None and rows[0][4] is None  # 実施日・方法 left blank
    assert {r[2] for r in rows} <= set(F.MONITORING_KINDS)
    # only the 予定日・種別・内容 columns were written, nothing outside the sheet
    assert {c[1] for c in wb.calls} == {"モニタリング"}
    assert {c[2][0] for c in wb.calls} == {"A", "B", "E"}


def test_existing_entries_kept_and_not_duplicated():
    plan, events = plan_and_events()
    cells = dict(HEADER)
    cells.update({
        # the care manager's records: a done visit in November (no 予定日), a planned December visit
        "B5": "モニタリング訪問", "C5": D(2026, 11, 20), "D5": "居宅訪問", "E5": "状態安定。",
        "A6": D(2026, 12, 10), "B6": "モニタリング訪問",
        "A7": D(2027, 3, 18), "B7": "目標評価", "E7": "担当者と調整中",
        # a note somewhere below, with a blank 予定日: must stay untouched
        "E9": "メモ: 1月は家族同席希望",
    })
    wb = FakeWorkbook({"モニタリング": cells})
    before = wb.snapshot()["モニタリング"]
    res = fill_monitoring(wb, plan, events, today=TODAY)
    after = wb.cells["モニタリング"]
    for k, v in before.items():
        assert after[k] == v  # nothing the care manager wrote was changed
    present = {(e.date.year, e.date.month, e.kind) for e in res.already_present}
    assert present == {(2026, 11, "monitoring_visit"), (2026, 12, "monitoring_visit"), (2027, 3, "goal_evaluation")}
    written_rows = [w.row for w in res.written]
    assert min(written_rows) == 10  # appended after the last used row (9), no gaps filled
    visit_months = [(r[1].year, r[1].month) for r in rows_of(wb) if r[2] == "モニタリング訪問" and r[1]]
    assert len(visit_months) == len(set(visit_months))  # one visit per month
    assert (2026, 11) not in visit_months  # November covered by the done visit (実施日 only)


def test_goal_evaluations_of_different_goals_in_same_month_both_written():
    plan = make_plan(goals=[((D(2026, 10, 20), D(2027, 9, 30)), [(D(2026, 10, 20), D(2027, 3, 12))]),
                            ((D(2026, 10, 20), D(2027, 9, 30)), [(D(2026, 10, 20), D(2027, 3, 31))])])
    events = plan_events(plan, today=TODAY, settings=ScheduleSettings())
    march = [e for e in events if e.kind == "goal_evaluation" and e.date.month == 3]
    assert len(march) == 2
    wb = FakeWorkbook({"モニタリング": dict(HEADER)})
    fill_monitoring(wb, plan, events, today=TODAY)
    again = fill_monitoring(wb, plan, events, today=TODAY)
    assert not again.written
    assert sum(1 for r in rows_of(wb) if r[2] == "目標評価" and r[1].month == 3) == 2


def test_running_twice_equals_once():
    plan, events = plan_and_events(CareLevel.SHIEN1)
    wb = FakeWorkbook({"モニタリング": dict(HEADER)})
    first = fill_monitoring(wb, plan, events, today=TODAY)
    once = wb.snapshot()
    second = fill_monitoring(wb, plan, events, today=TODAY)
    assert wb.snapshot() == once
    assert not second.written and len(second.already_present) == len(first.written)
    # a later run (a month on) recomputes the schedule and still adds nothing
    later = plan_events(plan, today=D(2026, 12, 20), settings=ScheduleSettings())
    third = fill_monitoring(wb, plan, later, today=D(2026, 12, 20))
    assert not third.written and wb.snapshot() == once


def test_contacts_written_as_denwa_for_support_plan():
    plan, events = plan_and_events(CareLevel.SHIEN1)
    wb = FakeWorkbook({"モニタリング": dict(HEADER)})
    fill_monitoring(wb, plan, events, today=TODAY)
    kinds = [r[2] for r in rows_of(wb)]
    assert "電話等連絡" in kinds and "モニタリング訪問" in kinds


def test_creates_sheet_when_absent_and_only_then():
    plan, events = plan_and_events()
    wb = FakeWorkbook({"第1表": {"A1": "居宅サービス計画書(1)"}})
    res = fill_monitoring(wb, plan, events, today=TODAY)
    assert res.created_sheet and res.sheet == F.SHEET_MONITORING
    assert [c[0] for c in wb.calls] == ["write_sheet"]
    assert wb.value("モニタリング", "A4") == "予定日" and wb.value("モニタリング", "E4") == "内容・評価"
    assert wb.value("モニタリング", "A5") == events[0].date
    # second run finds the sheet: no write_sheet (which would replace it), no new rows
    wb.calls.clear()
    again = fill_monitoring(wb, plan, events, today=TODAY)
    assert not again.created_sheet and not again.written and wb.calls == []


def test_variant_sheet_name_and_other_columns():
    plan, events = plan_and_events()
    # another office's sheet: header on row 2, columns in another order
    wb = FakeWorkbook({"モニタリング記録": {"A2": "No.", "B2": "訪問予定日", "C2": "訪問日", "D2": "区分", "E2": "結果",
                                      "A3": 1, "B3": "2026/12/14", "D3": "訪問"}})
    res = fill_monitoring(wb, plan, events, today=TODAY)
    assert res.sheet == "モニタリング記録" and not res.created_sheet
    assert wb.value("モニタリング記録", "B4") == events[0].date  # row 3 used; November event first
    assert wb.value("モニタリング記録", "D4") == "モニタリング訪問"
    # the text date 2026/12/14 with 区分「訪問」 covers December
    assert not any((w.date.year, w.date.month) == (2026, 12) and w.kind == "monitoring_visit" for w in res.written)
    assert any((e.date.year, e.date.month) == (2026, 12) for e in res.already_present)
    assert wb.value("モニタリング記録", "A4") is None  # a column we do not know is never written


def test_sheet_without_recognisable_header_is_left_alone():
    plan, events = plan_and_events()
    wb = FakeWorkbook({"モニタリング": {"A1": "自由記載", "A2": "11/20 訪問済"}})
    res = fill_monitoring(wb, plan, events, today=TODAY)
    assert not res.written and res.warnings and "見出し" in res.warnings[0]
    assert wb.calls == []


def test_past_events_not_written():
    plan = make_plan()
    events = plan_events(plan, today=TODAY, settings=ScheduleSettings(), include_past=True)
    wb = FakeWorkbook({"モニタリング": dict(HEADER)})
    res = fill_monitoring(wb, plan, events, today=TODAY)
    assert res.skipped_past >= 1
    assert all(w.date >= TODAY for w in res.written)


def test_merged_rows_skipped():
    plan, events = plan_and_events()
    cells = dict(HEADER)
    wb = FakeWorkbook({"モニタリング": cells})
    wb.merged["モニタリング"].append((5, 1, 6, 5))  # rows 5–6 merged into one block
    res = fill_monitoring(wb, plan, events, today=TODAY)  # the fake raises when writing inside a merge
    assert min(w.row for w in res.written) == 7


@pytest.mark.skipif(not TEMPLATE.exists(), reason="template not generated")
def test_file_workbook_twice_equals_once(tmp_path):
    from xl_careplan.writer.editor import PackageWorkbook
    from openpyxl import load_workbook

    src = tmp_path / "plan.xlsx"
    shutil.copy(TEMPLATE, src)
    plan, events = plan_and_events()

    def run(path_in, path_out):
        fw = PackageWorkbook(path_in)
        res = fill_monitoring(fw, plan, events, today=TODAY)
        fw.save(path_out)
        return res

    once, twice = tmp_path / "once.xlsx", tmp_path / "twice.xlsx"
    r1 = run(src, once)
    r2 = run(once, twice)
    assert len(r1.written) == len(events) and not r2.written

    def values(p):
        ws = load_workbook(p)["モニタリング"]
        return [[c.value for c in row] for row in ws.iter_rows(min_row=1, max_row=80, max_col=5)]

    assert values(once) == values(twice)
    ws = load_workbook(once)["モニタリング"]
    assert isinstance(ws["A5"].value, dt.datetime) and ws["A5"].value.date() == events[0].date
    assert ws["B5"].value == "モニタリング訪問"


def test_columns_from_reader_locations_when_no_header_labels():
    from xl_careplan.located import Loc, Located
    from xl_careplan.models import Monitoring, MonitoringRow

    plan, events = plan_and_events()
    # a layout-file form: no header labels; the reader located the columns B (予定日) and C (種別)
    wb = FakeWorkbook({"モニタリング": {"B3": D(2026, 11, 16), "C3": "モニタリング訪問"}})
    plan.monitoring = Monitoring(sheet="モニタリング", header_row=2, rows=[MonitoringRow(
        row=3,
        planned_on=Located[dt.date](value=D(2026, 11, 16), loc=Loc(sheet="モニタリング", cell="B3")),
        kind=Located[str](value="モニタリング訪問", loc=Loc(sheet="モニタリング", cell="C3")))])
    res = fill_monitoring(wb, plan, events, today=TODAY)
    assert res.written and res.written[0].row == 4
    assert wb.value("モニタリング", "B4") == D(2026, 12, 15) and wb.value("モニタリング", "C4") == "モニタリング訪問"
    assert wb.value("モニタリング", "A4") is None


@pytest.mark.skipif(not TEMPLATE.exists(), reason="template not generated")
def test_filled_file_reads_back(tmp_path):
    from xl_careplan.writer.editor import PackageWorkbook
    readers = pytest.importorskip("xl_careplan.readers")
    if not hasattr(readers, "read_plan_file"):
        pytest.skip("readers not there yet")
    src = tmp_path / "plan.xlsx"
    shutil.copy(TEMPLATE, src)
    plan, events = plan_and_events()
    fw = PackageWorkbook(src)
    fill_monitoring(fw, plan, events, today=TODAY)
    fw.save(tmp_path / "filled.xlsx")
    back = readers.read_plan_file(tmp_path / "filled.xlsx")
    assert back.monitoring is not None
    got = [(r.planned_on.value, r.kind.value) for r in back.monitoring.rows]
    assert got == [(e.date, e.label) for e in events]


def test_fill_schedule_helper():
    from xl_careplan.schedule import fill_schedule

    plan, _ = plan_and_events()
    wb = FakeWorkbook({"モニタリング": dict(HEADER)})
    events, res = fill_schedule(wb, plan, today=TODAY, settings=ScheduleSettings(visit_day=20))
    assert len(res.written) == len(events) and wb.value("モニタリング", "A6") == D(2026, 12, 21)  # 12/20 is Sunday
