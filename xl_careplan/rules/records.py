"""What the plan's records say: the texts of 第4表 (サービス担当者会議の要点) and 第5表 (居宅介護支援経過) that
rules search for a 照会, a 主治医の意見・指示 or a 例外給付 basis. Not rules: helpers for the rules that need them.

A rule that looks for a record only speaks when the records were read at all (``records_read``): a workbook
without 第4表 and 第5表 may keep them elsewhere, and an absence we cannot see is not an error.
"""

from __future__ import annotations

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
