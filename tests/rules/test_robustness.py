"""No rule crashes (CP000) whatever is blank, unreadable or missing in the plan."""

from __future__ import annotations

import datetime as dt

import pytest

from xl_careplan.models import CarePlan
from xl_careplan.profiles import Profile
from xl_careplan.rules.base import Context
from xl_careplan.rules.common import iter_located
from xl_careplan.rules.engine import all_rules, run_checks

ALL = Profile(name="all", selected=sorted(all_rules()))
CTX = Context(file="base.xlsx", today=dt.date(2026, 11, 25))


def internal_errors(plan):
    return [f for f in run_checks(plan, ALL, CTX) if f.rule == "CP000"]


def test_empty_plan():
    assert internal_errors(CarePlan()) == []


@pytest.mark.parametrize("part", ["table3", "table4", "assessment", "monitoring"])
def test_missing_sheet(make_plan, part):
    plan = make_plan()
    setattr(plan, part, None)
    assert internal_errors(plan) == []


def test_no_needs_and_no_rows(make_plan):
    plan = make_plan()
    plan.table2.needs = []
    plan.monitoring.rows = []
    plan.assessment.items = []
    plan.table3.entries = []
    assert internal_errors(plan) == []


@pytest.mark.parametrize("how", ["blank", "unreadable", "not_found", "odd_type"])
def test_every_value_blank_unreadable_or_missing(make_plan, how):
    plan = make_plan()
    for path, v in list(iter_located(plan)):
        saved = (v.value, v.raw, v.loc, v.problem)
        if how == "blank":
            v.value, v.raw = None, None
        elif how == "unreadable":
            v.value, v.raw, v.problem = None, "？？", "読めません"
        elif how == "not_found":
            v.value, v.raw, v.loc = None, None, None
        else:  # a reader that put the raw text where a date/period was expected
            v.value = "令和8年"
        assert internal_errors(plan) == [], path
        v.value, v.raw, v.loc, v.problem = saved
