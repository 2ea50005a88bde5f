"""The モニタリング sheet gets short notes that fit one line of its rows; the legal basis stays in the
event's note (JSON, the .ics description) and docs/schedule.md."""

from __future__ import annotations

import itertools

import pytest

from schedule_helpers import D, make_plan
from xl_careplan.schedule import SHEET_TEXT_COLUMNS, ScheduleSettings, _width, plan_events
from xl_careplan.values import CareLevel
from xl_careplan.record import dump

LEVELS = [CareLevel.KAIGO2, CareLevel.SHIEN1]
GOALS = [
    [],
    [((D(2026, 10, 20), D(2027, 9, 30)), [(D(2026, 10, 20), D(2027, 3, 31))])],
    # five needs whose short and long goals end on the same days: the longest goal lists
    [((D(2026, 10, 20), D(2027, 3, 31)), [(D(2026, 10, 20), D(2027, 3, 31)), (D(2026, 10, 20), D(2026, 12, 31))])] * 5,
]
TODAYS = [D(2026, 10, 1), D(2026, 12, 26), D(2027, 3, 25)]  # before the plan, in 年末年始, past ideal dates


@pytest.mark.parametrize("level, goals, today", list(itertools.product(LEVELS, GOALS, TODAYS)))
def test_sheet_notes_are_short_and_keep_the_basis_elsewhere(level, goals, today):
    settings = ScheduleSettings(closed_days=["12-29", "12-30", "12-31", "01-01", "01-02", "01-03"])
    events = plan_events(make_plan(level=level, goals=goals), today=today, settings=settings)
    assert events
    for e in events:
        assert _width(e.sheet_text) <= SHEET_TEXT_COLUMNS, e.sheet_text
        assert "条" not in e.sheet_text and "基準" not in e.sheet_text, e.sheet_text
        if e.kind in ("monitoring_visit", "certification_renewal", "plan_review"):
            assert "条" in e.note  # the legal basis is still in the full note
        assert set(dump(e, json=True)) == {"date", "kind", "note"}  # the JSON contract is unchanged


def test_the_sheet_gets_the_short_notes():
    from fakes import FakeWorkbook
    from xl_careplan.schedule import fill_monitoring

    plan = make_plan(goals=GOALS[1])
    events = plan_events(plan, today=D(2026, 11, 25), settings=ScheduleSettings())
    header = {"A1": "モニタリング記録", "A4": "予定日", "B4": "種別", "C4": "実施日", "D4": "方法", "E4": "内容・評価"}
    wb = FakeWorkbook({"第1表": {"A1": "x"}, "モニタリング": header})
    res = fill_monitoring(wb, plan, events, today=D(2026, 11, 25))
    notes = [wb.cells["モニタリング"].get((w.row, 5)) for w in res.written]
    assert notes == [e.sheet_text for e in events] and all("条" not in n for n in notes)
    # a second run finds its own short notes (the goal's end date in them) and adds nothing
    again = fill_monitoring(wb, plan, plan_events(plan, today=D(2026, 11, 25), settings=ScheduleSettings()),
                            today=D(2026, 11, 25))
    assert again.written == [] and len(again.already_present) == len(events)
