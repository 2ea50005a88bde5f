"""Invariants of plan_events over many generated plans and settings (hypothesis)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings as hsettings, strategies as st

from schedule_helpers import make_plan
from xl_careplan.schedule import ScheduleSettings, month_range, plan_events
from xl_careplan.values import CareLevel

dates = st.dates(min_value=dt.date(2025, 1, 1), max_value=dt.date(2029, 12, 31))


@hsettings(max_examples=150, deadline=None)
@given(start=dates, months=st.integers(min_value=1, max_value=48), end_day=st.integers(min_value=0, max_value=27),
       level=st.sampled_from(list(CareLevel)), visit_day=st.integers(min_value=1, max_value=31),
       weekday=st.one_of(st.none(), st.integers(min_value=0, max_value=4)),
       today_offset=st.integers(min_value=-60, max_value=400))
def test_invariants(start, months, end_day, level, visit_day, weekday, today_offset):
    y, m = divmod(start.month - 1 + months, 12)
    end = dt.date(start.year + y, m + 1, 1) + dt.timedelta(days=end_day)
    plan = make_plan(level=level, consent=start, cert=(start, end),
                     goals=[((start, end), [(start, start + (end - start) / 2)])])
    s = ScheduleSettings(visit_day=visit_day, preferred_weekday=weekday)
    today = start + dt.timedelta(days=today_offset)
    ev = plan_events(plan, today=today, settings=s)
    visits = [e for e in ev if e.kind == "monitoring_visit"]
    months_seen = [(e.date.year, e.date.month) for e in visits]
    assert len(months_seen) == len(set(months_seen))  # at most one visit/contact per month
    expected = [ym for ym in month_range(start, end)
                if ym >= (today.year, today.month)]
    # every month of the plan from today's month on has its visit (unless nothing is left of that month)
    assert set(months_seen) <= set(expected)
    for ym in expected[1:] if expected and expected[0] == (today.year, today.month) else expected:
        assert ym in months_seen
    for e in ev:
        assert e.date >= today
        assert e.date <= end
        if "営業日がありません" not in e.note:
            assert s.is_working_day(e.date), e
    for e in visits:
        assert e.date >= start
    if not level.is_support:
        assert not any(e.contact_only for e in visits)
    assert [e.date for e in ev] == sorted(e.date for e in ev)
