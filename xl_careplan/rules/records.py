"""What the plan's records say: the texts of 第4表 (サービス担当者会議の要点) and 第5表 (居宅介護支援経過) that
rules search for a 照会, a 主治医の意見・指示 or a 例外給付 basis. Not rules: helpers for the rules that need them.

A rule that looks for a record only speaks when the records were read at all (``records_read``): a workbook
without 第4表 and 第5表 may keep them elsewhere, and an absence we cannot see is not an error.
"""

from __future__ import annotations

import datetime as dt
import re

from xl_careplan.domain.services import norm
from xl_careplan.located import Located
from xl_careplan.models import CarePlan

MEETING_FIELDS = ("attendees", "topics", "discussion", "conclusion", "remaining")


def meeting_texts(plan: CarePlan) -> list[str]:
    t4 = plan.table4
    if t4 is None:
        return []
    out = []
    for key in MEETING_FIELDS:
        v: Located = getattr(t4, key)
        if isinstance(v.value, str) and v.value.strip():
            out.append(v.value)
    return out


def support_texts(plan: CarePlan) -> list[str]:
    return plan.table5.texts() if plan.table5 is not None else []


def records_read(plan: CarePlan) -> bool:
    """第4表 (with something written in it) or 第5表 was read, so a record missing from both is something we can see."""
    return bool(meeting_texts(plan)) or (plan.table5 is not None and bool(plan.table5.entries))


NO_TABLE5 = "（第5表がブックにないため、記録は確かめられませんでした）"


def absence_doubt(plan: CarePlan) -> bool | None:
    """How sure an absence of a record is, for the rules that look for one (CP143, CP145, CP146): None when neither
    第4表 nor 第5表 was read (nothing to say), True when only 第4表 was (照会・確認 usually go to 第5表, which the office
    may keep in its software: a doubt, said as advice), False when 第5表 was read (the absence is seen)."""
    if plan.table5 is not None and plan.table5.entries:
        return False
    return True if meeting_texts(plan) else None


def record_texts(plan: CarePlan, *, service_rows: bool = True, table1: bool = False) -> list[str]:
    """Every text a record may be in: 第4表, 第5表, and (by default) the 第2表 サービス内容."""
    texts = meeting_texts(plan) + support_texts(plan)
    if service_rows:
        texts += [s.content.value for s in plan.table2.services() if isinstance(s.content.value, str)]
    if table1:
        t1 = plan.table1
        texts += [v.value for v in (t1.overall_policy, t1.committee_opinion, t1.user_intent) if isinstance(v.value, str)]
    return texts


def find_in(texts: list[str], pattern: str) -> str | None:
    """The first text (normalised) where ``pattern`` matches, or None."""
    rx = re.compile(pattern)
    for t in texts:
        n = norm(t)
        if rx.search(n):
            return n
    return None


SPECIAL = r"特段の事情|入院|入所|訪問できな|面接できな|訪問を拒|面接を拒|不在|感染|災害"
_MD = re.compile(r"^(\d{1,2})[/月.](\d{1,2})日?")


def _entry_month(text: str, around: dt.date) -> int | None:
    """The month (year*12+month-1) of a 第5表 date as written: a full date, or 「9/15」「9月15日」 in the year that puts
    it nearest to ``around`` (the plan's start)."""
    from xl_careplan.parsing import ParseError, parse_date

    t = norm(text)
    if not t:
        return None
    try:
        d = parse_date(t)
        return d.year * 12 + d.month - 1
    except (ParseError, ValueError, TypeError):
        pass
    m = _MD.match(t)
    if not m or not 1 <= int(m.group(1)) <= 12:
        return None
    month = int(m.group(1))
    year = min((around.year - 1, around.year, around.year + 1),
               key=lambda y: abs((y * 12 + month) - (around.year * 12 + around.month)))
    return year * 12 + month - 1


def special_circumstance_months(plan: CarePlan, around: dt.date) -> set[int]:
    """Months in which 第5表 records a 特段の事情 (入院・入所・拒否 …) that kept the care manager from the home visit."""
    out: set[int] = set()
    if plan.table5 is None:
        return out
    for e in plan.table5.entries:
        text = f"{e.item.value or ''} {e.content.value or ''}"
        if not re.search(SPECIAL, norm(text)):
            continue
        m = _entry_month(e.date.value or "", around)
        if m is not None:
            out.add(m)
    return out


AWAY = r"入院|入所"  # a monitoring done, but not at home: seen in hospital or in a facility
_MONTH_IN_NOTE = re.compile(r"(\d{1,2})月")


def monitoring_note_months(plan: CarePlan, around: dt.date) -> set[int]:
    """Months whose monitoring row says why the home could not be visited (入院・入所・拒否 …): a row without 実施日
    (its planned month, else the first 「N月」 in its text, in the year nearest the plan's start), or a row whose
    実施日 records a meeting elsewhere because of it (「病院で面会（入院中）」: that month)."""
    out: set[int] = set()
    for r in plan.monitoring.rows if plan.monitoring else []:
        note = norm(r.note.value if isinstance(r.note.value, str) else (r.note.raw or ""))
        done = r.done_on.value
        if isinstance(done, dt.date):
            method = norm(r.method.value if isinstance(r.method.value, str) else (r.method.raw or ""))
            if re.search(AWAY, method) or re.search(AWAY, note.split("。")[0]):
                out.add(done.year * 12 + done.month - 1)
            continue
        if done is not None or not re.search(SPECIAL, note):
            continue
        if isinstance(r.planned_on.value, dt.date):
            out.add(r.planned_on.value.year * 12 + r.planned_on.value.month - 1)
            continue
        m = _MONTH_IN_NOTE.search(note)
        if m and 1 <= int(m.group(1)) <= 12:
            mo = int(m.group(1))
            year = min((around.year - 1, around.year, around.year + 1),
                       key=lambda y: abs((y * 12 + mo) - (around.year * 12 + around.month)))
            out.add(year * 12 + mo - 1)
    return out


def excused_months(plan: CarePlan, around: dt.date) -> set[int]:
    """Months (year*12+month-1) a 特段の事情 (入院・入所・拒否 …) kept the care manager from the home, as recorded in
    第5表 or in a monitoring row without 実施日 — the monitoring (and an evaluation due then) is excused."""
    return special_circumstance_months(plan, around) | monitoring_note_months(plan, around)


def dated_support_texts(plan: CarePlan, around: dt.date) -> list[tuple[int | None, str]]:
    """第5表 entries as (month or None when its date cannot be read, 項目 + 内容)."""
    if plan.table5 is None:
        return []
    return [(_entry_month(e.date.value or "", around), f"{e.item.value or ''} {e.content.value or ''}")
            for e in plan.table5.entries]
