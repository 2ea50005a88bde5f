"""Runs every data-driven case kept next to the rules (``CASES`` on each rule class)."""

from __future__ import annotations

import datetime as dt

import pytest

from xl_careplan.profiles import load_profile
from xl_careplan.rules.base import Context
from xl_careplan.rules.common import Case, where
from xl_careplan.rules.engine import all_rules, run_checks, run_rules

TODAY = dt.date(2026, 11, 25)
RULES = all_rules()


def collect() -> list[tuple[str, Case]]:
    out = []
    for code, cls in sorted(RULES.items()):
        for case in getattr(cls, "CASES", []):
            out.append((cls.__module__, case))
    return out


CASES = collect()


def module_rules(module: str, params: dict):
    return [cls(params.get(code)) for code, cls in sorted(RULES.items()) if cls.__module__ == module and cls.implemented]


@pytest.mark.parametrize(
    "module,case", CASES, ids=[f"{c.rule}-{i}" for i, (_m, c) in enumerate(CASES)]
)
def test_case(module, case: Case, make_plan):
    plan = make_plan()
    if case.patch is not None:
        case.patch(plan)
    ctx = Context(file="base.xlsx", today=case.today or TODAY)
    found = run_rules(plan, module_rules(module, case.params), ctx)
    got = sorted((f.rule, where(f)) for f in found)
    assert got == sorted(case.expect), (case.desc, [f.message for f in found])
    if case.severity:
        assert [f.severity.value for f in found] == [case.severity] * len(found), case.desc
    for f in found:
        assert f.message and f.source
        assert f.rule != "CP000", f.message


def test_every_rule_has_failing_and_passing_case():
    missing = []
    for code, cls in sorted(RULES.items()):
        if not cls.implemented:
            continue
        cases = getattr(cls, "CASES", [])
        failing = [c for c in cases if any(r == code for r, _ in c.expect)]
        passing = [c for c in cases if c.rule == code and all(r != code for r, _ in c.expect)]
        if not failing or not passing:
            missing.append(code)
    assert missing == []


def test_every_rule_documented():
    for code, cls in RULES.items():
        for attr in ("name", "what", "why", "source", "bad", "good"):
            assert getattr(cls, attr, "").strip(), f"{code}.{attr}"
        assert any(k in cls.source for k in ("基準", "記載要領", "告示", "旭川市", "名寄市", "老企")), code
        if not cls.implemented:
            assert cls.not_yet_reason.strip(), code


@pytest.mark.parametrize("profile", ["national", "asahikawa", "nayoro"])
def test_clean_base_plan_has_no_findings(profile, make_plan):
    prof = load_profile(profile)
    found = run_checks(make_plan(), prof, Context(file="base.xlsx", today=TODAY, profile=prof.name))
    assert [(f.rule, where(f), f.message) for f in found] == []
