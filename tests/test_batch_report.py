"""Office report: lists computed from CarePlan models built here (no readers involved)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import openpyxl
import pytest

from xl_careplan import report
from xl_careplan.findings import Finding, Severity
from xl_careplan.located import Loc, Located
from xl_careplan.models import (
    CarePlan, LongGoal, Monitoring, MonitoringRow, Need, ServiceRow, ShortGoal, Table1, Table2,
)
from xl_careplan.values import CareLevel, Frequency, Period

TODAY = dt.date(2026, 11, 25)
KEY = b"test-key"


@dataclass
class FR:  # same shape as pipeline.FileResult (kept local so these tests do not need the readers)
    file: str
    plan: CarePlan | None = None
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None


def L(value, sheet="第1表", cell="B4"):
    return Located(value=value, raw=None if value is None else str(value), loc=Loc(sheet=sheet, cell=cell))


def svc(stype, provider, content="", freq=None):
    return ServiceRow(content=L(content, "第2表", "F6"), service_type=L(stype, "第2表", "H6"),
                      provider=L(provider, "第2表", "I6"), frequency=L(freq, "第2表", "J6"))


def plan(user, cm, level=CareLevel.KAIGO1, cert_end=dt.date(2027, 6, 30), services=(), goal_end=dt.date(2027, 3, 31),
         visits=(), planned=(), created=dt.date(2026, 7, 1)):
    sg = ShortGoal(text=L("台所に立って簡単な調理ができる", "第2表", "D6"),
                   period=L(Period(start=dt.date(2026, 7, 1), end=goal_end), "第2表", "E6"),
                   services=list(services))
    rows = [MonitoringRow(row=5 + i, kind=L("モニタリング訪問", "モニタリング", f"B{5+i}"),
                          done_on=L(d, "モニタリング", f"C{5+i}"), method=L("居宅訪問", "モニタリング", f"D{5+i}"))
            for i, d in enumerate(visits)]
    rows += [MonitoringRow(row=30 + i, planned_on=L(d, "モニタリング", f"A{30+i}")) for i, d in enumerate(planned)]
    return CarePlan(
        table1=Table1(user_name=L(user), care_manager=L(cm, cell="B5"), care_level=L(level, cell="B8"),
                      created_on=L(created, cell="K1"),
                      cert_period=L(Period(start=dt.date(2026, 7, 1), end=cert_end), cell="E7")),
        table2=Table2(needs=[Need(number=1, text=L("自分で食事を用意したい", "第2表", "A6"),
                                  long_goals=[LongGoal(short_goals=[sg])])]),
        monitoring=Monitoring(sheet="モニタリング", rows=rows),
    )


def refs(*plans):
    return [report.PlanRef(f"p{i}.xlsx", p) for i, p in enumerate(plans)]


def checked(*plans):
    """PlanRefs carrying what the national rules found (the report lists CP142's judgement, never its own)."""
    from xl_careplan.profiles import load_profile
    from xl_careplan.rules.base import Context
    from xl_careplan.rules.engine import run_checks

    prof = load_profile("national")
    return [report.PlanRef(f"p{i}.xlsx", p, run_checks(p, prof, Context(file=f"p{i}.xlsx", today=TODAY)))
            for i, p in enumerate(plans)]


def test_certification_ending_in_30_days_listed_and_90_not():
    soon = plan("山田花子", "佐藤", cert_end=TODAY + dt.timedelta(days=30))
    later = plan("鈴木一郎", "佐藤", cert_end=TODAY + dt.timedelta(days=90))
    ended = plan("田中次郎", "佐藤", cert_end=TODAY - dt.timedelta(days=1))
    out = report.certs_ending(refs(soon, later, ended), TODAY)
    assert [(c.ref.user, c.days_left) for c in out] == [("田中次郎", -1), ("山田花子", 30)]


def test_living_support_above_limit_flagged():
    # 要介護1 limit 27: 週7回 = 30.3 回/月 -> over; 要介護3 limit 43 -> not over
    daily = svc("訪問介護", "ヘルパーA", "調理・掃除", Frequency(kind="per_week", count=7))
    body = svc("訪問介護", "ヘルパーA", "身体介護（入浴介助）", Frequency(kind="per_week", count=7))
    p1 = plan("山田花子", "佐藤", CareLevel.KAIGO1, services=[daily, body])
    p3 = plan("鈴木一郎", "佐藤", CareLevel.KAIGO3, services=[daily])
    p0 = plan("田中次郎", "佐藤", CareLevel.KAIGO1, services=[body])  # no 生活援助 at all
    out = {x.ref.user: x for x in report.living_support(checked(p1, p3, p0))}
    assert set(out) == {"山田花子", "鈴木一郎"}
    assert out["山田花子"].over and out["山田花子"].limit == 27 and out["山田花子"].per_month == pytest.approx(30.3)
    assert not out["鈴木一郎"].over and out["鈴木一郎"].limit == 43


def test_living_support_exactly_at_limit_flagged():
    # 運営基準 第13条第18号の2: 告示の回数「以上」を届け出る
    at = svc("訪問介護", "ヘルパーA", "生活援助（買物）", Frequency(kind="per_month", count=27))
    below = svc("訪問介護", "ヘルパーA", "生活援助（買物）", Frequency(kind="per_month", count=26))
    x, y = report.living_support(checked(plan("山田花子", "佐藤", CareLevel.KAIGO1, services=[at]),
                                         plan("鈴木一郎", "佐藤", CareLevel.KAIGO1, services=[below])))
    assert (x.ref.user, x.per_month, x.over) == ("山田花子", 27, True)
    assert (y.ref.user, y.per_month, y.over) == ("鈴木一郎", 26, False)


def test_living_support_row_typed_as_living_support_counts_like_cp142():
    # 「訪問介護（生活援助）／掃除」: the kind in サービス種別, the task in サービス内容
    row = svc("訪問介護（生活援助）", "ヘルパーA", "掃除", Frequency(kind="daily"))
    (ref,) = checked(plan("山田花子", "佐藤", CareLevel.KAIGO1, services=[row]))
    (x,) = report.living_support([ref])
    assert x.over and x.per_month == pytest.approx(30.3)
    assert [f.rule for f in ref.findings if f.rule == "CP142"] == ["CP142"]


def test_living_support_acknowledged_shown_as_reported():
    row = svc("訪問介護", "ヘルパーA", "調理・掃除", Frequency(kind="daily"))
    (ref,) = checked(plan("山田花子", "佐藤", CareLevel.KAIGO1, services=[row]))
    for f in ref.findings:
        f.acknowledged = f.rule == "CP142"
    (x,) = report.living_support([ref])
    assert not x.over and x.acknowledged


def test_provider_concentration_over_80_percent_flagged():
    plans = [plan(f"利用者{i}", "佐藤", services=[svc("訪問介護", "ヘルパーA" if i < 9 else "ヘルパーB", "調理")])
             for i in range(10)]
    plans += [plan(f"通所{i}", "佐藤", services=[svc("通所介護", "デイA" if i < 4 else "デイB", "入浴")])
              for i in range(5)]
    out = {(p.service_type, p.provider): p for p in report.concentration(refs(*plans))}
    assert out[("訪問介護", "ヘルパーA")].share == pytest.approx(0.9) and out[("訪問介護", "ヘルパーA")].over
    assert not out[("訪問介護", "ヘルパーB")].over
    assert out[("通所介護", "デイA")].share == pytest.approx(0.8) and not out[("通所介護", "デイA")].over


def test_monitoring_due_this_month():
    kaigo_done = plan("済", "佐藤", visits=[dt.date(2026, 11, 10)])
    kaigo_not = plan("未", "佐藤", visits=[dt.date(2026, 10, 10)])
    shien_recent = plan("支援近", "佐藤", CareLevel.SHIEN1, visits=[dt.date(2026, 10, 5)])
    shien_due = plan("支援期", "佐藤", CareLevel.SHIEN2, visits=[dt.date(2026, 8, 5)])
    shien_planned = plan("支援予定", "佐藤", CareLevel.SHIEN2, visits=[dt.date(2026, 10, 5)], planned=[dt.date(2026, 11, 28)])
    out = report.monitoring_due(refs(kaigo_done, kaigo_not, shien_recent, shien_due, shien_planned), TODAY)
    assert sorted(m.ref.user for m in out) == sorted(["未", "支援期", "支援予定"])


def test_expired_short_goals():
    old = plan("古", "佐藤", goal_end=TODAY - dt.timedelta(days=1))
    ok = plan("新", "佐藤", goal_end=TODAY)
    out = report.expired_short_goals(refs(old, ok), TODAY)
    assert [(g.ref.user, g.cell) for g in out] == [("古", "E6")]


def test_current_plans_keeps_latest_per_user():
    a = FR("old.xlsx", plan("山田花子", "佐藤", created=dt.date(2026, 1, 1)))
    b = FR("new.xlsx", plan("山田花子", "佐藤", created=dt.date(2026, 7, 1)))
    c = FR("other.xlsx", plan("鈴木一郎", "佐藤"))
    assert [r.file for r in report.current_plans([a, b, c])] == ["new.xlsx", "other.xlsx"]


def _results():
    f = Finding(file="x", rule="CP101", severity=Severity.ERROR, message="利用者名が空欄です", source="記載要領")
    w = Finding(file="x", rule="AS201", severity=Severity.WARNING, message="短期目標が長すぎます", source="旭川市")
    n = Finding(file="x", rule="CP142", severity=Severity.WARNING, message="生活援助が告示の回数以上です", source="告示218")
    over = svc("訪問介護", "ヘルパーA", "調理", Frequency(kind="daily"))
    return [
        FR("office/山田花子/計画.xlsx", plan("山田花子", "佐藤ケア", cert_end=TODAY + dt.timedelta(days=30),
                                             services=[over]), [f, w, n]),
        FR("office/鈴木一郎.xlsx", plan("鈴木 一郎", "高橋ケア", CareLevel.SHIEN1, services=[over]), [w]),
        FR("office/壊れた.xlsx", None, [], "office/壊れた.xlsx: Excel ブックとして読み取れません"),
    ]


def test_report_opens_with_sheets_and_charts(tmp_path):
    out = report.write_office_report(_results(), tmp_path / "r.xlsx", today=TODAY)
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == list(report.SHEETS)
    assert len(wb["ルール別"]._charts) == 1
    assert len(wb["特定事業所集中"]._charts) >= 1
    summary = [[c for c in row] for row in wb["概要"].iter_rows(values_only=True)]
    flat = [str(v) for row in summary for v in row if v is not None]
    assert "office/壊れた.xlsx" in flat and any("読み取れません" in v for v in flat)
    living = list(wb["生活援助回数"].iter_rows(min_row=5, values_only=True))
    assert [r[1] for r in living if r[-1] and "以上" in r[-1]] == ["山田花子"]  # the one CP142 reported
    certs = list(wb["認定期限60日以内"].iter_rows(min_row=5, values_only=True))
    assert [r[1] for r in certs] == ["山田花子"]
    rules = {r[0]: (r[1], r[3]) for r in wb["ルール別"].iter_rows(min_row=4, values_only=True)}
    assert {k: v[1] for k, v in rules.items()} == {"AS201": 2, "CP101": 1, "CP142": 1}
    assert rules["CP101"][0]  # the rule's Japanese title from the registry
    managers = {r[0]: r for r in wb["担当者別"].iter_rows(min_row=4, values_only=True)}
    # 担当者, ファイル数, エラーのある計画, エラー, 警告, 助言, 利用者数, 今月モニタリング, 認定60日, 短期目標切れ
    assert managers["佐藤ケア"] == ("佐藤ケア", 1, 1, 1, 2, 0, 1, 1, 1, 0)
    assert managers["高橋ケア"] == ("高橋ケア", 1, 0, 0, 1, 0, 1, 1, 0, 0)
    monitoring = [(r[1], r[4]) for r in wb["今月のモニタリング"].iter_rows(min_row=5, values_only=True)]
    assert monitoring == [("山田花子", "毎月"), ("鈴木 一郎", "3か月に1回")]


def _all_text(path) -> str:
    wb = openpyxl.load_workbook(path)
    return "\n".join(str(v) for ws in wb for row in ws.iter_rows(values_only=True) for v in row if v is not None)


def test_mask_gives_stable_pseudonyms_and_no_real_names(tmp_path):
    a = report.write_office_report(_results(), tmp_path / "a.xlsx", today=TODAY, mask=True, mask_key=KEY)
    b = report.write_office_report(_results(), tmp_path / "b.xlsx", today=TODAY, mask=True, mask_key=KEY)
    ta, tb = _all_text(a), _all_text(b)
    for name in ("山田", "花子", "鈴木", "一郎", "壊れた"):
        assert name not in ta
    assert "佐藤ケア" in ta  # staff kept unless mask_staff
    pseud = report.Masker(True, KEY).user("山田花子")
    assert pseud.startswith("利用者-") and pseud in ta
    assert report.Masker(True, KEY).user("鈴木　一郎") == report.Masker(True, KEY).user("鈴木 一郎")
    assert ta == tb  # stable across runs
    assert report.Masker(True, b"other").user("山田花子") != pseud  # keyed


def test_mask_staff(tmp_path):
    out = report.write_office_report(_results(), tmp_path / "s.xlsx", today=TODAY, mask=True, mask_staff=True,
                                     mask_key=KEY)
    text = _all_text(out)
    assert "佐藤ケア" not in text and "担当者-" in text


def test_default_mask_key_from_env(monkeypatch):
    monkeypatch.setenv("XL_CAREPLAN_MASK_KEY", "abc")
    assert report.default_mask_key() == b"abc"
