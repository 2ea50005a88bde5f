"""plan_events / ScheduleSettings / missing_months with fixed dates."""

from __future__ import annotations

import datetime as dt

import pytest

from schedule_helpers import D, make_plan, with_monitoring
from xl_careplan.errors import ProfileError
from xl_careplan.schedule import (
    CONTACT_NOTE,
    ScheduleSettings,
    choose_visit_day,
    missing_months,
    plan_events,
    support_visit_months,
    to_date,
)
from xl_careplan.values import CareLevel
from xl_careplan.record import dump

S = ScheduleSettings()
TODAY_ = D(2026, 11, 25)


def visits(events):
    return [e for e in events if e.kind == "monitoring_visit"]


def of_kind(events, kind):
    return [e for e in events if e.kind == kind]


# --- working days ----------------------------------------------------------------------------


def test_working_days_weekend_holiday_and_year_end():
    assert S.is_working_day(D(2026, 11, 25))
    assert not S.is_working_day(D(2026, 11, 28))  # 土
    assert not S.is_working_day(D(2026, 11, 23))  # 勤労感謝の日
    assert not S.is_working_day(D(2026, 12, 29))  # 年末年始 (office)
    assert not S.is_working_day(D(2027, 1, 3))
    assert S.is_working_day(D(2027, 1, 4))
    custom = ScheduleSettings(closed_days=["08-13", "8/14"])
    assert custom.closed_days == ["08-13", "08-14"]
    assert custom.is_working_day(D(2026, 12, 29))  # year end no longer closed in this office
    assert not custom.is_working_day(D(2027, 8, 13))


def test_year_end_visit_target_stays_in_month():
    s = ScheduleSettings(visit_day=30)
    # 12/30 closed, 12/31 closed -> no later working day in December -> backwards to 12/28 (Mon)
    assert choose_visit_day(2026, 12, s) == (D(2026, 12, 28), True)
    s1 = ScheduleSettings(visit_day=1)
    # 1/1–1/3 closed -> next working day 1/4 (Mon), still January
    assert choose_visit_day(2027, 1, s1) == (D(2027, 1, 4), True)


def test_year_end_in_full_plan():
    plan = make_plan(consent=D(2026, 11, 2), cert=(D(2026, 11, 1), D(2027, 4, 30)))
    ev = plan_events(plan, today=D(2026, 11, 1), settings=ScheduleSettings(visit_day=30))
    dec = [e for e in visits(ev) if e.date.month == 12]
    jan = [e for e in visits(ev) if e.date.month == 1]
    assert [e.date for e in dec] == [D(2026, 12, 28)]
    assert [e.date for e in jan] == [D(2027, 1, 29)]  # 1/30 is Saturday -> next working day 2/1 is February -> back to Fri 1/29
    # every month exactly one visit, all on working days
    months = [(e.date.year, e.date.month) for e in visits(ev)]
    assert months == [(2026, 11), (2026, 12), (2027, 1), (2027, 2), (2027, 3), (2027, 4)]
    assert all(ScheduleSettings().is_working_day(e.date) for e in ev)


def test_golden_week_with_substitute_holiday():
    # 2026: 4/29 昭和の日 (Wed), 5/3 Sun, 5/4, 5/5, 5/6 振替休日
    assert choose_visit_day(2026, 4, ScheduleSettings(visit_day=29)) == (D(2026, 4, 30), True)
    assert choose_visit_day(2026, 5, ScheduleSettings(visit_day=3)) == (D(2026, 5, 7), True)
    plan = make_plan(consent=D(2026, 4, 1), cert=(D(2026, 4, 1), D(2027, 3, 31)),
                     goals=[((D(2026, 4, 1), D(2027, 3, 31)), [(D(2026, 4, 1), D(2026, 5, 16))])])
    ev = plan_events(plan, today=D(2026, 4, 1), settings=ScheduleSettings())
    ge = of_kind(ev, "goal_evaluation")
    # 5/16 - 10 days = 5/6 (振替休日) -> earlier working day: 5/5, 5/4, 5/3 holidays, 5/2 Sat -> 5/1 (Fri)
    assert ge[0].date == D(2026, 5, 1)
    assert "2026年5月16日" in ge[0].note


def test_certification_ending_mid_month():
    plan = make_plan(consent=D(2026, 10, 5), cert=(D(2026, 9, 16), D(2027, 3, 15)))
    ev = plan_events(plan, today=D(2026, 10, 1), settings=ScheduleSettings(visit_day=20))
    v = visits(ev)
    assert v[-1].date == D(2027, 3, 15)  # target 3/20 is after the end: clamped to the last day of the period
    assert all(e.date <= D(2027, 3, 15) for e in ev)
    renewal = of_kind(ev, "certification_renewal")
    assert [e.date for e in renewal] == [D(2027, 1, 14)]  # 3/15 - 60 days = 1/14 (Thu)
    assert "60日前" in renewal[0].note and "施行規則" in renewal[0].note
    review = of_kind(ev, "plan_review")
    assert [e.date for e in review] == [D(2027, 3, 1)]  # 3/15 - 14 = 3/1 (Mon)
    assert "第13条第15号" in review[0].note


def test_leap_year_cert_and_goal_ending_feb_29():
    plan = make_plan(consent=D(2027, 3, 1), cert=(D(2027, 3, 1), D(2028, 2, 29)),
                     goals=[((D(2027, 3, 1), D(2028, 2, 29)), [(D(2027, 3, 1), D(2027, 8, 31))])])
    ev = plan_events(plan, today=D(2027, 3, 1), settings=ScheduleSettings(visit_day=31))
    feb = [e for e in visits(ev) if (e.date.year, e.date.month) == (2028, 2)]
    assert [e.date for e in feb] == [D(2028, 2, 29)]  # day 31 -> last day of a leap February (Tue)
    # renewal window: 2/29 - 60 = 2027-12-31 (closed), 1/1–1/3 closed -> 1/4 (Tue)
    assert [e.date for e in of_kind(ev, "certification_renewal")] == [D(2028, 1, 4)]
    ge = of_kind(ev, "goal_evaluation")
    assert [e.date for e in ge] == [D(2027, 8, 20), D(2028, 2, 18)]  # 8/21 Sat -> 8/20; 2/19 Sat -> 2/18
    assert "長期目標" in ge[1].note
    assert len(visits(ev)) == 12


def test_kaigo_monthly_visits_from_start_month_to_cert_end():
    plan = make_plan()  # consent 2026-10-20, cert to 2027-09-30
    ev = plan_events(plan, today=D(2026, 10, 1), settings=S)
    v = visits(ev)
    assert len(v) == 12
    assert v[0].date == D(2026, 10, 20)  # not before the plan start
    assert all("第13条第14号" in e.note for e in v)
    assert not any(e.contact_only for e in v)
    assert [e.date for e in v[1:4]] == [D(2026, 11, 16), D(2026, 12, 15), D(2027, 1, 15)]  # 11/15 is Sunday


def test_created_on_used_when_no_consent_date():
    plan = make_plan(consent=None, created=D(2026, 12, 1))
    ev = plan_events(plan, today=D(2026, 10, 1), settings=S)
    assert visits(ev)[0].date.month == 12 and visits(ev)[0].date.year == 2026


def test_today_filters_past_and_moves_overdue():
    plan = make_plan(goals=[((D(2026, 10, 20), D(2027, 9, 30)), [(D(2026, 10, 20), D(2026, 12, 3))])])
    ev = plan_events(plan, today=D(2026, 11, 25), settings=S)
    assert all(e.date >= D(2026, 11, 25) for e in ev)
    v = visits(ev)
    assert v[0].date == D(2026, 11, 25)  # November's target (16th) passed: today, still in November
    ge = of_kind(ev, "goal_evaluation")
    assert ge[0].date == D(2026, 11, 25) and "予定日を過ぎている" in ge[0].note  # ideal 11/23 passed, deadline 12/3 not
    all_ev = plan_events(plan, today=D(2026, 11, 25), settings=S, include_past=True)
    assert visits(all_ev)[0].date == D(2026, 10, 20)
    assert len(all_ev) > len(ev)


def test_preferred_weekday_nearest_target():
    s = ScheduleSettings(preferred_weekday="水")
    assert s.preferred_weekday == 2
    # January 2027: target 1/15 (Fri); Wednesdays 1/13 and 1/20 -> 1/13 is nearer
    assert choose_visit_day(2027, 1, s) == (D(2027, 1, 13), True)
    # if that Wednesday is a holiday, the next-nearest Wednesday: 2026-09-23 秋分の日 with target 23
    s2 = ScheduleSettings(preferred_weekday=2, visit_day=23)
    assert choose_visit_day(2026, 9, s2) == (D(2026, 9, 16), True)
    with pytest.raises(ValueError):
        ScheduleSettings(preferred_weekday="祝")


def test_support_plan_visits_every_three_months_and_contacts():
    plan = make_plan(level=CareLevel.SHIEN1, consent=D(2026, 10, 20), cert=(D(2026, 10, 1), D(2027, 9, 30)),
                     goals=[((D(2026, 10, 20), D(2027, 9, 30)), [(D(2026, 10, 20), D(2027, 3, 31))])])
    ev = plan_events(plan, today=D(2026, 10, 1), settings=S)
    v = visits(ev)
    assert len(v) == 12  # every month: a visit or a contact
    home = [(e.date.year, e.date.month) for e in v if not e.contact_only]
    # blocks from the month after the start: Nov–Jan, Feb–Apr (goal ends in March), May–Jul, Aug–Sep (end)
    assert home == [(2027, 1), (2027, 3), (2027, 7), (2027, 9)]
    contacts = [e for e in v if e.contact_only]
    assert len(contacts) == 8
    assert all(e.note.startswith(CONTACT_NOTE) and e.label == "電話等連絡" for e in contacts)
    assert all("第30条第16号" in e.note for e in v)
    assert support_visit_months(plan) == set(home)
    # JSON contract does not carry the internal flag
    assert set(dump(contacts[0], json=True)) == {"date", "kind", "note"}


def test_goals_ending_same_day_share_one_event():
    end = D(2027, 3, 31)
    plan = make_plan(goals=[((D(2026, 10, 20), D(2027, 9, 30)), [(D(2026, 10, 20), end)]),
                            ((D(2026, 10, 20), D(2027, 9, 30)), [(D(2026, 10, 20), end)])])
    ge = of_kind(plan_events(plan, today=D(2026, 10, 1), settings=S), "goal_evaluation")
    assert len(ge) == 2  # 3/31 (both short goals) and 9/30 (both long goals)
    assert "ニーズ①の短期目標・ニーズ②の短期目標" in ge[0].note
    assert ScheduleSettings(evaluation_days_before=3).evaluation_days_before == 3


def test_no_dates_no_crash():
    plan = make_plan(consent=None, cert=None, level=None)
    assert plan_events(plan, today=D(2026, 11, 25), settings=S) == []


def test_events_sorted_and_on_working_days():
    plan = make_plan(goals=[((D(2026, 10, 20), D(2027, 9, 30)), [(D(2026, 10, 20), D(2027, 3, 31))])])
    ev = plan_events(plan, today=D(2026, 10, 1), settings=S)
    assert [e.date for e in ev] == sorted(e.date for e in ev)
    assert all(S.is_working_day(e.date) for e in ev)


# --- settings from profiles -------------------------------------------------------------------


def test_settings_from_plain_dict_and_section():
    s = ScheduleSettings.from_profile({"schedule": {"visit_day": 10, "preferred_weekday": "木",
                                                    "closed_days": ["12-31", "01-01"], "evaluation_days_before": 7,
                                                    "renewal_meeting_days_before": 21}})
    assert (s.visit_day, s.preferred_weekday, s.closed_days, s.evaluation_days_before,
            s.renewal_meeting_days_before) == (10, 3, ["12-31", "01-01"], 7, 21)
    assert ScheduleSettings.from_profile({"visit_day": 5}).visit_day == 5
    assert ScheduleSettings.from_profile(None) == ScheduleSettings()
    # [office] closed_days are used when [schedule] has none
    s2 = ScheduleSettings.from_profile({"office": {"closed_days": ["08-15"]}, "schedule": {}})
    assert s2.closed_days == ["08-15"]


def test_settings_errors_are_japanese_profile_errors():
    with pytest.raises(ProfileError, match="不明な設定"):
        ScheduleSettings.from_profile({"schedule": {"visitday": 3}})
    with pytest.raises(ProfileError, match=r"\[schedule\]"):
        ScheduleSettings.from_profile({"schedule": {"closed_days": ["13-45"]}})


def test_settings_from_profile_object():
    class P:
        files = ["x.toml"]

        def section(self, name):
            return {"schedule": {"preferred_weekday": "金"}, "office": {}}[name]

    assert ScheduleSettings.from_profile(P()).preferred_weekday == 4


def test_settings_from_loaded_profile():
    from xl_careplan.profiles import Profile

    p = Profile(name="office", files=["office.toml"],
                settings={"schedule": {"visit_day": 12, "preferred_weekday": "火"},
                          "office": {"closed_days": ["12-30", "12-31"]}})
    s = ScheduleSettings.from_profile(p)
    assert (s.visit_day, s.preferred_weekday, s.closed_days) == (12, 1, ["12-30", "12-31"])
    with pytest.raises(ProfileError) as e:
        ScheduleSettings.from_profile(Profile(name="bad", files=["bad.toml"], settings={"schedule": {"visit_day": 40}}))
    assert "bad.toml" in str(e.value)


# --- missing months (for CP170) ---------------------------------------------------------------


def test_missing_months_kaigo():
    plan = with_monitoring(make_plan(consent=D(2026, 6, 10), cert=(D(2026, 6, 1), D(2027, 5, 31))), [
        {"row": 5, "planned": D(2026, 6, 15), "kind": "モニタリング訪問", "done": D(2026, 6, 15)},
        {"row": 6, "planned": D(2026, 7, 15), "kind": "モニタリング訪問", "done": D(2026, 7, 16)},
        {"row": 7, "planned": D(2026, 8, 17), "kind": "モニタリング訪問"},  # planned only, not done
        {"row": 8, "kind": "電話等連絡", "done": D(2026, 9, 10)},  # a phone call is not a home visit
        {"row": 9, "done": D(2026, 10, 2), "method": "居宅訪問"},
    ])
    assert missing_months(plan, D(2026, 11, 25)) == [(2026, 8), (2026, 9)]  # November not over yet
    assert missing_months(plan, D(2026, 11, 25), home_only=False) == [(2026, 8)]
    from xl_careplan.schedule import recorded_visit_months

    assert recorded_visit_months(plan) == {(2026, 6), (2026, 7), (2026, 10)}
    assert recorded_visit_months(plan, planned=True) == {(2026, 6), (2026, 7), (2026, 8), (2026, 10)}
    assert recorded_visit_months(plan, home_only=False) == {(2026, 6), (2026, 7), (2026, 9), (2026, 10)}


def test_missing_months_support_blocks():
    plan = with_monitoring(make_plan(level=CareLevel.SHIEN2, consent=D(2026, 4, 10), cert=(D(2026, 4, 1), D(2027, 3, 31))), [
        {"row": 5, "kind": "モニタリング訪問", "done": D(2026, 6, 12)},  # block May–Jul has a visit
        {"row": 6, "kind": "電話等連絡", "done": D(2026, 9, 1)},  # block Aug–Oct: only a call
    ])
    assert missing_months(plan, D(2026, 11, 25)) == [(2026, 10)]
    assert missing_months(plan, D(2026, 10, 25)) == []  # Aug–Oct block not over yet


def test_to_date_variants():
    assert to_date("2026/12/15") == D(2026, 12, 15)
    assert to_date("令和8年12月15日") == D(2026, 12, 15)
    assert to_date("R8.1.5") == D(2026, 1, 5)
    assert to_date(dt.datetime(2026, 12, 15, 0, 0)) == D(2026, 12, 15)
    assert to_date(46371) == D(2026, 12, 15)
    assert to_date("未定") is None


# --- respecting what the sheet already records ------------------------------------------------


def test_recorded_done_and_planned_rows_respected():
    plan = with_monitoring(make_plan(), [
        {"row": 5, "planned": D(2026, 11, 20), "kind": "モニタリング訪問", "done": D(2026, 11, 20), "method": "居宅訪問"},
        {"row": 6, "planned": D(2026, 12, 18), "kind": "モニタリング訪問"},
        {"row": 7, "planned": D(2027, 1, 8), "kind": "電話等連絡"},  # a call does not replace a 要介護 visit
    ])
    ev = plan_events(plan, today=TODAY_, settings=S)
    v = visits(ev)
    assert (2026, 11) not in [(e.date.year, e.date.month) for e in v]  # done on 11/20
    assert v[0].date == D(2026, 12, 18) and "シートの予定日" in v[0].note  # the care manager's date
    assert v[1].date == D(2027, 1, 15)
    raw = plan_events(plan, today=TODAY_, settings=S, use_recorded=False)
    assert visits(raw)[0].date == D(2026, 11, 25) and visits(raw)[1].date == D(2026, 12, 15)


def test_recorded_planned_date_in_past_not_reused():
    plan = with_monitoring(make_plan(), [{"row": 5, "planned": D(2026, 11, 18), "kind": "モニタリング訪問"}])
    v = visits(plan_events(plan, today=TODAY_, settings=S))
    assert v[0].date == D(2026, 11, 25)  # planned 11/18 but not done: still due this month


def test_support_block_with_recorded_visit_needs_no_other_visit():
    plan = make_plan(level=CareLevel.SHIEN2, consent=D(2026, 8, 28), cert=(D(2026, 8, 1), D(2027, 7, 31)))
    plan = with_monitoring(plan, [
        {"row": 5, "planned": D(2026, 9, 29), "kind": "モニタリング訪問", "done": D(2026, 9, 29), "method": "居宅訪問"},
        {"row": 6, "planned": D(2026, 10, 27), "kind": "電話等連絡", "done": D(2026, 10, 27), "method": "電話"},
    ])
    ev = plan_events(plan, today=D(2026, 11, 2), settings=S)
    nov = [e for e in visits(ev) if e.date.month == 11]
    assert len(nov) == 1 and nov[0].contact_only  # block Sep–Nov already has the September visit
    without = plan_events(make_plan(level=CareLevel.SHIEN2, consent=D(2026, 8, 28), cert=(D(2026, 8, 1), D(2027, 7, 31))),
                          today=D(2026, 11, 2), settings=S)
    assert not [e for e in visits(without) if e.date.month == 11][0].contact_only


def test_support_blocks_start_the_month_after_and_serve_both_month_forms():
    from xl_careplan.monitoring_rhythm import support_blocks

    assert [list(b) for b in support_blocks(range(10, 18))] == [[11, 12, 13], [14, 15, 16], [17]]
    assert support_blocks([(2026, 4), (2026, 5), (2026, 6)], 2) == [[(2026, 5), (2026, 6)]]
    assert support_blocks([(2026, 4)]) == [] and support_blocks(range(5, 5)) == []
    # the rule CP170 judges only whole blocks, as its own loop did before it used support_blocks
    for first in range(0, 6):
        for last in range(first - 2, first + 14):
            for step in (1, 2, 3, 4):
                expected, w = [], first + 1
                while w + step - 1 <= last:
                    expected.append((w, w + step - 1))
                    w += step
                whole = [(b[0], b[-1]) for b in support_blocks(range(first, last + 1), step) if len(b) == step]
                assert whole == expected, (first, last, step)
