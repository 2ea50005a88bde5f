"""The rules on the sample workbooks (samples/*.xlsx, samples/expected.toml), read by the real readers."""

from __future__ import annotations

import copy
import datetime as dt
import tomllib
from functools import lru_cache
from pathlib import Path

import pytest

from xl_careplan.findings import Severity
from xl_careplan.profiles import load_profile
from xl_careplan.rules.base import Context
from xl_careplan.rules.engine import run_checks

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
EXPECTED = SAMPLES / "expected.toml"
TODAY = dt.date(2026, 11, 25)

pytestmark = pytest.mark.skipif(not EXPECTED.is_file(), reason="samples/expected.toml not generated")


def expected() -> dict:
    if not EXPECTED.is_file():
        return {"clean": {"files": [], "profiles": []}, "expect": []}
    return tomllib.loads(EXPECTED.read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def plan_of(file: str):
    from xl_careplan.readers import read_plan_file

    return read_plan_file(SAMPLES / file)


@lru_cache(maxsize=None)
def findings(file: str, profile: str):
    prof = load_profile(profile)
    plan = copy.deepcopy(plan_of(file))
    return tuple(run_checks(plan, prof, Context(file=file, today=TODAY, profile=prof.name)))


EXP = expected()
CLEAN = [(f, p) for f in EXP["clean"]["files"] for p in EXP["clean"]["profiles"]]


@pytest.mark.parametrize("file,profile", CLEAN)
def test_clean_sample_has_no_error_or_warning(file, profile):
    bad = [
        (f.rule, f.sheet, f.cell, f.message)
        for f in findings(file, profile)
        if f.severity in (Severity.ERROR, Severity.WARNING) and not f.acknowledged
    ]
    assert bad == []


EXPECT = [(e, p) for e in EXP["expect"] for p in e.get("profiles", [e["profile"]])]


@pytest.mark.parametrize(
    "exp,profile", EXPECT, ids=[f"{e['file'][:2]}-{e['rule']}-{e['cell'] or 'sheet'}-{p}" for e, p in EXPECT]
)
def test_expected_finding_is_reported(exp, profile):
    got = findings(exp["file"], profile)
    same = [
        f for f in got
        if f.rule == exp["rule"] and f.sheet == exp["sheet"] and (not exp["cell"] or f.cell == exp["cell"])
    ]
    assert same, [(f.rule, f.sheet, f.cell, f.message) for f in got]
    assert any(f.acknowledged == exp.get("acknowledged", False) for f in same)
    assert all(f.severity.value == exp["severity"] for f in same)
    if exp.get("acknowledged"):
        assert all(f.ack_reason for f in same if f.acknowledged)


def test_unexpected_errors_and_warnings_are_listed_in_expected():
    """Every error/warning on a sample is either expected or allowed (no surprise findings)."""
    listed = {(e["file"], e["rule"], e["sheet"], e["cell"]) for e in EXP["expect"] + EXP.get("allow", [])}
    sheet_only = {(e["file"], e["rule"], e["sheet"]) for e in EXP["expect"] + EXP.get("allow", []) if not e["cell"]}
    files = sorted({e["file"] for e in EXP["expect"]})
    surprises = []
    for file in files:
        for profile in ("national", "asahikawa", "nayoro"):
            for f in findings(file, profile):
                if f.severity is Severity.INFO or f.acknowledged:
                    continue
                if (file, f.rule, f.sheet, f.cell) in listed or (file, f.rule, f.sheet) in sheet_only:
                    continue
                surprises.append((file, profile, f.rule, f.sheet, f.cell, f.message))
    assert sorted(set(surprises)) == []


ALL_SAMPLES = sorted(p.name for p in SAMPLES.glob("*.xlsx"))


@pytest.mark.parametrize("profile", ["national", "asahikawa", "nayoro"])
def test_office_report_lists_what_cp142_found_on_every_sample(profile):
    """The office report's 生活援助回数 sheet and CP142 agree: the same plans are flagged and the same
    monthly count is shown (the report reads CP142's findings and the one count in domain.services)."""
    import re

    from xl_careplan import report

    assert len(ALL_SAMPLES) >= 11  # the committed samples are there (a missing sample fails, never skips)
    refs = [report.PlanRef(f, plan_of(f), list(findings(f, profile))) for f in ALL_SAMPLES]
    listed = {x.ref.file: x for x in report.living_support(refs)}
    for ref in refs:
        cp142 = [f for f in ref.findings if f.rule == "CP142"]
        x = listed.get(ref.file)
        assert bool(cp142) <= (x is not None), ref.file  # whatever CP142 reports, the report lists
        if x is None:
            continue
        assert x.over == any(not f.acknowledged for f in cp142), ref.file
        for f in cp142:
            m = re.search(r"月約(\d+)回", f.message)
            assert m and int(m.group(1)) == round(x.per_month), (ref.file, f.message, x.per_month)
    assert any(x.over for x in listed.values())  # 09_seikatsu_enjo_over: at least one plan is over
