"""A care manager's caseload: plans grouped by 第1表's 作成者 (居宅サービス計画作成者氏名), each with its
monitoring schedule, and the month-by-month overview an office plans with.

Used by ``xl-careplan schedule DIR`` (one .ics per care manager) and by the office report (月間予定).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable

from xl_careplan.models import CarePlan
from xl_careplan.schedule import CONTACT_LABEL, KIND_LABELS, Event, ScheduleSettings, month_add, plan_events

UNKNOWN_CARE_MANAGER = "担当者未記入"
# the overview's columns: Event.label values, the visits first
OVERVIEW_LABELS = (KIND_LABELS["monitoring_visit"], CONTACT_LABEL, KIND_LABELS["goal_evaluation"],
                   KIND_LABELS["plan_review"], KIND_LABELS["certification_renewal"])
OVERVIEW_MONTHS = 6


@dataclass
class CaseloadPlan:
    file: str
    plan: CarePlan
    events: list[Event]


@dataclass
class Caseload:
    care_manager: str  # as first written in the plans (blank: UNKNOWN_CARE_MANAGER)
    plans: list[CaseloadPlan] = field(default_factory=list)

    @property
    def events(self) -> list[Event]:
        return sorted((e for p in self.plans for e in p.events), key=lambda e: e.date)


def _key(name: str) -> str:
    return "".join(unicodedata.normalize("NFKC", name).split())


def care_manager_of(plan: CarePlan) -> str:
    name = plan.table1.care_manager.value
    text = str(name).strip() if isinstance(name, str) else ""
    return text or UNKNOWN_CARE_MANAGER


def group(items: Iterable[tuple[str, CarePlan]], *, today: dt.date,
          settings: ScheduleSettings | None = None) -> list[Caseload]:
    """(file, plan) pairs -> one Caseload per care manager (「山田 花子」 and 「山田　花子」 are one),
    sorted by name with 担当者未記入 last; plans keep the order given. A user with several plan files
    (old and current) counts once, with the latest plan — the office report's ``current_plans``."""
    from types import SimpleNamespace

    from xl_careplan.report import current_plans

    settings = settings or ScheduleSettings()
    latest = current_plans([SimpleNamespace(file=f, plan=p, error=None) for f, p in items])
    by_key: dict[str, Caseload] = {}
    for ref in latest:
        file, plan = ref.file, ref.plan
        cm = care_manager_of(plan)
        load = by_key.setdefault(_key(cm), Caseload(cm))
        load.plans.append(CaseloadPlan(file, plan, plan_events(plan, today=today, settings=settings)))
    return sorted(by_key.values(), key=lambda c: (c.care_manager == UNKNOWN_CARE_MANAGER, _key(c.care_manager)))


def months_from(today: dt.date, n: int = OVERVIEW_MONTHS) -> list[tuple[int, int]]:
    return [month_add(today.year, today.month, i) for i in range(n)]


def month_counts(events: Iterable[Event], months: list[tuple[int, int]]) -> dict[tuple[int, int], Counter]:
    """(year, month) -> how many events of each OVERVIEW_LABELS label fall in that month."""
    out: dict[tuple[int, int], Counter] = {ym: Counter() for ym in months}
    for e in events:
        ym = (e.date.year, e.date.month)
        if ym in out:
            out[ym][e.label] += 1
    return out


def ics_filename(care_manager: str) -> str:
    """モニタリング予定_山田花子.ics: the care manager's name without characters a file name cannot hold."""
    safe = re.sub(r'[\\/:*?"<>|\s\u3000]+', "", unicodedata.normalize("NFKC", care_manager)) or UNKNOWN_CARE_MANAGER
    return f"モニタリング予定_{safe[:40]}.ics"
