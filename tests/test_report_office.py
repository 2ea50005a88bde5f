"""Office report: 概要 names the run, the rule chart names its rules, 特定事業所集中 by 判定期間 and 法人,
the monthly overview per care manager."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from test_batch_report import FR, L, plan, svc
from xl_careplan import __version__, caseload, report
from xl_careplan.findings import Finding, Severity
from xl_careplan.profiles import load_profile

TODAY = dt.date(2026, 12, 1)
D = dt.date


def _consent(p, d):
    p.table1.consent_on = L(d, cell="B14")
    return p


@pytest.mark.parametrize("provider, corp", [
    ("株式会社ケアサポート ひまわり訪問介護", "株式会社ケアサポート"),
    ("社会福祉法人 北星会 デイサービス北星", "社会福祉法人北星会"),
    ("ひまわり株式会社　訪問介護事業所", "ひまわり株式会社"),
    ("㈱ケアサポート ひまわり", "株式会社ケアサポート"),
    ("（福）北星会 デイ北星", "社会福祉法人北星会"),
    ("医療法人社団 健生会 訪問看護", "医療法人社団健生会"),
    ("ひまわり訪問介護", None),
    ("株式会社ケアサポートひまわり訪問介護", None),  # one run of characters: where the 法人 ends is not known
    ("", None),
])
def test_corporation_named_in_the_provider_cell(provider, corp):
    assert report.corporation_of(provider) == corp


@pytest.mark.parametrize("today, previous, current", [
    (D(2026, 12, 1), (D(2026, 3, 1), D(2026, 8, 31)), (D(2026, 9, 1), D(2027, 2, 28))),
    (D(2027, 2, 28), (D(2026, 3, 1), D(2026, 8, 31)), (D(2026, 9, 1), D(2027, 2, 28))),
    (D(2027, 3, 1), (D(2026, 9, 1), D(2027, 2, 28)), (D(2027, 3, 1), D(2027, 8, 31))),
    (D(2027, 9, 1), (D(2027, 3, 1), D(2027, 8, 31)), (D(2027, 9, 1), D(2028, 2, 29))),  # leap year
])
def test_judgement_periods(today, previous, current):
    (l1, a1, b1), (l2, a2, b2) = report.judgement_periods(today)
    assert (a1, b1) == previous and (a2, b2) == current
    assert l2.startswith("前期" if current[0].month == 3 else "後期")


def _office():
    """9 users of 株式会社A's helpers and 1 of another 法人's, all in effect from September; 通所 unnamed 法人."""
    plans = []
    for i in range(10):
        helper = "株式会社A ひまわり" if i < 9 else "株式会社B さくら"
        p = plan(f"利用者{i}", "佐藤", services=[svc("訪問介護", helper, "調理")], created=D(2026, 9, 1),
                 cert_end=D(2027, 8, 31))
        plans.append(_consent(p, D(2026, 9, 1)))
    for i in range(5):
        p = plan(f"通所{i}", "高橋", services=[svc("通所介護", "デイA", "入浴")],
                 created=D(2026, 9, 1), cert_end=D(2027, 8, 31))
        plans.append(_consent(p, D(2026, 9, 1)))
    # an older plan of 利用者0 that ended in August: counts in 前期 only, with its own helper
    old = plan("利用者0", "佐藤", services=[svc("訪問介護", "株式会社B さくら", "調理")], created=D(2026, 3, 1),
               cert_end=D(2026, 8, 31))
    plans.append(_consent(old, D(2026, 3, 1)))
    return [report.PlanRef(f"p{i}.xlsx", p) for i, p in enumerate(plans)]


def test_concentration_by_period_and_corporation():
    out = report.concentration_in_periods(_office(), TODAY)
    previous, current = (lbl for lbl, _, _ in report.judgement_periods(TODAY))
    cur = {(p.service_type, p.provider): p for p in out if p.period == current}
    a = cur[("訪問介護", "株式会社A")]
    # 9 of 10 users, each in effect for the 6 months of 後期 (Sep–Feb): 54 of 60 month-plans
    assert (a.plans, a.type_plans, a.unit, a.guide) == (54, 60, "法人", False)
    assert a.share == pytest.approx(0.9) and a.over
    day = cur[("通所介護", "デイA")]
    assert day.unit == "事業所" and day.guide and day.over  # no 法人 written: the share is a guide only
    prev = {(p.service_type, p.provider): p for p in out if p.period == previous}
    assert prev[("訪問介護", "株式会社B")].plans == 6  # the old plan, March to August
    assert ("訪問介護", "株式会社A") not in prev


def _results():
    f = Finding(file="x", rule="CP101", severity=Severity.ERROR, message="利用者名が空欄です", source="記載要領")
    return [FR(r.file, r.plan, [f] if i == 0 else []) for i, r in enumerate(_office())]


def test_report_names_the_run_the_rules_and_the_periods(tmp_path):
    out = report.write_office_report(_results(), tmp_path / "r.xlsx", today=TODAY,
                                     profile=load_profile("asahikawa"))
    wb = openpyxl.load_workbook(out)
    summary = {r[0]: r[1] for r in wb["概要"].iter_rows(min_row=2, max_row=4, values_only=True)}
    assert summary == {"基準日（点検日）": "2026年12月1日", "プロファイル": "旭川市（asahikawa）",
                       "ツールの版": f"xl-careplan {__version__}"}
    ws = wb["ルール別"]
    (chart,) = ws._charts
    cats = chart.series[0].cat.strRef.f if chart.series[0].cat.strRef is not None else chart.series[0].cat.numRef.f
    col = cats.split("!")[1].split(":")[0].strip("$").rstrip("0123456789$")
    labels = [ws[f"{col}{r}"].value for r in range(4, ws.max_row + 1) if ws[f"{col}{r}"].value]
    assert labels and labels[0].startswith("CP101 ") and len(labels[0]) > len("CP101 ")  # the rule's name, not a code
    conc = list(wb["特定事業所集中"].iter_rows(min_row=5, values_only=True))
    verdicts = {(r[0].split()[0], r[1], r[2]): r[7] for r in conc}
    assert verdicts[("後期", "訪問介護", "株式会社A")] == "80%超（届出が必要）"
    assert verdicts[("後期", "通所介護", "デイA")] == "80%超（参考）"


def test_monthly_overview_per_care_manager(tmp_path):
    refs = _office()
    out = report.write_office_report(_results(), tmp_path / "r.xlsx", today=TODAY)
    rows = list(openpyxl.load_workbook(out)["月間予定"].iter_rows(min_row=5, values_only=True))
    current = report.current_plans([FR(r.file, r.plan) for r in refs])
    loads = {c.care_manager: c for c in caseload.group([(r.file, r.plan) for r in current], today=TODAY)}
    assert {r[0] for r in rows} == set(loads) == {"佐藤", "高橋"}
    assert len(rows) == caseload.OVERVIEW_MONTHS * len(loads)
    sato = [r for r in rows if r[0] == "佐藤"]
    assert sato[0][1] == "2026年12月" and sato[0][2] == 10
    assert sato[0][3] == 10  # one visit for each of the 10 users in December (要介護: monthly)
    assert all(r[-1] == sum(r[3:-1]) for r in rows)
