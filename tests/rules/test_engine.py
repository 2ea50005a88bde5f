"""run_checks: selection, severity/params overrides, acknowledgements, CP000 on a broken rule, sorting."""

from __future__ import annotations

import datetime as dt
import logging

import pytest

from xl_careplan.findings import Finding, Severity
from xl_careplan.located import Loc
from xl_careplan.models import Acknowledgement
from xl_careplan.profiles import Profile, load_profile
from xl_careplan.rules.base import Context
from xl_careplan.rules.common import period, setv
from xl_careplan.rules.engine import all_rules, run_checks

TODAY = dt.date(2026, 11, 25)
CTX = Context(file="base.xlsx", today=TODAY, profile="asahikawa")


def nine_months(plan):
    setv(plan.table2.needs[0].long_goals[0].short_goals[0].period, period("2026-04-15", "2027-01-14"))


def ack(rule, reason="本人の強い希望で9か月とした（担当者会議で確認）", sheet=None, cell=None):
    return Acknowledgement(rule=rule, sheet=sheet, cell=cell, reason=reason, loc=Loc(sheet="方針と異なる理由", cell="D4"))


def test_profile_selects_rules(plan):
    nine_months(plan)
    assert [f.rule for f in run_checks(plan, load_profile("national"), CTX)] == []
    got = run_checks(plan, load_profile("asahikawa"), CTX)
    assert [(f.rule, f.sheet, f.cell, f.severity) for f in got] == [("AS201", "第2表", "E6", Severity.WARNING)]
    assert got[0].message == "短期目標の期間が9か月です（上限6か月）"
    assert "期間について" in got[0].source


def test_severity_and_params_overrides(plan):
    nine_months(plan)
    prof = load_profile("asahikawa")
    prof.severity["AS201"] = Severity.ERROR
    prof.params["AS201"] = {"max_months": 12}
    assert run_checks(plan, prof, CTX) == []
    prof.params["AS201"] = {"max_months": 8}
    [f] = run_checks(plan, prof, CTX)
    assert f.severity is Severity.ERROR and "上限8か月" in f.message


def test_acknowledged_by_rule_only(plan):
    nine_months(plan)
    plan.acknowledgements = [ack("AS201")]
    [f] = run_checks(plan, load_profile("asahikawa"), CTX)
    assert f.acknowledged and f.ack_reason.startswith("本人の強い希望")


def test_acknowledgement_must_match_sheet_and_cell_when_given(plan):
    nine_months(plan)
    plan.acknowledgements = [ack("as201", sheet="第2表", cell="$E$9")]
    [f] = run_checks(plan, load_profile("asahikawa"), CTX)
    assert not f.acknowledged
    plan.acknowledgements = [ack("ＡＳ２０１", sheet="第2表", cell="e6")]
    [f] = run_checks(plan, load_profile("asahikawa"), CTX)
    assert f.acknowledged


def test_blank_reason_does_not_acknowledge(plan):
    nine_months(plan)
    plan.acknowledgements = [ack("AS201", reason="  "), ack("CP101")]
    [f] = run_checks(plan, load_profile("asahikawa"), CTX)
    assert not f.acknowledged and f.ack_reason is None


def test_broken_rule_becomes_cp000_without_personal_data(plan, monkeypatch, caplog):
    cls = all_rules()["CP120"]

    def boom(self, plan, ctx):
        raise ValueError(f"secret {plan.table1.user_name.value}")

    monkeypatch.setattr(cls, "check", boom)
    nine_months(plan)
    with caplog.at_level(logging.ERROR):
        got = run_checks(plan, load_profile("asahikawa"), CTX)
    assert [(f.rule, f.severity) for f in got] == [("CP000", Severity.ERROR), ("AS201", Severity.WARNING)]
    assert got[0].message == "点検中に内部エラーが発生しました（ルール CP120）"
    assert "CP120" in caplog.text and "ValueError" in caplog.text
    assert "見本" not in caplog.text and "secret" not in caplog.text


def test_unimplemented_rule_is_skipped(plan, monkeypatch):
    cls = all_rules()["AS201"]
    monkeypatch.setattr(cls, "implemented", False)
    nine_months(plan)
    assert run_checks(plan, load_profile("asahikawa"), CTX) == []


def test_findings_sorted_by_sort_key(plan):
    from xl_careplan.rules.common import clear

    nine_months(plan)
    clear(plan.table1.overall_policy)
    plan.table2.needs[1].text.value = "毎日来てほしい"
    got = run_checks(plan, load_profile("asahikawa"), CTX)
    assert got == sorted(got, key=Finding.sort_key)
    assert [f.severity for f in got] == sorted((f.severity for f in got), key=lambda s: s.rank)
    assert {f.rule for f in got} >= {"CP101", "AS201", "TX401"}


def test_nayoro_warning_replaces_national_advice_at_same_cell(plan):
    plan.table2.needs[1].text.value = "腰痛があるので、ヘルパーに掃除をしてほしい"
    national = [(f.rule, f.cell) for f in run_checks(plan, load_profile("national"), CTX)]
    nayoro = [(f.rule, f.cell) for f in run_checks(plan, load_profile("nayoro"), CTX)]
    assert national == [("TX401", "A9")]
    assert nayoro == [("NY301", "A9")]


def test_empty_profile_runs_nothing(plan):
    nine_months(plan)
    assert run_checks(plan, Profile(name="empty"), CTX) == []


@pytest.mark.parametrize("reason", ["特になし", "なし", "なし。", "別紙のとおり", "-", "ー", "　特に なし　"])
def test_a_reason_that_says_nothing_acknowledges_nothing(plan, reason):
    nine_months(plan)
    plan.acknowledgements = [ack("AS201", reason=reason)]
    got = run_checks(plan, load_profile("asahikawa"), CTX)
    as201 = [f for f in got if f.rule == "AS201"]
    assert as201 and not any(f.acknowledged for f in as201)
    assert [f.rule for f in got if f.rule == "CP105"] == ["CP105"]  # and the empty reason is pointed out


def test_a_support_plan_on_the_care_form_is_checked_with_advice_about_the_form(plan):
    """予防基準 第30条 asks what 第13条 asks, where it differs the rules know it (CP170: 3-monthly visits, CP142: no
    告示 count); the 介護予防 form is a 様式例, so the form is advice (CP103 info), and the plan is still checked."""
    from xl_careplan.values import CareLevel

    plan.table1.care_level.value = CareLevel.SHIEN2
    plan.table1.overall_policy.value = None  # CP101
    plan.table1.overall_policy.raw = None
    got = run_checks(plan, load_profile("asahikawa"), CTX)
    assert ("CP103", "B8", "info") in [(f.rule, f.cell, f.severity.value) for f in got]
    assert "CP101" in [f.rule for f in got]
