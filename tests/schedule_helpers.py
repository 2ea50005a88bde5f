"""CarePlan builders for the schedule tests (plans built directly as models, no workbook)."""

from __future__ import annotations

import datetime as dt

from xl_careplan.located import Loc, Located
from xl_careplan.models import CarePlan, LongGoal, Monitoring, MonitoringRow, Need, ShortGoal
from xl_careplan.values import CareLevel, Period

D = dt.date


def period(start: dt.date, end: dt.date) -> Located[Period]:
    return Located[Period](value=Period(start=start, end=end))


def make_plan(*, level: CareLevel | None = CareLevel.KAIGO2, consent: dt.date | None = D(2026, 10, 20),
              created: dt.date | None = None, cert: tuple[dt.date, dt.date] | None = (D(2026, 10, 1), D(2027, 9, 30)),
              goals: list[tuple[tuple[dt.date, dt.date], list[tuple[dt.date, dt.date]]]] | None = None,
              name: str = "旭川 花子") -> CarePlan:
    """goals: [(long-goal period, [short-goal periods])] for need 1, 2, … (one long goal per need)."""
    plan = CarePlan(source="test.xlsx")
    t1 = plan.table1
    t1.user_name = Located[str](value=name)
    if level is not None:
        t1.care_level = Located[CareLevel](value=level)
    if consent:
        t1.consent_on = Located[dt.date](value=consent)
    if created:
        t1.created_on = Located[dt.date](value=created)
    if cert:
        t1.cert_period = period(*cert)
    needs = []
    for i, (lp, sps) in enumerate(goals or [], start=1):
        lg = LongGoal(text=Located[str](value="長期目標"), period=period(*lp),
                      short_goals=[ShortGoal(text=Located[str](value="短期目標"), period=period(*sp)) for sp in sps])
        needs.append(Need(number=i, long_goals=[lg]))
    plan.table2.needs = needs
    return plan


def with_monitoring(plan: CarePlan, rows: list[dict]) -> CarePlan:
    """rows: dicts with row, planned, kind, done, method (model only, for missing_months)."""
    mrows = []
    for r in rows:
        mr = MonitoringRow(row=r["row"])
        if r.get("planned"):
            mr.planned_on = Located[dt.date](value=r["planned"], loc=Loc(sheet="モニタリング", cell=f"A{r['row']}"))
        if r.get("kind"):
            mr.kind = Located[str](value=r["kind"])
        if r.get("done"):
            mr.done_on = Located[dt.date](value=r["done"])
        if r.get("method"):
            mr.method = Located[str](value=r["method"])
        mrows.append(mr)
    plan.monitoring = Monitoring(sheet="モニタリング", header_row=4, rows=mrows)
    return plan
