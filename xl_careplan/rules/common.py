"""Helpers shared by the rule modules: the text a care manager wrote, blanks, quoting, 和暦 in messages,
where a finding goes when a field was not found, and the walk over a model for unreadable values.

Domain facts (service kinds, 生活援助, 告示 limits, eras) live in ``xl_careplan.domain``; the test-case type
and patch helpers in ``xl_careplan.rules.cases``; the cited documents in ``xl_careplan.rules.sources``.
Rules read the CarePlan model only; nothing here touches cells or openpyxl.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Iterator

from xl_careplan.domain.services import classify_service, is_living_support, norm, service_kind
from xl_careplan.findings import Finding
from xl_careplan.jpdate import jp_date, jp_month
from xl_careplan.located import Loc, Located
from xl_careplan.models import CarePlan, fields_of
from xl_careplan.record import is_record, is_record_class
# the case type and patch helpers, for modules written before they had a module of their own
from xl_careplan.rules.cases import Case, chain, clear, period, setv, unreadable, where
from xl_careplan.values import Period

if TYPE_CHECKING:
    from xl_careplan.rules.base import Context, Rule

__all__ = [
    "Case", "chain", "classify_service", "clear", "is_blank", "is_living_support", "norm", "period", "quote",
    "service_kind", "setv", "text_of", "unreadable", "wareki", "wareki_month", "where",
]

# ---------------------------------------------------------------- text


def text_of(v: Located[Any]) -> str:
    """The text a care manager wrote: the value when it is a string, else the raw cell text."""
    if isinstance(v.value, str):
        return v.value
    return v.raw or ""


def is_blank(v: Located[Any]) -> bool:
    """Nothing written at all. A value that could not be parsed is not blank (CP102 / CP104 report it)."""
    if v.value is not None:
        return isinstance(v.value, str) and not v.value.strip()
    return not (v.raw or "").strip()


def quote(text: str | None, limit: int = 30) -> str:
    t = (text or "").strip().replace("\n", " ")
    return t if len(t) <= limit else t[: limit - 1] + "…"


# ---------------------------------------------------------------- dates

def wareki(d: dt.date | None) -> str:
    """2026-04-01 -> 2026年4月1日: the one date style users see (``xl_careplan.jpdate``)."""
    return jp_date(d)


def wareki_month(year: int, month: int) -> str:
    return jp_month(year, month)


def period_text(p: Period | None) -> str:
    if p is None:
        return "（空欄）"
    if p.end is None and p.start is not None:
        return f"{wareki(p.start)}～"  # 開始時期のみ (記載要領)
    return f"{wareki(p.start)}～{wareki(p.end)}"


# a day or so over whole months is whole months: 「R8.4.30～R8.10.31」 (month end to month end) is 6か月 as written
WHOLE_MONTH_SLACK = 0.05


def months_text(m: float) -> str:
    """9.0 -> 9か月, 6.5 -> 約6.5か月."""
    if abs(m - round(m)) < WHOLE_MONTH_SLACK:
        return f"{int(round(m))}か月"
    return f"約{m:.1f}か月"


def month_index(d: dt.date) -> int:
    return d.year * 12 + d.month - 1


def month_of(index: int) -> tuple[int, int]:
    return index // 12, index % 12 + 1


def located_problems(obj: Any) -> list[Located[Any]]:
    """The Located values with a ``problem`` in a model tree, in the order of ``iter_located`` (CP102)."""
    out: list[Located[Any]] = []
    _collect_problems(obj, out)
    return out


def _collect_problems(o: Any, out: list) -> None:
    if isinstance(o, Located):
        if o.problem:
            out.append(o)
    elif is_record(o):
        for name in _walk_fields(type(o)):
            v = getattr(o, name)
            if isinstance(v, Located):
                if v.problem:
                    out.append(v)
            elif v is not None:
                _collect_problems(v, out)
    elif isinstance(o, list):
        for x in o:
            _collect_problems(x, out)


_LEAF_TYPES = (str, int, float, bool, dt.date, dt.time, type(None))


def _may_hold_located(ann: Any) -> bool:
    """False only for annotations that cannot hold a model or a list of them (str, int | None, …)."""
    import enum
    import typing

    if isinstance(ann, type):
        if issubclass(ann, _LEAF_TYPES) or issubclass(ann, enum.Enum):
            return False
        if issubclass(ann, list) or is_record_class(ann):
            return True
    args = typing.get_args(ann)
    if args and typing.get_origin(ann) in (typing.Union, getattr(__import__("types"), "UnionType", None)):
        return any(_may_hold_located(a) for a in args)
    return True  # anything else (list[...], Any, …): walk it


@lru_cache(maxsize=None)
def _walk_fields(cls: type) -> tuple[str, ...]:
    """The fields of a model class that may hold Located values, in declaration order."""
    return tuple(name for name, f in fields_of(cls).items() if _may_hold_located(f.annotation))


def iter_located(obj: Any, path: str = "") -> Iterator[tuple[str, Located[Any]]]:
    """Every Located in a model tree, with a dotted path (for CP102)."""
    if isinstance(obj, Located):
        yield path, obj
        return
    if is_record(obj):
        for name in fields_of(type(obj)):
            yield from iter_located(getattr(obj, name), f"{path}.{name}" if path else name)
    elif isinstance(obj, list):
        for i, item in enumerate(obj):
            yield from iter_located(item, f"{path}[{i}]")



# ---------------------------------------------------------------- plan facts rules share


def table1_sheet(plan: CarePlan) -> str | None:
    """The sheet 第1表 was read from (None when no field of it was found)."""
    for name in fields_of(type(plan.table1)):
        v = getattr(plan.table1, name)
        if v.loc is not None:
            return v.loc.sheet
    return None


def applying(plan: CarePlan) -> bool:
    """申請中 (認定の結果待ち): the care level and period cannot be written yet."""
    status = (plan.table1.certification_status.value or "").strip()
    return status.startswith("申請")


def finding_at(rule: "Rule", ctx: "Context", v: Located, sheet: str | None, message: str) -> Finding:
    """At the value's cell; when the field was not found at all, at the sheet only."""
    if v.loc is not None:
        return rule.finding(ctx, v.loc, message)
    f = rule.finding(ctx, None, message)
    f.sheet = sheet
    return f


def at_sheet(rule: "Rule", ctx: "Context", loc: Loc | None, sheet: str | None, message: str) -> Finding:
    """At ``loc``; without one, at ``sheet`` only."""
    f = rule.finding(ctx, loc, message)
    if loc is None:
        f.sheet = sheet
    return f
